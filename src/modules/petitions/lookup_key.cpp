#include "modules/petitions/lookup_key.h"

#include <sodium.h>

#include "core/document/files.h"

namespace tinhso::petitions {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford's base32
constexpr std::size_t kLength = 16;

}  // namespace

std::string new_lookup_key() {
  std::string out;
  for (std::size_t i = 0; i < kLength; ++i) {
    if (i && i % 4 == 0) out += '-';
    out += kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))];
  }
  return out;
}

std::string normalize_lookup_key(std::string_view typed) {
  if (typed.size() > 64) return {};
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (kAlphabet.find(c) == std::string_view::npos) return {};
    out += c;
  }
  return out.size() == kLength ? out : std::string();
}

std::string lookup_key_hash(std::string_view code, std::string_view key) {
  std::string k = normalize_lookup_key(key);
  if (k.empty()) return {};
  std::string message;
  message.append(code).append(1, '\n').append(k);
  return document::sha256_hex(message);
}

bool lookup_key_matches(std::string_view stored, std::string_view code, std::string_view key) {
  std::string given = lookup_key_hash(code, key);
  const bool comparable = stored.size() == 64 && given.size() == 64;
  const std::string blank(64, '-');
  const std::string_view a = comparable ? stored : std::string_view(blank);
  const std::string_view b = comparable ? std::string_view(given) : std::string_view(blank);
  return (sodium_memcmp(a.data(), b.data(), 64) == 0) & comparable;
}

}  // namespace tinhso::petitions
