#include "core/db/database.h"

#include "core/util/work_counter.h"

// soci-sqlite3.h includes <sqlite3.h> inside namespace sqlite_api: include it first, not sqlite3.h.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <libpq-fe.h>

#include <cctype>
#include <ctime>
#include <vector>
#include <filesystem>
#include <mutex>

#include <spdlog/spdlog.h>

namespace tinhso::db {

namespace {

std::string uri_decode(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

// libpq keyword value, single-quoted with \ and ' escaped.
std::string pq_value(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

std::string postgres_keywords(std::string_view uri) {
  std::size_t scheme = uri.find("://");
  if (scheme == std::string_view::npos) throw std::invalid_argument("not a postgresql:// URL");
  std::string_view rest = uri.substr(scheme + 3);
  std::string_view query;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view path;
  if (auto slash = rest.find('/'); slash != std::string_view::npos) {
    path = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::vector<std::pair<std::string, std::string>> kv;
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = userinfo.find(':');
    kv.emplace_back("user", uri_decode(userinfo.substr(0, colon)));
    if (colon != std::string_view::npos) kv.emplace_back("password", uri_decode(userinfo.substr(colon + 1)));
  }
  std::string_view host = rest, port;
  if (!rest.empty() && rest.front() == '[') {  // [IPv6]:port
    auto close = rest.find(']');
    if (close == std::string_view::npos) throw std::invalid_argument("bad IPv6 host in database URL");
    host = rest.substr(1, close - 1);
    if (close + 1 < rest.size() && rest[close + 1] == ':') port = rest.substr(close + 2);
  } else if (auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  if (!host.empty()) kv.emplace_back("host", uri_decode(host));
  if (!port.empty()) kv.emplace_back("port", std::string(port));
  if (!path.empty()) kv.emplace_back("dbname", uri_decode(path));
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos || eq == 0) throw std::invalid_argument("bad parameter in database URL");
    kv.emplace_back(uri_decode(pair.substr(0, eq)), uri_decode(pair.substr(eq + 1)));
  }
  std::string out;
  for (const auto& [k, v] : kv) {
    for (char c : k)
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') throw std::invalid_argument("bad parameter name in database URL");
    out += (out.empty() ? "" : " ") + k + "=" + pq_value(v);
  }
  return out;
}

DatabaseUrl parse_database_url(const std::string& url) {
  if (url.starts_with("sqlite://")) return {Dialect::sqlite, url.substr(9)};
  if (url.starts_with("sqlite:")) return {Dialect::sqlite, url.substr(7)};
  // SOCI 4.0.3 re-tokenises a URI and mangles "…/dbname" into "dbname=": hand it keywords.
  if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
    return {Dialect::postgresql, postgres_keywords(url)};
  throw std::invalid_argument("database URL must start with sqlite: or postgresql://");
}

namespace {

// Process-wide SQLite settings, before the library is first initialised (sqlite3_config is only
// allowed then; later it answers SQLITE_MISUSE and the defaults stay). A pooled connection is
// used by one thread at a time, so SQLite's per-connection mutexes are not needed (MULTITHREAD);
// memory statistics are off because they take one global mutex on every allocation, which
// profiling showed contended by the worker threads (docs/BENCHMARKS.md).
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sqlite_api::sqlite3_config(SQLITE_CONFIG_MULTITHREAD) != SQLITE_OK)
      spdlog::warn("sqlite: could not select the multi-thread mode; the default mode stays");
    if (sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
      spdlog::warn("sqlite: could not turn memory statistics off");
  });
}

}  // namespace

Database::Database(const std::string& url, std::size_t pool_size) {
  DatabaseUrl u = parse_database_url(url);
  if (u.target.empty()) throw std::invalid_argument("database URL has no path");
  dialect_ = u.dialect;
  size_ = pool_size ? pool_size : (dialect_ == Dialect::sqlite ? 4 : 8);
  pool_ = std::make_unique<soci::connection_pool>(size_);
  if (dialect_ == Dialect::sqlite) {
    configure_sqlite_once();
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
        s << "SET client_min_messages TO WARNING";  // no NOTICE noise from IF NOT EXISTS
      }
      s.set_query_transformation([](const std::string& query) {
        ++util::sql_statements;
        return query;
      });
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
