// Password policy (issue 3 §3; ASVS 5.0 §6.2): 12–128 code points of any Unicode, the shipped
// common-password list, no composition rules; argon2id hashes; tokens.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "modules/identity/password.h"

using namespace tinhso::identity;

TEST(IdentityPasswordPolicy, TableOfPasswords) {
  struct Case {
    std::string password;
    PasswordProblem want;
  } cases[] = {
      {"", PasswordProblem::too_short},
      {"elevenchars", PasswordProblem::too_short},                 // 11
      {"twelve chars", PasswordProblem::none},                     // 12, spaces allowed
      {"alllowercaseletters", PasswordProblem::none},              // no composition rules
      {"đường đến trường", PasswordProblem::none},                 // Vietnamese, 16 code points
      {"mật khẩu dài", PasswordProblem::none},                     // 12 code points, more bytes
      {"mật khẩu dà", PasswordProblem::too_short},                 // 11 code points, 16 bytes
      {"🔐🔐🔐🔐🔐🔐🔐🔐🔐🔐🔐🔐", PasswordProblem::none},             // 12 emoji (48 bytes)
      {std::string(128, 'x'), PasswordProblem::none},
      {std::string(129, 'x'), PasswordProblem::too_long},
      {"matkhau123456", PasswordProblem::common},
      {"123456789abc", PasswordProblem::common},
      {"PASSWORD1234", PasswordProblem::common},                   // case-insensitive
      {"qwertyuiop123", PasswordProblem::common},
      {"iloveyou123456", PasswordProblem::common},
      {std::string("\xff\xfe twelve bytes"), PasswordProblem::not_utf8},
  };
  for (const auto& c : cases) EXPECT_EQ(check_password(c.password), c.want) << c.password;
}

TEST(IdentityPasswordPolicy, LengthCountsNfcCodePoints) {
  // "ệ" decomposed (e + U+0323 + U+0302) is one code point after NFC.
  std::string decomposed = "Vie\xcc\xa3\xcc\x82t Nam 2025";  // "Việt Nam 2025" = 13 code points in NFC
  EXPECT_EQ(code_points(nfc(decomposed)), 13u);
  EXPECT_EQ(nfc(decomposed), "Việt Nam 2025");
}

TEST(IdentityPasswordHash, Argon2idRoundTrip) {
  std::string h = hash_password("correct horse battery");
  EXPECT_TRUE(h.starts_with("$argon2id$"));
  EXPECT_TRUE(verify_password(h, "correct horse battery"));
  EXPECT_FALSE(verify_password(h, "correct horse batterY"));
  EXPECT_FALSE(verify_password("", "anything at all"));
  EXPECT_FALSE(verify_password("not a hash", "anything at all"));
  // The same password in NFD matches its NFC hash.
  std::string nfc_hash = hash_password("Việt Nam muôn năm");
  EXPECT_TRUE(verify_password(nfc_hash, "Vie\xcc\xa3\xcc\x82t Nam muôn năm"));
}

TEST(IdentityTokens, RandomAndHashed) {
  std::string a = random_token(), b = random_token();
  EXPECT_EQ(a.size(), 43u);  // 256 bits, base64url without padding
  EXPECT_NE(a, b);
  EXPECT_EQ(token_hash(a).size(), 64u);
  EXPECT_EQ(token_hash(a), token_hash(a));
  EXPECT_NE(token_hash(a), token_hash(b));
  EXPECT_TRUE(same_secret(a, a));
  EXPECT_FALSE(same_secret(a, b));
  EXPECT_FALSE(same_secret("", ""));
  EXPECT_FALSE(same_secret(a, a.substr(1)));
}

// Issue 12 §3: one shared cap of requests that may hash at once; the others are refused, not queued.
TEST(IdentityHashAdmission, AtMostTheCapThenRefusedUntilOneLeaves) {
  std::vector<std::unique_ptr<HashAdmission>> held;
  for (int i = 0; i < kHashAdmissions; ++i) {
    held.push_back(std::make_unique<HashAdmission>());
    EXPECT_TRUE(held.back()->admitted()) << i;
  }
  {
    HashAdmission extra;
    EXPECT_FALSE(extra.admitted());
  }
  HashAdmission still_full;
  EXPECT_FALSE(still_full.admitted()) << "a refused admission frees nothing";
  held.pop_back();
  HashAdmission after;
  EXPECT_TRUE(after.admitted());
}

TEST(IdentityHashAdmission, EveryHashAndVerificationIsCounted) {
  auto before = hash_count();
  std::string h = hash_password("correct horse battery staple");
  EXPECT_EQ(hash_count(), before + 1);
  verify_password(h, "wrong horse battery staple");
  EXPECT_EQ(hash_count(), before + 2);
  (void)is_common_password("password123456");
  (void)token_hash("not a password");
  EXPECT_EQ(hash_count(), before + 2) << "no argon2id work besides";
}
