#pragma once
// Passwords (issue 3 §3; ASVS 5.0 §6.2): length 12–128 code points of any Unicode after NFC,
// not one of the most common passwords (data/common-passwords.txt, embedded at build time), no
// composition rules. Hashes are argon2id at libsodium's INTERACTIVE limits (≈50 ms, 64 MiB),
// computed by at most kHashConcurrency threads at once: further callers wait, so a flood of
// sign-ins cannot take every worker's memory and CPU. Tokens are random 256-bit values; only
// their hash is stored.
#include <cstdint>
#include <string>
#include <string_view>

namespace tinhso::identity {

inline constexpr int kHashConcurrency = 2;
// Requests that may hold a hashing place at once per node, over every route that hashes
// (sign-in, registration, password reset, staff creation): one shared cap (issue 12 §3).
inline constexpr int kHashAdmissions = kHashConcurrency;
inline constexpr std::size_t kMinPasswordLength = 12;
inline constexpr std::size_t kMaxPasswordLength = 128;

enum class PasswordProblem { none, too_short, too_long, common, not_utf8 };

// NFC form of `s` (unchanged if ICU cannot normalise it).
std::string nfc(std::string_view s);
// Number of Unicode code points in valid UTF-8 `s`.
std::size_t code_points(std::string_view s);
// Checks the policy on the NFC form of `password`.
PasswordProblem check_password(std::string_view password);
// True if `password` (case-insensitively for ASCII) is in the shipped common-password list.
bool is_common_password(std::string_view password);

// argon2id hash string of the NFC form of `password`. Throws std::runtime_error when out of memory.
std::string hash_password(std::string_view password);
// True if `password` matches `hash`; an empty or malformed hash never matches (but costs the same
// time as a real check, so unknown accounts are not revealed by timing).
bool verify_password(const std::string& hash, std::string_view password);

// argon2id computations (hashes and verifications) of this process so far, for /metrics: a test
// can see that a request did no hashing without timing it.
std::uint64_t hash_count();

// One request's place among the kHashAdmissions that may hash at once. A request that finds no
// place free is refused at once (admitted() false) instead of waiting for one, so a flood of
// hashing requests holds at most kHashAdmissions workers and every other page keeps its speed.
class HashAdmission {
 public:
  HashAdmission();
  ~HashAdmission();
  HashAdmission(const HashAdmission&) = delete;
  HashAdmission& operator=(const HashAdmission&) = delete;
  bool admitted() const { return admitted_; }

 private:
  bool admitted_ = false;
};

// A new random 256-bit token, base64url without padding (43 characters).
std::string random_token();
// The stored form of a token: hex BLAKE2b-256 (crypto_generichash).
std::string token_hash(std::string_view token);
// Constant-time equality (sodium_memcmp) of two strings; false if the lengths differ.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace tinhso::identity
