#include "core/http/request.h"
#include "core/http/response.h"

namespace tinhso::http {

std::string_view Request::param(std::string_view name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string_view{} : std::string_view(it->second);
}

Response Response::html(std::string body, int status) {
  return text(std::move(body), "text/html; charset=utf-8", status);
}

Response Response::text(std::string body, std::string_view content_type, int status) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", content_type);
  r.body = std::move(body);
  return r;
}

Response Response::json(std::string body, int status) {
  return text(std::move(body), "application/json", status);
}

bool is_local_path(std::string_view target) {
  if (target.empty() || target.front() != '/') return false;
  if (target.size() > 1 && (target[1] == '/' || target[1] == '\\')) return false;
  for (char c : target)
    if (c == '\\' || static_cast<unsigned char>(c) < 0x20) return false;
  return true;
}

Response Response::redirect(std::string_view location) {
  Response r;
  r.status = 303;
  r.headers.set("Location", is_local_path(location) ? location : "/");
  return r;
}

}  // namespace tinhso::http
