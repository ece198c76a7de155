// core/document/xlsx: the workbook is a zip whose sheets read back cell by cell (python3's
// zipfile + ElementTree) with Vietnamese sheet names and text intact; bad input is refused.
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

// Prints "sheet name" lines, then "1!A1=text" / "1!B2=number" per cell, the number of formula
// cells per sheet and "numFmt:code" per number format used: what a spreadsheet application
// would read. Text that looks like a formula must stay text (ASVS 1.2.10).
constexpr const char* kDump = R"PY(
import sys, zipfile, xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
z = zipfile.ZipFile(sys.argv[1])
strings = [''.join(t.text or '' for t in si.iter('{%s}t' % ns['m']))
           for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns)]
for s in ET.fromstring(z.read('xl/workbook.xml')).find('m:sheets', ns):
    print('sheet', s.get('name'))
for i, name in enumerate(sorted(n for n in z.namelist() if n.startswith('xl/worksheets/sheet'))):
    for c in ET.fromstring(z.read(name)).iter('{%s}c' % ns['m']):
        v = c.find('m:v', ns)
        print('%d!%s=%s' % (i + 1, c.get('r'), strings[int(v.text)] if c.get('t') == 's' else v.text))
    print('%d!formulas=%d' % (i + 1, len(list(ET.fromstring(z.read(name)).iter('{%s}f' % ns['m'])))))
for f in ET.fromstring(z.read('xl/styles.xml')).iter('{%s}numFmt' % ns['m']):
    print('numFmt:' + f.get('formatCode'))
)PY";

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
  if (!test::have_tool("python3")) GTEST_SKIP() << "python3 not installed";
  const std::string bytes = write_xlsx(statistics());
  ASSERT_GT(bytes.size(), 0u);
  ASSERT_EQ(bytes.substr(0, 2), "PK");
  test::TempDir dir("tinhso-xlsx-test");
  test::write_file(dir.path() / "book.xlsx", bytes);
  test::write_file(dir.path() / "dump.py", kDump);
  const test::Output out = run("python3 " + quote(dir.path() / "dump.py") + " " + quote(dir.path() / "book.xlsx"));
  ASSERT_EQ(out.status, 0) << out.text;
  for (const char* want :
       {"sheet Thống kê hồ sơ\n", "sheet Theo cơ quan\n", "1!A1=Lĩnh vực\n", "1!D1=Thời gian TB (ngày)\n",
        "1!A2=Xây dựng\n", "1!B2=1234\n", "1!C2=0.925\n", "1!D2=7.25\n", "1!A3=Đất đai – ữ ẩ ễ ổ ự\n", "1!C3=1\n",
        "1!A4=Hộ tịch\n", "2!A1=Cơ quan\n", "2!A2=Sở Tư pháp\n", "2!B2=3\n", "numFmt:#,##0\n", "numFmt:0.0%\n",
        "numFmt:#,##0.00\n", "1!A5==HYPERLINK(\"http://evil.example\",\"x\")\n", "1!B5=+1\n", "1!C5=@SUM(1)\n",
        "1!formulas=0\n", "2!formulas=0\n"})
    EXPECT_NE(out.text.find(want), std::string::npos) << "missing " << want << " in:\n" << out.text;
  EXPECT_EQ(out.text.find("1!B4="), std::string::npos) << "short row has no extra cells";
}

TEST(Xlsx, SheetNameLimitCountsCharactersNotBytes) {
  Workbook b;
  b.sheets.push_back({"Hồ sơ trễ hạn theo từng lĩnh vự", {{"A"}}, {}});  // 31 characters, 44 bytes
  EXPECT_GT(write_xlsx(b).size(), 0u);
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
