#include "modules/ops/api.h"

#include <nlohmann/json.hpp>

#include "core/app/cli.h"
#include "modules/ops/metrics_access.h"

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
  // On the server's probe thread (issue 15 §6: the health endpoints stay fast under a saturating
  // load): never queued behind page work nor counted against an address; it may wait for a
  // database session (at most 2 s, then 503).
  router.add("GET", "/readyz", [&ctx](http::Request&) { return readyz(ctx); }, {.probe = true});
  // Inline (on the IO thread, never queued or shed by admission control), so that the node can be
  // watched while it is overloaded: rendering reads counters and gauges only (no gauge may block).
  // Issue 15 §8: only for allowed addresses or the bearer token, else 404 as if absent.
  router.add("GET", "/metrics", [&ctx](http::Request& req) {
    if (!metrics_allowed(ctx.settings.modules.get<Settings>(), req.remote_addr, req.headers.get_or("Authorization", "")))
      throw http::Error(http::ErrorKind::not_found, "/metrics: address not allowed and no valid token");
    http::Response r = http::Response::text(ctx.metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
    r.headers.set("Cache-Control", "no-store");
    return r;
  }, {.run_inline = true});
}

void add_options(CLI::App& cmd, app::OptionScope scope, app::Settings& all) {
  if (scope != app::OptionScope::serve) return;
  Settings& s = all.modules.get<Settings>();
  app::add_setting<std::vector<std::string>>(
      cmd, "--metrics-allow",
      [&s](const std::vector<std::string>& list) {
        s.metrics_allow.clear();
        for (const auto& item : list)
          if (auto net = parse_network(item)) s.metrics_allow.push_back(*net);
      },
      "Networks (CIDR, comma-separated; \"none\" for none) whose clients may read /metrics; the client address is"
      " the one after --trusted-proxy, so clients of the proxy are not loopback. Others get 404 unless they send"
      " the --metrics-token-file token")
      ->envname("TINHSO_METRICS_ALLOW")
      ->delimiter(',')
      ->check(CLI::Validator(
          [](std::string& v) {
            return v == "none" || parse_network(v) ? std::string() : std::string("expected an address or CIDR network");
          },
          "CIDR"))
      ->default_str(kDefaultMetricsAllow);
  app::add_setting<std::string>(
      cmd, "--metrics-token-file", [&s](const std::string& v) { s.metrics_token_file = v; },
      "File holding a secret token: a request with \"Authorization: Bearer TOKEN\" may read /metrics from any"
      " address (keep the file mode 0600)")
      ->envname("TINHSO_METRICS_TOKEN_FILE");
}

// Reads the token once at start-up: a missing or empty file refuses to serve rather than leaving
// /metrics reachable by no one the operator expected.
void configure(app::Settings& all) {
  Settings& s = all.modules.get<Settings>();
  if (!s.metrics_token_file.empty()) s.metrics_token = read_token_file(s.metrics_token_file);
}

void start(app::Context& ctx) {
  db::Database& database = ctx.db;
  ctx.metrics.add_gauge("tinhso_db_pool_size", "Database sessions in the pool.",
                        [&database] { return static_cast<double>(database.pool_size()); });
  ctx.metrics.add_gauge("tinhso_db_pool_in_use", "Database sessions lent out now.",
                        [&database] { return static_cast<double>(database.in_use()); });
  ctx.metrics.add_gauge("tinhso_db_group_commits_total",
                        "SQLite group commits (several writes, one durable COMMIT) since start.",
                        [&database] { return static_cast<double>(database.group_commits()); });
  ctx.metrics.add_gauge("tinhso_db_grouped_transactions_total", "Transactions those group commits carried.",
                        [&database] { return static_cast<double>(database.grouped_members()); });
}

}  // namespace

app::Module module() {
  app::Module m{"ops", add_routes, {}, start};
  m.add_options = add_options;
  m.configure = configure;
  return m;
}

}  // namespace tinhso::ops
