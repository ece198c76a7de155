#include "modules/identity/password.h"

#include <sodium.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <semaphore>
#include <stdexcept>
#include <unordered_set>

#include "core/crypto/random.h"
#include "core/util/strings.h"
#include "core/util/embedded.h"

namespace tinhso {
const std::vector<EmbeddedFile>& embedded_identity_data();
}

namespace tinhso::identity {

namespace {

std::counting_semaphore<kHashConcurrency> g_hash_slots(kHashConcurrency);
std::atomic<int> g_admitted{0};
std::atomic<std::uint64_t> g_hashes{0};

// Holds one of the hashing slots for its lifetime.
struct HashSlot {
  HashSlot() {
    g_hash_slots.acquire();
    g_hashes.fetch_add(1, std::memory_order_relaxed);
  }
  ~HashSlot() { g_hash_slots.release(); }
};

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> out;
    for (const auto& f : embedded_identity_data()) {
      if (!f.path.ends_with("common-passwords.txt")) continue;
      std::size_t pos = 0;
      while (pos < f.data.size()) {
        auto nl = f.data.find('\n', pos);
        if (nl == std::string::npos) nl = f.data.size();
        std::string line = f.data.substr(pos, nl - pos);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && line[0] != '#') out.insert(ascii_lower(line));
        pos = nl + 1;
      }
    }
    return out;
  }();
  return set;
}

// A valid hash to verify against when the account has none, so timing reveals nothing.
const std::string& dummy_hash() {
  static const std::string h = hash_password("dummy password that never matches anything");
  return h;
}

}  // namespace

std::uint64_t hash_count() { return g_hashes.load(std::memory_order_relaxed); }

HashAdmission::HashAdmission() {
  int n = g_admitted.load();
  while (n < kHashAdmissions)
    if (g_admitted.compare_exchange_weak(n, n + 1)) {
      admitted_ = true;
      return;
    }
}

HashAdmission::~HashAdmission() {
  if (admitted_) g_admitted.fetch_sub(1);
}

std::string nfc(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out = n->normalize(u, err);
  if (U_FAILURE(err)) return std::string(s);
  std::string r;
  out.toUTF8String(r);
  return r;
}

std::size_t code_points(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool is_common_password(std::string_view password) { return common_passwords().count(ascii_lower(password)) > 0; }

PasswordProblem check_password(std::string_view password) {
  if (!valid_utf8(password)) return PasswordProblem::not_utf8;
  std::string p = nfc(password);
  std::size_t n = code_points(p);
  if (n < kMinPasswordLength) return PasswordProblem::too_short;
  if (n > kMaxPasswordLength) return PasswordProblem::too_long;
  if (is_common_password(p)) return PasswordProblem::common;
  return PasswordProblem::none;
}

std::string hash_password(std::string_view password) {
  std::string p = nfc(password);
  char out[crypto_pwhash_STRBYTES];
  HashSlot slot;
  if (crypto_pwhash_str(out, p.data(), p.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("password hashing ran out of memory");
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  bool usable = hash.starts_with("$argon2id$");
  const std::string& h = usable ? hash : dummy_hash();
  std::string p = nfc(password);
  HashSlot slot;
  bool ok = crypto_pwhash_str_verify(h.c_str(), p.data(), p.size()) == 0;
  return usable && ok;
}

std::string random_token() { return crypto::random_base64url(32); }

std::string token_hash(std::string_view token) {
  unsigned char h[crypto_generichash_BYTES];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  char hex[crypto_generichash_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

bool same_secret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tinhso::identity
