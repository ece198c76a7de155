#include "core/http/cookie.h"

#include <gtest/gtest.h>

namespace tinhso::http {
namespace {

using Jar = std::map<std::string, std::string, std::less<>>;

TEST(ParseCookies, Table) {
  struct Case {
    std::string_view header;
    Jar want;
  };
  const Case cases[] = {
      {"", {}},
      {"a=1", {{"a", "1"}}},
      {"a=1; b=2", {{"a", "1"}, {"b", "2"}}},
      {"a=1;b=2", {{"a", "1"}, {"b", "2"}}},
      {"  a = 1 ;  b=2  ", {{"a", "1"}, {"b", "2"}}},
      {"a=\"quoted\"", {{"a", "quoted"}}},
      {"a=\"\"", {{"a", ""}}},
      {"a=", {{"a", ""}}},
      {"a=b=c", {{"a", "b=c"}}},             // base64 padding survives
      {"a=1; a=2", {{"a", "1"}}},            // first occurrence wins
      {"novalue; b=2", {{"b", "2"}}},        // no '='
      {"=x; b=2", {{"b", "2"}}},             // empty name
      {"a b=1; c=3", {{"c", "3"}}},          // space in name
      {"a(=1; c=3", {{"c", "3"}}},           // separator in name
      {"a=x y; c=3", {{"c", "3"}}},          // space in value
      {"a=\"x y\"; c=3", {{"c", "3"}}},      // quoting does not allow spaces
      {"a=1,2; c=3", {{"c", "3"}}},          // comma in value
      {"a=\"; c=3", {{"c", "3"}}},           // lone quote
      {"a=\\x; c=3", {{"c", "3"}}},          // backslash
      {"a=Đ; c=3", {{"c", "3"}}},            // non-ASCII value
      {"Đ=1; c=3", {{"c", "3"}}},            // non-ASCII name
      {"a=x;;;b=y", {{"a", "x"}, {"b", "y"}}},
      {";;;", {}},
      {"lang=en; sid=AbC-123_x.y", {{"lang", "en"}, {"sid", "AbC-123_x.y"}}},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_cookies(c.header), c.want) << c.header;
}

TEST(ParseCookies, MaxCount) {
  EXPECT_EQ(parse_cookies("a=1; b=2; c=3", 2), (Jar{{"a", "1"}, {"b", "2"}}));
  EXPECT_EQ(parse_cookies("a=1; bad; b=2; c=3", 2), (Jar{{"a", "1"}, {"b", "2"}}));
  EXPECT_TRUE(parse_cookies("a=1", 0).empty());
  std::string many;
  for (int i = 0; i < 100; ++i) many += "c" + std::to_string(i) + "=v; ";
  EXPECT_EQ(parse_cookies(many).size(), 50u);
}

TEST(SetCookieStr, Table) {
  SetCookie session{"sid", "abc"};
  EXPECT_EQ(session.str(), "sid=abc; Path=/; HttpOnly; SameSite=Lax");

  SetCookie del{"sid", ""};
  del.max_age = 0;
  del.secure = true;
  del.same_site = "Strict";
  EXPECT_EQ(del.str(), "sid=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict");

  SetCookie lang{"lang", "en"};
  lang.path = "";
  lang.max_age = 31536000;
  lang.http_only = false;
  lang.same_site = "";
  EXPECT_EQ(lang.str(), "lang=en; Max-Age=31536000");
}

TEST(SetCookieStr, RoundTripsThroughParse) {
  SetCookie c{"token", "x.Y-z_0=="};
  std::string s = c.str();
  EXPECT_EQ(parse_cookies(s.substr(0, s.find(';'))), (Jar{{"token", "x.Y-z_0=="}}));
}

}  // namespace
}  // namespace tinhso::http
