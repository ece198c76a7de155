#include <memory>

#include <spdlog/spdlog.h>

#include "core/app/cli.h"
#include "modules/calendar/api.h"
#include "modules/calendar/cli.h"
#include "modules/calendar/handlers.h"
#include "modules/calendar/refresh.h"

namespace tinhso::calendar {

namespace {

std::mutex refresher_mu;
std::unique_ptr<Refresher> refresher;  // the one poller of this process

void add_routes(http::Router& router, app::Context& ctx) {
  add_public_routes(router, ctx);
  add_admin_routes(router, ctx);
  ctx.pages.enable_feature("calendar");
}

// Loads the schedules, then keeps them current. A failure to load leaves the law-generated days
// in place (logged) and the poller retries.
void start(app::Context& ctx) {
  try {
    reload(ctx);
  } catch (const std::exception& e) {
    spdlog::error("calendar: could not load the official schedules: {}", e.what());
  }
  std::lock_guard lock(refresher_mu);
  if (!refresher) refresher = std::make_unique<Refresher>(ctx, settings(ctx).refresh);
}

void stop() {
  std::unique_ptr<Refresher> r;
  {
    std::lock_guard lock(refresher_mu);
    r = std::move(refresher);
  }
  if (r) r->stop();
}

void add_options(CLI::App& cmd, app::OptionScope scope, app::Settings& all) {
  if (scope != app::OptionScope::serve) return;
  Settings& s = all.modules.get<Settings>();
  app::add_setting<int>(
      cmd, "--calendar-refresh-seconds", [&s](int n) { s.refresh = std::chrono::seconds(n); },
      "How often each node re-reads official holiday schedules changed by another node")
      ->envname("TINHSO_CALENDAR_REFRESH_SECONDS")
      ->check(CLI::Range(1, 3600))
      ->default_str(std::to_string(s.refresh.count()));
}

}  // namespace

app::Module module() {
  app::Module m{"calendar", add_routes, {}, start, {}};
  m.stop = stop;
  m.add_options = add_options;
  m.add_commands = add_commands;
  m.nav = {{"/admin/calendar", "calendar.nav_admin", false, {auth::Role::administrator}, {}, web::NavPlace::admin,
            "calendar.nav_admin_about"}};
  return m;
}

}  // namespace tinhso::calendar
