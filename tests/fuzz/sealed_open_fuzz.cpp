// Fuzzes sealed blobs (core/crypto/sealed.h), which keep the denouncer's identity secret at rest
// (Law on Denunciations 25/2018/QH14 Art. 8(3), 9(1)(b), 47(2), 56).
// 1. open() of arbitrary bytes with a fixed ring never crashes or throws, and returns the
//    plaintext or an error, never both; the error kind follows from the header alone.
// 2. Any plaintext (the input after its first line) sealed under any associated data (the first
//    line) opens to itself, and to nothing under a changed associated data or with a changed byte.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "check.h"
#include "core/crypto/sealed.h"

namespace {

using tinhso::crypto::KeyRing;
using tinhso::crypto::OpenError;

// Keys 1 and 2 (fixed test keys: bytes 0x01..0x20 and 0x21..0x40), key 2 current.
const KeyRing& ring() {
  static const KeyRing r(
      "1:AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=,"
      "2:ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=");
  return r;
}

// What open() must answer for `blob` from its header alone, or nullopt if only the tag decides.
std::optional<OpenError> header_verdict(std::string_view blob) {
  if (blob.size() < tinhso::crypto::kSealOverhead) return OpenError::truncated;
  if (static_cast<std::uint8_t>(blob[0]) != tinhso::crypto::kSealVersion) return OpenError::unknown_version;
  if (blob[1] != 1 && blob[1] != 2) return OpenError::unknown_key;
  return std::nullopt;
}

void open_arbitrary(std::string_view in) {
  std::string_view ad = "petition:1:identity";
  tinhso::crypto::Opened opened = ring().open(in, ad);
  FUZZ_CHECK(opened.plaintext.has_value() != opened.error.has_value());
  std::optional<OpenError> verdict = header_verdict(in);
  if (verdict) FUZZ_CHECK(opened.error == verdict);
  if (opened.plaintext) FUZZ_CHECK(opened.plaintext->size() == in.size() - tinhso::crypto::kSealOverhead);
  if (!verdict && !opened.plaintext) FUZZ_CHECK(*opened.error == OpenError::not_authentic);
  if (ring().needs_rotation(in)) FUZZ_CHECK(verdict || in[1] == 1);
}

void round_trip(std::string_view in) {
  std::string_view ad = tinhso::fuzz::take_line(in);
  const std::string blob = ring().seal(in, ad);
  FUZZ_CHECK(blob.size() == in.size() + tinhso::crypto::kSealOverhead);
  FUZZ_CHECK(!ring().needs_rotation(blob));
  tinhso::crypto::Opened opened = ring().open(blob, ad);
  FUZZ_CHECK(opened.plaintext && opened.plaintext->view() == in);

  FUZZ_CHECK(ring().open(blob, std::string(ad) + "x").error == OpenError::not_authentic);
  // Change one byte (chosen by the input) past the header: the tag catches it.
  std::string bad = blob;
  std::size_t at = 2 + (in.size() + ad.size()) % (bad.size() - 2);
  bad[at] = static_cast<char>(bad[at] ^ 0x5a);
  FUZZ_CHECK(ring().open(bad, ad).error == OpenError::not_authentic);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in = tinhso::fuzz::as_view(data, size);
  open_arbitrary(in);
  round_trip(in);
  return 0;
}
