#pragma once
// Small, allocation-light string helpers shared by the parsers. ASCII only: they never
// touch bytes >= 0x80, so UTF-8 passes through unchanged.
#include <string>
#include <string_view>
#include <vector>

namespace tinhso {

std::string_view trim(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
std::string to_lower_ascii(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
bool starts_with_icase(std::string_view s, std::string_view prefix);
// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is invalid (overlong,
// surrogate, truncated, > U+10FFFF).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);
// True if the whole of s is well-formed UTF-8 (by utf8_sequence_length).
bool valid_utf8(std::string_view s);
// The longest prefix of s of at most max_bytes that ends between two UTF-8 sequences (never in
// the middle of one: PostgreSQL refuses a broken sequence, so a cut value must still be text).
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);
// Escapes a string for a JSON string literal (without the quotes); invalid UTF-8 bytes become
// U+FFFD so that the output is always valid JSON text.
std::string json_escape(std::string_view s);
std::string hex_encode(std::string_view bytes);

}  // namespace tinhso
