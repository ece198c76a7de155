#include "core/crypto/random.h"

#include <gtest/gtest.h>

#include <set>

namespace tinhso::crypto {
namespace {

TEST(RandomBase64url, LengthAndAlphabetPerByteCount) {
  struct Case {
    std::size_t bytes;
    std::size_t chars;
  };
  for (Case c : {Case{32, 43}, Case{18, 24}, Case{1, 2}, Case{0, 0}}) {
    std::string t = random_base64url(c.bytes);
    EXPECT_EQ(t.size(), c.chars) << c.bytes;
    EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos) << t;
  }
}

TEST(RandomBase64url, TokensDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(random_base64url(32));
  EXPECT_EQ(seen.size(), 1000U);
}

}  // namespace
}  // namespace tinhso::crypto
