#include "core/util/csv.h"

#include "core/util/strings.h"

namespace tinhso {

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
      if (out.fields.size() >= limits_.max_fields) return fail("csv.too_many_fields");
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
    if (field.size() >= limits_.max_field_bytes) return fail("csv.field_too_long");
    field.push_back(c);
    return true;
  }

  bool read_field(std::string& field) {
    if (pos_ < s_.size() && s_[pos_] == '"') return read_quoted(field);
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == ',' || c == '\n' || c == '\r') break;
      if (c == '"') return fail("csv.stray_quote");
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
        return fail("csv.unterminated_quote");
      }
      char c = s_[pos_++];
      if (c == '"') {
        if (pos_ < s_.size() && s_[pos_] == '"') {
          ++pos_;
          if (!append(field, '"')) return false;
          continue;
        }
        if (pos_ < s_.size() && s_[pos_] != ',' && s_[pos_] != '\n' && s_[pos_] != '\r')
          return fail("csv.text_after_quote");
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

CsvResult parse_csv(std::string_view text, const CsvLimits& limits) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (!valid_utf8(text)) return {std::nullopt, CsvError{0, "csv.bad_utf8"}};
  Parser p(text, limits);
  CsvTable table;
  CsvRecord rec;
  if (!p.next(rec)) return {std::nullopt, p.error().value_or(CsvError{1, "csv.empty"})};
  table.header = std::move(rec.fields);
  while (p.next(rec)) {
    if (rec.fields.size() != table.header.size())
      return {std::nullopt, CsvError{rec.line, "csv.field_count"}};
    if (table.rows.size() >= limits.max_rows) return {std::nullopt, CsvError{rec.line, "csv.too_many_rows"}};
    table.rows.push_back(rec);
  }
  if (p.error()) return {std::nullopt, p.error()};
  return {std::move(table), std::nullopt};
}

namespace {
constexpr std::string_view kFormulaStarts = "=+-@\t\r";
}  // namespace

std::string csv_field(std::string_view value) {
  std::string out = "\"";
  // A leading ' is guarded too, so that unformula is the exact inverse: "'=x" is written "''=x"
  // and read back as "'=x", not as "=x".
  if (!value.empty() && (kFormulaStarts.find(value.front()) != std::string_view::npos || value.front() == '\''))
    out += '\'';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string_view unformula(std::string_view value) {
  if (value.size() >= 2 && value[0] == '\'' &&
      (kFormulaStarts.find(value[1]) != std::string_view::npos || value[1] == '\''))
    value.remove_prefix(1);
  return value;
}

}  // namespace tinhso
