// Session expiry with an injected clock (issue 3 §4): staff idle 30 min / absolute 12 h, and the
// once-a-minute last_seen_at write.
#include <gtest/gtest.h>

#include "core/auth/clock.h"
#include "modules/identity/account.h"

using namespace tinhso;
using namespace tinhso::identity;
using namespace std::chrono_literals;

TEST(IdentitySession, ExpiryTable) {
  auth::FakeClock clock(auth::parse_iso_utc("2026-11-26T08:00:00Z"));
  const Time created = clock.now();
  struct Case {
    const char* what;
    std::chrono::minutes since_created;  // now - created
    std::chrono::minutes since_seen;     // now - last_seen
    std::chrono::minutes idle, absolute;
    SessionState want;
  } cases[] = {
      {"fresh", 0min, 0min, 30min, 720min, SessionState::active},
      {"idle 29 min", 29min, 29min, 30min, 720min, SessionState::active},
      {"idle exactly 30 min", 30min, 30min, 30min, 720min, SessionState::idle_expired},
      {"idle 31 min", 31min, 31min, 30min, 720min, SessionState::idle_expired},
      {"active all day, 11h59", 719min, 1min, 30min, 720min, SessionState::active},
      {"active all day, 12h", 720min, 1min, 30min, 720min, SessionState::absolute_expired},
      {"absolute wins over idle", 800min, 100min, 30min, 720min, SessionState::absolute_expired},
      {"citizen idle 60 min", 59min, 59min, 60min, 10080min, SessionState::active},
      {"citizen idle over 60", 61min, 61min, 60min, 10080min, SessionState::idle_expired},
      {"citizen week", 10080min, 0min, 60min, 10080min, SessionState::absolute_expired},
  };
  for (const auto& c : cases) {
    clock.set(created + c.since_created);
    Time last_seen = clock.now() - c.since_seen;
    EXPECT_EQ(session_state(clock.now(), created, last_seen, c.idle, c.absolute), c.want) << c.what;
  }
}

TEST(IdentitySession, LastSeenWrittenAtMostOnceAMinute) {
  auth::FakeClock clock(auth::parse_iso_utc("2026-11-26T08:00:00Z"));
  Time seen = clock.now();
  clock.advance(59s);
  EXPECT_FALSE(should_touch(clock.now(), seen));
  clock.advance(1s);
  EXPECT_TRUE(should_touch(clock.now(), seen));
}
