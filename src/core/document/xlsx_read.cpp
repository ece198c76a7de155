#include "core/document/xlsx_read.h"

#include <optional>

#include "core/document/zip_read.h"

namespace tinhso::document {

namespace {

using xml::attr;
using xml::scan;
using xml::Tag;
using xml::text_of;

std::vector<std::string> shared_strings(std::string_view xml, std::size_t limit) {
  std::vector<std::string> out;
  bool in_si = false, in_t = false, in_phonetic = false;
  std::string cur;
  scan(
      xml,
      [&](const Tag& t) {
        if (t.name == "si") {
          if (t.closing) {
            out.push_back(std::move(cur));
            cur.clear();
            if (out.size() > limit) throw FormatError("too many shared strings");
          } else if (t.empty) {
            out.emplace_back();
          }
          in_si = !t.closing && !t.empty;
        } else if (t.name == "rPh") {
          in_phonetic = !t.closing && !t.empty;
        } else if (t.name == "t") {
          in_t = !t.closing && !t.empty;
        }
      },
      [&](std::string_view raw) {
        if (in_si && in_t && !in_phonetic) cur += text_of(raw);
      });
  return out;
}

// "BC12" → column index 54 (0-based); nullopt without letters.
std::optional<std::size_t> column_of(std::string_view ref) {
  std::size_t col = 0, n = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (++n > 3) return std::nullopt;
  }
  if (n == 0) return std::nullopt;
  return col - 1;
}

std::optional<std::size_t> row_of(std::string_view ref) {
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') ++i;
  if (i == ref.size() || ref.size() - i > 7) return std::nullopt;
  std::size_t row = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return std::nullopt;
    row = row * 10 + static_cast<std::size_t>(ref[i] - '0');
  }
  if (row == 0) return std::nullopt;
  return row - 1;
}

std::vector<std::vector<std::string>> sheet_rows(std::string_view xml, const std::vector<std::string>& strings,
                                                 const XlsxLimits& limits) {
  std::vector<std::vector<std::string>> rows;
  std::size_t row = 0, next_row = 0, col = 0;
  std::string type, value;
  bool in_cell = false, in_v = false, in_is = false, in_t = false, in_phonetic = false;
  scan(
      xml,
      [&](const Tag& t) {
        if (t.name == "row" && !t.closing) {
          const auto r = attr(t.attrs, "r");
          const std::optional<std::size_t> n = r ? row_of(*r) : std::optional<std::size_t>(next_row);
          if (!n || *n < next_row) throw FormatError("rows out of order");
          row = *n;
          next_row = row + 1;
          col = 0;
          if (row >= limits.max_rows) throw FormatError("too many rows");
        } else if (t.name == "c" && !t.closing) {
          const auto r = attr(t.attrs, "r");
          const std::optional<std::size_t> c = r ? column_of(*r) : std::optional<std::size_t>(col);
          if (!c || *c >= limits.max_columns) throw FormatError("too many columns");
          col = *c;
          type = attr(t.attrs, "t").value_or("n");
          value.clear();
          in_cell = !t.empty;
          if (t.empty) ++col;
        } else if (t.name == "c" && t.closing && in_cell) {  // a stray </c> closes nothing
          std::string text;
          if (type == "s") {
            std::size_t k = 0;
            if (value.empty() || value.size() > 9) throw FormatError("bad shared string index");
            for (char ch : value) {
              if (ch < '0' || ch > '9') throw FormatError("bad shared string index");
              k = k * 10 + static_cast<std::size_t>(ch - '0');
            }
            if (k >= strings.size()) throw FormatError("shared string index out of range");
            text = strings[k];
          } else if (type == "b") {
            text = value == "1" || value == "true" ? "1" : "0";
          } else {
            text = value;
          }
          if (!text.empty()) {
            if (rows.size() <= row) rows.resize(row + 1);
            auto& cells = rows[row];
            if (cells.size() <= col) cells.resize(col + 1);
            cells[col] = std::move(text);
          }
          in_cell = false;
          ++col;
        } else if (t.name == "v") {
          in_v = in_cell && !t.closing && !t.empty;
        } else if (t.name == "is") {
          in_is = in_cell && !t.closing && !t.empty;
        } else if (t.name == "rPh") {
          in_phonetic = !t.closing && !t.empty;
        } else if (t.name == "t") {
          in_t = in_is && !t.closing && !t.empty;
        }
      },
      [&](std::string_view raw) {
        if (in_v || (in_t && !in_phonetic)) {
          value += text_of(raw);
          if (value.size() > limits.max_entry_bytes) throw FormatError("cell too large");
        }
      });
  // Blank rows before the last are kept as empty rows; none trail.
  return rows;
}

}  // namespace

bool looks_like_xlsx(std::string_view file) { return zip::looks_like_zip(file); }

XlsxSheet read_first_sheet(std::string_view file, const XlsxLimits& limits) {
  XlsxSheet out;
  try {
    const zip::Archive archive(file);
    const auto workbook = archive.read("xl/workbook.xml", limits.max_entry_bytes);
    const auto rels = archive.read("xl/_rels/workbook.xml.rels", limits.max_entry_bytes);
    if (!workbook || !rels) throw FormatError("not a workbook: xl/workbook.xml or its relationships missing");
    std::string rid;
    scan(
        *workbook,
        [&](const Tag& t) {
          if (t.name == "sheet" && !t.closing && rid.empty()) rid = attr(t.attrs, "r:id").value_or("");
        },
        [](std::string_view) {});
    if (rid.empty()) throw FormatError("the workbook has no sheet");
    std::string target;
    scan(
        *rels,
        [&](const Tag& t) {
          if (t.name == "Relationship" && !t.closing && attr(t.attrs, "Id") == rid)
            target = attr(t.attrs, "Target").value_or("");
        },
        [](std::string_view) {});
    if (target.empty()) throw FormatError("the first sheet's part is not named");
    const std::string path = target.front() == '/' ? target.substr(1) : "xl/" + target;
    const auto sheet = archive.read(path, limits.max_entry_bytes);
    if (!sheet) throw FormatError("the first sheet's part is missing");
    std::vector<std::string> strings;
    if (const auto ss = archive.read("xl/sharedStrings.xml", limits.max_entry_bytes))
      strings = shared_strings(*ss, limits.max_rows * limits.max_columns);
    out.rows = sheet_rows(*sheet, strings, limits);
  } catch (const FormatError& e) {
    out.rows.clear();
    out.error = e.what();
  }
  return out;
}

}  // namespace tinhso::document
