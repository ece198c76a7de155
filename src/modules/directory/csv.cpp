#include "modules/directory/csv.h"

namespace tinhso::directory {

namespace {

// Tokenises records; `line` counts physical lines so that errors point at the right one.
class Parser {
 public:
  Parser(std::string_view text, const CsvLimits& limits) : s_(text), limits_(limits) {}

  // Reads the next record into `out`; false at end of input. Sets error_ on failure.
  bool next(CsvRecord& out) {
    skip_blank_lines();
    if (pos_ >= s_.size()) return false;
    out.line = line_;
    out.fields.clear();
    for (;;) {
      std::string field;
      if (!read_field(field)) return false;
      if (out.fields.size() >= limits_.max_fields) return fail("directory.csv.too_many_fields");
      out.fields.push_back(std::move(field));
      if (pos_ >= s_.size()) return true;
      char c = s_[pos_];
      if (c == ',') {
        ++pos_;
        continue;
      }
      end_of_line();
      return true;
    }
  }

  const std::optional<CsvError>& error() const { return error_; }

 private:
  bool fail(const char* id) {
    error_ = CsvError{line_, id};
    return false;
  }

  void skip_blank_lines() {
    while (pos_ < s_.size() && (s_[pos_] == '\n' || s_[pos_] == '\r')) end_of_line();
  }

  // At '\r' or '\n': consumes one line break (CRLF, LF or a lone CR).
  void end_of_line() {
    if (s_[pos_] == '\r') ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
    ++line_;
  }

  bool append(std::string& field, char c) {
    if (field.size() >= limits_.max_field_bytes) return fail("directory.csv.field_too_long");
    field.push_back(c);
    return true;
  }

  bool read_field(std::string& field) {
    if (pos_ < s_.size() && s_[pos_] == '"') return read_quoted(field);
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == ',' || c == '\n' || c == '\r') break;
      if (c == '"') return fail("directory.csv.stray_quote");
      if (!append(field, c)) return false;
      ++pos_;
    }
    return true;
  }

  bool read_quoted(std::string& field) {
    std::size_t start_line = line_;
    ++pos_;
    for (;;) {
      if (pos_ >= s_.size()) {
        line_ = start_line;
        return fail("directory.csv.unterminated_quote");
      }
      char c = s_[pos_++];
      if (c == '"') {
        if (pos_ < s_.size() && s_[pos_] == '"') {
          ++pos_;
          if (!append(field, '"')) return false;
          continue;
        }
        if (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '\n' && s_[pos_] != '\r')
          return fail("directory.csv.text_after_quote");
        return true;
      }
      if (c == '\n') ++line_;
      if (c == '\r' && (pos_ >= s_.size() || s_[pos_] != '\n')) ++line_;
      if (!append(field, c)) return false;
    }
  }

  std::string_view s_;
  const CsvLimits& limits_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::optional<CsvError> error_;
};

}  // namespace

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t n;
    char32_t cp;
    if (b < 0x80) {
      ++i;
      continue;
    } else if ((b & 0xE0) == 0xC0) {
      n = 1, cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      n = 2, cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      n = 3, cp = b & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // truncated sequence
    for (std::size_t k = 1; k <= n; ++k) {
      auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

CsvResult parse_csv(std::string_view text, const CsvLimits& limits) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (!valid_utf8(text)) return {std::nullopt, CsvError{0, "directory.csv.bad_utf8"}};
  Parser p(text, limits);
  CsvTable table;
  CsvRecord rec;
  if (!p.next(rec)) return {std::nullopt, p.error().value_or(CsvError{1, "directory.csv.empty"})};
  table.header = std::move(rec.fields);
  while (p.next(rec)) {
    if (rec.fields.size() != table.header.size())
      return {std::nullopt, CsvError{rec.line, "directory.csv.field_count"}};
    if (table.rows.size() >= limits.max_rows) return {std::nullopt, CsvError{rec.line, "directory.csv.too_many_rows"}};
    table.rows.push_back(rec);
  }
  if (p.error()) return {std::nullopt, p.error()};
  return {std::move(table), std::nullopt};
}

}  // namespace tinhso::directory
