#include "modules/site/store.h"

#include "core/db/database.h"

namespace tinhso::site {

std::map<std::string, std::string> load_settings(soci::session& s) {
  std::map<std::string, std::string> out;
  std::string key, value;
  soci::statement st = (s.prepare << "SELECT key, value FROM site_settings", soci::into(key), soci::into(value));
  st.execute();
  while (st.fetch()) out[key] = value;
  return out;
}

void put_setting(soci::session& s, const std::string& key, const std::string& value) {
  std::string now = db::iso_now();
  s << "INSERT INTO site_settings (key, value, updated_at) VALUES (:k, :v, :t)"
       " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      soci::use(key), soci::use(value), soci::use(now);
}

}  // namespace tinhso::site
