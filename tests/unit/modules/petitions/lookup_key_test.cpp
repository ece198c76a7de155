// The follow-up key of a petition sent without an account (src/modules/petitions/lookup_key.h;
// issue 14 §6): its shape, how a typed key is read, and that only a hash bound to the code
// matches.
#include "modules/petitions/lookup_key.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace tinhso::petitions {
namespace {

TEST(PetitionLookupKey, NewKeysAreGroupedCrockfordAndDiffer) {
  const std::regex shape("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string k = new_lookup_key();
    EXPECT_TRUE(std::regex_match(k, shape)) << k;
    seen.insert(k);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(PetitionLookupKey, TypedKeysAreNormalised) {
  EXPECT_EQ(normalize_lookup_key("7K2M-9QXD-4HTB-W8RC"), "7K2M9QXD4HTBW8RC");
  EXPECT_EQ(normalize_lookup_key(" 7k2m 9qxd-4htb w8rc "), "7K2M9QXD4HTBW8RC");
  EXPECT_EQ(normalize_lookup_key("OOOO-IIII-LLLL-0000"), "0000111111110000");  // Crockford's readings
  EXPECT_EQ(normalize_lookup_key("7K2M-9QXD-4HTB-W8R"), "");                   // 15 characters
  EXPECT_EQ(normalize_lookup_key("7K2M-9QXD-4HTB-W8RCX"), "");                 // 17
  EXPECT_EQ(normalize_lookup_key("7K2M-9QXD-4HTB-W8RU"), "");                  // U is not in the alphabet
  EXPECT_EQ(normalize_lookup_key("7K2M-9QXD-4HTB-W8R\xC3\x89"), "");           // nor is É
  EXPECT_EQ(normalize_lookup_key(std::string(100, 'A')), "");
  EXPECT_EQ(normalize_lookup_key(""), "");
}

TEST(PetitionLookupKey, OnlyTheKeyOfThatCodeMatches) {
  const std::string key = new_lookup_key(), other = new_lookup_key();
  const std::string stored = lookup_key_hash("PA-261127-000016", key);
  ASSERT_EQ(stored.size(), 64u);
  EXPECT_EQ(stored.find(key), std::string::npos);
  EXPECT_TRUE(lookup_key_matches(stored, "PA-261127-000016", key));
  std::string typed = key;
  for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_TRUE(lookup_key_matches(stored, "PA-261127-000016", typed));
  EXPECT_FALSE(lookup_key_matches(stored, "PA-261127-000016", other));
  EXPECT_FALSE(lookup_key_matches(stored, "PA-261127-000017", key)) << "bound to the code";
  EXPECT_FALSE(lookup_key_matches("", "PA-261127-000016", key)) << "a petition without a key";
  EXPECT_FALSE(lookup_key_matches(stored, "PA-261127-000016", "")) << "no key typed";
  EXPECT_FALSE(lookup_key_matches(stored.substr(0, 63), "PA-261127-000016", key));
}

}  // namespace
}  // namespace tinhso::petitions
