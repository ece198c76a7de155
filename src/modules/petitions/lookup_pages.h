#pragma once
// GET /petitions/lookup (lookup_pages.cpp): the public look-up of a petition sent without an
// account, by its code and follow-up key (lookup_key.h).
#include "core/app/module.h"

namespace tinhso::petitions {

void add_lookup_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::petitions
