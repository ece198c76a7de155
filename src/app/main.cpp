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

#include "app/calendar_cli.h"
#include "app/config.h"
#include "core/crypto/sealed.h"
#include "core/db/migrate.h"
#include "core/http/access_log.h"
#include "core/http/server.h"
#include "core/text/catalog.h"
#include "core/text/templates.h"
#include "core/web/origin.h"
#include "core/web/pages.h"
#include "modules/audit/api.h"
#include "modules/audit/key.h"
#include "modules/identity/api.h"
#include "modules/open311/api.h"
#include "modules/open311/services_file.h"
#include "modules/registry.h"

using namespace tinhso;

namespace {

// `tinhso audit verify`: exit 0 intact, 3 broken (a changed, removed or unkeyed record, or a chain
// that no longer holds an anchored head), 2 when keyed records need the missing key file.
int run_audit_verify(db::Database& database, const app::Settings& settings) {
  auto state = db::migration_state(database, module_migrations(database.dialect()));
  if (!state.pending.empty() || !state.conflicts.empty()) {
    std::fprintf(stderr, "the database schema is not current: run `tinhso migrate` first\n");
    return 2;
  }
  std::optional<crypto::SecretBytes> key;
  if (std::filesystem::exists(settings.audit_key_file)) key = audit::load_key_file(settings.audit_key_file, false);
  audit::VerifyInput in{key ? &*key : nullptr, audit::read_anchors(settings.audit_anchor_file, settings.audit_chain)};
  auto res = audit::verify(database, in, [](std::int64_t n) { std::fprintf(stderr, "checked %lld records\n", static_cast<long long>(n)); });
  if (res.ok) {
    std::printf("OK: %lld audit records, chain intact; %lld with a valid MAC, %lld before the audit key; %zu anchors"
                " in %s, %lld matched\n",
                static_cast<long long>(res.checked), static_cast<long long>(res.keyed),
                static_cast<long long>(res.checked - res.keyed), in.anchors.size(), settings.audit_anchor_file.c_str(),
                static_cast<long long>(res.anchored));
    return 0;
  }
  std::printf("BROKEN at record %lld: %s\n", static_cast<long long>(res.first_bad_seq.value_or(0)), res.problem.c_str());
  return res.needs_key ? 2 : 3;
}

// `tinhso open311 key create|services import`: refused (exit 2) while the schema is not current.
int run_open311(db::Database& database, bool create_key, const std::string& name, const std::string& file) {
  auto state = db::migration_state(database, module_migrations(database.dialect()));
  if (!state.pending.empty() || !state.conflicts.empty()) {
    std::fprintf(stderr, "the database schema is not current: run `tinhso migrate` first\n");
    return 2;
  }
  auth::SystemClock clock;
  try {
    if (create_key) {
      std::printf("%s\n", open311::create_api_key(database, clock, name).c_str());
      std::fprintf(stderr, "API key \"%s\" created; it is shown only now: give it to the client's operator.\n", name.c_str());
      return 0;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", file.c_str());
      return 2;
    }
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto entries = open311::parse_services_file(text);
    std::size_t done = 0;
    int n = database.transaction([&](soci::session& s) {
      return open311::import_services(s, entries, auth::iso_utc(clock.now()), [&](const std::string& code) {
        audit::record_system(s, database.dialect(), clock, "cli", {"open311.service.save", "open311_service", code, "", code});
        std::fprintf(stderr, "[%zu/%zu] %s\n", ++done, entries.size(), code.c_str());
      });
    });
    std::printf("%d services imported\n", n);
    return 0;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
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
        catalog(assets / "locales"),
        templates(assets / "templates"),
        statics(assets / "static"),
        pages(templates, catalog, statics),
        migrations(module_migrations(database.dialect())),
        clock(make_clock(cfg)),
        settings(app::settings_of(cfg)),
        calendar(settings.holidays, settings.deadlines),
        ctx{database, *clock, settings, pages, statics, metrics, migrations, calendar} {
    for (const auto& m : all_modules())
      if (m.hand_over_agency) ctx.agency_hand_overs.push_back(m.hand_over_agency);
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
        if (e.kind() == http::ErrorKind::forbidden) audit::record_forbidden(ctx.db, ctx.clock, req, e);
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
    std::printf("  Demo province: Phú Thọ (code 25; includes the former Vĩnh Phúc, code 26).\n");
    std::printf("  Demo accounts (password %s):\n", identity::kDemoPassword);
    for (const auto& [email, role] : identity::demo_accounts()) std::printf("    %-28s %s\n", email.c_str(), role.c_str());
    std::printf("  Leaders, inspectors, administrators and auditors set up two-step verification at their\n"
                "  first sign-in (any authenticator app: FreeOTP, Google or Microsoft Authenticator).\n");
    if (rt.settings.smtp == "log") std::printf("  E-mails (e.g. registration links) are printed in this terminal, not sent.\n");
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
  app::add_identity_keys_option(*migrate_cmd, cfg);
  app::add_audit_options(*migrate_cmd, cfg);
  auto* demo_cmd = cli.add_subcommand("demo", "Migrate, load the demo province and serve");
  app::add_db_option(*demo_cmd, cfg);
  app::add_serve_options(*demo_cmd, cfg);
  auto* routes_cmd = cli.add_subcommand("routes", "List every HTTP route (method and pattern)");
  auto* audit_cmd = cli.add_subcommand("audit", "Audit log tools");
  audit_cmd->require_subcommand(1);
  auto* verify_cmd = audit_cmd->add_subcommand(
      "verify", "Check the audit log's hash chain, MACs and anchors; exit 3 at the first broken record");
  app::add_db_option(*verify_cmd, cfg);
  app::add_audit_options(*verify_cmd, cfg);
  auto* keys_cmd = cli.add_subcommand("keys", "Encryption keys (denouncers' identities at rest)");
  keys_cmd->require_subcommand(1);
  auto* keys_generate_cmd =
      keys_cmd->add_subcommand("generate", "Print a new random 32-byte key in base64; add it to the key ring as ID:KEY");
  auto* open311_cmd = cli.add_subcommand("open311", "Open311 GeoReport v2: API keys and city-report services");
  open311_cmd->require_subcommand(1);
  auto* open311_key_cmd = open311_cmd->add_subcommand("key", "API keys for Open311 clients");
  open311_key_cmd->require_subcommand(1);
  auto* open311_key_create = open311_key_cmd->add_subcommand("create", "Issue a key and print it (shown only once)");
  app::add_db_option(*open311_key_create, cfg);
  app::add_audit_options(*open311_key_create, cfg);
  std::string open311_key_name, open311_services_file;
  open311_key_create->add_option("--name", open311_key_name, "Who the key is for, e.g. the client app")->required();
  auto* open311_services_cmd = open311_cmd->add_subcommand("services", "City-report services");
  open311_services_cmd->require_subcommand(1);
  auto* open311_services_import =
      open311_services_cmd->add_subcommand("import", "Import services from a JSON file (all or nothing, by code)");
  app::add_db_option(*open311_services_import, cfg);
  app::add_audit_options(*open311_services_import, cfg);
  open311_services_import->add_option("file", open311_services_file, "The JSON file (data/open311/demo-services.json shows the shape)")
      ->required();
  app::CalendarCommand calendar_cmd;
  app::add_calendar_command(cli, calendar_cmd, cfg.settings);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = cli.exit(e);
    // Issue 4: the calendar commands exit 2 on any bad input, their own checks and CLI11's alike.
    return rc != 0 && calendar_cmd.root->parsed() ? 2 : rc;
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
  if (calendar_cmd.root->parsed()) return app::run_calendar(calendar_cmd, cfg.settings);
  if (routes_cmd->parsed()) return print_routes(cfg);
  if (keys_generate_cmd->parsed()) {
    if (sodium_init() < 0) return 1;
    std::printf("%s\n", std::string(crypto::generate_key_text().view()).c_str());
    return 0;
  }

  try {
    db::Database database(cfg.db_url);
    cfg.settings.audit_chain = audit::chain_label(cfg.db_url);
    if (verify_cmd->parsed()) return run_audit_verify(database, cfg.settings);
    // Issue 12 §9: every command below may write audit records, all MACed with the one key.
    audit::use_key(std::make_shared<const crypto::SecretBytes>(audit::load_key_file(cfg.settings.audit_key_file, true)));
    if (migrate_cmd->parsed()) {
      run_migrate(database);
      if (migrate_demo) {
        Runtime rt(cfg, database);
        load_demo(rt.ctx);
      }
      return 0;
    }
    if (open311_key_create->parsed()) return run_open311(database, true, open311_key_name, "");
    if (open311_services_import->parsed()) return run_open311(database, false, "", open311_services_file);
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
