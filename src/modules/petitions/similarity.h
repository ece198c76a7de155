#pragma once
// Near-duplicate text for the desk's repeat suggestions (issue 6: "repeats — the same person, or
// similar text about the same subject (similarity on folded Vietnamese text) — are suggested to
// the officer for linking").
//
// Pure, and free of ICU, Boost and SOCI: every function takes text::fold() output ("Ngập nước"
// → "ngap nuoc"; bytes outside ASCII that fold leaves, e.g. CJK, are kept as word bytes), so the
// caller folds and this file is fuzzed (tests/fuzz/similarity_fuzz.cpp). Cost is linear in the
// input (capped at kMaxCompareBytes) plus a sort of its trigrams.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso::petitions {

// Only this many bytes of a text are compared (a subject of 300 and content of 10,000 bytes fit).
inline constexpr std::size_t kMaxCompareBytes = 12000;
// Two texts whose trigram Jaccard reaches this are suggested as the same matter. Chosen on the
// table in tests/unit/modules/petitions/similarity_test.cpp: the same letter retyped without diacritics or
// with a few words changed scores above it, another matter on the same street below.
inline constexpr double kSimilarThreshold = 0.45;

// The words of folded text: maximal runs of ASCII letters and digits and of bytes >= 0x80, in
// order; everything else separates.
std::vector<std::string> folded_words(std::string_view folded);

// Up to `max` distinct words of a folded subject worth searching for: 3 bytes or more, not a
// common Vietnamese function word ("cua", "cac", "nhung", "de", "nghi" ...), longest first
// (ties in text order). The repeat query needs at least one of them in a candidate's text.
std::vector<std::string> significant_words(std::string_view folded, std::size_t max);

// A text's fingerprint: the sorted distinct character trigrams of its words joined by single
// spaces and padded with one space at each end (" ngap nuoc " → " ng", "nga", "gap", "ap ",
// ...), each packed exactly into 24 bits (no hash collisions). Empty for text without words.
using Trigrams = std::vector<std::uint32_t>;
Trigrams trigrams(std::string_view folded);

// Jaccard similarity |A ∩ B| / |A ∪ B| of two fingerprints, in [0, 1]; 0 when both are empty.
double jaccard(const Trigrams& a, const Trigrams& b);

}  // namespace tinhso::petitions
