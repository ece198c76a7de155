// The tally's JSON front end (issue 19 item 7): every form problem named by its field, hostile
// documents refused within bounds, and the result's JSON read back.
#include "modules/elections/tally_json.h"

#include <ostream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tinhso::elections {

// GoogleTest prints a problem as "field: message".
inline void PrintTo(const Problem& p, std::ostream* os) { *os << p.field << ": " << p.message; }

namespace {

using nlohmann::json;

json good_doc() {
  return json::parse(R"({
    "body": "national_assembly", "round": "first", "seats": 2,
    "registered": 1000, "voted": 900, "valid": 900,
    "candidates": [
      {"id": "a", "name": "Nguyễn Văn An", "birth_date": "1970-01-31", "votes": 700},
      {"id": "b", "name": "Trần Thị Bình", "birth_date": "1980-05-01", "votes": 500},
      {"id": "c", "name": "Lê Văn Cường", "birth_date": "1975-03-02", "votes": 500}
    ],
    "comment": {"ignored": [1, 2, 3]}
  })");
}

std::vector<Problem> problems_of(const std::string& text) {
  const ParsedInput p = parse_tally_json(text);
  EXPECT_EQ(p.input.has_value(), p.problems.empty());
  return p.problems;
}

TEST(TallyJson, ReadsEveryField) {
  const ParsedInput p = parse_tally_json(good_doc().dump());
  ASSERT_TRUE(p.problems.empty()) << p.problems[0].field << ": " << p.problems[0].message;
  const TallyInput& in = *p.input;
  EXPECT_EQ(in.body, Body::national_assembly);
  EXPECT_EQ(in.round, Round::first);
  EXPECT_EQ(in.seats, 2);
  EXPECT_EQ(in.registered, 1000);
  EXPECT_EQ(in.voted, 900);
  EXPECT_EQ(in.valid, 900);
  ASSERT_EQ(in.candidates.size(), 3u);
  EXPECT_EQ(in.candidates[0].id, "a");
  EXPECT_EQ(in.candidates[0].name, "Nguyễn Văn An");
  EXPECT_EQ(in.candidates[0].birth_date, (Date{1970, 1, 31}));
  EXPECT_EQ(in.candidates[2].votes, 500);
}

TEST(TallyJson, ReadsEveryBodyAndRound) {
  for (const char* body : {"national_assembly", "provincial_council", "commune_council"})
    for (const char* round : {"first", "supplementary", "re_election"}) {
      json doc = good_doc();
      doc["body"] = body;
      doc["round"] = round;
      const ParsedInput p = parse_tally_json(doc.dump());
      ASSERT_TRUE(p.input) << body << " " << round;
      EXPECT_EQ(body_code(p.input->body), body);
      EXPECT_EQ(round_code(p.input->round), round);
    }
}

TEST(TallyJson, EveryFormProblemNamesItsField) {
  struct {
    const char* name;
    void (*change)(json&);
    std::vector<Problem> want;
  } cases[] = {
      {"missing field", [](json& d) { d.erase("voted"); }, {{"voted", "is missing"}}},
      {"missing candidate field", [](json& d) { d["candidates"][1].erase("birth_date"); },
       {{"candidates[1].birth_date", "is missing"}}},
      {"wrong type", [](json& d) { d["seats"] = "2"; }, {{"seats", "expected a whole number, got string"}}},
      {"null", [](json& d) { d["valid"] = nullptr; }, {{"valid", "expected a whole number, got null"}}},
      {"fraction", [](json& d) { d["candidates"][0]["votes"] = 700.5; },
       {{"candidates[0].votes", "700.5 is not a whole number"}}},
      {"whole number written with a fraction", [](json& d) { d["registered"] = 1000.0; },
       {{"registered", "1000.0: write a whole number without a fraction or an exponent"}}},
      {"above the int64 range", [](json& d) { d["registered"] = 9223372036854775808ull; },
       {{"registered", "9223372036854775808 is out of range (a 64-bit whole number)"}}},
      {"far above the int64 range", [](json& d) { d["voted"] = 1e30; },
       {{"voted", "1e+30 is out of range (a 64-bit whole number)"}}},
      {"seats beyond int", [](json& d) { d["seats"] = 4294967296LL; }, {{"seats", "4294967296 is out of range"}}},
      {"unknown body", [](json& d) { d["body"] = "senate"; },
       {{"body", "'senate' is not one of national_assembly, provincial_council, commune_council"}}},
      {"unknown round", [](json& d) { d["round"] = "second"; },
       {{"round", "'second' is not one of first, supplementary, re_election"}}},
      {"body not a string", [](json& d) { d["body"] = 1; }, {{"body", "expected a string, got number"}}},
      {"not a date", [](json& d) { d["candidates"][2]["birth_date"] = "2/3/1975"; },
       {{"candidates[2].birth_date", "'2/3/1975' is not a date YYYY-MM-DD"}}},
      {"date without padding", [](json& d) { d["candidates"][2]["birth_date"] = "1975-3-2"; },
       {{"candidates[2].birth_date", "'1975-3-2' is not a date YYYY-MM-DD"}}},
      {"date with a sign", [](json& d) { d["candidates"][2]["birth_date"] = "+975-03-02"; },
       {{"candidates[2].birth_date", "'+975-03-02' is not a date YYYY-MM-DD"}}},
      {"candidates not an array", [](json& d) { d["candidates"] = json::object(); },
       {{"candidates", "expected an array, got object"}}},
      {"candidate not an object", [](json& d) { d["candidates"][1] = 5; },
       {{"candidates[1]", "expected an object, got number"}}},
      {"id too long", [](json& d) { d["candidates"][0]["id"] = std::string(65, 'x'); },
       {{"candidates[0].id", "65 bytes; at most 64 are accepted"}}},
      {"name too long", [](json& d) { d["candidates"][0]["name"] = std::string(201, 'x'); },
       {{"candidates[0].name", "201 bytes; at most 200 are accepted"}}},
      {"1 MB name", [](json& d) { d["candidates"][0]["name"] = std::string(1000000, 'x'); },
       {{"candidates[0].name", "1000000 bytes; at most 200 are accepted"}}},
      {"too many candidates",
       [](json& d) {
         json c = d["candidates"][0];
         d["candidates"] = json::array();
         for (int i = 0; i < 1001; ++i) d["candidates"].push_back(c);
       },
       {{"candidates", "1001 candidates; at most 1000 are accepted"}}},
      {"several at once",
       [](json& d) {
         d.erase("body");
         d["valid"] = true;
         d["candidates"][1]["votes"] = "500";
       },
       {{"body", "is missing"},
        {"valid", "expected a whole number, got boolean"},
        {"candidates[1].votes", "expected a whole number, got string"}}},
  };
  for (const auto& c : cases) {
    json doc = good_doc();
    c.change(doc);
    EXPECT_EQ(problems_of(doc.dump()), c.want) << c.name;
  }
}

TEST(TallyJson, LeavesTheStatutesArithmeticToValidate) {
  json doc = good_doc();
  doc["candidates"][1]["votes"] = 1200;
  doc["candidates"][2]["birth_date"] = "2001-02-29";
  const ParsedInput p = parse_tally_json(doc.dump());
  ASSERT_TRUE(p.input);
  EXPECT_EQ(validate(*p.input), (std::vector<Problem>{{"candidates[1].votes", "1200 is above valid (900)"},
                                                      {"candidates[2].birth_date", "2001-02-29 is not a calendar date"}}));
}

TEST(TallyJson, AcceptsTheLimitsExactly) {
  json doc = good_doc();
  doc["candidates"][0]["id"] = std::string(64, 'x');
  doc["candidates"][0]["name"] = std::string(200, 'x');
  doc["registered"] = 9223372036854775807LL;
  doc["seats"] = -1;  // a whole number: validate() reports the range
  EXPECT_TRUE(problems_of(doc.dump()).empty());
  json c = doc["candidates"][0];
  doc["candidates"] = json::array();
  for (int i = 0; i < 1000; ++i) doc["candidates"].push_back(c);
  EXPECT_TRUE(problems_of(doc.dump()).empty());
}

TEST(TallyJson, RefusesHostileDocuments) {
  const std::string deep(100000, '[');
  std::string nested_16 = "{\"x\":" + std::string(15, '[') + std::string(15, ']') + "}";
  std::string nested_17 = "{\"x\":" + std::string(16, '[') + std::string(16, ']') + "}";
  struct {
    const char* name;
    std::string text;
    std::vector<Problem> want;
  } cases[] = {
      {"empty", "", {{"input", "not JSON (error at byte 1)"}}},
      {"not JSON", "{\"body\": national_assembly}", {{"input", "not JSON (error at byte 11)"}}},
      {"top-level array", "[1, 2]", {{"input", "expected an object, got array"}}},
      {"top-level string", "\"x\"", {{"input", "expected an object, got string"}}},
      {"invalid UTF-8", "{\"body\": \"\xC3\x28\"}", {{"input", "not JSON (error at byte 12)"}}},
      {"overlong UTF-8", "{\"body\": \"\xC0\xAF\"}", {{"input", "not JSON (error at byte 11)"}}},
      {"100,000 nested arrays", deep, {{"input", "nested deeper than 16 levels"}}},
      {"17 levels under an unknown field", nested_17, {{"input", "nested deeper than 16 levels"}}},
      {"a number beyond double", "{\"seats\": 1e400}", {{"input", "not JSON (a number out of range)"}}},
      {"more than 1 MiB", "{\"x\": \"" + std::string(kMaxInputBytes, 'x') + "\"}",
       {{"input", std::to_string(kMaxInputBytes + 9) + " bytes; at most 1048576 are accepted"}}},
  };
  for (const auto& c : cases) EXPECT_EQ(problems_of(c.text), c.want) << c.name;
  // 16 levels are fine: the problems are the missing fields only.
  EXPECT_EQ(problems_of(nested_16).front(), (Problem{"body", "is missing"}));
}

TEST(TallyJson, QuotesHostileValuesShortAndPrintable) {
  json doc = good_doc();
  doc["body"] = "\x1b[31m" + std::string(50, 'x');    // 55 bytes, within the 64 read
  doc["round"] = "Đại hội Đại hội Đại hội Đại hội";  // 51 bytes
  const auto problems = problems_of(doc.dump());
  ASSERT_EQ(problems.size(), 2u);
  // At most 40 bytes shown, control bytes as '?'.
  EXPECT_EQ(problems[0].message, "'?[31m" + std::string(35, 'x') +
                                     "…' is not one of national_assembly, provincial_council, commune_council");
  // Cut at a character boundary: byte 40 falls inside the fourth "Đ".
  EXPECT_EQ(problems[1].message, "'Đại hội Đại hội Đại hội …' is not one of first, supplementary, re_election");
}

TEST(TallyJson, FormatsTheResult) {
  const ParsedInput p = parse_tally_json(good_doc().dump());
  ASSERT_TRUE(p.input);
  const auto r = tally(*p.input);
  ASSERT_TRUE(r);
  const std::string text = tally_result_json(*r);
  EXPECT_EQ(text.rfind("{\n  \"recognised\": true,\n  \"elected\": [", 0), 0u) << text;
  const json j = json::parse(text);
  // Art. 78(4): b and c tie at 500 for the second seat; c (1975) is older than b (1980).
  EXPECT_EQ(j["elected"], json({"a", "c"}));
  EXPECT_EQ(j["next"], "none");
  EXPECT_EQ(j["decided_by"], "Điều 78 khoản 4");
  EXPECT_EQ(j["turnout_more_than_half"], true);
  EXPECT_EQ(j["seats"], 2);
  EXPECT_EQ(j["seats_filled"], 2);
  EXPECT_EQ(j["seats_undecided"], 0);
  EXPECT_EQ(j["seats_unfilled"], 0);
  EXPECT_EQ(j["undecided"], json::array());
  EXPECT_EQ(j["law_silent"], json::array());
  ASSERT_EQ(j["candidates"].size(), 3u);
  EXPECT_EQ(j["candidates"][1],
            json({{"id", "b"}, {"votes", 500}, {"more_than_half", true}, {"elected", false}, {"undecided", false}}));
}

TEST(TallyJson, FormatsAnUndecidedTieAndAReElection) {
  TallyResult r;
  r.recognised = false;
  r.next = Next::re_election;
  r.decided_by = "Điều 80 khoản 1";
  r.seats = 1;
  r.seats_unfilled = 1;
  json j = json::parse(tally_result_json(r));
  EXPECT_EQ(j["recognised"], false);
  EXPECT_EQ(j["elected"], json::array());
  EXPECT_EQ(j["next"], "re_election");
  r = {};
  r.recognised = true;
  r.decided_by = "Điều 78 khoản 4";
  r.undecided = {"b", "c"};
  r.law_silent = {"tie_same_birth_date"};
  j = json::parse(tally_result_json(r));
  EXPECT_EQ(j["undecided"], json({"b", "c"}));
  EXPECT_EQ(j["law_silent"], json({"tie_same_birth_date"}));
  EXPECT_EQ(j["next"], "none");
}

}  // namespace
}  // namespace tinhso::elections
