#pragma once
// The response a handler returns. The server adds security headers, X-Request-Id and, for HEAD,
// drops the body while keeping Content-Length.
#include <memory>
#include <string>
#include <string_view>

#include "core/http/cookie.h"
#include "core/http/headers.h"

namespace tinhso::http {

struct Response {
  int status = 200;
  Headers headers;
  std::string body;
  // A body shared with a cache, written out without a copy; when set, `body` is ignored.
  std::shared_ptr<const std::string> shared_body;
  std::size_t body_size() const { return shared_body ? shared_body->size() : body.size(); }

  static Response html(std::string body, int status = 200);
  static Response text(std::string body, std::string_view content_type = "text/plain; charset=utf-8",
                       int status = 200);
  static Response json(std::string body, int status = 200);
  // 303 See Other to a same-site path (anything not starting with a single '/' becomes "/").
  static Response redirect(std::string_view location);
  void set_cookie(const SetCookie& cookie) { headers.add("Set-Cookie", cookie.str()); }
};

// True if `target` is a local path safe to redirect to (no scheme, no "//" authority, no '\').
bool is_local_path(std::string_view target);

}  // namespace tinhso::http
