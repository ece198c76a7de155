#include "modules/mfa/totp.h"

#include <liboath/oath.h>

#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include "core/document/qr.h"
#include "core/http/form.h"

namespace tinhso::mfa {

namespace {
void init_oath() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (oath_init() != OATH_OK) throw std::runtime_error("liboath init failed");
  });
}
}  // namespace

std::string base32_encode(std::string_view bytes) {
  init_oath();
  char* out = nullptr;
  size_t len = 0;
  if (oath_base32_encode(bytes.data(), bytes.size(), &out, &len) != OATH_OK) throw std::runtime_error("base32");
  std::string s(out, len);
  std::free(out);
  while (!s.empty() && s.back() == '=') s.pop_back();
  return s;
}

std::string base32_decode(std::string_view b32) {
  init_oath();
  std::string padded(b32);
  while (padded.size() % 8) padded += '=';
  char* out = nullptr;
  size_t len = 0;
  if (oath_base32_decode(padded.data(), padded.size(), &out, &len) != OATH_OK)
    throw std::invalid_argument("bad base32 secret");
  std::string s(out, len);
  std::free(out);
  return s;
}

std::string totp_code(std::string_view secret, std::chrono::system_clock::time_point t) {
  init_oath();
  char otp[16] = {};
  if (oath_totp_generate(secret.data(), secret.size(), std::chrono::system_clock::to_time_t(t), kStepSeconds, 0,
                         kDigits, otp) != OATH_OK)
    throw std::runtime_error("TOTP generation failed");
  return otp;
}

std::optional<std::int64_t> totp_match(std::string_view secret, std::chrono::system_clock::time_point t,
                                       std::string_view code, unsigned window) {
  init_oath();
  if (code.size() != kDigits) return std::nullopt;
  for (char c : code)
    if (c < '0' || c > '9') return std::nullopt;
  std::string otp(code);
  time_t now = std::chrono::system_clock::to_time_t(t);
  int pos = 0;
  int rc = oath_totp_validate2(secret.data(), secret.size(), now, kStepSeconds, 0, window, &pos, otp.c_str());
  if (rc < 0) return std::nullopt;
  return static_cast<std::int64_t>(now / kStepSeconds) + pos;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_b32) {
  std::string iss = http::percent_encode(issuer);
  return "otpauth://totp/" + iss + ":" + http::percent_encode(account) + "?secret=" + std::string(secret_b32) +
         "&issuer=" + iss + "&algorithm=SHA1&digits=6&period=30";
}

std::string qr_svg(std::string_view text) { return document::qr_svg(document::qr_encode(text)); }

}  // namespace tinhso::mfa
