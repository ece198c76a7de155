// Fuzzes parse_urlencoded and percent_decode/percent_encode. Only Error(bad_request) and
// Error(payload_too_large) may escape; everything decoded must be valid UTF-8 and free of the
// control characters check_field_text refuses; FormData::get of any name is its one non-blank
// value, absent, or Error(bad_request) for two different ones (issue 12 §1, §8).
#include <cstdint>

#include "check.h"
#include "core/http/form.h"

using tinhso::http::Error;
using tinhso::http::ErrorKind;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in = tinhso::fuzz::as_view(data, size);
  try {
    auto form = tinhso::http::parse_urlencoded(in, 16);
    FUZZ_CHECK(form.items().size() <= 16);
    for (const auto& [k, v] : form.items()) {
      FUZZ_CHECK(tinhso::valid_utf8(k) && tinhso::valid_utf8(v));
      bool clean = true;
      try {
        tinhso::http::check_field_text(k, v);
      } catch (const Error&) {
        clean = false;
      }
      FUZZ_CHECK(clean);
      std::size_t non_blank = 0;
      bool differ = false;
      std::string_view first;
      for (std::string_view x : form.all(k)) {
        if (tinhso::trim(x).empty()) continue;
        if (non_blank++ == 0) first = x;
        else differ = differ || x != first;
      }
      try {
        auto got = form.get(k);
        FUZZ_CHECK(!differ);
        FUZZ_CHECK(got.has_value() == (non_blank > 0));
        FUZZ_CHECK(!got || *got == first);
      } catch (const Error& e) {
        FUZZ_CHECK(differ && e.kind() == ErrorKind::bad_request);
      }
    }
  } catch (const Error& e) {
    FUZZ_CHECK(e.kind() == ErrorKind::bad_request || e.kind() == ErrorKind::payload_too_large);
  }
  for (bool plus : {false, true}) {
    try {
      std::string out = tinhso::http::percent_decode(in, plus);
      FUZZ_CHECK(tinhso::valid_utf8(out));
      FUZZ_CHECK(out.size() <= in.size());
    } catch (const Error& e) {
      FUZZ_CHECK(e.kind() == ErrorKind::bad_request);
    }
  }
  // Encoding then decoding gives back any valid UTF-8 text, and only it.
  std::string encoded = tinhso::http::percent_encode(in);
  for (char c : encoded) FUZZ_CHECK(c != '+' && c != '&' && c != '=' && static_cast<unsigned char>(c) < 0x80);
  if (tinhso::valid_utf8(in)) {
    FUZZ_CHECK(tinhso::http::percent_decode(encoded, true) == in);
  } else {
    bool decoded = false;
    try {
      tinhso::http::percent_decode(encoded, true);
      decoded = true;
    } catch (const Error& e) {
      FUZZ_CHECK(e.kind() == ErrorKind::bad_request);
    }
    FUZZ_CHECK(!decoded);
  }
  return 0;
}
