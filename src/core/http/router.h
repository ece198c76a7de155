#pragma once
// Method + path routing with path parameters. Patterns are '/'-separated segments; a segment
// "{name}" matches one non-empty segment, a final "{name...}" matches the rest (one or more
// segments). Literal segments win over parameters. A path that matches some route but not the
// method yields method_not_allowed with the allowed methods; HEAD is served by GET routes.
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/multipart.h"
#include "core/http/request.h"
#include "core/http/response.h"

namespace tinhso::http {

using Handler = std::function<Response(Request&)>;

struct RouteOptions {
  std::size_t body_limit = 64u << 10;  // bytes; urlencoded/JSON bodies are held in memory
  bool multipart = false;              // accept multipart/form-data, streamed to disk
  UploadLimits uploads;                // caps for multipart routes (body_limit is raised to total)
  bool run_inline = false;             // non-blocking handler: run on the IO thread, without the
                                       // server's `before` hook (no principal, no CSRF check)
  // At most this many requests of the route run at once on this node (0: no cap); beyond it the
  // request is refused at once with 429, so a flood of one costly route (e.g. sign-in, with its
  // password hashing and failure bookkeeping) cannot occupy every worker.
  int max_in_flight = 0;
  // A state-changing request must carry the session's CSRF token (checked before the handler by
  // the module that keeps sessions). false only for routes that change nothing a forged
  // cross-site request could abuse (the language cookie) or that authenticate by a key in the
  // request, never by the session cookie (machine APIs); the same-origin check still covers them.
  bool csrf = true;
  // A health probe that may block (e.g. /readyz pings the database): runs on the server's own
  // probe thread, never queued behind the workers and not counted by admission control (the
  // queue, the per-address cap), without the `before` hook; bound it with max_in_flight.
  bool probe = false;
  // A GET that may run for seconds (an export of a whole table): runs on the general workers,
  // not the few read workers (ServerConfig::read_workers) that serve pages.
  bool long_running = false;
};

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;
  Handler handler;
  RouteOptions options;
  mutable std::atomic<int> in_flight{0};
};

struct RouteMatch {
  enum class Kind { found, not_found, method_not_allowed };
  Kind kind = Kind::not_found;
  const Route* route = nullptr;
  std::map<std::string, std::string, std::less<>> params;  // percent-decoded
  std::vector<std::string> allow;                          // for method_not_allowed
};

class Router {
 public:
  // Throws std::invalid_argument on a malformed pattern or a duplicate (method, pattern).
  void add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});
  // `path` is the raw (percent-encoded) path. Throws Error(bad_request) on bad encoding, a
  // decoded segment of "." or "..", or a control character (C0 or DEL) in a decoded segment.
  RouteMatch match(std::string_view method, std::string_view path) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace tinhso::http
