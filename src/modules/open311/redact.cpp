#include "modules/open311/redact.h"

namespace tinhso::open311 {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool joiner(char c) { return c == ' ' || c == '.' || c == '-' || c == '(' || c == ')'; }
bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
constexpr int kMinDigits = 8;

// The end of a digit run starting at `i` (a digit or '+' followed by one) and how many digits it
// has: digits, each pair of digit groups joined by at most two joiners.
std::size_t run_end(std::string_view s, std::size_t i, int& digits) {
  std::size_t j = i;
  if (s[j] == '+' || s[j] == '(') ++j;
  std::size_t end = j;
  digits = 0;
  while (j < s.size()) {
    if (digit(s[j])) {
      ++digits;
      end = ++j;
      continue;
    }
    // One or two joiners ("-", " ", ") ") between digit groups.
    std::size_t k = j;
    while (k < s.size() && k - j < 2 && joiner(s[k])) ++k;
    if (k == j || k >= s.size() || !digit(s[k])) break;
    j = k;
  }
  return end;
}

}  // namespace

std::string redact_contacts(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    // A word holding '@'.
    if (!space(s[i]) && (i == 0 || space(s[i - 1]))) {
      std::size_t e = i;
      while (e < s.size() && !space(s[e])) ++e;
      if (s.substr(i, e - i).find('@') != std::string_view::npos) {
        out += kRedacted;
        i = e;
        continue;
      }
    }
    bool starts_run = digit(s[i]) || ((s[i] == '+' || s[i] == '(') && i + 1 < s.size() && digit(s[i + 1]));
    if (starts_run && (i == 0 || !digit(s[i - 1]))) {
      int digits = 0;
      std::size_t e = run_end(s, i, digits);
      if (digits >= kMinDigits) {
        out += kRedacted;
      } else {
        out.append(s.substr(i, e - i));
      }
      i = e;
      continue;
    }
    out += s[i++];
  }
  return out;
}

}  // namespace tinhso::open311
