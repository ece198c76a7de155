#pragma once
// The SQL layer: a pool of SOCI sessions on SQLite (embedded default) or PostgreSQL, and a
// transaction helper. All SQL uses `:name` placeholders bound with soci::use — never string
// concatenation of values. Dates and times are stored as ISO-8601 UTC text
// ("2026-11-26T14:20:19Z"), identical on both dialects.
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <soci/soci.h>

namespace tinhso::db {

enum class Dialect { sqlite, postgresql };

struct DatabaseUrl {
  Dialect dialect;
  std::string target;  // SQLite file path, or the libpq connection URI
};
// Accepts "sqlite:PATH", "sqlite://PATH", "postgresql://..." and "postgres://...".
// Throws std::invalid_argument otherwise.
DatabaseUrl parse_database_url(const std::string& url);
// Converts "postgresql://user:pw@host:port/db?k=v" to libpq keyword form
// ("user='user' password='pw' host='host' port='port' dbname='db' k='v'"), percent-decoding each
// part. Throws std::invalid_argument on a malformed URL.
std::string postgres_keywords(std::string_view uri);

class Database {
 public:
  // Opens pool_size sessions (0: 4 for SQLite, 8 for PostgreSQL). SQLite sessions run with WAL,
  // synchronous=FULL, a busy timeout and foreign keys on; the file's directory is created.
  // Throws std::runtime_error when the database cannot be opened.
  explicit Database(const std::string& url, std::size_t pool_size = 0);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }
  std::size_t pool_size() const { return size_; }
  std::size_t in_use() const { return in_use_.load(); }

  // Borrows a session for the lifetime of the lease; blocks while all are in use.
  class Lease {
   public:
    Lease(Database& db);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    soci::session& operator*() { return *session_; }
    soci::session* operator->() { return session_; }

   private:
    Database& db_;
    std::size_t pos_;
    soci::session* session_;
  };

  // Runs fn(session) with a borrowed session, outside any transaction.
  template <class F>
  auto with_session(F&& fn) {
    Lease lease(*this);
    return fn(*lease);
  }

  // Runs fn(session) in one transaction: committed when fn returns, rolled back if it throws
  // (the exception propagates). On SQLite the transaction takes the write lock up front
  // (BEGIN IMMEDIATE) so that concurrent writers wait instead of failing on upgrade, and the
  // writers of this process queue on a mutex first: SQLite's own busy wait sleeps in steps of up
  // to 100 ms, which made the tail latency of concurrent writes (docs/BENCHMARKS.md).
  // Another process on the same file still waits through busy_timeout.
  template <class F>
  auto transaction(F&& fn) {
    Lease lease(*this);
    std::unique_lock<std::timed_mutex> writer(sqlite_writer_, std::defer_lock);
    if (dialect_ == Dialect::sqlite && !writer.try_lock_for(kWriterWait))
      throw std::runtime_error("database busy: no write turn within 10 s");
    begin(*lease);
    try {
      if constexpr (std::is_void_v<decltype(fn(*lease))>) {
        fn(*lease);
        commit(*lease);
      } else {
        auto result = fn(*lease);
        commit(*lease);
        return result;
      }
    } catch (...) {
      rollback(*lease);
      throw;
    }
  }

  // Runs a script of several statements (migrations) on the session's native handle.
  void exec_script(soci::session& s, const std::string& sql);
  // True if a trivial query succeeds.
  bool ping();

 private:
  void begin(soci::session& s);
  static constexpr std::chrono::seconds kWriterWait{10};  // as busy_timeout
  std::timed_mutex sqlite_writer_;
  void commit(soci::session& s);
  void rollback(soci::session& s) noexcept;

  Dialect dialect_;
  std::size_t size_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::atomic<std::size_t> in_use_{0};
};

// The current UTC time as ISO-8601 text with seconds ("2026-11-26T14:20:19Z").
std::string iso_now();

}  // namespace tinhso::db
