// The calendar module's plain parts: the schedule CSV format (import problems by line, export
// read back), the query parameters, the deadline question the calculator/API/CLI ask
// (Civil Code 2015 Art. 147–148, Decree 61/2018/NĐ-CP Art. 18), CalendarSource's snapshots, and
// the schedule use cases on a migrated database (one transaction, audit record, version bump).
#include <gtest/gtest.h>

#include "core/auth/clock.h"
#include "core/calendar/source.h"
#include "modules/calendar/query.h"
#include "modules/calendar/schedule_csv.h"
#include "modules/calendar/store.h"
#include "modules/calendar/usecases.h"
#include "temp_db.h"

namespace tinhso::calendar {
namespace {

using calendar::Date;
using calendar::make_date;

Date d(int y, unsigned m, unsigned day) { return make_date(y, m, day); }

TEST(ScheduleCsv, ReadsDaysSortedWithQuotesBomAndCrlf) {
  auto r = parse_schedule_csv(
      "\xEF\xBB\xBF" "Date,Kind,Reason,Note\r\n2026-01-10,work,swap,\r\n2026-01-02,off,swap,\"Hoán đổi, 10/01\"\r\n", 2026);
  ASSERT_TRUE(r.problems.empty());
  ASSERT_EQ(r.days.size(), 2u);
  EXPECT_EQ(r.days[0], (calendar::ScheduleDay{d(2026, 1, 2), calendar::DayKind::off, calendar::Reason::swap, "Hoán đổi, 10/01"}));
  EXPECT_EQ(r.days[1].date, d(2026, 1, 10));
}

TEST(ScheduleCsv, EveryProblemWithItsLineAndNothingElse) {
  struct Case {
    const char* name;
    std::string text;
    std::vector<RowProblem> want;
  } cases[] = {
      {"header", "day,kind,reason,note\n2026-01-01,off,new_year,\n", {{1, "calendar.error.csv_header"}}},
      {"columns", "date,kind,reason\n", {{1, "calendar.error.csv_header"}}},
      {"csv syntax", "date,kind,reason,note\n2026-01-01,off,\"new_year,\n", {{2, "csv.unterminated_quote"}}},
      {"bad values",
       "date,kind,reason,note\n2026-02-30,off,tet,\n2026-01-05,maybe,nope,\n2025-12-31,off,other,\n",
       {{2, "calendar.error.date"}, {3, "calendar.error.kind"}, {3, "calendar.error.reason"}, {4, "calendar.error.outside_year"}}},
      {"weekday rules and duplicates",
       "date,kind,reason,note\n2026-01-03,off,swap,\n2026-01-05,work,swap,\n2026-01-01,off,new_year,\n2026-01-01,off,other,\n",
       {{2, "calendar.error.off_on_weekend"}, {3, "calendar.error.work_on_weekday"}, {5, "calendar.error.duplicate"}}},
      {"long note", "date,kind,reason,note\n2026-01-01,off,new_year," + std::string(501, 'x') + "\n", {{2, "calendar.error.note"}}},
  };
  for (const auto& c : cases) {
    auto r = parse_schedule_csv(c.text, 2026);
    EXPECT_EQ(r.problems, c.want) << c.name;
    EXPECT_TRUE(r.days.empty()) << c.name;
  }
}

TEST(ScheduleCsv, ExportReadsBackTheSameDaysAndDefusesFormulas) {
  calendar::OfficialSchedule s{2026, "x", {{d(2026, 1, 1), calendar::DayKind::off, calendar::Reason::new_year, "=1+1"},
                                          {d(2026, 1, 10), calendar::DayKind::work, calendar::Reason::swap, "a \"b\", c"}}};
  std::string csv = schedule_to_csv(s);
  EXPECT_NE(csv.find("2026-01-01,off,new_year,\"'=1+1\"\r\n"), std::string::npos) << csv;
  auto r = parse_schedule_csv(csv, 2026);
  ASSERT_TRUE(r.problems.empty());
  EXPECT_EQ(r.days, s.days);
}

TEST(CalendarQuery, Parameters) {
  EXPECT_EQ(parse_amount("0"), 0);
  EXPECT_EQ(parse_amount("3650"), 3650);
  for (const char* bad : {"", "3651", "-1", "+1", " 1", "1.5", "1e3", "abc", "99999999999"})
    EXPECT_FALSE(parse_amount(bad)) << bad;
  EXPECT_EQ(parse_year("1900"), 1900);
  EXPECT_EQ(parse_year("2199"), 2199);
  for (const char* bad : {"1899", "2200", "26", "02026", "２０２６"}) EXPECT_FALSE(parse_year(bad)) << bad;
  EXPECT_EQ(parse_month("2026-02"), std::chrono::year(2026) / std::chrono::February);
  for (const char* bad : {"2026-13", "2026-00", "2026-2", "2200-01", "2026/02", ""}) EXPECT_FALSE(parse_month(bad)) << bad;
  EXPECT_EQ(parse_year_and_month("2026", "2"), std::chrono::year(2026) / std::chrono::February);
  EXPECT_FALSE(parse_year_and_month("2026", "13"));
  EXPECT_EQ(format_minutes(std::chrono::minutes(15 * 60)), "15:00");
  EXPECT_EQ(format_minutes(std::chrono::minutes(9 * 60 + 5)), "09:05");
}

// Tết 2026: weekdays 16–20/2 off (LAW.md §1), Saturday 10/1/2026 worked.
calendar::OfficialSchedule schedule_2026() {
  calendar::OfficialSchedule s{2026, "", {}};
  for (unsigned day = 16; day <= 20; ++day) s.days.push_back({d(2026, 2, day), calendar::DayKind::off, calendar::Reason::tet, ""});
  s.days.push_back({d(2026, 1, 10), calendar::DayKind::work, calendar::Reason::swap, ""});
  std::sort(s.days.begin(), s.days.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  return s;
}

TEST(CalendarQuery, DueAcrossTetWithTheCutOff) {
  calendar::WorkCalendar cal({}, {schedule_2026()});
  calendar::DeadlineRules rules;  // 15:00
  using calendar::LocalMoment;
  using calendar::Unit;
  auto at = [](Date day, int h, int m) { return LocalMoment{day, std::chrono::minutes(h * 60 + m)}; };
  auto r = compute_due(cal, rules, {d(2026, 2, 13), std::nullopt}, {Unit::working_days, 3});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->due, d(2026, 2, 25));
  EXPECT_FALSE(r->after_cutoff);
  r = compute_due(cal, rules, at(d(2026, 2, 13), 15, 0), {Unit::working_days, 3});
  EXPECT_EQ(r->received, d(2026, 2, 23));
  EXPECT_EQ(r->due, d(2026, 2, 26));
  EXPECT_TRUE(r->after_cutoff);
  r = compute_due(cal, rules, at(d(2026, 2, 13), 14, 59), {Unit::working_days, 3});
  EXPECT_EQ(r->due, d(2026, 2, 25));
  EXPECT_FALSE(r->after_cutoff);
  r = compute_due(cal, {std::nullopt}, at(d(2026, 2, 13), 16, 30), {Unit::working_days, 3});
  EXPECT_EQ(r->due, d(2026, 2, 25)) << "no cut-off";
  r = compute_due(cal, rules, {d(2026, 2, 13), std::nullopt}, {Unit::days, 3});
  EXPECT_EQ(r->due, d(2026, 2, 23));
  EXPECT_EQ(r->rolled_from, d(2026, 2, 16));
  r = compute_due(cal, rules, {d(2026, 1, 9), std::nullopt}, {Unit::working_days, 1});
  EXPECT_EQ(r->due, d(2026, 1, 10)) << "a Saturday worked counts";
  EXPECT_FALSE(compute_due(cal, rules, {d(2199, 12, 30), std::nullopt}, {Unit::working_days, 10}));
}

TEST(CalendarSource, SnapshotsSurviveAReplace) {
  calendar::CalendarSource source({}, {});
  auto before = source.current();
  EXPECT_FALSE(before->has_official_schedule(2026));
  source.replace({schedule_2026()});
  EXPECT_TRUE(source.current()->has_official_schedule(2026));
  EXPECT_FALSE(before->has_official_schedule(2026)) << "a snapshot taken earlier does not change";
  calendar::OfficialSchedule bad{2026, "", {{d(2026, 1, 3), calendar::DayKind::off, calendar::Reason::swap, ""}}};
  EXPECT_THROW(source.replace({bad}), std::invalid_argument);
  EXPECT_TRUE(source.current()->has_official_schedule(2026)) << "a refused replace keeps the current calendar";
}

class ScheduleUseCases : public ::testing::Test {
 protected:
  testing::TempDb t;
  std::vector<audit::Change> audited;
  Actor who{"admin@example.vn", "2026-11-26T10:00:00Z",
            [this](soci::session&, const audit::Change& c) { audited.push_back(c); }};

  template <class F>
  auto run(F&& f) {
    return t.db().transaction([&](soci::session& s) { return f(s); });
  }
  std::int64_t version() {
    return t.db().with_session([](soci::session& s) { return schedules_version(s); });
  }
};

TEST_F(ScheduleUseCases, ShippedSchedulesAreValid) {
  auto all = t.db().with_session([](soci::session& s) { return load_schedules(s); });
  ASSERT_EQ(all.size(), 3u);
  for (const auto& i : all) {
    EXPECT_TRUE(calendar::check_schedule(i.schedule).empty()) << i.schedule.year;
    EXPECT_FALSE(i.schedule.source.empty()) << i.schedule.year;
  }
}

TEST_F(ScheduleUseCases, EachChangeIsAuditedAndBumpsTheVersion) {
  auto v0 = version();
  EXPECT_EQ(run([&](soci::session& s) { return create_schedule(s, 2030, "src", true, {}, who); }).status, Status::done);
  EXPECT_EQ(run([&](soci::session& s) { return create_schedule(s, 2030, "", false, {}, who); }).status, Status::invalid);
  calendar::ScheduleDay sat{d(2030, 1, 5), calendar::DayKind::work, calendar::Reason::swap, ""};
  EXPECT_EQ(run([&](soci::session& s) { return put_day(s, 2030, sat, std::nullopt, who); }).status, Status::done);
  calendar::ScheduleDay sat_off{d(2030, 1, 12), calendar::DayKind::off, calendar::Reason::swap, ""};
  auto refused = run([&](soci::session& s) { return put_day(s, 2030, sat_off, std::nullopt, who); });
  EXPECT_EQ(refused.status, Status::invalid);
  EXPECT_EQ(refused.problems.at(0).message_id, "calendar.error.off_on_weekend");
  EXPECT_EQ(run([&](soci::session& s) { return remove_day(s, 2030, d(2030, 1, 6), who); }).status, Status::not_found);
  EXPECT_EQ(run([&](soci::session& s) { return remove_day(s, 2030, d(2030, 1, 5), who); }).status, Status::done);
  auto imported = run([&](soci::session& s) { return import_schedule(s, 2030, "date,kind,reason,note\n2030-01-01,off,new_year,\n", who); });
  EXPECT_EQ(imported.days, 1u);
  EXPECT_EQ(run([&](soci::session& s) { return remove_schedule(s, 2030, who); }).status, Status::done);
  EXPECT_EQ(run([&](soci::session& s) { return remove_schedule(s, 2030, who); }).status, Status::not_found);
  std::vector<std::string> actions;
  for (const auto& c : audited) actions.push_back(c.action + " " + c.object_id);
  EXPECT_EQ(actions, (std::vector<std::string>{"calendar_schedule.create 2030", "calendar_day.create 2030-01-05",
                                               "calendar_day.delete 2030-01-05", "calendar_schedule.import 2030",
                                               "calendar_schedule.delete 2030"}));
  EXPECT_EQ(version(), v0 + 5);
}

}  // namespace
}  // namespace tinhso::calendar
