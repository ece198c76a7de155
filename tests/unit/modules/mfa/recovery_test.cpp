// Recovery codes at rest (issue 12; ASVS 5.0 6.5.2): a keyed BLAKE2b under a subkey of the audit
// key, so the database alone does not let anyone try all 2^40 codes; the old unkeyed hashes are
// still recognised.
#include <gtest/gtest.h>

#include <cstring>

#include "modules/mfa/recovery.h"

using namespace tinhso;
using namespace tinhso::mfa;

namespace {
crypto::SecretBytes key_of(unsigned char first) {
  crypto::SecretBytes k(32);
  for (std::size_t i = 0; i < k.size(); ++i) k.data()[i] = static_cast<unsigned char>(first + i);
  return k;
}
}  // namespace

TEST(MfaRecoveryCodes, LegacyHashIsThePlainBlake2b) {
  // Python: hashlib.blake2b(b"abcdefgh", digest_size=32).hexdigest()
  const std::string plain = "f3c718f594ba6fa0035f258225387f324feaef7768ece6dac1ccaa7d46d1e2aa";
  EXPECT_EQ(legacy_recovery_code_hash("abcd-efgh"), plain);
  EXPECT_EQ(legacy_recovery_code_hash(" ABCD-EFGH"), plain);
}

TEST(MfaRecoveryCodes, StoredHashIsKeyedAndNeverThePlainHash) {
  crypto::SecretBytes key = derive_recovery_key(key_of(0));
  ASSERT_EQ(key.size(), 32u);
  struct Case {
    const char* code;
    const char* same_as;
  } cases[] = {{"abcd-efgh", "abcdefgh"}, {"K7M2-X9QP", "k7m2x9qp"}, {"k7m2 x9qp", "k7m2-x9qp"}};
  for (const auto& c : cases) {
    std::string h = recovery_code_hash(key, c.code);
    EXPECT_EQ(h.rfind("k1:", 0), 0u) << c.code;
    EXPECT_EQ(h.size(), 3u + 64u) << c.code;
    EXPECT_EQ(h, recovery_code_hash(key, c.same_as)) << c.code;
    EXPECT_NE(h.substr(3), legacy_recovery_code_hash(c.code)) << c.code;
  }
  // Python: hashlib.blake2b(b"abcdefgh", digest_size=32, key=bytes(range(32))).hexdigest()
  EXPECT_EQ(recovery_code_hash(key_of(0), "abcd-efgh"),
            "k1:c191a30a9d3a1dc7d7d76c644be8f41cbcfba99da3bca25a160a6918dd6bf90d");
}

TEST(MfaRecoveryCodes, TheSubkeyDependsOnTheAuditKeyAndIsNotIt) {
  crypto::SecretBytes a = derive_recovery_key(key_of(0)), b = derive_recovery_key(key_of(1));
  crypto::SecretBytes again = derive_recovery_key(key_of(0)), audit = key_of(0);
  EXPECT_EQ(a.view(), again.view());
  EXPECT_NE(a.view(), b.view());
  EXPECT_NE(a.view(), audit.view());
  EXPECT_NE(recovery_code_hash(a, "abcd-efgh"), recovery_code_hash(b, "abcd-efgh"));
  EXPECT_THROW(derive_recovery_key(crypto::SecretBytes(16)), std::invalid_argument);
}
