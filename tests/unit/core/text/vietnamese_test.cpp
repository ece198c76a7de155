#include "core/text/vietnamese.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>

namespace tinhso::text {
namespace {

TEST(Fold, Table) {
  struct Case {
    std::string in, want;
  };
  const Case cases[] = {
      {"Đường Trần Phú", "duong tran phu"},
      {"ĐỒNG ĐĂNG", "dong dang"},
      {"chuyển đổi số", "chuyen doi so"},
      {"Nguyễn Thị Thúy Lan", "nguyen thi thuy lan"},
      {"Nguyễn Thị Thuý Lan", "nguyen thi thuy lan"},  // old-style tone placement folds the same
      {"Ủy ban nhân dân tỉnh Quảng Ngãi", "uy ban nhan dan tinh quang ngai"},
      {"ẩ ễ ổ ự ỵ", "a e o u y"},
      {"Tra\xcc\x82\xcc\x80n", "tran"},  // decomposed: a + U+0302 + U+0300
      {"  Hồ \t Chí\n\nMinh  ", "ho chi minh"},
      {"Số 12/3A, phường 7", "so 12/3a, phuong 7"},
      {"", ""},
      {"   ", ""},
      {"plain ascii", "plain ascii"},
  };
  for (const auto& c : cases) EXPECT_EQ(fold(c.in), c.want) << c.in;
}

TEST(Fold, IsIdempotent) {
  for (std::string s : {"Đường Trần Phú", "chuyển đổi số", "ĐỒNG ĐĂNG"}) EXPECT_EQ(fold(fold(s)), fold(s));
}

// Names in the order of the Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y;
// tone marks only break ties.
const std::vector<std::string> kOrdered = {
    "An", "Anh", "Ánh", "Ăn", "Ấn", "Bình", "Chi", "Dung", "Duy", "Dương", "Đào", "Đức",
    "Em", "Ê", "Giang", "Hà", "Oanh", "Ông", "Ơn", "Phúc", "Uyên", "Ưng", "Vân", "Yến",
};

TEST(CompareVi, AlphabetOrder) {
  for (std::size_t i = 0; i + 1 < kOrdered.size(); ++i) {
    EXPECT_LT(compare_vi(kOrdered[i], kOrdered[i + 1]), 0) << kOrdered[i] << " < " << kOrdered[i + 1];
    EXPECT_GT(compare_vi(kOrdered[i + 1], kOrdered[i]), 0) << kOrdered[i + 1] << " > " << kOrdered[i];
  }
  EXPECT_EQ(compare_vi("Đào", "Đào"), 0);
  EXPECT_EQ(compare_vi("", ""), 0);
  EXPECT_LT(compare_vi("", "a"), 0);
  // NFC and NFD spellings of one name are equal.
  EXPECT_EQ(compare_vi("Trần", "Tra\xcc\x82\xcc\x80n"), 0);
}

TEST(CompareVi, DiffersFromByteOrder) {
  // Byte order puts "Đ" (C4 90) after "E"; Vietnamese puts it before.
  EXPECT_GT(std::string("Đào").compare("Em"), 0);
  EXPECT_LT(compare_vi("Đào", "Em"), 0);
}

TEST(SortVi, SortsShuffledNames) {
  std::vector<std::string> v = kOrdered;
  std::mt19937 rng(42);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(v.begin(), v.end(), rng);
    sort_vi(v);
    EXPECT_EQ(v, kOrdered);
  }
}

int sign(int x) { return (x > 0) - (x < 0); }

TEST(SortKeyVi, MemcmpOrderEqualsCompareVi) {
  std::vector<std::string> all = kOrdered;
  for (std::string extra : {"an", "AN", "", "Trần", "Tra\xcc\x82\xcc\x80n", "Đường Trần Phú", "duong tran phu"})
    all.push_back(extra);
  for (const auto& a : all) {
    std::string ka = sort_key_vi(a);
    EXPECT_EQ(ka.find('\0'), std::string::npos) << a;  // safe to store as text
    for (const auto& b : all) {
      std::string kb = sort_key_vi(b);
      int by_key = ka.compare(kb);  // std::string compare is memcmp order on bytes
      EXPECT_EQ(sign(by_key), sign(compare_vi(a, b))) << a << " vs " << b;
    }
  }
}

}  // namespace
}  // namespace tinhso::text
