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
  // The map of the city-reports pages (issue 14 §7). tile_url: an XYZ tile template on this
  // site's origin ("/tiles/{z}/{x}/{y}.png", proxied by the operator: the pages' CSP allows
  // images from 'self' only), with its attribution text; "" draws no tiles
  // (--open311-tile-url, --open311-tile-attribution).
  std::string tile_url;
  std::string tile_attribution;
  // A GeoJSON file (FeatureCollection) of the province's boundary and units, drawn when there are
  // no tiles and served at /city-reports/boundaries.geojson; "" draws none (--open311-boundaries-file).
  std::string boundaries_file;
  // Posts of the "Gửi phản ánh" form one client address (an IPv6 /64) may make per hour, signed in
  // or not, counted in the database for all nodes (--open311-form-posts-per-hour); beyond it: 429.
  // Generous: many phones share one carrier-NAT IPv4 address.
  int form_posts_per_hour = 60;
};
inline const Settings& settings(const app::Context& ctx) { return ctx.settings.modules.get<Settings>(); }

// `tinhso open311 key create --name NAME`: issues an API key named `name` (1–100 bytes after
// trimming; std::invalid_argument otherwise), records it in the audit log as done by "cli", and
// returns the key — the only time it is shown (only its SHA-256 is kept).
std::string create_api_key(db::Database& db, const auth::Clock& clock, const std::string& name);

}  // namespace tinhso::open311
