// The open311 module (issue 6 §6–7): Open311 GeoReport v2 at /open311/v2/ with FixMyStreet's
// servicerequestupdates, city-report services as data, API keys, the intake job for queued
// reports and the public city-reports page. Reports become petitions (modules/petitions).
#include <stdexcept>

#include "core/auth/clock.h"
#include "core/util/strings.h"
#include "modules/audit/api.h"
#include "modules/open311/api.h"
#include "modules/open311/demo.h"
#include "modules/open311/handlers.h"
#include "modules/open311/intake.h"
#include "modules/open311/store.h"
#include "modules/open311/store_hand_over.h"

namespace tinhso::open311 {

std::string create_api_key(db::Database& db, const auth::Clock& clock, const std::string& raw_name) {
  std::string name(trim(raw_name));
  if (name.empty() || name.size() > 100) throw std::invalid_argument("the key's name must have 1 to 100 bytes");
  std::string key = generate_api_key();
  db.transaction([&](soci::session& s) {
    auto id = insert_api_key(s, name, api_key_hash(key), api_key_prefix(key), auth::iso_utc(clock.now()), 0);
    audit::record_system(s, db.dialect(), clock, "cli",
                         {"open311.key.create", "open311_key", std::to_string(id), "", name + " " + api_key_prefix(key)});
  });
  return key;
}

app::Module module() {
  app::Module m;
  m.name = "open311";
  m.add_routes = [](http::Router& router, app::Context& ctx) {
    add_api_routes(router, ctx);
    add_admin_routes(router, ctx);
    add_public_routes(router, ctx);
  };
  m.load_demo = load_demo;
  m.start = [](app::Context& ctx) { start_intake(ctx); };
  m.stop = [] { stop_intake(); };
  m.hand_over_agency = hand_over_agency;
  return m;
}

}  // namespace tinhso::open311
