#include "core/db/migrate.h"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>

#include "core/util/strings.h"

namespace tinhso::db {

namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " module TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL,"
    " checksum TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (module, version))";

std::string checksum_of(const std::string& sql) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(sql.data()), sql.size(), nullptr, 0);
  return hex_encode(std::string_view(reinterpret_cast<const char*>(h), sizeof h));
}

struct Applied {
  std::string name, checksum;
};

std::map<std::pair<std::string, int>, Applied> read_applied(soci::session& s) {
  std::map<std::pair<std::string, int>, Applied> out;
  soci::rowset<soci::row> rows = (s.prepare << "SELECT module, version, name, checksum FROM schema_migrations");
  for (const auto& r : rows) {
    // SQLite returns INTEGER columns as int in dynamic rows; read through long long safely.
    int version = r.get_properties(1).get_data_type() == soci::dt_integer
                      ? r.get<int>(1)
                      : static_cast<int>(r.get<long long>(1));
    out[{r.get<std::string>(0), version}] = {r.get<std::string>(2), r.get<std::string>(3)};
  }
  return out;
}

MigrationState state_in(soci::session& s, const std::vector<Migration>& known) {
  MigrationState st;
  auto applied = read_applied(s);
  std::set<std::pair<std::string, int>> known_keys;
  for (const auto& m : known) {
    known_keys.insert({m.module, m.version});
    auto it = applied.find({m.module, m.version});
    if (it == applied.end()) {
      st.pending.push_back(m);
    } else if (it->second.checksum != m.checksum) {
      st.conflicts.push_back(m.module + " " + std::to_string(m.version) + " (" + m.name +
                             ") was changed after it was applied");
    }
  }
  for (const auto& [key, a] : applied)
    if (!known_keys.count(key))
      st.conflicts.push_back(key.first + " " + std::to_string(key.second) + " (" + a.name +
                             ") is newer than this binary");
  return st;
}

}  // namespace

std::vector<Migration> select_migrations(const std::vector<EmbeddedFile>& files, Dialect dialect) {
  static const std::regex re(R"(^([a-z0-9_]+)/migrations/([0-9]{3})_([a-z0-9_]+)(\.(sqlite|postgresql))?\.sql$)");
  const std::string mine = dialect == Dialect::sqlite ? "sqlite" : "postgresql";
  // Variants for the other dialect are checked too, so a duplicate fails on either dialect.
  std::map<std::pair<std::string, int>, Migration> generic, specific, other;
  for (const auto& f : files) {
    std::smatch m;
    if (!std::regex_match(f.path, m, re)) throw std::invalid_argument("bad migration file name: " + f.path);
    std::string sql = f.data;
    // The one thing most tables need that the dialects spell differently.
    static const std::string token = "@ID_PRIMARY_KEY@";
    const std::string id_pk = dialect == Dialect::sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                                                         : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
    for (std::size_t pos = sql.find(token); pos != std::string::npos; pos = sql.find(token, pos + id_pk.size()))
      sql.replace(pos, token.size(), id_pk);
    Migration mig{m[1], std::stoi(m[2]), m[3], sql, checksum_of(sql)};
    auto key = std::make_pair(mig.module, mig.version);
    std::string variant = m[5];
    auto& target = variant.empty() ? generic : (variant == mine ? specific : other);
    if (target.count(key)) throw std::invalid_argument("duplicate migration: " + f.path);
    target.emplace(key, std::move(mig));
  }
  for (auto& [key, mig] : specific) generic[key] = std::move(mig);
  std::vector<Migration> out;
  for (auto& [key, mig] : generic) out.push_back(std::move(mig));
  return out;
}

MigrationState migration_state(Database& db, const std::vector<Migration>& known) {
  return db.with_session([&](soci::session& s) {
    int tables = 0;
    if (db.dialect() == Dialect::sqlite) {
      s << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", soci::into(tables);
    } else {
      s << "SELECT count(*) FROM information_schema.tables"
           " WHERE table_schema = current_schema() AND table_name = 'schema_migrations'",
          soci::into(tables);
    }
    if (tables == 0) {  // a new database: everything is pending
      MigrationState st;
      st.pending = known;
      return st;
    }
    return state_in(s, known);
  });
}

int migrate(Database& db, const std::vector<Migration>& known, const std::function<void(const Migration&)>& progress) {
  db.with_session([&](soci::session& s) { s << kCreateTable; });
  int applied = 0;
  for (;;) {
    // One migration per transaction; the state is re-read under the lock so concurrent nodes
    // never apply the same migration twice.
    bool more = db.transaction([&](soci::session& s) {
      if (db.dialect() == Dialect::postgresql) s << "SELECT pg_advisory_xact_lock(7285101)";
      MigrationState st = state_in(s, known);
      if (!st.conflicts.empty()) throw std::runtime_error("database schema conflict: " + st.conflicts.front());
      if (st.pending.empty()) return false;
      const Migration& m = st.pending.front();
      if (progress) progress(m);
      try {
        db.exec_script(s, m.sql);
      } catch (const std::exception& e) {
        throw std::runtime_error("migration " + m.module + " " + std::to_string(m.version) + " failed: " + e.what());
      }
      std::string now = iso_now();
      s << "INSERT INTO schema_migrations (module, version, name, checksum, applied_at)"
           " VALUES (:module, :version, :name, :checksum, :at)",
          soci::use(m.module), soci::use(m.version), soci::use(m.name), soci::use(m.checksum), soci::use(now);
      return true;
    });
    if (!more) break;
    ++applied;
  }
  return applied;
}

}  // namespace tinhso::db
