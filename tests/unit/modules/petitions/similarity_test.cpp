// Repeat detection on folded Vietnamese text (src/modules/petitions/similarity.h; issue 6:
// "similar text about the same subject (similarity on folded Vietnamese text) — are suggested to
// the officer for linking"). Texts are folded by text::fold first, as the desk does.
#include "modules/petitions/similarity.h"

#include <gtest/gtest.h>

#include "core/text/vietnamese.h"

namespace tinhso::petitions {
namespace {

double similarity(const std::string& a, const std::string& b) {
  return jaccard(trigrams(text::fold(a)), trigrams(text::fold(b)));
}

TEST(PetitionSimilarity, FoldedTextTable) {
  struct Case {
    const char* name;
    const char* a;
    const char* b;
    bool similar;  // reaches kSimilarThreshold (0.45); measured, in order: 1.00, 1.00, 0.83, 0.94, 0.30, 0.08, 0, 0
  };
  const Case cases[] = {
      {"the same letter typed without diacritics",
       "Cáp viễn thông treo thấp ở ngõ 45 phố Hòa Phong, xe tải đi qua thường kéo đứt.",
       "Cap vien thong treo thap o ngo 45 pho Hoa Phong, xe tai di qua thuong keo dut.", true},
      {"đ and Đ fold to d, case and punctuation ignored", "Đường Trần Phú ĐÃ NGẬP!!! Đề nghị xử lý.",
       "duong tran phu da ngap - de nghi xu ly", true},
      {"the same matter with a few words changed",
       "Ngập nước ở ngõ 12 đường Hùng Vương sau mưa lớn, nước không thoát được, đề nghị nạo vét cống.",
       "Ngõ 12 đường Hùng Vương lại ngập nước sau mưa lớn, nước không thoát được, đề nghị sớm nạo vét cống.", true},
      {"a retyped letter with typing errors",
       "Khiếu nại quyết định thu hồi giấy phép quảng cáo của cửa hàng số 7 phố Châu Phong",
       "khieu nai quyet dinh thu hoi giay phep quang cao cua cua hang so 7 pho chau phng", true},
      {"another matter on the same street",
       "Ngập nước ở ngõ 12 đường Hùng Vương sau mưa lớn, nước không thoát được.",
       "Đèn chiếu sáng ở ngõ 12 đường Hùng Vương bị hỏng từ tháng trước, buổi tối rất tối.", false},
      {"unrelated matters", "Sóng điện thoại di động yếu ở khu dân cư Đồng Tâm",
       "Tố cáo cán bộ nhận tiền để giải quyết hồ sơ nhanh", false},
      {"empty against text", "", "Ngập nước", false},
      {"punctuation only", "!!! ... ???", "--- ,,,", false},
  };
  for (const auto& c : cases) {
    const double s = similarity(c.a, c.b);
    EXPECT_GE(s, 0.0) << c.name;
    EXPECT_LE(s, 1.0) << c.name;
    EXPECT_EQ(s >= kSimilarThreshold, c.similar) << c.name << ": " << s;
    EXPECT_DOUBLE_EQ(s, similarity(c.b, c.a)) << c.name << ": symmetric";
  }
  EXPECT_DOUBLE_EQ(similarity("Cáp viễn thông treo thấp", "CAP VIEN THONG TREO THAP"), 1.0);
}

TEST(PetitionSimilarity, TrigramsArePaddedAndDistinct) {
  // " ab " → " ab", "ab ": words joined by one space, padded with one at each end.
  EXPECT_EQ(trigrams("ab"), (Trigrams{(' ' << 16) | ('a' << 8) | 'b', ('a' << 16) | ('b' << 8) | ' '}));
  EXPECT_EQ(trigrams("  ab,, "), trigrams("ab"));
  EXPECT_EQ(trigrams("ab ab"), trigrams("ab ab ab")) << "a set: repeats add nothing";
  EXPECT_TRUE(trigrams("").empty());
  EXPECT_TRUE(trigrams("?!").empty());
  EXPECT_DOUBLE_EQ(jaccard({}, {}), 0.0);
}

TEST(PetitionSimilarity, WordsAndSignificantWords) {
  EXPECT_EQ(folded_words("ngap nuoc, o ngo-12!"), (std::vector<std::string>{"ngap", "nuoc", "o", "ngo", "12"}));
  EXPECT_EQ(folded_words("\xe4\xb8\xad x"), (std::vector<std::string>{"\xe4\xb8\xad", "x"})) << "bytes fold keeps stay words";
  struct Case {
    const char* subject;
    std::size_t max;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      // Function words and the petition kinds' own names are dropped; longest first, then in order.
      {"Đề nghị nạo vét cống ở ngõ 12 đường Hùng Vương", 4, {"duong", "vuong", "cong", "hung"}},
      {"Khiếu nại quyết định thu hồi giấy phép", 3, {"quyet", "dinh", "giay"}},
      {"Tố cáo cán bộ của phường", 4, {"phuong", "can"}},
      {"Đơn đề nghị của tôi", 4, {}},
      {"ngập ngập ngập nước", 4, {"ngap", "nuoc"}},
  };
  for (const auto& c : cases)
    EXPECT_EQ(significant_words(text::fold(c.subject), c.max), c.want) << c.subject;
}

}  // namespace
}  // namespace tinhso::petitions
