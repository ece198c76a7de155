#pragma once
// All SQL of the site module.
#include <map>
#include <string>

#include <soci/soci.h>

namespace tinhso::site {

std::map<std::string, std::string> load_settings(soci::session& s);
// Inserts or replaces one setting.
void put_setting(soci::session& s, const std::string& key, const std::string& value);

}  // namespace tinhso::site
