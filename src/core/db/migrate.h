#pragma once
// Numbered schema migrations per module. Files are embedded at build time from
// src/modules/<module>/migrations/NNN_name.sql; a dialect variant NNN_name.sqlite.sql or
// NNN_name.postgresql.sql replaces the plain file on that dialect only. Applied migrations are
// recorded in schema_migrations (module, version, name, checksum, applied_at).
#include <functional>
#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/util/embedded.h"

namespace tinhso::db {

struct Migration {
  std::string module;
  int version = 0;
  std::string name;
  std::string sql;
  std::string checksum;  // hex digest of sql
};

// Picks the migrations for `dialect` from embedded files "<module>/migrations/NNN_name[.dialect].sql",
// sorted by module then version. Throws std::invalid_argument on a malformed name or a
// duplicate version.
std::vector<Migration> select_migrations(const std::vector<EmbeddedFile>& files, Dialect dialect);

struct MigrationState {
  std::vector<Migration> pending;
  // Applied versions this binary does not know (the database is newer), or whose checksum
  // differs from the binary's; each a readable line.
  std::vector<std::string> conflicts;
  bool current() const { return pending.empty() && conflicts.empty(); }
};

MigrationState migration_state(Database& db, const std::vector<Migration>& known);

// Applies every pending migration, each in its own transaction together with its record, so a
// failure leaves the database at the last good version. Safe to run from several nodes at once.
// Throws std::runtime_error when the database is newer than the binary or a migration fails.
// Returns the number applied; `progress` is told each one before it runs.
int migrate(Database& db, const std::vector<Migration>& known,
            const std::function<void(const Migration&)>& progress = {});

}  // namespace tinhso::db
