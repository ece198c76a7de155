#include "modules/registry.h"

#include <algorithm>

#include "core/app/module.h"

// Each module's `app::Module module()`, as its api.h declares it.
#define TINHSO_MODULE(name) \
  namespace tinhso::name {  \
  app::Module module();     \
  }
#include "modules/list.h"  // NOLINT(bugprone-suspicious-include)
#undef TINHSO_MODULE

namespace tinhso {

const std::vector<app::Module>& all_modules() {
  static const std::vector<app::Module> modules = {
#define TINHSO_MODULE(name) name::module(),
#include "modules/list.h"  // NOLINT(bugprone-suspicious-include)
#undef TINHSO_MODULE
  };
  return modules;
}

std::vector<db::Migration> module_migrations(db::Dialect dialect) {
  auto migrations = db::select_migrations(embedded_migrations(), dialect);
  const auto& mods = all_modules();
  auto rank = [&](const std::string& name) {
    auto it = std::find_if(mods.begin(), mods.end(), [&](const app::Module& m) { return m.name == name; });
    return it - mods.begin();
  };
  std::stable_sort(migrations.begin(), migrations.end(), [&](const db::Migration& a, const db::Migration& b) {
    return rank(a.module) != rank(b.module) ? rank(a.module) < rank(b.module) : a.version < b.version;
  });
  return migrations;
}

}  // namespace tinhso
