#include "core/http/errors.h"

namespace tinhso::http {

namespace {
struct KindInfo {
  ErrorKind kind;
  int status;
  std::string_view name;
};
constexpr KindInfo kKinds[] = {
    {ErrorKind::bad_request, 400, "bad_request"},
    {ErrorKind::unauthenticated, 401, "unauthenticated"},
    {ErrorKind::forbidden, 403, "forbidden"},
    {ErrorKind::not_found, 404, "not_found"},
    {ErrorKind::method_not_allowed, 405, "method_not_allowed"},
    {ErrorKind::request_timeout, 408, "request_timeout"},
    {ErrorKind::conflict, 409, "conflict"},
    {ErrorKind::payload_too_large, 413, "payload_too_large"},
    {ErrorKind::unsupported_media_type, 415, "unsupported_media_type"},
    {ErrorKind::invalid_input, 422, "invalid_input"},
    {ErrorKind::too_many_requests, 429, "too_many_requests"},
    {ErrorKind::header_too_large, 431, "header_too_large"},
    {ErrorKind::internal, 500, "internal"},
    {ErrorKind::unavailable, 503, "unavailable"},
};
const KindInfo& info(ErrorKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k;
  return kKinds[12];  // internal
}
}  // namespace

int status_of(ErrorKind kind) { return info(kind).status; }
std::string_view name_of(ErrorKind kind) { return info(kind).name; }

}  // namespace tinhso::http
