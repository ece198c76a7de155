// The indicators module's use cases on a real database of each dialect (issue 17 §1–3): entering a
// value, approval by another leader, corrections that keep every version, rejection, the late
// flag, targets and the catalogue import — each with its audit record.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "core/auth/clock.h"
#include "core/calendar/working_calendar.h"
#include "core/document/xlsx.h"
#include "core/util/embedded.h"
#include "modules/indicators/catalogue_file.h"
#include "modules/indicators/store.h"
#include "modules/indicators/usecases.h"
#include "temp_db.h"

namespace tinhso {
const std::vector<EmbeddedFile>& embedded_indicators_data();
}  // namespace tinhso

namespace tinhso::indicators {
namespace {

using namespace std::chrono_literals;

class IndicatorUseCases : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    TINHSO_SKIP_UNLESS_AVAILABLE(GetParam());
    tmp = std::make_unique<testing::TempDb>(GetParam());
    tmp->exec(
        "INSERT INTO admin_units (code, name, level, valid_from) VALUES ('25', 'Tỉnh Phú Thọ', 'province', '2025-07-01');"
        "INSERT INTO agencies (code, name, kind, admin_unit_id) VALUES ('SO-KHCN', 'Sở KHCN', 'department', 1);"
        "INSERT INTO accounts (email, full_name, kind, status, created_at, updated_at) VALUES"
        " ('cv@example.vn', 'Chuyên viên', 'staff', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
        "INSERT INTO accounts (email, full_name, kind, status, created_at, updated_at) VALUES"
        " ('ld@example.vn', 'Lãnh đạo', 'staff', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');");
    const std::string csv =
        "code,name,name_en,definition,unit,unit_en,direction,frequency,aggregation,agency,group,legal_basis,source,"
        "numerator,denominator,scale,decimals,dashboard_rank,public,note\n"
        "CDS-KY-SO,Tỷ lệ văn bản ký số,Signed,,%,%,higher,month,mean,SO-KHCN,digital,,manual,,,1,1,1,1,\n"
        "HS-DUNG-HAN,Đúng hạn,On time,,%,%,higher,month,ratio,,digital,,computed,dossiers.on_time,dossiers.returned,"
        "100,1,2,1,\n";
    auto parsed = parse_catalogue(csv);
    ASSERT_TRUE(parsed.problems.empty()) << parsed.problems.front().message_id << parsed.problems.front().detail;
    run([&](const Env& env) {
      auto r = import_catalogue(env, parsed.rows);
      ASSERT_TRUE(r.problems.empty());
      EXPECT_EQ(r.created, 2);
    });
    EXPECT_EQ(audits, 2);
  }

  template <class F>
  void run(F&& f) {
    tmp->db().transaction([&](soci::session& s) {
      const Env env{s, clock, cal, recorder, 2};
      f(env);
    });
  }
  EnterResult enter(const std::string& period, const std::string& value, const std::string& reason = "",
                    std::int64_t by = kSpecialist) {
    EnterResult r;
    run([&](const Env& env) {
      r = enter_value(env, {"CDS-KY-SO", 0, period, value, "Báo cáo của Sở", reason, "", "", by},
                      [](const Indicator&) { return true; });
    });
    return r;
  }
  DecideOutcome decide_as(std::int64_t id, Decision d, std::int64_t by, const std::string& note = "") {
    DecideOutcome o{};
    run([&](const Env& env) {
      o = decide(env, id, d, note, by, [&](const Indicator&, const Value& v) { return v.entered_by != by; });
    });
    return o;
  }
  std::vector<Value> history() {
    return tmp->db().with_session([](soci::session& s) {
      auto i = find_indicator(s, "CDS-KY-SO");
      return value_history(s, i->id, 100);
    });
  }

  static constexpr std::int64_t kSpecialist = 1, kLeader = 2;
  // Mon 7 Dec 2026, 10:00 in Viet Nam.
  auth::FakeClock clock{auth::parse_iso_utc("2026-12-07T03:00:00Z")};
  calendar::WorkCalendar cal{calendar::HolidayRules{}, {}};
  int audits = 0;
  audit::Recorder recorder = [this](soci::session&, const audit::Change&) { ++audits; };
  std::unique_ptr<testing::TempDb> tmp;
};

TEST_P(IndicatorUseCases, EnterApproveCorrectKeepsEveryVersion) {
  EnterResult first = enter("2026-11", "91,5");
  ASSERT_TRUE(first.problems.empty()) << first.problems.front().message_id;
  EXPECT_EQ(first.version, 1);
  EXPECT_TRUE(first.late) << "November's value was due on Wed 2 December, the 2nd working day after it";
  EXPECT_EQ(enter("2026-11", "92").problems.front().message_id, "indicators.value.error.pending")
      << "one version waits at a time";
  EXPECT_EQ(decide_as(first.id, Decision::approve, kSpecialist), DecideOutcome::forbidden)
      << "who entered it does not approve it";
  EXPECT_EQ(decide_as(first.id, Decision::approve, kLeader), DecideOutcome::done);
  EXPECT_EQ(decide_as(first.id, Decision::approve, kLeader), DecideOutcome::not_pending);
  EXPECT_EQ(enter("2026-11", "93").problems.front().message_id, "indicators.value.error.reason")
      << "a correction of an approved value needs its reason";
  EnterResult second = enter("2026-11", "93", "Sở Nội vụ gửi số liệu bổ sung");
  ASSERT_TRUE(second.problems.empty());
  EXPECT_EQ(second.version, 2);
  EXPECT_EQ(decide_as(second.id, Decision::reject, kLeader), DecideOutcome::note_required);
  EXPECT_EQ(decide_as(second.id, Decision::reject, kLeader, "Thiếu tệp minh chứng"), DecideOutcome::done);
  EnterResult third = enter("2026-11", "93,2", "Có tệp minh chứng");
  EXPECT_EQ(third.version, 3);
  EXPECT_EQ(decide_as(third.id, Decision::approve, kLeader), DecideOutcome::done);
  auto h = history();
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].version, 3);
  EXPECT_EQ(h[0].state, ValueState::approved);
  EXPECT_DOUBLE_EQ(h[0].value, 93.2);
  EXPECT_EQ(h[0].reason, "Có tệp minh chứng");
  EXPECT_EQ(h[1].state, ValueState::rejected);
  EXPECT_EQ(h[1].decision_note, "Thiếu tệp minh chứng");
  EXPECT_EQ(h[2].state, ValueState::superseded) << "the corrected version is kept, superseded";
  const std::int64_t indicator = h[0].indicator_id;
  auto in_force = tmp->db().with_session([&](soci::session& s) { return approved_values(s, indicator); });
  ASSERT_EQ(in_force.size(), 1u);
  EXPECT_DOUBLE_EQ(in_force[0].value, 93.2);
  EXPECT_EQ(audits, 2 + 6) << "import 2; enter 3, approve 2, reject 1; refusals record nothing";
}

TEST_P(IndicatorUseCases, LateEntriesAreFlaggedOnTheWorkingDayCalendar) {
  // October 2026 ends on Saturday 31; two working days later is Tuesday 3 November.
  clock.set(auth::parse_iso_utc("2026-11-03T09:00:00Z"));  // Tue 3 Nov, 16:00: on time
  EnterResult on_time = enter("2026-10", "90");
  ASSERT_TRUE(on_time.problems.empty());
  EXPECT_FALSE(on_time.late);
  clock.set(auth::parse_iso_utc("2026-11-03T17:30:00Z"));  // Wed 4 Nov, 00:30 in Viet Nam: late
  EnterResult late = enter("2026-09", "88");
  EXPECT_TRUE(late.late);
  auto h = history();
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].due_date, "2026-11-03");
  EXPECT_EQ(h[1].due_date, "2026-10-02") << "September 2026 ends on Wednesday 30: due Friday 2 October";
}

TEST_P(IndicatorUseCases, BadInputChangesNothing) {
  struct Case {
    const char *period, *value, *field, *message;
  };
  const Case cases[] = {
      {"2026", "1", "period", "indicators.value.error.period"},      // a year for a monthly indicator
      {"2027-01", "1", "period", "indicators.value.error.future"},
      {"2026-13", "1", "period", "indicators.value.error.period"},
      {"2026-11", "", "value", "indicators.value.error.value"},
      {"2026-11", "1e400", "value", "indicators.value.error.value"},
      {"2026-11", "12abc", "value", "indicators.value.error.value"},
      {"2026-11", "1.000.000", "value", "indicators.value.error.value"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.period) + " " + c.value);
    EnterResult r = enter(c.period, c.value);
    ASSERT_FALSE(r.problems.empty());
    EXPECT_EQ(r.problems.front().field, c.field);
    EXPECT_EQ(r.problems.front().message_id, c.message);
  }
  EXPECT_TRUE(history().empty());
  EXPECT_EQ(audits, 2);
  EnterResult forbidden;
  run([&](const Env& env) {
    forbidden = enter_value(env, {"CDS-KY-SO", 0, "2026-11", "1", "s", "", "", "", kSpecialist},
                            [](const Indicator&) { return false; });
  });
  EXPECT_EQ(forbidden.problems.front().message_id, "forbidden");
  EnterResult computed;
  run([&](const Env& env) {
    computed = enter_value(env, {"HS-DUNG-HAN", 0, "2026-11", "1", "s", "", "", "", kSpecialist},
                           [](const Indicator& i) { return !i.computed; });
  });
  EXPECT_EQ(computed.problems.front().message_id, "forbidden") << "a computed indicator takes no entries";
}

TEST_P(IndicatorUseCases, TargetsAndTheirPath) {
  TargetResult bad;
  run([&](const Env& env) { bad = set_target(env, {"CDS-KY-SO", 0, 2026, false, "x", "2027", "1", "", ""}); });
  ASSERT_EQ(bad.problems.size(), 3u) << "value, baseline year after the target's, document";
  TargetResult ok;
  run([&](const Env& env) {
    ok = set_target(env, {"CDS-KY-SO", 0, 2026, false, "98", "2025", "85", "Kế hoạch 2026", ""});
  });
  ASSERT_TRUE(ok.problems.empty());
  run([&](const Env& env) {
    set_target(env, {"CDS-KY-SO", 0, 2026, false, "97", "2025", "85", "Kế hoạch 2026 (sửa)", ""});
  });
  auto targets = tmp->db().with_session([](soci::session& s) { return load_catalogue(s).targets; });
  ASSERT_EQ(targets.size(), 1u) << "one target per indicator, unit and year";
  EXPECT_DOUBLE_EQ(targets[0].value, 97);
  EXPECT_EQ(targets[0].baseline_year, 2025);
}

TEST(IndicatorCatalogueFile, RowsAreCheckedBeforeAnythingIsWritten) {
  const std::string header =
      "code,name,name_en,definition,unit,unit_en,direction,frequency,aggregation,agency,group,legal_basis,source,"
      "numerator,denominator,scale,decimals,dashboard_rank,public,note\n";
  struct Case {
    const char* row;
    const char* message;
  };
  const Case cases[] = {
      {"A,,,,%,,higher,month,mean,X,digital,,manual,,,1,1,0,1,", "indicators.import.error.value"},      // name
      {"A,N,,,%,,up,month,mean,X,digital,,manual,,,1,1,0,1,", "indicators.import.error.value"},         // direction
      {"A,N,,,%,,higher,week,mean,X,digital,,manual,,,1,1,0,1,", "indicators.import.error.value"},      // frequency
      {"A,N,,,%,,higher,month,mean,,digital,,manual,,,1,1,0,1,", "indicators.import.error.value"},      // agency
      {"A,N,,,%,,higher,month,ratio,,digital,,computed,,,1,1,0,1,", "indicators.import.error.value"},   // formula
      {"A,N,,,%,,higher,month,ratio,,digital,,computed,a,b c,1,1,0,1,", "indicators.import.error.value"},
      {"A,N,,,%,,higher,month,ratio,,digital,,computed,,b,1,1,0,1,", "indicators.import.error.value"},  // no numerator
      {"A,N,,,%,,higher,month,mean,X,digital,,manual,,,0,1,0,1,", "indicators.import.error.value"},     // scale
      {"A,N,,,%,,higher,month,mean,X,digital,,manual,,,1,9,0,1,", "indicators.import.error.value"},     // decimals
      {"A B,N,,,%,,higher,month,mean,X,digital,,manual,,,1,1,0,1,", "indicators.import.error.value"},   // code
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.row);
    auto r = parse_catalogue(header + c.row + "\n");
    ASSERT_FALSE(r.problems.empty());
    EXPECT_EQ(r.problems.front().message_id, c.message);
    EXPECT_EQ(r.problems.front().line, 2u);
  }
  auto dup = parse_catalogue(header + "A,N,,,%,,higher,month,mean,X,digital,,manual,,,1,1,0,1,\n" +
                             "A,N,,,%,,higher,month,mean,X,digital,,manual,,,1,1,0,1,\n");
  EXPECT_EQ(dup.problems.front().message_id, "indicators.import.error.duplicate");
  EXPECT_EQ(parse_catalogue("code,name\nA,B\n").problems.front().message_id, "indicators.import.error.header");
  // Export and import give the same rows back.
  auto good = parse_catalogue(header + "A,\"N, có dấu phẩy\",,=SUM(1),%,,higher,month,mean,X,digital,,manual,,,1,1,0,1,\n");
  ASSERT_TRUE(good.problems.empty());
  const std::string out = catalogue_csv({good.rows[0].indicator}, {{0, "X"}});
  auto back = parse_catalogue(out);
  ASSERT_TRUE(back.problems.empty()) << back.problems.front().message_id << back.problems.front().detail;
  EXPECT_EQ(back.rows[0].indicator.name, "N, có dấu phẩy");
  EXPECT_NE(out.find("\"'=SUM(1)\""), std::string::npos) << "CSV injection is neutralised on export";
  EXPECT_EQ(back.rows[0].indicator.definition, "=SUM(1)") << "and the import reads the value back";
}

// The XLSX export (the admin page's layout: the header row, one indicator per row) imports back
// to the same indicators; a workbook that is not one is one problem, never a crash.
TEST(IndicatorCatalogueFile, AnXlsxExportImportsBack) {
  // The demo province's catalogue (data/indicators/catalogue.csv, embedded in the module).
  const auto& files = embedded_indicators_data();
  const auto file = std::find_if(files.begin(), files.end(),
                                 [](const EmbeddedFile& f) { return f.path == "indicators/catalogue.csv"; });
  ASSERT_NE(file, files.end());
  const auto csv = parse_catalogue(file->data);
  ASSERT_TRUE(csv.problems.empty());
  document::Sheet sheet;
  sheet.name = "indicators";
  for (const auto& col : kColumns) sheet.columns.push_back({col, 0, 1});
  std::map<std::int64_t, std::string> codes;
  for (const auto& r : csv.rows) codes[r.indicator.agency_id] = r.agency_code;
  std::vector<Indicator> list;
  for (std::size_t k = 0; k < csv.rows.size(); ++k) {
    Indicator i = csv.rows[k].indicator;
    i.agency_id = static_cast<std::int64_t>(k + 1);
    codes[i.agency_id] = csv.rows[k].agency_code;
    list.push_back(i);
    std::vector<document::Cell> row;
    for (auto& f : catalogue_row(i, csv.rows[k].agency_code)) row.emplace_back(std::move(f));
    sheet.rows.push_back(std::move(row));
  }
  const auto xlsx = parse_catalogue_xlsx(document::write_xlsx(document::Workbook{"t", {sheet}, std::nullopt}));
  ASSERT_TRUE(xlsx.problems.empty()) << xlsx.problems.front().message_id << " " << xlsx.problems.front().detail;
  const auto again = parse_catalogue(catalogue_csv(list, codes));
  ASSERT_EQ(xlsx.rows.size(), again.rows.size());
  for (std::size_t k = 0; k < xlsx.rows.size(); ++k) {
    SCOPED_TRACE(xlsx.rows[k].indicator.code);
    EXPECT_EQ(catalogue_row(xlsx.rows[k].indicator, xlsx.rows[k].agency_code),
              catalogue_row(again.rows[k].indicator, again.rows[k].agency_code));
  }
  const auto bad = parse_catalogue_xlsx("PK\x03\x04 broken");
  ASSERT_EQ(bad.problems.size(), 1u);
  EXPECT_EQ(bad.problems.front().message_id, "indicators.import.error.xlsx");
}

INSTANTIATE_TEST_SUITE_P(Dialects, IndicatorUseCases, ::testing::ValuesIn(testing::dialects()), testing::dialect_name);

}  // namespace
}  // namespace tinhso::indicators
