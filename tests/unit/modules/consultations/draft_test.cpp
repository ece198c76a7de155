// The draft splitter (src/modules/consultations/draft.h; issue 18: comments article by article), on
// real-shaped drafts: a provincial People's Council resolution on support for converting rice land
// (data/consultations/, also as the demo .docx with Word's automatic numbering), a regulation in
// parts and sections with a gap in its numbers, a draft typed without diacritics; then one table
// per convention (Decree 34/2016/NĐ-CP Art. 62 layout: headings, clauses, points, tables, the
// closing block, warnings, limits) and the round trip through to_text().
#include "modules/consultations/draft.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace tinhso::consultations {
namespace {

std::string read(const std::string& relative) {
  std::ifstream in(std::string(TINHSO_SOURCE_DIR) + "/" + relative, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

const char* const kResolution = "data/consultations/du-thao-nghi-quyet-ho-tro";
const char* const kRegulation = "tests/unit/modules/consultations/data/quy-dinh-phan-muc.txt";
const char* const kNoDiacritics = "tests/unit/modules/consultations/data/khong-dau.txt";

SplitResult split_text(const std::string& text, const SplitLimits& limits = {}) {
  return split_draft(paragraphs_from_text(text), limits);
}

// "article 5 [Phạm vi] dieu-5 < chuong-i": what a table below expects of a unit.
std::string brief(const Unit& u) {
  std::string s = std::string(kind_name(u.kind));
  if (!u.number.empty()) s += " " + u.number;
  if (!u.heading.empty()) s += " [" + u.heading + "]";
  s += " " + u.anchor;
  if (!u.parent.empty()) s += " < " + u.parent;
  return s;
}

std::vector<std::string> briefs(const SplitResult& r) {
  std::vector<std::string> out;
  for (const auto& u : r.units) out.push_back(brief(u));
  return out;
}

const Unit* find(const SplitResult& r, const std::string& anchor) {
  for (const auto& u : r.units)
    if (u.anchor == anchor) return &u;
  return nullptr;
}

void expect_round_trip(const SplitResult& r, const std::string& name) {
  const std::string text = to_text(r.units);
  const SplitResult again = split_text(text);
  EXPECT_EQ(again.units, r.units) << name << ": to_text gave\n" << text;
  EXPECT_EQ(to_text(again.units), text) << name;
}

TEST(DraftSplit, ResolutionDraftByArticle) {
  const SplitResult r = split_text(read(std::string(kResolution) + ".txt"));
  EXPECT_TRUE(r.warnings.empty()) << testing::PrintToString(r.warnings);
  EXPECT_FALSE(r.truncated);
  const std::vector<std::string> expected = {
      "preamble mo-dau",
      "chapter I [QUY ĐỊNH CHUNG] chuong-i",
      "article 1 [Phạm vi điều chỉnh] dieu-1 < chuong-i",
      "article 2 [Đối tượng áp dụng] dieu-2 < chuong-i",
      "clause 1 dieu-2-khoan-1 < dieu-2",
      "clause 2 dieu-2-khoan-2 < dieu-2",
      "clause 3 dieu-2-khoan-3 < dieu-2",
      "article 3 [Điều kiện hỗ trợ] dieu-3 < chuong-i",
      "clause 1 dieu-3-khoan-1 < dieu-3",
      "point a dieu-3-khoan-1-diem-a < dieu-3-khoan-1",
      "point b dieu-3-khoan-1-diem-b < dieu-3-khoan-1",
      "point c dieu-3-khoan-1-diem-c < dieu-3-khoan-1",
      "point d dieu-3-khoan-1-diem-d < dieu-3-khoan-1",
      "point đ dieu-3-khoan-1-diem-dd < dieu-3-khoan-1",
      "clause 2 dieu-3-khoan-2 < dieu-3",
      "clause 3 dieu-3-khoan-3 < dieu-3",
      "chapter II [CHÍNH SÁCH HỖ TRỢ] chuong-ii",
      "article 4 [Hỗ trợ chuyển đổi đất trồng lúa sang trồng cây ăn quả, cây hằng năm] dieu-4 < chuong-ii",
      "clause 1 dieu-4-khoan-1 < dieu-4",
      "clause 2 dieu-4-khoan-2 < dieu-4",
      "clause 3 dieu-4-khoan-3 < dieu-4",
      "article 5 [Hỗ trợ chuyển đổi đất trồng lúa sang chăn nuôi, nuôi trồng thủy sản] dieu-5 < chuong-ii",
      "clause 1 dieu-5-khoan-1 < dieu-5",
      "clause 2 dieu-5-khoan-2 < dieu-5",
      "point a dieu-5-khoan-2-diem-a < dieu-5-khoan-2",
      "point b dieu-5-khoan-2-diem-b < dieu-5-khoan-2",
      "point c dieu-5-khoan-2-diem-c < dieu-5-khoan-2",
      "article 6 [Hỗ trợ liên kết sản xuất và tiêu thụ sản phẩm] dieu-6 < chuong-ii",
      "clause 1 dieu-6-khoan-1 < dieu-6",
      "clause 2 dieu-6-khoan-2 < dieu-6",
      "chapter III [TỔ CHỨC THỰC HIỆN] chuong-iii",
      "article 7 [Hồ sơ, trình tự, thủ tục hỗ trợ] dieu-7 < chuong-iii",
      "clause 1 dieu-7-khoan-1 < dieu-7",
      "point a dieu-7-khoan-1-diem-a < dieu-7-khoan-1",
      "point b dieu-7-khoan-1-diem-b < dieu-7-khoan-1",
      "point c dieu-7-khoan-1-diem-c < dieu-7-khoan-1",
      "clause 2 dieu-7-khoan-2 < dieu-7",
      "clause 3 dieu-7-khoan-3 < dieu-7",
      "article 8 [Kinh phí thực hiện] dieu-8 < chuong-iii",
      "clause 1 dieu-8-khoan-1 < dieu-8",
      "clause 2 dieu-8-khoan-2 < dieu-8",
      "article 9 [Tổ chức thực hiện] dieu-9 < chuong-iii",
      "clause 1 dieu-9-khoan-1 < dieu-9",
      "clause 2 dieu-9-khoan-2 < dieu-9",
      "article 10 [Hiệu lực thi hành] dieu-10 < chuong-iii",
      "clause 1 dieu-10-khoan-1 < dieu-10",
      "clause 2 dieu-10-khoan-2 < dieu-10",
      "closing ket-thuc",
  };
  EXPECT_EQ(briefs(r), expected);

  const Unit* preamble = find(r, "mo-dau");
  ASSERT_NE(preamble, nullptr);
  EXPECT_TRUE(preamble->text.starts_with("HỘI ĐỒNG NHÂN DÂN\nTỈNH PHÚ THỌ\n"));
  EXPECT_TRUE(preamble->text.ends_with("\nQUYẾT NGHỊ:"));
  EXPECT_TRUE(find(r, "dieu-1")->text.starts_with("Nghị quyết này quy định chính sách hỗ trợ chuyển đổi"));
  EXPECT_EQ(find(r, "dieu-3")->text, "") << "an article's text is its own, without its clauses";
  EXPECT_EQ(find(r, "dieu-3-khoan-1")->text, "Hộ gia đình, cá nhân được hỗ trợ khi đáp ứng đủ các điều kiện sau:");
  EXPECT_EQ(find(r, "dieu-3-khoan-1-diem-dd")->text,
            "Cam kết duy trì sản xuất trên diện tích đã chuyển đổi ít nhất 05 năm kể từ ngày được hỗ trợ.");
  EXPECT_EQ(find(r, "dieu-4-khoan-1")->text,
            "Hỗ trợ một lần chi phí mua giống, vật tư, cải tạo đồng ruộng theo mức quy định tại bảng sau:\n"
            "| STT | Hình thức chuyển đổi | Mức hỗ trợ (triệu đồng/ha) | Mức tối đa (triệu đồng/hộ) |\n"
            "| 1 | Sang trồng cây ăn quả (bưởi, cam, nhãn, chuối) | 20 | 100 |\n"
            "| 2 | Sang trồng cây hằng năm có giá trị kinh tế cao | 10 | 50 |\n"
            "| 3 | Sang trồng cây dược liệu | 15 | 75 |")
      << "the table's rows are text of the clause they are in; its numbered cells are no clauses";
  EXPECT_EQ(find(r, "dieu-4-khoan-3")->text,
            "Diện tích chuyển đổi sang trồng cây ăn quả được ưu tiên đối với các giống:\n- Bưởi Đoan Hùng;\n"
            "- Cam Cao Phong;\n- Các giống cây ăn quả khác có trong danh mục do Ủy ban nhân dân tỉnh công bố.");
  EXPECT_TRUE(find(r, "dieu-10-khoan-2")->text.ends_with("thông qua ngày tháng năm 2025./."));
  EXPECT_TRUE(find(r, "ket-thuc")->text.starts_with("Nơi nhận:\n- Ủy ban Thường vụ Quốc hội;"));
  EXPECT_TRUE(find(r, "ket-thuc")->text.ends_with("TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH"));
  EXPECT_EQ(unit_label_vi(*find(r, "dieu-3-khoan-1-diem-dd")), "Điểm đ khoản 1 Điều 3");
  expect_round_trip(r, "resolution");
}

TEST(DraftSplit, TheDemoDocxSplitsAsItsText) {
  const std::string docx = read(std::string(kResolution) + ".docx");
  ASSERT_FALSE(docx.empty()) << "scripts/make-demo-docx.py writes it";
  const document::DocxText read_back = document::read_docx(docx);
  ASSERT_TRUE(read_back.ok()) << read_back.error;
  const SplitResult from_docx = split_draft(paragraphs_from_docx(read_back));
  const SplitResult from_text = split_text(read(std::string(kResolution) + ".txt"));
  EXPECT_EQ(from_docx.units, from_text.units);
  EXPECT_EQ(from_docx.warnings, from_text.warnings);
}

TEST(DraftSplit, RegulationInPartsAndSections) {
  const SplitResult r = split_text(read(kRegulation));
  const std::vector<std::string> expected = {
      "preamble mo-dau",
      "part thứ nhất [NHỮNG QUY ĐỊNH CHUNG] phan-thu-nhat",
      "chapter I [PHẠM VI VÀ ĐỐI TƯỢNG] chuong-i < phan-thu-nhat",
      "article 1 [Phạm vi điều chỉnh] dieu-1 < chuong-i",
      "article 2 [Đối tượng áp dụng] dieu-2 < chuong-i",
      "clause 1 dieu-2-khoan-1 < dieu-2",
      "clause 2 dieu-2-khoan-2 < dieu-2",
      "part thứ hai [NHỮNG QUY ĐỊNH CỤ THỂ] phan-thu-hai",
      "chapter II [ĐĂNG TẢI VÀ LẤY Ý KIẾN] chuong-ii < phan-thu-hai",
      "section 1 [ĐĂNG TẢI DỰ THẢO] chuong-ii-muc-1 < chuong-ii",
      "article 3 [Nội dung đăng tải] dieu-3 < chuong-ii-muc-1",
      "clause 1 dieu-3-khoan-1 < dieu-3",
      "point a dieu-3-khoan-1-diem-a < dieu-3-khoan-1",
      "point b dieu-3-khoan-1-diem-b < dieu-3-khoan-1",
      "point c dieu-3-khoan-1-diem-c < dieu-3-khoan-1",
      "clause 2 dieu-3-khoan-2 < dieu-3",
      "article 4 [Hình thức góp ý] dieu-4 < chuong-ii-muc-1",
      "point a dieu-4-diem-a < dieu-4",
      "point b dieu-4-diem-b < dieu-4",
      "point c dieu-4-diem-c < dieu-4",
      "section 2 [TỔNG HỢP Ý KIẾN] chuong-ii-muc-2 < chuong-ii",
      "article 5 [Tổng hợp, tiếp thu, giải trình] dieu-5 < chuong-ii-muc-2",
      "clause 1 dieu-5-khoan-1 < dieu-5",
      "clause 2 dieu-5-khoan-2 < dieu-5",
      "chapter III [TỔ CHỨC THỰC HIỆN] chuong-iii < phan-thu-hai",
      "article 7 [Trách nhiệm của các cơ quan] dieu-7 < chuong-iii",
      "clause 1 dieu-7-khoan-1 < dieu-7",
      "clause 3 dieu-7-khoan-3 < dieu-7",
      "article 8 [Điều khoản thi hành] dieu-8 < chuong-iii",
  };
  EXPECT_EQ(briefs(r), expected);
  const std::vector<std::string> warnings = {"Điều 7 follows Điều 5", "Khoản 3 follows khoản 1 in Điều 7"};
  EXPECT_EQ(r.warnings, warnings);
  EXPECT_EQ(find(r, "dieu-4")->text, "Tổ chức, cá nhân góp ý bằng một trong các hình thức sau:");
  EXPECT_EQ(unit_label_vi(*find(r, "chuong-ii-muc-2")), "Mục 2 Chương II");
  EXPECT_EQ(unit_label_vi(*find(r, "dieu-4-diem-b")), "Điểm b Điều 4");
  EXPECT_EQ(unit_label_vi(*find(r, "phan-thu-hai")), "Phần thứ hai");
  expect_round_trip(r, "regulation");
}

TEST(DraftSplit, DraftTypedWithoutDiacritics) {
  const SplitResult r = split_text(read(kNoDiacritics));
  const std::vector<std::string> expected = {
      "preamble mo-dau",
      "chapter I [QUY DINH CHUNG] chuong-i",
      "article 1 [Pham vi dieu chinh] dieu-1 < chuong-i",
      "article 2 [Doi tuong ap dung] dieu-2 < chuong-i",
      "clause 1 dieu-2-khoan-1 < dieu-2",
      "clause 2 dieu-2-khoan-2 < dieu-2",
      "chapter II [Chinh sach ho tro] chuong-ii",
      "article 3 [Muc ho tro] dieu-3 < chuong-ii",
      "clause 1 dieu-3-khoan-1 < dieu-3",
      "point a dieu-3-khoan-1-diem-a < dieu-3-khoan-1",
      "point b dieu-3-khoan-1-diem-b < dieu-3-khoan-1",
      "clause 2 dieu-3-khoan-2 < dieu-3",
      "article 4 [Hieu luc thi hanh] dieu-4 < chuong-ii",
      "closing ket-thuc",
  };
  EXPECT_EQ(briefs(r), expected);
  EXPECT_TRUE(r.warnings.empty()) << testing::PrintToString(r.warnings);
  EXPECT_EQ(find(r, "dieu-3-khoan-2")->text, "Ho tro lai suat vay von.");
  EXPECT_EQ(find(r, "ket-thuc")->text, "Noi nhan:\n- Nhu Dieu 4;\n- Luu VT.");
  expect_round_trip(r, "no diacritics");
}

struct Case {
  const char* name;
  std::string text;
  std::vector<std::string> units;  // brief() of each unit
};

void run_table(const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    const SplitResult r = split_text(c.text);
    EXPECT_EQ(briefs(r), c.units) << c.name;
    expect_round_trip(r, c.name);
  }
}

TEST(DraftSplit, HeadingsHoweverTheyAreWritten) {
  const std::string nfd_dieu = "Đie\xCC\x82\xCC\x80u";  // "Điều" with ê and the grave accent decomposed
  run_table({
      {"upper case", "ĐIỀU 5. PHẠM VI", {"article 5 [PHẠM VI] dieu-5"}},
      {"odd spacing", "Điều  5 .  Phạm vi", {"article 5 [Phạm vi] dieu-5"}},
      {"colon, no diacritics", "Dieu 5: Pham vi", {"article 5 [Pham vi] dieu-5"}},
      {"dash", "Điều 5 - Phạm vi", {"article 5 [Phạm vi] dieu-5"}},
      {"en dash", "Điều 5 – Phạm vi", {"article 5 [Phạm vi] dieu-5"}},
      {"a space only", "Điều 5 Phạm vi", {"article 5 [Phạm vi] dieu-5"}},
      {"no space before the number", "Điều5. Phạm vi", {"article 5 [Phạm vi] dieu-5"}},
      {"no heading", "Điều 5", {"article 5 dieu-5"}},
      {"non-breaking spaces", "Điều\u00A05.\u00A0Phạm\u202Fvi\u200B", {"article 5 [Phạm vi] dieu-5"}},
      {"decomposed (NFD)", nfd_dieu + " 5. Pha\xCC\xA3m vi", {"article 5 [Phạm vi] dieu-5"}},
      {"eth for Đ", "\xC3\x90iều 5. Phạm vi", {"article 5 [Phạm vi] dieu-5"}},
      {"an inserted article", "Điều 5a. Bổ sung", {"article 5a [Bổ sung] dieu-5a"}},
      {"leading zero", "Điều 05. Phạm vi", {"article 5 [Phạm vi] dieu-5"}},
      {"a sentence after the number is text",
       "Điều 1. Ban hành kèm theo Quyết định này Quy chế lấy ý kiến Nhân dân đối với dự thảo văn bản của tỉnh.",
       {"article 1 dieu-1"}},
      {"chapter title on the next line", "Chương II\nQUY ĐỊNH CHUNG", {"chapter II [QUY ĐỊNH CHUNG] chuong-ii"}},
      {"chapter in Arabic numerals, title on the same line", "CHUONG 2: Quy dinh chung",
       {"chapter 2 [Quy dinh chung] chuong-2"}},
      {"lower-case Roman numeral", "Chương iv. Điều khoản thi hành", {"chapter IV [Điều khoản thi hành] chuong-iv"}},
      {"a short title in lower case", "Chương I\nQuy định chung\nĐiều 1. A",
       {"chapter I [Quy định chung] chuong-i", "article 1 [A] dieu-1 < chuong-i"}},
      {"a title on two lines", "Chương I\nQUY ĐỊNH CHUNG VỀ\nHỖ TRỢ SẢN XUẤT\nĐiều 1. A",
       {"chapter I [QUY ĐỊNH CHUNG VỀ HỖ TRỢ SẢN XUẤT] chuong-i", "article 1 [A] dieu-1 < chuong-i"}},
      {"sections in a chapter", "Chương I\nA\nMục 1. HỖ TRỢ\nMuc 2\nHO TRO\nĐiều 1. B",
       {"chapter I [A] chuong-i", "section 1 [HỖ TRỢ] chuong-i-muc-1 < chuong-i",
        "section 2 [HO TRO] chuong-i-muc-2 < chuong-i", "article 1 [B] dieu-1 < chuong-i-muc-2"}},
      {"a section without a chapter", "Mục 1. Chung", {"section 1 [Chung] muc-1"}},
      {"parts by ordinal", "Phần thứ nhất\nNHỮNG QUY ĐỊNH CHUNG\nPHẦN THỨ HAI. CỤ THỂ\nPhan thu ba",
       {"part thứ nhất [NHỮNG QUY ĐỊNH CHUNG] phan-thu-nhat", "part thứ hai [CỤ THỂ] phan-thu-hai",
        "part thu ba phan-thu-ba"}},
      {"part eleven", "Phần thứ mười một", {"part thứ mười một phan-thu-muoi-mot"}},
      {"part by Roman numeral", "Phần I. Chung", {"part I [Chung] phan-i"}},
  });
}

TEST(DraftSplit, LinesThatAreNoHeadings) {
  run_table({
      {"words that start like keywords",
       "Chương trình mục tiêu quốc gia\nMục tiêu của chính sách\nĐiều kiện chung\nPhần còn lại\nMục đích",
       {"preamble mo-dau"}},
      {"a keyword without its diacritics right", "Diều 5. A\nĐiêu 5. A\nMức 1. A\nMuc 1a", {"preamble mo-dau"}},
      {"a reference to articles", "Điều 1. A\nĐiều 5, Điều 6 của Luật Đất đai\nĐiều 5 và Điều 6 được sửa đổi",
       {"article 1 [A] dieu-1"}},
      {"a space only, but not the next number", "Điều 1. A\nĐiều 6 Luật Đất đai quy định như sau",
       {"article 1 [A] dieu-1"}},
      {"a space only, lower case after it", "Chương II của Luật", {"preamble mo-dau"}},
      {"not a Roman numeral", "Chương IIII\nChương IC", {"preamble mo-dau"}},
  });
  const SplitResult r = split_text("Điều 1. A\nĐiều 6 Luật Đất đai quy định như sau");
  EXPECT_EQ(r.units[0].text, "Điều 6 Luật Đất đai quy định như sau");
}

TEST(DraftSplit, ClausesAndPoints) {
  run_table({
      {"clauses with . and )", "Điều 1. A\n1. Một\n2) Hai\n3.Ba",
       {"article 1 [A] dieu-1", "clause 1 dieu-1-khoan-1 < dieu-1", "clause 2 dieu-1-khoan-2 < dieu-1",
        "clause 3 dieu-1-khoan-3 < dieu-1"}},
      {"a decimal number is no clause", "Điều 1. A\n1.5 triệu đồng\n10.000.000 đồng", {"article 1 [A] dieu-1"}},
      {"points a to đ, sub-points in their point",
       "Điều 1. A\n1. B\na) một\nb) hai\nc) ba\nd) bốn\nđ) năm:\n- gạch;\n+ cộng\ne) sáu",
       {"article 1 [A] dieu-1", "clause 1 dieu-1-khoan-1 < dieu-1", "point a dieu-1-khoan-1-diem-a < dieu-1-khoan-1",
        "point b dieu-1-khoan-1-diem-b < dieu-1-khoan-1", "point c dieu-1-khoan-1-diem-c < dieu-1-khoan-1",
        "point d dieu-1-khoan-1-diem-d < dieu-1-khoan-1", "point đ dieu-1-khoan-1-diem-dd < dieu-1-khoan-1",
        "point e dieu-1-khoan-1-diem-e < dieu-1-khoan-1"}},
      {"f, j, w, z are no point letters", "Điều 1. A\n1. B\nf) x\nj) x\nw) x\nz) x",
       {"article 1 [A] dieu-1", "clause 1 dieu-1-khoan-1 < dieu-1"}},
      {"a. is a point, a.m. is not", "Điều 1. A\na. x\na.m. y", {"article 1 [A] dieu-1", "point a dieu-1-diem-a < dieu-1"}},
      {"numbered lines before any article are text", "1. Căn cứ\na) x\nĐiều 1. A", {"preamble mo-dau", "article 1 [A] dieu-1"}},
      {"numbered lines after a chapter heading, before its articles",
       "Chương I\nA\n1. x\nĐiều 1. B\n1. y",
       {"chapter I [A] chuong-i", "article 1 [B] dieu-1 < chuong-i", "clause 1 dieu-1-khoan-1 < dieu-1"}},
      {"numbered table rows are no clauses", "Điều 1. A\n| 1. | x |\n| a) | y |", {"article 1 [A] dieu-1"}},
      {"a clause with its text on the next line", "Điều 1. A\n1.\nNội dung", {"article 1 [A] dieu-1", "clause 1 dieu-1-khoan-1 < dieu-1"}},
      {"a clause whose text starts with a table", "Điều 1. A\n1.\n| x |  |\n2. | y", {"article 1 [A] dieu-1",
       "clause 1 dieu-1-khoan-1 < dieu-1", "clause 2 dieu-1-khoan-2 < dieu-1"}},
      {"an article whose text starts with a sentence that looks like a clause",
       "Điều 1. 1. Nghị quyết này quy định mức hỗ trợ cho hộ gia đình, cá nhân chuyển đổi đất trồng lúa.\n2. B",
       {"article 1 dieu-1", "clause 2 dieu-1-khoan-2 < dieu-1"}},
  });
  const SplitResult r = split_text("Điều 1. A\n1. B\nđ) năm:\n- gạch;\n+ cộng\nĐiều 2. C\n1.\nNội dung");
  EXPECT_EQ(r.units[2].text, "năm:\n- gạch;\n+ cộng");
  EXPECT_EQ(r.units[4].text, "Nội dung");
  const SplitResult rows = split_text("Điều 1. A\n1.\n| x |  |\n2. | y");
  EXPECT_EQ(rows.units[1].text, "| x |  |") << "a row";
  EXPECT_EQ(rows.units[2].text, "| y") << "a text";
}

TEST(DraftSplit, TablesStayRows) {
  const std::vector<DraftParagraph> paragraphs = {
      {"Điều 1. Mức hỗ trợ", false},
      {"1. Theo bảng:", false},
      {"| STT |Loại|  Mức |", true},
      {"2\tCây ăn quả", true},  // a row given as in_table without bars
      {"|1|a \\| b|c", false},  // bars make a row; "\|" stays inside its cell
      {"|  |   |", true},       // blank cells: dropped
      {"Sau bảng.", false},
  };
  const SplitResult r = split_draft(paragraphs);
  ASSERT_EQ(r.units.size(), 2u);
  EXPECT_EQ(r.units[1].text, "Theo bảng:\n| STT | Loại | Mức |\n| 2 Cây ăn quả |\n| 1 | a \\| b | c |\nSau bảng.");
  expect_round_trip(r, "tables");
  // A row as long as a sentence is still a row, on its own line.
  const std::string long_row = "| " + std::string(450, 'x') + " |  |";
  const SplitResult wide = split_text("Điều 1.\n" + long_row);
  EXPECT_EQ(wide.units[0].text, long_row);
  expect_round_trip(wide, "a long row first");
  // From a .docx: cells with line breaks and bars.
  document::DocxText docx;
  docx.paragraphs = {{"Điều 1. A\nNội dung", false, -1, -1, {}},
                     {"1 | x\ny | a|b", true, 0, 0, {"1", "x\ny", "a|b"}},
                     {" | ", true, 0, 1, {"", " "}}};
  const std::vector<DraftParagraph> expected = {
      {"Điều 1. A", false}, {"Nội dung", false}, {"| 1 | x y | a\\|b |", true}};
  EXPECT_EQ(paragraphs_from_docx(docx), expected);
}

TEST(DraftSplit, TheClosingBlock) {
  run_table({
      {"Nơi nhận", "Điều 1. A\nNơi nhận:\n- Như Điều 1;\nĐiều 2. không tách\n1. không tách",
       {"article 1 [A] dieu-1", "closing ket-thuc"}},
      {"a signature first", "Điều 1. A\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", {"article 1 [A] dieu-1", "closing ket-thuc"}},
      {"a signature table", "Điều 1. A\n| Nơi nhận: - Như trên; | TM. HỘI ĐỒNG NHÂN DÂN CHỦ TỊCH |",
       {"article 1 [A] dieu-1", "closing ket-thuc"}},
      {"no diacritics", "Dieu 1. A\nNOI NHAN:", {"article 1 [A] dieu-1", "closing ket-thuc"}},
      {"not a signature", "Điều 1. A\nTMA. x\nNơi nhận hồ sơ là", {"article 1 [A] dieu-1"}},
  });
}

TEST(DraftSplit, WarningsForTheOfficer) {
  struct WarningCase {
    const char* name;
    std::string text;
    std::vector<std::string> warnings;
  };
  const WarningCase cases[] = {
      {"none", "Chương I\nA\nĐiều 1. B\n1. x\na) y\nb) z\n2. w", {}},
      {"an article number skipped", "Điều 1. A\nĐiều 2. B\nĐiều 4. C", {"Điều 4 follows Điều 2"}},
      {"the first article", "Điều 3. A", {"the first article is Điều 3"}},
      {"an inserted article follows its base", "Điều 1. A\nĐiều 1a. B\nĐiều 2. C", {}},
      {"a repeated article", "Điều 1. A\nĐiều 1. B\n1. x",
       {"duplicate anchor dieu-1 renamed dieu-1-2", "Điều 1 follows Điều 1"}},
      {"clauses", "Điều 1. A\n1. x\n3. y\nĐiều 2. B\n2. z",
       {"Khoản 3 follows khoản 1 in Điều 1", "the first clause in Điều 2 is Khoản 2"}},
      {"points in Vietnamese order", "Điều 1. A\n1. x\na) x\nb) x\nc) x\nd) x\ne) x",
       {"Điểm e follows điểm d in khoản 1 Điều 1"}},
      {"chapters and sections", "Chương I\nA\nMục 2. B\nChương III\nC",
       {"the first section in Chương I is Mục 2", "Chương III follows Chương I", "no article found"}},
      {"no heading", "Chương I\nĐiều 1.", {"Chương I has no heading", "Điều 1 has no heading"}},
      {"no article at all", "Kế hoạch\n1. Mục đích", {"no article found"}},
  };
  for (const auto& c : cases) {
    const SplitResult r = split_text(c.text);
    EXPECT_EQ(r.warnings, c.warnings) << c.name;
  }
}

TEST(DraftSplit, LimitsCutAndSaySo) {
  std::string many;
  for (int i = 1; i <= 30; ++i) many += "Điều " + std::to_string(i) + ". Điều thứ " + std::to_string(i) + "\n";
  const SplitResult r = split_text(many, {.max_units = 10, .max_unit_text = 64u << 10});
  EXPECT_TRUE(r.truncated);
  ASSERT_EQ(r.units.size(), 10u);
  EXPECT_EQ(r.warnings.front(), "more than 10 units: the rest is text of the last unit");
  EXPECT_TRUE(r.units.back().text.ends_with("Điều 30. Điều thứ 30")) << "nothing lost";
  const SplitResult cut = split_text("Điều 1. A\n" + std::string(100, 'x') + "\n" + std::string(10, 'y'),
                                     {.max_units = 5000, .max_unit_text = 50});
  EXPECT_TRUE(cut.truncated);
  EXPECT_EQ(cut.units[0].text, std::string(50, 'x'));
  EXPECT_EQ(cut.warnings, std::vector<std::string>{"text of Điều 1 cut at 50 bytes"});
  const SplitResult fine = split_text(many);
  EXPECT_FALSE(fine.truncated);
  EXPECT_EQ(fine.units.size(), 30u);
}

TEST(DraftSplit, LabelsInVietnamese) {
  const SplitResult r = split_text(
      "Tiêu đề\nPhần thứ nhất\nA\nChương I\nB\nMục 1. C\nĐiều 1. D\n1. x\na) y\nđ) z\nĐiều 2. E\na) w\nNơi nhận:");
  std::vector<std::string> labels;
  for (const auto& u : r.units) labels.push_back(unit_label_vi(u));
  const std::vector<std::string> expected = {"Phần mở đầu", "Phần thứ nhất", "Chương I", "Mục 1 Chương I", "Điều 1",
                                             "Khoản 1 Điều 1", "Điểm a khoản 1 Điều 1", "Điểm đ khoản 1 Điều 1",
                                             "Điều 2", "Điểm a Điều 2", "Phần kết thúc"};
  EXPECT_EQ(labels, expected);
  for (const auto& u : r.units) {
    EXPECT_EQ(kind_from_name(kind_name(u.kind)), u.kind);
    EXPECT_EQ(u.depth, u.parent.empty() ? 0 : find(r, u.parent)->depth + 1) << u.anchor;
  }
  EXPECT_EQ(kind_from_name("khoản"), std::nullopt);
}

TEST(DraftSplit, PlainTextParagraphs) {
  const std::vector<DraftParagraph> expected = {{"Điều 1. A", false}, {"  b", false}, {" | x | y |", true}, {"c", false}};
  EXPECT_EQ(paragraphs_from_text("Điều 1. A\r\n\r\n  b\n \t\n | x | y |\rc"), expected);
  EXPECT_TRUE(paragraphs_from_text("").empty());
  // Invalid UTF-8 and control characters are read, not refused.
  const SplitResult r = split_text(std::string("Điều 1. A\xFF\x01z\nb\xC3"));
  ASSERT_EQ(r.units.size(), 1u);
  EXPECT_EQ(r.units[0].heading, "A\xEF\xBF\xBD z");
  EXPECT_EQ(r.units[0].text, "b\xEF\xBF\xBD");
}

}  // namespace
}  // namespace tinhso::consultations
