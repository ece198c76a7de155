#pragma once
// Recovery codes at rest (issue 12; OWASP ASVS 5.0 6.5.2). A code carries 40 bits, too few for a
// plain hash: whoever reads the database could try all 2^40. So the database keeps a keyed
// BLAKE2b-256 of it, under a subkey of the audit key (audit::Settings::key_file, a file outside
// the database, the same on every node); without that file the stored values cannot be tested.
// Codes stored before this (unkeyed BLAKE2b-256, 64 hex digits) are still accepted until used.
// Pure libsodium: no I/O.
#include <string>
#include <string_view>

#include "core/crypto/sealed.h"

namespace tinhso::mfa {

// The code as hashed: '-' and ' ' dropped, ASCII lower-cased ("K7M2-X9QP" → "k7m2x9qp").
std::string normalize_recovery_code(std::string_view code);
// The recovery-code key: libsodium's KDF of `audit_key` (32 bytes) under a context of its own,
// so it equals no key that MACs audit records. Throws std::invalid_argument for a key of
// another size.
crypto::SecretBytes derive_recovery_key(const crypto::SecretBytes& audit_key);
// As stored now: "k1:" + hex of BLAKE2b-256 of the normalised code keyed with `key`.
std::string recovery_code_hash(const crypto::SecretBytes& key, std::string_view code);
// As stored before: hex of unkeyed BLAKE2b-256 of the normalised code (accepted until used).
std::string legacy_recovery_code_hash(std::string_view code);

}  // namespace tinhso::mfa
