#pragma once
// The HTTP/1.1 server. IO threads run Boost.Beast; handlers run on a worker pool (blocking work
// such as SQL never runs on IO threads) unless a route is marked run_inline. Beast stays inside
// server.cpp: this header is all other code sees.
//
// Limits: header bytes, per-route body bytes, header-read time, idle (keep-alive) time, body-read
// time and open connections. Every response gets the security headers and X-Request-Id. stop()
// (or SIGTERM/SIGINT when handle_signals) stops accepting, closes idle connections and lets
// in-flight requests finish for up to shutdown_grace before run() returns.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/http/access_log.h"
#include "core/http/errors.h"
#include "core/http/metrics.h"
#include "core/http/request.h"
#include "core/http/response.h"
#include "core/http/router.h"

namespace tinhso::http {

struct ServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: pick a free port (see Server::port())
  int io_threads = 2;
  int workers = 8;
  // Threads running GET and HEAD handlers apart from the other methods' `workers` (0: GET and HEAD
  // share `workers`). Reads on an embedded database are CPU work: more threads than cores only add
  // context switches (issue 15 §7: a look-up costs 42 µs of CPU with 2 read threads on 2 cores,
  // 100 µs with 8), while a write waits for its commit's fsync and wants many. RouteOptions::
  // long_running GETs (exports) stay on `workers`, so they never hold every read thread.
  int read_workers = 0;
  std::size_t max_header_bytes = 16u << 10;
  std::size_t max_connections = 10000;
  std::chrono::milliseconds header_timeout{10'000};
  std::chrono::milliseconds idle_timeout{75'000};
  std::chrono::milliseconds body_timeout{120'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  std::filesystem::path upload_dir = "var/uploads";
  std::vector<std::string> trusted_proxies;  // peers whose X-Forwarded-* headers are believed
  bool handle_signals = true;
  // Admission control (issue 15 §6): a saturating load gets fast 503/429 answers, never a queue of
  // timeouts. Routes marked run_inline (health, static files) are never queued and never shed.
  //  - max_queued: requests waiting for a worker (read, not yet started); a request that would
  //    make more is answered 503 + Retry-After at once. < 0: kQueuedPerWorker × workers; 0: no bound.
  //  - max_per_address: requests of one client address (after trusted-proxy resolution, counted by
  //    address_bucket) from their header until their response is written; beyond, 429 +
  //    Retry-After. < 0: half of workers + max_queued (one address never holds the whole node); 0: no cap.
  // A route's own RouteOptions::max_in_flight is checked before it is queued, too (429).
  static constexpr int kQueuedPerWorker = 32;
  int max_queued = -1;
  int max_per_address = -1;
};

// The bounds max_queued / max_per_address stand for (0: none), with the defaults applied.
std::size_t queue_bound(const ServerConfig& c);
std::size_t address_bound(const ServerConfig& c);

struct ServerHooks {
  // Called before routing (e.g. to choose the language). Must not throw.
  std::function<void(Request&)> prepare;
  // Runs after routing, before the handler, on the worker thread (never for run_inline routes,
  // which must not block); may set request state
  // (the principal) and may throw Error to refuse the request (e.g. a cross-site POST).
  std::function<void(Request&)> before;
  // Renders an error for a request (HTML page or problem+json). Must not throw.
  std::function<Response(const Request&, const Error&)> render_error;
  // Called on every response before it is sent (e.g. to add headers). Must not throw.
  std::function<void(const Request&, Response&)> finish;
};

class Server {
 public:
  Server(ServerConfig config, const Router& router, ServerHooks hooks, Metrics& metrics, AccessLog& log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  // Binds the listening socket; throws std::runtime_error on failure. After this, port() is known.
  void listen();
  // Serves until stop() or a signal; returns after the graceful shutdown.
  void run();
  // Thread-safe; may be called from any thread or a handler.
  void stop();
  std::uint16_t port() const;
  std::size_t open_connections() const;

  struct Impl;  // defined in server.cpp

 private:
  std::unique_ptr<Impl> impl_;
};

// Adds the headers every response carries (CSP, nosniff, Referrer-Policy, Permissions-Policy,
// frame-ancestors; HSTS when `secure`).
void add_security_headers(Response& r, bool secure);

}  // namespace tinhso::http
