// Fuzzes parse_cookies with an arbitrary Cookie header. It must never throw; what it keeps must be
// well-formed.
#include <cstdint>

#include "check.h"
#include "core/http/cookie.h"

namespace {
bool token_char(unsigned char c) {
  return c > 0x20 && c < 0x7f && std::string_view("()<>@,;:\\\"/[]?={}").find(static_cast<char>(c)) == std::string_view::npos;
}
bool cookie_octet(unsigned char c) { return c == 0x21 || (c >= 0x23 && c <= 0x7e && c != 0x2c && c != 0x3b && c != 0x5c); }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in = tinhso::fuzz::as_view(data, size);
  const std::size_t max = 1 + size % 8;
  auto jar = tinhso::http::parse_cookies(in, max);
  FUZZ_CHECK(jar.size() <= max);
  for (const auto& [name, value] : jar) {
    FUZZ_CHECK(!name.empty());
    for (char c : name) FUZZ_CHECK(token_char(static_cast<unsigned char>(c)));
    for (char c : value) FUZZ_CHECK(cookie_octet(static_cast<unsigned char>(c)));
    FUZZ_CHECK(in.find(name) != std::string_view::npos);
  }
  // With the default cap, a well-formed jar round-trips through "name=value; ...".
  auto all = tinhso::http::parse_cookies(in);
  std::string again;
  for (const auto& [name, value] : all) again += name + "=" + value + "; ";
  FUZZ_CHECK(tinhso::http::parse_cookies(again) == all);
  return 0;
}
