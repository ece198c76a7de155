#pragma once
// Checks of single parameter values shared by the POST form (request_form.h) and the GET filters
// (query.h). Pure.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tinhso::open311 {

// Caps on the values, in Unicode code points. The spec caps only description (4000); the rest
// are ours, generous for real input and small enough to store and show.
inline constexpr std::size_t kMaxDescription = 4000;  // GeoReport v2: "max 4,000 characters"
inline constexpr std::size_t kMaxApiKey = 128;
inline constexpr std::size_t kMaxCode = 64;  // service_code, jurisdiction_id, attribute codes
inline constexpr std::size_t kMaxId = 128;   // address_id, device_id, account_id
inline constexpr std::size_t kMaxAddress = 500;
inline constexpr std::size_t kMaxName = 100;  // first_name, last_name
inline constexpr std::size_t kMaxEmail = 254;  // RFC 5321 path limit
inline constexpr std::size_t kMaxPhone = 32;
inline constexpr std::size_t kMaxUrl = 2048;
inline constexpr std::size_t kMaxAttributeString = 500;  // datatype string
inline constexpr std::size_t kMaxAttributeText = 4000;   // datatype text, as description

// Single-line values (names, codes, addresses) refuse every control character (C0, DEL);
// multi-line values (description, text attributes) allow TAB, LF and CR.
enum class TextKind { line, multiline };

// Why `value` is refused as text of at most `max_chars` Unicode code points, or nullopt when it
// is fine: "is not valid UTF-8", "contains a control character", "is longer than N characters".
// Lengths count code points, not bytes: "Đường" is 5 characters (OPEN311.md: description
// ≤ 4000 chars).
std::optional<std::string> text_problem(std::string_view value, std::size_t max_chars, TextKind kind);

// Number of code points of well-formed UTF-8 (invalid bytes count one each).
std::size_t code_points(std::string_view s);

// A decimal number as the spec's lat/long and number attributes are written: optional '-',
// 1..15 digits, optionally '.' and 1..15 digits ("21.0285", "-7", "0.5"); no exponent, no '+',
// no spaces, no NaN or infinity. nullopt for anything else.
std::optional<double> parse_decimal(std::string_view s);

}  // namespace tinhso::open311
