#pragma once
// Sealed secrets: personal data the law requires kept secret is encrypted at rest, under keys that
// come from configuration and never from the database. First user: the denouncer's identity (name,
// address, contact, ID number, scans) — Law on Denunciations 25/2018/QH14 Art. 8(3), 9(1)(b), 47(2),
// 56: it must be kept secret, so the database holds only sealed blobs of it.
//
// A sealed blob is self-describing:
//   byte 0       format version (kSealVersion)
//   byte 1       id of the key it was sealed under (1–255)
//   bytes 2–25   random nonce (24 bytes)
//   bytes 26–    XChaCha20-Poly1305-IETF ciphertext of the plaintext, then its 16-byte tag
// The AEAD's associated data is the two header bytes followed by the caller's `ad`, which names the
// row the blob belongs to (e.g. "case:123:filer"): a blob copied to another row, or given a
// different header, does not open. Random 24-byte nonces are safe for any number of blobs per key.
//
// Pure libsodium: no I/O, no Boost/SOCI/ICU, so it is fuzzed (tests/fuzz/sealed_open_fuzz.cpp).
// Every function initialises libsodium itself (sodium_init is idempotent), so callers and tests
// need not.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso::crypto {

using KeyId = std::uint8_t;

inline constexpr std::uint8_t kSealVersion = 1;
inline constexpr std::size_t kKeyBytes = 32;
inline constexpr std::size_t kNonceBytes = 24;
inline constexpr std::size_t kTagBytes = 16;
inline constexpr std::size_t kHeaderBytes = 2 + kNonceBytes;
// A blob is exactly this much longer than its plaintext.
inline constexpr std::size_t kSealOverhead = kHeaderBytes + kTagBytes;

// A fixed-size byte buffer for plaintext secrets and key material. The memory comes from
// sodium_malloc (guard pages around it, mlock'd as far as RLIMIT_MEMLOCK allows, so it is not
// swapped out) and is wiped when the buffer is destroyed or assigned over. Move-only: a copy would
// be one more place to wipe. Its size never changes, so no stale copy is left behind by a
// reallocation. Throws std::bad_alloc if the memory cannot be had.
class SecretBytes {
 public:
  SecretBytes() = default;
  // `size` zero bytes.
  explicit SecretBytes(std::size_t size);
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes();

  unsigned char* data() { return data_; }
  const unsigned char* data() const { return data_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // The bytes as text (e.g. the identity's JSON). Valid while this buffer lives, unmoved.
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }

 private:
  void release() noexcept;

  unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

// Why a blob did not open. The kinds are for logs and for telling a rotation job what to do; the
// end user sees only a generic error.
enum class OpenError {
  truncated,        // shorter than kSealOverhead: not a blob, or cut off in storage
  unknown_version,  // byte 0 is not a format this build reads
  unknown_key,      // sealed under a key id not in the ring (retired too early, or a wrong config)
  not_authentic,    // wrong associated data (another row), or any byte changed; AEAD cannot tell
                    // these apart, by design
};
// "truncated", "unknown_version", "unknown_key", "not_authentic".
std::string_view to_string(OpenError e);

// The outcome of KeyRing::open: either the plaintext or the error, never both.
struct Opened {
  std::optional<SecretBytes> plaintext;
  std::optional<OpenError> error;
};

// The outcome of KeyRing::reseal: either the new blob or why the old one did not open, never both.
struct Resealed {
  std::optional<std::string> blob;
  std::optional<OpenError> error;
};

// The keys sealed blobs are made and opened with: one or more 32-byte keys, each with an id
// (1–255), one of them current. New blobs are sealed under the current key; blobs under any key in
// the ring open. Rotation: add a key, make it current, reseal what needs_rotation(), then drop the
// old key from the configuration.
//
// Keys live in one sodium_malloc'd buffer, read-only after construction, wiped on destruction.
// Neither copyable nor movable, so exactly one copy of the keys exists; hold the ring by
// reference or smart pointer. All const members may be called from any number of threads at once.
class KeyRing {
 public:
  // Parses the configuration text: entries separated by ',', each either
  //   ID:KEY      ID a decimal number 1–255 without leading zeros; KEY 32 bytes in standard
  //               base64 with padding (44 characters: generate_key_text(), or
  //               `openssl rand -base64 32`)
  //   current=ID  makes ID the current key (optional; at most once; ID must be listed)
  // Spaces, tabs and line breaks around entries are ignored. Without `current=`, the highest id is
  // current. Example: "1:BASE64KEY,2:BASE64KEY" (2 is current), or "1:K1,2:K2,3:K3,current=2" to
  // deploy key 3 to every node before any node seals with it.
  // Throws std::invalid_argument for an empty ring, a malformed entry or id, an id listed twice,
  // a key that is not exactly 32 bytes of base64 or is all zeros, or a `current=` naming no key.
  // The message names the entry's position or key id, never any key text. The ring keeps no
  // reference to `config`; the caller should wipe its copy of it.
  explicit KeyRing(std::string_view config);
  KeyRing(const KeyRing&) = delete;
  KeyRing& operator=(const KeyRing&) = delete;

  KeyId current() const { return ids_[current_]; }
  // The ids in the ring, ascending (for a start-up log line; never the keys).
  std::vector<KeyId> ids() const;

  // Seals `plaintext` under the current key with a fresh random nonce, bound to `ad`. The result
  // is binary (store it as BLOB/bytea, or base64 it for a text column); it is
  // plaintext.size() + kSealOverhead bytes long.
  std::string seal(std::string_view plaintext, std::string_view ad) const;
  // Opens a blob made by seal() under any key in the ring with the same `ad`. Never throws for
  // any content of `blob` (only std::bad_alloc); never crashes.
  Opened open(std::string_view blob, std::string_view ad) const;
  // True unless `blob`'s header says it is in the current format under the current key. Anything
  // that is not a blob at all needs rotation too, so a rotation job meets it in reseal() and
  // reports the error instead of skipping it.
  bool needs_rotation(std::string_view blob) const;
  // Opens `blob` and seals its plaintext again under the current key, with the same `ad`.
  Resealed reseal(std::string_view blob, std::string_view ad) const;

 private:
  const unsigned char* key_of(KeyId id) const;  // nullptr if `id` is not in the ring

  std::vector<KeyId> ids_;  // ascending; key i is at keys_.data() + i * kKeyBytes
  SecretBytes keys_;
  std::size_t current_ = 0;  // index into ids_
};

// A new random key as configuration text: 44 characters of standard base64 (32 bytes from the
// system CSPRNG), for `tinhso keys generate`. Prefix it with "ID:" to add it to the ring.
SecretBytes generate_key_text();

}  // namespace tinhso::crypto
