// core/document/xlsx: the workbook is a zip whose sheets read back cell by cell (python3's
// zipfile + ElementTree, required: without it these tests fail) with Vietnamese sheet names and
// text intact, every cell with its type and number format; bad input is refused.
#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

#include "core/document/xlsx.h"
#include "document_tools.h"
#include "temp_dir.h"

namespace tinhso::document {
namespace {

using test::quote;
using test::run;

// What a spreadsheet application reads, one line each: the title, every sheet's name and frozen
// rows, then per cell "<sheet>!<ref> <type> <number format>[ bold]=<value>" in sheet order (type
// s: shared text, n: number; the number format resolved through styles.xml as Excel does), and
// the number of formula cells per sheet. Text that looks like a formula must stay text
// (ASVS 1.2.10).
constexpr const char* kDump = R"PY(
import sys, zipfile, xml.etree.ElementTree as ET
M = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
R = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}'
z = zipfile.ZipFile(sys.argv[1])
xml = lambda name: ET.fromstring(z.read(name))
core = xml('docProps/core.xml')
title = core.find('{http://purl.org/dc/elements/1.1/}title')
print('title=' + ('' if title is None else title.text or ''))
strings = [''.join(t.text or '' for t in si.iter(M + 't')) for si in xml('xl/sharedStrings.xml').findall(M + 'si')]
styles = xml('xl/styles.xml')
codes = {0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%'}
for f in styles.iter(M + 'numFmt'):
    codes[int(f.get('numFmtId'))] = f.get('formatCode')
bold = [f.find(M + 'b') is not None for f in styles.find(M + 'fonts').findall(M + 'font')]
xfs = [(codes[int(x.get('numFmtId', '0'))], bold[int(x.get('fontId', '0'))]) for x in styles.find(M + 'cellXfs').findall(M + 'xf')]
rels = {r.get('Id'): r.get('Target') for r in xml('xl/_rels/workbook.xml.rels')}
for i, s in enumerate(xml('xl/workbook.xml').find(M + 'sheets')):
    n = i + 1
    sheet = xml('xl/' + rels[s.get(R + 'id')])
    print('%d=%s' % (n, s.get('name')))
    pane = sheet.find('.//' + M + 'pane')
    if pane is not None:
        print('%d frozen rows=%s %s' % (n, pane.get('ySplit'), pane.get('state')))
    for c in sheet.iter(M + 'c'):
        t = c.get('t', 'n')
        v = c.find(M + 'v').text
        code, b = xfs[int(c.get('s', '0'))]
        print('%d!%s %s %s%s=%s' % (n, c.get('r'), t, code, ' bold' if b else '', strings[int(v)] if t == 's' else v))
    print('%d formulas=%d' % (n, len(list(sheet.iter(M + 'f')))))
)PY";

// The workbook as kDump reads it back.
std::string read_back(const std::string& bytes) {
  EXPECT_TRUE(test::have_tool("python3")) << "python3 reads the workbook back";
  EXPECT_EQ(bytes.substr(0, 2), "PK") << "a zip";
  test::TempDir dir("tinhso-xlsx-test");
  test::write_file(dir.path() / "book.xlsx", bytes);
  test::write_file(dir.path() / "dump.py", kDump);
  const test::Output out = run("python3 " + quote(dir.path() / "dump.py") + " " + quote(dir.path() / "book.xlsx"));
  EXPECT_EQ(out.status, 0) << out.text;
  return out.text;
}

Workbook statistics() {
  Workbook b;
  b.title = "Thống kê hồ sơ năm 2026";
  b.sheets.push_back({"Thống kê hồ sơ",
                      {{"Lĩnh vực", 40}, {"Số hồ sơ", 12}, {"Đúng hạn", 12, 1}, {"Thời gian TB (ngày)", 18, 2}},
                      {{std::string("Xây dựng"), std::int64_t{1234}, Percent{0.925}, 7.25},
                       {std::string("Đất đai – ữ ẩ ễ ổ ự"), std::int64_t{87}, Percent{1.0}, 12.5},
                       {std::string("Hộ tịch")},
                       {std::string("=HYPERLINK(\"http://evil.example\",\"x\")"), std::string("+1"), std::string("@SUM(1)")}}});
  b.sheets.push_back({"Theo cơ quan", {{"Cơ quan"}, {"Trễ hạn"}}, {{std::string("Sở Tư pháp"), std::int64_t{3}}}});
  return b;
}

TEST(Xlsx, ReadsBackCellByCell) {
  // Every cell with its type and number format, in order; nothing more (a short row has no extra
  // cells, text that looks like a formula is text and no cell is a formula).
  EXPECT_EQ(read_back(write_xlsx(statistics())),
            "title=Thống kê hồ sơ năm 2026\n"
            "1=Thống kê hồ sơ\n"
            "1 frozen rows=1 frozen\n"
            "1!A1 s General bold=Lĩnh vực\n"
            "1!B1 s General bold=Số hồ sơ\n"
            "1!C1 s General bold=Đúng hạn\n"
            "1!D1 s General bold=Thời gian TB (ngày)\n"
            "1!A2 s General=Xây dựng\n"
            "1!B2 n #,##0=1234\n"
            "1!C2 n 0.0%=0.925\n"
            "1!D2 n #,##0.00=7.25\n"
            "1!A3 s General=Đất đai – ữ ẩ ễ ổ ự\n"
            "1!B3 n #,##0=87\n"
            "1!C3 n 0.0%=1\n"
            "1!D3 n #,##0.00=12.5\n"
            "1!A4 s General=Hộ tịch\n"
            "1!A5 s General==HYPERLINK(\"http://evil.example\",\"x\")\n"
            "1!B5 s General=+1\n"
            "1!C5 s General=@SUM(1)\n"
            "1 formulas=0\n"
            "2=Theo cơ quan\n"
            "2 frozen rows=1 frozen\n"
            "2!A1 s General bold=Cơ quan\n"
            "2!B1 s General bold=Trễ hạn\n"
            "2!A2 s General=Sở Tư pháp\n"
            "2!B2 n #,##0=3\n"
            "2 formulas=0\n");
}

TEST(Xlsx, DecimalsFollowTheirColumnAndASheetWithoutColumnsIsNotFrozen) {
  Workbook b;
  b.sheets.push_back({"Số liệu", {{"Tỉ lệ", 0, 0}, {"Trung bình", 0, 3}}, {{Percent{0.5}, 2.125}, {Percent{0.25}}}});
  b.sheets.push_back({"Trống", {}, {}});
  EXPECT_EQ(read_back(write_xlsx(b)),
            "title=\n"
            "1=Số liệu\n"
            "1 frozen rows=1 frozen\n"
            "1!A1 s General bold=Tỉ lệ\n"
            "1!B1 s General bold=Trung bình\n"
            "1!A2 n 0%=0.5\n"
            "1!B2 n #,##0.000=2.125\n"
            "1!A3 n 0%=0.25\n"
            "1 formulas=0\n"
            "2=Trống\n"
            "2 formulas=0\n");
}

TEST(Xlsx, SheetNameLimitCountsCharactersNotBytes) {
  Workbook b;
  b.sheets.push_back({"Hồ sơ trễ hạn theo từng lĩnh vự", {{"A"}}, {}});  // 31 characters, 44 bytes
  EXPECT_EQ(read_back(write_xlsx(b)),
            "title=\n"
            "1=Hồ sơ trễ hạn theo từng lĩnh vự\n"
            "1 frozen rows=1 frozen\n"
            "1!A1 s General bold=A\n"
            "1 formulas=0\n");
}

struct BadCase {
  const char* name;
  void (*spoil)(Workbook&);
};

const BadCase kBad[] = {
    {"no sheets", [](Workbook& b) { b.sheets.clear(); }},
    {"sheet name with a slash", [](Workbook& b) { b.sheets[0].name = "Quý 1/2026"; }},
    {"sheet name of 32 characters", [](Workbook& b) { b.sheets[0].name = "Hồ sơ trễ hạn theo từng lĩnh vực"; }},
    {"duplicate sheet name", [](Workbook& b) { b.sheets[1].name = b.sheets[0].name; }},
    {"empty sheet name", [](Workbook& b) { b.sheets[0].name = ""; }},
    {"row longer than the columns", [](Workbook& b) { b.sheets[1].rows[0].emplace_back(std::in_place_type<std::int64_t>, 1); }},
    {"not a number", [](Workbook& b) { b.sheets[0].rows[0][3].emplace<double>(std::numeric_limits<double>::quiet_NaN()); }},
    {"infinite percentage", [](Workbook& b) { b.sheets[0].rows[0][2].emplace<Percent>(std::numeric_limits<double>::infinity()); }},
    {"integer beyond 2^53", [](Workbook& b) { b.sheets[0].rows[0][1].emplace<std::int64_t>(std::int64_t{1} << 54); }},
    {"invalid UTF-8 cell", [](Workbook& b) { b.sheets[0].rows[0][0].emplace<std::string>("\xC3"); }},
    {"text longer than a cell holds", [](Workbook& b) { b.sheets[0].rows[0][0].emplace<std::string>(32768, 'a'); }},
    {"seven fraction digits", [](Workbook& b) { b.sheets[0].columns[2].fraction_digits = 7; }},
};

TEST(Xlsx, RefusesBadInput) {
  for (const BadCase& c : kBad) {
    Workbook b = statistics();
    c.spoil(b);
    EXPECT_THROW(write_xlsx(b), std::invalid_argument) << c.name;
  }
}

}  // namespace
}  // namespace tinhso::document
