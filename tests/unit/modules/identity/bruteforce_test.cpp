// The brute-force gate with an injected clock (issue 3 §6; issue 12 §8, ASVS 5.0 6.1.1): growing
// delays per (account, address bucket) and per bucket, a 15-minute cool-down of the pair after 10
// failures within 15 minutes, and of the account after 50 — the latter only for buckets that
// have themselves failed on it.
#include <gtest/gtest.h>

#include <vector>

#include "core/auth/clock.h"
#include "modules/identity/account.h"

using namespace tinhso;
using namespace tinhso::identity;
using namespace std::chrono_literals;

namespace {
const Time kStart = auth::parse_iso_utc("2026-11-26T08:00:00Z");
// `n` failures one every `gap`, the last at kStart.
std::vector<Time> failures(int n, std::chrono::seconds gap) {
  std::vector<Time> out;
  for (int i = n - 1; i >= 0; --i) out.push_back(kStart - gap * i);
  return out;
}
}  // namespace

TEST(IdentityBruteForce, DelayGrowsAndCaps) {
  struct Case {
    int failures;
    long long seconds;
  } cases[] = {{0, 0}, {1, 0}, {2, 1}, {3, 2}, {4, 4}, {5, 8}, {6, 8}, {9, 8}};
  for (const auto& c : cases) EXPECT_EQ(failure_delay(c.failures, 1).count(), c.seconds) << c.failures;
}

TEST(IdentityBruteForce, GateTable) {
  auth::FakeClock clock(kStart);
  struct Case {
    const char* what;
    std::vector<Time> pair, account, address;  // account includes pair
    std::chrono::seconds after_last;           // now - kStart
    Gate::Kind kind;
    long long retry_after;
  } cases[] = {
      {"no failures", {}, {}, {}, 0s, Gate::Kind::open, 0},
      {"one failure: no delay", failures(1, 10s), failures(1, 10s), {}, 0s, Gate::Kind::open, 0},
      {"two failures: wait 1 s", failures(2, 10s), failures(2, 10s), {}, 0s, Gate::Kind::wait, 1},
      {"two failures, 1 s later: open", failures(2, 10s), failures(2, 10s), {}, 1s, Gate::Kind::open, 0},
      {"four failures: wait 4 s", failures(4, 10s), failures(4, 10s), {}, 1s, Gate::Kind::wait, 3},
      {"nine failures: capped at 8 s", failures(9, 10s), failures(9, 10s), {}, 0s, Gate::Kind::wait, 8},
      {"ten failures in 15 min: cool-down", failures(10, 60s), failures(10, 60s), {}, 0s, Gate::Kind::cooldown, 900},
      {"cool-down 14 min later", failures(10, 60s), failures(10, 60s), {}, 14min, Gate::Kind::cooldown, 60},
      {"cool-down over after 15 min", failures(10, 60s), failures(10, 60s), {}, 15min, Gate::Kind::open, 0},
      {"ten failures spread over 18 min: no cool-down", failures(10, 120s), failures(10, 120s), {}, 9s,
       Gate::Kind::open, 0},
      {"failures older than 15 min are forgotten", failures(5, 10s), failures(5, 10s), {}, 16min, Gate::Kind::open, 0},
      {"address: 20 failures free", {}, {}, failures(20, 5s), 0s, Gate::Kind::open, 0},
      {"address: 21st failure delays", {}, {}, failures(21, 5s), 0s, Gate::Kind::wait, 1},
      {"address: capped at 8 s", {}, {}, failures(40, 5s), 0s, Gate::Kind::wait, 8},
      {"the longer of the two delays", failures(2, 10s), failures(2, 10s), failures(24, 5s), 0s, Gate::Kind::wait, 8},
      // Failures from other buckets never touch a bucket that has not failed on the account.
      {"others' 9 failures: no delay here", {}, failures(9, 10s), {}, 0s, Gate::Kind::open, 0},
      {"others' 10 failures: no cool-down here", {}, failures(10, 60s), {}, 0s, Gate::Kind::open, 0},
      {"others' 200 failures: still open here", {}, failures(200, 1s), {}, 0s, Gate::Kind::open, 0},
      {"others' failures don't grow this pair's delay", failures(1, 10s), failures(49, 10s), {}, 0s, Gate::Kind::open, 0},
      // The account-wide limit reaches buckets that have failed on the account.
      {"50 on the account, one of them here: cool-down", failures(1, 10s), failures(50, 10s), {}, 0s,
       Gate::Kind::cooldown, 900},
      {"50 on the account, one here 20 min ago: cool-down", {kStart - 20min}, failures(50, 10s), {}, 0s,
       Gate::Kind::cooldown, 900},
      {"50 on the account, 14 min later", failures(1, 10s), failures(50, 10s), {}, 14min, Gate::Kind::cooldown, 60},
      {"50 on the account, over after 15 min", failures(1, 10s), failures(50, 10s), {}, 15min, Gate::Kind::open, 0},
      {"49 on the account: no account cool-down", failures(1, 10s), failures(49, 10s), {}, 0s, Gate::Kind::open, 0},
      {"50 spread over 25 min: no account cool-down", failures(1, 30s), failures(50, 30s), {}, 0s, Gate::Kind::open, 0},
      {"here 31 min ago only: not reached", {kStart - 31min}, failures(50, 10s), {}, 0s, Gate::Kind::open, 0},
  };
  for (const auto& c : cases) {
    clock.set(kStart + c.after_last);
    Gate g = login_gate(clock.now(), c.pair, c.account, c.address);
    EXPECT_EQ(g.kind, c.kind) << c.what;
    EXPECT_EQ(g.retry_after.count(), c.retry_after) << c.what;
  }
}

// Bounded guessing: replaying the gate, 100 fresh buckets guessing one account within 15
// minutes get at most 50 + 100 tries (each bucket one try once the account drew 50), while the
// owner's bucket, which never failed, stays open throughout.
TEST(IdentityBruteForce, DistributedGuessingIsBoundedAndNeverLocksTheOwner) {
  std::vector<Time> account;
  std::vector<std::vector<Time>> pair(100);
  int allowed = 0;
  Time now = kStart;
  for (int round = 0; round < 20; ++round) {
    for (auto& p : pair) {
      now += 100ms;
      if (login_gate(now, p, account, {}).kind != Gate::Kind::open) continue;
      ++allowed;
      p.push_back(now);
      account.push_back(now);
    }
    EXPECT_EQ(login_gate(now, {}, account, {}).kind, Gate::Kind::open) << "owner, round " << round;
  }
  EXPECT_LT(now - kStart, kFailureWindow);
  EXPECT_LE(allowed, kAccountCooldownFailures + 100);
  EXPECT_GE(allowed, kAccountCooldownFailures);
}

// Issue 12 §8: anonymous mail-sending requests, per recipient and per client address bucket.
TEST(IdentityMailLimits, Table) {
  struct Case {
    int to_recipient, from_address;
    bool allowed;
  } cases[] = {
      {0, 0, true},
      {kMailsPerRecipient - 1, 0, true},
      {kMailsPerRecipient, 0, false},
      {0, kMailsPerAddress - 1, true},
      {0, kMailsPerAddress, false},
      {kMailsPerRecipient - 1, kMailsPerAddress - 1, true},
      {kMailsPerRecipient + 5, kMailsPerAddress + 5, false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(mail_request_allowed(c.to_recipient, c.from_address), c.allowed) << c.to_recipient << " " << c.from_address;
  EXPECT_EQ(kMailsPerRecipient, 3);
  EXPECT_GT(kKeepLimitRows, kMailWindow);
  EXPECT_GT(kKeepLimitRows, kFailureWindow + kCooldown) << "pruning never removes a row a gate still reads";
}
