#pragma once
// Vietnamese text rules: accent-insensitive folding for search and the ICU `vi` collation for
// sorting. Thread-safe (each thread keeps its own ICU objects).
#include <string>
#include <string_view>
#include <vector>

namespace tinhso::text {

// Folds UTF-8 text for search: NFC, strip diacritics including đ/Đ → d (ICU transliterator
// "Any-Latin; Latin-ASCII; Lower"), collapse whitespace. "Đường Trần Phú" → "duong tran phu".
// SQLite FTS5's remove_diacritics does not fold đ (../shared/STACK.md): index fold() output.
std::string fold(std::string_view utf8);

// Three-way comparison by the Vietnamese collation (a < ă < â < b < c < d < đ < e < ê ...).
int compare_vi(std::string_view a, std::string_view b);
// Sort key bytes for `s` (memcmp order equals compare_vi order), for storing in an index.
std::string sort_key_vi(std::string_view s);
void sort_vi(std::vector<std::string>& items);

}  // namespace tinhso::text
