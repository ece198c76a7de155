#pragma once
// The elections module's pages (pages.cpp): public results, the polling teams' minutes, the
// election committee's board, tally and certification.
#include "core/app/module.h"
#include "core/http/router.h"

namespace tinhso::elections {

void add_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::elections
