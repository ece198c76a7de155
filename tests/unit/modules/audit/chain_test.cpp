// The audit log's hash chain (issue 3 §8): verify() finds a changed record, a record removed from
// the middle, and records removed from the end (audit_head); the database refuses UPDATE and
// DELETE on audit_log. Issue 12 §9: the keyed MAC catches a rewrite whose unkeyed hashes were
// recomputed, anchors catch a rewritten or truncated chain behind them, the key file, and the
// security-event retention job (§8). Also the auditors' pages' pure helpers.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "core/http/errors.h"
#include "core/util/csv.h"
#include "modules/audit/api.h"
#include "modules/audit/handlers.h"
#include "modules/audit/jobs.h"
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

// ---- issue 12 §9: the keyed MAC and the anchors ------------------------------------------------

crypto::SecretBytes key_bytes(unsigned char fill) {
  crypto::SecretBytes k(kAuditKeyBytes);
  for (std::size_t i = 0; i < k.size(); ++i) k.data()[i] = static_cast<unsigned char>(fill + i);
  return k;
}

// Keys {id: fill}, MACing with `current` (0: the highest id).
std::shared_ptr<const AuditKeys> test_keys(std::initializer_list<std::pair<int, unsigned char>> keys, int current = 0) {
  auto ring = std::make_shared<AuditKeys>();
  for (auto [id, fill] : keys) ring->keys.emplace(id, key_bytes(fill));
  ring->current = current != 0 ? current : ring->keys.rbegin()->first;
  return ring;
}
std::shared_ptr<const AuditKeys> test_key(unsigned char fill) { return test_keys({{1, fill}}); }

// What a forger with write access to the database (and no key) does: changes record `seq`, then
// recomputes the unkeyed hash chain from there on and the head, so every hash link holds again.
void rewrite_and_rehash(testing::TempDb& tmp, std::int64_t seq, const std::string& after) {
  tmp.exec("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;");
  tmp.db().with_session([&](soci::session& s) {
    long long n = seq;
    s << "UPDATE audit_log SET after_summary = :a WHERE seq = :n", soci::use(after), soci::use(n);
    std::string prev;
    if (seq == 1) prev = std::string(64, '0');
    else s << "SELECT hash FROM audit_log WHERE seq = :n", soci::use(n - 1), soci::into(prev);
    std::vector<ChainRecord> rows;
    soci::rowset<soci::row> rs = (s.prepare << "SELECT seq, at, actor_id, actor_name, role, address, action, object_type,"
                                                " object_id, before_summary, after_summary, request_id FROM audit_log"
                                                " WHERE seq >= :n ORDER BY seq",
                                  soci::use(n));
    for (const auto& row : rs) {
      ChainRecord r;
      r.seq = row.get<long long>(0);
      r.at = row.get<std::string>(1);
      if (row.get_indicator(2) != soci::i_null) r.actor_id = row.get<long long>(2);
      r.actor_name = row.get<std::string>(3);
      r.role = row.get<std::string>(4);
      r.address = row.get<std::string>(5);
      r.action = row.get<std::string>(6);
      r.object_type = row.get<std::string>(7);
      r.object_id = row.get<std::string>(8);
      r.before = row.get<std::string>(9);
      r.after = row.get<std::string>(10);
      r.request_id = row.get<std::string>(11);
      rows.push_back(r);
    }
    for (const auto& r : rows) {
      std::string h = chain_hash(prev, canonical(r));
      long long rs_seq = r.seq;
      s << "UPDATE audit_log SET prev_hash = :p, hash = :h WHERE seq = :n", soci::use(prev), soci::use(h),
          soci::use(rs_seq);
      prev = h;
    }
    s << "UPDATE audit_head SET hash = :h WHERE id = 1", soci::use(prev);
  });
}

class KeyedChain : public ::testing::Test {
 protected:
  void SetUp() override { append(5); }
  void TearDown() override { use_keys(nullptr); }
  void append(int n) {
    use_keys(key);
    for (int i = 1; i <= n; ++i) {
      tmp.db().transaction([&](soci::session& s) {
        record_system(s, tmp.db().dialect(), clock, "test", {"agency.update", "agency", std::to_string(i), "", "Sở " + std::to_string(i)});
      });
      clock.advance(1min);
    }
  }
  VerifyResult check(std::vector<Anchor> anchors = {}) { return verify(tmp.db(), {key.get(), std::move(anchors)}); }

  std::shared_ptr<const AuditKeys> key = test_key(7);
  testing::TempDb tmp;
  auth::FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 11 / 26} + 8h};
};

TEST_F(KeyedChain, EveryRecordCarriesAValidMac) {
  auto r = check();
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.checked, 5);
  EXPECT_EQ(r.keyed, 5);
}

TEST_F(KeyedChain, RewriteWithRecomputedHashChainIsCaughtByTheMac) {
  rewrite_and_rehash(tmp, 3, "Sở Tư pháp");
  auto r = check();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq.value_or(0), 3);
  EXPECT_NE(r.problem.find("wrong MAC"), std::string::npos) << r.problem;
}

TEST_F(KeyedChain, AnotherKeyDoesNotVerify) {
  auto other = test_key(99);
  auto r = verify(tmp.db(), {other.get(), {}});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq.value_or(0), 1);
}

// ---- key rotation (OPERATIONS §12): ids only grow along the chain ---------------------------------

TEST_F(KeyedChain, RotationKeepsEveryRecordVerifiableAndCountsThemPerKey) {
  key = test_keys({{1, 7}, {2, 40}}, 1);  // step 1: every node has key 2, still MACing with 1
  append(2);
  key = test_keys({{1, 7}, {2, 40}});  // step 2: key 2 is current
  append(3);
  auto r = check();
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.keyed, 10);
  EXPECT_EQ(r.keyed_by_key, (std::map<int, std::int64_t>{{1, 7}, {2, 3}}));
  auto old_only = test_key(7);
  r = verify(tmp.db(), {old_only.get(), {}});
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.needs_key);
  EXPECT_EQ(r.first_bad_seq.value_or(0), 8);
  EXPECT_NE(r.problem.find("audit key 2, which the audit key file lacks"), std::string::npos) << r.problem;
}

// During the rolling restart of step 2 some nodes still say current=1: once a node MACed a record
// with key 2, they follow the head, so no record under key 1 comes after it.
TEST_F(KeyedChain, ANodeStillOnTheOldKeyFollowsTheHead) {
  key = test_keys({{1, 7}, {2, 40}});
  append(1);
  key = test_keys({{1, 7}, {2, 40}}, 1);
  append(2);
  auto r = check();
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.keyed_by_key, (std::map<int, std::int64_t>{{1, 5}, {2, 3}}));
  key = test_key(7);
  EXPECT_THROW(append(1), std::runtime_error) << "a node without the head's key writes nothing";
}

// A forger who holds the retired key 1 and can write the database appends a record MACed with it
// after key 2 took over: the MAC is valid, its place is not.
TEST_F(KeyedChain, ARecordUnderARetiredKeyAfterTheNewOneIsCaught) {
  key = test_keys({{1, 7}, {2, 40}});
  append(1);
  auto retired = test_key(7);
  tmp.db().with_session([&](soci::session& s) {
    ChainRecord r{7, "2026-11-26T09:00:00Z", std::nullopt, "forger", "system", "", "agency.update", "agency", "1", "",
                  "x", ""};
    std::string prev, hash, mac;
    s << "SELECT hash FROM audit_head WHERE id = 1", soci::into(prev);
    hash = chain_hash(prev, canonical(r));
    mac = record_mac(*retired->find(1), hash);
    s << "INSERT INTO audit_log (seq, at, actor_id, actor_name, role, address, action, object_type, object_id,"
         " before_summary, after_summary, request_id, prev_hash, hash, mac, mac_key) VALUES (7, :at, NULL, 'forger',"
         " 'system', '', 'agency.update', 'agency', '1', '', 'x', '', :prev, :hash, :mac, 1)",
        soci::use(r.at), soci::use(prev), soci::use(hash), soci::use(mac);
    s << "UPDATE audit_head SET seq = 7, hash = :h, mac_key = 1 WHERE id = 1", soci::use(hash);
  });
  auto r = check();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq.value_or(0), 7);
  EXPECT_NE(r.problem.find("after key 2 took over"), std::string::npos) << r.problem;
}

TEST_F(KeyedChain, WithoutTheKeyNothingIsConcluded) {
  auto r = verify(tmp.db());
  EXPECT_FALSE(r.ok);
  EXPECT_TRUE(r.needs_key);
}

TEST_F(KeyedChain, StrippingTheMacsIsCaught) {
  tmp.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET mac = NULL WHERE seq >= 4");
  auto r = check();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq.value_or(0), 4);
  EXPECT_NE(r.problem.find("no MAC after keyed records"), std::string::npos) << r.problem;
}

TEST_F(KeyedChain, AnUnkeyedRecordAfterKeyedOnesIsCaught) {
  use_keys(nullptr);
  tmp.db().transaction([&](soci::session& s) {
    record_system(s, tmp.db().dialect(), clock, "forger", {"agency.update", "agency", "9", "", "x"});
  });
  auto r = check();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq.value_or(0), 6);
}

// Migration: records written before the key existed have no MAC and verify by the hash chain; the
// first keyed record's MAC covers them (its hash chains over them), so rewriting one of them and
// recomputing the hashes is caught there.
TEST(LegacyChain, RecordsBeforeTheKeyVerifyAndAreCoveredByTheFirstKeyedOne) {
  testing::TempDb tmp;
  auth::FakeClock clock{std::chrono::sys_days{std::chrono::year{2025} / 1 / 2} + 1h};
  auto add = [&](const char* what) {
    tmp.db().transaction([&](soci::session& s) { record_system(s, tmp.db().dialect(), clock, "test", {"x", "y", "1", "", what}); });
  };
  use_keys(nullptr);
  add("old 1");
  add("old 2");
  auto key = test_key(3);
  use_keys(key);
  add("new 3");
  use_keys(nullptr);
  auto r = verify(tmp.db(), {key.get(), {}});
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.checked, 3);
  EXPECT_EQ(r.keyed, 1);
  rewrite_and_rehash(tmp, 1, "forged");
  r = verify(tmp.db(), {key.get(), {}});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq.value_or(0), 3) << r.problem;
}

TEST_F(Chain, UnkeyedRewriteWithRecomputedHashesIsCaughtByAnAnchor) {
  auto head = read_head(tmp.db());
  ASSERT_TRUE(head);
  EXPECT_EQ(head->seq, 5);
  head->at = "2026-11-26T08:05:00Z";
  rewrite_and_rehash(tmp, 2, "forged");
  EXPECT_TRUE(verify(tmp.db()).ok) << "the unkeyed chain alone cannot tell";
  auto r = verify(tmp.db(), {nullptr, {*head}});
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq.value_or(0), 5);
  EXPECT_NE(r.problem.find("anchored at 2026-11-26T08:05:00Z"), std::string::npos) << r.problem;
}

TEST_F(Chain, TruncatedChainBehindAnAnchorIsCaught) {
  auto head = read_head(tmp.db());
  ASSERT_TRUE(head);
  drop_triggers();
  tmp.exec("DELETE FROM audit_log WHERE seq >= 4");
  tmp.db().with_session([&](soci::session& s) {
    s << "UPDATE audit_head SET seq = 3, hash = (SELECT hash FROM audit_log WHERE seq = 3) WHERE id = 1";
  });
  EXPECT_TRUE(verify(tmp.db()).ok) << "head rewritten too: the database alone cannot tell";
  auto r = verify(tmp.db(), {nullptr, {*head}});
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.problem.find("truncated"), std::string::npos) << r.problem;
}

TEST_F(Chain, IntactChainMatchesItsAnchors) {
  auto head = read_head(tmp.db());
  ASSERT_TRUE(head);
  auto r = verify(tmp.db(), {nullptr, {*head}});
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.anchored, 1);
}

TEST(AnchorLine, RoundTripsAndRejectsDamage) {
  Anchor a{"2026-11-26T08:00:00Z", std::string(32, 'a'), 42, std::string(64, 'b'), std::string(64, 'c')};
  auto line = format_anchor(a);
  EXPECT_EQ(line, "tinhso-audit-anchor v1 2026-11-26T08:00:00Z " + std::string(32, 'a') + " 42 " + std::string(64, 'b') +
                      " " + std::string(64, 'c'));
  auto back = parse_anchor(line);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->seq, 42);
  EXPECT_EQ(back->mac, a.mac);
  a.mac.clear();
  back = parse_anchor(format_anchor(a));
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->mac.empty());
  for (std::string bad : {std::string(""), std::string("# comment"), line + " extra", line.substr(0, line.size() - 1),
                          std::string("tinhso-audit-anchor v2 x") , std::string("tinhso-audit-anchor v1 t aa 1 bb -")})
    EXPECT_FALSE(parse_anchor(bad)) << bad;
}

TEST(ChainLabel, NamesTheDatabaseWithoutCredentials) {
  EXPECT_EQ(chain_label("postgresql://tinhso:secret@db:5432/tinhso?connect_timeout=10"), chain_label("postgresql://db:5432/tinhso"));
  EXPECT_NE(chain_label("postgresql://db:5432/a"), chain_label("postgresql://db:5432/b"));
  EXPECT_EQ(chain_label("sqlite:/tmp/x/../y.db"), chain_label("sqlite:/tmp/y.db"));
  EXPECT_EQ(chain_label("x").size(), 32u);
}

TEST(KeyFile, MadeOnceWithMode0600AndReadBack) {
  auto dir = std::filesystem::temp_directory_path() / ("tinhso-audit-key-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto file = (dir / "sub" / "audit-key").string();
  EXPECT_THROW(load_key_file(file, false), std::runtime_error);
  auto k1 = load_key_file(file, true);
  auto k2 = load_key_file(file, true);
  ASSERT_EQ(k1.size(), kAuditKeyBytes);
  EXPECT_EQ(k1.view(), k2.view());
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  std::ofstream(file) << "# a placeholder\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
  EXPECT_THROW(load_key_file(file, false), std::runtime_error) << "all zeros";
  std::ofstream(file) << "not base64\n";
  EXPECT_THROW(load_key_file(file, false), std::runtime_error);
  const std::string a = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=", b = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
  struct Case {
    std::string text;
    int current;          // 0: refused
    std::vector<int> ids;
  } cases[] = {
      {a + "\n", 1, {1}},
      {"# first\n" + a + "\n2:" + b + "\n", 2, {1, 2}},
      {a + "\n2:" + b + "\ncurrent=1\n", 1, {1, 2}},
      {"1:" + a + "\n 7:" + b + " \r\n", 7, {1, 7}},
      {"current=2\n2:" + b + "\n", 2, {2}},
      {a + "\n1:" + b + "\n", 0, {}},             // key 1 twice
      {"0:" + a + "\n", 0, {}},                    // ids are 1–255
      {"256:" + a + "\n", 0, {}},
      {"x:" + a + "\n", 0, {}},
      {"2:" + a + "\ncurrent=3\n", 0, {}},        // current names no key
      {"2:" + a + "\ncurrent=2\ncurrent=2\n", 0, {}},
      {"2:" + a.substr(4) + "\n", 0, {}},          // short key
      {"# only a comment\n", 0, {}},
  };
  for (const auto& c : cases) {
    std::ofstream(file) << c.text;
    if (c.current == 0) {
      EXPECT_THROW(load_keys(file, false), std::runtime_error) << c.text;
      continue;
    }
    AuditKeys keys = load_keys(file, false);
    std::vector<int> ids;
    for (const auto& [id, k] : keys.keys) ids.push_back(id);
    EXPECT_EQ(ids, c.ids) << c.text;
    EXPECT_EQ(keys.current, c.current) << c.text;
  }
  std::ofstream(file) << "2:" + b + "\n1:" + a + "\n";
  EXPECT_EQ(load_key_file(file, false).view(), load_keys(file, false).keys.at(1).view()) << "the first key";
  try {
    std::ofstream(file) << "3:" + a.substr(0, 20) + "\n";
    load_keys(file, false);
    ADD_FAILURE() << "a damaged key is refused";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()).find(a.substr(0, 20)), std::string::npos) << "never the key in the message";
    EXPECT_NE(std::string(e.what()).find("line 1"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(KeyedChainAnchorFile, WriteAnchorAppendsOnlyWhenTheHeadMoves) {
  testing::TempDb tmp;
  auth::FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}};
  auto file = (tmp.file().parent_path() / "anchors").string();
  std::string last;
  EXPECT_FALSE(write_anchor(tmp.db(), clock, file, "c", last)) << "empty log: nothing to anchor";
  tmp.db().transaction([&](soci::session& s) { record_system(s, tmp.db().dialect(), clock, "t", {"a", "b", "1", "", ""}); });
  std::string chain(32, 'd');
  EXPECT_TRUE(write_anchor(tmp.db(), clock, file, chain, last));
  EXPECT_FALSE(write_anchor(tmp.db(), clock, file, chain, last));
  auto anchors = read_anchors(file, chain);
  ASSERT_EQ(anchors.size(), 1u);
  EXPECT_EQ(anchors[0].seq, 1);
  EXPECT_TRUE(read_anchors(file, std::string(32, 'e')).empty()) << "another database's chain";
}

// ---- issue 12 §8: security events are pruned after the retention period ------------------------

TEST(SecurityEventRetention, OldEventsPrunedInBatchesOnceUnderTheLease) {
  testing::TempDb tmp;
  auth::FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 12 / 4} + 20h};
  tmp.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2500)"
           " INSERT INTO security_events (at, kind, address, subject, detail, request_id)"
           " SELECT '2025-01-0' || (1 + i % 9) || 'T00:00:00Z', 'login_failure', '198.51.100.7', 'x', '', '' FROM n");
  tmp.exec("INSERT INTO security_events (at, kind, address, subject, detail, request_id)"
           " VALUES ('2026-06-01T00:00:00Z', 'login_failure', '198.51.100.7', 'recent', '', '')");
  EXPECT_EQ(prune_security_events(tmp.db(), clock, 365, "node-a"), 2500);
  EXPECT_EQ(prune_security_events(tmp.db(), clock, 365, "node-b"), -1) << "the lease is held for one period";
  int left = 0, records = 0;
  tmp.db().with_session([&](soci::session& s) {
    s << "SELECT COUNT(*) FROM security_events", soci::into(left);
    s << "SELECT COUNT(*) FROM audit_log WHERE action = 'security_events.prune'", soci::into(records);
  });
  EXPECT_EQ(left, 1);
  EXPECT_EQ(records, 3) << "one audit record per batch of 1000";
  EXPECT_TRUE(verify(tmp.db()).ok);
  clock.advance(kPrunePeriod + 1min);
  EXPECT_EQ(prune_security_events(tmp.db(), clock, 365, "node-b"), 0) << "the lease expired: another node may run";
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
