#include "core/http/router.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/http/errors.h"
#include "core/http/form.h"
#include "core/util/strings.h"

namespace tinhso::http {

namespace {

bool is_param(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }
bool is_rest(std::string_view seg) { return is_param(seg) && seg.ends_with("...}"); }
std::string param_name(std::string_view seg) {
  seg = seg.substr(1, seg.size() - 2);
  if (seg.ends_with("...")) seg.remove_suffix(3);
  return std::string(seg);
}

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  if (path.size() <= 1) return out;  // "/" has no segments
  for (auto s : split(path.substr(1), '/')) out.emplace_back(s);
  return out;
}

// Segment precedence: a literal beats {name}, which beats {rest...}; the leftmost difference decides.
int rank(std::string_view seg) { return !is_param(seg) ? 0 : (is_rest(seg) ? 2 : 1); }
bool more_specific(const Route& a, const Route& b) {
  return std::lexicographical_compare(a.segments.begin(), a.segments.end(), b.segments.begin(), b.segments.end(),
                                      [](const std::string& x, const std::string& y) { return rank(x) < rank(y); });
}

bool match_route(const Route& r, const std::vector<std::string>& segs,
                 std::map<std::string, std::string, std::less<>>& params) {
  std::size_t n = r.segments.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::string& pat = r.segments[i];
    if (is_rest(pat)) {
      if (i >= segs.size()) return false;
      std::string rest;
      for (std::size_t k = i; k < segs.size(); ++k) {
        if (segs[k].empty()) return false;
        if (k > i) rest += '/';
        rest += segs[k];
      }
      params[param_name(pat)] = rest;
      return true;
    }
    if (i >= segs.size()) return false;
    if (is_param(pat)) {
      if (segs[i].empty()) return false;
      params[param_name(pat)] = segs[i];
    } else if (pat != segs[i]) {
      return false;
    }
  }
  return n == segs.size();
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  if (pattern.empty() || pattern.front() != '/') throw std::invalid_argument("route must start with /: " + pattern);
  auto route = std::make_unique<Route>();
  route->segments = split_path(pattern);
  std::set<std::string> names;
  for (std::size_t i = 0; i < route->segments.size(); ++i) {
    const auto& s = route->segments[i];
    if (s.empty()) throw std::invalid_argument("empty segment in route: " + pattern);
    if ((s.find('{') != std::string::npos || s.find('}') != std::string::npos) && !is_param(s))
      throw std::invalid_argument("bad parameter in route: " + pattern);
    if (is_rest(s) && i + 1 != route->segments.size())
      throw std::invalid_argument("{rest...} must be last: " + pattern);
    if (is_param(s)) {
      std::string name = param_name(s);
      if (name.empty() || name.find_first_of("{}") != std::string::npos || !names.insert(name).second)
        throw std::invalid_argument("bad or repeated parameter name in route: " + pattern);
    }
  }
  for (const auto& r : routes_)
    if (r->method == method && r->pattern == pattern) throw std::invalid_argument("duplicate route: " + pattern);
  if (options.multipart) options.body_limit = std::max<std::size_t>(options.body_limit, options.uploads.max_total_bytes + 65536);
  route->method = std::move(method);
  route->pattern = std::move(pattern);
  route->handler = std::move(handler);
  route->options = options;
  routes_.push_back(std::move(route));
  std::stable_sort(routes_.begin(), routes_.end(),
                   [](const auto& a, const auto& b) { return more_specific(*a, *b); });
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch m;
  if (path.empty() || path.front() != '/') throw Error(ErrorKind::bad_request, "path must start with /");
  std::vector<std::string> segs = split_path(path);
  for (auto& s : segs) {
    s = percent_decode(s, false);
    if (s == "." || s == ".." || std::any_of(s.begin(), s.end(), [](char c) {
          return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
        }))
      throw Error(ErrorKind::bad_request, "dot segment or control character in path");
  }
  std::string_view want = method == "HEAD" ? std::string_view("GET") : method;
  for (const auto& r : routes_) {
    std::map<std::string, std::string, std::less<>> params;
    if (!match_route(*r, segs, params)) continue;
    if (r->method == want) {
      m.kind = RouteMatch::Kind::found;
      m.route = r.get();
      m.params = std::move(params);
      return m;
    }
    if (std::find(m.allow.begin(), m.allow.end(), r->method) == m.allow.end()) {
      m.allow.push_back(r->method);
      if (r->method == "GET") m.allow.emplace_back("HEAD");
    }
  }
  if (!m.allow.empty()) {
    m.kind = RouteMatch::Kind::method_not_allowed;
    std::sort(m.allow.begin(), m.allow.end());
    m.allow.erase(std::unique(m.allow.begin(), m.allow.end()), m.allow.end());  // HEAD from GET and HEAD
  }
  return m;
}

}  // namespace tinhso::http
