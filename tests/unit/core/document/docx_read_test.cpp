// core/document/docx_read: documents written by python3's zipfile from the WordprocessingML given
// here read as Word shows them — runs, tabs, breaks, fields, text boxes once; automatic numbering
// (chapters "Chương %1" in Roman numerals, "Điều %1.", clauses and points, counters shared by the
// instances of one definition, start overrides, styles, legal numbering, bullets); tables one
// paragraph per row; tracked changes as accepted; the main part found through the package's
// relationships. Damaged, hostile and oversized files give an error, never a crash or a half-read
// document.
#include "core/document/docx_read.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "document_tools.h"
#include "temp_dir.h"

namespace tinhso::document {
namespace {

using Paragraphs = std::vector<DocxParagraph>;

struct Part {
  std::string name, data;
};

// A ZIP of `parts` written by python3's zipfile (deflated unless `stored`); "" without python3.
std::string python_zip(const std::vector<Part>& parts, bool stored = false) {
  if (!test::have_tool("python3")) return "";
  test::TempDir dir;
  std::string manifest;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto file = dir.path() / ("part" + std::to_string(i));
    test::write_file(file, parts[i].data);
    manifest += parts[i].name + "\t" + file.string() + "\n";
  }
  test::write_file(dir.path() / "manifest", manifest);
  test::write_file(dir.path() / "make.py", R"PY(
import sys, zipfile
mode = zipfile.ZIP_STORED if sys.argv[2] == '1' else zipfile.ZIP_DEFLATED
with zipfile.ZipFile(sys.argv[1], 'w', mode) as z:
    for line in open(sys.argv[3], encoding='utf-8').read().splitlines():
        name, path = line.split('\t')
        z.writestr(name, open(path, 'rb').read())
)PY");
  const auto out = dir.path() / "doc.docx";
  const auto r = test::run("python3 " + test::quote(dir.path() / "make.py") + " " + test::quote(out) + " " +
                           (stored ? "1" : "0") + " " + test::quote(dir.path() / "manifest"));
  if (r.status != 0) return "";
  std::ifstream in(out, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const std::string kNs =
    R"( xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main")"
    R"( xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006")"
    R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships")";

std::string document_xml(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         "<w:document" + kNs + "><w:body>" + body + "<w:sectPr/></w:body></w:document>";
}

const Part kContentTypes{"[Content_Types].xml", "<Types/>"};
const Part kRels{"_rels/.rels",
                 "<Relationships><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                 "officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"};

// A .docx with `body` as its document's body, and numbering and styles parts when given.
std::string docx(const std::string& body, const std::string& numbering = "", const std::string& styles = "",
                 bool stored = false) {
  std::vector<Part> parts = {kContentTypes, kRels, {"word/document.xml", document_xml(body)}};
  if (!numbering.empty()) parts.push_back({"word/numbering.xml", "<w:numbering" + kNs + ">" + numbering + "</w:numbering>"});
  if (!styles.empty()) parts.push_back({"word/styles.xml", "<w:styles" + kNs + ">" + styles + "</w:styles>"});
  return python_zip(parts, stored);
}

std::string p(const std::string& text) { return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>"; }

// A paragraph numbered by instance `num`, level `ilvl`.
std::string np(int num, int ilvl, const std::string& text) {
  return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(ilvl) + "\"/><w:numId w:val=\"" +
         std::to_string(num) + "\"/></w:numPr></w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
}

std::string styled(const std::string& style, const std::string& text, const std::string& extra = "") {
  return "<w:p><w:pPr><w:pStyle w:val=\"" + style + "\"/>" + extra + "</w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
}

std::string level(int ilvl, const std::string& format, const std::string& text, const std::string& extra = "") {
  return "<w:lvl w:ilvl=\"" + std::to_string(ilvl) + "\"><w:start w:val=\"1\"/><w:numFmt w:val=\"" + format +
         "\"/><w:lvlText w:val=\"" + text + "\"/>" + extra + "</w:lvl>";
}

std::string abstract(int id, const std::string& levels) {
  return "<w:abstractNum w:abstractNumId=\"" + std::to_string(id) + "\">" + levels + "</w:abstractNum>";
}

std::string num(int id, int abstract_id, const std::string& extra = "") {
  return "<w:num w:numId=\"" + std::to_string(id) + "\"><w:abstractNumId w:val=\"" + std::to_string(abstract_id) +
         "\"/>" + extra + "</w:num>";
}

std::vector<std::string> texts(const DocxText& d) {
  std::vector<std::string> out;
  for (const auto& para : d.paragraphs) out.push_back(para.text);
  return out;
}

DocxParagraph row(std::string text, int table, int r, std::vector<std::string> cells) {
  return {std::move(text), true, table, r, std::move(cells)};
}

TEST(DocxRead, TextAsAReaderSeesIt) {
  if (!test::have_tool("python3")) GTEST_SKIP() << "python3 missing";
  const std::string body =
      // Runs, a hyperlink, tab stops in the properties (not text), a bold run.
      "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
      "<w:r><w:rPr><w:b/></w:rPr><w:t>Điều 1.</w:t></w:r><w:r><w:t xml:space=\"preserve\"> Phạm vi </w:t></w:r>"
      "<w:hyperlink r:id=\"rId9\"><w:r><w:t>điều chỉnh</w:t></w:r></w:hyperlink></w:p>"
      // Tab, line break, non-breaking hyphen, soft hyphen.
      "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/><w:t>d</w:t><w:softHyphen/>"
      "</w:r></w:p>"
      // A field: its result, not its code.
      "<w:p><w:r><w:t xml:space=\"preserve\">Trang </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
      "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/>"
      "</w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
      // Blank paragraphs yield nothing.
      "<w:p/><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>" + p("   ") +
      // References, as written (no trimming).
      p("&lt;&amp;&#x1EA1;&#7841;&quot; hai  dấu cách ") +
      // A text box: its Choice once, before the paragraph that anchors it; never the Fallback.
      "<w:p><w:r><w:t>Neo</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor>"
      "<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Hộp chữ</w:t></w:r></w:p>"
      "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
      "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Hộp chữ</w:t></w:r></w:p>"
      "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
      "<w:r><w:t xml:space=\"preserve\"> tiếp</w:t></w:r></w:p>"
      // A comment in the XML.
      "<!-- <w:p><w:r><w:t>không</w:t></w:r></w:p> -->";
  for (bool stored : {false, true}) {
    SCOPED_TRACE(stored ? "stored" : "deflated");
    const std::string file = docx(body, "", "", stored);
    ASSERT_TRUE(looks_like_docx(file));
    const DocxText d = read_docx(file);
    ASSERT_TRUE(d.ok()) << d.error;
    const std::vector<std::string> expected = {"Điều 1. Phạm vi điều chỉnh", "a\tb\nc-d", "Trang 3",
                                               "<&ạạ\" hai  dấu cách ", "Hộp chữ", "Neo tiếp"};
    EXPECT_EQ(texts(d), expected);
    for (const auto& para : d.paragraphs) EXPECT_FALSE(para.in_table);
  }
}

TEST(DocxRead, AutomaticNumberingAsWordShowsIt) {
  if (!test::have_tool("python3")) GTEST_SKIP() << "python3 missing";
  const std::string numbering =
      abstract(10, level(0, "decimal", "Điều %1.", "<w:suff w:val=\"space\"/>") + level(1, "decimal", "%2.") +
                       level(2, "lowerLetter", "%3)")) +
      abstract(11, level(0, "upperRoman", "Chương %1", "<w:suff w:val=\"nothing\"/>")) +
      abstract(12, "<w:lvl w:ilvl=\"0\"><w:start w:val=\"3\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>") +
      abstract(13, level(0, "upperRoman", "%1.") + level(1, "decimal", "%1.%2.", "<w:isLgl/>")) +
      abstract(14, level(0, "bullet", "&#xF0B7;") + level(1, "bullet", "-")) +
      abstract(15, level(0, "decimal", "%1.") + level(1, "lowerLetter", "%2)", "<w:lvlRestart w:val=\"0\"/>")) +
      abstract(16, level(0, "decimalZero", "%1/") + level(1, "upperLetter", "%2.", "<w:suff w:val=\"tab\"/>")) +
      num(1, 10) + num(2, 11) + num(3, 10) +
      num(4, 12, "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"7\"/></w:lvlOverride>") + num(5, 13) +
      num(6, 14) + num(7, 15) + num(8, 12) + num(9, 16);
  const std::string styles =
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Dieu\"><w:basedOn w:val=\"Normal\"/><w:pPr><w:numPr>"
      "<w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Khoan\"><w:basedOn w:val=\"Dieu\"/><w:pPr><w:numPr>"
      "<w:ilvl w:val=\"1\"/></w:numPr></w:pPr></w:style>"
      "<w:style w:type=\"character\" w:styleId=\"Loop\"><w:basedOn w:val=\"Loop\"/></w:style>";
  const std::string body =
      np(2, 0, "") + p("QUY ĐỊNH CHUNG") + np(1, 0, "Phạm vi điều chỉnh") + np(1, 1, "Hỗ trợ chuyển đổi:") +
      np(1, 2, "trồng cây ăn quả;") + np(1, 2, "chăn nuôi.") + np(1, 1, "Hỗ trợ liên kết:") +
      np(1, 2, "hợp tác xã.") + np(1, 0, "Đối tượng áp dụng") + np(1, 1, "Hộ gia đình.") + np(2, 0, "") +
      // Another instance of the same definition continues its numbers.
      np(3, 0, "Hồ sơ") + np(3, 1, "Đơn.") +
      // Numbering through the paragraph's style, and its style's base; numId 0 removes it.
      styled("Dieu", "Kinh phí") + styled("Khoan", "Ngân sách tỉnh.") +
      styled("Dieu", "Không đánh số", "<w:numPr><w:numId w:val=\"0\"/></w:numPr>") +
      // A start override restarts its instance's first paragraph; a plain instance continues.
      np(4, 0, "bảy") + np(4, 0, "tám") + np(8, 0, "chín") +
      // Legal numbering shows the higher level as decimal.
      np(5, 0, "Mở đầu") + np(5, 1, "Mục") + np(5, 1, "Mục") + np(5, 0, "Tiếp") + np(5, 1, "Mục") +
      // Bullets; a blank bulleted paragraph yields nothing.
      np(6, 0, "chấm") + np(6, 1, "gạch") + np(6, 0, "") +
      // lvlRestart 0: the level never restarts.
      np(7, 0, "một") + np(7, 1, "x") + np(7, 0, "hai") + np(7, 1, "y") +
      // decimalZero, upperLetter, a tab suffix.
      np(9, 0, "không một") + np(9, 1, "A") +
      // An unknown instance; a former numbering kept by a tracked formatting change.
      np(99, 0, "không có định nghĩa") +
      "<w:p><w:pPr><w:pPrChange w:id=\"1\" w:author=\"A\"><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/>"
      "</w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>cũ</w:t></w:r></w:p>" +
      np(1, 0, "Hiệu lực");
  const DocxText d = read_docx(docx(body, numbering, styles));
  ASSERT_TRUE(d.ok()) << d.error;
  const std::vector<std::string> expected = {
      "Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Phạm vi điều chỉnh", "1. Hỗ trợ chuyển đổi:", "a) trồng cây ăn quả;",
      "b) chăn nuôi.", "2. Hỗ trợ liên kết:", "a) hợp tác xã.", "Điều 2. Đối tượng áp dụng", "1. Hộ gia đình.",
      "Chương II", "Điều 3. Hồ sơ", "1. Đơn.", "Điều 4. Kinh phí", "1. Ngân sách tỉnh.", "Không đánh số", "7. bảy",
      "8. tám", "9. chín", "I. Mở đầu", "1.1. Mục", "1.2. Mục", "II. Tiếp", "2.1. Mục", "• chấm", "- gạch", "1. một",
      "a) x", "2. hai", "b) y", "01/ không một", "A. A", "không có định nghĩa", "cũ", "Điều 5. Hiệu lực"};
  EXPECT_EQ(texts(d), expected);
}

TEST(DocxRead, TablesGiveOneParagraphPerRow) {
  if (!test::have_tool("python3")) GTEST_SKIP() << "python3 missing";
  auto tc = [](const std::string& content) { return "<w:tc><w:tcPr><w:tcW w:w=\"2000\"/></w:tcPr>" + content + "</w:tc>"; };
  const std::string numbering = abstract(0, level(0, "decimal", "%1")) + num(1, 0);
  const std::string body =
      p("Bảng mức hỗ trợ:") + "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr><w:tblGrid/>" +
      "<w:tr>" + tc(p("STT")) + tc(p("Loại cây")) + tc(p("Mức hỗ trợ")) + "</w:tr>" +
      // An automatic STT number alone in its cell; a cell of two paragraphs.
      "<w:tr>" + tc(np(1, 0, "")) + tc(p("Bưởi") + p("Cam")) + tc(p("20")) + "</w:tr>" +
      // A row of blank cells yields nothing, but counts.
      "<w:tr>" + tc("<w:p/>") + tc(p(" ")) + tc("<w:p/>") + "</w:tr>" +
      // A nested table joins its cell; a vertically merged cell is empty.
      "<w:tr>" + tc(np(1, 0, "")) + tc(p("Thủy sản") + "<w:tbl><w:tr>" + tc(p("a")) + tc(p("b")) + "</w:tr></w:tbl>") +
      "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>" +
      "</w:tbl>" + p("Sau bảng.") + "<w:tbl><w:tr>" + tc(p("x")) + tc(p("y | z")) + "</w:tr></w:tbl>";
  const DocxText d = read_docx(docx(body, numbering));
  ASSERT_TRUE(d.ok()) << d.error;
  const Paragraphs expected = {
      {"Bảng mức hỗ trợ:", false, -1, -1, {}},
      row("STT | Loại cây | Mức hỗ trợ", 0, 0, {"STT", "Loại cây", "Mức hỗ trợ"}),
      row("1 | Bưởi\nCam | 20", 0, 1, {"1", "Bưởi\nCam", "20"}),
      row("2 | Thủy sản\na\nb | ", 0, 3, {"2", "Thủy sản\na\nb", ""}),
      {"Sau bảng.", false, -1, -1, {}},
      row("x | y | z", 1, 0, {"x", "y | z"}),
  };
  EXPECT_EQ(d.paragraphs, expected);
}

TEST(DocxRead, TrackedChangesReadAsAccepted) {
  if (!test::have_tool("python3")) GTEST_SKIP() << "python3 missing";
  const std::string body =
      "<w:p><w:r><w:t xml:space=\"preserve\">Mức hỗ trợ </w:t></w:r>"
      "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>15</w:delText></w:r></w:del>"
      "<w:ins w:id=\"2\" w:author=\"A\"><w:r><w:t>20</w:t></w:r></w:ins>"
      "<w:r><w:t xml:space=\"preserve\"> triệu đồng/ha</w:t></w:r></w:p>"
      "<w:p><w:moveFrom w:id=\"3\"><w:r><w:t>Đoạn đã chuyển đi</w:t></w:r></w:moveFrom></w:p>"
      "<w:p><w:moveTo w:id=\"4\"><w:r><w:t>Đoạn chuyển đến</w:t></w:r></w:moveTo></w:p>"
      // A deleted paragraph mark and a former run property are only marks.
      "<w:p><w:pPr><w:rPr><w:del w:id=\"5\" w:author=\"A\"/></w:rPr></w:pPr><w:r><w:rPr><w:b/>"
      "<w:rPrChange w:id=\"6\"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>Giữ</w:t></w:r></w:p>"
      // A deleted table row.
      "<w:tbl><w:tr><w:trPr><w:del w:id=\"7\"/></w:trPr><w:tc><w:p><w:del w:id=\"8\"><w:r><w:delText>bỏ</w:delText>"
      "</w:r></w:del></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>còn</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
  const DocxText d = read_docx(docx(body));
  ASSERT_TRUE(d.ok()) << d.error;
  const Paragraphs expected = {{"Mức hỗ trợ 20 triệu đồng/ha", false, -1, -1, {}},
                               {"Đoạn chuyển đến", false, -1, -1, {}},
                               {"Giữ", false, -1, -1, {}},
                               row("còn", 0, 1, {"còn"})};
  EXPECT_EQ(d.paragraphs, expected);
}

TEST(DocxRead, PartsAreFoundThroughTheRelationships) {
  if (!test::have_tool("python3")) GTEST_SKIP() << "python3 missing";
  // Another writer: its own part names and namespace prefix.
  const std::string ns = " xmlns:ns0=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
  const std::vector<Part> parts = {
      kContentTypes,
      {"_rels/.rels", "<Relationships><Relationship Id=\"r1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/"
                      "relationships/officeDocument\" Target=\"/word/main.xml\"/></Relationships>"},
      {"word/_rels/main.xml.rels",
       "<Relationships><Relationship Id=\"r2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
       "relationships/stylesWithEffects\" Target=\"wrong.xml\"/><Relationship Id=\"r3\" Type=\"http://"
       "schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"lists.xml\"/></Relationships>"},
      {"word/main.xml", "<ns0:document" + ns + "><ns0:body><ns0:p><ns0:pPr><ns0:numPr><ns0:ilvl ns0:val=\"0\"/>"
                        "<ns0:numId ns0:val=\"1\"/></ns0:numPr></ns0:pPr><ns0:r><ns0:t>Khác</ns0:t></ns0:r></ns0:p>"
                        "</ns0:body></ns0:document>"},
      {"word/lists.xml", "<ns0:numbering" + ns + "><ns0:abstractNum ns0:abstractNumId=\"0\"><ns0:lvl ns0:ilvl=\"0\">"
                         "<ns0:start ns0:val=\"4\"/><ns0:numFmt ns0:val=\"lowerRoman\"/><ns0:lvlText ns0:val=\"(%1)\"/>"
                         "</ns0:lvl></ns0:abstractNum><ns0:num ns0:numId=\"1\"><ns0:abstractNumId ns0:val=\"0\"/>"
                         "</ns0:num></ns0:numbering>"},
      {"word/document.xml", document_xml(p("sai"))},
  };
  const DocxText d = read_docx(python_zip(parts));
  ASSERT_TRUE(d.ok()) << d.error;
  EXPECT_EQ(texts(d), std::vector<std::string>{"(iv) Khác"});
}

TEST(DocxRead, DamagedHostileAndOversizedFilesAreRefused) {
  EXPECT_FALSE(read_docx("").ok());
  EXPECT_FALSE(read_docx("PK\x03\x04 not really").ok());
  EXPECT_FALSE(read_docx(std::string(100000, '\0')).ok());
  const std::string legacy_doc("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + std::string(600, '\0'), 608);
  EXPECT_FALSE(looks_like_docx(legacy_doc));
  EXPECT_FALSE(read_docx(legacy_doc).ok());
  if (!test::have_tool("python3")) GTEST_SKIP() << "python3 missing";
  std::string body;
  for (int i = 0; i < 40; ++i) body += np(1, i % 3, "Đoạn " + std::to_string(i)) + (i % 7 ? "" : "<w:tbl><w:tr><w:tc>" + p("ô") + "</w:tc></w:tr></w:tbl>");
  const std::string numbering = abstract(0, level(0, "decimal", "Điều %1.") + level(1, "decimal", "%2.") +
                                                level(2, "lowerLetter", "%3)")) + num(1, 0);
  const std::string good = docx(body, numbering);
  const DocxText read = read_docx(good);
  ASSERT_TRUE(read.ok()) << read.error;
  ASSERT_EQ(read.paragraphs.size(), 46u);
  // Every truncation and a flipped byte anywhere: an error or a document, never a crash.
  for (std::size_t n = 0; n < good.size(); n += 61) (void)read_docx(good.substr(0, n));
  for (std::size_t at = 0; at < good.size(); at += 37) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ 0x5A);
    (void)read_docx(bad);
  }
  // The limits: paragraphs, text, an inflated part's size. Never half a document.
  for (const DocxLimits limits : {DocxLimits{.max_entry_bytes = 16u << 20, .max_paragraphs = 45, .max_text_bytes = 8u << 20},
                                  DocxLimits{.max_entry_bytes = 16u << 20, .max_paragraphs = 20000, .max_text_bytes = 100},
                                  DocxLimits{.max_entry_bytes = 2000, .max_paragraphs = 20000, .max_text_bytes = 8u << 20}}) {
    const DocxText small = read_docx(good, limits);
    EXPECT_FALSE(small.ok());
    EXPECT_TRUE(small.paragraphs.empty());
  }
  // No document part; a DTD (entity expansion); nesting past 32 levels; an unknown entity.
  const DocxText none = read_docx(python_zip({kContentTypes, {"word/other.xml", document_xml(p("x"))}}));
  EXPECT_FALSE(none.ok());
  EXPECT_NE(none.error.find("word/document.xml missing"), std::string::npos) << none.error;
  EXPECT_FALSE(read_docx(python_zip({kRels, {"word/document.xml", "<!DOCTYPE w [<!ENTITY a \"aaaa\">]><w:document/>"}})).ok());
  std::string deep_tables, deep_paragraphs;
  for (int i = 0; i < 40; ++i) deep_tables += "<w:tbl><w:tr><w:tc>", deep_paragraphs += "<w:p><w:r><w:t>x</w:t></w:r>";
  EXPECT_FALSE(read_docx(docx(deep_tables)).ok());
  EXPECT_FALSE(read_docx(docx(deep_paragraphs)).ok());
  EXPECT_FALSE(read_docx(docx(p("&bomb;"))).ok());
  // A hostile numbering part: huge ids and levels, undefined levels in the level text, a cycle
  // of styles. Read, not refused.
  const std::string odd_numbering =
      abstract(1, level(0, "decimal", "%9%1%0%") + "<w:lvl w:ilvl=\"99\"/><w:lvl w:ilvl=\"-1\"/>") +
      num(1, 1) + "<w:num w:numId=\"99999999999\"><w:abstractNumId w:val=\"1\"/></w:num>";
  const std::string loop = "<w:style w:type=\"paragraph\" w:styleId=\"A\"><w:basedOn w:val=\"B\"/></w:style>"
                           "<w:style w:type=\"paragraph\" w:styleId=\"B\"><w:basedOn w:val=\"A\"/></w:style>";
  const DocxText odd = read_docx(docx(np(1, 0, "x") + styled("A", "y"), odd_numbering, loop));
  ASSERT_TRUE(odd.ok()) << odd.error;
  EXPECT_EQ(texts(odd), (std::vector<std::string>{"11%0% x", "y"}));
  // A "zip bomb": 24 MiB of paragraphs deflated to a few kB stops at the 16 MiB entry limit.
  test::TempDir dir;
  const auto bomb = dir.path() / "bomb.docx";
  const auto r = test::run("python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], 'w', "
                           "zipfile.ZIP_DEFLATED); z.writestr('word/document.xml', '<w:document><w:body>' + "
                           "'<w:p/>' * (4 << 20)); z.close()\" " + test::quote(bomb));
  ASSERT_EQ(r.status, 0);
  std::ifstream in(bomb, std::ios::binary);
  const std::string bomb_bytes((std::istreambuf_iterator<char>(in)), {});
  EXPECT_LT(bomb_bytes.size(), 100000u);
  const DocxText exploded = read_docx(bomb_bytes);
  EXPECT_FALSE(exploded.ok());
  EXPECT_EQ(exploded.error, "entry too large");
}

}  // namespace
}  // namespace tinhso::document
