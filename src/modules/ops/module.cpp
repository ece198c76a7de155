#include "modules/ops/api.h"

#include <nlohmann/json.hpp>

namespace tinhso::ops {

namespace {

http::Response readyz(app::Context& ctx) {
  nlohmann::json body;
  bool db_ok = ctx.db.ping();
  body["database"] = db_ok ? "ok" : "unreachable";
  bool schema_ok = false;
  if (db_ok) {
    try {
      auto st = db::migration_state(ctx.db, ctx.migrations);
      schema_ok = st.current();
      body["migrations"] = schema_ok ? "current" : "pending";
      if (!st.pending.empty()) body["pending"] = st.pending.size();
      if (!st.conflicts.empty()) body["conflicts"] = st.conflicts;
    } catch (const std::exception&) {
      body["migrations"] = "unknown";
    }
  }
  bool ready = db_ok && schema_ok;
  body["status"] = ready ? "ready" : "not ready";
  http::Response r = http::Response::json(body.dump(), ready ? 200 : 503);
  r.headers.set("Cache-Control", "no-store");
  return r;
}

void add_routes(http::Router& router, app::Context& ctx) {
  router.add("GET", "/healthz", [](http::Request&) {
    http::Response r = http::Response::text("ok\n");
    r.headers.set("Cache-Control", "no-store");
    return r;
  }, {.run_inline = true});
  router.add("GET", "/readyz", [&ctx](http::Request&) { return readyz(ctx); });
  router.add("GET", "/metrics", [&ctx](http::Request&) {
    http::Response r = http::Response::text(ctx.metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
    r.headers.set("Cache-Control", "no-store");
    return r;
  });
}

void start(app::Context& ctx) {
  db::Database& database = ctx.db;
  ctx.metrics.add_gauge("tinhso_db_pool_size", "Database sessions in the pool.",
                        [&database] { return static_cast<double>(database.pool_size()); });
  ctx.metrics.add_gauge("tinhso_db_pool_in_use", "Database sessions lent out now.",
                        [&database] { return static_cast<double>(database.in_use()); });
}

}  // namespace

app::Module module() { return {"ops", add_routes, {}, start}; }

}  // namespace tinhso::ops
