#pragma once
// The petitions module's HTTP routes (handlers.cpp).
#include "core/app/module.h"
#include "modules/petitions/petition.h"

namespace tinhso::petitions {

void add_routes(http::Router& router, app::Context& ctx);
// Sets x.accept_due, resolve_due and inform_due from its kind, circumstances, received and
// accepted moments (rules.h deadlines()) on the current working-day calendar.
void set_due_days(app::Context& ctx, Petition& x);

}  // namespace tinhso::petitions
