// Lateness and apology rules of dossiers (Decree 61/2018/NĐ-CP Art. 19(9)) on the official 2026
// schedule (LAW.md §1), the lease of the lateness job, and the SMS outbox's exactly-once sending.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "calendar_fixtures.h"
#include "core/auth/clock.h"
#include "modules/dossiers/lateness.h"
#include "modules/dossiers/notify_sms.h"
#include "modules/dossiers/store_processing.h"
#include "temp_db.h"

namespace tinhso::dossiers {
namespace {

using calendar::test::day;
using calendar::test::official_calendar;
using namespace std::chrono_literals;

// "Due within one working day": due today or on the next working day (days off skipped).
TEST(DossierLateness, UrgencyCountsWorkingDays) {
  struct Case {
    const char* today;
    const char* due;
    Urgency want;
    const char* why;
  } cases[] = {
      {"2026-03-10", "2026-03-09", Urgency::overdue, "due yesterday"},
      {"2026-03-10", "2026-03-10", Urgency::due_soon, "due today"},
      {"2026-03-10", "2026-03-11", Urgency::due_soon, "due on the next working day (Wed)"},
      {"2026-03-10", "2026-03-12", Urgency::none, "two working days left"},
      {"2026-03-13", "2026-03-16", Urgency::due_soon, "Friday, due Monday: the weekend is not counted"},
      {"2026-03-13", "2026-03-17", Urgency::none, "Friday, due Tuesday"},
      {"2026-02-13", "2026-02-23", Urgency::due_soon, "before Tết 16–20/2/2026 (off): next working day 23/2"},
      {"2026-02-13", "2026-02-24", Urgency::none, "two working days after Tết"},
      {"2026-04-29", "2026-05-04", Urgency::due_soon, "30/4 and 1/5 off, then the weekend"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(urgency(day(c.today), day(c.due), official_calendar()), c.want) << c.why;
}

// Art. 19(9): at least one day before the due date, once, with a reason, a later working day.
TEST(DossierLateness, ApologyRule) {
  struct Case {
    Clock clock;
    bool already;
    const char* today;
    const char* due;       // "" = none (paused)
    const char* new_date;  // "" = not a date
    const char* reason;
    ApologyCheck want;
    const char* why;
  } cases[] = {
      {Clock::running, false, "2026-03-09", "2026-03-11", "2026-03-13", "Chờ ý kiến", ApologyCheck::ok, "two days before"},
      {Clock::running, false, "2026-03-10", "2026-03-11", "2026-03-13", "Chờ ý kiến", ApologyCheck::ok, "exactly one day before"},
      {Clock::running, false, "2026-03-11", "2026-03-11", "2026-03-13", "Chờ ý kiến", ApologyCheck::too_late, "on the due day"},
      {Clock::running, false, "2026-03-12", "2026-03-11", "2026-03-13", "Chờ ý kiến", ApologyCheck::too_late, "after the due day"},
      {Clock::running, true, "2026-03-09", "2026-03-11", "2026-03-13", "Chờ ý kiến", ApologyCheck::already_issued, "only once"},
      {Clock::paused, false, "2026-03-09", "", "2026-03-13", "Chờ ý kiến", ApologyCheck::not_open, "clock paused"},
      {Clock::stopped, false, "2026-03-09", "2026-03-11", "2026-03-13", "Chờ ý kiến", ApologyCheck::not_open, "returned"},
      {Clock::not_started, false, "2026-03-09", "", "2026-03-13", "Chờ ý kiến", ApologyCheck::not_open, "not received"},
      {Clock::running, false, "2026-03-09", "2026-03-11", "2026-03-13", "  ", ApologyCheck::no_reason, "blank reason"},
      {Clock::running, false, "2026-03-09", "2026-03-11", "", "Chờ ý kiến", ApologyCheck::bad_date, "no date"},
      {Clock::running, false, "2026-03-09", "2026-03-11", "2026-03-11", "Chờ ý kiến", ApologyCheck::not_after_due, "same day as due"},
      {Clock::running, false, "2026-03-09", "2026-03-11", "2026-03-10", "Chờ ý kiến", ApologyCheck::not_after_due, "earlier"},
      {Clock::running, false, "2026-03-09", "2026-03-11", "2026-03-14", "Chờ ý kiến", ApologyCheck::not_working_day, "Saturday"},
      {Clock::running, false, "2026-04-27", "2026-04-29", "2026-04-30", "Chờ ý kiến", ApologyCheck::not_working_day, "30/4 holiday"},
  };
  for (const auto& c : cases) {
    ApologyRequest r{c.clock, c.already, day(c.today),
                     *c.due ? std::optional(day(c.due)) : std::nullopt,
                     *c.new_date ? std::optional(day(c.new_date)) : std::nullopt, c.reason};
    EXPECT_EQ(check_apology(r, official_calendar()), c.want) << c.why;
  }
}

const auto kStart = std::chrono::sys_days{std::chrono::year{2026} / 3 / 10} + 2h;

// The lateness job's lease: one node per period; a released lease is free at once.
TEST(DossierLateness, JobLeaseIsExclusive) {
  testing::TempDb tmp;
  auth::FakeClock clock{kStart};
  auto claim = [&](const std::string& node) {
    auto now = clock.now();
    return tmp.db().transaction(
        [&](soci::session& s) { return claim_job(s, "lateness", node, auth::iso_utc(now), auth::iso_utc(now + 60s)); });
  };
  EXPECT_TRUE(claim("a"));
  EXPECT_FALSE(claim("b"));
  clock.advance(30s);
  EXPECT_FALSE(claim("b"));
  clock.advance(31s);
  EXPECT_TRUE(claim("b"));
  EXPECT_FALSE(claim("a"));
  tmp.db().transaction([&](soci::session& s) { release_job(s, "lateness", "a"); });  // not a's: no effect
  EXPECT_FALSE(claim("a"));
  tmp.db().transaction([&](soci::session& s) { release_job(s, "lateness", "b"); });
  EXPECT_TRUE(claim("a"));
}

// SMS rows are posted once even with two nodes; a failure is retried later, not lost.
TEST(DossierLateness, SmsOutboxSendsOnceAndRetries) {
  testing::TempDb tmp;
  auth::FakeClock clock{kStart};
  tmp.db().transaction([&](soci::session& s) {
    insert_sms(s, "0912345678", "Ho so A da duoc tiep nhan.", "TTHCC-260310-0001", auth::iso_utc(clock.now()));
  });
  std::vector<std::string> posted;
  bool fail = true;
  auto post = [&](const std::string& body) {
    if (fail) throw std::runtime_error("connect refused");
    posted.push_back(body);
  };
  EXPECT_EQ(deliver_due_sms(tmp.db(), clock, "a", post), 0);
  EXPECT_EQ(deliver_due_sms(tmp.db(), clock, "b", post), 0);  // not yet due again
  fail = false;
  clock.advance(31s);
  EXPECT_EQ(deliver_due_sms(tmp.db(), clock, "b", post), 1);
  EXPECT_EQ(deliver_due_sms(tmp.db(), clock, "a", post), 0);
  ASSERT_EQ(posted.size(), 1u);
  EXPECT_EQ(posted[0].rfind(R"({"to":"0912345678","text":"Ho so A da duoc tiep nhan.","dossier_code":"TTHCC-260310-0001",)"
                            R"("message_id":"sms-1-)",
                            0),
            0u)
      << posted[0];
}

// The gateway answered 2xx but the node died before marking the row sent: the repeat after the
// lease carries the same body, message_id included, so the gateway can drop it.
TEST(DossierLateness, SmsRepeatAfterALostAnswerIsTheSameBody) {
  testing::TempDb tmp;
  auth::FakeClock clock{kStart};
  tmp.db().transaction([&](soci::session& s) {
    insert_sms(s, "0912345678", "Ho so A da duoc tiep nhan.", "TTHCC-260310-0001", auth::iso_utc(clock.now()));
    insert_sms(s, "0912345678", "Ho so A da duoc tiep nhan.", "TTHCC-260310-0001", auth::iso_utc(clock.now()));
  });
  std::vector<std::string> posted;
  int calls = 0;
  auto lost_answer = [&](const std::string& body) {
    posted.push_back(body);
    if (++calls <= 2) throw std::runtime_error("sms webhook: connection reset");
  };
  EXPECT_EQ(deliver_due_sms(tmp.db(), clock, "a", lost_answer), 0);
  clock.advance(10min);
  EXPECT_EQ(deliver_due_sms(tmp.db(), clock, "b", lost_answer), 2);
  ASSERT_EQ(posted.size(), 4u);
  EXPECT_EQ(posted[2], posted[0]);
  EXPECT_EQ(posted[3], posted[1]);
  EXPECT_NE(posted[0], posted[1]) << "two rows with the same text have different message ids";
}

TEST(DossierLateness, SmsWebhookUrl) {
  auto t = parse_sms_webhook("http://127.0.0.1:9000/sms");
  EXPECT_EQ(t.host, "127.0.0.1");
  EXPECT_EQ(t.port, "9000");
  EXPECT_EQ(t.path, "/sms");
  EXPECT_EQ(parse_sms_webhook("http://gw.example").path, "/");
  EXPECT_THROW(parse_sms_webhook("https://gw.example/"), std::invalid_argument);
  EXPECT_THROW(parse_sms_webhook("http://:80/"), std::invalid_argument);
  EXPECT_THROW(parse_sms_webhook("http://gw.example:x/"), std::invalid_argument);
}

}  // namespace
}  // namespace tinhso::dossiers
