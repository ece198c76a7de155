#pragma once
// What the public may read of a citizen's report text (issue 6 §7: the public city-reports page
// and GET requests show no personal data). Pure; fuzzed with the format layer.
#include <string>
#include <string_view>

namespace tinhso::open311 {

inline constexpr std::string_view kRedacted = "[…]";

// `text` with what looks like contact data replaced by kRedacted: every white-space-delimited
// word holding '@' (an e-mail address), and every run of 8 or more digits that may be broken by
// one or two spaces, dots, dashes or parentheses and may start with '+' or '(' (phone numbers "0912 345 678",
// "+84 912.345.678"; 9- and 12-digit ID numbers). Shorter numbers (house numbers, "Km 12",
// dates) stay. Invalid UTF-8 passes through unchanged (the serializers sanitize it).
std::string redact_contacts(std::string_view text);

}  // namespace tinhso::open311
