// The audit log's hash chain (issue 3 §8): verify() finds a changed record, a record removed from
// the middle, and records removed from the end (audit_head); the database refuses UPDATE and
// DELETE on audit_log. Also the auditors' pages' pure helpers.
#include <gtest/gtest.h>

#include "core/http/errors.h"
#include "core/util/csv.h"
#include "modules/audit/api.h"
#include "modules/audit/handlers.h"
#include "modules/audit/queries.h"
#include "temp_db.h"

namespace tinhso::audit {
namespace {

using namespace std::chrono_literals;

class Chain : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 1; i <= 5; ++i) {
      tmp.db().transaction([&](soci::session& s) {
        record_system(s, tmp.db().dialect(), clock, "test",
                      {"agency.update", "agency", std::to_string(i), "tên cũ " + std::to_string(i), "Sở Nội vụ"});
      });
      clock.advance(1min);
    }
  }
  void drop_triggers() { tmp.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"); }

  testing::TempDb tmp;
  auth::FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26} + 8h};
};

TEST_F(Chain, IntactChainVerifies) {
  auto r = verify(tmp.db());
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.checked, 5);
  EXPECT_FALSE(r.first_bad_seq);
}

TEST_F(Chain, DatabaseRefusesUpdateAndDelete) {
  EXPECT_ANY_THROW(tmp.exec("UPDATE audit_log SET after_summary = 'x' WHERE seq = 3"));
  EXPECT_ANY_THROW(tmp.exec("DELETE FROM audit_log WHERE seq = 5"));
  EXPECT_TRUE(verify(tmp.db()).ok);
}

TEST_F(Chain, ChangedFieldIsReportedAtItsSeq) {
  drop_triggers();
  tmp.exec("UPDATE audit_log SET after_summary = 'Sở Tư pháp' WHERE seq = 3");
  auto r = verify(tmp.db());
  EXPECT_FALSE(r.ok);
  ASSERT_TRUE(r.first_bad_seq);
  EXPECT_EQ(*r.first_bad_seq, 3);
  EXPECT_NE(r.problem.find("changed"), std::string::npos) << r.problem;
  EXPECT_EQ(r.checked, 2);
}

TEST_F(Chain, ChangedActorOrTimeIsReportedToo) {
  drop_triggers();
  tmp.exec("UPDATE audit_log SET at = '2026-11-26T07:00:00Z' WHERE seq = 4");
  tmp.exec("UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 5");
  auto r = verify(tmp.db());
  EXPECT_EQ(r.first_bad_seq.value_or(0), 4) << "the first broken record is reported";
}

TEST_F(Chain, RecomputedHashStillBreaksTheNextLink) {
  // Changing a record's hash to hide an edit breaks the following record's prev_hash.
  drop_triggers();
  tmp.exec("UPDATE audit_log SET hash = 'ff' WHERE seq = 2");
  auto r = verify(tmp.db());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq.value_or(0), 2);
}

TEST_F(Chain, DeletedMiddleRecordIsMissing) {
  drop_triggers();
  tmp.exec("DELETE FROM audit_log WHERE seq = 3");
  auto r = verify(tmp.db());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq.value_or(0), 3);
  EXPECT_NE(r.problem.find("missing"), std::string::npos) << r.problem;
}

TEST_F(Chain, DeletedLastRecordIsReportedViaHead) {
  drop_triggers();
  tmp.exec("DELETE FROM audit_log WHERE seq = 5");
  auto r = verify(tmp.db());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq.value_or(0), 5);
  EXPECT_NE(r.problem.find("removed from the end"), std::string::npos) << r.problem;
}

TEST_F(Chain, QueriesFilterAndPageNewestFirst) {
  std::vector<std::int64_t> seen;
  auto run = [&](const LogFilter& f, int limit) {
    seen.clear();
    tmp.db().with_session([&](soci::session& s) {
      each_record(s, f, limit, [&](const LogRecord& r) { seen.push_back(r.seq); });
    });
    return seen;
  };
  EXPECT_EQ(run({}, 50), (std::vector<std::int64_t>{5, 4, 3, 2, 1}));
  EXPECT_EQ(run({.before = 4}, 2), (std::vector<std::int64_t>{3, 2}));
  EXPECT_EQ(run({.object_id = "2"}, 50), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(run({.actor = "test", .action = "agency.update"}, 50).size(), 5u);
  EXPECT_TRUE(run({.action = "account.register"}, 50).empty());
  // 08:00Z is 15:00 in Hà Nội; records at 08:00..08:04Z.
  EXPECT_EQ(run({.from = "2026-11-26T08:02:00Z", .to = "2026-11-26T08:04:00Z"}, 50),
            (std::vector<std::int64_t>{4, 3}));
}

TEST(DayBound, ProvinceDaysInUtc) {
  EXPECT_EQ(day_bound("", false), "");
  EXPECT_EQ(day_bound("2026-11-26", false), "2026-11-25T17:00:00Z");
  EXPECT_EQ(day_bound("2026-11-26", true), "2026-11-26T17:00:00Z");
  EXPECT_EQ(day_bound("2026-12-31", true), "2026-12-31T17:00:00Z");
  for (const char* bad : {"2026-02-30", "26-11-2026", "2026/11/26", "2026-11-2x", "x"})
    EXPECT_THROW(day_bound(bad, false), http::Error) << bad;
}

TEST(CsvField, QuotesAndDefusesFormulas) {
  struct Case {
    const char *in, *out;
  } cases[] = {{"", "\"\""},
               {"Sở Nội vụ", "\"Sở Nội vụ\""},
               {"a \"b\", c", "\"a \"\"b\"\", c\""},
               {"line\r\nbreak", "\"line\r\nbreak\""},
               {"=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""},
               {"+1", "\"'+1\""},
               {"-1", "\"'-1\""},
               {"@SUM(A1)", "\"'@SUM(A1)\""},
               {"'=x", "\"''=x\""},  // a leading ' is guarded too, so unformula is the inverse
               {"'\tnote", "\"''\tnote\""},
               {"it's", "\"it's\""}};
  for (const auto& c : cases) EXPECT_EQ(csv_field(c.in), c.out) << c.in;
}

// unformula(field as read) gives back exactly what csv_field wrote (the fuzzer's schedule
// round trip found "'\t…" read back without its ').
TEST(CsvField, UnformulaInvertsIt) {
  for (const char* v : {"", "x", "=1+1", "'", "'=x", "''", "'\t\tnote", "it's", "\tTab", "-", "'-'"}) {
    std::string written = csv_field(v);
    std::string_view inner(written);
    inner = inner.substr(1, inner.size() - 2);  // no quotes inside these values
    EXPECT_EQ(unformula(inner), v) << v;
  }
}

}  // namespace
}  // namespace tinhso::audit
