#pragma once
// The tasks module's JSON API (issue 16 §9), under /api/v1/tasks (api/openapi.json).
#include "core/app/module.h"

namespace tinhso::tasks {

// GET /api/v1/tasks/summary?as_of=YYYY-MM-DD: the counts per lead body and bucket as of that day
// (today in Viet Nam when absent), exactly as `tinhso tasks summary` prints them (board.h
// summary_json). For the province leader only (permissions.h: the assigner of the province's
// tasks); 400 for a bad day.
void add_api_routes(http::Router& router, app::Context& ctx);

}  // namespace tinhso::tasks
