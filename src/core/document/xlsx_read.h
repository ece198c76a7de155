#pragma once
// Reads the first worksheet of an .xlsx workbook (Office Open XML, ECMA-376 Part 1 §18) into rows
// of cell texts — the other half of core/document/xlsx.h, for imports of what agencies keep in
// spreadsheets (issue 17 §1: the indicator catalogue). A parser of outside input:
//   - the ZIP container is read from its central directory (core/document/zip_read.h); only stored
//     and deflated entries, no ZIP64, no encryption, no duplicate entry; every inflated entry is
//     bounded by XlsxLimits::max_entry_bytes whatever it declares (a "zip bomb" stops there);
//   - the XML is read by a small scanner that follows only the elements it needs (workbook's first
//     <sheet>, its relationship, <si>/<t> shared strings, <row>/<c>/<v>/<is>); entities &lt; &gt;
//     &amp; &quot; &apos; and numeric references are decoded, DTDs refused;
//   - cells: shared and inline strings as written, numbers and formulas' cached values as their
//     text, booleans as "0"/"1", errors as written; a missing cell is ""; rows and columns past
//     the limits are an error, never silently cut.
// Anything else gives no rows and an `error` in English for the log (the caller shows its own
// message).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso::document {

struct XlsxLimits {
  std::size_t max_entry_bytes = 16u << 20;  // an inflated part
  std::size_t max_rows = 5000;
  std::size_t max_columns = 64;
};

struct XlsxSheet {
  std::vector<std::vector<std::string>> rows;  // row 1 first; each row as wide as its last cell
  std::string error;                           // "" when read
  bool ok() const { return error.empty(); }
};

XlsxSheet read_first_sheet(std::string_view file, const XlsxLimits& limits = {});

// Whether `file` starts as a ZIP container does ("PK\3\4"): an upload to read as .xlsx.
bool looks_like_xlsx(std::string_view file);

}  // namespace tinhso::document
