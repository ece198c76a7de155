#include "modules/registry.h"

#include <algorithm>

#include "modules/audit/api.h"
#include "modules/calendar/api.h"
#include "modules/directory/api.h"
#include "modules/dossiers/api.h"
#include "modules/identity/api.h"
#include "modules/mail/api.h"
#include "modules/mfa/api.h"
#include "modules/open311/api.h"
#include "modules/petitions/api.h"
#include "modules/procedures/api.h"
#include "modules/ops/api.h"
#include "modules/site/api.h"

namespace tinhso {

const std::vector<app::Module>& all_modules() {
  static const std::vector<app::Module> modules = {site::module(), ops::module(), audit::module(), mail::module(), directory::module(), calendar_module::module(), identity::module(), mfa::module(), procedures::module(), dossiers::module(), petitions::module(), open311::module()};
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
