// Trigram fingerprints of folded text (similarity.h).
#include "modules/petitions/similarity.h"

#include <algorithm>
#include <array>

namespace tinhso::petitions {

namespace {

bool is_word_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// Folded Vietnamese words of 3 bytes or more that occur in almost every petition: function words,
// and the names of the petition kinds themselves ("khiếu nại", "tố cáo", "kiến nghị", "phản ánh",
// "đề nghị", "đơn"). Sorted, for binary search.
constexpr std::array<std::string_view, 46> kStopWords{
    "anh",   "bao",  "cac",   "cao",   "cho",  "chung", "con",   "cua",   "cung",  "dang",  "den",   "don",
    "duoc",  "hay",  "hoac",  "khi",   "khieu", "khong", "kien",  "lai",   "mot",   "nai",   "nam",   "nay",
    "ngay",  "nghi", "nguoi", "nhan",  "nhat",  "nhieu", "nhu",   "nhung", "phan",  "rat",   "sau",   "tai",
    "thang", "theo", "thi",   "toi",   "tren",  "trong", "truoc", "van",   "viec",  "voi"};

static_assert(std::is_sorted(kStopWords.begin(), kStopWords.end()));

bool is_stop_word(std::string_view w) { return std::binary_search(kStopWords.begin(), kStopWords.end(), w); }

}  // namespace

std::vector<std::string> folded_words(std::string_view folded) {
  folded = folded.substr(0, kMaxCompareBytes);
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && !is_word_byte(static_cast<unsigned char>(folded[i]))) ++i;
    std::size_t start = i;
    while (i < folded.size() && is_word_byte(static_cast<unsigned char>(folded[i]))) ++i;
    if (i > start) out.emplace_back(folded.substr(start, i - start));
  }
  return out;
}

std::vector<std::string> significant_words(std::string_view folded, std::size_t max) {
  std::vector<std::string> kept;
  for (auto& w : folded_words(folded))
    if (w.size() >= 3 && !is_stop_word(w) && std::find(kept.begin(), kept.end(), w) == kept.end()) kept.push_back(std::move(w));
  std::stable_sort(kept.begin(), kept.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  if (kept.size() > max) kept.resize(max);
  return kept;
}

Trigrams trigrams(std::string_view folded) {
  std::string joined = " ";
  for (const auto& w : folded_words(folded)) joined += w + " ";
  Trigrams out;
  if (joined.size() < 3) return out;
  out.reserve(joined.size() - 2);
  for (std::size_t i = 0; i + 3 <= joined.size(); ++i)
    out.push_back(static_cast<std::uint32_t>(static_cast<unsigned char>(joined[i])) << 16 |
                  static_cast<std::uint32_t>(static_cast<unsigned char>(joined[i + 1])) << 8 |
                  static_cast<std::uint32_t>(static_cast<unsigned char>(joined[i + 2])));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double jaccard(const Trigrams& a, const Trigrams& b) {
  if (a.empty() && b.empty()) return 0.0;
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace tinhso::petitions
