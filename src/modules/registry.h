#pragma once
// Every domain module, in dependency order (a module's migrations run after those before it).
#include <vector>

#include "core/app/module.h"
#include "core/util/embedded.h"

namespace tinhso {

const std::vector<app::Module>& all_modules();
// The SQL migrations of every module, embedded at build time (cmake/Embed.cmake).
const std::vector<EmbeddedFile>& embedded_migrations();
// Migrations for `dialect`, ordered by module registration order, then version.
std::vector<db::Migration> module_migrations(db::Dialect dialect);

}  // namespace tinhso
