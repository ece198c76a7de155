#include "modules/open311/fields.h"

#include <charconv>

#include "core/util/strings.h"

namespace tinhso::open311 {

namespace {

std::size_t digit_run(std::string_view s, std::size_t pos) {
  std::size_t n = 0;
  while (pos + n < s.size() && s[pos + n] >= '0' && s[pos + n] <= '9') ++n;
  return n;
}

bool forbidden_control(unsigned char c, TextKind kind) {
  if (c == 0x7F) return true;
  if (c >= 0x20) return false;
  return kind == TextKind::line || (c != '\t' && c != '\n' && c != '\r');
}

}  // namespace

std::size_t code_points(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++count) {
    const std::size_t n = utf8_sequence_length(s, i);
    i += n == 0 ? 1 : n;
  }
  return count;
}

std::optional<std::string> text_problem(std::string_view value, std::size_t max_chars, TextKind kind) {
  if (!valid_utf8(value)) return "is not valid UTF-8";
  for (char c : value)
    if (forbidden_control(static_cast<unsigned char>(c), kind)) return "contains a control character";
  if (code_points(value) > max_chars) return "is longer than " + std::to_string(max_chars) + " characters";
  return std::nullopt;
}

std::optional<double> parse_decimal(std::string_view s) {
  std::size_t pos = s.starts_with('-') ? 1 : 0;
  const std::size_t whole = digit_run(s, pos);
  if (whole == 0 || whole > 15) return std::nullopt;
  pos += whole;
  if (pos < s.size()) {
    if (s[pos] != '.') return std::nullopt;
    const std::size_t fraction = digit_run(s, pos + 1);
    if (fraction == 0 || fraction > 15) return std::nullopt;
    pos += 1 + fraction;
  }
  if (pos != s.size()) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::fixed);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v == 0 ? 0.0 : v;  // "-0" reads as 0
}

}  // namespace tinhso::open311
