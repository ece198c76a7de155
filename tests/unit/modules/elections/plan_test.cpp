// The committee's plan of an election (issue 19 items 1–2; modules/elections/plan.h): the list
// sizes of Law 85/2015/QH13 Art. 57(6) and 58(3), seats within Art. 10(4), and every problem of a
// document named by its field.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "modules/elections/plan.h"

namespace tinhso::elections {
namespace {

TEST(ElectionPlan, MinimumCandidatesPerList) {
  struct Case {
    Body body;
    int seats, least;
    const char* why;
  };
  const std::vector<Case> cases = {
      {Body::national_assembly, 1, 3, "Art. 57(6): at least 2 more than the seats"},
      {Body::national_assembly, 3, 5, "Art. 57(6)"},
      {Body::provincial_council, 1, 2, "Art. 58(3): more than the seats"},
      {Body::provincial_council, 2, 3, "Art. 58(3): more than the seats"},
      {Body::provincial_council, 3, 5, "Art. 58(3): 3 seats, at least 2 more"},
      {Body::commune_council, 4, 7, "Art. 58(3): 4 seats or more, at least 3 more"},
      {Body::commune_council, 5, 8, "Art. 58(3)"},
  };
  for (const auto& c : cases) EXPECT_EQ(min_candidates(c.body, c.seats), c.least) << c.why;
}

std::string plan_with(const std::string& constituency, const std::string& areas = "") {
  return R"({"name": "Bầu cử thử", "election_date": "2026-11-29", "committee": ["a@example.vn"],
             "constituencies": [)" + constituency + R"(],
             "areas": [)" + (areas.empty() ? R"({"number": 1, "name": "KV 1", "unit": "Xã A", "registered": 100,
                                                  "constituencies": ["K1"], "team": ["b@example.vn"]})"
                                             : areas) + "]}";
}

std::string council(int seats, int candidates, const std::string& decision = "") {
  std::string c = R"({"key": "K1", "body": "commune_council", "number": 1, "name": "Đơn vị 1", "area": "Thôn A",
                      "seats": )" + std::to_string(seats);
  if (!decision.empty()) c += R"(, "short_list_decision": ")" + decision + "\"";
  c += R"(, "candidates": [)";
  for (int i = 0; i < candidates; ++i)
    c += std::string(i ? "," : "") + R"({"name": "Ứng viên )" + std::to_string(i) +
         R"(", "birth_date": "1980-01-01", "gender": "female"})";
  return c + "]}";
}

std::vector<std::string> fields(const ParsedPlan& p) {
  std::vector<std::string> out;
  for (const auto& x : p.problems) out.push_back(x.field);
  return out;
}

TEST(ElectionPlan, ProblemsNameTheirField) {
  EXPECT_TRUE(parse_plan(plan_with(council(3, 5))).plan.has_value());
  EXPECT_EQ(fields(parse_plan(plan_with(council(3, 4)))), std::vector<std::string>{"constituencies[0].candidates"})
      << "Art. 58(3): 4 candidates for 3 seats";
  EXPECT_TRUE(parse_plan(plan_with(council(3, 4, "Quyết định số 12/QĐ-UBBC về trường hợp đặc biệt"))).plan.has_value())
      << "a shorter list with its recorded decision";
  EXPECT_EQ(fields(parse_plan(plan_with(council(3, 3, "Quyết định")))), std::vector<std::string>{"constituencies[0].candidates"})
      << "never as many candidates as seats";
  EXPECT_EQ(fields(parse_plan(plan_with(council(6, 9)))), std::vector<std::string>{"constituencies[0].seats"})
      << "Art. 10(4): at most 5 seats";
  std::string na = council(4, 6);
  na.replace(na.find("commune_council"), 15, "national_assembly");
  EXPECT_EQ(fields(parse_plan(plan_with(na))), std::vector<std::string>{"constituencies[0].seats"})
      << "Art. 10(4): at most 3 seats for the National Assembly";
  std::string bad_date = council(1, 2);
  bad_date.replace(bad_date.find("1980-01-01"), 10, "1980-02-30");
  EXPECT_EQ(fields(parse_plan(plan_with(bad_date))), std::vector<std::string>{"constituencies[0].candidates[0].birth_date"});
  EXPECT_EQ(fields(parse_plan(plan_with(council(1, 2), R"({"number": 1, "name": "KV", "unit": "X", "registered": 1,
      "constituencies": ["K9"], "team": []})"))),
            (std::vector<std::string>{"areas[0].constituencies", "constituencies[0]"}))
      << "an unknown constituency, and so one without an area";
  EXPECT_EQ(fields(parse_plan(plan_with(council(1, 2), R"({"number": 1, "name": "KV", "unit": "X", "registered": -5,
      "constituencies": ["K1"], "team": []})"))),
            (std::vector<std::string>{"areas[0].registered"}));
  EXPECT_EQ(fields(parse_plan("[1]")), std::vector<std::string>{"input"});
  EXPECT_EQ(fields(parse_plan(std::string(40, '[') + std::string(40, ']'))), std::vector<std::string>{"input"});
  EXPECT_EQ(fields(parse_plan("{\"name\": 1}")),
            (std::vector<std::string>{"name", "election_date", "committee", "constituencies", "areas"}));
}

}  // namespace
}  // namespace tinhso::elections
