// core/document/xlsx_read: what write_xlsx wrote reads back cell by cell (Vietnamese text, text
// that looks like a formula, numbers, empty cells); a workbook made by another writer (python3's
// zipfile: inline strings, booleans, rich and phonetic text, stored entries, cells without
// references) reads as a spreadsheet application shows it; damaged, hostile and oversized files
// give an error, never a crash or a half-read sheet.
#include <gtest/gtest.h>

#include <string>

#include "core/document/xlsx.h"
#include "core/document/xlsx_read.h"
#include "document_tools.h"
#include "temp_dir.h"

namespace tinhso::document {
namespace {

using Rows = std::vector<std::vector<std::string>>;

TEST(XlsxRead, WhatTheWriterWroteReadsBack) {
  Sheet sheet;
  sheet.name = "Chỉ tiêu";
  sheet.columns = {{"mã", 0, 1}, {"tên", 30, 1}, {"giá trị", 0, 1}, {"số", 0, 0}};
  sheet.rows = {{std::string("A-1"), std::string("Tỷ lệ hồ sơ đúng hạn “ưu tiên” & <khác>"), 97.5, std::int64_t{12}},
                {std::string("=1+2"), Cell{}, Cell{}, std::int64_t{-3}},
                {std::string("đường"), std::string(" hai  dấu cách "), 0.1, std::int64_t{0}}};
  const std::string bytes = write_xlsx(Workbook{"Tiêu đề", {sheet}, std::nullopt});
  ASSERT_TRUE(looks_like_xlsx(bytes));
  const XlsxSheet read = read_first_sheet(bytes);
  ASSERT_TRUE(read.ok()) << read.error;
  const Rows expected = {{"mã", "tên", "giá trị", "số"},
                         {"A-1", "Tỷ lệ hồ sơ đúng hạn “ưu tiên” & <khác>", "97.5", "12"},
                         {"=1+2", "", "", "-3"},
                         {"đường", " hai  dấu cách ", "0.1", "0"}};
  EXPECT_EQ(read.rows, expected);
}

// A workbook written by python3's zipfile from the XML given here (skips without python3).
std::string python_workbook(const std::string& sheet_xml, const std::string& shared_xml, bool stored) {
  if (!test::have_tool("python3")) return "";
  test::TempDir dir;
  const auto out = dir.path() / "book.xlsx";
  test::write_file(dir.path() / "sheet.xml", sheet_xml);
  test::write_file(dir.path() / "shared.xml", shared_xml);
  const std::string py = std::string(R"PY(
import sys, zipfile
mode = zipfile.ZIP_STORED if sys.argv[4] == '1' else zipfile.ZIP_DEFLATED
z = zipfile.ZipFile(sys.argv[1], 'w', mode)
z.writestr('[Content_Types].xml', '<Types/>')
z.writestr('xl/workbook.xml', '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId7"/><sheet name="T" sheetId="2" r:id="rId8"/></sheets></workbook>')
z.writestr('xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId8" Target="worksheets/other.xml"/><Relationship Id="rId7" Target="/xl/worksheets/data.xml"/></Relationships>')
z.writestr('xl/worksheets/data.xml', open(sys.argv[2], encoding='utf-8').read())
z.writestr('xl/worksheets/other.xml', '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>')
shared = open(sys.argv[3], encoding='utf-8').read()
if shared:
    z.writestr('xl/sharedStrings.xml', shared)
z.close()
)PY");
  test::write_file(dir.path() / "make.py", py);
  const auto r = test::run("python3 " + test::quote(dir.path() / "make.py") + " " + test::quote(out) + " " +
                           test::quote(dir.path() / "sheet.xml") + " " + test::quote(dir.path() / "shared.xml") + " " +
                           (stored ? "1" : "0"));
  if (r.status != 0) return "";
  std::ifstream in(out, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(XlsxRead, AnotherWritersWorkbookReadsAsAnApplicationShowsIt) {
  if (!test::have_tool("python3")) GTEST_SKIP() << "python3 missing";
  const std::string shared =
      "<sst><si><t>Chỉ số</t></si><si><r><t>Đúng </t></r><r><t xml:space=\"preserve\">hạn</t></r>"
      "<rPh><t>ふりがな</t></rPh></si><si/><si><t>&lt;&amp;&#x1EA1;&#7841;</t></si></sst>";
  const std::string data =
      "<?xml version=\"1.0\"?><worksheet xmlns=\"x\"><sheetData>"
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c></row>"
      "<row r=\"3\"><c t=\"inlineStr\"><is><t>inline</t></is></c><c t=\"b\"><v>1</v></c><c><v>1.5E+3</v></c>"
      "<c t=\"e\"><v>#DIV/0!</v></c><c t=\"str\"><f>A1</f><v>cached</v></c><c t=\"s\"><v>3</v></c></row>"
      "<row r=\"4\"><c r=\"B4\" t=\"s\"><v>2</v></c></row>"
      "</sheetData></worksheet>";
  for (bool stored : {false, true}) {
    SCOPED_TRACE(stored ? "stored" : "deflated");
    const std::string bytes = python_workbook(data, shared, stored);
    ASSERT_FALSE(bytes.empty());
    const XlsxSheet read = read_first_sheet(bytes);
    ASSERT_TRUE(read.ok()) << read.error;
    const Rows expected = {{"Chỉ số", "", "Đúng hạn"},
                           {},
                           {"inline", "1", "1.5E+3", "#DIV/0!", "cached", "<&ạạ"}};
    EXPECT_EQ(read.rows, expected) << "row 4's only cell is an empty string: no row";
  }
}

TEST(XlsxRead, DamagedHostileAndOversizedFilesAreRefused) {
  Sheet sheet;
  sheet.name = "S";
  sheet.columns = {{"a", 0, 1}, {"b", 0, 1}};
  for (int i = 0; i < 50; ++i) sheet.rows.push_back({std::string(200, 'x'), std::int64_t{i}});
  const std::string good = write_xlsx(Workbook{"T", {sheet}, std::nullopt});
  ASSERT_TRUE(read_first_sheet(good).ok());
  EXPECT_FALSE(read_first_sheet("").ok());
  EXPECT_FALSE(read_first_sheet("PK\x03\x04 not really").ok());
  EXPECT_FALSE(read_first_sheet(std::string(100000, '\0')).ok());
  // Every truncation and a flipped byte anywhere: an error or a sheet, never a crash.
  for (std::size_t n = 0; n < good.size(); n += 97) (void)read_first_sheet(good.substr(0, n));
  for (std::size_t at = 0; at < good.size(); at += 53) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x5A);
    (void)read_first_sheet(bad);
  }
  // The limits: rows, columns, an inflated part's size.
  EXPECT_FALSE(read_first_sheet(good, {.max_entry_bytes = 16u << 20, .max_rows = 10, .max_columns = 64}).ok());
  EXPECT_FALSE(read_first_sheet(good, {.max_entry_bytes = 16u << 20, .max_rows = 5000, .max_columns = 1}).ok());
  const XlsxSheet small = read_first_sheet(good, {.max_entry_bytes = 2000, .max_rows = 5000, .max_columns = 64});
  EXPECT_FALSE(small.ok());
  EXPECT_TRUE(small.rows.empty()) << "never a half-read sheet";
  if (test::have_tool("python3")) {
    // A DTD (entity expansion) is refused; so is a shared string index out of range.
    EXPECT_FALSE(read_first_sheet(python_workbook("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><worksheet/>", "", false)).ok());
    EXPECT_FALSE(read_first_sheet(python_workbook(
                     "<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>9</v></c></row></sheetData></worksheet>", "",
                     false))
                     .ok());
    // Rows out of order.
    EXPECT_FALSE(read_first_sheet(python_workbook("<worksheet><sheetData><row r=\"2\"/><row r=\"1\"/></sheetData></worksheet>",
                                                  "", false))
                     .ok());
  }
}

}  // namespace
}  // namespace tinhso::document
