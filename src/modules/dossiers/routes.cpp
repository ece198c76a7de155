#include "modules/dossiers/routes.h"

namespace tinhso::dossiers {

void add_routes(http::Router& router, app::Context& ctx) {
  add_intake_routes(router, ctx);
  add_processing_routes(router, ctx);
  ctx.pages.enable_feature("dossiers");
}

}  // namespace tinhso::dossiers
