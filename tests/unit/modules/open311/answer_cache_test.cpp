// The answer cache of GET requests (src/modules/open311/answer_cache.h): reuse only at the same
// version and within the age bound, least recently used out first, byte bound. Time injected.
#include <gtest/gtest.h>

#include "modules/open311/answer_cache.h"

namespace tinhso::open311 {
namespace {

using namespace std::chrono_literals;
using T = AnswerCache::Clock::time_point;

TEST(Open311AnswerCache, VersionAndAge) {
  AnswerCache c({.max_entries = 8, .max_bytes = 1 << 20, .max_age = 30s});
  T t0{};
  c.put("vi|/open311/v2/requests.json?", 7, t0, {std::make_shared<const std::string>("[a]"), nullptr});
  struct Case {
    std::int64_t version;
    std::chrono::seconds later;
    bool hit;
  } cases[] = {{7, 0s, true}, {7, 30s, true}, {8, 1s, false}};
  for (const auto& k : cases) {
    if (!k.hit) {
      EXPECT_EQ(c.get("vi|/open311/v2/requests.json?", k.version, t0 + k.later), nullptr);
      continue;
    }
    auto hit = c.get("vi|/open311/v2/requests.json?", k.version, t0 + k.later);
    ASSERT_NE(hit, nullptr);
    EXPECT_EQ(*hit->body, "[a]");
  }
  EXPECT_EQ(c.size(), 0u) << "a stale entry is dropped";
  c.put("k", 1, t0, {std::make_shared<const std::string>("x"), nullptr});
  EXPECT_EQ(c.get("k", 1, t0 + 31s), nullptr) << "older than max_age";
  EXPECT_EQ(c.get("other", 1, t0), nullptr);
}

TEST(Open311AnswerCache, LeastRecentlyUsedOutFirst) {
  AnswerCache c({.max_entries = 2, .max_bytes = 1 << 20, .max_age = 30s});
  T t0{};
  c.put("a", 1, t0, {std::make_shared<const std::string>("A"), nullptr});
  c.put("b", 1, t0, {std::make_shared<const std::string>("B"), nullptr});
  ASSERT_NE(c.get("a", 1, t0), nullptr);  // a is now the most recent
  c.put("c", 1, t0, {std::make_shared<const std::string>("C"), nullptr});
  EXPECT_NE(c.get("a", 1, t0), nullptr);
  EXPECT_EQ(c.get("b", 1, t0), nullptr);
  EXPECT_NE(c.get("c", 1, t0), nullptr);
}

TEST(Open311AnswerCache, ByteBound) {
  AnswerCache c({.max_entries = 100, .max_bytes = 100, .max_age = 30s});
  T t0{};
  c.put("big", 1, t0, {std::make_shared<const std::string>(std::string(26, 'x')), nullptr});
  EXPECT_EQ(c.size(), 0u) << "more than a quarter of the bound is not kept";
  for (int i = 0; i < 10; ++i) c.put("k" + std::to_string(i), 1, t0, {std::make_shared<const std::string>(std::string(25, 'x')), nullptr});
  EXPECT_EQ(c.size(), 4u);
  EXPECT_NE(c.get("k9", 1, t0), nullptr);
  EXPECT_EQ(c.get("k5", 1, t0), nullptr);
  c.put("k9", 2, t0, {std::make_shared<const std::string>("new"), nullptr});
  EXPECT_EQ(*c.get("k9", 2, t0)->body, "new") << "replaced in place";
}

}  // namespace
}  // namespace tinhso::open311
