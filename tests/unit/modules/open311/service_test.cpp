// Open311 service rules (src/modules/open311/): contact masking for the public (redact.h), the
// services file (services_file.h), FixMyStreet's update form (request_form.h parse_new_update),
// and how petition states show as Open311 statuses and update statuses (view.h). Table-driven.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/http/headers.h"
#include "modules/open311/redact.h"
#include "modules/open311/request_form.h"
#include "modules/open311/services_file.h"
#include "modules/open311/view.h"

namespace tinhso::open311 {
namespace {

TEST(Open311Redact, Table) {
  struct Case {
    std::string in, out;
  } cases[] = {
      {"Ổ gà ở số 12 phố Hòa Phong", "Ổ gà ở số 12 phố Hòa Phong"},         // a house number stays
      {"gọi 0912345678 nhé", "gọi […] nhé"},                                  // a mobile number
      {"gọi 0912 345 678 nhé", "gọi […] nhé"},                                // grouped with spaces
      {"SĐT +84 912.345.678", "SĐT […]"},                                     // international, dots
      {"(0210) 3846 123", "[…]"},                                             // landline with area code
      {"CCCD 025199887766", "CCCD […]"},                                      // a 12-digit ID number
      {"thư cho an.nguyen@example.vn, cảm ơn", "thư cho […] cảm ơn"},         // an e-mail address word
      {"Km 12+500 quốc lộ 2", "Km 12+500 quốc lộ 2"},                        // chainage stays
      {"ngày 27/11/2026 lúc 07:30", "ngày 27/11/2026 lúc 07:30"},             // dates and times stay
      {"1234567", "1234567"},                                                 // 7 digits stay
      {"12345678", "[…]"},                                                    // 8 digits go
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(redact_contacts(c.in), c.out) << c.in;
}

TEST(Open311View, StatusOfEveryPetitionState) {
  struct Case {
    const char* state;
    Status status;
    UpdateStatus update;
  } cases[] = {
      {"received", Status::open, UpdateStatus::open},
      {"classified", Status::open, UpdateStatus::investigating},
      {"accepted", Status::open, UpdateStatus::investigating},
      {"assigned", Status::open, UpdateStatus::action_scheduled},
      {"verified", Status::open, UpdateStatus::in_progress},
      {"decided", Status::closed, UpdateStatus::fixed},
      {"notified", Status::closed, UpdateStatus::fixed},
      {"closed", Status::closed, UpdateStatus::closed},
      {"refused", Status::closed, UpdateStatus::no_further_action},
      {"forwarded", Status::closed, UpdateStatus::not_councils_responsibility},
  };
  std::size_t open = 0, closed = 0;
  for (const auto& c : cases) {
    EXPECT_EQ(status_of_state(c.state), c.status) << c.state;
    EXPECT_EQ(update_status_of_state(c.state), c.update) << c.state;
    (c.status == Status::open ? open : closed)++;
  }
  EXPECT_EQ(states_of(Status::open).size(), open);
  EXPECT_EQ(states_of(Status::closed).size(), closed);
  for (const auto& s : states_of(Status::closed)) EXPECT_EQ(status_of_state(s), Status::closed) << s;
}

TEST(Open311View, ExpectedIsTheEndOfTheOfficeDay) {
  auto t = expected_of_due("2026-12-11");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_datetime(*t), "2026-12-11T17:00:00+07:00");
  EXPECT_FALSE(expected_of_due(""));
  EXPECT_EQ(format_datetime(datetime_of_iso("2026-11-27T05:15:02Z")), "2026-11-27T12:15:02+07:00");
}

http::FormData form(std::vector<std::pair<std::string, std::string>> items) {
  http::FormData f;
  for (auto& [k, v] : items) f.add(k, v);
  return f;
}

std::vector<std::string> fields(const std::vector<Error>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.description.substr(0, e.description.find(':')));
  return out;
}

TEST(Open311Update, ValidForm) {
  auto p = parse_new_update(form({{"api_key", "k"}, {"service_request_id", " PA-261127-000013 "}, {"status", "IN_PROGRESS"},
                                  {"description", "Vẫn chưa sửa\nxin kiểm tra"}, {"updated_datetime", "2026-11-27T08:00:00Z"},
                                  {"update_id", "fms-7"}, {"media_url", "https://example.vn/a.jpg"}, {"email", "a@b.vn"}}));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.value->service_request_id, "PA-261127-000013");
  EXPECT_EQ(p.value->status, UpdateStatus::in_progress);
  EXPECT_EQ(p.value->description, "Vẫn chưa sửa\nxin kiểm tra");
  EXPECT_EQ(format_datetime(*p.value->updated_datetime), "2026-11-27T08:00:00+00:00");
  EXPECT_EQ(p.value->update_id, "fms-7");
}

TEST(Open311Update, ErrorTable) {
  struct Case {
    std::vector<std::pair<std::string, std::string>> form;
    int status;
    std::vector<std::string> fields;
  } cases[] = {
      {{{"service_request_id", "x"}, {"status", "open"}, {"description", "d"}}, 403, {"api_key"}},
      {{{"api_key", "k"}}, 400, {"service_request_id", "status", "description"}},
      {{{"api_key", "k"}, {"service_request_id", "x"}, {"status", "broken"}, {"description", "d"}}, 400, {"status"}},
      {{{"api_key", "k"}, {"service_request_id", "x"}, {"status", "open"}, {"description", "d"}, {"updated_datetime", "hôm qua"}},
       400, {"updated_datetime"}},
      {{{"api_key", "k"}, {"service_request_id", "x"}, {"status", "open"}, {"description", std::string(4001, 'a')}}, 400, {"description"}},
      {{{"api_key", "k"}, {"service_request_id", "x"}, {"status", "open"}, {"description", "d"}, {"media_url", "ftp://x"}, {"email", "no"}},
       400, {"media_url", "email"}},
      {{{"api_key", "k"}, {"service_request_id", "x"}, {"service_request_id", "y"}, {"status", "open"}, {"description", "d"}},
       400, {"service_request_id"}},
  };
  for (const auto& c : cases) {
    auto p = parse_new_update(form(c.form));
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(http_status(p.errors), c.status);
    EXPECT_EQ(fields(p.errors), c.fields);
  }
}

TEST(Open311ServicesFile, ReadsTheShape) {
  auto e = parse_services_file(R"({"services": [{"code": "ROAD", "agency": "UBND-P-VIET-TRI", "type": "batch",
    "name_vi": "Đường hỏng", "name_en": "Road damage", "attributes": [
      {"code": "severity", "datatype": "singlevaluelist", "required": true, "description_vi": "Mức độ",
       "description_en": "Severity", "values": [["minor", "Nhẹ", "Minor"], ["danger", "Nguy hiểm", "Dangerous"]]},
      {"code": "note", "datatype": "text", "variable": false, "description_vi": "Lưu ý", "description_en": "Note"}]}]})");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].service.code, "ROAD");
  EXPECT_EQ(e[0].agency_code, "UBND-P-VIET-TRI");
  EXPECT_EQ(e[0].service.type, ServiceType::batch);
  ASSERT_EQ(e[0].attributes.size(), 2u);
  EXPECT_TRUE(e[0].attributes[0].required);
  EXPECT_EQ(e[0].attributes[0].values[1].name_vi, "Nguy hiểm");
  EXPECT_FALSE(e[0].attributes[1].variable);
}

TEST(Open311ServicesFile, ProblemTable) {
  auto svc = [](const std::string& body) { return R"({"services": [)" + body + "]}"; };
  const std::string ok = R"("agency": "A", "name_vi": "x", "name_en": "x")";
  struct Case {
    std::string json, problem;
  } cases[] = {
      {"not json", "file: not valid JSON"},
      {R"({"x": 1})", "file: must be an object with a \"services\" array"},
      {svc(R"({"agency": "A", "name_vi": "x", "name_en": "x"})"), "services[0].code: required"},
      {svc(R"({"code": "A B", )" + ok + "}"), "services[0].code: may not hold"},
      {svc(R"({"code": "A", )" + ok + R"(}, {"code": "A", )" + ok + "}"), "services[1].code: used twice"},
      {svc(R"({"code": "A", "agency": "A", "name_vi": "x"})"), "services[0].name_en: required"},
      {svc(R"({"code": "A", "type": "later", )" + ok + "}"), "services[0].type: must be realtime, batch or blackbox"},
      {svc(R"({"code": "A", )" + ok + R"(, "attributes": [{"code": "a[1]", "datatype": "string", "description_vi": "x", "description_en": "x"}]})"),
       "services[0].attributes[0].code: may not hold"},
      {svc(R"({"code": "A", )" + ok + R"(, "attributes": [{"code": "a", "datatype": "colour", "description_vi": "x", "description_en": "x"}]})"),
       "services[0].attributes[0].datatype: unknown datatype"},
      {svc(R"({"code": "A", )" + ok + R"(, "attributes": [{"code": "a", "datatype": "singlevaluelist", "description_vi": "x", "description_en": "x"}]})"),
       "services[0].attributes[0].values: a list attribute needs values"},
      {svc(R"({"code": "A", )" + ok + R"(, "attributes": [{"code": "a", "datatype": "number", "description_vi": "x", "description_en": "x", "values": [["k", "v", "v"]]}]})"),
       "services[0].attributes[0].values: only list attributes have values"},
      {svc(R"({"code": "A", )" + ok + R"(, "attributes": [{"code": "a", "datatype": "singlevaluelist", "description_vi": "x", "description_en": "x", "values": [["k", "v"]]}]})"),
       "services[0].attributes[0].values: each value must be [key, name_vi, name_en]"},
  };
  for (const auto& c : cases) {
    try {
      parse_services_file(c.json);
      ADD_FAILURE() << "accepted: " << c.json;
    } catch (const std::invalid_argument& e) {
      EXPECT_TRUE(std::string(e.what()).starts_with(c.problem)) << e.what() << " / expected " << c.problem;
    }
  }
}

}  // namespace
}  // namespace tinhso::open311
