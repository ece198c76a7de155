#pragma once
// The key ring that seals denouncers' identities (Law on Denunciations 2018 Art. 8(3)), read from
// one key file (Intake::identity_keys_file, api.h) on first use and kept by its Keys object. The
// module provides one Keys per process (keys_of); a test makes its own over a temporary file.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/module.h"
#include "core/crypto/sealed.h"

namespace tinhso::petitions {

class Keys {
 public:
  // Nothing is read until first use.
  explicit Keys(std::string file);
  ~Keys();
  Keys(const Keys&) = delete;
  Keys& operator=(const Keys&) = delete;

  // The ring of the file: its entries joined ("1:KEY", one per line, '#' comments). A missing
  // file is made with one new key (O_EXCL, mode 0600: when two nodes race, one writes and both
  // read it) and a warning is logged: back it up and share it between nodes. Throws
  // std::runtime_error (never quoting key material) when the file cannot be read or made, or holds
  // no valid ring; the next call tries again. Thread-safe; once read, the ring is kept.
  const crypto::KeyRing& ring() const;

  // The sealed link between an account and a petition that must not name it: a denunciation
  // keeps no account id (Law on Denunciations 2018 Art. 8(3)), only this link, so that its filer
  // still finds it under "Đơn của tôi". "ID:" + hex of a keyed BLAKE2b-256 of the account id,
  // under a subkey derived from the ring's key ID (never the key itself): deterministic, so a
  // look-up by account is one indexed query, and without the key file it names nobody.
  // Under the ring's current key:
  std::string filer_link(std::int64_t account_id) const;
  // Under every key of the ring, current first: the links the account's petitions may carry,
  // including those made before a key rotation.
  std::vector<std::string> filer_links(std::int64_t account_id) const;

  // The key a signed-in account's posts of the online form are counted under in `hour`
  // ("YYYY-MM-DDTHH", UTC): "acct:" + hex of a keyed BLAKE2b-256 of the hour and the account id,
  // under the current key's link subkey (a message of its own, so never equal to a filer link).
  // A count row then holds no account id, and without the key file it names nobody; the hour is
  // in the hash, so one account's rows of different hours cannot be told to be the same account
  // (Law on Denunciations 2018 Art. 8(3): a denunciation filed online is not tied to its filer by
  // the count). Its rows are deleted after a day (handlers.cpp over_form_limit).
  std::string form_usage_key(std::int64_t account_id, std::string_view hour) const;
  // The key the public look-up's failures of one client address bucket on one petition code are
  // counted under in `hour` (lookup_pages.cpp): "lookup:" + hex of a keyed BLAKE2b-256 of the
  // hour, the address and the code, under the current key's link subkey. A count row then does
  // not tie an address to a petition (a denouncer who tried the look-up with their own code), and
  // without the key file it names neither.
  std::string lookup_usage_key(std::string_view address, std::string_view code, std::string_view hour) const;
  // Who sent an online petition with idempotency key `key` (issue 15 §3), as stored beside the
  // key's hash: "idem:" + ID + ":" + hex of a keyed BLAKE2b-256 of the key and the account id,
  // under the link subkey of key ID. The account is in the hash with the key, so a denunciation's
  // row does not name its filer, and two rows of one account cannot be told apart as such.
  // Under the ring's current key:
  std::string idempotency_owner(std::int64_t account_id, std::string_view key) const;
  // Under every key of the ring, current first: what a row made before a key rotation may carry.
  std::vector<std::string> idempotency_owners(std::int64_t account_id, std::string_view key) const;

 private:
  struct Loaded;
  const Loaded& loaded() const;

  const std::string file_;
  mutable std::mutex mu_;
  mutable std::unique_ptr<const Loaded> loaded_;  // set once, never replaced
};

// The process's Keys for Intake::identity_keys_file, provided by the module (module.cpp
// Module::provide) through ctx.services.
inline const Keys& keys_of(const app::Context& ctx) { return ctx.services.get<Keys>(); }

}  // namespace tinhso::petitions
