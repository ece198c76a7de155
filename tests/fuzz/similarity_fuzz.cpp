// Fuzzes the repeat detection (modules/petitions/similarity.h), which reads petition text from
// outside (online forms, letters typed at the desk, Open311). The input is two texts: before and
// after its first line break. It must never crash, and:
// 1. words are non-empty runs of word bytes; significant words are distinct, 3 bytes or more, at
//    most `max`, longest first;
// 2. a fingerprint is sorted, distinct and 24-bit; Jaccard is in [0, 1], symmetric, 1 for a
//    non-empty text against itself, 0 against nothing.
#include <cstdint>
#include <set>
#include <string>

#include "check.h"
#include "modules/petitions/similarity.h"

namespace {

bool word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

void check_words(std::string_view text) {
  using namespace tinhso::petitions;
  for (const auto& w : folded_words(text)) {
    FUZZ_CHECK(!w.empty());
    for (char c : w) FUZZ_CHECK(word_byte(static_cast<unsigned char>(c)));
  }
  const auto significant = significant_words(text, 4);
  FUZZ_CHECK(significant.size() <= 4);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < significant.size(); ++i) {
    FUZZ_CHECK(significant[i].size() >= 3);
    FUZZ_CHECK(seen.insert(significant[i]).second);
    if (i) FUZZ_CHECK(significant[i - 1].size() >= significant[i].size());
  }
}

void check_trigrams(const tinhso::petitions::Trigrams& t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    FUZZ_CHECK(t[i] < (1u << 24));
    if (i) FUZZ_CHECK(t[i - 1] < t[i]);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tinhso::petitions;
  std::string_view in = tinhso::fuzz::as_view(data, size);
  std::string_view a = tinhso::fuzz::take_line(in), b = in;
  check_words(a);
  check_words(b);
  const Trigrams ta = trigrams(a), tb = trigrams(b);
  check_trigrams(ta);
  check_trigrams(tb);
  const double s = jaccard(ta, tb);
  FUZZ_CHECK(s >= 0.0 && s <= 1.0);
  FUZZ_CHECK(s == jaccard(tb, ta));
  FUZZ_CHECK(jaccard(ta, ta) == (ta.empty() ? 0.0 : 1.0));
  FUZZ_CHECK(jaccard(ta, {}) == 0.0);
  return 0;
}
