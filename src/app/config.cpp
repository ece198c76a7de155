#include "app/config.h"

#include <unistd.h>

#include <algorithm>
#include <thread>

#include "core/app/cli.h"
#include "core/auth/clock.h"

namespace tinhso::app {

void add_db_option(CLI::App& cmd, Config& c) {
  cmd.add_option("--db", c.db_url, "Database URL: sqlite:PATH or postgresql://USER@HOST:PORT/NAME")
      ->envname("TINHSO_DB")
      ->capture_default_str();
}

void add_serve_options(CLI::App& cmd, Config& c) {
  cmd.add_option("--listen", c.listen, "Address and port to serve on, HOST:PORT (port 0 = any free port)")
      ->envname("TINHSO_LISTEN")
      ->capture_default_str();
  cmd.add_option("--assets", c.assets, "Directory with templates/, static/, locales/ and src/modules/*/{templates,locales}/ (default: found beside the binary)")
      ->envname("TINHSO_ASSETS");
  cmd.add_option("--access-log", c.access_log, "Access log (JSON lines): a file, - for stdout, off")
      ->envname("TINHSO_ACCESS_LOG")
      ->capture_default_str();
  cmd.add_option("--upload-dir", c.upload_dir, "Directory for uploaded files being received")
      ->envname("TINHSO_UPLOAD_DIR")
      ->capture_default_str();
  cmd.add_option("--trusted-proxy", c.trusted_proxies,
                 "Address of a reverse proxy whose X-Forwarded-Proto/-For are trusted (repeatable)")
      ->envname("TINHSO_TRUSTED_PROXY")
      ->delimiter(',');
  cmd.add_option("--io-threads", c.io_threads, "Threads doing network IO")
      ->envname("TINHSO_IO_THREADS")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd.add_option("--workers", c.workers, "Threads running request handlers (database work)")
      ->envname("TINHSO_WORKERS")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd.add_option("--read-workers", c.read_workers,
                 "Threads running GET and HEAD handlers (0: the machine's cores on SQLite, --workers on PostgreSQL)")
      ->envname("TINHSO_READ_WORKERS")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
  cmd.add_option("--max-connections", c.max_connections, "Open connections above which new ones get 503")
      ->envname("TINHSO_MAX_CONNECTIONS")
      ->capture_default_str();
  cmd.add_option("--max-queued", c.max_queued,
                 "Requests waiting for a worker above which a new one gets 503 with Retry-After at once "
                 "(default: " + std::to_string(http::ServerConfig::kQueuedPerWorker) + " per worker; 0: no bound)")
      ->envname("TINHSO_MAX_QUEUED")
      ->check(CLI::Range(0, 1 << 20));
  cmd.add_option("--max-per-address", c.max_per_address,
                 "Requests of one client address (after --trusted-proxy) queued or running above which a new one "
                 "gets 429 with Retry-After (default: half of workers + max-queued; 0: no cap)")
      ->envname("TINHSO_MAX_PER_ADDRESS")
      ->check(CLI::Range(0, 1 << 20));
  cmd.add_option("--public-url", c.settings.public_url, "Base URL of this site, used in links sent by e-mail")
      ->envname("TINHSO_PUBLIC_URL")
      ->capture_default_str();
  add_calendar_options(cmd, c.settings);
  // No TINHSO_* variable on purpose: a test clock is switched on only on the command line, and
  // only together with TINHSO_TEST_CLOCK=1 (checked in main()).
  cmd.add_option_function<std::string>(
         "--fake-now", [&c](const std::string& v) { c.fake_now = auth::parse_iso_utc(v); },
         "TEST ONLY: freeze the server's clock at this UTC instant (YYYY-MM-DDTHH:MM:SSZ); refused unless the "
         "environment has TINHSO_TEST_CLOCK=1")
      ->check(CLI::Validator(
          [](std::string& v) {
            try {
              if (auth::iso_utc(auth::parse_iso_utc(v)) == v) return std::string();
            } catch (const std::invalid_argument&) {
            }
            return std::string("expected YYYY-MM-DDTHH:MM:SSZ");
          },
          "YYYY-MM-DDTHH:MM:SSZ"));
  cmd.add_option("--shutdown-grace-ms", c.shutdown_grace_ms, "On SIGTERM, how long in-flight requests may finish")
      ->envname("TINHSO_SHUTDOWN_GRACE_MS")
      ->capture_default_str();
}

std::pair<std::string, std::uint16_t> split_listen(const std::string& listen) {
  std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) throw CLI::ValidationError("--listen", "expected HOST:PORT");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = -1;
  try {
    std::size_t used = 0;
    port = std::stoi(listen.substr(colon + 1), &used);
    if (used != listen.size() - colon - 1) port = -1;
  } catch (...) {
    port = -1;
  }
  if (port < 0 || port > 65535) throw CLI::ValidationError("--listen", "port must be 0-65535");
  return {host, static_cast<std::uint16_t>(port)};
}

std::filesystem::path resolve_assets(const std::string& configured) {
  namespace fs = std::filesystem;
  auto ok = [](const fs::path& p) { return fs::is_directory(p / "templates") && fs::is_directory(p / "locales"); };
  if (!configured.empty()) return configured;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& p : {exe.parent_path(), exe.parent_path().parent_path(), exe.parent_path() / "../share/tinhso"})
      if (ok(p)) return fs::weakly_canonical(p);
  }
#ifdef TINHSO_SOURCE_DIR
  if (ok(TINHSO_SOURCE_DIR)) return TINHSO_SOURCE_DIR;
#endif
  return fs::current_path();
}

Settings settings_of(const Config& c) { return c.settings; }

http::ServerConfig server_config(const Config& c) {
  http::ServerConfig s;
  auto [host, port] = split_listen(c.listen);
  s.host = host;
  s.port = port;
  s.io_threads = c.io_threads;
  s.workers = c.workers;
  if (c.read_workers > 0) s.read_workers = c.read_workers;
  else if (!c.db_url.starts_with("postgresql://") && !c.db_url.starts_with("postgres://"))
    s.read_workers = std::max(2, static_cast<int>(std::thread::hardware_concurrency()));
  s.max_connections = c.max_connections;
  s.max_queued = c.max_queued;
  s.max_per_address = c.max_per_address;
  s.upload_dir = c.upload_dir;
  s.trusted_proxies = c.trusted_proxies;
  s.shutdown_grace = std::chrono::milliseconds(c.shutdown_grace_ms);
  return s;
}

}  // namespace tinhso::app
