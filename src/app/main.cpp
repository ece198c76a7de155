// tinhso: the digital-government platform of a province. Start-up only: parse the command line,
// open the database, register modules, serve.
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <iostream>

#include <sodium.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "app/config.h"
#include "core/crypto/sealed.h"
#include "core/db/migrate.h"
#include "core/http/access_log.h"
#include "core/http/server.h"
#include "core/text/catalog.h"
#include "core/text/resources.h"
#include "core/text/templates.h"
#include "core/web/origin.h"
#include "core/web/pages.h"
#include "modules/registry.h"

using namespace tinhso;

namespace {

// The command line as modules extend it (app::Module::add_commands): each module command gets
// --db when it declares a database, and every module's records flags when it writes records.
class CommandHost : public app::Commands {
 public:
  struct Entry {
    CLI::App* cmd;
    std::function<int(app::CommandEnv&)> run;
    Spec spec;
  };

  CommandHost(CLI::App& root, app::Config& cfg) : root_(root), cfg_(cfg) {}

  CLI::App& add(CLI::App* parent, const std::string& name, const std::string& help,
                std::function<int(app::CommandEnv&)> run, Spec spec) override {
    CLI::App* cmd = (parent ? parent : &root_)->add_subcommand(name, help);
    if (!run) cmd->require_subcommand(1);
    if (spec.database) app::add_db_option(*cmd, cfg_);
    if (spec.writes)
      for (const auto& m : all_modules())
        if (m.add_options) m.add_options(*cmd, app::OptionScope::records, cfg_.settings);
    entries_.push_back({cmd, std::move(run), spec});
    return *cmd;
  }

  // The chosen command with something to run, or null.
  const Entry* chosen() const {
    const Entry* found = nullptr;
    for (const auto& e : entries_)
      if (e.run && e.cmd->parsed()) found = &e;
    return found;
  }
  // The exit code a command-line error gets under the chosen module command (0: CLI11's own).
  int parse_error_exit() const {
    for (const auto& e : entries_)
      if (e.spec.parse_error_exit && e.cmd->parsed()) return e.spec.parse_error_exit;
    return 0;
  }

 private:
  CLI::App& root_;
  app::Config& cfg_;
  std::vector<Entry> entries_;
};

// Every module's check and preparation for commands that write records.
void configure_modules(app::Settings& settings) {
  for (const auto& m : all_modules())
    if (m.configure) m.configure(settings);
}

// Runs the chosen module command: opens its database, configures the modules when it writes.
int run_module_command(const CommandHost::Entry& e, app::Settings& settings) {
  auth::SystemClock clock;
  std::unique_ptr<db::Database> database;
  if (e.spec.database) database = std::make_unique<db::Database>(settings.db_url);
  if (e.spec.writes) configure_modules(settings);
  auto migrations = module_migrations(database ? database->dialect() : db::Dialect::sqlite);
  app::CommandEnv env{database.get(), settings, clock, migrations};
  return e.run(env);
}

int run_migrate(db::Database& database) {
  auto migrations = module_migrations(database.dialect());
  auto state = db::migration_state(database, migrations);
  std::size_t total = state.pending.size(), done = 0;
  int applied = db::migrate(database, migrations, [&](const db::Migration& m) {
    std::fprintf(stderr, "[%zu/%zu] migrating %s %03d %s\n", ++done, total, m.module.c_str(), m.version, m.name.c_str());
  });
  std::fprintf(stderr, "migrations: %d applied, schema current (%zu known)\n", applied, migrations.size());
  return 0;
}

// What the modules run against: messages, templates, pages, settings and the calendar.
struct Runtime {
  Runtime(const app::Config& cfg, db::Database& database)
      : assets(app::resolve_assets(cfg.assets)),
        catalog(text::resource_dirs(assets, "locales")),
        templates(text::resource_dirs(assets, "templates")),
        statics(assets / "static"),
        pages(templates, catalog, statics),
        migrations(module_migrations(database.dialect())),
        clock(make_clock(cfg)),
        settings(app::settings_of(cfg)),
        calendar(settings.holidays, settings.deadlines),
        ctx{database, *clock, settings, pages, statics, metrics, migrations, calendar, files, services} {
    for (const auto& m : all_modules()) {
      if (m.hand_over_agency) ctx.agency_hand_overs.push_back(m.hand_over_agency);
      for (const auto& entry : m.nav) pages.add_nav(entry);
    }
    for (const auto& m : all_modules())
      if (m.provide) m.provide(ctx);
  }

  // The system clock, or with --fake-now (tests only) a clock standing still at that instant.
  static std::unique_ptr<auth::Clock> make_clock(const app::Config& cfg) {
    if (cfg.fake_now) return std::make_unique<auth::FakeClock>(*cfg.fake_now);
    return std::make_unique<auth::SystemClock>();
  }

  std::filesystem::path assets;
  text::Catalog catalog;
  text::Templates templates;
  http::StaticFiles statics;
  web::Pages pages;
  http::Metrics metrics;
  std::vector<db::Migration> migrations;
  std::unique_ptr<auth::Clock> clock;
  app::Settings settings;
  calendar::CalendarSource calendar;
  fs::RealFiles files;
  app::Services services;
  app::Context ctx;
};

// Loads every module's demo data (idempotent).
void load_demo(app::Context& ctx) {
  for (const auto& m : all_modules())
    if (m.load_demo) {
      std::fprintf(stderr, "demo: loading %s\n", m.name.c_str());
      m.load_demo(ctx);
    }
}

// `tinhso routes`: every route the modules register, one "METHOD PATTERN" line each, sorted — what
// the access-matrix and OpenAPI tests compare their lists with. Built on a private in-memory
// database: registering routes reads no data.
int print_routes(const app::Config& cfg) {
  db::Database mem("sqlite::memory:", 1);
  Runtime rt(cfg, mem);
  http::Router router;
  for (const auto& m : all_modules())
    if (m.add_routes) m.add_routes(router, rt.ctx);
  std::vector<std::string> lines;
  for (const auto& r : router.routes()) lines.push_back(r->method + " " + r->pattern);
  std::sort(lines.begin(), lines.end());
  for (const auto& l : lines) std::printf("%s\n", l.c_str());
  return 0;
}

int serve(const app::Config& cfg, db::Database& database, bool demo) {
  auto started = std::chrono::steady_clock::now();
  Runtime rt(cfg, database);
  web::Pages& pages = rt.pages;
  app::Context& ctx = rt.ctx;
  http::AccessLog access_log(cfg.access_log);
  if (cfg.fake_now)
    spdlog::warn("TEST CLOCK: --fake-now is set, the server's time stands still at {}; never use this in production",
                 auth::iso_utc(*cfg.fake_now));
  if (demo) load_demo(ctx);
  auto state = db::migration_state(database, rt.migrations);
  if (!state.conflicts.empty()) throw std::runtime_error("database schema conflict: " + state.conflicts.front());
  if (!state.pending.empty())
    spdlog::warn("{} migrations pending: run `tinhso migrate`; /readyz reports not ready", state.pending.size());

  http::Router router;
  struct StopModules {  // ends modules' background work however serve() returns
    ~StopModules() {
      for (const auto& m : all_modules())
        if (m.stop) m.stop();
    }
  } stop_modules;
  for (const auto& m : all_modules()) {
    if (m.add_routes) m.add_routes(router, ctx);
    if (m.start && state.pending.empty()) m.start(ctx);
  }
  http::ServerHooks hooks{
      .prepare = [&pages](http::Request& req) { pages.prepare(req); },
      .before =
          [&ctx](http::Request& req) {
            web::check_same_origin(req);
            for (const auto& m : all_modules())
              if (m.before) m.before(req, ctx);
          },
      .render_error = [&pages, &ctx](const http::Request& req, const http::Error& e) {
        for (const auto& m : all_modules())
          if (m.on_error) m.on_error(req, e, ctx);
        try {
          return pages.error(req, e);
        } catch (const std::exception& ex) {
          spdlog::error("request {}: error page failed: {}", req.request_id, ex.what());
          return http::Response::text("Error " + std::to_string(http::status_of(e.kind())) + ". Request " +
                                          req.request_id + "\n",
                                      "text/plain; charset=utf-8", http::status_of(e.kind()));
        }
      },
      .finish = {}};
  http::Server server(app::server_config(cfg), router, hooks, rt.metrics, access_log);
  server.listen();
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  auto [host, port] = app::split_listen(cfg.listen);
  std::string url = "http://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
                    std::to_string(server.port()) + "/";
  spdlog::info("tinhso {} serving {} on {} (ready in {:.0f} ms)", TINHSO_VERSION, url, cfg.db_url.substr(0, cfg.db_url.find(':')), ms);
  if (demo) {
    std::printf("\n  tinhso demo is running: %s\n", url.c_str());
    for (const auto& m : all_modules())
      if (m.demo_notes)
        for (const auto& line : m.demo_notes(ctx)) std::printf("  %s\n", line.c_str());
    std::printf("  Stop with Ctrl+C.\n\n");
    std::fflush(stdout);
  }
  // Machine-readable line for test harnesses that start us on port 0.
  std::fprintf(stderr, "listening on %s\n", url.c_str());
  server.run();
  spdlog::info("stopped");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) {
    std::fprintf(stderr, "libsodium failed to initialise\n");
    return 1;
  }
  auto logger = spdlog::stderr_color_mt("tinhso");
  spdlog::set_default_logger(logger);

  app::Config cfg;
  CLI::App cli{"tinhso — the digital-government platform of a province"};
  cli.set_version_flag("--version", std::string("tinhso ") + TINHSO_VERSION);
  cli.require_subcommand(1);
  cli.add_option("--log-level", cfg.log_level, "Log level: trace, debug, info, warn, error")
      ->envname("TINHSO_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->capture_default_str();

  auto* serve_cmd = cli.add_subcommand("serve", "Serve the web application (migrations must be current)");
  app::add_db_option(*serve_cmd, cfg);
  app::add_serve_options(*serve_cmd, cfg);
  auto* migrate_cmd = cli.add_subcommand("migrate", "Create or upgrade the database schema (idempotent)");
  app::add_db_option(*migrate_cmd, cfg);
  bool migrate_demo = false;
  migrate_cmd->add_flag("--demo", migrate_demo, "Then load the demo province's data (idempotent), without serving");
  auto* demo_cmd = cli.add_subcommand("demo", "Migrate, load the demo province and serve");
  app::add_db_option(*demo_cmd, cfg);
  app::add_serve_options(*demo_cmd, cfg);
  for (const auto& m : all_modules()) {
    if (!m.add_options) continue;
    m.add_options(*serve_cmd, app::OptionScope::serve, cfg.settings);
    m.add_options(*demo_cmd, app::OptionScope::serve, cfg.settings);
    m.add_options(*migrate_cmd, app::OptionScope::records, cfg.settings);
  }
  auto* routes_cmd = cli.add_subcommand("routes", "List every HTTP route (method and pattern)");
  auto* keys_cmd = cli.add_subcommand("keys", "Encryption keys (denouncers' identities at rest)");
  keys_cmd->require_subcommand(1);
  auto* keys_generate_cmd =
      keys_cmd->add_subcommand("generate", "Print a new random 32-byte key in base64; add it to the key ring as ID:KEY");
  CommandHost commands(cli, cfg);
  for (const auto& m : all_modules())
    if (m.add_commands) m.add_commands(commands, cfg.settings);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = cli.exit(e);
    int module_rc = commands.parse_error_exit();
    return rc != 0 && module_rc != 0 ? module_rc : rc;
  }
  spdlog::set_level(spdlog::level::from_str(cfg.log_level));
  if (cfg.fake_now) {
    const char* allowed = std::getenv(app::kTestClockEnv);
    if (!allowed || std::string_view(allowed) != "1") {
      std::fprintf(stderr, "--fake-now is a test-only switch: it is refused unless the environment has %s=1\n",
                   app::kTestClockEnv);
      return 2;
    }
  }
  if (routes_cmd->parsed()) return print_routes(cfg);
  if (keys_generate_cmd->parsed()) {
    std::printf("%s\n", std::string(crypto::generate_key_text().view()).c_str());
    return 0;
  }
  cfg.settings.db_url = cfg.db_url;
  if (const auto* chosen = commands.chosen()) {
    try {
      return run_module_command(*chosen, cfg.settings);
    } catch (const std::exception& e) {
      spdlog::error("{}", e.what());
      return 1;
    }
  }

  try {
    db::Database database(cfg.db_url);
    // Every command below may write records.
    configure_modules(cfg.settings);
    if (migrate_cmd->parsed()) {
      run_migrate(database);
      if (migrate_demo) {
        Runtime rt(cfg, database);
        load_demo(rt.ctx);
      }
      return 0;
    }
    if (demo_cmd->parsed()) {
      run_migrate(database);
      return serve(cfg, database, true);
    }
    return serve(cfg, database, false);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
}
