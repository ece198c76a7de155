// Group commit (db::Database::grouped_transaction, issue 15 §7): callers share one durable
// COMMIT on SQLite, each keeps its own outcome; on PostgreSQL it is a plain transaction.
#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/db/database.h"
#include "core/db/refusable.h"
#include "core/util/unavailable.h"
#include "core/util/work_counter.h"
#include "temp_db.h"
#include "temp_dir.h"

namespace tinhso::db {
namespace {

class GroupCommit : public ::testing::Test {
 protected:
  test::TempDir dir_;
  std::string url() const { return "sqlite:" + (dir_.path() / "t.db").string(); }
  static int count(Database& db, const std::string& where = "1 = 1") {
    return db.with_session([&](soci::session& s) {
      int n = 0;
      s << "SELECT COUNT(*) FROM t WHERE " + where, soci::into(n);
      return n;
    });
  }
};

TEST_F(GroupCommit, WritersShareCommitsAndEachKeepsItsOwnOutcome) {
  Database db(url(), 4);
  db.transaction([](soci::session& s) { s << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)"; });
  constexpr int kThreads = 8, kEach = 40;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        std::string v = std::to_string(t) + "-" + std::to_string(i);
        std::uint64_t before = util::sql_statements, counted = 0;
        try {
          int r = db.grouped_transaction([&](soci::session& s) {
            std::uint64_t at = util::sql_statements;  // on whichever thread runs this
            s << "INSERT INTO t (v) VALUES (:v)", soci::use(v);
            s << "SELECT 1";
            counted = util::sql_statements - at;
            if (i % 5 == 4) throw std::logic_error("rolled back");
            return i * 10;
          });
          if (r != i * 10 || i % 5 == 4) ++wrong;
        } catch (const std::logic_error&) {
          if (i % 5 != 4) ++wrong;
        }
        // The statement counted on whichever thread ran it is moved back to this caller.
        if (counted == 0 || util::sql_statements != before + counted) ++wrong;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(count(db), kThreads * kEach * 4 / 5);
  EXPECT_EQ(count(db, "v LIKE '%-4' OR v LIKE '%-9'"), 0);  // i % 5 == 4 left nothing
  EXPECT_EQ(db.grouped_members(), static_cast<std::uint64_t>(kThreads * kEach));
  EXPECT_LE(db.group_commits(), db.grouped_members());
  EXPECT_EQ(db.in_use(), 0u);
}

TEST_F(GroupCommit, WaitingWritersGoInOneCommit) {
  Database db(url(), 4);
  db.transaction([](soci::session& s) { s << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)"; });
  constexpr int kWaiting = 6;
  std::atomic<bool> running{false}, release{false};
  std::thread leader([&] {
    db.grouped_transaction([&](soci::session& s) {
      s << "INSERT INTO t (v) VALUES ('leader')";
      running = true;
      while (!release) std::this_thread::yield();
    });
  });
  while (!running) std::this_thread::yield();  // the leader's batch holds only itself
  std::vector<std::thread> others;
  for (int i = 0; i < kWaiting; ++i)
    others.emplace_back([&, i] {
      db.grouped_transaction([&](soci::session& s) {
        std::string v = "w" + std::to_string(i);
        s << "INSERT INTO t (v) VALUES (:v)", soci::use(v);
      });
    });
  while (db.grouped_waiting() < static_cast<std::size_t>(kWaiting)) std::this_thread::yield();
  release = true;
  leader.join();
  for (auto& th : others) th.join();
  EXPECT_EQ(count(db), kWaiting + 1);
  EXPECT_EQ(db.group_commits(), 2u);  // the leader's, then the six that queued behind it
  EXPECT_EQ(db.grouped_members(), static_cast<std::uint64_t>(kWaiting + 1));
}

TEST_F(GroupCommit, ConstraintFailureStaysWithItsCaller) {
  Database db(url(), 2);
  db.transaction([](soci::session& s) {
    s << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)";
    s << "INSERT INTO t (v) VALUES ('taken')";
  });
  try {
    db.grouped_transaction([](soci::session& s) { s << "INSERT INTO t (v) VALUES ('taken')"; });
    FAIL() << "duplicate accepted";
  } catch (const util::Unavailable&) {
    FAIL() << "a constraint violation surfaced as Unavailable";
  } catch (const soci::soci_error&) {
  }
  db.grouped_transaction([](soci::session& s) { s << "INSERT INTO t (v) VALUES ('free')"; });
  EXPECT_EQ(count(db), 2);
}

TEST_F(GroupCommit, FullDiskIsUnavailableAndWritesResume) {
  Database db(url(), PoolOptions{.size = 1});
  db.transaction([](soci::session& s) {
    s << "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB NOT NULL)";
    s << "INSERT INTO t (b) VALUES (zeroblob(100))";
  });
  db.with_session([](soci::session& s) {
    long long pages = 0;
    s << "PRAGMA page_count", soci::into(pages);
    s << "PRAGMA max_page_count = " + std::to_string(pages);
  });
  EXPECT_THROW(db.grouped_transaction([](soci::session& s) { s << "INSERT INTO t (b) VALUES (zeroblob(1000000))"; }),
               util::Unavailable);
  EXPECT_EQ(count(db), 1);
  db.with_session([](soci::session& s) { s << "PRAGMA max_page_count = 1073741823"; });
  db.grouped_transaction([](soci::session& s) { s << "INSERT INTO t (b) VALUES (zeroblob(1000))"; });
  EXPECT_EQ(count(db), 2);
}

TEST(GroupCommitPostgres, IsAPlainTransaction) {
  TINHSO_SKIP_UNLESS_AVAILABLE(Dialect::postgresql);
  testing::TempDb t(Dialect::postgresql);
  Database& db = t.db();
  db.transaction([](soci::session& s) { s << "CREATE TABLE gc (v TEXT NOT NULL)"; });
  int r = db.grouped_transaction([](soci::session& s) {
    s << "INSERT INTO gc (v) VALUES ('a')";
    return 3;
  });
  EXPECT_EQ(r, 3);
  EXPECT_THROW(db.grouped_transaction([](soci::session& s) {
    s << "INSERT INTO gc (v) VALUES ('b')";
    throw std::logic_error("no");
  }),
               std::logic_error);
  int n = db.with_session([](soci::session& s) {
    int c = 0;
    s << "SELECT COUNT(*) FROM gc", soci::into(c);
    return c;
  });
  EXPECT_EQ(n, 1);
  EXPECT_EQ(db.group_commits(), 0u);
}

// transaction_unless_refused: a refused result rolls back what was written before the refusal and
// comes back as the result; an accepted one is committed.
TEST_F(GroupCommit, ARefusedResultRollsBackAndIsReturned) {
  struct Outcome {
    int code = 0;
    bool ok() const { return code == 0; }
  };
  Database db(url(), 2);
  db.transaction([](soci::session& s) { s << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)"; });
  const Outcome refused = db::transaction_unless_refused(db, [](soci::session& s) {
    s << "INSERT INTO t (v) VALUES ('refused')";
    return Outcome{7};
  });
  EXPECT_EQ(refused.code, 7);
  EXPECT_EQ(count(db), 0) << "what the refused step wrote is rolled back";
  const Outcome accepted = db::transaction_unless_refused(db, [](soci::session& s) {
    s << "INSERT INTO t (v) VALUES ('accepted')";
    return Outcome{};
  });
  EXPECT_TRUE(accepted.ok());
  EXPECT_EQ(count(db), 1);
}

}  // namespace
}  // namespace tinhso::db
