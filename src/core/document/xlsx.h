#pragma once
// Spreadsheet export (statistics, lists) as an Office Open XML workbook, on libxlsxwriter.
// Each sheet: a bold header row, frozen, then rows of text, integer, decimal or percentage cells;
// numbers stay numbers, so Excel or LibreOffice can sum them and shows them in the reader's
// locale (1.234,5 for Vietnamese). Safe to call from several threads at once.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace tinhso::document {

// A share shown as a percentage: {0.125} is displayed "12.5%" (with one fraction digit).
struct Percent {
  double fraction = 0;
};

// Empty, text (UTF-8), integer, decimal, percentage.
using Cell = std::variant<std::monostate, std::string, std::int64_t, double, Percent>;

struct Column {
  std::string header;
  double width = 0;         // in characters; 0: the application's default width
  int fraction_digits = 1;  // for decimal and percentage cells in this column (0–6)
};

struct Sheet {
  std::string name;  // at most 31 characters, none of [ ] : * ? / \, unique in the workbook
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // a row may be shorter than `columns`, never longer
};

struct Workbook {
  std::string title;  // document property Title
  std::vector<Sheet> sheets;
  // Document property Created; nullopt: the time of writing.
  std::optional<std::chrono::system_clock::time_point> created;
};

// The .xlsx bytes. Throws std::invalid_argument for a workbook without sheets, a bad or
// duplicate sheet name, text that is not valid UTF-8 or too long for a cell (32,767
// characters), a row longer than its columns or a number that is not finite; throws
// std::runtime_error if the temporary file cannot be written or read back.
std::string write_xlsx(const Workbook& book);

}  // namespace tinhso::document
