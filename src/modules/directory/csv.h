#pragma once
// CSV (RFC 4180) for the directory's imports: a header row, then records; UTF-8 with an optional
// byte-order mark; fields separated by ',' and optionally quoted with '"' ("" inside quotes is
// one quote; quoted fields may hold commas and line breaks); lines end in CRLF or LF.
// Pure: no I/O and no Boost/SOCI/ICU, so it is fuzzed (tests/fuzz/csv_fuzz.cpp).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso::directory {

struct CsvRecord {
  std::size_t line = 0;  // 1-based line on which the record starts (the header is line 1)
  std::vector<std::string> fields;
};

struct CsvError {
  std::size_t line = 0;
  std::string message_id;  // "directory.csv.unterminated_quote", ...
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

// True if `s` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool valid_utf8(std::string_view s);

}  // namespace tinhso::directory
