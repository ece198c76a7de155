#include "core/text/resources.h"
#include "core/http/form.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>

#include <nlohmann/json.hpp>

#include "core/http/errors.h"

namespace tinhso::http {
namespace {

template <class F>
ErrorKind error_kind(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::internal;  // "no Error thrown"
}

TEST(ValidUtf8, Table) {
  struct Case {
    std::string_view bytes;
    bool valid;
  };
  using namespace std::string_view_literals;
  const Case cases[] = {
      {""sv, true},
      {"plain ascii"sv, true},
      {"a\0b"sv, true},
      {"Đường Trần Phú"sv, true},
      {"ạ ẩ ễ ổ ự"sv, true},
      {"\xF0\x9F\x99\x82"sv, true},  // U+1F642
      {"\xEF\xBF\xBF"sv, true},      // U+FFFF
      {"\xF4\x8F\xBF\xBF"sv, true},  // U+10FFFF, the last code point
      {"\x80"sv, false},             // lone continuation byte
      {"\xC3"sv, false},             // truncated 2-byte
      {"\xE1\xBB"sv, false},         // truncated 3-byte
      {"\xF0\x9F\x99"sv, false},     // truncated 4-byte
      {"\xC3\x28"sv, false},         // bad continuation
      {"\xC0\xAF"sv, false},         // overlong '/'
      {"\xC1\xBF"sv, false},         // overlong
      {"\xE0\x80\xAF"sv, false},     // overlong '/'
      {"\xE0\x9F\xBF"sv, false},     // overlong U+07FF
      {"\xF0\x80\x80\xAF"sv, false}, // overlong '/'
      {"\xF0\x8F\xBF\xBF"sv, false}, // overlong U+FFFF
      {"\xED\xA0\x80"sv, false},     // surrogate U+D800
      {"\xED\xBF\xBF"sv, false},     // surrogate U+DFFF
      {"\xF4\x90\x80\x80"sv, false}, // U+110000
      {"\xF5\x80\x80\x80"sv, false},
      {"\xF8\x88\x80\x80\x80"sv, false},  // 5-byte form
      {"\xFE"sv, false},
      {"\xFF"sv, false},
      {"ok\xC3"sv, false},
  };
  for (const auto& c : cases) EXPECT_EQ(valid_utf8(c.bytes), c.valid) << testing::PrintToString(std::string(c.bytes));
}

TEST(PercentDecode, Table) {
  struct Case {
    std::string_view in;
    bool plus_as_space;
    std::string_view out;
  };
  using namespace std::string_view_literals;
  const Case cases[] = {
      {"", true, ""},
      {"abc", true, "abc"},
      {"a+b", true, "a b"},
      {"a+b", false, "a+b"},
      {"a%2Bb", true, "a+b"},
      {"%41%42", false, "AB"},
      {"%e1%BA%A1", false, "ạ"},
      {"%C4%90%C6%B0%E1%BB%9Dng", false, "Đường"},
      {"Đường", false, "Đường"},  // raw UTF-8 passes through
      {"%00", false, "\0"sv},
      {"%25", false, "%"},
      {"%2525", false, "%25"},    // decoded once only
  };
  for (const auto& c : cases) EXPECT_EQ(percent_decode(c.in, c.plus_as_space), c.out) << c.in;
}

TEST(PercentDecode, MalformedIsBadRequest) {
  const char* inputs[] = {
      "%", "%4", "abc%", "abc%a", "%G1", "%1G", "%%41", "% 41", "%+1",
      "%C0%AF",          // overlong '/'
      "%E0%80%AF",       // overlong '/'
      "%FF",             // never valid in UTF-8
      "%C3",             // truncated sequence
      "%ED%A0%80",       // surrogate
      "%F4%90%80%80",    // past U+10FFFF
      "a\xFF",           // raw invalid byte
  };
  for (const char* in : inputs)
    EXPECT_EQ(error_kind([&] { percent_decode(in, true); }), ErrorKind::bad_request) << in;
}

TEST(PercentEncode, RoundTrip) {
  EXPECT_EQ(percent_encode("Đ a/b~-._"), "%C4%90%20a%2Fb~-._");
  EXPECT_EQ(percent_encode(""), "");
  for (std::string_view s : {"Nguyễn Thị Thúy Lan", "a&b=c+d%e", "?#[]@!$'()*,;"})
    EXPECT_EQ(percent_decode(percent_encode(s), false), s);
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST(ParseUrlencoded, Table) {
  struct Case {
    std::string_view body;
    Pairs want;
  };
  const Case cases[] = {
      {"", {}},
      {"a=1&b=x+y", {{"a", "1"}, {"b", "x y"}}},
      {"a=1&a=2", {{"a", "1"}, {"a", "2"}}},
      {"&&a=1&&", {{"a", "1"}}},
      {"flag", {{"flag", ""}}},
      {"flag&x=", {{"flag", ""}, {"x", ""}}},
      {"=v", {{"", "v"}}},
      {"a==b", {{"a", "=b"}}},
      {"k%3Dx=v%26w", {{"k=x", "v&w"}}},
      {"ten=Tr%E1%BA%A7n+Ph%C3%BA", {{"ten", "Trần Phú"}}},
      {"q=chuy%E1%BB%83n%20%C4%91%E1%BB%95i%20s%E1%BB%91", {{"q", "chuyển đổi số"}}},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_urlencoded(c.body).items(), c.want) << c.body;
}

TEST(ParseUrlencoded, Lookup) {
  FormData f = parse_urlencoded("a=1&b=2&a=3");
  EXPECT_EQ(f.get("b"), "2");
  EXPECT_EQ(f.get("c"), std::nullopt);
  EXPECT_EQ(f.get_or("c", "none"), "none");
  EXPECT_EQ(f.all("a"), (std::vector<std::string_view>{"1", "3"}));
  EXPECT_TRUE(parse_urlencoded("&&").empty());
}

// Issue 12 §1: the handler read the first (blank) api_key, the validator the non-blank one.
// get() now has one answer whichever copy a reader would have picked.
TEST(FormDataGet, BlankIsAbsentAndDifferentCopiesAreRefused) {
  struct Case {
    std::string_view body;
    std::optional<std::string_view> want;  // nullopt: absent
  };
  const Case cases[] = {
      {"k=", std::nullopt},
      {"k", std::nullopt},
      {"k=+%20", std::nullopt},
      {"k=&k=", std::nullopt},
      {"k=&k=x", "x"},
      {"k=x&k=", "x"},
      {"k=+&k=x&k=++", "x"},
      {"k=x&k=x", "x"},
      {"k=+x", " x"},  // the value as sent: trimming is the reader's
      {"other=x", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_urlencoded(c.body).get("k"), c.want) << c.body;
  for (std::string_view body : {"k=x&k=y", "k=&k=x&k=y", "k=x&k=+x", "k=x&k=X"}) {
    FormData f = parse_urlencoded(body);
    EXPECT_EQ(error_kind([&] { f.get("k"); }), ErrorKind::bad_request) << body;
    EXPECT_EQ(error_kind([&] { f.get_or("k", ""); }), ErrorKind::bad_request) << body;
    EXPECT_EQ(f.all("k").size(), static_cast<std::size_t>(std::count(body.begin(), body.end(), '&') + 1)) << body;
  }
  try {
    parse_urlencoded("k=1&k=2").get("k");
  } catch (const Error& e) {
    EXPECT_EQ(e.message_id(), "error.bad_request.repeated_field");
  }
  EXPECT_TRUE(parse_urlencoded("k=").has("k"));
  EXPECT_TRUE(parse_urlencoded("k").has("k"));
  EXPECT_FALSE(parse_urlencoded("kk=1").has("k"));
}

// Issue 12 §8: C0 controls and DEL are refused in every field; TAB, LF and CR only in
// multi-line fields.
TEST(CheckFieldText, Table) {
  using namespace std::string_view_literals;
  struct Case {
    std::string_view name, value;
    bool ok;
  };
  const Case cases[] = {
      {"full_name", "Nguyễn Thị Lan", true},
      {"full_name", "", true},
      {"full_name", "a\0b"sv, false},
      {"full_name", "\x01"sv, false},
      {"full_name", "a\x1F" "b"sv, false},
      {"full_name", "a\x7F"sv, false},
      {"full_name", "a\tb", false},
      {"full_name", "a\nb", false},
      {"full_name", "a\rb", false},
      {"full_name", "\xC2\x80", true},  // U+0080 is not C0
      {"note", "line one\r\nline two\tend", true},
      {"note", "a\x0B" "b", false},
      {"note", "a\0b"sv, false},
      {"note", "a\x7F" "b", false},
      {"details", "a\nb", true},
      {"description", "a\nb", true},
      {"a\nb", "", false},
      {"note\t", "x", false},
      {"x\x7F", "x", false},
  };
  for (const auto& c : cases) {
    auto kind = error_kind([&] { check_field_text(c.name, c.value); });
    EXPECT_EQ(kind, c.ok ? ErrorKind::internal : ErrorKind::bad_request)
        << testing::PrintToString(std::string(c.name)) << " " << testing::PrintToString(std::string(c.value));
  }
  EXPECT_EQ(error_kind([] { parse_urlencoded("full_name=a%00b"); }), ErrorKind::bad_request);
  EXPECT_EQ(error_kind([] { parse_urlencoded("full_name=a%0Ab"); }), ErrorKind::bad_request);
  EXPECT_EQ(error_kind([] { parse_urlencoded("a%01=b"); }), ErrorKind::bad_request);
  EXPECT_EQ(parse_urlencoded("note=a%0D%0Ab%09c").get("note"), "a\r\nb\tc");
  try {
    parse_urlencoded("x=%01");
  } catch (const Error& e) {
    EXPECT_EQ(e.message_id(), "error.bad_request.control_character");
  }
}

// Every <textarea> of the templates (templates/, src/modules/*/templates/) is a multi-line field,
// so no form loses its line breaks.
TEST(MultilineField, CoversEveryTextarea) {
  const std::regex textarea(R"re(<textarea[^>]*\bname="([^"]+)")re");
  int seen = 0;
  for (const auto& dir : text::resource_dirs(TINHSO_SOURCE_DIR, "templates"))
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (std::sregex_iterator it(text.begin(), text.end(), textarea), end; it != end; ++it, ++seen)
      // A numbered row ("text_{{n}}") is checked as its first row.
      EXPECT_TRUE(multiline_field(std::regex_replace((*it)[1].str(), std::regex(R"(\{\{[^}]*\}\})"), "0")))
          << entry.path().filename() << ": " << (*it)[1].str();
  }
  EXPECT_GT(seen, 10);
  EXPECT_FALSE(multiline_field("full_name"));
  EXPECT_FALSE(multiline_field(""));
  EXPECT_TRUE(multiline_field("text_12"));
  EXPECT_FALSE(multiline_field("text_"));
  EXPECT_FALSE(multiline_field("text_1a"));
  EXPECT_FALSE(multiline_field("full_name_1"));
  EXPECT_FALSE(multiline_field("text_12345"));
}

TEST(ParseJsonBody, ChecksEveryString) {
  EXPECT_EQ(parse_json_body(R"({"a": "x", "b": [1, "y"], "details": "l1\nl2"})")["a"], "x");
  EXPECT_TRUE(parse_json_body("[]").is_array());
  for (std::string_view body : {
           R"({"applicant_name": "a\u0000b"})", R"({"applicant_name": "a\u0001"})", R"({"applicant_name": "a\nb"})",
           R"({"x": ["ok", "a\u007fb"]})", R"({"x": {"y": "\t"}})", R"({"a\u0002": 1})", R"({"details": "a\u0007"})",
           R"("\u0000")", "not json", "", R"({"a": "\xff"})", "{\"a\": \"\xff\"}"}) {
    EXPECT_EQ(error_kind([&] { parse_json_body(body); }), ErrorKind::bad_request) << body;
  }
  std::string deep(65, '['), shallow(64, '[');
  deep += std::string(65, ']');
  shallow += std::string(64, ']');
  EXPECT_EQ(error_kind([&] { parse_json_body(deep); }), ErrorKind::bad_request);
  EXPECT_NO_THROW(parse_json_body(shallow));
  EXPECT_NO_THROW(parse_json_body(R"({"s": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})"));
}

TEST(ParseUrlencoded, Errors) {
  EXPECT_EQ(error_kind([] { parse_urlencoded("a=%zz"); }), ErrorKind::bad_request);
  EXPECT_EQ(error_kind([] { parse_urlencoded("a%=1"); }), ErrorKind::bad_request);
  EXPECT_EQ(error_kind([] { parse_urlencoded("a=%C0%80"); }), ErrorKind::bad_request);
  EXPECT_EQ(error_kind([] { parse_urlencoded("a&b&c", 2); }), ErrorKind::payload_too_large);
  EXPECT_NO_THROW(parse_urlencoded("a&b&c", 3));
  EXPECT_NO_THROW(parse_urlencoded("a&&&&b", 2));  // empty pairs do not count
  std::string many;
  for (int i = 0; i < 1001; ++i) many += "x=1&";
  EXPECT_EQ(error_kind([&] { parse_urlencoded(many); }), ErrorKind::payload_too_large);
}

}  // namespace
}  // namespace tinhso::http
