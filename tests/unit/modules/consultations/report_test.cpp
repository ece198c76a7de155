// consultations/report: the summary report of comments, acceptance and explanation (issue 18;
// ../shared/domain/LEADERS.md §4) — read back from the PDF (pdftotext) and the XLSX
// (core/document/xlsx_read.h, python3's zipfile for every part): every visible comment and answer
// is there with its diacritics, a hidden comment's text is in neither, groups follow the draft
// with the whole draft first, a shared answer is written once, a 10,000-character comment (or a
// pathological one) goes on in continuation rows instead of failing.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "core/document/document_tools.h"
#include "core/document/xlsx_read.h"
#include "modules/consultations/report.h"
#include "temp_dir.h"

namespace tinhso::consultations {
namespace {

using test::have_tool;
using test::quote;
using test::run;

const std::string kSecret = "Lời lẽ xúc phạm ông Trần Văn Khánh";

ReportLabels labels() {
  ReportLabels l;
  l.counts = "Tổng số {comments} ý kiến của {people} cá nhân và {organisations} tổ chức; tiếp thu {accepted}, "
             "tiếp thu một phần {partly}, giải trình {explained}, chưa giải trình {unanswered}, đã ẩn {hidden}.";
  l.comments_heading = "I. TỔNG HỢP Ý KIẾN";
  l.questions_heading = "II. KẾT QUẢ THEO CÂU HỎI";
  l.no_comments = "Không có ý kiến góp ý.";
  l.col_unit = "Điều, khoản";
  l.col_author = "Tổ chức, cá nhân góp ý";
  l.col_comment = "Nội dung góp ý";
  l.col_answer = "Ý kiến tiếp thu, giải trình";
  l.col_submitted = "Ngày góp ý";
  l.col_agrees = "Số người đồng tình";
  l.col_answer_kind = "Hình thức";
  l.col_changed_unit = "Điều khoản đã chỉnh lý";
  l.whole_draft = "Toàn văn dự thảo / Ý kiến chung";
  l.answer_accepted = "Tiếp thu";
  l.answer_partly = "Tiếp thu một phần";
  l.answer_explained = "Giải trình";
  l.answer_none = "Chưa giải trình";
  l.hidden = "(Ý kiến đã ẩn: {reason})";
  l.hidden_no_reason = "(Ý kiến đã ẩn)";
  l.same_answer = "Như giải trình tại STT {n}";
  l.changed_unit = "Đã chỉnh lý: {unit}";
  l.agrees = "{n} người đồng tình";
  l.continued = "(tiếp theo ý kiến STT {n})";
  l.q_col_question = "Câu hỏi";
  l.q_col_option = "Phương án";
  l.q_col_count = "Số lượt chọn";
  l.q_col_percent = "Tỷ lệ";
  l.q_other = "Ý kiến khác";
  l.q_respondents = "Số người trả lời";
  return l;
}

ReportComment comment(std::int64_t id, std::string author, std::string text) {
  ReportComment c;
  c.id = id;
  c.author = std::move(author);
  c.author_id = id;
  c.submitted = "12/10/2026";
  c.text = std::move(text);
  return c;
}

ReportComment answered(ReportComment c, AnswerKind kind, std::string answer, std::int64_t group = 0) {
  c.answer_kind = kind;
  c.answer_text = std::move(answer);
  c.answer_group = group;
  return c;
}

// Sentences numbered "đoạn1", "đoạn2", ... (one word each, never split) up to `chars` characters.
std::string long_text(std::size_t chars) {
  std::string s;
  std::size_t n = 0;
  for (int i = 1; n < chars; ++i) {
    const std::string number = std::to_string(i);
    s += "đoạn" + number + " quy định chi tiết về hỗ trợ kinh phí cho hộ nghèo. ";
    n += 53 + number.size();
  }
  return s;
}

// Groups deliberately out of order: the whole draft's group (empty label) comes last here.
ReportInput input() {
  ReportInput in;
  in.agency_parent = "UBND TỈNH PHÚ THỌ";
  in.agency = "SỞ TƯ PHÁP";
  in.number = "Số: 12/BC-STP";
  in.place_date = "Phú Thọ, ngày 26 tháng 11 năm 2026";
  in.title = "BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý";
  in.subtitle = "Dự thảo Nghị quyết về chính sách hỗ trợ nông thôn";
  in.intro_paragraphs = {"Sở Tư pháp lấy ý kiến từ ngày 01/10/2026 đến ngày 20/10/2026."};
  in.signer = {"GIÁM ĐỐC", "", "Trần Văn Bình"};
  in.labels = labels();
  in.created = std::chrono::sys_days{std::chrono::year{2026} / 11 / 26};

  ReportGroup art1{"Điều 1. Phạm vi điều chỉnh", {}};
  art1.comments.push_back(answered(comment(1, "Nguyễn Văn An", "Đề nghị làm rõ phạm vi điều chỉnh đối với hộ kinh doanh."),
                                   AnswerKind::accepted, "Cơ quan soạn thảo tiếp thu và bổ sung hộ kinh doanh.", 7));
  art1.comments.back().changed_unit = "Khoản 1 Điều 1";
  art1.comments.back().agrees = 12;
  ReportComment hidden = comment(2, "Lê Thị Hoa", kSecret);
  hidden.hidden = true;
  hidden.hidden_reason = "công kích cá nhân";
  art1.comments.push_back(hidden);
  ReportComment org = comment(3, "Hợp tác xã Tân Phú (người đại diện: Phạm Văn Đức)",
                              "Kiểm tra dấu: ữ ẩ ễ ổ ự — đề nghị giữ nguyên mức hỗ trợ.");
  org.organisation = true;
  org.unit_label = "Khoản 2 Điều 1";
  art1.comments.push_back(answered(org, AnswerKind::accepted, "Cơ quan soạn thảo tiếp thu và bổ sung hộ kinh doanh.", 7));

  ReportGroup art2{"Điều 2. Đối tượng áp dụng", {}};
  art2.comments.push_back(answered(comment(4, "Nguyễn Văn An", "Đề nghị bổ sung người cao tuổi sống một mình."),
                                   AnswerKind::explained, "Người cao tuổi đã được hỗ trợ theo Nghị định 20/2021/NĐ-CP."));
  art2.comments.push_back(comment(5, "Đỗ Minh Tuấn", long_text(10000)));

  ReportGroup whole{"", {}};
  whole.comments.push_back(answered(comment(6, "Vũ Thu Hà", "Dự thảo cần đánh giá tác động về ngân sách."),
                                    AnswerKind::partly_accepted, "Tiếp thu một phần: bổ sung báo cáo đánh giá tác động."));
  in.groups = {art1, art2, whole};

  in.questions.push_back({"Chị/anh có đồng ý mức hỗ trợ 2 triệu đồng/tháng?", {{"Đồng ý", 120}, {"Không đồng ý", 30}}, 160, 10});
  return in;
}

class ReportFile : public ::testing::Test {
 protected:
  std::filesystem::path save(const std::string& bytes, const std::string& ext) {
    auto path = dir_.path() / ("report" + std::to_string(++n_) + ext);
    test::write_file(path, bytes);
    return path;
  }
  // pdftotext -raw: content-stream order, in which the renderer writes each cell whole.
  std::string pdf_text(const std::string& pdf) { return run("pdftotext -raw -enc UTF-8 " + quote(save(pdf, ".pdf")) + " -").text; }
  // The text of every part of the workbook (shared strings, sheets, properties).
  std::string xlsx_text(const std::string& xlsx) {
    return run("python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
               "print(\"\".join(z.read(n).decode(\"utf-8\") for n in z.namelist()))' " + quote(save(xlsx, ".xlsx")))
        .text;
  }
  test::TempDir dir_{"tinhso-report"};
  int n_ = 0;
};

// Whitespace runs as one space: a cell's text wraps over several lines.
std::string flat(const std::string& s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\f';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST_F(ReportFile, PdfHasEveryVisibleCommentAndAnswerAndNoHiddenText) {
  if (!have_tool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  const ReportInput in = input();
  const std::string text = flat(pdf_text(render_report_pdf(in)));
  for (const ReportGroup& g : in.groups)
    for (const ReportComment& c : g.comments) {
      if (c.hidden || c.text.size() > 1000) continue;
      EXPECT_NE(text.find(c.text), std::string::npos) << c.text;
      EXPECT_NE(text.find(c.author), std::string::npos) << c.author;
      if (!c.answer_text.empty()) {
        EXPECT_NE(text.find(c.answer_text), std::string::npos) << c.answer_text;
      }
    }
  EXPECT_EQ(text.find("Lời lẽ xúc phạm"), std::string::npos) << "a hidden comment's text";
  EXPECT_NE(text.find("(Ý kiến đã ẩn: công kích cá nhân)"), std::string::npos);
  EXPECT_NE(text.find("ữ ẩ ễ ổ ự"), std::string::npos) << "stacked diacritics";
  for (const char* want : {"UBND TỈNH PHÚ THỌ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Đã chỉnh lý: Khoản 1 Điều 1",
                           "12 người đồng tình", "Tiếp thu một phần", "Trần Văn Bình",
                           // 6 comments, people by id: 5 (the hidden one's author included), 1 organisation.
                           "Tổng số 6 ý kiến của 5 cá nhân và 1 tổ chức; tiếp thu 2, tiếp thu một phần 1, giải trình 1, "
                           "chưa giải trình 2, đã ẩn 1.",
                           "Đồng ý 120 75,0%", "Không đồng ý 30 18,8%", "Ý kiến khác 10 6,2%", "Số người trả lời 160"})
    EXPECT_NE(text.find(want), std::string::npos) << want;
}

TEST_F(ReportFile, GroupsFollowTheDraftWithTheWholeDraftFirst) {
  if (!have_tool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  const std::string text = flat(pdf_text(render_report_pdf(input())));
  const std::size_t whole = text.find("Dự thảo cần đánh giá tác động"), art1 = text.find("làm rõ phạm vi điều chỉnh"),
                    art2 = text.find("người cao tuổi sống một mình"), questions = text.find("II. KẾT QUẢ THEO CÂU HỎI");
  ASSERT_NE(whole, std::string::npos);
  EXPECT_LT(whole, art1);
  EXPECT_LT(art1, art2);
  EXPECT_LT(art2, questions);
  EXPECT_NE(text.find("1 Toàn văn dự thảo / Ý kiến chung Vũ Thu Hà"), std::string::npos) << "row 1 is the whole draft's";
}

TEST_F(ReportFile, ASharedAnswerIsWrittenOnce) {
  if (!have_tool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  const ReportInput in = input();
  const std::string pdf = flat(pdf_text(render_report_pdf(in)));
  const std::string xlsx = xlsx_text(render_report_xlsx(in));
  const std::string answer = "Cơ quan soạn thảo tiếp thu và bổ sung hộ kinh doanh.";
  EXPECT_EQ(count(pdf, answer), 1u);
  // Rows: 1 whole draft, 2 and 4 the shared answer's comments (3 hidden between them).
  EXPECT_NE(pdf.find("Như giải trình tại STT 2"), std::string::npos);
  EXPECT_EQ(count(xlsx, answer), 1u);
}

TEST_F(ReportFile, ALongCommentGoesOnInContinuationRows) {
  if (!have_tool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  const std::string text = flat(pdf_text(render_report_pdf(input())));
  std::size_t at = 0;
  for (int i = 1; i <= 180; ++i) {
    const std::string piece = "đoạn" + std::to_string(i) + " ";
    const std::size_t found = text.find(piece, at);
    ASSERT_NE(found, std::string::npos) << piece;
    at = found;
  }
  EXPECT_NE(text.find("(tiếp theo ý kiến STT 6)"), std::string::npos);
}

// Text no estimate of Latin widths would size: one giant word, wide glyphs of fallback fonts.
TEST(Report, PathologicalCommentsStillRender) {
  std::string giant(10000, 'W');
  std::string wide;
  for (int i = 0; i < 2000; ++i) wide += i % 2 ? "\xEF\xB7\xBD" : "\xF0\x9F\x98\x80 ";  // U+FDFD, U+1F600
  std::string lines;
  for (int i = 0; i < 3000; ++i) lines += "a\n";
  for (const std::string& text : {giant, wide, lines}) {
    ReportInput in = input();
    in.groups[1].comments[1].text = text;
    in.groups[1].comments[1].answer_text = text;
    EXPECT_NO_THROW(render_report_pdf(in)) << text.substr(0, 40);
  }
}

TEST(Report, XlsxHasTheTableAndNoHiddenText) {
  const ReportInput in = input();
  const std::string bytes = render_report_xlsx(in);
  const document::XlsxSheet sheet = document::read_first_sheet(bytes);
  ASSERT_TRUE(sheet.ok()) << sheet.error;
  ASSERT_GE(sheet.rows.size(), 7u);
  EXPECT_EQ(sheet.rows[0][0], "STT");
  EXPECT_EQ(sheet.rows[0][5], "Nội dung góp ý");
  const std::vector<std::string>& first = sheet.rows[1];
  EXPECT_EQ(first[0], "1");
  EXPECT_EQ(first[1], "Toàn văn dự thảo / Ý kiến chung");
  EXPECT_EQ(first[2], "Vũ Thu Hà");
  EXPECT_EQ(first[6], "Tiếp thu một phần");
  const std::vector<std::string>& hidden = sheet.rows[3];
  EXPECT_EQ(hidden[0], "3");
  EXPECT_EQ(hidden[5], "(Ý kiến đã ẩn: công kích cá nhân)");
  EXPECT_EQ(sheet.rows[2][8], "Đã chỉnh lý: Khoản 1 Điều 1");
  EXPECT_EQ(sheet.rows[4][5], "Kiểm tra dấu: ữ ẩ ễ ổ ự — đề nghị giữ nguyên mức hỗ trợ.");
  EXPECT_EQ(sheet.rows[4][7], "Như giải trình tại STT 2");
  for (const auto& row : sheet.rows)
    for (const std::string& cell : row) EXPECT_EQ(cell.find("xúc phạm"), std::string::npos) << cell;
}

TEST_F(ReportFile, XlsxEveryPartIsFreeOfHiddenTextAndHasTheQuestions) {
  if (!have_tool("python3")) GTEST_SKIP() << "python3 not installed";
  const std::string all = xlsx_text(render_report_xlsx(input()));
  ASSERT_NE(all.find("Tổng hợp"), std::string::npos) << "sheet name";
  EXPECT_EQ(all.find("xúc phạm"), std::string::npos);
  for (const char* want : {"Câu hỏi", "Chị/anh có đồng ý mức hỗ trợ 2 triệu đồng/tháng?", "Không đồng ý", "Ý kiến khác"})
    EXPECT_NE(all.find(want), std::string::npos) << want;
}

// A spreadsheet cell holds 32,767 bytes: longer text goes on in the next rows, nothing cut.
TEST(Report, XlsxContinuesCellsOverTheFormatsLimit) {
  ReportInput in = input();
  std::string huge;
  for (int i = 0; i < 4000; ++i) huge += "ữẩễổự ";  // 16 bytes a word: 64,000 bytes
  in.groups[1].comments[1].text = huge;
  const document::XlsxSheet sheet = document::read_first_sheet(render_report_xlsx(in));
  ASSERT_TRUE(sheet.ok()) << sheet.error;
  std::string joined;
  std::size_t rows = 0;
  for (const auto& row : sheet.rows)
    if (row.size() > 5 && row[5].find("ữẩễổự") != std::string::npos) {
      joined += row[5] + " ";
      ++rows;
    }
  EXPECT_GE(rows, 2u);
  EXPECT_EQ(count(joined, "ữẩễổự"), 4000u);
}

TEST(Report, CountsDistinctPeopleAndOrganisations) {
  ReportInput in;
  in.groups.push_back({"", {}});
  auto& cs = in.groups[0].comments;
  cs.push_back(comment(1, "Nguyễn Văn An", "a"));
  cs.push_back(comment(1, "Nguyễn Văn An", "b"));  // the same account twice
  cs.push_back(comment(0, "Khách", "c"));           // no account: by name
  cs.push_back(comment(0, "Khách", "d"));
  ReportComment org = comment(9, "Hợp tác xã X", "e");
  org.organisation = true;
  cs.push_back(answered(org, AnswerKind::explained, "f"));
  cs.back().hidden = true;
  const ReportCounts n = count_report(in);
  EXPECT_EQ(n.comments, 5);
  EXPECT_EQ(n.people, 2);
  EXPECT_EQ(n.organisations, 1);
  EXPECT_EQ(n.hidden, 1);
  EXPECT_EQ(n.explained, 1);
  EXPECT_EQ(n.unanswered, 4);
}

TEST(Report, NoCommentsSaysSo) {
  ReportInput in = input();
  in.groups.clear();
  in.questions.clear();
  EXPECT_EQ(render_report_pdf(in).rfind("%PDF-", 0), 0u);
  const document::XlsxSheet sheet = document::read_first_sheet(render_report_xlsx(in));
  ASSERT_TRUE(sheet.ok());
  EXPECT_EQ(sheet.rows.size(), 1u) << "the header row only";
}

TEST(Report, SameInputSameBytes) {
  EXPECT_EQ(render_report_pdf(input()), render_report_pdf(input()));
}

TEST(Report, RefusesInvalidUtf8) {
  ReportInput in = input();
  in.groups[0].comments[0].text = "Nguy\xE1\xBB";
  EXPECT_THROW(render_report_pdf(in), std::invalid_argument);
  EXPECT_THROW(render_report_xlsx(in), std::invalid_argument);
}

}  // namespace
}  // namespace tinhso::consultations
