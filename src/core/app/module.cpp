#include "core/app/module.h"

#include <cstdio>

namespace tinhso::app {

bool CommandEnv::schema_current() const {
  if (!db) return false;
  auto state = db::migration_state(*db, migrations);
  if (state.pending.empty() && state.conflicts.empty()) return true;
  std::fprintf(stderr, "the database schema is not current: run `tinhso migrate` first\n");
  return false;
}

}  // namespace tinhso::app
