#pragma once
// A migrated, empty database for one test: a SQLite file in a temporary directory, or a new
// PostgreSQL database on the server of TINHSO_TEST_PG_URL (make check's unit stage starts a
// throwaway one, tests/lib/pg.sh). Removed at the end of the test.
//
// Use cases run on both dialects: a test suite parameterised over testing::dialects() calls
// testing::skip_unless_available(dialect) first, which skips the PostgreSQL cases (visibly, with
// the reason) only when no server is configured.
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/db/database.h"
#include "core/db/migrate.h"
#include "modules/registry.h"

namespace tinhso::testing {

// The server URL for PostgreSQL test databases, or "" when none is configured.
inline std::string pg_server_url() {
  const char* u = std::getenv("TINHSO_TEST_PG_URL");
  return u ? u : "";
}

inline std::vector<db::Dialect> dialects() { return {db::Dialect::sqlite, db::Dialect::postgresql}; }

inline std::string dialect_name(const ::testing::TestParamInfo<db::Dialect>& info) {
  return info.param == db::Dialect::sqlite ? "sqlite" : "postgresql";
}

// GTEST_SKIP()s the current test when `d` is PostgreSQL and no server is configured.
#define TINHSO_SKIP_UNLESS_AVAILABLE(d)                                                   \
  do {                                                                                    \
    if ((d) == ::tinhso::db::Dialect::postgresql && ::tinhso::testing::pg_server_url().empty()) \
      GTEST_SKIP() << "TINHSO_TEST_PG_URL is not set (make check sets it)";               \
  } while (0)

class TempDb {
 public:
  explicit TempDb(db::Dialect dialect = db::Dialect::sqlite) : dialect_(dialect) {
    if (dialect == db::Dialect::sqlite) {
      std::string tmpl = (std::filesystem::temp_directory_path() / "tinhso-unit-XXXXXX").string();
      dir_ = mkdtemp(tmpl.data());
      db_ = std::make_unique<db::Database>("sqlite:" + (dir_ / "t.db").string());
    } else {
      server_ = pg_server_url();
      if (server_.empty()) throw std::runtime_error("TINHSO_TEST_PG_URL is not set");
      static std::atomic<int> counter{0};
      name_ = "tinhso_unit_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
      admin([&](soci::session& s) {
        s << "DROP DATABASE IF EXISTS " + name_;
        s << "CREATE DATABASE " + name_;
      });
      db_ = std::make_unique<db::Database>(with_database(server_, name_), 2);
    }
    db::migrate(*db_, module_migrations(dialect));
  }
  ~TempDb() {
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    if (!name_.empty()) {
      try {
        admin([&](soci::session& s) { s << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)"; });
      } catch (...) {  // a database left behind dies with the throwaway cluster
      }
    }
  }
  TempDb(const TempDb&) = delete;
  TempDb& operator=(const TempDb&) = delete;

  db::Database& db() { return *db_; }
  db::Dialect dialect() const { return dialect_; }
  // The SQLite database file (its -wal file sits next to it).
  std::filesystem::path file() const { return dir_ / "t.db"; }
  // Runs one SQL statement (or script) outside a transaction.
  void exec(const std::string& sql) {
    db_->with_session([&](soci::session& s) { db_->exec_script(s, sql); });
  }

 private:
  // `url` with its database name (the path after the authority) replaced by `name`.
  static std::string with_database(const std::string& url, const std::string& name) {
    auto scheme = url.find("://");
    auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    auto query = url.find('?');
    std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
    std::string rest = query == std::string::npos ? "" : url.substr(query);
    return base + "/" + name + rest;
  }
  template <class F>
  void admin(F&& fn) {
    db::Database server(server_, 1);
    server.with_session(fn);
  }

  db::Dialect dialect_;
  std::filesystem::path dir_;
  std::string server_, name_;
  std::unique_ptr<db::Database> db_;
};

}  // namespace tinhso::testing
