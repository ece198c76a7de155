// Agencies' end and administrators' scope (issue 12 §6, §14): an ended agency has a last day
// not after today and a successor in force; an agency-scoped administrator changes only what lies
// inside their scope. Table-driven; rules only (modules/directory/agency.h).
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "modules/directory/agency.h"

namespace tinhso::directory {
namespace {

std::vector<std::string> ids(const std::vector<Problem>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.message_id);
  return out;
}

Agency agency(std::int64_t id, std::optional<std::int64_t> parent) {
  return Agency{id, "SO-" + std::to_string(id), "Sở", AgencyKind::department, 1, parent, true};
}

TEST(DirectoryAgencyEnd, Table) {
  Agency tttt = agency(4, 1);
  tttt.valid_from = "2008-01-01";
  Agency khcn = agency(20, 1);
  Agency ended = agency(21, 1);
  ended.valid_to = "2025-06-30";
  ended.successor_id = 20;
  ended.active = false;
  Agency inactive = agency(22, 1);
  inactive.active = false;
  struct Case {
    const Agency* a;
    const char* valid_to;
    const Agency* successor;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {&tttt, "2025-06-30", &khcn, {}},
      {&tttt, "2026-12-05", &khcn, {}},  // today: the last day may be today
      {&tttt, "2026-12-06", &khcn, {"directory.error.end_future"}},
      {&tttt, "2007-12-31", &khcn, {"directory.error.valid_to_before_from"}},
      {&tttt, "2025-02-30", &khcn, {"directory.error.date"}},
      {&tttt, "", &khcn, {"directory.error.date"}},
      {&tttt, "2025-06-30", nullptr, {"directory.error.successor_required"}},
      {&tttt, "2025-06-30", &tttt, {"directory.error.successor_self"}},
      {&tttt, "2025-06-30", &ended, {"directory.error.successor_ended"}},
      {&tttt, "2025-06-30", &inactive, {"directory.error.successor_ended"}},
      {&ended, "2025-06-30", &khcn, {"directory.error.agency_ended"}},
  };
  for (const auto& c : cases) EXPECT_EQ(ids(check_end(*c.a, c.valid_to, c.successor, "2026-12-05")), c.want) << c.valid_to;
}

// Scope {10, 11, 12}: agency 10 (parent 1, outside) and 11, 12 below it.
TEST(DirectoryAgencyScope, EditAndCreate) {
  const std::optional<std::vector<std::int64_t>> scope = std::vector<std::int64_t>{10, 11, 12};
  const Agency own = agency(10, 1), child = agency(11, 10), outside = agency(30, 1);
  struct Case {
    const char* what;
    const Agency* before;
    Agency after;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"rename own agency where it stands", &own, agency(10, 1), {}},
      {"move own agency to the top", &own, agency(10, std::nullopt), {"directory.error.parent_outside_scope"}},
      {"move own agency elsewhere outside", &own, agency(10, 30), {"directory.error.parent_outside_scope"}},
      {"move a child under another child", &child, agency(11, 12), {}},
      {"move a child out of the scope", &child, agency(11, 1), {"directory.error.parent_outside_scope"}},
      {"pull an outside agency under own", &outside, agency(30, 10), {"directory.error.outside_scope"}},
      {"edit an outside agency in place", &outside, agency(30, 1), {"directory.error.outside_scope"}},
      {"create under own agency", nullptr, agency(0, 10), {}},
      {"create at the top", nullptr, agency(0, std::nullopt), {"directory.error.parent_outside_scope"}},
      {"create under an outside agency", nullptr, agency(0, 1), {"directory.error.parent_outside_scope"}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ids(check_scope(scope, c.before, c.after)), c.want) << c.what;
    EXPECT_TRUE(check_scope(std::nullopt, c.before, c.after).empty()) << c.what << ": province-wide";
  }
}

TEST(DirectoryAgencyScope, End) {
  const std::optional<std::vector<std::int64_t>> scope = std::vector<std::int64_t>{10, 11, 12};
  const Agency child = agency(11, 10), outside = agency(30, 1);
  EXPECT_TRUE(check_end_scope(scope, &child, 12).empty());
  EXPECT_EQ(ids(check_end_scope(scope, &child, 1)), std::vector<std::string>{"directory.error.successor_outside_scope"});
  EXPECT_EQ(ids(check_end_scope(scope, &outside, 10)), std::vector<std::string>{"directory.error.outside_scope"});
  EXPECT_TRUE(check_end_scope(scope, &child, std::nullopt).empty());  // check_end reports the missing one
  EXPECT_EQ(ids(check_end_scope(scope, nullptr, 30)), std::vector<std::string>{"directory.error.successor_outside_scope"});
  EXPECT_TRUE(check_end_scope(std::nullopt, &outside, 1).empty());
}

}  // namespace
}  // namespace tinhso::directory
