#include <gtest/gtest.h>

#include <string>

#include "core/util/strings.h"

namespace tinhso {
namespace {

TEST(Utf8Prefix, CutsOnlyBetweenSequences) {
  const std::string a3 = "\xe1\xba\xa1";  // ạ: three bytes
  struct Case {
    std::string in;
    std::size_t max;
    std::string out;
  } cases[] = {
      {"", 5, ""},
      {"abc", 3, "abc"},
      {"abc", 2, "ab"},
      {a3 + a3, 6, a3 + a3},
      {a3 + a3, 5, a3},      // never half of the second ạ
      {a3 + a3, 3, a3},
      {a3 + a3, 2, ""},
      {"x" + a3, 3, "x"},
      {"\xff" "ab", 2, "\xff" "a"},  // an invalid byte is one unit
  };
  for (const auto& c : cases) {
    EXPECT_EQ(utf8_prefix(c.in, c.max), c.out) << c.max;
    EXPECT_LE(utf8_prefix(c.in, c.max).size(), c.max);
  }
  std::string long_email;
  for (int i = 0; i < 200; ++i) long_email += a3;
  EXPECT_TRUE(valid_utf8(utf8_prefix(long_email, 254)));
  EXPECT_EQ(utf8_prefix(long_email, 254).size(), 252u);
}

}  // namespace
}  // namespace tinhso
