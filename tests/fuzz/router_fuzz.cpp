// Fuzzes Router::match against a fixed route table, and Router::add with arbitrary patterns.
// Input: "METHOD\nPATH\nPATTERN". Only Error(bad_request) from match and std::invalid_argument
// from add may escape.
#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "check.h"
#include "core/http/router.h"

using namespace tinhso::http;

namespace {

Response ok(Request&) { return Response::text("ok"); }

const Router& table() {
  static const Router r = [] {
    Router t;
    for (auto [method, pattern] : std::initializer_list<std::pair<const char*, const char*>>{
             {"GET", "/"},
             {"GET", "/about"},
             {"POST", "/lang"},
             {"GET", "/static/{path...}"},
             {"GET", "/static/special.css"},
             {"GET", "/users/{id}"},
             {"GET", "/users/new"},
             {"DELETE", "/users/{id}"},
             {"PUT", "/users/{id}/roles/{role}"},
             {"GET", "/a/{x}/c"},
             {"GET", "/a/b/{y}"},
             {"GET", "/files/{name}"},
             {"GET", "/files/{rest...}"},
             {"POST", "/api/v1/requests/{id}/attachments"},
         })
      t.add(method, pattern, ok);
    return t;
  }();
  return r;
}

void check_match(const Router& router, std::string_view method, std::string_view path) {
  try {
    RouteMatch m = router.match(method, path);
    switch (m.kind) {
      case RouteMatch::Kind::found:
        FUZZ_CHECK(m.route != nullptr);
        FUZZ_CHECK(m.route->method == method || (method == "HEAD" && m.route->method == "GET"));
        for (const auto& [name, value] : m.params) {
          FUZZ_CHECK(!value.empty());
          FUZZ_CHECK(value != "." && value != "..");
          FUZZ_CHECK(value.find('\0') == std::string::npos);
        }
        break;
      case RouteMatch::Kind::method_not_allowed:
        FUZZ_CHECK(m.route == nullptr && !m.allow.empty());
        FUZZ_CHECK(std::is_sorted(m.allow.begin(), m.allow.end()));
        FUZZ_CHECK(std::adjacent_find(m.allow.begin(), m.allow.end()) == m.allow.end());
        FUZZ_CHECK(std::find(m.allow.begin(), m.allow.end(), method) == m.allow.end() || method == "HEAD");
        break;
      case RouteMatch::Kind::not_found:
        FUZZ_CHECK(m.route == nullptr && m.allow.empty() && m.params.empty());
        break;
    }
  } catch (const Error& e) {
    FUZZ_CHECK(e.kind() == ErrorKind::bad_request);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in = tinhso::fuzz::as_view(data, size);
  std::string_view method = tinhso::fuzz::take_line(in);
  std::string_view path = tinhso::fuzz::take_line(in);
  std::string_view pattern = in;
  check_match(table(), method, path);

  Router r;
  try {
    r.add(std::string(method.empty() ? "GET" : method), std::string(pattern), ok);
  } catch (const std::invalid_argument&) {
    return 0;
  }
  FUZZ_CHECK(r.routes().size() == 1);
  // A pattern is also a path: its literal text must route (or be refused as bad_request).
  check_match(r, method.empty() ? "GET" : method, pattern);
  check_match(r, method, path);
  return 0;
}
