#pragma once
// A migrated SQLite database in a temporary directory, removed at the end of the test.
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "core/db/database.h"
#include "core/db/migrate.h"
#include "modules/registry.h"

namespace tinhso::testing {

class TempDb {
 public:
  TempDb() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tinhso-unit-XXXXXX").string();
    dir_ = mkdtemp(tmpl.data());
    db_ = std::make_unique<db::Database>("sqlite:" + (dir_ / "t.db").string());
    db::migrate(*db_, module_migrations(db::Dialect::sqlite));
  }
  ~TempDb() {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  db::Database& db() { return *db_; }
  // The database file (its -wal file sits next to it).
  std::filesystem::path file() const { return dir_ / "t.db"; }
  // Runs one SQL statement (or script) outside a transaction.
  void exec(const std::string& sql) {
    db_->with_session([&](soci::session& s) { db_->exec_script(s, sql); });
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<db::Database> db_;
};

}  // namespace tinhso::testing
