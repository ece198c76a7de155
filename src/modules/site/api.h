#pragma once
// The site module: the public home and About pages, the language switch, static assets, and the
// site settings (the province this installation serves) that other pages display.
#include <map>
#include <string>

#include <soci/soci.h>

#include "core/app/module.h"

namespace tinhso::site {

app::Module module();

// Site settings by key ("site.name.vi", "province.code", ...).
std::map<std::string, std::string> load_settings(soci::session& s);

}  // namespace tinhso::site
