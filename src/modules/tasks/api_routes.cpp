#include "modules/tasks/api_routes.h"

#include "core/auth/guard.h"
#include "core/web/routes.h"
#include "modules/tasks/api.h"
#include "modules/tasks/board.h"

namespace tinhso::tasks {

namespace {

using http::Request;
using http::Response;

// The day of ?as_of=, or today in Viet Nam.
Date as_of_param(const app::Context& ctx, const Request& req) {
  auto v = req.query_params.get("as_of");
  if (!v || v->empty()) return calendar::to_local(ctx.clock.now()).day;
  auto d = calendar::parse_date(*v);
  if (!d || !calendar::in_range(*d)) throw http::Error(http::ErrorKind::bad_request, "bad as_of", "tasks.api.as_of");
  return *d;
}

Response summary(app::Context& ctx, const Request& req) {
  const auth::Principal& who = auth::require_login(req);
  auth::require(who.has(auth::Role::province_leader), "read the task figures");
  const Date day = as_of_param(ctx, req);
  const auto cal = ctx.calendar.current();
  const OnTimeRule rule = settings(ctx).on_time;
  const auto leads = ctx.db.with_session([&](soci::session& s) { return counts_as_of(s, day, *cal, rule); });
  Response r = Response::json(summary_json(leads, day, rule));
  r.headers.set("Cache-Control", "no-store");
  return r;
}

}  // namespace

void add_api_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/api/v1/tasks/summary", summary);
}

}  // namespace tinhso::tasks
