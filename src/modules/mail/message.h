#pragma once
// Building an RFC 5322 message for the mail module: headers (RFC 2047 encoded words for non-ASCII
// text), a base64 UTF-8 text/plain body, and SMTP dot-stuffing. Pure functions, no I/O.
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tinhso::mail {

// Thrown for a message that must never be sent as it is (CR/LF in a header value, a malformed
// address): header injection is refused, not repaired (ASVS 5.0 1.3.11).
class InvalidMessage : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// True if `addr` is one plain address ("local@domain"): no CR/LF, spaces, angle brackets, commas.
bool valid_address(std::string_view addr);
// `text` as one or more RFC 2047 encoded words (=?UTF-8?B?...?=, each at most 75 characters,
// split on code point boundaries and folded with CRLF SP); printable ASCII is returned as is.
// Throws InvalidMessage if `text` contains CR or LF.
std::string encode_header_text(std::string_view text);
// SMTP transparency (RFC 5321 §4.5.2): every line starting with '.' gets another '.'; bare LF
// becomes CRLF; the result ends with CRLF (the caller adds ".\r\n").
std::string dot_stuff(std::string_view data);
// RFC 5322 date in UTC: "Thu, 26 Nov 2026 15:20:48 +0000".
std::string rfc5322_date(std::chrono::system_clock::time_point t);

struct Outgoing {
  std::string from, to, subject, text;
  std::chrono::system_clock::time_point date;
  std::string message_id;  // without angle brackets: "random@domain"
};
// The full message (headers + CRLF + base64 body with 76-character lines), before dot-stuffing.
// Throws InvalidMessage on CR/LF in a header value or an invalid address.
std::string build_message(const Outgoing& m);

// Delay before the next attempt after `attempts` failed ones (1 → 1 min, 2 → 5 min, 3 → 30 min,
// 4 → 2 h, 5 → 6 h, 6 → 12 h, 7 → 24 h); nullopt from the 8th failure on: give up.
std::optional<std::chrono::seconds> retry_delay(int attempts);
inline constexpr int kMaxAttempts = 8;

}  // namespace tinhso::mail
