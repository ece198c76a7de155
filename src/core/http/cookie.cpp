#include "core/http/cookie.h"

#include "core/util/strings.h"

namespace tinhso::http {

namespace {
bool token_char(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7f) return false;
  switch (c) {
    case '(': case ')': case '<': case '>': case '@': case ',': case ';': case ':': case '\\':
    case '"': case '/': case '[': case ']': case '?': case '=': case '{': case '}':
      return false;
    default:
      return true;
  }
}
bool cookie_octet(char c) {
  auto u = static_cast<unsigned char>(c);
  return u == 0x21 || (u >= 0x23 && u <= 0x2B) || (u >= 0x2D && u <= 0x3A) ||
         (u >= 0x3C && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
}
}  // namespace

std::map<std::string, std::string, std::less<>> parse_cookies(std::string_view header,
                                                              std::size_t max_cookies) {
  std::map<std::string, std::string, std::less<>> out;
  for (std::string_view part : split(header, ';')) {
    part = trim(part);
    std::size_t eq = part.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    std::string_view name = trim(part.substr(0, eq));
    std::string_view value = trim(part.substr(eq + 1));
    if (name.empty()) continue;
    bool ok = true;
    for (char c : name) ok = ok && token_char(c);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    for (char c : value) ok = ok && cookie_octet(c);
    if (!ok) continue;
    if (out.size() >= max_cookies) break;
    out.emplace(std::string(name), std::string(value));
  }
  return out;
}

std::string SetCookie::str() const {
  std::string s = name + "=" + value;
  if (!path.empty()) s += "; Path=" + path;
  if (max_age >= 0) s += "; Max-Age=" + std::to_string(max_age);
  if (http_only) s += "; HttpOnly";
  if (secure) s += "; Secure";
  if (!same_site.empty()) s += "; SameSite=" + same_site;
  return s;
}

}  // namespace tinhso::http
