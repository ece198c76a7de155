#include "core/db/database.h"

// soci-sqlite3.h includes <sqlite3.h> inside namespace sqlite_api: include it first, not sqlite3.h.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <libpq-fe.h>

#include <ctime>
#include <filesystem>

namespace tinhso::db {

DatabaseUrl parse_database_url(const std::string& url) {
  if (url.starts_with("sqlite://")) return {Dialect::sqlite, url.substr(9)};
  if (url.starts_with("sqlite:")) return {Dialect::sqlite, url.substr(7)};
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return {Dialect::postgresql, url};
  throw std::invalid_argument("database URL must start with sqlite: or postgresql://");
}

Database::Database(const std::string& url, std::size_t pool_size) {
  DatabaseUrl u = parse_database_url(url);
  if (u.target.empty()) throw std::invalid_argument("database URL has no path");
  dialect_ = u.dialect;
  size_ = pool_size ? pool_size : (dialect_ == Dialect::sqlite ? 4 : 8);
  pool_ = std::make_unique<soci::connection_pool>(size_);
  if (dialect_ == Dialect::sqlite) {
    auto dir = std::filesystem::path(u.target).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir);
  }
  for (std::size_t i = 0; i < size_; ++i) {
    soci::session& s = pool_->at(i);
    try {
      if (dialect_ == Dialect::sqlite) {
        // SOCI's connect string: quote the path so spaces survive.
        s.open(soci::sqlite3, "db=\"" + u.target + "\" timeout=10");
        s << "PRAGMA journal_mode=WAL";
        s << "PRAGMA synchronous=FULL";
        s << "PRAGMA foreign_keys=ON";
        s << "PRAGMA busy_timeout=10000";
      } else {
        s.open(soci::postgresql, u.target);
        s << "SET TIME ZONE 'UTC'";
      }
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("cannot open database: ") + e.what());
    }
  }
}

Database::~Database() = default;

Database::Lease::Lease(Database& db) : db_(db), pos_(db.pool_->lease()), session_(&db.pool_->at(pos_)) {
  ++db_.in_use_;
}

Database::Lease::~Lease() {
  --db_.in_use_;
  db_.pool_->give_back(pos_);
}

void Database::begin(soci::session& s) { s << (dialect_ == Dialect::sqlite ? "BEGIN IMMEDIATE" : "BEGIN"); }
void Database::commit(soci::session& s) { s << "COMMIT"; }
void Database::rollback(soci::session& s) noexcept {
  try {
    s << "ROLLBACK";
  } catch (...) {
    // The transaction is already gone (e.g. the connection dropped); nothing left to undo.
  }
}

void Database::exec_script(soci::session& s, const std::string& sql) {
  if (dialect_ == Dialect::sqlite) {
    auto* backend = static_cast<soci::sqlite3_session_backend*>(s.get_backend());
    char* err = nullptr;
    if (sqlite_api::sqlite3_exec(backend->conn_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite_api::sqlite3_free(err);
      throw std::runtime_error("SQL script failed: " + msg);
    }
    return;
  }
  auto* backend = static_cast<soci::postgresql_session_backend*>(s.get_backend());
  PGresult* res = PQexec(backend->conn_, sql.c_str());
  ExecStatusType st = PQresultStatus(res);
  std::string msg = PQresultErrorMessage(res);
  PQclear(res);
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw std::runtime_error("SQL script failed: " + msg);
}

bool Database::ping() {
  std::size_t pos = 0;
  if (!pool_->try_lease(pos, 2000)) return false;  // pool exhausted: not ready
  ++in_use_;
  bool ok = false;
  try {
    int one = 0;
    pool_->at(pos) << "SELECT 1", soci::into(one);
    ok = one == 1;
  } catch (const std::exception&) {
    ok = false;
  }
  --in_use_;
  pool_->give_back(pos);
  return ok;
}

std::string iso_now() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace tinhso::db
