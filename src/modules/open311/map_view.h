#pragma once
// What the city-report pages' map needs (issue 14 §7): the vendored Leaflet (static/vendor/
// leaflet), static/js/city-map.js, and the operator's settings (api.h Settings: tiles, their
// attribution, the boundaries file served at kBoundariesPath). No I/O.
#include <string>

#include <mstch/mstch.hpp>

#include "core/app/module.h"

namespace tinhso::open311 {

inline constexpr std::string_view kBoundariesPath = "/city-reports/boundaries.geojson";

// Adds to a page's context: leaflet_css, leaflet_js, map_js (fingerprinted URLs), tile_url,
// tile_attribution, boundaries_url ("" when no file is set) and map_help (the words city-map.js
// shows and announces, in the reader's language).
void add_map(mstch::map& c, app::Context& ctx, const http::Request& req);

}  // namespace tinhso::open311
