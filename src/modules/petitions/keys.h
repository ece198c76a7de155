#pragma once
// The key ring that seals denouncers' identities (Law on Denunciations 2018 Art. 8(3)), read from
// Settings::identity_keys_file on first use and kept for the process.
#include <string>

#include "core/crypto/sealed.h"

namespace tinhso::petitions {

// The ring of `file`: its entries joined ("1:KEY", one per line, '#' comments). A missing file is
// made with one new key (O_EXCL, mode 0600: when two nodes race, one writes and both read it) and
// a warning is logged: back it up and share it between nodes. Throws std::runtime_error (never
// quoting key material) when the file cannot be read or made, or holds no valid ring. Thread-safe;
// the first successful ring is kept (later calls ignore `file`).
const crypto::KeyRing& identity_keys(const std::string& file);

}  // namespace tinhso::petitions
