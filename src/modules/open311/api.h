#pragma once
// What other modules, the registry and the command line may use of the open311 module.
#include <string>

#include "core/app/module.h"

namespace tinhso::open311 {

app::Module module();

// The Open311 module's settings.
struct Settings {
  // POSTs one API key may make per minute, counted in the database so that every node shares the
  // count (--open311-posts-per-minute); beyond it: 429.
  int posts_per_minute = 300;
};
inline const Settings& settings(const app::Context& ctx) { return ctx.settings.modules.get<Settings>(); }

// `tinhso open311 key create --name NAME`: issues an API key named `name` (1–100 bytes after
// trimming; std::invalid_argument otherwise), records it in the audit log as done by "cli", and
// returns the key — the only time it is shown (only its SHA-256 is kept).
std::string create_api_key(db::Database& db, const auth::Clock& clock, const std::string& name);

}  // namespace tinhso::open311
