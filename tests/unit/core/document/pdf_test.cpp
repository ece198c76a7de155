// core/document/pdf: the PDF reads back (pdftotext, pdfinfo) with Vietnamese diacritics intact,
// the QR code decodes (pdftoppm + zbarimg), long content breaks onto pages, output is
// deterministic and the same from several threads, bad input is refused.
#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/document/pdf.h"
#include "core/util/strings.h"
#include "document_tools.h"
#include "temp_dir.h"

namespace tinhso::document {
namespace {

using test::have_tool;
using test::quote;
using test::run;

const std::string kUrl = "https://dichvucong.phutho.gov.vn/tra-cuu?ma=H25.12-251126-0007";

// Decree 61/2018/NĐ-CP Art. 17: the receipt with the appointment date (words as a catalog would give them).
Document receipt() {
  Document d;
  d.title = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả";
  d.created = std::chrono::sys_days{std::chrono::year{2026} / 11 / 26} + std::chrono::hours{7} + std::chrono::minutes{20};
  d.blocks = {
      Header{{{"UBND TỈNH PHÚ THỌ"}, {"TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", {.bold = true}}, {"Số: 0007/TN"}},
             {{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {.bold = true, .size_pt = 12}},
              {"Độc lập - Tự do - Hạnh phúc", {.bold = true, .underline = true}},
              {"Phú Thọ, ngày 26 tháng 11 năm 2026", {.italic = true}}}},
      Title{"Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Mã hồ sơ: H25.12-251126-0007"},
      Paragraph{"Trung tâm Phục vụ hành chính công tỉnh Phú Thọ tiếp nhận hồ sơ của: Nguyễn Thị Lan.",
                {.align = Align::justify}, 10},
      KeyValueTable{{{"Thủ tục", "Cấp giấy phép xây dựng nhà ở riêng lẻ"},
                     {"Ngày hẹn trả kết quả", "14 giờ 00, ngày 10/12/2026"},
                     {"Kiểm tra dấu", "ữ ẩ ễ ổ ự"}}},
      List{{"Đơn đề nghị cấp giấy phép xây dựng", "Bản sao giấy chứng nhận quyền sử dụng đất"}, true},
      Signatures{{{"NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", "Nguyễn Thị Lan"},
                  {"NGƯỜI TIẾP NHẬN", "(Ký và ghi rõ họ tên)", "Trần Văn Bình"}}},
      QrCode{kUrl, "Quét mã để tra cứu tình trạng hồ sơ"},
      Paragraph{"Ghi chú: <b>không phải</b> markup & <span foreground=\"red\">"},
  };
  return d;
}

class PdfFile : public ::testing::Test {
 protected:
  std::filesystem::path save(const std::string& pdf) {
    auto path = dir_.path() / ("doc" + std::to_string(++n_) + ".pdf");
    test::write_file(path, pdf);
    return path;
  }
  // -raw: in content-stream order, which is reading order here; without it pdftotext's layout
  // guess drops the spaces of a line made of one-letter words ("a b c" comes back "abc").
  std::string text_of(const std::string& pdf) {
    return run("pdftotext -raw -enc UTF-8 " + quote(save(pdf)) + " -").text;
  }
  // One field of pdfinfo's "Key:   value" lines, or "" if it has none.
  std::string info(const std::string& pdf, const std::string& key, const std::string& options = "") {
    std::istringstream lines(run("TZ=UTC pdfinfo " + options + " " + quote(save(pdf))).text);
    for (std::string line; std::getline(lines, line);)
      if (line.rfind(key + ":", 0) == 0) return std::string(trim(std::string_view(line).substr(key.size() + 1)));
    return "";
  }
  int pages_of(const std::string& pdf) { return std::stoi("0" + info(pdf, "Pages")); }

  test::TempDir dir_{"tinhso-pdf"};
  int n_ = 0;
};

TEST_F(PdfFile, IsAPdfWithMetadata) {
  if (!have_tool("pdfinfo")) GTEST_SKIP() << "pdfinfo (poppler-utils) not installed";
  const std::string pdf = render_pdf(receipt());
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(info(pdf, "Title"), "Giấy tiếp nhận hồ sơ và hẹn trả kết quả");
  EXPECT_EQ(info(pdf, "Creator"), "tinhso");
  EXPECT_EQ(info(pdf, "Pages"), "1");
  EXPECT_EQ(info(pdf, "Page size"), "595.276 x 841.89 pts (A4)");
  EXPECT_EQ(info(pdf, "CreationDate", "-isodates"), "2026-11-26T07:20:00Z");
}

TEST_F(PdfFile, VietnameseTextReadsBackExactly) {
  if (!have_tool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  for (const char* family : {"Noto Serif", "Noto Sans"}) {
    Document d = receipt();
    d.font_family = family;
    const std::string text = text_of(render_pdf(d));
    for (const char* want : {"Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Nguyễn Thị Lan", "ữ ẩ ễ ổ ự",
                             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                             "Cấp giấy phép xây dựng nhà ở riêng lẻ", "1.", "Bản sao giấy chứng nhận quyền sử dụng đất",
                             "NGƯỜI TIẾP NHẬN", "Trần Văn Bình", "Quét mã để tra cứu tình trạng hồ sơ",
                             "Ghi chú: <b>không phải</b> markup & <span foreground=\"red\">"})
      EXPECT_NE(text.find(want), std::string::npos) << family << ": missing \"" << want << "\" in:\n" << text;
  }
}

TEST_F(PdfFile, QrCodeDecodesToTheUrl) {
  if (!have_tool("pdftoppm") || !have_tool("zbarimg")) GTEST_SKIP() << "pdftoppm or zbarimg not installed";
  const auto pdf = save(render_pdf(receipt()));
  const auto png = dir_.path() / "page";
  ASSERT_EQ(run("pdftoppm -r 150 -png -singlefile " + quote(pdf) + " " + quote(png)).status, 0);
  const test::Output out = run("zbarimg --raw -q " + quote(png.string() + ".png") + " 2>/dev/null");
  EXPECT_EQ(out.status, 0);
  EXPECT_EQ(out.text, kUrl + "\n");
}

TEST_F(PdfFile, LongContentBreaksOntoNumberedPages) {
  if (!have_tool("pdfinfo") || !have_tool("pdftotext")) GTEST_SKIP() << "poppler-utils not installed";
  Document d = receipt();
  KeyValueTable rows;
  for (int i = 1; i <= 40; ++i) rows.rows.push_back({"Thành phần " + std::to_string(i), "Bản chính: 01; bản sao: 02"});
  d.blocks.insert(d.blocks.begin() + 3, rows);
  for (int i = 0; i < 30; ++i)
    d.blocks.push_back(Paragraph{"Đoạn văn dài để kiểm tra ngắt trang tự động: tổ chức, cá nhân nhận kết quả "
                                 "đúng thời hạn ghi trên giấy tiếp nhận. Đoạn số " + std::to_string(i + 1) + "."});
  List many{{}, true};
  for (int i = 1; i <= 120; ++i) many.items.push_back("Giấy tờ kèm theo số " + std::to_string(i));
  d.blocks.push_back(many);
  const std::string pdf = render_pdf(d);
  EXPECT_GE(pages_of(pdf), 5);
  const std::string text = text_of(pdf);
  for (const char* want : {"Thành phần 40", "Đoạn số 30.", "Nguyễn Thị Lan", "120.", "Giấy tờ kèm theo số 120"})
    EXPECT_NE(text.find(want), std::string::npos) << want;
  // Decree 30/2020/NĐ-CP Appendix I: page numbers from the second page.
  EXPECT_NE(text.find("\f2\n"), std::string::npos) << text.substr(0, 200);

  Document one = receipt();
  one.blocks.push_back(PageBreak{});
  one.blocks.push_back(Paragraph{"Trang hai"});
  EXPECT_EQ(pages_of(render_pdf(one)), 2);
}

TEST_F(PdfFile, TablesRepeatTheirHeaderOnEveryPageAndKeepRowsWhole) {
  if (!have_tool("pdfinfo") || !have_tool("pdftotext")) GTEST_SKIP() << "poppler-utils not installed";
  Document d;
  d.title = "Báo cáo chỉ số";
  Table t{{"Chỉ số", "Giá trị", "Chỉ tiêu", "Đánh giá"}, {}, {0.46, 0.18, 0.18, 0.18},
          {Align::left, Align::right, Align::right, Align::left}};
  for (int i = 1; i <= 90; ++i)
    t.rows.push_back({"Tỷ lệ hồ sơ giải quyết đúng hạn của cơ quan số " + std::to_string(i), "95,2 %", "98 %",
                      "Có nguy cơ chậm"});
  d.blocks.push_back(Title{"Báo cáo chỉ số tháng 11/2026", ""});
  d.blocks.push_back(t);
  const std::string pdf = render_pdf(d);
  const int pages = pages_of(pdf);
  EXPECT_GE(pages, 3);
  const std::string text = text_of(pdf);
  std::size_t headers = 0;
  for (std::size_t at = text.find("Đánh giá"); at != std::string::npos; at = text.find("Đánh giá", at + 1)) ++headers;
  EXPECT_EQ(headers, static_cast<std::size_t>(pages)) << "the header row on every page";
  for (const char* want : {"quan số 1\n", "quan số 90", "Có nguy cơ"})
    EXPECT_NE(text.find(want), std::string::npos) << want << " in:\n" << text.substr(0, 400);
  Document empty;
  empty.blocks.push_back(Table{{"A", "B"}, {}, {}, {}});
  EXPECT_EQ(pages_of(render_pdf(empty)), 1) << "a table without rows shows its header";
  Document bad;
  bad.blocks.push_back(Table{{"A", "B"}, {{"only one"}}, {}, {}});
  EXPECT_THROW(render_pdf(bad), std::invalid_argument);
  bad.blocks = {Table{{"A", "B"}, {}, {1.0}, {}}};
  EXPECT_THROW(render_pdf(bad), std::invalid_argument);
}

TEST_F(PdfFile, WithoutADateCairoStampsTheTimeOfRendering) {
  if (!have_tool("pdfinfo")) GTEST_SKIP() << "pdfinfo (poppler-utils) not installed";
  Document d = receipt();
  d.created.reset();
  const std::string year = info(render_pdf(d), "CreationDate", "-isodates").substr(0, 4);
  EXPECT_GE(std::stoi("0" + year), 2024);
}

TEST(Pdf, SameDocumentSameBytes) {
  EXPECT_EQ(render_pdf(receipt()), render_pdf(receipt()));
  Document other = receipt();
  std::get<Paragraph>(other.blocks[2]).text += " ";
  EXPECT_NE(render_pdf(other), render_pdf(receipt()));
}

TEST(Pdf, ConcurrentRendersGiveTheSameBytes) {
  const std::string want = render_pdf(receipt());
  constexpr int kThreads = 4, kEach = 3;
  std::vector<int> same(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) same[static_cast<std::size_t>(t)] += render_pdf(receipt()) == want;
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(same[static_cast<std::size_t>(t)], kEach) << "thread " << t;
}

struct BadCase {
  const char* name;
  void (*spoil)(Document&);
  const char* message;
};

const BadCase kBad[] = {
    {"invalid UTF-8 in a paragraph", [](Document& d) { d.blocks.push_back(Paragraph{"Nguy\xE1\xBB"}); }, "UTF-8"},
    {"invalid UTF-8 in the title", [](Document& d) { d.title = "\xFF"; }, "UTF-8"},
    {"font not installed", [](Document& d) { d.font_family = "No Such Family"; }, "not installed"},
    {"font size zero", [](Document& d) { d.font_size_pt = 0; }, "font size"},
    {"negative margin", [](Document& d) { d.margins.left_mm = -1; }, "margin"},
    {"margins fill the page", [](Document& d) { d.margins.top_mm = d.margins.bottom_mm = 120; }, "no room"},
    {"table row taller than a page",
     [](Document& d) {
       std::string note;
       for (int i = 0; i < 1000; ++i) note += "Ghi chú dài ";
       d.blocks.push_back(KeyValueTable{{{"Ghi chú", note}}});
     }, "taller than a page"},
    {"empty QR text", [](Document& d) { d.blocks.push_back(QrCode{"", "x"}); }, "nothing to encode"},
    {"QR text too long", [](Document& d) { d.blocks.push_back(QrCode{std::string(3000, 'a'), "x"}); }, "too long"},
};

TEST(Pdf, RefusesBadInput) {
  for (const BadCase& c : kBad) {
    Document d = receipt();
    c.spoil(d);
    try {
      render_pdf(d);
      ADD_FAILURE() << c.name << ": rendered";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << c.name << ": " << e.what();
    }
  }
}

}  // namespace
}  // namespace tinhso::document
