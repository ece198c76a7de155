-- The official civil-servant schedules of 2024, 2025 and 2026 (../shared/domain/LAW.md §1, graded M:
-- the notices as reported by official and press sites; each schedule names its source). Weekdays off
-- besides weekends, and Saturdays worked. Administrators edit them at /admin/calendar; the command
-- line reads them from here (`tinhso calendar …` without --db applies these migrations to a private
-- in-memory database), so this file is the one copy of the shipped data.

INSERT INTO calendar_schedules (year, source, updated_at, updated_by)
  VALUES (2024, 'Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 (Tết Âm lịch, Quốc khánh); Công văn 2450/VPCP-KGVX ngày 12/4/2024 (hoán đổi ngày làm việc dịp 30/4–1/5)', '2026-11-26T00:00:00Z', 'tinhso');
INSERT INTO calendar_days (schedule_id, day, year, kind, reason, note)
  SELECT id, '2024-01-01', 2024, 'off', 'new_year', 'Tết Dương lịch' FROM calendar_schedules WHERE year = 2024
  UNION ALL
  SELECT id, '2024-02-08', 2024, 'off', 'tet', 'Tết Giáp Thìn: 29 tháng Chạp' FROM calendar_schedules WHERE year = 2024
  UNION ALL
  SELECT id, '2024-02-09', 2024, 'off', 'tet', 'Tết Giáp Thìn: 30 tháng Chạp' FROM calendar_schedules WHERE year = 2024
  UNION ALL
  SELECT id, '2024-02-12', 2024, 'off', 'tet', 'Tết Giáp Thìn: mùng 3 (nghỉ bù ngày nghỉ hằng tuần, Điều 111(3))' FROM calendar_schedules WHERE year = 2024
  UNION ALL
  SELECT id, '2024-02-13', 2024, 'off', 'tet', 'Tết Giáp Thìn: mùng 4 (nghỉ bù ngày nghỉ hằng tuần, Điều 111(3))' FROM calendar_schedules WHERE year = 2024
  UNION ALL
  SELECT id, '2024-02-14', 2024, 'off', 'tet', 'Tết Giáp Thìn: mùng 5' FROM calendar_schedules WHERE year = 2024
  UNION ALL
  SELECT id, '2024-04-18', 2024, 'off', 'hung_kings', 'Giỗ Tổ Hùng Vương 10/3 âm lịch' FROM calendar_schedules WHERE year = 2024
  UNION ALL
  SELECT id, '2024-04-29', 2024, 'off', 'swap', 'Hoán đổi với thứ Bảy 04/5/2024' FROM calendar_schedules WHERE year = 2024
  UNION ALL
  SELECT id, '2024-04-30', 2024, 'off', 'reunification', '' FROM calendar_schedules WHERE year = 2024
  UNION ALL
  SELECT id, '2024-05-01', 2024, 'off', 'labour_day', '' FROM calendar_schedules WHERE year = 2024
  UNION ALL
  SELECT id, '2024-05-04', 2024, 'work', 'swap', 'Làm bù cho thứ Hai 29/4/2024' FROM calendar_schedules WHERE year = 2024
  UNION ALL
  SELECT id, '2024-09-02', 2024, 'off', 'national_day', '' FROM calendar_schedules WHERE year = 2024
  UNION ALL
  SELECT id, '2024-09-03', 2024, 'off', 'national_day', 'Ngày liền kề sau 2/9' FROM calendar_schedules WHERE year = 2024;
INSERT INTO calendar_schedules (year, source, updated_at, updated_by)
  VALUES (2025, 'Thông báo 6150/TB-LĐTBXH năm 2024, theo Công văn 8726/VPCP-KGVX năm 2024 (Tết Âm lịch, 30/4–1/5, Quốc khánh 2025)', '2026-11-26T00:00:00Z', 'tinhso');
INSERT INTO calendar_days (schedule_id, day, year, kind, reason, note)
  SELECT id, '2025-01-01', 2025, 'off', 'new_year', 'Tết Dương lịch' FROM calendar_schedules WHERE year = 2025
  UNION ALL
  SELECT id, '2025-01-27', 2025, 'off', 'tet', 'Tết Ất Tỵ: 28 tháng Chạp' FROM calendar_schedules WHERE year = 2025
  UNION ALL
  SELECT id, '2025-01-28', 2025, 'off', 'tet', 'Tết Ất Tỵ: 29 tháng Chạp' FROM calendar_schedules WHERE year = 2025
  UNION ALL
  SELECT id, '2025-01-29', 2025, 'off', 'tet', 'Tết Ất Tỵ: mùng 1' FROM calendar_schedules WHERE year = 2025
  UNION ALL
  SELECT id, '2025-01-30', 2025, 'off', 'tet', 'Tết Ất Tỵ: mùng 2' FROM calendar_schedules WHERE year = 2025
  UNION ALL
  SELECT id, '2025-01-31', 2025, 'off', 'tet', 'Tết Ất Tỵ: mùng 3' FROM calendar_schedules WHERE year = 2025
  UNION ALL
  SELECT id, '2025-04-07', 2025, 'off', 'hung_kings', 'Giỗ Tổ Hùng Vương 10/3 âm lịch' FROM calendar_schedules WHERE year = 2025
  UNION ALL
  SELECT id, '2025-04-26', 2025, 'work', 'swap', 'Làm bù cho thứ Sáu 02/5/2025' FROM calendar_schedules WHERE year = 2025
  UNION ALL
  SELECT id, '2025-04-30', 2025, 'off', 'reunification', '' FROM calendar_schedules WHERE year = 2025
  UNION ALL
  SELECT id, '2025-05-01', 2025, 'off', 'labour_day', '' FROM calendar_schedules WHERE year = 2025
  UNION ALL
  SELECT id, '2025-05-02', 2025, 'off', 'swap', 'Hoán đổi với thứ Bảy 26/4/2025' FROM calendar_schedules WHERE year = 2025
  UNION ALL
  SELECT id, '2025-09-01', 2025, 'off', 'national_day', 'Ngày liền kề trước 2/9' FROM calendar_schedules WHERE year = 2025
  UNION ALL
  SELECT id, '2025-09-02', 2025, 'off', 'national_day', '' FROM calendar_schedules WHERE year = 2025;
INSERT INTO calendar_schedules (year, source, updated_at, updated_by)
  VALUES (2026, 'Văn bản của Văn phòng Chính phủ tháng 10/2025 truyền đạt ý kiến Thủ tướng (Tết Âm lịch, Quốc khánh 2026); Công văn 12729/VPCP-KGVX ngày 25/12/2025 (Tết Dương lịch 2026)', '2026-11-26T00:00:00Z', 'tinhso');
INSERT INTO calendar_days (schedule_id, day, year, kind, reason, note)
  SELECT id, '2026-01-01', 2026, 'off', 'new_year', 'Tết Dương lịch' FROM calendar_schedules WHERE year = 2026
  UNION ALL
  SELECT id, '2026-01-02', 2026, 'off', 'swap', 'Hoán đổi với thứ Bảy 10/01/2026' FROM calendar_schedules WHERE year = 2026
  UNION ALL
  SELECT id, '2026-01-10', 2026, 'work', 'swap', 'Làm bù cho thứ Sáu 02/01/2026' FROM calendar_schedules WHERE year = 2026
  UNION ALL
  SELECT id, '2026-02-16', 2026, 'off', 'tet', 'Tết Bính Ngọ: 29 tháng Chạp' FROM calendar_schedules WHERE year = 2026
  UNION ALL
  SELECT id, '2026-02-17', 2026, 'off', 'tet', 'Tết Bính Ngọ: mùng 1' FROM calendar_schedules WHERE year = 2026
  UNION ALL
  SELECT id, '2026-02-18', 2026, 'off', 'tet', 'Tết Bính Ngọ: mùng 2' FROM calendar_schedules WHERE year = 2026
  UNION ALL
  SELECT id, '2026-02-19', 2026, 'off', 'tet', 'Tết Bính Ngọ: mùng 3' FROM calendar_schedules WHERE year = 2026
  UNION ALL
  SELECT id, '2026-02-20', 2026, 'off', 'tet', 'Tết Bính Ngọ: mùng 4' FROM calendar_schedules WHERE year = 2026
  UNION ALL
  SELECT id, '2026-04-27', 2026, 'off', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương (Chủ nhật 26/4/2026), Điều 111(3)' FROM calendar_schedules WHERE year = 2026
  UNION ALL
  SELECT id, '2026-04-30', 2026, 'off', 'reunification', '' FROM calendar_schedules WHERE year = 2026
  UNION ALL
  SELECT id, '2026-05-01', 2026, 'off', 'labour_day', '' FROM calendar_schedules WHERE year = 2026
  UNION ALL
  SELECT id, '2026-08-22', 2026, 'work', 'swap', 'Làm bù cho thứ Hai 31/8/2026' FROM calendar_schedules WHERE year = 2026
  UNION ALL
  SELECT id, '2026-08-31', 2026, 'off', 'swap', 'Hoán đổi với thứ Bảy 22/8/2026' FROM calendar_schedules WHERE year = 2026
  UNION ALL
  SELECT id, '2026-09-01', 2026, 'off', 'national_day', 'Ngày liền kề trước 2/9' FROM calendar_schedules WHERE year = 2026
  UNION ALL
  SELECT id, '2026-09-02', 2026, 'off', 'national_day', '' FROM calendar_schedules WHERE year = 2026;
UPDATE calendar_version SET version = version + 1 WHERE id = 1;
