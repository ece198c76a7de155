#include "modules/open311/map_view.h"

#include "modules/open311/api.h"

namespace tinhso::open311 {

void add_map(mstch::map& c, app::Context& ctx, const http::Request& req) {
  const Settings& s = settings(ctx);
  const auto& cat = ctx.pages.catalog();
  c["leaflet_css"] = ctx.statics.url("vendor/leaflet/leaflet.css");
  c["leaflet_js"] = ctx.statics.url("vendor/leaflet/leaflet.js");
  c["map_js"] = ctx.statics.url("js/city-map.js");
  c["tile_url"] = s.tile_url;
  c["tile_attribution"] = s.tile_attribution;
  c["boundaries_url"] = s.boundaries_file.empty() ? std::string() : std::string(kBoundariesPath);
  c["map_words"] = mstch::map{{"label", cat.get(req.lang, "open311.map.label")},
                              {"picked", cat.get(req.lang, "open311.map.picked")},
                              {"keys", cat.get(req.lang, "open311.map.keys")},
                              {"open", cat.get(req.lang, "open311.public.open")},
                              {"closed", cat.get(req.lang, "open311.public.closed")},
                              {"follow", cat.get(req.lang, "open311.map.follow")},
                              {"here", cat.get(req.lang, "open311.map.here")}};
}

}  // namespace tinhso::open311
