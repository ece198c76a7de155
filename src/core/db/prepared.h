#pragma once
// Statements prepared once per pooled connection (issue 15 §7). SOCI prepares a statement anew on
// every `s << …` (profiled: most of a public look-up's CPU was sqlite3_prepare_v2), and on
// PostgreSQL a `soci::statement` costs a PREPARE and a DEALLOCATE around each use. A hot query is
// written once as a class that owns its bound values and its soci::statement:
//
//   struct FindByCode : db::Prepared {
//     std::string code;  Row row;
//     explicit FindByCode(soci::session& s) {
//       prepare((s.prepare << "SELECT … WHERE code = :v", soci::use(code, "v"), soci::into(row.x)));
//     }
//   };
//   auto q = db::prepared<FindByCode>(s);   // this session's instance, made on first use
//   q->code = code;
//   if (q.execute(true)) … q->row …;          // then q.fetch() for the next rows
//
// Contracts:
// - The cache belongs to one soci::session AND its native connection (sqlite3* / PGconn* with
//   the server's backend pid): when the session reconnects (a new handle), the old statements are
//   dropped and the query prepared again on the new connection. Old SQLite statements are
//   finalized and the old connection, which SOCI could not close while they lived, is closed;
//   old PostgreSQL statements point into SOCI's deleted backend and are only set aside (kept
//   reachable, never run or freed): a few bytes per reconnect.
// - When the session is destroyed its statements are finalized first (so SQLite's close
//   succeeds). For that the cache installs the session's query transformation on first use: it
//   keeps counting statements in util::sql_statements exactly as core/db/database.cpp's does.
// - Each execute() counts one statement in util::sql_statements (the prepare itself is not
//   counted): tests/http/sql-per-page.test.mjs and /metrics see the same counts as before.
// - The handle returned by prepared<T>() resets the statement when it goes out of scope, so a
//   SQLite read does not keep its snapshot (an open read transaction) between uses. Use one
//   handle of a given T at a time per session; a session is used by one thread at a time.
#include <memory>
#include <typeinfo>

#include <soci/soci.h>

namespace tinhso::db {

class Prepared;
namespace detail {
using Factory = std::unique_ptr<Prepared> (*)(soci::session&);
// This session's instance for key (made with make on first use or after a reconnect).
Prepared& cached(soci::session& s, const std::type_info& key, Factory make);
}  // namespace detail

class Prepared {
 public:
  virtual ~Prepared() = default;
  Prepared(const Prepared&) = delete;
  Prepared& operator=(const Prepared&) = delete;

  // Runs the statement with the bound members' current values; with fetch_first, reads the
  // first row into the into() members and answers whether there was one (as soci::statement).
  bool execute(bool fetch_first);
  bool fetch() { return st_->fetch(); }
  long long affected_rows() { return st_->get_affected_rows(); }
  // Ends the current use: a SQLite statement is reset (releases its read snapshot).
  void reset() noexcept;
  // A SQLite execution threw: the cache prepares the statement again on next use.
  bool broken() const { return broken_; }

 protected:
  Prepared() = default;
  // The derived constructor's statement, its bound members constructed by then.
  void prepare(soci::statement st) { st_ = std::make_unique<soci::statement>(std::move(st)); }

 private:
  std::unique_ptr<soci::statement> st_;
  bool broken_ = false;
  bool sqlite_ = false;  // set by the cache: reset() resets the SQLite statement
  friend Prepared& detail::cached(soci::session&, const std::type_info&, detail::Factory);
};

// The session's T, reset when the handle goes.
template <class T>
class Handle {
 public:
  explicit Handle(T& q) : q_(&q) {}
  ~Handle() { q_->reset(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  T* operator->() { return q_; }
  T& operator*() { return *q_; }
  // fetch_first has no default: executed with false (SOCI's "no data exchange"), an INSERT on
  // SQLite wrote nothing and raised nothing (found when the audit append was prepared). Pass true
  // for every statement that binds use() values.
  bool execute(bool fetch_first) { return q_->execute(fetch_first); }
  bool fetch() { return q_->fetch(); }
  long long affected_rows() { return q_->affected_rows(); }

 private:
  T* q_;
};

template <class T>
Handle<T> prepared(soci::session& s) {
  auto make = [](soci::session& session) -> std::unique_ptr<Prepared> { return std::make_unique<T>(session); };
  return Handle<T>(static_cast<T&>(detail::cached(s, typeid(T), make)));
}

}  // namespace tinhso::db
