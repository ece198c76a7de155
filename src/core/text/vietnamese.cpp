#include "core/text/vietnamese.h"

#include <unicode/coll.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace tinhso::text {

namespace {

icu::Transliterator& folder() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> tr(icu::Transliterator::createInstance(
        "NFC; Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU transliterator unavailable");
    return tr;
  }();
  return *t;
}

icu::Collator& collator() {
  thread_local std::unique_ptr<icu::Collator> c = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> col(icu::Collator::createInstance(icu::Locale("vi"), status));
    if (U_FAILURE(status)) throw std::runtime_error("ICU vi collator unavailable");
    return col;
  }();
  return *c;
}

icu::UnicodeString from_utf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

}  // namespace

std::string fold(std::string_view utf8) {
  icu::UnicodeString u = from_utf8(utf8);
  folder().transliterate(u);
  std::string raw;
  u.toUTF8String(raw);
  std::string out;
  out.reserve(raw.size());
  bool space = false;
  for (char c : raw) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

int compare_vi(std::string_view a, std::string_view b) {
  UErrorCode status = U_ZERO_ERROR;
  UCollationResult r = collator().compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                                              icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
  if (U_FAILURE(status)) return a.compare(b);
  return r == UCOL_LESS ? -1 : (r == UCOL_GREATER ? 1 : 0);
}

std::string sort_key_vi(std::string_view s) {
  icu::UnicodeString u = from_utf8(s);
  int32_t n = collator().getSortKey(u, nullptr, 0);
  std::string key(static_cast<std::size_t>(n), '\0');
  collator().getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), n);
  if (!key.empty() && key.back() == '\0') key.pop_back();
  return key;
}

void sort_vi(std::vector<std::string>& items) {
  std::stable_sort(items.begin(), items.end(),
                   [](const std::string& a, const std::string& b) { return compare_vi(a, b) < 0; });
}

}  // namespace tinhso::text
