#pragma once
// The SQL layer: a pool of SOCI sessions on SQLite (embedded default) or PostgreSQL, and a
// transaction helper. All SQL uses `:name` placeholders bound with soci::use — never string
// concatenation of values. Dates and times are stored as ISO-8601 UTC text
// ("2026-11-26T14:20:19Z"), identical on both dialects.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "core/util/unavailable.h"

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

// Pool behaviour under saturation and outages (issue 15 §4).
struct PoolOptions {
  std::size_t size = 0;  // 0: 4 for SQLite, 8 for PostgreSQL
  // How long a lease waits for a free session before it throws util::Unavailable.
  std::chrono::milliseconds lease_wait{2000};
  // While PostgreSQL is known down, leases throw util::Unavailable at once, and one lease at a
  // time tries to reconnect, at most once per retry_interval.
  std::chrono::milliseconds retry_interval{250};
};

class Database {
 public:
  // Opens the pool's sessions. SQLite sessions run with WAL, synchronous=FULL, a busy timeout and
  // foreign keys on; the file's directory is created. PostgreSQL sessions connect with libpq's
  // connect_timeout=2 unless the URL sets one. Throws std::runtime_error when the database
  // cannot be opened.
  explicit Database(const std::string& url, std::size_t pool_size = 0);
  Database(const std::string& url, const PoolOptions& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Dialect dialect() const { return dialect_; }
  std::size_t pool_size() const { return slots_.size(); }
  std::size_t in_use() const { return in_use_.load(); }

  // Borrows a session for the lifetime of the lease. Throws util::Unavailable when no session is
  // free within PoolOptions::lease_wait, or when PostgreSQL is down (at once while it is known
  // down). A PostgreSQL session whose connection broke is reconnected here, before it is lent.
  class Lease {
   public:
    explicit Lease(Database& db);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    soci::session& operator*() { return *session_; }
    soci::session* operator->() { return session_; }
    // The pool slot lent, and how many times its connection was replaced: anything cached per
    // connection (prepared statements) is valid only for the same (slot, generation).
    std::size_t slot() const { return pos_; }
    std::uint64_t generation() const;
    // Call only from a catch block: rethrows the exception in flight, as util::Unavailable when it
    // means the database is unreachable or cannot write for now (PostgreSQL connection lost or
    // server shutting down; SQLite disk full, I/O error, busy), otherwise unchanged. A lost
    // connection is marked for reconnection on a later lease.
    [[noreturn]] void fail();

   private:
    Database& db_;
    std::size_t pos_;
    soci::session* session_;
  };

  // Runs fn(session) with a borrowed session, outside any transaction. Failures that mean the
  // database is unavailable surface as util::Unavailable (Lease::fail).
  template <class F>
  auto with_session(F&& fn) {
    Lease lease(*this);
    try {
      return fn(*lease);
    } catch (...) {
      lease.fail();
    }
  }

  // Runs fn(session) in one transaction: committed when fn returns, rolled back if it throws
  // (the exception propagates; as util::Unavailable when the database is unavailable, see
  // Lease::fail). A COMMIT that fails on a dropped connection has an unknown outcome: it
  // surfaces as util::Unavailable, never as success. On SQLite the transaction takes the write
  // lock up front (BEGIN IMMEDIATE) so that concurrent writers wait instead of failing on
  // upgrade, and the writers of this process queue on a mutex first: SQLite's own busy wait
  // sleeps in steps of up to 100 ms, which made the tail latency of concurrent writes
  // (docs/BENCHMARKS.md). Another process on the same file still waits through busy_timeout.
  template <class F>
  auto transaction(F&& fn) {
    Lease lease(*this);
    std::unique_lock<std::timed_mutex> writer(sqlite_writer_, std::defer_lock);
    if (dialect_ == Dialect::sqlite && !writer.try_lock_for(kWriterWait))
      throw util::Unavailable("database busy: no write turn within 10 s", 1);
    try {
      begin(*lease);
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
      lease.fail();
    }
  }

  // Runs fn(session) as transaction() does, but on SQLite in a group commit (issue 15 §7): the
  // callers waiting for the write turn at the same moment share one transaction and one durable
  // COMMIT (synchronous=FULL), run one after another on one thread, each in its own SAVEPOINT —
  // a fn that throws rolls back only its own writes and gets its own exception; the others are
  // answered only once the shared COMMIT has returned, so nothing is acknowledged before it is
  // durable. A failed COMMIT (disk full, I/O error) fails every member that had succeeded, as
  // util::Unavailable. fn may run on another caller's thread: it must use only the session it
  // is given and what it captured, nothing tied to its own thread (its statement count is moved
  // back to the caller's util::sql_statements). At most kMaxGroup members share one COMMIT.
  // On PostgreSQL it is transaction(): concurrent writers commit in parallel there.
  template <class F>
  auto grouped_transaction(F&& fn) {
    if (dialect_ != Dialect::sqlite) return transaction(std::forward<F>(fn));
    using R = decltype(fn(std::declval<soci::session&>()));
    if constexpr (std::is_void_v<R>) {
      run_grouped([&](soci::session& s) { fn(s); });
    } else {
      std::optional<R> out;
      run_grouped([&](soci::session& s) { out.emplace(fn(s)); });
      if (!out) throw std::logic_error("grouped transaction: no result");  // run_grouped threw otherwise
      return std::move(*out);
    }
  }
  static constexpr std::size_t kMaxGroup = 64;
  // Group commit figures since start: shared COMMITs run, members they carried, and members
  // queued for the next one now.
  std::uint64_t group_commits() const { return group_commits_.load(); }
  std::uint64_t grouped_members() const { return grouped_members_.load(); }
  std::size_t grouped_waiting();

  // Runs a script of several statements (migrations) on the session's native handle.
  void exec_script(soci::session& s, const std::string& sql);
  // True if a trivial query succeeds (false, not an exception, while the database is down).
  bool ping();

 private:
  struct Slot;
  void init(const std::string& url, const PoolOptions& options);
  void open_session(soci::session& s);
  std::size_t acquire();
  void release(std::size_t pos) noexcept;
  void make_ready(std::size_t pos);
  void mark_down();
  void begin(soci::session& s);
  static constexpr std::chrono::seconds kWriterWait{10};  // as busy_timeout
  std::timed_mutex sqlite_writer_;
  // Group commit (grouped_transaction): members queue in group_queue_; the first that finds no
  // leader runs one batch (its own member first, then whoever queued) and hands over.
  struct GroupMember;
  void run_grouped(const std::function<void(soci::session&)>& body);
  void run_group(std::vector<GroupMember*>& batch);
  std::mutex group_mu_;
  std::condition_variable group_cv_;
  std::vector<GroupMember*> group_queue_;
  bool group_leader_ = false;
  std::atomic<std::uint64_t> group_commits_{0};
  std::atomic<std::uint64_t> grouped_members_{0};
  void commit(soci::session& s);
  void rollback(soci::session& s) noexcept;

  Dialect dialect_;
  std::string target_;  // SQLite path or libpq keywords
  PoolOptions options_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::atomic<std::size_t> in_use_{0};
  // Outage state (PostgreSQL): epoch_ grows on every connection failure seen, so each idle
  // session is checked once before its next use; down_until_ (steady-clock ns, 0 = up) is set
  // when a reconnect failed; probing_ lets one lease at a time try again after that instant.
  std::atomic<std::uint64_t> epoch_{0};
  std::atomic<std::int64_t> down_until_{0};
  std::atomic<bool> probing_{false};
};

// The current UTC time as ISO-8601 text with seconds ("2026-11-26T14:20:19Z").
std::string iso_now();

}  // namespace tinhso::db
