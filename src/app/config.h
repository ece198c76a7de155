#pragma once
// Command-line configuration. Every flag also reads a TINHSO_* environment variable.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/app/module.h"
#include "core/http/server.h"

namespace tinhso::app {

struct Config {
  std::string db_url = "sqlite:var/tinhso.db";
  std::string listen = "127.0.0.1:8080";
  std::string assets;  // directory holding templates/, static/, locales/; "" = auto
  std::string access_log = "-";
  std::string log_level = "info";
  std::string upload_dir = "var/uploads";
  std::vector<std::string> trusted_proxies;
  int io_threads = 2;
  int workers = 8;
  // http::ServerConfig::read_workers; 0: automatic — the machine's cores (at least 2) on SQLite,
  // where a read is CPU work; on PostgreSQL GET and HEAD share --workers (a read waits on the server).
  int read_workers = 0;
  std::size_t max_connections = 10000;
  int max_queued = -1;       // http::ServerConfig::max_queued (< 0: derived from --workers)
  int max_per_address = -1;  // http::ServerConfig::max_per_address (< 0: derived)
  int shutdown_grace_ms = 10000;
  // TEST ONLY (--fake-now): the server's clock stands still at this instant. main() refuses it
  // unless TINHSO_TEST_CLOCK=1 is set; see docs/SECURITY.md.
  std::optional<std::chrono::system_clock::time_point> fake_now;
  Settings settings;
};

void add_db_option(CLI::App& cmd, Config& c);
// The platform's serving flags (listen, threads, proxies, public URL, the working-day calendar's
// flags, the test clock); modules add theirs (app::Module::add_options).
void add_serve_options(CLI::App& cmd, Config& c);
// Splits "HOST:PORT" ("[::1]:8080" for IPv6); throws CLI::ValidationError.
std::pair<std::string, std::uint16_t> split_listen(const std::string& listen);
// The assets directory: --assets, else next to the binary's parent (build/..), else the source
// tree the binary was built from, else the current directory.
std::filesystem::path resolve_assets(const std::string& configured);
http::ServerConfig server_config(const Config& c);
// The environment variable that must be "1" for --fake-now to be accepted.
inline constexpr const char* kTestClockEnv = "TINHSO_TEST_CLOCK";
Settings settings_of(const Config& c);

}  // namespace tinhso::app
