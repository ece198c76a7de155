#pragma once
// The small, closed set of error kinds a handler may raise. Each kind maps centrally to one HTTP
// status and one message id in the catalogs (locales/*.json: "error.<kind>.title/.detail").
// What the client sees comes only from the catalog; `log_detail` goes to the log, never out.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso::http {

enum class ErrorKind {
  bad_request,             // 400: malformed syntax, bad encoding
  unauthenticated,         // 401
  forbidden,               // 403
  not_found,               // 404
  method_not_allowed,      // 405, with Allow
  request_timeout,         // 408
  conflict,                // 409
  payload_too_large,       // 413
  unsupported_media_type,  // 415
  invalid_input,           // 422: well-formed but fails validation
  too_many_requests,       // 429
  header_too_large,        // 431
  internal,                // 500: detail logged with the request id only
  unavailable,             // 503
};

int status_of(ErrorKind kind);
// Stable identifier used in message ids and problem+json `type`: "not_found", ...
std::string_view name_of(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  // message_id: an optional catalog id more specific than the kind's default detail.
  explicit Error(ErrorKind kind, std::string log_detail = {}, std::string message_id = {})
      : std::runtime_error(log_detail), kind_(kind), message_id_(std::move(message_id)) {}
  ErrorKind kind() const { return kind_; }
  const std::string& message_id() const { return message_id_; }
  std::vector<std::string> allow;  // for method_not_allowed

 private:
  ErrorKind kind_;
  std::string message_id_;
};

}  // namespace tinhso::http
