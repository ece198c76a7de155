#pragma once
// Random tokens from libsodium's CSPRNG (randombytes_buf): session and CSRF tokens, idempotency
// keys, Open311 API keys and report tokens. One place for the encoding every caller shares.
#include <cstddef>
#include <string>

namespace tinhso::crypto {

// `bytes` random bytes as base64url without padding (32 bytes → 43 characters). Initialises
// libsodium itself.
std::string random_base64url(std::size_t bytes);

}  // namespace tinhso::crypto
