// Sealed secrets (core/crypto/sealed.h): the denouncer's identity is kept only as sealed blobs
// (Law on Denunciations 25/2018/QH14 Art. 8(3), 9(1)(b), 47(2), 56). Round trips; every way a blob
// can fail to open; key rotation; the key configuration's grammar and its error messages, which
// must never quote a key.
#include <gtest/gtest.h>
#include <sodium.h>

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/crypto/sealed.h"

namespace tinhso::crypto {
namespace {

std::string base64(const std::vector<unsigned char>& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

// `n` bytes seed, seed+7, seed+14, ... in standard base64 (a fixed test key when n = 32).
std::string key_text(unsigned char seed, std::size_t n = kKeyBytes) {
  std::vector<unsigned char> bytes(n);
  for (std::size_t i = 0; i < n; ++i) bytes[i] = static_cast<unsigned char>(seed + 7 * i);
  return base64(bytes);
}

const std::string kKey1 = key_text(1);
const std::string kKey2 = key_text(2);
const std::string kKey3 = key_text(3);
const std::string kAllOnes = base64(std::vector<unsigned char>(32, 0xFF));  // "//////…/8=": has '/'
const std::string kZeros = base64(std::vector<unsigned char>(32, 0));

const std::string kAd = "petition:123:identity";
const std::string kIdentity =
    R"({"name":"Nguyễn Thị Minh Khai","address":"Số 12, đường Trần Phú, phường Ba Đình, Hà Nội",)"
    R"("phone":"0912345678","id_number":"001190012345"})";

std::string ring_text(std::initializer_list<std::pair<int, std::string>> keys) {
  std::string out;
  for (const auto& [id, key] : keys) out += (out.empty() ? "" : ",") + std::to_string(id) + ":" + key;
  return out;
}

// --- Round trip ------------------------------------------------------------------------------

TEST(CryptoSealed, RoundTrip) {
  KeyRing ring(ring_text({{1, kKey1}, {2, kKey2}}));
  std::string scan(1 << 20, '\0');  // a 1 MiB "scan" with every byte value, NULs included
  for (std::size_t i = 0; i < scan.size(); ++i) scan[i] = static_cast<char>(i * 31);
  struct Case {
    const char* name;
    std::string plaintext;
    std::string ad;
  } cases[] = {
      {"empty plaintext", "", kAd},
      {"one byte", "x", kAd},
      {"identity JSON, Vietnamese", kIdentity, kAd},
      {"empty associated data", kIdentity, ""},
      {"associated data with NUL", kIdentity, std::string("petition:1\0identity", 19)},
      {"binary scan", scan, "petition:123:identity:scan:1"},
  };
  for (const auto& c : cases) {
    std::string blob = ring.seal(c.plaintext, c.ad);
    EXPECT_EQ(blob.size(), c.plaintext.size() + kSealOverhead) << c.name;
    EXPECT_EQ(static_cast<unsigned char>(blob[0]), kSealVersion) << c.name;
    EXPECT_EQ(static_cast<KeyId>(blob[1]), 2) << c.name;
    EXPECT_FALSE(ring.needs_rotation(blob)) << c.name;
    Opened opened = ring.open(blob, c.ad);
    ASSERT_TRUE(opened.plaintext) << c.name << ": " << to_string(*opened.error);
    EXPECT_FALSE(opened.error) << c.name;
    EXPECT_TRUE(opened.plaintext->view() == c.plaintext) << c.name;
  }
}

TEST(CryptoSealed, SamePlaintextSealsDifferentlyEachTime) {
  KeyRing ring(ring_text({{1, kKey1}}));
  std::string a = ring.seal(kIdentity, kAd), b = ring.seal(kIdentity, kAd);
  EXPECT_NE(a, b);
  EXPECT_NE(a.substr(2, kNonceBytes), b.substr(2, kNonceBytes));  // random nonces
  EXPECT_EQ(ring.open(a, kAd).plaintext->view(), kIdentity);
  EXPECT_EQ(ring.open(b, kAd).plaintext->view(), kIdentity);
}

TEST(CryptoSealed, BlobNeverContainsThePlaintext) {
  KeyRing ring(ring_text({{1, kKey1}}));
  std::string blob = ring.seal(kIdentity, kAd);
  for (std::string_view part : {"Nguyễn Thị Minh Khai", "Trần Phú", "0912345678", "001190012345", "name"})
    EXPECT_EQ(blob.find(part), std::string::npos) << part;
  // No 8-byte run of the plaintext appears anywhere in the blob.
  for (std::size_t i = 0; i + 8 <= kIdentity.size(); ++i)
    EXPECT_EQ(blob.find(kIdentity.substr(i, 8)), std::string::npos) << "offset " << i;
}

// --- Failure modes ---------------------------------------------------------------------------

void expect_fails(const Opened& opened, OpenError want, const std::string& what) {
  EXPECT_FALSE(opened.plaintext) << what;
  ASSERT_TRUE(opened.error) << what;
  EXPECT_EQ(*opened.error, want) << what << ": got " << to_string(*opened.error);
}

TEST(CryptoSealed, TruncatedAtEveryLength) {
  KeyRing ring(ring_text({{1, kKey1}}));
  std::string blob = ring.seal("Nguyễn Văn A", kAd);
  for (std::size_t n = 0; n < blob.size(); ++n)
    expect_fails(ring.open(blob.substr(0, n), kAd), n < kSealOverhead ? OpenError::truncated : OpenError::not_authentic,
                 "first " + std::to_string(n) + " bytes");
  // Extra bytes at the end are tampering too.
  expect_fails(ring.open(blob + '\0', kAd), OpenError::not_authentic, "one byte appended");
}

TEST(CryptoSealed, EveryBitFlipIsDetected) {
  KeyRing ring(ring_text({{1, kKey1}, {2, kKey2}}));
  const std::string blob = ring.seal("Nguyễn Văn A, 0912345678", kAd);
  for (std::size_t i = 0; i < blob.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string bad = blob;
      bad[i] = static_cast<char>(bad[i] ^ (1 << bit));
      // Byte 0 is the version; byte 1 (id 2) flipped never lands on id 1; the rest is checked by
      // the AEAD tag.
      OpenError want = i == 0 ? OpenError::unknown_version : i == 1 ? OpenError::unknown_key : OpenError::not_authentic;
      expect_fails(ring.open(bad, kAd), want, "byte " + std::to_string(i) + " bit " + std::to_string(bit));
    }
  }
}

TEST(CryptoSealed, CopiedToAnotherRowDoesNotOpen) {
  KeyRing ring(ring_text({{1, kKey1}}));
  const std::string blob = ring.seal(kIdentity, kAd);
  for (std::string ad : {"petition:124:identity", "petition:12:identity", "petition:123:identit", "",
                         "petition:123:identity ", "complaint:123:identity"})
    expect_fails(ring.open(blob, ad), OpenError::not_authentic, "ad \"" + ad + "\"");
  expect_fails(ring.open(blob, kAd + '\0'), OpenError::not_authentic, "ad with a trailing NUL");
  EXPECT_TRUE(ring.open(blob, kAd).plaintext);
}

TEST(CryptoSealed, KeyIdIsAuthenticated) {
  // Relabelled to the other key in the ring: that key cannot open it, and the header is in the AD.
  KeyRing ring(ring_text({{1, kKey1}, {2, kKey2}}));
  std::string blob = ring.seal(kIdentity, kAd);
  blob[1] = 1;
  expect_fails(ring.open(blob, kAd), OpenError::not_authentic, "key id 2 relabelled 1");
}

TEST(CryptoSealed, UnknownKey) {
  KeyRing both(ring_text({{1, kKey1}, {2, kKey2}}));
  const std::string blob = both.seal(kIdentity, kAd);  // under key 2
  expect_fails(KeyRing(ring_text({{1, kKey1}})).open(blob, kAd), OpenError::unknown_key, "key 2 retired");
  expect_fails(KeyRing(ring_text({{1, kKey1}, {3, kKey3}})).open(blob, kAd), OpenError::unknown_key, "ring 1,3");
  // The same id with other key material (a wrong configuration) is indistinguishable from tampering.
  expect_fails(KeyRing(ring_text({{2, kKey3}})).open(blob, kAd), OpenError::not_authentic, "id 2, other key");
}

TEST(CryptoSealed, UnknownVersion) {
  KeyRing ring(ring_text({{1, kKey1}}));
  const std::string blob = ring.seal(kIdentity, kAd);
  for (int version : {0, 2, 3, 0x80, 0xFF}) {
    std::string bad = blob;
    bad[0] = static_cast<char>(version);
    expect_fails(ring.open(bad, kAd), OpenError::unknown_version, "version " + std::to_string(version));
    EXPECT_TRUE(ring.needs_rotation(bad)) << version;
  }
}

TEST(CryptoSealed, ErrorNames) {
  EXPECT_EQ(to_string(OpenError::truncated), "truncated");
  EXPECT_EQ(to_string(OpenError::unknown_version), "unknown_version");
  EXPECT_EQ(to_string(OpenError::unknown_key), "unknown_key");
  EXPECT_EQ(to_string(OpenError::not_authentic), "not_authentic");
}

// --- Rotation --------------------------------------------------------------------------------

TEST(CryptoSealed, RotationToANewKey) {
  const std::string old_blob = KeyRing(ring_text({{1, kKey1}})).seal(kIdentity, kAd);
  KeyRing ring(ring_text({{1, kKey1}, {2, kKey2}}));  // 2 is now current
  ASSERT_EQ(ring.current(), 2);
  EXPECT_EQ(ring.open(old_blob, kAd).plaintext->view(), kIdentity);
  EXPECT_TRUE(ring.needs_rotation(old_blob));

  Resealed resealed = ring.reseal(old_blob, kAd);
  ASSERT_TRUE(resealed.blob);
  EXPECT_FALSE(resealed.error);
  EXPECT_EQ(static_cast<KeyId>((*resealed.blob)[1]), 2);
  EXPECT_FALSE(ring.needs_rotation(*resealed.blob));
  EXPECT_EQ(ring.open(*resealed.blob, kAd).plaintext->view(), kIdentity);
  // Once everything is resealed, key 1 can leave the configuration.
  EXPECT_EQ(KeyRing(ring_text({{2, kKey2}})).open(*resealed.blob, kAd).plaintext->view(), kIdentity);
}

TEST(CryptoSealed, ResealReportsWhatDidNotOpen) {
  KeyRing ring(ring_text({{1, kKey1}, {2, kKey2}}));
  const std::string blob = KeyRing(ring_text({{1, kKey1}})).seal(kIdentity, kAd);
  struct Case {
    const char* name;
    std::string blob;
    std::string ad;
    OpenError want;
  } cases[] = {
      {"wrong row", blob, "petition:999:identity", OpenError::not_authentic},
      {"not a blob", "garbage", kAd, OpenError::truncated},
      {"unknown key", KeyRing(ring_text({{3, kKey3}})).seal(kIdentity, kAd), kAd, OpenError::unknown_key},
  };
  for (const auto& c : cases) {
    EXPECT_TRUE(ring.needs_rotation(c.blob)) << c.name;
    Resealed r = ring.reseal(c.blob, c.ad);
    EXPECT_FALSE(r.blob) << c.name;
    ASSERT_TRUE(r.error) << c.name;
    EXPECT_EQ(*r.error, c.want) << c.name;
  }
}

TEST(CryptoSealed, ExplicitCurrentKey) {
  // Key 3 is deployed to every node before any node seals with it.
  KeyRing ring(ring_text({{1, kKey1}, {2, kKey2}, {3, kKey3}}) + ",current=2");
  EXPECT_EQ(ring.current(), 2);
  std::string blob = ring.seal(kIdentity, kAd);
  EXPECT_EQ(static_cast<KeyId>(blob[1]), 2);
  EXPECT_FALSE(ring.needs_rotation(blob));
  std::string under3 = KeyRing(ring_text({{3, kKey3}})).seal(kIdentity, kAd);
  EXPECT_EQ(ring.open(under3, kAd).plaintext->view(), kIdentity);
  EXPECT_TRUE(ring.needs_rotation(under3));
}

TEST(CryptoSealed, NeedsRotationOfNonBlobs) {
  KeyRing ring(ring_text({{1, kKey1}}));
  for (std::string s : {std::string(), std::string("x"), std::string(kSealOverhead - 1, '\x01')})
    EXPECT_TRUE(ring.needs_rotation(s)) << s.size();
}

// --- Key configuration -----------------------------------------------------------------------

TEST(CryptoKeyRing, GoodConfigurations) {
  struct Case {
    std::string config;
    std::vector<KeyId> ids;
    KeyId current;
  } cases[] = {
      {"1:" + kKey1, {1}, 1},
      {"1:" + kKey1 + ",2:" + kKey2, {1, 2}, 2},
      {"2:" + kKey2 + ",1:" + kKey1, {1, 2}, 2},                      // any order
      {"9:" + kKey1 + ",10:" + kKey2, {9, 10}, 10},                   // numeric, not text, order
      {" 1:" + kKey1 + " ,\n2:" + kKey2 + "\r\n", {1, 2}, 2},         // space around entries
      {"1:" + kKey1 + ",2:" + kKey2 + ",current=1", {1, 2}, 1},
      {"current=3,1:" + kKey1 + ",3:" + kKey3, {1, 3}, 3},
      {"255:" + kKey1, {255}, 255},
      {"1:" + kAllOnes, {1}, 1},                                      // '/' in the key
      {"1:" + kKey1 + ",2:" + kKey1, {1, 2}, 2},                      // the same key twice is allowed
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.config);
    KeyRing ring(c.config);
    EXPECT_EQ(ring.ids(), c.ids);
    EXPECT_EQ(ring.current(), c.current);
    EXPECT_EQ(ring.open(ring.seal("x", kAd), kAd).plaintext->view(), "x");
  }
}

// True if `message` quotes 8 or more consecutive characters of any test key.
bool quotes_a_key(const std::string& message) {
  for (const std::string& key : {kKey1, kKey2, kKey3, kAllOnes, kZeros})
    for (std::size_t i = 0; i + 8 <= key.size(); ++i)
      if (message.find(key.substr(i, 8)) != std::string::npos) return true;
  return false;
}

TEST(CryptoKeyRing, BadConfigurations) {
  std::string url_safe = kAllOnes;  // the base64url form of a key is refused: one form only
  for (char& c : url_safe)
    if (c == '/') c = '_';
  std::string inner_space = kKey1;
  inner_space[10] = ' ';
  struct Case {
    std::string config;
    std::string message;  // a part of the expected message
  } cases[] = {
      {"", "key ring: no keys (expected ID:KEY[,ID:KEY...])"},  // e.g. the variable is unset
      {"   \n", "no keys"},
      {",", "entry 1: empty"},
      {"1:" + kKey1 + ",", "entry 2: empty"},
      {"1:" + kKey1 + ",,2:" + kKey2, "entry 2: empty"},
      {kKey1, "entry 1: expected ID:KEY or current=ID"},
      {"1:" + kKey1 + "," + kKey2, "entry 2: expected ID:KEY"},
      {"0:" + kKey1, "entry 1: the key id must be a whole number from 1 to 255"},
      {"256:" + kKey1, "entry 1: the key id must be"},
      {"1000:" + kKey1, "entry 1: the key id must be"},
      {"01:" + kKey1, "entry 1: the key id must be"},
      {"+1:" + kKey1, "entry 1: the key id must be"},
      {"-1:" + kKey1, "entry 1: the key id must be"},
      {"1 :" + kKey1, "entry 1: the key id must be"},
      {"a:" + kKey1, "entry 1: the key id must be"},
      {":" + kKey1, "entry 1: the key id must be"},
      {"1:" + kKey1 + ",1:" + kKey2, "key id 1 is listed twice"},
      {"2:" + kKey1 + ",1:" + kKey3 + ",2:" + kKey2, "key id 2 is listed twice"},
      {"1:", "key 1 is not 32 bytes in standard base64"},
      {"1: " + kKey1, "key 1 is not 32 bytes"},
      {"1:" + kKey1.substr(0, 43), "key 1 is not 32 bytes"},           // padding missing
      {"1:" + kKey1 + "=", "key 1 is not 32 bytes"},
      {"1:" + kKey1 + "AAAA", "key 1 is not 32 bytes"},
      {"1:" + kKey1 + ":" + kKey2, "key 1 is not 32 bytes"},
      {"1:" + key_text(1, 31), "key 1 is not 32 bytes"},
      {"1:" + key_text(1, 33), "key 1 is not 32 bytes"},
      {"1:" + key_text(1, 64), "key 1 is not 32 bytes"},
      {"1:" + url_safe, "key 1 is not 32 bytes"},
      {"1:" + inner_space, "key 1 is not 32 bytes"},
      {"1:" + kKey1 + ",7:" + kKey2.substr(1), "key 7 is not 32 bytes"},
      {"1:" + kZeros, "key 1 is all zeros"},
      {"1:" + kKey1 + ",current=2", "current=2 names no key in the ring"},
      {"1:" + kKey1 + ",current=1,current=1", "entry 3: current= given twice"},
      {"1:" + kKey1 + ",current=", "entry 2: current= needs a key id"},
      {"1:" + kKey1 + ",current=0", "entry 2: current= needs a key id"},
      {"1:" + kKey1 + ",current=one", "entry 2: current= needs a key id"},
      {"current=1", "no keys"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.config);
    try {
      KeyRing ring(c.config);
      ADD_FAILURE() << "accepted";
    } catch (const std::invalid_argument& e) {
      std::string message = e.what();
      EXPECT_NE(message.find(c.message), std::string::npos) << message;
      EXPECT_FALSE(quotes_a_key(message)) << message;
    }
  }
}

TEST(CryptoKeyRing, GeneratedKeysAreUsableAndDistinct) {
  SecretBytes a = generate_key_text(), b = generate_key_text();
  EXPECT_EQ(a.size(), 44u);
  EXPECT_NE(a.view(), b.view());
  KeyRing ring("1:" + std::string(a.view()) + ",2:" + std::string(b.view()));
  EXPECT_EQ(ring.open(ring.seal(kIdentity, kAd), kAd).plaintext->view(), kIdentity);
}

// --- SecretBytes -----------------------------------------------------------------------------

TEST(CryptoSecretBytes, ZeroFilledAndMoveOnly) {
  SecretBytes s(5);
  EXPECT_EQ(s.view(), std::string_view("\0\0\0\0\0", 5));
  s.data()[0] = 'k';
  SecretBytes t = std::move(s);
  EXPECT_TRUE(s.empty());  // NOLINT(bugprone-use-after-move): a moved-from buffer is empty
  EXPECT_EQ(s.data(), nullptr);
  EXPECT_EQ(t.size(), 5u);
  EXPECT_EQ(t.view()[0], 'k');
  SecretBytes u(3);
  u = std::move(t);  // u's own 3 bytes are wiped and freed
  EXPECT_EQ(u.size(), 5u);
  EXPECT_TRUE(t.empty());  // NOLINT(bugprone-use-after-move)
  EXPECT_TRUE(SecretBytes().empty());
  EXPECT_TRUE(SecretBytes(0).view().empty());
  static_assert(!std::is_copy_constructible_v<SecretBytes> && !std::is_copy_assignable_v<SecretBytes>);
  static_assert(!std::is_copy_constructible_v<KeyRing> && !std::is_move_constructible_v<KeyRing>);
}

}  // namespace
}  // namespace tinhso::crypto
