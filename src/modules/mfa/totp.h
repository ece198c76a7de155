#pragma once
// TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) on liboath, and the pieces around it:
// base32 secrets, otpauth:// URIs, QR codes as SVG. Pure functions; time comes from the caller.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tinhso::mfa {

inline constexpr unsigned kStepSeconds = 30;
inline constexpr unsigned kDigits = 6;

std::string base32_encode(std::string_view bytes);
// Throws std::invalid_argument on a malformed secret.
std::string base32_decode(std::string_view b32);

// The code for time `t` (used by tests and for showing nothing else).
std::string totp_code(std::string_view secret, std::chrono::system_clock::time_point t);
// If `code` is valid at `t` within ±`window` steps, the matched time step; otherwise nullopt.
std::optional<std::int64_t> totp_match(std::string_view secret, std::chrono::system_clock::time_point t,
                                       std::string_view code, unsigned window = 1);

// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret_b32);
// The QR code of `text` as a standalone SVG document (core/document/qr.h: black modules on white,
// 4-module margin).
std::string qr_svg(std::string_view text);

}  // namespace tinhso::mfa
