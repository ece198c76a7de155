#pragma once
// Cookie header parsing (RFC 6265 §5.4) and Set-Cookie construction (§4.1). Pure; fuzzed by
// tests/fuzz/cookie_fuzz.cpp.
#include <map>
#include <string>
#include <string_view>

namespace tinhso::http {

// Parses "a=1; b=2". Malformed pairs are skipped, the first occurrence of a name wins, values
// wrapped in double quotes are unquoted. At most max_cookies names are kept.
std::map<std::string, std::string, std::less<>> parse_cookies(std::string_view header,
                                                              std::size_t max_cookies = 50);

struct SetCookie {
  std::string name;
  std::string value;  // must be a cookie-octet string; the caller encodes other text
  std::string path = "/";
  long long max_age = -1;  // -1: session cookie; 0: delete
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
  std::string str() const;
};

}  // namespace tinhso::http
