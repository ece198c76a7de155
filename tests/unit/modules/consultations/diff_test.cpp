// What changed between two versions of a draft (src/modules/consultations/diff.h): word-level text
// differences that never split a UTF-8 sequence, and the article-by-article alignment of two
// versions of the resolution draft (data/consultations/) — unchanged, a word changed in a table,
// an article inserted or removed with the others renumbered, an article rewritten under its number,
// a chapter's title changed — plus the bounds on large texts and drafts.
#include "modules/consultations/diff.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

namespace tinhso::consultations {
namespace {

using Sides = std::vector<Segment>;
constexpr auto E = Segment::equal;
constexpr auto I = Segment::inserted;
constexpr auto D = Segment::deleted;

std::string joined(const Sides& side, bool equal_only = false) {
  std::string out;
  for (const auto& s : side)
    if (!equal_only || s.op == Segment::equal) out += s.text;
  return out;
}

// What every difference keeps: each side spells its text, both share the same equal parts, no
// segment is empty, no two neighbours have the same operation.
void expect_consistent(const TextDiff& d, std::string_view before, std::string_view after, const std::string& name) {
  EXPECT_EQ(joined(d.old_side), before) << name;
  EXPECT_EQ(joined(d.new_side), after) << name;
  EXPECT_EQ(joined(d.old_side, true), joined(d.new_side, true)) << name;
  for (const Sides* side : {&d.old_side, &d.new_side})
    for (std::size_t i = 0; i < side->size(); ++i) {
      EXPECT_FALSE((*side)[i].text.empty()) << name;
      if (i > 0) {
        EXPECT_NE((*side)[i].op, (*side)[i - 1].op) << name;
      }
    }
  for (const auto& s : d.old_side) EXPECT_NE(s.op, I) << name;
  for (const auto& s : d.new_side) EXPECT_NE(s.op, D) << name;
}

TEST(DraftDiff, TextWordByWord) {
  struct Case {
    const char* name;
    std::string before, after;
    Sides old_side, new_side;
  };
  const Case cases[] = {
      {"unchanged", "Hỗ trợ 20 triệu đồng/ha", "Hỗ trợ 20 triệu đồng/ha", {{E, "Hỗ trợ 20 triệu đồng/ha"}},
       {{E, "Hỗ trợ 20 triệu đồng/ha"}}},
      {"one number changed", "Mức hỗ trợ 20 triệu đồng/ha", "Mức hỗ trợ 25 triệu đồng/ha",
       {{E, "Mức hỗ trợ "}, {D, "20"}, {E, " triệu đồng/ha"}}, {{E, "Mức hỗ trợ "}, {I, "25"}, {E, " triệu đồng/ha"}}},
      {"words differing in one byte are whole words", "số đồng", "số động", {{E, "số "}, {D, "đồng"}},
       {{E, "số "}, {I, "động"}}},
      {"words added after multibyte text", "hộ gia đình", "hộ gia đình, cá nhân", {{E, "hộ gia đình"}},
       {{E, "hộ gia đình"}, {I, ", cá nhân"}}},
      {"punctuation is its own token", "tối thiểu 0,5 ha;", "tối thiểu 0,3 ha.",
       {{E, "tối thiểu 0,"}, {D, "5"}, {E, " ha"}, {D, ";"}}, {{E, "tối thiểu 0,"}, {I, "3"}, {E, " ha"}, {I, "."}}},
      {"a blank between two changes joins them", "bưởi cam", "nhãn vải", {{D, "bưởi cam"}}, {{I, "nhãn vải"}}},
      {"a word replaced by two", "a b c", "a x y c", {{E, "a "}, {D, "b"}, {E, " c"}}, {{E, "a "}, {I, "x y"}, {E, " c"}}},
      {"a line added", "1. Một\n2. Hai", "1. Một\n2. Hai\n3. Ba", {{E, "1. Một\n2. Hai"}},
       {{E, "1. Một\n2. Hai"}, {I, "\n3. Ba"}}},
      {"from nothing", "", "Điều mới", {}, {{I, "Điều mới"}}},
      {"to nothing", "Điều cũ", "", {{D, "Điều cũ"}}, {}},
      {"both empty", "", "", {}, {}},
  };
  for (const auto& c : cases) {
    const TextDiff d = diff_text(c.before, c.after);
    EXPECT_EQ(d.old_side, c.old_side) << c.name;
    EXPECT_EQ(d.new_side, c.new_side) << c.name;
    expect_consistent(d, c.before, c.after, c.name);
  }
}

TEST(DraftDiff, LargeTextsStayBounded) {
  // 600 lines of 10 words: 12000 tokens a side, past the word table's bound, within the lines'.
  std::string before, after;
  for (int i = 0; i < 600; ++i) {
    const std::string n = std::to_string(i);
    before += "Dòng " + n + " của dự thảo có mười từ ở đây nhé\n";
    after += "Dòng " + n + (i % 100 == 50 ? " của bản sửa có mười từ ở đây nhé\n" : " của dự thảo có mười từ ở đây nhé\n");
  }
  after.insert(0, "Mở đầu\n");
  const auto start = std::chrono::steady_clock::now();
  const TextDiff d = diff_text(before, after);
  expect_consistent(d, before, after, "600 lines");
  std::string deleted, inserted;
  for (const auto& s : d.old_side)
    if (s.op == D) deleted += s.text + "|";
  for (const auto& s : d.new_side)
    if (s.op == I) inserted += s.text + "|";
  EXPECT_EQ(deleted, "dự thảo|dự thảo|dự thảo|dự thảo|dự thảo|dự thảo|") << "the changed lines word by word";
  EXPECT_EQ(inserted, "Mở đầu\n|bản sửa|bản sửa|bản sửa|bản sửa|bản sửa|bản sửa|");
  // 64 KiB against 64 KiB with no word in common: replaced whole, at once.
  std::string a, b;
  for (int i = 0; a.size() < (64u << 10); ++i) a += "x" + std::to_string(i) + " ", b += "y" + std::to_string(i) + "\n";
  const TextDiff whole = diff_text(a, b);
  expect_consistent(whole, a, b, "64 KiB");
  EXPECT_EQ(whole.old_side.size(), 1u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

std::string read_resolution() {
  std::ifstream in(std::string(TINHSO_SOURCE_DIR) + "/data/consultations/du-thao-nghi-quyet-ho-tro.txt", std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<Unit> units_of(const std::string& text) { return split_draft(paragraphs_from_text(text)).units; }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// Renumbers the articles from `first` on by `delta` (headings only: "Điều N." at a line's start).
std::string renumbered(const std::string& text, int first, int delta) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start + 1);
    start = end == std::string::npos ? text.size() : end + 1;
    for (int n = 30; n >= first; --n)
      if (const std::string h = "Điều " + std::to_string(n) + "."; line.starts_with(h)) {
        line = "Điều " + std::to_string(n + delta) + "." + line.substr(h.size());
        break;
      }
    out += line;
  }
  return out;
}

const char* change_name(Change c) {
  switch (c) {
    case Change::same: return "same";
    case Change::changed: return "changed";
    case Change::added: return "added";
    case Change::removed: return "removed";
  }
  return "";
}

// "dieu-4>dieu-5 same Điều 4|Điều 5" for a paired row, "+dieu-4 added" / "-dieu-6 removed" otherwise.
std::vector<std::string> rows(const std::vector<UnitDiff>& diff) {
  std::vector<std::string> out;
  for (const auto& d : diff) {
    std::string s;
    if (d.change == Change::added) s = "+" + d.anchor;
    else if (d.change == Change::removed) s = "-" + d.anchor;
    else if (d.anchor_old != d.anchor) s = d.anchor_old + ">" + d.anchor + " " + d.label_old + "|" + d.label_new;
    else s = d.anchor;
    out.push_back(s + " " + change_name(d.change));
  }
  return out;
}

const std::vector<std::string> kAllRows = {"mo-dau", "chuong-i", "dieu-1", "dieu-2", "dieu-3", "chuong-ii",
                                           "dieu-4", "dieu-5",   "dieu-6", "chuong-iii", "dieu-7", "dieu-8",
                                           "dieu-9", "dieu-10",  "ket-thuc"};

std::vector<std::string> all_same_but(const std::map<std::string, std::string>& changes) {
  std::vector<std::string> out;
  for (const auto& a : kAllRows) {
    const auto it = changes.find(a);
    out.push_back(a + " " + (it == changes.end() ? "same" : it->second));
  }
  return out;
}

TEST(DraftDiff, VersionsArticleByArticle) {
  const std::string v1 = read_resolution();
  ASSERT_FALSE(v1.empty());
  const auto before = units_of(v1);
  struct Case {
    const char* name;
    std::string after;
    std::vector<std::string> rows;
  };
  const std::string inserted_article =
      "CHÍNH SÁCH HỖ TRỢ\nĐiều 4. Hỗ trợ đào tạo, tập huấn\nHỗ trợ 100% chi phí tập huấn kỹ thuật cho hộ gia đình, "
      "cá nhân chuyển đổi.\nĐiều 5.";
  const std::string without_6 = replaced(
      v1,
      "Điều 6. Hỗ trợ liên kết sản xuất và tiêu thụ sản phẩm\n1. Hợp tác xã, doanh nghiệp chủ trì liên kết được hỗ trợ 30% "
      "chi phí xây dựng kết cấu hạ tầng phục vụ liên kết, tối đa 1.000 triệu đồng cho mỗi dự án.\n2. Hỗ trợ 50% chi phí tư "
      "vấn xây dựng liên kết, tối đa 200 triệu đồng cho mỗi dự án.\n",
      "");
  const Case cases[] = {
      {"unchanged", v1, all_same_but({})},
      {"a rate in the table", replaced(v1, "| 1 | Sang trồng cây ăn quả (bưởi, cam, nhãn, chuối) | 20 |",
                                       "| 1 | Sang trồng cây ăn quả (bưởi, cam, nhãn, chuối) | 25 |"),
       all_same_but({{"dieu-4", "changed"}})},
      {"a point's words", replaced(v1, "tối thiểu 0,5 ha đối với cây ăn quả", "tối thiểu 1 ha đối với cây ăn quả"),
       all_same_but({{"dieu-3", "changed"}})},
      {"a chapter's title", replaced(v1, "CHÍNH SÁCH HỖ TRỢ\n", "CÁC CHÍNH SÁCH HỖ TRỢ\n"),
       all_same_but({{"chuong-ii", "changed"}})},
      {"the preamble and the closing", replaced(replaced(v1, "KỲ HỌP THỨ ...", "KỲ HỌP THỨ MƯỜI"), "- Bộ Tài chính;\n", ""),
       all_same_but({{"mo-dau", "changed"}, {"ket-thuc", "changed"}})},
      {"an article rewritten under its number",
       replaced(v1,
                "1. Kinh phí thực hiện chính sách được bố trí từ nguồn ngân sách tỉnh trong dự toán chi thường xuyên hằng "
                "năm.\n2. Ngân sách tỉnh bảo đảm 100% kinh phí hỗ trợ đối với các xã khu vực III; 70% đối với các xã còn "
                "lại, phần còn lại do ngân sách cấp xã bảo đảm.",
                "Sử dụng vốn sự nghiệp kinh tế và vốn lồng ghép các chương trình mục tiêu quốc gia."),
       all_same_but({{"dieu-8", "changed"}})},
      {"an article inserted, the others renumbered",
       replaced(renumbered(v1, 4, 1), "CHÍNH SÁCH HỖ TRỢ\nĐiều 5.", inserted_article),
       {"mo-dau same", "chuong-i same", "dieu-1 same", "dieu-2 same", "dieu-3 same", "chuong-ii same", "+dieu-4 added",
        "dieu-4>dieu-5 Điều 4|Điều 5 same", "dieu-5>dieu-6 Điều 5|Điều 6 same", "dieu-6>dieu-7 Điều 6|Điều 7 same",
        "chuong-iii same", "dieu-7>dieu-8 Điều 7|Điều 8 same", "dieu-8>dieu-9 Điều 8|Điều 9 same",
        "dieu-9>dieu-10 Điều 9|Điều 10 same", "dieu-10>dieu-11 Điều 10|Điều 11 same", "ket-thuc same"}},
      {"an article removed, the others renumbered", renumbered(without_6, 7, -1),
       {"mo-dau same", "chuong-i same", "dieu-1 same", "dieu-2 same", "dieu-3 same", "chuong-ii same", "dieu-4 same",
        "dieu-5 same", "-dieu-6 removed", "chuong-iii same", "dieu-7>dieu-6 Điều 7|Điều 6 same",
        "dieu-8>dieu-7 Điều 8|Điều 7 same", "dieu-9>dieu-8 Điều 9|Điều 8 same", "dieu-10>dieu-9 Điều 10|Điều 9 same",
        "ket-thuc same"}},
  };
  for (const auto& c : cases) {
    const auto after = units_of(c.after);
    const std::vector<UnitDiff> d = diff_versions(before, after);
    EXPECT_EQ(rows(d), c.rows) << c.name;
    for (const auto& row : d) {
      if (row.change == Change::same) {
        EXPECT_EQ(row.old_side, row.new_side) << c.name;
      } else if (row.change == Change::added) {
        EXPECT_TRUE(row.old_side.empty() && row.label_old.empty()) << c.name;
      } else if (row.change == Change::removed) {
        EXPECT_TRUE(row.new_side.empty() && row.label_new.empty()) << c.name;
      }
      EXPECT_EQ(joined(row.old_side, true), joined(row.new_side, true)) << c.name;
    }
  }
  // What the page shows for the changed rate: the article's text, clauses numbered, one cell changed.
  const auto d = diff_versions(before, units_of(cases[1].after));
  const UnitDiff& dieu4 = d[6];
  ASSERT_EQ(dieu4.anchor, "dieu-4");
  EXPECT_EQ(dieu4.label_old, "Điều 4");
  EXPECT_TRUE(joined(dieu4.old_side).starts_with("Hỗ trợ chuyển đổi đất trồng lúa sang trồng cây ăn quả, cây hằng năm\n"
                                                 "1. Hỗ trợ một lần chi phí"));
  const Sides deleted = {dieu4.old_side[1]}, inserted = {dieu4.new_side[1]};
  EXPECT_EQ(deleted, (Sides{{D, "20"}}));
  EXPECT_EQ(inserted, (Sides{{I, "25"}}));
  EXPECT_EQ(dieu4.old_side.size(), 3u);
}

TEST(DraftDiff, ManyArticlesArePairedByAnchor) {
  // 600 × 600 rows is past the similarity bound: pairing by anchor, in the new version's order.
  std::string a, b;
  for (int i = 1; i <= 600; ++i) a += "Điều " + std::to_string(i) + ". Tiêu đề " + std::to_string(i) + "\n";
  for (int i = 600; i >= 2; --i) b += "Điều " + std::to_string(i) + ". Tiêu đề " + std::to_string(i) + "\n";
  const auto start = std::chrono::steady_clock::now();
  const auto d = diff_versions(units_of(a), units_of(b));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  ASSERT_EQ(d.size(), 600u);
  EXPECT_EQ(d.front().anchor, "dieu-1");
  EXPECT_EQ(d.front().change, Change::removed);
  EXPECT_EQ(d[1].anchor, "dieu-600");
  EXPECT_EQ(d[1].change, Change::same);
  EXPECT_EQ(d.back().anchor, "dieu-2");
}

}  // namespace
}  // namespace tinhso::consultations
