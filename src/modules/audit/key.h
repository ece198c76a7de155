#pragma once
// The audit key: 32 random bytes in a file outside the database (Settings::key_file in api.h,
// --audit-key-file), the same on every node, that keys each audit record's MAC (chain.h).
#include <string>

#include "core/crypto/sealed.h"

namespace tinhso::audit {

// Reads the key file: comment lines (#) and one line of standard base64 (44 characters, as
// `tinhso keys generate` prints). When `create` and the file is missing, makes it first with a new
// random key, mode 0600, atomically (a concurrent reader never sees half a file). Throws
// std::runtime_error naming the file, never the key.
crypto::SecretBytes load_key_file(const std::string& file, bool create);

}  // namespace tinhso::audit
