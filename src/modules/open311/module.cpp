// The open311 module (issue 6 §6–7): Open311 GeoReport v2 at /open311/v2/ with FixMyStreet's
// servicerequestupdates, city-report services as data, API keys, the intake job for queued
// reports and the public city-reports page. Reports become petitions (modules/petitions).
#include <cstdio>
#include <stdexcept>

#include "core/app/cli.h"
#include "core/auth/clock.h"
#include "core/fs/files.h"
#include "core/util/strings.h"
#include "modules/audit/api.h"
#include "modules/open311/api.h"
#include "modules/open311/demo.h"
#include "modules/open311/handlers.h"
#include "modules/open311/intake.h"
#include "modules/open311/services_file.h"
#include "modules/open311/store.h"
#include "modules/open311/store_hand_over.h"

namespace tinhso::open311 {

std::string create_api_key(db::Database& db, const auth::Clock& clock, const std::string& raw_name) {
  std::string name(trim(raw_name));
  if (name.empty() || name.size() > 100) throw std::invalid_argument("the key's name must have 1 to 100 bytes");
  std::string key = generate_api_key();
  const audit::Recorder rec = audit::for_system(db.dialect(), clock, "cli");
  db.transaction([&](soci::session& s) {
    auto id = insert_api_key(s, name, api_key_hash(key), api_key_prefix(key), auth::iso_utc(clock.now()), 0);
    rec(s, {"open311.key.create", "open311_key", std::to_string(id), "", name + " " + api_key_prefix(key)});
  });
  return key;
}

namespace {

void add_options(CLI::App& cmd, app::OptionScope scope, app::Settings& all) {
  if (scope != app::OptionScope::serve) return;
  Settings& s = all.modules.get<Settings>();
  app::add_setting<int>(
      cmd, "--open311-posts-per-minute", [&s](int n) { s.posts_per_minute = n; },
      "Open311: POSTs (reports and updates) one API key may make per minute, across all nodes")
      ->envname("TINHSO_OPEN311_POSTS_PER_MINUTE")
      ->check(CLI::Range(1, 1000000))
      ->default_str(std::to_string(s.posts_per_minute));
  app::add_setting<std::string>(
      cmd, "--open311-tile-url", [&s](const std::string& v) { s.tile_url = v; },
      "City-report maps: XYZ tile URL on this site's origin, e.g. /tiles/{z}/{x}/{y}.png (default: no tiles)")
      ->envname("TINHSO_OPEN311_TILE_URL")
      ->check([](const std::string& v) -> std::string {
        if (v.empty()) return {};
        if (!v.starts_with("/") || v.starts_with("//")) return "must be a path on this site (the CSP allows images from 'self' only)";
        for (const char* p : {"{z}", "{x}", "{y}"})
          if (v.find(p) == std::string::npos) return std::string("must contain ") + p;
        return {};
      });
  app::add_setting<std::string>(
      cmd, "--open311-tile-attribution", [&s](const std::string& v) { s.tile_attribution = v; },
      "City-report maps: the tiles' attribution text, shown on the map")
      ->envname("TINHSO_OPEN311_TILE_ATTRIBUTION");
  app::add_setting<std::string>(
      cmd, "--open311-boundaries-file", [&s](const std::string& v) { s.boundaries_file = v; },
      "City-report maps: GeoJSON FeatureCollection of the province's boundary and units, drawn without tiles")
      ->envname("TINHSO_OPEN311_BOUNDARIES_FILE");
  app::add_setting<int>(
      cmd, "--open311-form-posts-per-hour", [&s](int n) { s.form_posts_per_hour = n; },
      "City reports: posts of the Gửi phản ánh form one client address may make per hour, across all nodes")
      ->envname("TINHSO_OPEN311_FORM_POSTS_PER_HOUR")
      ->check(CLI::Range(1, 1000000))
      ->default_str(std::to_string(s.form_posts_per_hour));
}

// `tinhso open311 key create --name N`: prints the new key once.
int create_key_command(app::CommandEnv& env, const std::string& name) {
  if (!env.schema_current()) return 2;
  try {
    std::printf("%s\n", create_api_key(*env.db, env.clock, name).c_str());
    std::fprintf(stderr, "API key \"%s\" created; it is shown only now: give it to the client's operator.\n", name.c_str());
    return 0;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
}

// `tinhso open311 services import FILE`: all or nothing, by code, with progress on stderr.
int import_services_command(app::CommandEnv& env, const std::string& file) {
  if (!env.schema_current()) return 2;
  try {
    // A file named on the command line, not an upload: read through the real file system.
    std::string text;
    try {
      text = fs::RealFiles().read(file);
    } catch (const std::runtime_error&) {
      std::fprintf(stderr, "cannot read %s\n", file.c_str());
      return 2;
    }
    auto entries = parse_services_file(text);
    std::size_t done = 0;
    db::Database& db = *env.db;
    const audit::Recorder rec = audit::for_system(db.dialect(), env.clock, "cli");
    int n = db.transaction([&](soci::session& s) {
      return import_services(s, entries, auth::iso_utc(env.clock.now()), rec, [&](const std::string& code) {
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

void add_commands(app::Commands& commands, app::Settings&) {
  const app::Commands::Spec group{.database = false, .writes = false};
  CLI::App& root = commands.add(nullptr, "open311", "Open311 GeoReport v2: API keys and city-report services", {}, group);
  CLI::App& key = commands.add(&root, "key", "API keys for Open311 clients", {}, group);
  auto name = std::make_shared<std::string>();
  CLI::App& create = commands.add(&key, "create", "Issue a key and print it (shown only once)",
                                  [name](app::CommandEnv& env) { return create_key_command(env, *name); });
  create.add_option("--name", *name, "Who the key is for, e.g. the client app")->required();
  CLI::App& services = commands.add(&root, "services", "City-report services", {}, group);
  auto file = std::make_shared<std::string>();
  CLI::App& import = commands.add(&services, "import", "Import services from a JSON file (all or nothing, by code)",
                                  [file](app::CommandEnv& env) { return import_services_command(env, *file); });
  import.add_option("file", *file, "The JSON file (data/open311/demo-services.json shows the shape)")->required();
}

}  // namespace

app::Module module() {
  app::Module m;
  m.name = "open311";
  m.add_routes = [](http::Router& router, app::Context& ctx) {
    add_api_routes(router, ctx);
    add_admin_routes(router, ctx);
    add_public_routes(router, ctx);
    add_form_routes(router, ctx);
    add_report_routes(router, ctx);
  };
  m.load_demo = load_demo;
  m.start = [](app::Context& ctx) { start_intake(ctx); };
  m.stop = [] { stop_intake(); };
  m.hand_over_agency = hand_over_agency;
  m.add_options = add_options;
  m.add_commands = add_commands;
  m.nav = {{"/admin/open311", "open311.nav_admin", false, {auth::Role::administrator}, {}, web::NavPlace::admin,
            "open311.nav_admin_about"}};
  return m;
}

}  // namespace tinhso::open311
