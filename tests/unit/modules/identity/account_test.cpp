// Identity rules without I/O: the citizen ID number's form, e-mail and phone form (issue 3 §2).
#include <gtest/gtest.h>

#include "modules/identity/account.h"

using namespace tinhso::identity;

TEST(IdentityCitizenId, TableOfForms) {
  struct Case {
    const char* id;
    bool ok;
  } cases[] = {
      {"001099012345", true},    // Hà Nội
      {"025190000001", true},    // Phú Thọ
      {"096123456789", true},    // Cà Mau, the last code
      {"000123456789", false},   // no province 000
      {"097123456789", false},   // beyond 096
      {"99912345678", false},    // 11 digits
      {"0251900000012", false},  // 13 digits
      {"02519000000a", false},   // a letter
      {"025 90000001", false},   // a space
      {"", false},
      {"０２５１９００００００１", false},  // full-width digits
  };
  for (const auto& c : cases) EXPECT_EQ(valid_citizen_id(c.id), c.ok) << c.id;
}

TEST(IdentityEmail, TableOfForms) {
  struct Case {
    const char* email;
    bool ok;
  } cases[] = {
      {"lan@example.vn", true},   {"a.b+c@mail.phutho.gov.vn", true}, {"@example.vn", false},
      {"lan@", false},            {"lan@example", false},             {"lan@@example.vn", false},
      {"lan @example.vn", false}, {"lan@example.vn.", false},         {"", false},
  };
  for (const auto& c : cases) EXPECT_EQ(valid_email(c.email), c.ok) << c.email;
  EXPECT_EQ(normalize_email("  Lan@Example.VN \n"), "lan@example.vn");
}

TEST(IdentityPhone, TableOfForms) {
  EXPECT_TRUE(valid_phone(""));
  EXPECT_TRUE(valid_phone("0912345678"));
  EXPECT_TRUE(valid_phone("+84 912 345 678"));
  EXPECT_FALSE(valid_phone("12345"));
  EXPECT_FALSE(valid_phone("09123-45678"));
  EXPECT_FALSE(valid_phone("84+912345678"));
}
