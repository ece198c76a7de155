// The outbox: enqueue in the caller's transaction, leases (two nodes never both claim a message),
// and the retry schedule under a FakeClock.
#include <gtest/gtest.h>

#include <vector>

#include "modules/mail/api.h"
#include "modules/mail/sender.h"
#include "modules/mail/smtp.h"
#include "modules/mail/store.h"
#include "temp_db.h"

namespace tinhso::mail {
namespace {

using namespace std::chrono_literals;
const auto kStart = std::chrono::sys_days{std::chrono::year{2026} / 11 / 26} + 8h;

struct Row {
  int attempts = 0;
  std::string next, sent, error;
};

class Outbox : public ::testing::Test {
 protected:
  testing::TempDb tmp;
  auth::FakeClock clock{kStart};
  SenderConfig cfg{"node-a", "tinhso@demo.tinhso.vn"};
  std::vector<std::string> delivered;
  bool fail = false;
  Transport transport = [this](const std::string&, const std::string& to, const std::string& data) {
    if (fail) throw SmtpError("connect failed: Connection refused", false);
    delivered.push_back(to + "|" + data);
  };

  void enqueue_one(const std::string& to = "dan@example.org") {
    tmp.db().transaction([&](soci::session& s) {
      enqueue(s, tmp.db().dialect(), clock, {to, "Xác nhận", "Nội dung"});
    });
  }
  Row row(long long id = 1) {
    return tmp.db().with_session([&](soci::session& s) {
      Row r;
      soci::indicator a, b, c;
      s << "SELECT attempts, next_attempt_at, sent_at, last_error FROM mail_outbox WHERE id = :id",
          soci::into(r.attempts), soci::into(r.next, a), soci::into(r.sent, b), soci::into(r.error, c), soci::use(id);
      return r;
    });
  }
};

TEST_F(Outbox, DeliversOnceAndMarksSent) {
  enqueue_one();
  EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, transport), 1);
  ASSERT_EQ(delivered.size(), 1u);
  EXPECT_EQ(delivered[0].rfind("dan@example.org|From: tinhso@demo.tinhso.vn\r\n", 0), 0u);
  Row r = row();
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.sent, "2026-11-26T08:00:00Z");
  EXPECT_EQ(r.next, "");
  clock.advance(1h);
  EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, transport), 0);
  EXPECT_EQ(delivered.size(), 1u);
}

TEST_F(Outbox, RolledBackTransactionQueuesNothing) {
  EXPECT_THROW(tmp.db().transaction([&](soci::session& s) {
    enqueue(s, tmp.db().dialect(), clock, {"dan@example.org", "s", "b"});
    throw std::runtime_error("the caller's use case failed");
  }),
               std::runtime_error);
  EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, transport), 0);
}

TEST_F(Outbox, EnqueueRefusesHeaderInjection) {
  EXPECT_THROW(tmp.db().transaction([&](soci::session& s) {
    enqueue(s, tmp.db().dialect(), clock, {"dan@example.org\r\nBcc: x@y", "s", "b"});
  }),
               std::invalid_argument);
  EXPECT_THROW(tmp.db().transaction([&](soci::session& s) {
    enqueue(s, tmp.db().dialect(), clock, {"dan@example.org", "s\nBcc: x@y", "b"});
  }),
               std::invalid_argument);
}

TEST_F(Outbox, LeaseLetsOneNodeClaim) {
  enqueue_one();
  auto now = auth::iso_utc(clock.now()), until = auth::iso_utc(clock.now() + 5min);
  auto claim_as = [&](const std::string& node, const std::string& at) {
    return tmp.db().transaction([&](soci::session& s) { return claim(s, 1, node, at, until); });
  };
  EXPECT_TRUE(claim_as("node-a", now));
  EXPECT_FALSE(claim_as("node-b", now)) << "a live lease is not taken over";
  EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, transport), 0) << "leased messages are not due";
  clock.advance(6min);
  EXPECT_TRUE(claim_as("node-b", auth::iso_utc(clock.now()))) << "an expired lease (crashed node) is";
}

// Failed attempt n is retried after retry_delay(n); after the 8th the message is given up with
// its last error kept.
TEST_F(Outbox, BackOffScheduleThenGiveUp) {
  enqueue_one();
  fail = true;
  const std::chrono::seconds delays[] = {1min, 5min, 30min, 2h, 6h, 12h, 24h};
  for (int attempt = 1; attempt <= 7; ++attempt) {
    EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, transport), 0);
    Row r = row();
    EXPECT_EQ(r.attempts, attempt);
    auto delay = delays[attempt - 1];
    EXPECT_EQ(r.next, auth::iso_utc(clock.now() + delay)) << attempt;
    EXPECT_EQ(r.error, "connect failed: Connection refused");
    clock.advance(delay - 1s);
    EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, transport), 0);
    EXPECT_EQ(row().attempts, attempt) << "not retried before its time";
    clock.advance(1s);
  }
  EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, transport), 0);
  Row r = row();
  EXPECT_EQ(r.attempts, 8);
  EXPECT_EQ(r.next, "") << "given up";
  EXPECT_EQ(r.error, "connect failed: Connection refused");
  clock.advance(48h);
  fail = false;
  EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, transport), 0);
  EXPECT_TRUE(delivered.empty());
}

TEST_F(Outbox, RetrySucceedsAfterRelayReturns) {
  enqueue_one();
  fail = true;
  EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, transport), 0);
  fail = false;
  clock.advance(1min);
  EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, transport), 1);
  Row r = row();
  EXPECT_EQ(r.attempts, 2);
  EXPECT_EQ(r.sent, "2026-11-26T08:01:00Z");
  EXPECT_EQ(r.error, "");
}

// A node killed after the relay took the message but before mark_sent: the lease runs out and the
// message goes again, byte for byte (same Message-ID, same Date), so the receiver can drop the copy.
TEST_F(Outbox, ASecondAttemptSendsTheSameBytes) {
  enqueue_one();
  enqueue_one("thi@example.org");
  std::vector<std::string> accepted;
  Transport lost_ack = [&](const std::string&, const std::string& to, const std::string& data) {
    accepted.push_back(to + "|" + data);
    throw std::runtime_error("connection reset after DATA");
  };
  EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, lost_ack), 0);
  ASSERT_EQ(accepted.size(), 2u);
  clock.advance(2h);
  EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, transport), 2);
  ASSERT_EQ(delivered.size(), 2u);
  EXPECT_EQ(delivered[0], accepted[0]);
  EXPECT_EQ(delivered[1], accepted[1]);
  EXPECT_NE(delivered[0].find("Date: Thu, 26 Nov 2026 08:00:00 +0000\r\n"), std::string::npos) << delivered[0];
  auto id_of = [](const std::string& m) {
    auto at = m.find("Message-ID: <");
    return at == std::string::npos ? std::string() : m.substr(at, m.find('>', at) - at);
  };
  EXPECT_FALSE(id_of(delivered[0]).empty());
  EXPECT_NE(id_of(delivered[0]), id_of(delivered[1])) << "two messages, two ids";
}

TEST_F(Outbox, PermanentRefusalGivesUpAtOnce) {
  enqueue_one();
  Transport refuse = [](const std::string&, const std::string&, const std::string&) {
    throw SmtpError("RCPT TO refused: 550 no such user", true);
  };
  EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, refuse), 0);
  Row r = row();
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.next, "");
  EXPECT_EQ(r.error, "RCPT TO refused: 550 no such user");
}

// Issue 12 §7: a message queued with text_after_send is delivered with its text, and the outbox
// keeps only text_after_send once it is sent or given up; others keep their text.
TEST_F(Outbox, SecretLeavesTheOutboxOnceSentOrGivenUp) {
  auto body = [&](long long id) {
    return tmp.db().with_session([&](soci::session& s) {
      std::string b;
      s << "SELECT body FROM mail_outbox WHERE id = :id", soci::into(b), soci::use(id);
      return b;
    });
  };
  tmp.db().transaction([&](soci::session& s) {
    enqueue(s, tmp.db().dialect(), clock, {"a@example.org", "Đặt lại", "link ?token=SECRET1", "link ?token=REDACTED"});
    enqueue(s, tmp.db().dialect(), clock, {"b@example.org", "Thông báo", "no secret here"});
  });
  EXPECT_EQ(body(1), "link ?token=SECRET1") << "kept until sent";
  EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, transport), 2);
  ASSERT_EQ(delivered.size(), 2u);
  EXPECT_NE(delivered[0].find("a@example.org|"), std::string::npos);
  EXPECT_EQ(body(1), "link ?token=REDACTED");
  EXPECT_EQ(body(2), "no secret here");

  tmp.db().transaction([&](soci::session& s) {
    enqueue(s, tmp.db().dialect(), clock, {"c@example.org", "Đặt lại", "link ?token=SECRET2", "link ?token=REDACTED"});
  });
  Transport refuse = [](const std::string&, const std::string&, const std::string&) {
    throw SmtpError("RCPT TO refused: 550 no such user", true);
  };
  EXPECT_EQ(deliver_due(tmp.db(), clock, cfg, refuse), 0);
  EXPECT_EQ(body(3), "link ?token=REDACTED") << "given up: the secret goes too";
}

}  // namespace
}  // namespace tinhso::mail
