#pragma once
// The public statistics of dossiers (issue 5 §8; Decree 61/2018/NĐ-CP Art. 5 publicity of the
// handling of administrative procedures): per responsible agency and month — received, resolved
// on time, late, in progress, online share — as a page (SVG chart and the same figures in a
// table, no JavaScript), CSV, XLSX and JSON. No login: the figures name no person.
#include "core/app/module.h"

namespace tinhso::dossiers {

void add_statistics_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::dossiers
