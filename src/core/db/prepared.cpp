#include "core/db/prepared.h"

#include "core/util/work_counter.h"

// soci-sqlite3.h includes <sqlite3.h> inside namespace sqlite_api: include it first, not sqlite3.h.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <libpq-fe.h>

#include <mutex>
#include <typeindex>
#include <unordered_map>
#include <vector>

namespace tinhso::db {

namespace {

// Which connection a session's statements were prepared on.
struct Identity {
  const void* backend = nullptr;
  const void* conn = nullptr;
  int pid = 0;  // PostgreSQL's server process: a new connection at a reused PGconn address differs
  bool sqlite = false;
  bool operator==(const Identity&) const = default;
};

// By backend name: SOCI's backend classes export no type information for dynamic_cast.
Identity identify(soci::session& s) {
  soci::details::session_backend* b = s.get_backend();
  if (b == nullptr) return {};
  std::string name = b->get_backend_name();
  if (name == "sqlite3") return {b, static_cast<soci::sqlite3_session_backend*>(b)->conn_, 0, true};
  if (name == "postgresql") {
    PGconn* conn = static_cast<soci::postgresql_session_backend*>(b)->conn_;
    return {b, conn, conn ? PQbackendPID(conn) : 0, false};
  }
  return {b, nullptr, 0, false};
}

struct SessionCache {
  Identity id;
  std::unordered_map<std::type_index, std::unique_ptr<Prepared>> entries;
};

// Never destroyed: sessions may outlive static destruction at exit.
struct Registry {
  std::mutex mutex;
  std::unordered_map<soci::session*, std::unique_ptr<SessionCache>> caches;
  std::vector<Prepared*> set_aside;  // PostgreSQL statements of a replaced connection (header)
};
Registry& registry() {
  static auto* r = new Registry;
  return *r;
}

// Frees statements prepared on the connection `was`; `now` is the session's connection today.
void drop(std::unique_ptr<SessionCache> cache, const Identity& now) {
  if (!cache || cache->entries.empty()) return;
  if (cache->id == now || cache->id.sqlite) {
    // Finalize (SQLite) / DEALLOCATE (PostgreSQL, live backend).
    cache->entries.clear();
    // SOCI's sqlite3_close of the replaced connection failed (SQLITE_BUSY) while these
    // statements lived: it is still open, and nobody else holds it.
    if (!(cache->id == now) && cache->id.conn)
      sqlite_api::sqlite3_close(static_cast<sqlite_api::sqlite3*>(const_cast<void*>(cache->id.conn)));
    return;
  }
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  for (auto& [key, p] : cache->entries) r.set_aside.push_back(p.release());
}

// Called when the session's query transformation goes: the session is being destroyed (before
// its backend: the connection closes cleanly) or someone set another transformation.
void forget(soci::session* s) {
  std::unique_ptr<SessionCache> cache;
  {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    auto it = r.caches.find(s);
    if (it == r.caches.end()) return;
    cache = std::move(it->second);
    r.caches.erase(it);
  }
  drop(std::move(cache), identify(*s));
}

struct Token {
  soci::session* s;
  explicit Token(soci::session* session) : s(session) {}
  ~Token() { forget(s); }
  Token(const Token&) = delete;
  Token& operator=(const Token&) = delete;
};

// The session's transformation from now on: counts as core/db/database.cpp's does, and owns the
// token whose end drops the session's statements.
void install_hook(soci::session& s) {
  auto token = std::make_shared<Token>(&s);
  s.set_query_transformation([token](const std::string& query) {
    ++util::sql_statements;
    return query;
  });
}

}  // namespace

bool Prepared::execute(bool fetch_first) {
  ++util::sql_statements;
  try {
    return st_->execute(fetch_first);
  } catch (...) {
    // SQLite: finalized and prepared again on next use, whatever state SOCI left it in.
    // PostgreSQL: kept; the server's prepared statement outlives a failed execution, and a
    // connection that broke is replaced by a reconnect, which the cache notices (header).
    if (sqlite_) broken_ = true;
    throw;
  }
}

void Prepared::reset() noexcept {
  if (broken_ || !st_ || !sqlite_) return;
  auto* lite = static_cast<soci::sqlite3_statement_backend*>(st_->get_backend());
  if (lite && lite->stmt_) sqlite_api::sqlite3_reset(lite->stmt_);
}

namespace detail {

Prepared& cached(soci::session& s, const std::type_info& key, Factory make) {
  Identity now = identify(s);
  std::unique_ptr<SessionCache> stale;
  SessionCache* cache = nullptr;
  bool fresh = false;
  {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    auto& slot = r.caches[&s];
    if (!slot) {
      slot = std::make_unique<SessionCache>();
      slot->id = now;
      fresh = true;
    } else if (!(slot->id == now)) {
      stale = std::make_unique<SessionCache>();
      stale->id = slot->id;
      stale->entries.swap(slot->entries);
      slot->id = now;
    }
    cache = slot.get();
  }
  if (stale) drop(std::move(stale), now);
  if (fresh) install_hook(s);
  auto& entry = cache->entries[std::type_index(key)];
  if (entry && entry->broken()) entry.reset();
  if (!entry) {
    std::uint64_t before = util::sql_statements;  // preparing is not executing
    entry = make(s);
    entry->sqlite_ = now.sqlite;
    util::sql_statements = before;
  }
  return *entry;
}

}  // namespace detail

}  // namespace tinhso::db
