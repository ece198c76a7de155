// Database outages (issue 15 §4): which errors become util::Unavailable, the bounded lease wait,
// SQLite refusing writes on a full disk and resuming, and a PostgreSQL session reconnecting after
// its backend was terminated.
#include "core/db/outage.h"

#include <gtest/gtest.h>

#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <string>

#include "core/db/database.h"
#include "core/util/unavailable.h"
#include "temp_db.h"
#include "temp_dir.h"

namespace tinhso::db {
namespace {

TEST(PgConnectionLost, Table) {
  struct Case {
    const char* sqlstate;
    bool lost;
  };
  const Case cases[] = {
      {"08000", true},   // connection_exception
      {"08003", true},   // connection_does_not_exist
      {"08006", true},   // connection_failure
      {"08001", true},   // sqlclient_unable_to_establish_sqlconnection
      {"08P01", true},   // protocol_violation
      {"57P01", true},   // admin_shutdown
      {"57P02", true},   // crash_shutdown
      {"57P03", true},   // cannot_connect_now
      {"57P04", false},  // database_dropped: not a restart
      {"57014", false},  // query_canceled
      {"23505", false},  // unique_violation
      {"42601", false},  // syntax_error
      {"40001", false},  // serialization_failure
      {"", false},
      {"08", false},
      {"080000", false},
  };
  for (const auto& c : cases) EXPECT_EQ(pg_connection_lost(c.sqlstate), c.lost) << c.sqlstate;
}

TEST(SqliteUnavailable, Table) {
  struct Case {
    int code;
    bool unavailable;
  };
  const Case cases[] = {
      {SQLITE_FULL, true},
      {SQLITE_IOERR, true},
      {SQLITE_IOERR_WRITE, true},  // extended code of SQLITE_IOERR
      {SQLITE_IOERR_FSYNC, true},
      {SQLITE_BUSY, true},
      {SQLITE_BUSY_SNAPSHOT, true},
      {SQLITE_ERROR, false},
      {SQLITE_CONSTRAINT, false},
      {SQLITE_CONSTRAINT_UNIQUE, false},
      {SQLITE_CORRUPT, false},
      {SQLITE_READONLY, false},
      {SQLITE_MISMATCH, false},
      {SQLITE_OK, false},
  };
  for (const auto& c : cases) EXPECT_EQ(sqlite_unavailable(c.code), c.unavailable) << c.code;
}

class SqliteOutage : public ::testing::Test {
 protected:
  test::TempDir dir_;
  std::string url() const { return "sqlite:" + (dir_.path() / "t.db").string(); }
};

TEST_F(SqliteOutage, LeaseWaitIsBoundedThenUnavailable) {
  Database db(url(), PoolOptions{.size = 1, .lease_wait = std::chrono::milliseconds(20)});
  {
    Database::Lease held(db);
    EXPECT_THROW(Database::Lease{db}, util::Unavailable);
    EXPECT_EQ(db.in_use(), 1u);
  }
  EXPECT_EQ(db.in_use(), 0u);
  EXPECT_TRUE(db.ping());
}

TEST_F(SqliteOutage, FullDiskRefusesWritesKeepsReadsAndResumes) {
  // One session, so the per-connection page limit below applies to every statement.
  Database db(url(), PoolOptions{.size = 1});
  db.transaction([](soci::session& s) {
    s << "CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB NOT NULL)";
    s << "INSERT INTO t (b) VALUES (zeroblob(100))";
  });
  // The file may not grow: SQLite answers SQLITE_FULL, as on a full disk.
  db.with_session([](soci::session& s) {
    long long pages = 0;
    s << "PRAGMA page_count", soci::into(pages);
    s << "PRAGMA max_page_count = " + std::to_string(pages);
  });
  EXPECT_THROW(db.transaction([](soci::session& s) { s << "INSERT INTO t (b) VALUES (zeroblob(1000000))"; }),
               util::Unavailable);
  auto count = [&] {
    return db.with_session([](soci::session& s) {
      int n = 0;
      s << "SELECT COUNT(*) FROM t", soci::into(n);
      return n;
    });
  };
  EXPECT_EQ(count(), 1);  // reads go on, the failed write left nothing
  db.with_session([](soci::session& s) { s << "PRAGMA max_page_count = 1073741823"; });
  db.transaction([](soci::session& s) { s << "INSERT INTO t (b) VALUES (zeroblob(1000000))"; });
  EXPECT_EQ(count(), 2);
  std::string check = db.with_session([](soci::session& s) {
    std::string r;
    s << "PRAGMA integrity_check", soci::into(r);
    return r;
  });
  EXPECT_EQ(check, "ok");
}

TEST_F(SqliteOutage, OtherSqlErrorsStayUnchanged) {
  Database db(url(), 1);
  db.transaction([](soci::session& s) { s << "CREATE TABLE t (id INTEGER PRIMARY KEY)"; });
  db.transaction([](soci::session& s) { s << "INSERT INTO t (id) VALUES (1)"; });
  try {
    db.transaction([](soci::session& s) { s << "INSERT INTO t (id) VALUES (1)"; });
    FAIL() << "duplicate key accepted";
  } catch (const util::Unavailable&) {
    FAIL() << "a constraint violation surfaced as Unavailable";
  } catch (const soci::soci_error&) {
  }
  EXPECT_THROW(db.with_session([](soci::session& s) { s << "SELEC 1"; }), soci::soci_error);
}

// PostgreSQL: a pool of one session on the unit runner's throwaway server, and an admin session
// that terminates its backend (waiting until it is gone).
class PgOutage : public ::testing::Test {
 protected:
  void SetUp() override {
    TINHSO_SKIP_UNLESS_AVAILABLE(Dialect::postgresql);
    db_ = std::make_unique<Database>(testing::pg_server_url(), PoolOptions{.size = 1});
    admin_ = std::make_unique<Database>(testing::pg_server_url(), 1);
  }
  static int backend_pid(soci::session& s) {
    int pid = 0;
    s << "SELECT pg_backend_pid()", soci::into(pid);
    return pid;
  }
  int pid() {
    return db_->with_session([](soci::session& s) { return backend_pid(s); });
  }
  void terminate(int pid) {
    admin_->with_session([&](soci::session& s) {
      int done = 0;
      s << "SELECT CASE WHEN pg_terminate_backend(:p, 5000) THEN 1 ELSE 0 END", soci::use(pid), soci::into(done);
      ASSERT_EQ(done, 1);
    });
  }
  std::unique_ptr<Database> db_, admin_;
};

TEST_F(PgOutage, TerminatedBackendIsReconnectedOnNextUse) {
  int before = pid();
  std::uint64_t generation = 0;
  {
    Database::Lease lease(*db_);
    generation = lease.generation();
  }
  terminate(before);
  int after = pid();  // no exception: the lease noticed the closed connection and reconnected
  EXPECT_NE(after, before);
  Database::Lease lease(*db_);
  EXPECT_EQ(lease.generation(), generation + 1);
  EXPECT_EQ(lease->get_backend_name(), "postgresql");
}

TEST_F(PgOutage, ConnectionLostInTransactionIsUnavailableThenRecovers) {
  int victim = 0;
  EXPECT_THROW(db_->transaction([&](soci::session& s) {
    victim = backend_pid(s);
    terminate(victim);
    s << "SELECT 1";
  }),
               util::Unavailable);
  EXPECT_NE(victim, 0);
  EXPECT_NE(pid(), victim);
  EXPECT_TRUE(db_->ping());
}

TEST_F(PgOutage, TerminatedBackendAndPing) {
  terminate(pid());
  EXPECT_TRUE(db_->ping());
}

TEST_F(PgOutage, OtherSqlErrorsStayUnchanged) {
  int before = pid();
  try {
    db_->with_session([](soci::session& s) { s << "SELEC 1"; });
    FAIL() << "bad SQL accepted";
  } catch (const util::Unavailable&) {
    FAIL() << "a syntax error surfaced as Unavailable";
  } catch (const soci::soci_error&) {
  }
  EXPECT_EQ(pid(), before);  // the connection was kept
}

}  // namespace
}  // namespace tinhso::db
