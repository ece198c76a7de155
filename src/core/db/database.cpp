#include "core/db/database.h"

#include "core/db/outage.h"
#include "core/util/work_counter.h"

// soci-sqlite3.h includes <sqlite3.h> inside namespace sqlite_api: include it first, not sqlite3.h.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cctype>
#include <exception>
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

// One pooled session and what the lessee knows about its connection. `busy` is guarded by
// Database::pool_mu_; the other fields belong to the lease holding the slot.
struct Database::Slot {
  soci::session session;
  bool busy = false;
  bool broken = false;             // the connection failed; reconnect before lending it again
  std::uint64_t generation = 0;    // grows on every reconnect
  std::uint64_t checked_epoch = 0; // Database::epoch_ when this connection was last known good
};

namespace {

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

PGconn* pg_conn(soci::session& s) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(s.get_backend());
  return backend ? backend->conn_ : nullptr;
}

// False when libpq knows the connection is gone. Reads what the server may have sent while the
// session sat in the pool without blocking (PQconsumeInput): a server that shut down or
// terminated this backend sent its FATAL message and closed the socket, which libpq notices here.
bool pg_connection_ok(soci::session& s) {
  PGconn* conn = pg_conn(s);
  if (!conn || PQstatus(conn) != CONNECTION_OK) return false;
  pollfd idle{PQsocket(conn), POLLIN, 0};
  if (::poll(&idle, 1, 0) == 0) return true;  // nothing arrived while the session sat in the pool
  // The first read may return the server's last message, the second then sees the socket closed.
  for (int i = 0; i < 2; ++i)
    if (PQconsumeInput(conn) == 0 || PQstatus(conn) != CONNECTION_OK) return false;
  return true;
}

// A round trip on an idle connection (an empty query): true if the server answered.
bool pg_round_trip(soci::session& s) {
  PGconn* conn = pg_conn(s);
  if (!conn) return false;
  PGresult* res = PQexec(conn, "");
  bool ok = res && PQresultStatus(res) == PGRES_EMPTY_QUERY;
  PQclear(res);
  return ok && PQstatus(conn) == CONNECTION_OK;
}

}  // namespace

Database::Database(const std::string& url, std::size_t pool_size) { init(url, PoolOptions{.size = pool_size}); }

Database::Database(const std::string& url, const PoolOptions& options) { init(url, options); }

void Database::init(const std::string& url, const PoolOptions& options) {
  DatabaseUrl u = parse_database_url(url);
  if (u.target.empty()) throw std::invalid_argument("database URL has no path");
  dialect_ = u.dialect;
  target_ = u.target;
  options_ = options;
  std::size_t size = options.size ? options.size : (dialect_ == Dialect::sqlite ? 4 : 8);
  if (dialect_ == Dialect::sqlite) {
    configure_sqlite_once();
    auto dir = std::filesystem::path(u.target).parent_path();
    if (!dir.empty()) std::filesystem::create_directories(dir);
  } else if (target_.find("connect_timeout=") == std::string::npos) {
    // A connect attempt must never hang a request thread (issue 15 §4).
    target_ += " connect_timeout='2'";
  }
  for (std::size_t i = 0; i < size; ++i) {
    slots_.push_back(std::make_unique<Slot>());
    soci::session& s = slots_.back()->session;
    try {
      open_session(s);
      // Set once: it survives reconnects (session::close keeps it), and core/db/prepared.cpp
      // may wrap it.
      s.set_query_transformation([](const std::string& query) {
        ++util::sql_statements;
        return query;
      });
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("cannot open database: ") + e.what());
    }
  }
}

void Database::open_session(soci::session& s) {
  if (dialect_ == Dialect::sqlite) {
    // SOCI's connect string: quote the path so spaces survive.
    s.open(soci::sqlite3, "db=\"" + target_ + "\" timeout=10");
    s << "PRAGMA journal_mode=WAL";
    s << "PRAGMA synchronous=FULL";
    s << "PRAGMA foreign_keys=ON";
    s << "PRAGMA busy_timeout=10000";
    // Reads through a shared memory map instead of pread into each connection's page cache
    // (issue 15 §7: the look-up's kernel time). Safe with WAL and several connections (SQLite
    // "Memory-Mapped I/O"): pages still come from the WAL when newer there, and writes still go
    // through write(). The map is address space, not memory; SQLite caps it at its compile-time
    // SQLITE_MAX_MMAP_SIZE (2 GiB by default).
    s << "PRAGMA mmap_size=1073741824";
  } else {
    s.open(soci::postgresql, target_);
    s << "SET TIME ZONE 'UTC'";
    s << "SET client_min_messages TO WARNING";  // no NOTICE noise from IF NOT EXISTS
  }
}

Database::~Database() = default;

void Database::mark_down() {
  ++epoch_;
  down_until_ = steady_ns() + std::chrono::duration_cast<std::chrono::nanoseconds>(options_.retry_interval).count();
}

std::size_t Database::acquire() {
  // While PostgreSQL is known down: fail at once, except one lease per retry interval that tries
  // to reconnect (the probe).
  bool probe = false;
  if (std::int64_t until = down_until_.load(); until != 0) {
    if (steady_ns() < until || probing_.exchange(true))
      throw util::Unavailable("database unreachable", kRetryAfterDown);
    probe = true;
  }
  struct ProbeEnd {
    std::atomic<bool>* flag;
    ~ProbeEnd() {
      if (flag) *flag = false;
    }
  } probe_end{probe ? &probing_ : nullptr};

  std::size_t pos = 0;
  {
    std::unique_lock lock(pool_mu_);
    auto free_slot = [&] {
      for (std::size_t i = 0; i < slots_.size(); ++i)
        if (!slots_[i]->busy) {
          pos = i;
          return true;
        }
      return false;
    };
    if (!pool_cv_.wait_for(lock, options_.lease_wait, free_slot))
      throw util::Unavailable("no free database session", kRetryAfterPoolBusy);
    slots_[pos]->busy = true;
  }
  try {
    make_ready(pos);
  } catch (...) {
    release(pos);
    throw;
  }
  if (probe) down_until_ = 0;
  ++in_use_;
  return pos;
}

void Database::release(std::size_t pos) noexcept {
  {
    std::lock_guard lock(pool_mu_);
    slots_[pos]->busy = false;
  }
  pool_cv_.notify_one();
}

// PostgreSQL: checks the slot's connection before it is lent and reconnects it if it broke.
// Throws util::Unavailable (and marks the database down) when the reconnect fails.
void Database::make_ready(std::size_t pos) {
  if (dialect_ != Dialect::postgresql) return;
  Slot& slot = *slots_[pos];
  std::uint64_t epoch = epoch_.load();
  if (!slot.broken && !pg_connection_ok(slot.session)) slot.broken = true;
  if (!slot.broken && slot.checked_epoch == epoch) return;
  // Another session failed since this one was last used: one round trip tells whether it too.
  if (!slot.broken && pg_round_trip(slot.session)) {
    slot.checked_epoch = epoch;
    return;
  }
  slot.broken = true;
  try {
    slot.session.close();
    open_session(slot.session);
  } catch (const std::exception& e) {
    mark_down();
    spdlog::warn("database: reconnect failed: {}", e.what());
    throw util::Unavailable("database unreachable", kRetryAfterDown);
  }
  slot.broken = false;
  ++slot.generation;
  slot.checked_epoch = epoch;
  spdlog::info("database: session {} reconnected", pos);
}

Database::Lease::Lease(Database& db) : db_(db), pos_(db.acquire()), session_(&db.slots_[pos_]->session) {}

Database::Lease::~Lease() {
  --db_.in_use_;
  db_.release(pos_);
}

std::uint64_t Database::Lease::generation() const { return db_.slots_[pos_]->generation; }

void Database::Lease::fail() {
  Slot& slot = *db_.slots_[pos_];
  if (db_.dialect_ == Dialect::postgresql) {
    bool lost = !pg_connection_ok(slot.session);
    try {
      throw;
    } catch (const util::Unavailable&) {
      throw;
    } catch (const soci::postgresql_soci_error& e) {
      lost = lost || pg_connection_lost(e.sqlstate());
    } catch (...) {
    }
    if (!lost) throw;
    // The server may have gone with this connection: check every other one before its next use.
    slot.broken = true;
    ++db_.epoch_;
    try {
      throw;
    } catch (const std::exception& e) {
      spdlog::warn("database: connection lost: {}", e.what());
    } catch (...) {
    }
    throw util::Unavailable("database connection lost", kRetryAfterDown);
  }
  try {
    throw;
  } catch (const soci::sqlite3_soci_error& e) {
    if (!sqlite_unavailable(e.result())) throw;
    spdlog::warn("database: cannot write now: {}", e.what());
    throw util::Unavailable("database cannot write now", kRetryAfterDiskFull);
  }
}

namespace {

// Runs one statement without a SOCI statement object (transaction control on SQLite); failures
// throw soci::sqlite3_soci_error with SQLite's result code, as SOCI would.
void sqlite_exec(soci::session& s, const char* sql) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(s.get_backend());
  char* err = nullptr;
  int rc = sqlite_api::sqlite3_exec(backend->conn_, sql, nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return;
  std::string msg = std::string("sqlite3_exec \"") + sql + "\": " + (err ? err : "error");
  sqlite_api::sqlite3_free(err);
  throw soci::sqlite3_soci_error(msg, rc);
}

bool sqlite_in_transaction(soci::session& s) {
  auto* backend = static_cast<soci::sqlite3_session_backend*>(s.get_backend());
  return sqlite_api::sqlite3_get_autocommit(backend->conn_) == 0;
}

}  // namespace

struct Database::GroupMember {
  const std::function<void(soci::session&)>* body;
  std::exception_ptr error;
  std::uint64_t statements = 0;
  bool done = false;
};

void Database::run_grouped(const std::function<void(soci::session&)>& body) {
  GroupMember me{&body, nullptr};
  std::unique_lock lock(group_mu_);
  group_queue_.push_back(&me);
  while (!me.done) {
    if (group_leader_) {
      group_cv_.wait(lock);
      continue;
    }
    // No batch is running, so `me` is still queued: lead one batch, `me` first.
    group_leader_ = true;
    std::vector<GroupMember*> batch;
    std::size_t n = std::min(group_queue_.size(), kMaxGroup);
    auto own = std::find(group_queue_.begin(), group_queue_.end(), &me);
    batch.push_back(&me);
    group_queue_.erase(own);
    for (auto it = group_queue_.begin(); it != group_queue_.end() && batch.size() < n;) {
      batch.push_back(*it);
      it = group_queue_.erase(it);
    }
    lock.unlock();
    run_group(batch);
    lock.lock();
    for (auto* m : batch) m->done = true;
    group_leader_ = false;
    group_cv_.notify_all();
  }
  lock.unlock();
  util::sql_statements += me.statements;
  if (me.error) std::rethrow_exception(me.error);
}

std::size_t Database::grouped_waiting() {
  std::lock_guard lock(group_mu_);
  return group_queue_.size();
}

// One shared transaction for `batch`; sets each member's error and statement count. When the
// batch fails as a whole, every member gets its failure (usually util::Unavailable). Never throws.
void Database::run_group(std::vector<GroupMember*>& batch) {
  std::exception_ptr shared;
  try {
    Lease lease(*this);
    std::unique_lock<std::timed_mutex> writer(sqlite_writer_, std::defer_lock);
    if (!writer.try_lock_for(kWriterWait)) throw util::Unavailable("database busy: no write turn within 10 s", 1);
    try {
      sqlite_exec(*lease, "BEGIN IMMEDIATE");
      for (auto* m : batch) {
        std::uint64_t before = util::sql_statements;
        sqlite_exec(*lease, "SAVEPOINT tinhso_group");
        try {
          (*m->body)(*lease);
          sqlite_exec(*lease, "RELEASE tinhso_group");
        } catch (...) {
          try {
            lease.fail();
          } catch (...) {
            m->error = std::current_exception();
          }
          // SQLite rolls the whole transaction back itself on some errors (disk full, I/O):
          // then the batch is lost and fails as a whole.
          if (!sqlite_in_transaction(*lease)) std::rethrow_exception(m->error);
          sqlite_exec(*lease, "ROLLBACK TO tinhso_group");
          sqlite_exec(*lease, "RELEASE tinhso_group");
        }
        m->statements = util::sql_statements - before;
        util::sql_statements = before;
      }
      sqlite_exec(*lease, "COMMIT");
      ++group_commits_;
      grouped_members_ += batch.size();
      return;
    } catch (...) {
      rollback(*lease);
      try {
        lease.fail();
      } catch (...) {
        shared = std::current_exception();
      }
    }
  } catch (...) {
    shared = std::current_exception();
  }
  for (auto* m : batch) m->error = shared;  // nothing of the batch was committed
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
  try {
    return with_session([](soci::session& s) {
      int one = 0;
      s << "SELECT 1", soci::into(one);
      return one == 1;
    });
  } catch (const std::exception&) {
    return false;  // down, restarting or saturated: not ready
  }
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
