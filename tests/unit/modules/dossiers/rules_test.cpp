// The Decree 61/2018/NĐ-CP one-stop rules that are settings (issue 12 finding 16; LAW.md §2:
// Decree 118/2025/NĐ-CP may change them), each with its default and the other value; the
// time-limit unit of a dossier (finding 13); a pause begun after the cut-off on the day of
// receipt (finding 17); and the look-up's guessing limits (finding 8). Official 2026 schedule,
// times in UTC (Vietnam is UTC+7).
#include <gtest/gtest.h>

#include "calendar_fixtures.h"
#include "modules/dossiers/dossier.h"
#include "modules/dossiers/lateness.h"
#include "modules/dossiers/lookup_limit.h"

namespace tinhso::dossiers {
namespace {

using calendar::test::day;
using calendar::test::official_calendar;

std::string due_of(const Dossier& d, const std::vector<PauseRow>& pauses, SupplementClock mode) {
  auto due = statutory_due(d, pauses, official_calendar(), calendar::DeadlineRules{}, mode);
  return due ? calendar::format_date(*due) : "";
}

Dossier received(const char* at, int limit, calendar::Unit unit = calendar::Unit::working_days) {
  Dossier d;
  d.received_at = at;
  d.time_limit_working_days = limit;
  d.time_limit_unit = unit;
  return d;
}

// Art. 19(4): received Thu 26/11 09:00, 3 working days (due Tue 1/12); paused Fri 27/11 10:00 (one
// day spent), completed Wed 2/12 10:00. Restart: 3 working days from Wed → Mon 7/12. Resume: the 2
// days left from Wed → Fri 4/12.
TEST(DossierRules, SupplementRestartsOrResumesTheClock) {
  Dossier d = received("2026-11-26T02:00:00Z", 3);
  std::vector<PauseRow> pauses{{"2026-11-27T03:00:00Z", "2026-12-02T03:00:00Z"}};
  EXPECT_EQ(due_of(d, pauses, SupplementClock::restart), "2026-12-07");
  EXPECT_EQ(due_of(d, pauses, SupplementClock::resume), "2026-12-04");
  EXPECT_EQ(due_of(d, {}, SupplementClock::restart), "2026-12-01");
  EXPECT_EQ(due_of(d, {}, SupplementClock::resume), "2026-12-01");
  // While paused no due day, whatever the rule.
  std::vector<PauseRow> open{{"2026-11-27T03:00:00Z", ""}};
  EXPECT_EQ(due_of(d, open, SupplementClock::restart), "");
  EXPECT_EQ(due_of(d, open, SupplementClock::resume), "");
  // Restart counts from the last completion, after the cut-off too: completed Wed 2/12 16:00 →
  // counted from Thu 3/12 → Tue 8/12.
  std::vector<PauseRow> late{{"2026-11-27T03:00:00Z", "2026-12-02T09:00:00Z"}};
  EXPECT_EQ(due_of(d, late, SupplementClock::restart), "2026-12-08");
}

// Finding 17: received and asked for a supplement after the cut-off (or on a day off) — the clock
// had not started, so no day is spent: completed at once, the whole limit counts from completion
// under either rule, as for a dossier received at that moment.
TEST(DossierRules, APauseBeforeTheClockStartsSpendsNoDay) {
  for (auto mode : {SupplementClock::restart, SupplementClock::resume}) {
    // Thu 19/11 23:59 local (after 15:00): counted from Fri 20/11. Completed Thu 3/12 23:59.
    Dossier d = received("2026-11-19T16:59:00Z", 6);
    std::vector<PauseRow> p{{"2026-11-19T16:59:00Z", "2026-12-03T16:59:00Z"}};
    EXPECT_EQ(due_of(d, p, mode), "2026-12-14") << "from Fri 4/12, 6 working days";
    // Sat 21/11 00:30 local (a day off): completed Sat 5/12 00:30 → counted from Mon 7/12.
    Dossier s = received("2026-11-20T17:30:00Z", 6);
    std::vector<PauseRow> q{{"2026-11-20T17:30:00Z", "2026-12-04T17:30:00Z"}};
    EXPECT_EQ(due_of(s, q, mode), "2026-12-15");
    // A pause and a completion both before the clock starts change nothing.
    std::vector<PauseRow> r{{"2026-11-19T16:59:00Z", "2026-11-19T16:59:30Z"}};
    EXPECT_EQ(due_of(d, r, mode), due_of(d, {}, mode));
  }
  // Paused on the day of receipt before the cut-off: no working day was spent either.
  Dossier d = received("2026-11-26T02:00:00Z", 3);
  std::vector<PauseRow> same_day{{"2026-11-26T03:00:00Z", "2026-12-02T03:00:00Z"}};
  EXPECT_EQ(due_of(d, same_day, SupplementClock::resume), "2026-12-07");
}

// Finding 13: "10 ngày" is 10 calendar days (Civil Code 2015 Art. 147–148), not 6 working days.
TEST(DossierRules, TimeLimitInCalendarDays) {
  // Mon 7/12 09:00 + 10 days = Thu 17/12; + 10 working days = Mon 21/12.
  EXPECT_EQ(due_of(received("2026-12-07T02:00:00Z", 10, calendar::Unit::days), {}, SupplementClock::restart), "2026-12-17");
  EXPECT_EQ(due_of(received("2026-12-07T02:00:00Z", 10), {}, SupplementClock::restart), "2026-12-21");
  // Thu 3/12 + 10 days = Sun 13/12: the period ends on Mon 14/12 (Art. 148(5)).
  EXPECT_EQ(due_of(received("2026-12-03T02:00:00Z", 10, calendar::Unit::days), {}, SupplementClock::restart), "2026-12-14");
  // Across Tết 2026 (16–20/2 off): Fri 13/2 + 15 days = Sat 28/2 → Mon 2/3.
  EXPECT_EQ(due_of(received("2026-02-13T02:00:00Z", 15, calendar::Unit::days), {}, SupplementClock::restart), "2026-03-02");
  // A supplement in calendar days, resumed: paused Tue 8/12 (1 day spent of 10), completed Mon 14/12
  // → 9 days left from Mon 14/12 → Wed 23/12; restarted → 10 days → Thu 24/12.
  Dossier d = received("2026-12-07T02:00:00Z", 10, calendar::Unit::days);
  std::vector<PauseRow> p{{"2026-12-08T03:00:00Z", "2026-12-14T03:00:00Z"}};
  EXPECT_EQ(due_of(d, p, SupplementClock::resume), "2026-12-23");
  EXPECT_EQ(due_of(d, p, SupplementClock::restart), "2026-12-24");
}

// Art. 19(4): the desk asks for a supplement within 3 working days (default) of the submission
// (online) or the receipt (counter); a setting.
TEST(DossierRules, SupplementRequestLimit) {
  const auto& cal = official_calendar();
  calendar::DeadlineRules rules;
  Dossier online;
  online.submitted_at = "2026-11-26T02:00:00Z";  // Thu 26/11 09:00
  auto limit = [&](const Dossier& d, int days) {
    auto v = supplement_request_limit(d, cal, rules, days);
    return v ? calendar::format_date(*v) : std::string();
  };
  EXPECT_EQ(limit(online, 3), "2026-12-01");
  EXPECT_EQ(limit(online, 5), "2026-12-03");
  Dossier counter;
  counter.channel = Channel::counter;
  counter.submitted_at = "2026-11-20T02:00:00Z";  // ignored: a counter dossier counts from receipt
  counter.received_at = "2026-11-26T09:00:00Z";   // Thu 16:00, after the cut-off → from Fri 27/11
  EXPECT_EQ(limit(counter, 3), "2026-12-02");
  EXPECT_EQ(limit(counter, 1), "2026-11-30");
  EXPECT_EQ(limit(Dossier{}, 3), "");
}

// Art. 19(9): the apology at least `days_before` days before the date promised (default 1), at
// most `max_reschedules` times (default once).
TEST(DossierRules, ApologyDaysBeforeAndReschedules) {
  const auto& cal = official_calendar();
  auto check = [&](int issued, const char* today, const char* due, ApologyRules rules) {
    return check_apology({Clock::running, issued, day(today), day(due), day("2026-03-13"), "Chờ ý kiến"}, cal, rules);
  };
  EXPECT_EQ(check(0, "2026-03-10", "2026-03-11", {}), ApologyCheck::ok);
  EXPECT_EQ(check(0, "2026-03-10", "2026-03-11", {2, 1}), ApologyCheck::too_late);
  EXPECT_EQ(check(0, "2026-03-09", "2026-03-11", {2, 1}), ApologyCheck::ok);
  EXPECT_EQ(check(1, "2026-03-09", "2026-03-11", {}), ApologyCheck::already_issued);
  EXPECT_EQ(check(1, "2026-03-09", "2026-03-11", {1, 2}), ApologyCheck::ok);
  EXPECT_EQ(check(2, "2026-03-09", "2026-03-11", {1, 2}), ApologyCheck::already_issued);
}

// Finding 8: the per-pair limit touches only the failing address; the per-code limit only
// addresses that failed on the code; the per-address limit bounds sweeping many codes.
TEST(DossierRules, LookupLimits) {
  EXPECT_FALSE(lookup_limited({9, 9, 9}));
  EXPECT_TRUE(lookup_limited({10, 10, 10}));
  EXPECT_FALSE(lookup_limited({0, 0, 1000}));   // a fresh address is served whatever the code drew
  EXPECT_FALSE(lookup_limited({1, 1, 49}));
  EXPECT_TRUE(lookup_limited({1, 1, 50}));      // it failed on a code under attack
  EXPECT_TRUE(lookup_limited({0, 100, 0}));     // an address sweeping codes
  EXPECT_FALSE(lookup_limited({0, 99, 0}));
}

}  // namespace
}  // namespace tinhso::dossiers
