#pragma once
// CSV (RFC 4180) for the administrators' imports and exports (agencies, holidays, records): a
// header row, then records; UTF-8 with an optional byte-order mark; fields separated by ',' and
// optionally quoted with '"' ("" inside quotes is one quote; quoted fields may hold commas and
// line breaks); lines end in CRLF or LF.
// Pure: no I/O and no Boost/SOCI/ICU, so it is fuzzed (tests/fuzz/csv_fuzz.cpp).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso {

struct CsvRecord {
  std::size_t line = 0;  // 1-based line on which the record starts (the header is line 1)
  std::vector<std::string> fields;
};

struct CsvError {
  std::size_t line = 0;
  std::string message_id;  // "csv.unterminated_quote", ... (locales/{vi,en}.json)
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRecord> rows;
};

struct CsvLimits {
  std::size_t max_rows = 10000;
  std::size_t max_fields = 64;
  std::size_t max_field_bytes = 4096;
};

// Parses `text`. Blank lines are skipped. Errors (first one only): invalid UTF-8, a quote inside
// an unquoted field, text after a closing quote, an unterminated quoted field, an empty input (no
// header), a record whose field count differs from the header's, and the limits above. Returns
// either the table or the error, never both.
struct CsvResult {
  std::optional<CsvTable> table;
  std::optional<CsvError> error;
};
CsvResult parse_csv(std::string_view text, const CsvLimits& limits = {});

// One field for writing (RFC 4180), always quoted; a leading = + - @ TAB, CR or ' is prefixed with '
// so that a spreadsheet never runs it as a formula (CSV injection). A reader that wants the value
// back strips that one ' (unformula).
std::string csv_field(std::string_view value);
// `value` without the ' that csv_field put before a leading = + - @ TAB, CR or '.
std::string_view unformula(std::string_view value);

}  // namespace tinhso
