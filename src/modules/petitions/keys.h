#pragma once
// The key ring that seals denouncers' identities (Law on Denunciations 2018 Art. 8(3)), read from
// Intake::identity_keys_file (api.h) on first use and kept for the process.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/sealed.h"

namespace tinhso::petitions {

// The ring of `file`: its entries joined ("1:KEY", one per line, '#' comments). A missing file is
// made with one new key (O_EXCL, mode 0600: when two nodes race, one writes and both read it) and
// a warning is logged: back it up and share it between nodes. Throws std::runtime_error (never
// quoting key material) when the file cannot be read or made, or holds no valid ring. Thread-safe;
// the first successful ring is kept (later calls ignore `file`).
const crypto::KeyRing& identity_keys(const std::string& file);

// The sealed link between an account and a petition that must not name it: a denunciation keeps
// no account id (Law on Denunciations 2018 Art. 8(3)), only this link, so that its filer still
// finds it under "Đơn của tôi". "ID:" + hex of a keyed BLAKE2b-256 of the account id, under a
// subkey derived from the ring's key ID (never the key itself): deterministic, so a look-up by
// account is one indexed query, and without the key file it names nobody. The keys are read
// from `file` as identity_keys() reads them (the same first successful file is kept).
// Under the ring's current key:
std::string filer_link(const std::string& file, std::int64_t account_id);
// Under every key of the ring, current first: the links the account's petitions may carry,
// including those made before a key rotation.
std::vector<std::string> filer_links(const std::string& file, std::int64_t account_id);

// The key a signed-in account's posts of the online form are counted under in `hour`
// ("YYYY-MM-DDTHH", UTC): "acct:" + hex of a keyed BLAKE2b-256 of the hour and the account id,
// under the current key's link subkey (a message of its own, so never equal to a filer link).
// A count row then holds no account id, and without the key file it names nobody; the hour is in
// the hash, so one account's rows of different hours cannot be told to be the same account
// (Law on Denunciations 2018 Art. 8(3): a denunciation filed online is not tied to its filer by
// the count). Its rows are deleted after a day (handlers.cpp over_account_limit).
std::string form_usage_key(const std::string& file, std::int64_t account_id, std::string_view hour);

}  // namespace tinhso::petitions
