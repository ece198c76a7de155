#include "core/web/origin.h"

#include "core/http/errors.h"
#include "core/util/strings.h"

namespace tinhso::web {

namespace {
bool unsafe(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}
// "https://host:port/path" -> "host:port" (lower-case); "" if not an http(s) URL.
std::string authority_of(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view s = url.substr(0, scheme);
  if (!iequals(s, "http") && !iequals(s, "https")) return {};
  std::string_view rest = url.substr(scheme + 3);
  return to_lower_ascii(rest.substr(0, rest.find('/')));
}
}  // namespace

void check_same_origin(const http::Request& req) {
  if (!unsafe(req.method)) return;
  std::string host = to_lower_ascii(trim(req.headers.get_or("Host", "")));
  std::string_view source;
  if (auto o = req.headers.get("Origin")) {
    source = *o;
  } else if (auto r = req.headers.get("Referer")) {
    source = *r;
  } else {
    return;
  }
  if (host.empty() || authority_of(source) != host)
    throw http::Error(http::ErrorKind::forbidden, "cross-site request from " + std::string(source),
                      "error.forbidden.cross_site");
}

}  // namespace tinhso::web
