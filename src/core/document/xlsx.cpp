#include "core/document/xlsx.h"

#include <stdlib.h>
#include <xlsxwriter.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include "core/util/strings.h"

namespace tinhso::document {

namespace {

// libxlsxwriter writes only to files: a private directory (mode 0700, random name) holds the
// workbook and libxlsxwriter's own temporary files, and goes away with everything in it.
class PrivateDir {
 public:
  PrivateDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tinhso-xlsx-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("xlsx: cannot create a temporary directory");
    path_ = tmpl;
  }
  ~PrivateDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  PrivateDir(const PrivateDir&) = delete;
  PrivateDir& operator=(const PrivateDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void check(lxw_error e, const std::string& what) {
  if (e == LXW_NO_ERROR) return;
  const std::string msg = "xlsx: " + what + ": " + lxw_strerror(e);
  if (e == LXW_ERROR_CREATING_XLSX_FILE || e == LXW_ERROR_CREATING_TMPFILE || e == LXW_ERROR_MEMORY_MALLOC_FAILED ||
      e == LXW_ERROR_ZIP_FILE_OPERATION || e == LXW_ERROR_ZIP_FILE_ADD || e == LXW_ERROR_ZIP_CLOSE)
    throw std::runtime_error(msg);
  throw std::invalid_argument(msg);
}

void check_text(const std::string& s) {
  if (!valid_utf8(s)) throw std::invalid_argument("xlsx: text is not valid UTF-8");
}

class Writer {
 public:
  explicit Writer(lxw_workbook* wb) : wb_(wb) {
    bold_ = workbook_add_format(wb_);
    format_set_bold(bold_);
  }

  void sheet(const Sheet& s) {
    check_text(s.name);
    if (s.name.empty()) throw std::invalid_argument("xlsx: a sheet needs a name");
    check(workbook_validate_sheet_name(wb_, s.name.c_str()), "sheet name '" + s.name + "'");
    lxw_worksheet* ws = workbook_add_worksheet(wb_, s.name.c_str());
    if (!ws) throw std::runtime_error("xlsx: cannot add sheet '" + s.name + "'");
    for (std::size_t c = 0; c < s.columns.size(); ++c) {
      const Column& col = s.columns[c];
      if (col.fraction_digits < 0 || col.fraction_digits > 6) throw std::invalid_argument("xlsx: fraction digits 0–6");
      const auto cn = static_cast<lxw_col_t>(c);
      if (col.width > 0) check(worksheet_set_column(ws, cn, cn, col.width, nullptr), "column width");
      check_text(col.header);
      check(worksheet_write_string(ws, 0, cn, col.header.c_str(), bold_), "header");
    }
    if (!s.columns.empty()) worksheet_freeze_panes(ws, 1, 0);
    for (std::size_t r = 0; r < s.rows.size(); ++r) {
      const auto& row = s.rows[r];
      if (row.size() > s.columns.size())
        throw std::invalid_argument("xlsx: sheet '" + s.name + "' row " + std::to_string(r + 1) + " has more cells than columns");
      for (std::size_t c = 0; c < row.size(); ++c)
        write(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), row[c], s.columns[c].fraction_digits);
    }
  }

 private:
  void write(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const Cell& cell, int digits) {
    const std::string where = "cell " + std::to_string(r + 1) + ":" + std::to_string(c + 1);
    if (const auto* s = std::get_if<std::string>(&cell)) {
      check_text(*s);
      check(worksheet_write_string(ws, r, c, s->c_str(), nullptr), where);
    } else if (const auto* i = std::get_if<std::int64_t>(&cell)) {
      // Excel numbers are doubles: integers beyond 2^53 would lose digits.
      if (*i > (std::int64_t{1} << 53) || *i < -(std::int64_t{1} << 53))
        throw std::invalid_argument("xlsx: " + where + ": integer too large for a spreadsheet number");
      check(worksheet_write_number(ws, r, c, static_cast<double>(*i), format("#,##0", 0, "")), where);
    } else if (const auto* d = std::get_if<double>(&cell)) {
      finite(*d, where);
      check(worksheet_write_number(ws, r, c, *d, format("#,##0", digits, "")), where);
    } else if (const auto* p = std::get_if<Percent>(&cell)) {
      finite(p->fraction, where);
      check(worksheet_write_number(ws, r, c, p->fraction, format("0", digits, "%")), where);
    }
  }

  static void finite(double v, const std::string& where) {
    if (!std::isfinite(v)) throw std::invalid_argument("xlsx: " + where + ": number is not finite");
  }

  lxw_format* format(const std::string& integer_part, int digits, const std::string& suffix) {
    std::string code = integer_part + (digits > 0 ? "." + std::string(static_cast<std::size_t>(digits), '0') : "") + suffix;
    auto [it, added] = formats_.try_emplace(code, nullptr);
    if (added) {
      it->second = workbook_add_format(wb_);
      format_set_num_format(it->second, code.c_str());
    }
    return it->second;
  }

  lxw_workbook* wb_;
  lxw_format* bold_;
  std::map<std::string, lxw_format*> formats_;
};

}  // namespace

std::string write_xlsx(const Workbook& book) {
  if (book.sheets.empty()) throw std::invalid_argument("xlsx: a workbook needs at least one sheet");
  check_text(book.title);
  PrivateDir dir;
  const std::string file = (dir.path() / "book.xlsx").string();
  std::string tmpdir = dir.path().string();
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  if (!wb) throw std::runtime_error("xlsx: cannot create the workbook");
  try {
    std::string title = book.title;
    lxw_doc_properties props{};
    if (!title.empty()) props.title = title.data();
    if (book.created) props.created = std::chrono::system_clock::to_time_t(*book.created);
    check(workbook_set_properties(wb, &props), "properties");
    Writer writer(wb);
    for (const Sheet& s : book.sheets) writer.sheet(s);
  } catch (...) {
    lxw_workbook_free(wb);
    throw;
  }
  check(workbook_close(wb), "writing");

  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in || bytes.str().empty()) throw std::runtime_error("xlsx: cannot read back the workbook");
  return std::move(bytes).str();
}

}  // namespace tinhso::document
