#include "modules/consultations/draft.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <utility>

#include "core/util/strings.h"

namespace tinhso::consultations {

namespace {

// ---- text ----

// The code point at s[i], advancing i; U+FFFD for an invalid sequence (normalise() leaves none).
UChar32 next_cp(std::string_view s, std::size_t& i) {
  const std::size_t n = utf8_sequence_length(s, i);
  if (n == 0) {
    ++i;
    return 0xFFFD;
  }
  const auto lead = static_cast<unsigned char>(s[i]);
  UChar32 c = n == 1 ? lead : n == 2 ? lead & 0x1F : n == 3 ? lead & 0x0F : lead & 0x07;
  for (std::size_t k = 1; k < n; ++k) c = c << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += n;
  return c;
}

// One line as the splitter reads it: zero-width characters, soft hyphens and BOMs removed, "Ð"/"ð"
// (eth, left by old-encoding converters) read as "Đ"/"đ", blanks (any Unicode white space, control
// characters) as spaces, invalid UTF-8 as U+FFFD; then NFC (after the removals, so that the result
// is stable: normalise(normalise(s)) == normalise(s)); then runs of spaces collapsed and trimmed.
std::string normalise(std::string_view line) {
  const icu::UnicodeString in =
      icu::UnicodeString::fromUTF8(icu::StringPiece(line.data(), static_cast<std::int32_t>(line.size())));
  icu::UnicodeString u;
  for (std::int32_t i = 0; i < in.length(); i = in.moveIndex32(i, 1)) {
    UChar32 c = in.char32At(i);
    if (c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0xAD) continue;
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || u_isUWhiteSpace(c)) c = ' ';
    else if (c == 0xD0) c = 0x110;
    else if (c == 0xF0) c = 0x111;
    else if (U_IS_SURROGATE(c)) c = 0xFFFD;
    u.append(c);
  }
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_SUCCESS(err)) {
    icu::UnicodeString composed = nfc->normalize(u, err);
    if (U_SUCCESS(err)) u = std::move(composed);
  }
  std::string utf8, out;
  u.toUTF8String(utf8);
  out.reserve(utf8.size());
  bool space = false;
  for (char c : utf8) {
    if (c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string lower(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<std::int32_t>(s.size())));
  std::string out;
  u.toLower().toUTF8String(out);
  return out;
}

// All capitals: at least one letter and no lower-case one ("QUY ĐỊNH CHUNG", "CHƯƠNG 2").
bool capitals(std::string_view s) {
  bool letter = false;
  for (std::size_t i = 0; i < s.size();) {
    const UChar32 c = next_cp(s, i);
    if (u_islower(c)) return false;
    letter = letter || u_isalpha(c);
  }
  return letter;
}

bool starts_upper(std::string_view s) {
  std::size_t i = 0;
  const UChar32 c = s.empty() ? 0 : next_cp(s, i);
  return u_isupper(c) || u_istitle(c);
}

std::size_t words(std::string_view s) { return s.empty() ? 0 : static_cast<std::size_t>(std::count(s.begin(), s.end(), ' ')) + 1; }

// The run of letters (ASCII letters and any non-ASCII character) at s[i].
std::string_view word_at(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && (static_cast<unsigned char>(s[j]) >= 0x80 || std::isalpha(static_cast<unsigned char>(s[j]))))
    ++j;
  return s.substr(i, j - i);
}

// Whether the lower-cased word `l` is `vi` as written, or `ascii`, the same without diacritics.
bool is_word(std::string_view l, std::string_view vi, std::string_view ascii) { return l == vi || l == ascii; }

std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size() && s[i] == ' ') ++i;
  return i;
}

// ---- numbers ----

std::string roman(int v) {
  static constexpr std::pair<int, const char*> kDigits[] = {{100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"},
                                                            {9, "IX"},  {5, "V"},   {4, "IV"}, {1, "I"}};
  std::string out;
  for (const auto& [value, digits] : kDigits)
    for (; v >= value; v -= value) out += digits;
  return out;
}

// The value of a Roman numeral (any case) from I to C, written canonically; nullopt otherwise.
std::optional<int> roman_value(std::string_view token) {
  if (token.empty() || token.size() > 8) return std::nullopt;
  std::string upper;
  for (char c : token) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (int v = 1; v <= 100; ++v)
    if (roman(v) == upper) return v;
  return std::nullopt;
}

// Ordinal words after "thứ" (Vietnamese ordinals of parts): "nhất" 1, "hai" 2 … "mười" 10,
// "mười một" 11 … "mười chín" 19; with or without diacritics.
struct Ordinal {
  const char* vi;
  const char* ascii;
  int value;
};
constexpr Ordinal kOrdinals[] = {{"nhất", "nhat", 1}, {"hai", "hai", 2}, {"ba", "ba", 3},     {"tư", "tu", 4},
                                 {"năm", "nam", 5},   {"sáu", "sau", 6}, {"bảy", "bay", 7},   {"tám", "tam", 8},
                                 {"chín", "chin", 9}, {"mười", "muoi", 10}};
constexpr Ordinal kTeens[] = {{"một", "mot", 1}, {"hai", "hai", 2}, {"ba", "ba", 3},     {"bốn", "bon", 4},
                              {"tư", "tu", 4},   {"lăm", "lam", 5}, {"năm", "nam", 5},   {"sáu", "sau", 6},
                              {"bảy", "bay", 7}, {"tám", "tam", 8}, {"chín", "chin", 9}};

template <std::size_t N>
std::optional<int> ordinal_word(std::string_view w, const Ordinal (&table)[N]) {
  const std::string l = lower(w);
  for (const auto& o : table)
    if (is_word(l, o.vi, o.ascii)) return o.value;
  return std::nullopt;
}

// The Vietnamese letters that number points, in order (no f, j, w, z; đ after d).
constexpr std::array<std::string_view, 23> kPointLetters = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                                            "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};

int point_index(std::string_view letter) {
  for (std::size_t i = 0; i < kPointLetters.size(); ++i)
    if (kPointLetters[i] == letter) return static_cast<int>(i);
  return -1;
}

// ASCII for an anchor: lower case, "đ" → "dd" for a point letter, diacritics dropped, spaces → "-".
std::string anchor_part(std::string_view number) {
  std::string out;
  const std::string l = lower(number);
  for (std::size_t i = 0; i < l.size();) {
    const std::size_t at = i;
    const UChar32 c = next_cp(l, i);
    if (c == 0x111) {
      out += l.size() == i - at ? "dd" : "d";
      continue;
    }
    if (c == ' ') {
      out += '-';
      continue;
    }
    if (c < 0x80) {
      out += static_cast<char>(c);
      continue;
    }
    // A Vietnamese vowel with its marks: its base letter (NFD's first code point).
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
    icu::UnicodeString d;
    if (U_SUCCESS(err)) d = nfd->normalize(icu::UnicodeString(c), err);
    if (U_SUCCESS(err) && d.length() > 0 && d.char32At(0) < 0x80) out += static_cast<char>(d.char32At(0));
  }
  return out;
}

// ---- what a line is ----

struct Heading {
  UnitKind kind = UnitKind::article;
  std::string number;
  int value = 0;
  bool letter_suffix = false;  // "Điều 5a"
  bool spaced = false;         // no punctuation between the number and a same-line heading
  std::string rest;            // the same-line heading (or text)
};

std::optional<UnitKind> keyword(std::string_view w) {
  if (w.size() < 3 || w.size() > 10) return std::nullopt;
  const std::string l = lower(w);
  if (is_word(l, "phần", "phan")) return UnitKind::part;
  if (is_word(l, "chương", "chuong")) return UnitKind::chapter;
  if (is_word(l, "mục", "muc")) return UnitKind::section;
  if (is_word(l, "điều", "dieu")) return UnitKind::article;
  return std::nullopt;
}

bool digit(std::string_view s, std::size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

// The number token of a `kind` heading at s[i]; advances i past it.
std::optional<Heading> number_at(std::string_view s, std::size_t& i, UnitKind kind) {
  Heading h;
  h.kind = kind;
  if (digit(s, i)) {
    std::size_t j = i;
    while (digit(s, j)) ++j;
    if (j - i > 4) return std::nullopt;
    h.value = std::stoi(std::string(s.substr(i, j - i)));
    if (h.value == 0) return std::nullopt;
    h.number = std::to_string(h.value);
    if (kind == UnitKind::article && j < s.size() && s[j] >= 'a' && s[j] <= 'z' && word_at(s, j).size() == 1) {
      h.number += s[j++];
      h.letter_suffix = true;
    }
    i = j;
    return h;
  }
  if (kind == UnitKind::article) return std::nullopt;
  const std::string_view w = word_at(s, i);
  if (const auto v = roman_value(w)) {
    h.value = *v;
    h.number = roman(*v);
    i += w.size();
    return h;
  }
  if (kind != UnitKind::part || !is_word(lower(w), "thứ", "thu")) return std::nullopt;
  std::size_t j = skip_spaces(s, i + w.size());
  const std::string_view first = word_at(s, j);
  const auto v = ordinal_word(first, kOrdinals);
  if (!v || j == i + w.size()) return std::nullopt;
  h.value = *v;
  h.number = lower(w) + " " + lower(first);
  j += first.size();
  if (*v == 10) {
    const std::size_t k = skip_spaces(s, j);
    const std::string_view second = word_at(s, k);
    if (const auto t = ordinal_word(second, kTeens); t && k > j) {
      h.value += *t;
      h.number += " " + lower(second);
      j = k + second.size();
    }
  }
  i = j;
  return h;
}

// A part, chapter, section or article heading, whatever the number sequence (see acceptable()).
std::optional<Heading> parse_heading(std::string_view s) {
  const std::string_view w = word_at(s, 0);
  const auto kind = keyword(w);
  if (!kind) return std::nullopt;
  std::size_t i = skip_spaces(s, w.size());
  if (i == w.size() && !digit(s, i)) return std::nullopt;  // "Điều5" is a typo of "Điều 5"; "Điềux" is not
  auto h = number_at(s, i, *kind);
  if (!h) return std::nullopt;
  // The token ends the line, or is followed by a blank or a separator.
  static constexpr std::string_view kSeparators[] = {".", ":", "-", "–", "—"};
  const std::size_t after = i;
  i = skip_spaces(s, i);
  bool separated = false;
  for (std::string_view sep : kSeparators)
    if (s.substr(i).starts_with(sep)) {
      i = skip_spaces(s, i + sep.size());
      separated = true;
      break;
    }
  if (!separated && after < s.size() && s[after] != ' ') return std::nullopt;
  h->rest = std::string(s.substr(i));
  h->spaced = !separated && !h->rest.empty();
  if (h->spaced && !starts_upper(h->rest)) return std::nullopt;
  return h;
}

// "1." or "1)" (not "1.5"): a clause's number and the rest of the line.
std::optional<std::pair<std::string, std::string>> parse_clause(std::string_view s) {
  std::size_t j = 0;
  while (digit(s, j)) ++j;
  if (j == 0 || j > 3 || j >= s.size() || (s[j] != '.' && s[j] != ')')) return std::nullopt;
  if (s[j] == '.' && digit(s, j + 1)) return std::nullopt;
  const int v = std::stoi(std::string(s.substr(0, j)));
  if (v == 0) return std::nullopt;
  return std::pair{std::to_string(v), std::string(s.substr(skip_spaces(s, j + 1)))};
}

// "a)", "đ)" or "a. ": a point's letter and the rest of the line.
std::optional<std::pair<std::string, std::string>> parse_point(std::string_view s) {
  const std::size_t len = s.starts_with("đ") ? 2 : 1;
  if (s.size() <= len || point_index(s.substr(0, len)) < 0) return std::nullopt;
  const char sep = s[len];
  if (sep != ')' && !(sep == '.' && (s.size() == len + 1 || s[len + 1] == ' '))) return std::nullopt;
  return std::pair{std::string(s.substr(0, len)), std::string(s.substr(skip_spaces(s, len + 1)))};
}

// ---- table rows ----

// The cells of a row line "| a | b |" (a '|' inside a cell escaped "\|"), trimmed.
std::vector<std::string> row_cells(std::string_view line) {
  std::vector<std::string> cells(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cells.back() += "\\|";
      ++i;
    } else if (line[i] == '|') {
      cells.emplace_back();
    } else {
      cells.back() += line[i];
    }
  }
  if (line.starts_with('|')) cells.erase(cells.begin());
  if (cells.size() > 1 && cells.back().find_first_not_of(' ') == std::string::npos && line.ends_with('|') &&
      !line.ends_with("\\|"))
    cells.pop_back();
  for (auto& c : cells) c = std::string(trim(c));
  return cells;
}

// "| a | b |"; "" when every cell is blank.
std::string row_line(const std::vector<std::string>& cells) {
  bool any = false;
  std::string out = "|";
  for (const auto& c : cells) {
    out += " " + c + " |";
    any = any || !c.empty();
  }
  return any ? out : "";
}

// Whether `line` is a table row as split_draft writes one (not a text that starts with '|').
bool row_form(std::string_view line) { return line.starts_with('|') && row_line(row_cells(line)) == line; }

// ---- closing and titles ----

// "Nơi nhận" (recipients), alone or followed by ':', or a signature line's authority mark (Decree 30/2020/NĐ-CP on the form
// of administrative documents: "TM." on behalf of a collective body, "KT." signing for, "TL."
// "TUQ." by order, by authorisation).
bool closing_line(std::string_view s) {
  const std::string_view first = word_at(s, 0);
  const std::size_t at = first.size() + 1;
  const std::string_view second = at <= s.size() ? word_at(s, at) : std::string_view();
  const std::string_view after = at <= s.size() ? s.substr(at + second.size()) : std::string_view();
  if (!s.empty() && (s.front() == 'N' || s.front() == 'n') && first.size() <= 4 && first.size() < s.size() &&
      s[first.size()] == ' ' && is_word(lower(first), "nơi", "noi") &&
      is_word(lower(second), "nhận", "nhan") && (after.empty() || after.front() == ':'))
    return true;
  for (std::string_view mark : {"TM.", "KT.", "TL.", "TUQ."})
    if (s.starts_with(mark) && (s.size() == mark.size() || s[mark.size()] == ' ')) return true;
  return false;
}

bool closing_row(std::string_view row) {
  for (const auto& c : row_cells(row))
    if (closing_line(c)) return true;
  return false;
}

// A line that may be a part's, chapter's or section's heading written on its own line.
bool title_line(std::string_view s) {
  if (s.empty() || s.starts_with('|') || parse_heading(s) || closing_line(s)) return false;
  if (capitals(s)) return true;
  const char last = s.back();
  return s.size() <= 200 && last != '.' && last != ';' && last != ':' && last != ',' && !s.starts_with("- ") &&
         !s.starts_with("+ ") && std::any_of(s.begin(), s.end(), [](char c) {
           return static_cast<unsigned char>(c) >= 0x80 || std::isalpha(static_cast<unsigned char>(c));
         });
}

bool title_continuation(std::string_view s) { return title_line(s) && capitals(s); }

// An article's same-line rest that reads as a sentence, not a heading.
bool sentence(std::string_view s) {
  return s.size() > 400 || ((s.ends_with('.') || s.ends_with(';')) && words(s) > 12);
}

// ---- labels ----

std::string own_label(const Unit& u) {
  switch (u.kind) {
    case UnitKind::preamble: return "Phần mở đầu";
    case UnitKind::part: return "Phần " + u.number;
    case UnitKind::chapter: return "Chương " + u.number;
    case UnitKind::section: return "Mục " + u.number;
    case UnitKind::article: return "Điều " + u.number;
    case UnitKind::clause: return "Khoản " + u.number;
    case UnitKind::point: return "Điểm " + u.number;
    case UnitKind::closing: return "Phần kết thúc";
  }
  return "";
}

// ---- the splitter ----

class Splitter {
 public:
  explicit Splitter(const SplitLimits& limits) : limits_(limits) {}

  void line(const std::string& s, bool table) {
    if (closing_) return append(s);
    if (table ? closing_row(s) : closing_line(s)) {
      title_for_ = -1;
      if (add(UnitKind::closing, "", "", -1) >= 0) closing_ = true;
      return append(s);
    }
    if (table) {
      title_for_ = -1;
      return append(s);
    }
    if (auto h = parse_heading(s); h && acceptable(*h)) return heading(*h, s);
    if (title_for_ >= 0 && title(s)) return;
    title_for_ = -1;
    if (article_ >= 0) {
      if (auto c = parse_clause(s)) return clause(c->first, c->second, s);
      if (auto p = parse_point(s)) return point(p->first, p->second, s);
    }
    append(s);
  }

  SplitResult finish() {
    if (std::none_of(r_.units.begin(), r_.units.end(), [](const Unit& u) { return u.kind == UnitKind::article; }))
      warn("no article found");
    for (const Unit& u : r_.units)
      if (u.heading.empty() && (u.kind == UnitKind::part || u.kind == UnitKind::chapter ||
                                u.kind == UnitKind::section || u.kind == UnitKind::article))
        warn(unit_label_vi(u) + " has no heading");
    return std::move(r_);
  }

 private:
  void warn(std::string w) { r_.warnings.push_back(std::move(w)); }

  // A heading with a space but no punctuation before its same-line title is taken only when its
  // number is the one expected next ("Điều 6 Luật ..." inside Điều 3 is text).
  bool acceptable(const Heading& h) const {
    if (!h.spaced) return true;
    const auto& last = h.kind == UnitKind::part      ? last_part_
                       : h.kind == UnitKind::chapter ? last_chapter_
                       : h.kind == UnitKind::section ? last_section_
                                                     : last_article_;
    if (h.kind == UnitKind::article && !last) return true;
    if (h.letter_suffix) return last && *last == h.value;
    return h.value == (last ? *last + 1 : 1);
  }

  enum class Order { next, wrong_first, gap };

  // Whether `value` follows `last` (1 comes first; "5a" may follow 5), recording it.
  static Order order(std::optional<int>& last, int value, bool letter_suffix) {
    const std::optional<int> before = std::exchange(last, value);
    if (!before) return value == 1 ? Order::next : Order::wrong_first;
    return value == *before + 1 || (letter_suffix && value == *before) ? Order::next : Order::gap;
  }

  // The warning for a unit `label` out of order: "Điều 7 follows Điều 5" (`previous`) or "the
  // first article is Điều 2" (`first`, the kind's English name).
  void check_order(Order o, const std::string& label, const std::string& previous, const std::string& first,
                   const std::string& in) {
    if (o == Order::gap) warn(label + " follows " + previous + in);
    else if (o == Order::wrong_first) warn("the first " + first + in + " is " + label);
  }

  const Unit& at(int i) const { return r_.units[static_cast<std::size_t>(i)]; }
  Unit& at(int i) { return r_.units[static_cast<std::size_t>(i)]; }

  void heading(const Heading& h, const std::string& raw) {
    title_for_ = -1;
    std::string head = h.kind == UnitKind::article && sentence(h.rest) ? "" : h.rest;
    const std::string text = head.empty() ? h.rest : "";
    switch (h.kind) {
      case UnitKind::part: {
        const int i = add(UnitKind::part, h.number, cut(std::move(head)), -1);
        if (i < 0) return append(raw);
        check_order(order(last_part_, h.value, false), own_label(at(i)), previous_[0], "part", "");
        previous_[0] = own_label(at(i));
        part_ = i, chapter_ = section_ = article_ = clause_ = point_ = -1;
        last_section_.reset();
        break;
      }
      case UnitKind::chapter: {
        const int i = add(UnitKind::chapter, h.number, cut(std::move(head)), part_);
        if (i < 0) return append(raw);
        check_order(order(last_chapter_, h.value, false), own_label(at(i)), previous_[1], "chapter", "");
        previous_[1] = own_label(at(i));
        chapter_ = i, section_ = article_ = clause_ = point_ = -1;
        last_section_.reset();
        break;
      }
      case UnitKind::section: {
        const int i = add(UnitKind::section, h.number, cut(std::move(head)), chapter_ >= 0 ? chapter_ : part_);
        if (i < 0) return append(raw);
        const std::string in = at(i).within.empty() ? "" : " in " + at(i).within;
        check_order(order(last_section_, h.value, false), own_label(at(i)), previous_[2], "section", in);
        previous_[2] = own_label(at(i));
        section_ = i, article_ = clause_ = point_ = -1;
        break;
      }
      default: {
        const int parent = section_ >= 0 ? section_ : chapter_ >= 0 ? chapter_ : part_;
        const int i = add(UnitKind::article, h.number, cut(std::move(head)), parent);
        if (i < 0) return append(raw);
        const Order o = order(last_article_, h.value, h.letter_suffix);
        check_order(o == Order::wrong_first && h.letter_suffix ? Order::next : o, own_label(at(i)), previous_[3],
                    "article", "");
        previous_[3] = own_label(at(i));
        article_ = i, clause_ = point_ = -1;
        last_clause_.reset();
        last_point_.reset();
        if (!text.empty()) append(text);
        return;
      }
    }
    title_for_ = h.rest.empty() ? static_cast<int>(r_.units.size()) - 1 : -1;
    title_lines_ = 0;
  }

  // A line after a part's, chapter's or section's heading that had no same-line title.
  bool title(const std::string& s) {
    Unit& u = at(title_for_);
    if (title_lines_ == 0 ? !title_line(s) : !title_continuation(s) || !capitals(u.heading)) return false;
    u.heading = cut(u.heading.empty() ? s : u.heading + " " + s);
    if (++title_lines_ == 3 || !capitals(s)) title_for_ = -1;
    return true;
  }

  void clause(const std::string& number, const std::string& rest, const std::string& raw) {
    const int i = add(UnitKind::clause, number, "", article_);
    if (i < 0) return append(raw);
    const std::string in = " in " + at(i).within;
    check_order(order(last_clause_, std::stoi(number), false), "Khoản " + number, "khoản " + previous_[4],
                "clause", in);
    previous_[4] = number;
    clause_ = i, point_ = -1;
    last_point_.reset();
    if (!rest.empty()) append(rest);
  }

  void point(const std::string& letter, const std::string& rest, const std::string& raw) {
    const int i = add(UnitKind::point, letter, "", clause_ >= 0 ? clause_ : article_);
    if (i < 0) return append(raw);
    // Letters are compared by their place in kPointLetters, counted from 1.
    check_order(order(last_point_, point_index(letter) + 1, false), "Điểm " + letter, "điểm " + previous_[5],
                "point", " in " + at(i).within);
    previous_[5] = letter;
    point_ = i;
    if (!rest.empty()) append(rest);
  }

  // A new unit after the last; its index, or -1 past max_units.
  int add(UnitKind kind, std::string number, std::string heading, int parent) {
    if (r_.units.size() >= limits_.max_units) {
      if (!r_.truncated || !units_cut_) warn("more than " + std::to_string(limits_.max_units) +
                                             " units: the rest is text of the last unit");
      r_.truncated = units_cut_ = true;
      return -1;
    }
    Unit u;
    u.kind = kind;
    u.number = std::move(number);
    u.heading = std::move(heading);
    if (parent >= 0) {
      u.parent = at(parent).anchor;
      u.depth = at(parent).depth + 1;
    }
    std::string anchor;
    switch (kind) {
      case UnitKind::preamble: anchor = "mo-dau"; break;
      case UnitKind::closing: anchor = "ket-thuc"; break;
      case UnitKind::part: anchor = "phan-" + anchor_part(u.number); break;
      case UnitKind::chapter: anchor = "chuong-" + anchor_part(u.number); break;
      case UnitKind::section:
        anchor = (parent >= 0 ? u.parent + "-" : "") + "muc-" + anchor_part(u.number);
        u.within = parent >= 0 ? unit_label_vi(at(parent)) : "";
        break;
      case UnitKind::article: anchor = "dieu-" + anchor_part(u.number); break;
      case UnitKind::clause:
        anchor = u.parent + "-khoan-" + u.number;
        u.within = unit_label_vi(at(parent));
        break;
      case UnitKind::point:
        anchor = u.parent + "-diem-" + anchor_part(u.number);
        u.within = at(parent).kind == UnitKind::clause ? "khoản " + at(parent).number + " " + at(parent).within
                                                       : unit_label_vi(at(parent));
        break;
    }
    u.anchor = anchor;
    for (int n = 2; !anchors_.insert(u.anchor).second; ++n) u.anchor = anchor + "-" + std::to_string(n);
    if (u.anchor != anchor) warn("duplicate anchor " + anchor + " renamed " + u.anchor);
    r_.units.push_back(std::move(u));
    return static_cast<int>(r_.units.size()) - 1;
  }

  // `s` cut to max_unit_text bytes (between two UTF-8 sequences, then trimmed).
  std::string cut(std::string s) {
    if (s.size() <= limits_.max_unit_text) return s;
    r_.truncated = true;
    warn("a heading cut at " + std::to_string(limits_.max_unit_text) + " bytes");
    return std::string(trim(utf8_prefix(s, limits_.max_unit_text)));
  }

  void append(const std::string& s) {
    if (r_.units.empty()) add(UnitKind::preamble, "", "", -1);
    const auto i = r_.units.size() - 1;
    std::string& text = r_.units[i].text;
    const std::size_t need = text.empty() ? s.size() : text.size() + 1 + s.size();
    if (need <= limits_.max_unit_text) {
      if (!text.empty()) text += '\n';
      text += s;
      return;
    }
    if (text.empty()) text = std::string(trim(utf8_prefix(s, limits_.max_unit_text)));
    r_.truncated = true;
    if (cut_.insert(i).second)
      warn("text of " + unit_label_vi(r_.units[i]) + " cut at " + std::to_string(limits_.max_unit_text) + " bytes");
  }

  const SplitLimits& limits_;
  SplitResult r_;
  std::set<std::string> anchors_;
  std::set<std::size_t> cut_;
  bool closing_ = false, units_cut_ = false;
  int part_ = -1, chapter_ = -1, section_ = -1, article_ = -1, clause_ = -1, point_ = -1;
  int title_for_ = -1, title_lines_ = 0;
  std::optional<int> last_part_, last_chapter_, last_section_, last_article_, last_clause_, last_point_;
  // The previous part's, chapter's, section's and article's labels, clause's number, point's letter.
  std::array<std::string, 6> previous_;
};

// The lines of `text` ("\n", "\r\n" or "\r" ends one).
std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\n' && text[i] != '\r') continue;
    out.push_back(text.substr(start, i - start));
    if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  return out;
}

}  // namespace

std::string_view kind_name(UnitKind kind) {
  switch (kind) {
    case UnitKind::preamble: return "preamble";
    case UnitKind::part: return "part";
    case UnitKind::chapter: return "chapter";
    case UnitKind::section: return "section";
    case UnitKind::article: return "article";
    case UnitKind::clause: return "clause";
    case UnitKind::point: return "point";
    case UnitKind::closing: return "closing";
  }
  return "";
}

std::optional<UnitKind> kind_from_name(std::string_view name) {
  for (auto k : {UnitKind::preamble, UnitKind::part, UnitKind::chapter, UnitKind::section, UnitKind::article,
                 UnitKind::clause, UnitKind::point, UnitKind::closing})
    if (kind_name(k) == name) return k;
  return std::nullopt;
}

std::vector<DraftParagraph> paragraphs_from_text(std::string_view plain) {
  std::vector<DraftParagraph> out;
  for (std::string_view line : lines_of(plain)) {
    const std::string_view t = trim(line);
    if (!t.empty()) out.push_back({std::string(line), t.front() == '|'});
  }
  return out;
}

std::vector<DraftParagraph> paragraphs_from_docx(const document::DocxText& docx) {
  std::vector<DraftParagraph> out;
  for (const auto& p : docx.paragraphs) {
    if (!p.in_table) {
      for (std::string_view line : lines_of(p.text))
        if (!trim(line).empty()) out.push_back({std::string(line), false});
      continue;
    }
    std::vector<std::string> cells;
    for (const auto& c : p.cells) {
      std::string cell;
      for (char ch : trim(c)) cell += ch == '|' ? std::string("\\|") : ch == '\n' || ch == '\r' ? std::string(" ") : std::string(1, ch);
      cells.push_back(std::move(cell));
    }
    if (cells.empty()) cells.push_back(p.text);
    if (std::string row = row_line(cells); !row.empty()) out.push_back({std::move(row), true});
  }
  return out;
}

SplitResult split_draft(const std::vector<DraftParagraph>& paragraphs, const SplitLimits& limits) {
  Splitter s(limits);
  for (const auto& p : paragraphs)
    for (std::string_view raw : lines_of(p.text)) {
      std::string line = normalise(raw);
      if (line.empty()) continue;
      const bool table = p.in_table || line.front() == '|';
      if (table) line = row_line(row_cells(line));
      if (!line.empty()) s.line(line, table);
    }
  return s.finish();
}

std::string unit_label_vi(const Unit& unit) {
  std::string label = own_label(unit);
  if (!unit.within.empty()) label += " " + unit.within;
  return label;
}

std::string to_text(const std::vector<Unit>& units) {
  std::string out;
  auto line = [&](std::string_view s) {
    out += s;
    out += '\n';
  };
  for (const Unit& u : units) {
    const std::string_view first = std::string_view(u.text).substr(0, u.text.find('\n'));
    switch (u.kind) {
      case UnitKind::part:
      case UnitKind::chapter:
      case UnitKind::section: {
        const std::string label = own_label(u);
        // On its own line where split_draft reads it back as the title, else after ". ".
        const bool own_line = title_line(u.heading) && (!capitals(u.heading) || !title_continuation(first));
        if (u.heading.empty()) line(label);
        else if (own_line) line(label + "\n" + u.heading);
        else line(label + ". " + u.heading);
        break;
      }
      case UnitKind::article:
        // A text that was the same-line rest (a sentence, perhaps "1. ..." or "| ...") stays there;
        // a table row goes on its own line.
        if (u.heading.empty() && sentence(first) && !row_form(first)) {
          line(own_label(u) + ". " + u.text);
          continue;
        }
        line(own_label(u) + (u.heading.empty() ? "." : ". " + u.heading));
        break;
      // The number alone on its line when the text starts with a table row.
      case UnitKind::clause: out += u.number + (u.text.empty() || row_form(first) ? ".\n" : ". "); break;
      case UnitKind::point: out += u.number + (u.text.empty() || row_form(first) ? ")\n" : ") "); break;
      default: break;
    }
    if (!u.text.empty()) line(u.text);
  }
  return out;
}

}  // namespace tinhso::consultations
