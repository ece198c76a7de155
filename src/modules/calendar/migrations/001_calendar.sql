-- Official yearly holiday schedules (Labor Code 45/2019/QH14 Art. 112(3): the Prime Minister fixes
-- the Tết days and the extra National Day each year; bridge days are swapped against Saturdays by
-- official letter). A schedule replaces the law-generated days of its year entirely; a year
-- without one uses the generated days (src/core/calendar/holidays.h).
-- Dates are ISO text 'YYYY-MM-DD', times ISO-8601 UTC text, as everywhere.
CREATE TABLE calendar_schedules (
  id @ID_PRIMARY_KEY@,
  year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 1900 AND 2199),
  source TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

-- The days that differ from the Monday–Friday week: a weekday off, or a Saturday/Sunday worked.
-- The reason codes are calendar::Reason (holidays.h); the application checks each schedule with
-- check_schedule (off only Monday–Friday, work only on a weekend) before writing it.
CREATE TABLE calendar_days (
  id @ID_PRIMARY_KEY@,
  schedule_id BIGINT NOT NULL REFERENCES calendar_schedules (id) ON DELETE CASCADE,
  day TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
  reason TEXT NOT NULL CHECK (reason IN ('new_year', 'tet', 'hung_kings', 'reunification', 'labour_day',
                                         'national_day', 'compensatory', 'swap', 'other')),
  note TEXT NOT NULL DEFAULT '',
  CHECK (substr(day, 1, 4) = CAST(year AS TEXT))
);
CREATE INDEX calendar_days_schedule ON calendar_days (schedule_id);

-- Bumped in the transaction of every change to the two tables above: each app node polls it and
-- rebuilds its calendar when it moved, so that nodes sharing one database agree.
CREATE TABLE calendar_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO calendar_version (id, version) VALUES (1, 1);
