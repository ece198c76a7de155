#include "core/web/fields.h"

#include "core/http/errors.h"
#include "core/util/strings.h"

namespace tinhso::web {

namespace {

// 18 digits always fit in std::int64_t (max 9 223 372 036 854 775 807, 19 digits).
constexpr std::size_t kMaxIdDigits = 18;

[[noreturn]] void bad_id(std::string_view text) {
  throw http::Error(http::ErrorKind::bad_request, "not an id: " + std::string(text.substr(0, 40)),
                    "error.bad_request.id");
}

}  // namespace

std::string field(const http::Request& req, std::string_view name) {
  return std::string(trim(req.form.get(name).value_or("")));
}

std::string raw_field(const http::Request& req, std::string_view name) {
  return std::string(req.form.get(name).value_or(""));
}

std::string query(const http::Request& req, std::string_view name) {
  return std::string(trim(req.query_params.get(name).value_or("")));
}

std::optional<std::int64_t> parse_id(std::string_view text) {
  if (text.empty() || text.size() > kMaxIdDigits) return std::nullopt;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (v < 1) return std::nullopt;
  return v;
}

std::int64_t path_id(const http::Request& req, std::string_view name) {
  std::string_view text = req.param(name);
  auto id = parse_id(text);
  if (!id) bad_id(text);
  return *id;
}

std::optional<std::int64_t> optional_id(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  auto id = parse_id(text);
  if (!id) bad_id(text);
  return id;
}

std::optional<std::int64_t> field_id(const http::Request& req, std::string_view name) {
  return optional_id(req.form.get(name).value_or(""));
}

std::optional<std::int64_t> query_id(const http::Request& req, std::string_view name) {
  return optional_id(req.query_params.get(name).value_or(""));
}

std::string upload_or_field(const fs::Files& files, const http::Request& req, std::string_view name) {
  if (!req.files.empty()) return files.read(req.files[0].path);
  return std::string(req.form.get_or(name, ""));
}

}  // namespace tinhso::web
