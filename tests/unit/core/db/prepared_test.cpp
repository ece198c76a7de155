// core/db/prepared.h: one prepared statement per connection, counted per execution, reset after
// each use, prepared again after a reconnect, finalized before its session closes (issue 15 §7).
#include "core/db/prepared.h"

#include <unistd.h>

#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "core/db/database.h"
#include "core/util/work_counter.h"
#include "temp_db.h"
#include "temp_dir.h"

namespace tinhso::db {
namespace {

struct ReadValue : Prepared {
  long long id = 0;
  std::string v;
  explicit ReadValue(soci::session& s) { prepare((s.prepare << "SELECT v FROM t WHERE id = :id", soci::use(id, "id"), soci::into(v))); }
};

struct ReadAll : Prepared {
  long long id = 0;
  explicit ReadAll(soci::session& s) { prepare((s.prepare << "SELECT id FROM t ORDER BY id", soci::into(id))); }
};

// Open descriptors of this process on `file` (the database, not its -wal/-shm).
int open_count(const std::filesystem::path& file) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code ec;
    if (std::filesystem::read_symlink(e.path(), ec) == file) ++n;
  }
  return n;
}

class PreparedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = dir_.path() / "p.db";
    open(s_);
    s_ << "PRAGMA journal_mode=WAL";
    s_ << "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)";
    s_ << "INSERT INTO t (id, v) VALUES (1, 'one'), (2, 'two'), (3, 'three')";
  }
  void open(soci::session& s) { s.open(soci::sqlite3, "db=\"" + file_.string() + "\""); }

  tinhso::test::TempDir dir_{"tinhso-prepared"};
  std::filesystem::path file_;
  soci::session s_;
};

std::string read(soci::session& s, long long id) {
  auto q = prepared<ReadValue>(s);
  q->id = id;
  return q.execute(true) ? q->v : std::string("(none)");
}

TEST_F(PreparedTest, OneInstancePerSessionCountedPerExecution) {
  std::uint64_t before = util::sql_statements;
  EXPECT_EQ(read(s_, 1), "one");
  EXPECT_EQ(read(s_, 2), "two");
  EXPECT_EQ(read(s_, 9), "(none)");
  EXPECT_EQ(util::sql_statements - before, 3u);  // executions, not the one preparation
  ReadValue* first = &*prepared<ReadValue>(s_);
  EXPECT_EQ(&*prepared<ReadValue>(s_), first);

  soci::session other;
  open(other);
  EXPECT_EQ(read(other, 3), "three");
  EXPECT_NE(&*prepared<ReadValue>(other), first);
}

TEST_F(PreparedTest, MultiRowFetchAndNoSnapshotKeptAfterUse) {
  {
    auto q = prepared<ReadAll>(s_);
    long long sum = 0;
    for (bool row = q.execute(true); row; row = q.fetch()) sum += q->id;
    EXPECT_EQ(sum, 6);
  }
  {
    auto q = prepared<ReadAll>(s_);
    ASSERT_TRUE(q.execute(true));  // one row read, the statement left mid-way
  }
  // Reset when the handle went: no read transaction holds the WAL, so a truncating checkpoint
  // from another connection completes (busy = 0).
  soci::session other;
  open(other);
  other << "INSERT INTO t (id, v) VALUES (4, 'four')";
  int busy = -1, log = 0, done = 0;
  other << "PRAGMA wal_checkpoint(TRUNCATE)", soci::into(busy), soci::into(log), soci::into(done);
  EXPECT_EQ(busy, 0);
  EXPECT_EQ(read(s_, 4), "four");
}

TEST_F(PreparedTest, ReconnectPreparesAgainAndClosesTheOldConnection) {
  EXPECT_EQ(read(s_, 1), "one");
  EXPECT_EQ(open_count(file_), 1);
  s_.close();
  open(s_);  // a new sqlite3* for the same session, as core/db/database.cpp's reconnect does
  std::uint64_t before = util::sql_statements;
  EXPECT_EQ(read(s_, 2), "two");
  EXPECT_EQ(util::sql_statements - before, 1u);
  EXPECT_EQ(open_count(file_), 1);  // SOCI could not close the old one while our statement lived; the cache did
}

TEST_F(PreparedTest, SessionEndFinalizesBeforeClosing) {
  // Alone on the file: SQLite keeps a closed connection's descriptor open while another
  // connection of the process holds locks on the file.
  s_.close();
  {
    soci::session other;
    open(other);
    EXPECT_EQ(read(other, 1), "one");
    EXPECT_EQ(open_count(file_), 1);
  }
  EXPECT_EQ(open_count(file_), 0);  // SOCI's sqlite3_close would fail while a statement lived
  open(s_);
  // The hook keeps counting every ad-hoc statement as core/db/database.cpp's transformation does.
  std::uint64_t before = util::sql_statements;
  EXPECT_EQ(read(s_, 1), "one");
  int n = 0;
  s_ << "SELECT COUNT(*) FROM t", soci::into(n);
  EXPECT_EQ(util::sql_statements - before, 2u);
}

TEST_F(PreparedTest, FailedExecutionIsPreparedAgain) {
  struct Insert : Prepared {
    long long id = 0;
    explicit Insert(soci::session& s) { prepare((s.prepare << "INSERT INTO t (id, v) VALUES (:id, 'x')", soci::use(id, "id"))); }
  };
  {
    auto q = prepared<Insert>(s_);
    q->id = 1;
    EXPECT_THROW(q.execute(true), soci::soci_error);
  }
  auto q = prepared<Insert>(s_);
  q->id = 10;
  EXPECT_NO_THROW(q.execute(true));
  EXPECT_EQ(q.affected_rows(), 1);
}

// PostgreSQL: the server's prepared statement belongs to the connection; after a reconnect (a new
// PGconn, maybe at the old address, and a new server process) the query is prepared again.
TEST(PreparedPostgresTest, ReconnectPreparesAgain) {
  TINHSO_SKIP_UNLESS_AVAILABLE(Dialect::postgresql);
  std::string target = parse_database_url(testing::pg_server_url()).target;
  soci::session s(soci::postgresql, target);
  const std::string table = "prepared_test_" + std::to_string(::getpid());
  s << "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, v TEXT NOT NULL)";
  s << "INSERT INTO " + table + " (id, v) VALUES (1, 'one'), (2, 'two')";
  struct Read : Prepared {
    long long id = 0;
    std::string v;
    Read(soci::session& s, const std::string& table) {
      prepare((s.prepare << "SELECT v FROM " + table + " WHERE id = :id", soci::use(id, "id"), soci::into(v)));
    }
  };
  // prepared<T> makes T from the session alone: bind the table name through a subclass per test.
  struct ReadHere : Read {
    explicit ReadHere(soci::session& s) : Read(s, "prepared_test_" + std::to_string(::getpid())) {}
  };
  auto read_pg = [&](long long id) {
    auto q = prepared<ReadHere>(s);
    q->id = id;
    return q.execute(true) ? q->v : std::string("(none)");
  };
  std::uint64_t before = util::sql_statements;
  EXPECT_EQ(read_pg(1), "one");
  EXPECT_EQ(read_pg(2), "two");
  EXPECT_EQ(util::sql_statements - before, 2u);
  s.close();
  s.open(soci::postgresql, target);
  EXPECT_EQ(read_pg(1), "one");  // a stale statement name would fail: "prepared statement … does not exist"
  s << "DROP TABLE " + table;
}

}  // namespace
}  // namespace tinhso::db
