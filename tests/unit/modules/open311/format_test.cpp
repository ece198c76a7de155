// Open311 GeoReport v2 format layer (src/modules/open311/): exact XML and JSON of every answer,
// text escaping, date-times, the path suffix, and every validation error of the POST requests
// form and the GET requests filters (../shared/domain/OPEN311.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "modules/open311/datetime.h"
#include "modules/open311/format.h"
#include "modules/open311/query.h"
#include "modules/open311/request_form.h"
#include "modules/open311/types.h"

namespace tinhso::open311 {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kDecl = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
constexpr std::string_view kFffd = "\xEF\xBF\xBD";

DateTime at(std::string_view text) {
  auto t = parse_datetime(text);
  EXPECT_TRUE(t.has_value()) << text;
  return t.value_or(DateTime{});
}

std::string xml(std::string_view body) { return std::string(kDecl) + std::string(body); }

// ---- Date-times ----

TEST(Open311DateTime, ParseTable) {
  struct Case {
    std::string_view text;
    std::optional<DateTime> want;
  };
  const Case cases[] = {
      {"2026-11-26T09:15:00+07:00", DateTime{1795659300, 420}},
      {"2026-11-26T02:15:00Z", DateTime{1795659300, 0}},
      {"2026-11-26T02:15:00+00:00", DateTime{1795659300, 0}},
      {"2026-11-26T02:15:00-00:00", DateTime{1795659300, 0}},
      {"2026-11-26T09:15:00 07:00", DateTime{1795659300, 420}},  // '+' decoded as a space
      {"2026-11-26T09:15+07:00", DateTime{1795659300, 420}},     // no seconds
      {"2026-11-26T09:15:00.987+07:00", DateTime{1795659300, 420}},  // fraction dropped
      {"2026-11-26T09:15:00", DateTime{1795659300, 420}},        // no offset: Viet Nam's
      {"2026-11-01", DateTime{1793466000, 420}},                 // a day: its midnight
      {"2000-02-29T23:59:59-08:00", DateTime{951897599, -480}},  // leap day
      {"2026-11-26T09:15:00+14:00", DateTime{1795659300 + 420 * 60 - 840 * 60, 840}},
      {"", std::nullopt},
      {"2026", std::nullopt},
      {"2026-11", std::nullopt},
      {"2026-13-01", std::nullopt},
      {"2026-00-01", std::nullopt},
      {"2026-02-29", std::nullopt},  // not a leap year
      {"1900-02-29", std::nullopt},
      {"2026-04-31", std::nullopt},
      {"0000-01-01", std::nullopt},
      {"2026-11-26T24:00:00Z", std::nullopt},
      {"2026-11-26T09:60:00Z", std::nullopt},
      {"2026-11-26T09:15:60Z", std::nullopt},  // no leap second
      {"2026-11-26T09:15:00+15:00", std::nullopt},
      {"2026-11-26T09:15:00+07:60", std::nullopt},
      {"2026-11-26T09:15:00+0700", std::nullopt},
      {"2026-11-26T09:15:00+07", std::nullopt},
      {"2026-11-26T09:15:00.+07:00", std::nullopt},
      {"2026-11-26 09:15:00+07:00", std::nullopt},
      {"2026-11-26t09:15:00z", std::nullopt},
      {" 2026-11-26", std::nullopt},
      {"2026-11-26 ", std::nullopt},
      {"2026-11-26T09:15:00Zjunk", std::nullopt},
      {"26/11/2026", std::nullopt},
      {"2026-1-26", std::nullopt},
      {"0001-01-01T00:00:00Z", std::nullopt},  // before kMinEpochSeconds
      {"9999-12-31T23:59:59Z", std::nullopt},  // after kMaxEpochSeconds
      {"0001-01-02T00:00:00Z", DateTime{-62135596800 + 86400, 0}},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_datetime(c.text), c.want) << c.text;
}

TEST(Open311DateTime, FormatTable) {
  struct Case {
    DateTime t;
    std::string_view want;
  };
  const Case cases[] = {
      {{1795659300, 420}, "2026-11-26T09:15:00+07:00"},
      {{1795659300, 0}, "2026-11-26T02:15:00+00:00"},
      {{951897599, -480}, "2000-02-29T23:59:59-08:00"},
      {{0, 0}, "1970-01-01T00:00:00+00:00"},
      {{-1, 0}, "1969-12-31T23:59:59+00:00"},
      {{0, 330}, "1970-01-01T05:30:00+05:30"},
      {{0, -570}, "1969-12-31T14:30:00-09:30"},
      // Clamped: out-of-range moments and offsets still give a well-formed date-time.
      {{INT64_MAX, 0}, "9999-12-31T09:59:59+00:00"},
      {{INT64_MIN, 0}, "0001-01-01T14:00:00+00:00"},
      {{0, 100000}, "1970-01-01T14:00:00+14:00"},
  };
  for (const auto& c : cases) EXPECT_EQ(format_datetime(c.t), c.want) << c.t.epoch_seconds;
}

TEST(Open311DateTime, RoundTrip) {
  for (DateTime t : {DateTime{1795659300, 420}, DateTime{kMinEpochSeconds, -840}, DateTime{kMaxEpochSeconds, 840},
                     DateTime{-12345678901, 0}, DateTime{951897599, -480}})
    EXPECT_EQ(parse_datetime(format_datetime(t)), t) << format_datetime(t);
}

// ---- Text ----

TEST(Open311Text, XmlEscapeTable) {
  struct Case {
    std::string_view in;
    std::string want;
  };
  const std::string r(kFffd);
  const Case cases[] = {
      {"", ""},
      {"Ổ gà đường Trần Phú, phường Hà Đông", "Ổ gà đường Trần Phú, phường Hà Đông"},
      {"a<b&c>d\"e'f", "a&lt;b&amp;c&gt;d&quot;e&apos;f"},
      {"<script>alert('x')</script>", "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"},
      {"&amp;", "&amp;amp;"},  // escaped once, never unescaped
      {"]]>", "]]&gt;"},
      {"dòng 1\r\ndòng 2\tx", "dòng 1&#13;\ndòng 2\tx"},
      {"\x7F", "\x7F"},                // DEL is an XML 1.0 Char
      {"\xF0\x9F\x99\x82", "\xF0\x9F\x99\x82"},  // U+1F642 kept
      {"a\0b"sv, "a" + r + "b"},       // NUL
      {"\x01\x1F", r + r},             // C0 controls
      {"\xEF\xBF\xBE\xEF\xBF\xBF", r + r},  // U+FFFE, U+FFFF
      {"\xEF\xBF\xBD", r},             // U+FFFD itself is kept
      {"\xC3", r},                     // truncated sequence
      {"\xC3(", r + "("},              // bad continuation
      {"\xC0\xAF", r + r},             // overlong '/': one per byte
      {"\xED\xA0\x80", r + r + r},     // surrogate U+D800
      {"\xFF<", r + "&lt;"},
      {"Đ\xE1\xBB", "Đ" + r + r},      // truncated "ờ"
  };
  for (const auto& c : cases) EXPECT_EQ(xml_escape(c.in), c.want) << testing::PrintToString(std::string(c.in));
}

TEST(Open311Text, SanitizeKeepsValidTextAndReplacesTheRest) {
  EXPECT_EQ(sanitize_text("Chuyển đổi số"), "Chuyển đổi số");
  EXPECT_EQ(sanitize_text("a<&>\"'"), "a<&>\"'");  // sanitising does not escape
  EXPECT_EQ(sanitize_text("\t\n\r"), "\t\n\r");
  EXPECT_EQ(sanitize_text("x\x08y"), "x" + std::string(kFffd) + "y");
}

TEST(Open311Text, NumberTable) {
  struct Case {
    double v;
    std::string_view want;
  };
  const Case cases[] = {{21.0285, "21.0285"},   {105.8542, "105.8542"}, {-122.4651145, "-122.4651145"},
                        {0, "0"},               {-0.0, "0"},            {90, "90"},
                        {-180, "-180"},         {0.1, "0.1"},           {1e-7, "0.0000001"},
                        {37.762221815, "37.762221815"}};
  for (const auto& c : cases) EXPECT_EQ(format_number(c.v), c.want) << c.v;
}

// ---- The format suffix ----

TEST(Open311Suffix, Table) {
  struct Case {
    std::string_view path;
    std::optional<Resource> want;
    std::string_view error;
  };
  const Case cases[] = {
      {"requests.json", Resource{"requests", Format::json}, ""},
      {"requests.xml", Resource{"requests", Format::xml}, ""},
      {"requests/123.xml", Resource{"requests/123", Format::xml}, ""},
      {"requests/2026-000123.json", Resource{"requests/2026-000123", Format::json}, ""},
      {"discovery.xml", Resource{"discovery", Format::xml}, ""},
      {"services.json", Resource{"services", Format::json}, ""},
      {"services/POT.json", Resource{"services/POT", Format::json}, ""},
      {"services/A.1.xml", Resource{"services/A.1", Format::xml}, ""},
      {"tokens/abc.json", Resource{"tokens/abc", Format::json}, ""},
      {"servicerequestupdates.xml", Resource{"servicerequestupdates", Format::xml}, ""},
      {"services/đường.json", Resource{"services/đường", Format::json}, ""},
      {"requests", std::nullopt, "format: add .xml or .json to the resource"},
      {"", std::nullopt, "format: add .xml or .json to the resource"},
      {"requests.v1/123", std::nullopt, "format: add .xml or .json to the resource"},
      {"requests.csv", std::nullopt, "format: only .xml and .json are supported"},
      {"requests.XML", std::nullopt, "format: only .xml and .json are supported"},
      {"requests.json.bak", std::nullopt, "format: only .xml and .json are supported"},
      {"requests.", std::nullopt, "format: only .xml and .json are supported"},
      {"requests.jsonp", std::nullopt, "format: only .xml and .json are supported"},
      {".json", std::nullopt, "format: no resource before the suffix"},
      {"requests/.json", std::nullopt, "format: no resource before the suffix"},
      {"requests/\xC3.json", std::nullopt, "format: the path is not valid UTF-8"},
  };
  for (const auto& c : cases) {
    auto got = split_format(c.path);
    EXPECT_EQ(got.value, c.want) << c.path;
    if (c.want) {
      EXPECT_TRUE(got.errors.empty()) << c.path;
    } else {
      EXPECT_EQ(got.errors, (std::vector<Error>{{404, std::string(c.error)}})) << c.path;
    }
  }
}

TEST(Open311Suffix, ContentTypes) {
  EXPECT_EQ(content_type(Format::xml), "text/xml; charset=utf-8");
  EXPECT_EQ(content_type(Format::json), "application/json; charset=utf-8");
}

// ---- Answers: exact XML and JSON ----

struct Rendered {
  std::string xml_text;
  std::string json_text;
};

template <class F>
Rendered both(F&& render) {
  return {render(Format::xml), render(Format::json)};
}

void expect_rendered(const Rendered& got, std::string_view want_xml_body, std::string_view want_json) {
  EXPECT_EQ(got.xml_text, xml(want_xml_body));
  EXPECT_EQ(got.json_text, want_json);
  EXPECT_TRUE(nlohmann::json::accept(got.json_text)) << got.json_text;
}

TEST(Open311Render, Services) {
  const std::vector<Service> services{
      {"POT", "Ổ gà trên đường", "Mặt đường hư hỏng", true, ServiceType::realtime, "đường, ổ gà", "Giao thông"},
      {"LIGHT", "Đèn đường hỏng", "", false, ServiceType::batch, "", ""},
  };
  expect_rendered(
      both([&](Format f) { return render_services(services, f); }),
      "<services>"
      "<service><service_code>POT</service_code><service_name>Ổ gà trên đường</service_name>"
      "<description>Mặt đường hư hỏng</description><metadata>true</metadata><type>realtime</type>"
      "<keywords>đường, ổ gà</keywords><group>Giao thông</group></service>"
      "<service><service_code>LIGHT</service_code><service_name>Đèn đường hỏng</service_name>"
      "<description></description><metadata>false</metadata><type>batch</type>"
      "<keywords></keywords><group></group></service>"
      "</services>",
      R"([{"service_code":"POT","service_name":"Ổ gà trên đường","description":"Mặt đường hư hỏng",)"
      R"("metadata":true,"type":"realtime","keywords":"đường, ổ gà","group":"Giao thông"},)"
      R"({"service_code":"LIGHT","service_name":"Đèn đường hỏng","description":null,"metadata":false,)"
      R"("type":"batch","keywords":null,"group":null}])");
}

TEST(Open311Render, EmptyLists) {
  expect_rendered(both([](Format f) { return render_services({}, f); }), "<services></services>", "[]");
  expect_rendered(both([](Format f) { return render_requests({}, f); }), "<service_requests></service_requests>",
                  "[]");
  expect_rendered(both([](Format f) { return render_request_updates({}, f); }),
                  "<service_request_updates></service_request_updates>", "[]");
}

TEST(Open311Render, ServiceDefinition) {
  const ServiceDefinition d{
      "POT",
      {
          {true, "SIZE", Datatype::singlevaluelist, true, "", 1, "Ổ gà rộng cỡ nào?", {{"S", "Nhỏ"}, {"L", "Lớn"}}},
          {true, "DEPTH", Datatype::number, false, "cm", 2, "Độ sâu", {}},
          {false, "NOTE", Datatype::text, false, "", 3, "Ảnh chụp giúp xử lý nhanh hơn", {}},
          {true, "KINDS", Datatype::multivaluelist, false, "", 4, "Loại", {}},
      }};
  expect_rendered(
      both([&](Format f) { return render_service_definition(d, f); }),
      "<service_definition><service_code>POT</service_code><attributes>"
      "<attribute><variable>true</variable><code>SIZE</code><datatype>singlevaluelist</datatype>"
      "<required>true</required><datatype_description></datatype_description><order>1</order>"
      "<description>Ổ gà rộng cỡ nào?</description><values><value><key>S</key><name>Nhỏ</name></value>"
      "<value><key>L</key><name>Lớn</name></value></values></attribute>"
      "<attribute><variable>true</variable><code>DEPTH</code><datatype>number</datatype>"
      "<required>false</required><datatype_description>cm</datatype_description><order>2</order>"
      "<description>Độ sâu</description></attribute>"
      "<attribute><variable>false</variable><code>NOTE</code><datatype>text</datatype>"
      "<required>false</required><datatype_description></datatype_description><order>3</order>"
      "<description>Ảnh chụp giúp xử lý nhanh hơn</description></attribute>"
      "<attribute><variable>true</variable><code>KINDS</code><datatype>multivaluelist</datatype>"
      "<required>false</required><datatype_description></datatype_description><order>4</order>"
      "<description>Loại</description><values></values></attribute>"
      "</attributes></service_definition>",
      R"({"service_code":"POT","attributes":[)"
      R"({"variable":true,"code":"SIZE","datatype":"singlevaluelist","required":true,"datatype_description":null,)"
      R"("order":1,"description":"Ổ gà rộng cỡ nào?","values":[{"key":"S","name":"Nhỏ"},{"key":"L","name":"Lớn"}]},)"
      R"({"variable":true,"code":"DEPTH","datatype":"number","required":false,"datatype_description":"cm",)"
      R"("order":2,"description":"Độ sâu"},)"
      R"({"variable":false,"code":"NOTE","datatype":"text","required":false,"datatype_description":null,)"
      R"("order":3,"description":"Ảnh chụp giúp xử lý nhanh hơn"},)"
      R"({"variable":true,"code":"KINDS","datatype":"multivaluelist","required":false,)"
      R"("datatype_description":null,"order":4,"description":"Loại","values":[]}]})");
}

ServiceRequest full_request() {
  ServiceRequest r;
  r.service_request_id = "2026-000123";
  r.status = Status::closed;
  r.status_notes = "Đã vá xong";
  r.service_name = "Ổ gà trên đường";
  r.service_code = "POT";
  r.description = "Ổ gà lớn trước số 12 Tràng Tiền";
  r.agency_responsible = "UBND phường Hoàn Kiếm";
  r.service_notice = "Xử lý trong 48 giờ";
  r.requested_datetime = at("2026-11-26T09:15:00+07:00");
  r.updated_datetime = at("2026-11-27T16:00:00+07:00");
  r.expected_datetime = at("2026-11-28T09:15:00+07:00");
  r.address = "12 Tràng Tiền, Hoàn Kiếm, Hà Nội";
  r.address_id = "HN-0012";
  r.zipcode = "100000";
  r.lat = 21.0245;
  r.lon = 105.8565;
  r.media_url = "https://example.gov.vn/media/123.jpg";
  return r;
}

TEST(Open311Render, Requests) {
  ServiceRequest minimal;
  minimal.service_request_id = "7";
  minimal.requested_datetime = DateTime{0, 0};
  minimal.lat = 21.0;  // a lone coordinate is not a position: both written empty
  const std::vector<ServiceRequest> requests{full_request(), minimal};
  expect_rendered(
      both([&](Format f) { return render_requests(requests, f); }),
      "<service_requests><request><service_request_id>2026-000123</service_request_id><status>closed</status>"
      "<status_notes>Đã vá xong</status_notes><service_name>Ổ gà trên đường</service_name>"
      "<service_code>POT</service_code><description>Ổ gà lớn trước số 12 Tràng Tiền</description>"
      "<agency_responsible>UBND phường Hoàn Kiếm</agency_responsible>"
      "<service_notice>Xử lý trong 48 giờ</service_notice>"
      "<requested_datetime>2026-11-26T09:15:00+07:00</requested_datetime>"
      "<updated_datetime>2026-11-27T16:00:00+07:00</updated_datetime>"
      "<expected_datetime>2026-11-28T09:15:00+07:00</expected_datetime>"
      "<address>12 Tràng Tiền, Hoàn Kiếm, Hà Nội</address><address_id>HN-0012</address_id>"
      "<zipcode>100000</zipcode><lat>21.0245</lat><long>105.8565</long>"
      "<media_url>https://example.gov.vn/media/123.jpg</media_url></request>"
      "<request><service_request_id>7</service_request_id><status>open</status><status_notes></status_notes>"
      "<service_name></service_name><service_code></service_code><description></description>"
      "<agency_responsible></agency_responsible><service_notice></service_notice>"
      "<requested_datetime>1970-01-01T00:00:00+00:00</requested_datetime><updated_datetime></updated_datetime>"
      "<expected_datetime></expected_datetime><address></address><address_id></address_id><zipcode></zipcode>"
      "<lat></lat><long></long><media_url></media_url></request></service_requests>",
      R"([{"service_request_id":"2026-000123","status":"closed","status_notes":"Đã vá xong",)"
      R"("service_name":"Ổ gà trên đường","service_code":"POT","description":"Ổ gà lớn trước số 12 Tràng Tiền",)"
      R"("agency_responsible":"UBND phường Hoàn Kiếm","service_notice":"Xử lý trong 48 giờ",)"
      R"("requested_datetime":"2026-11-26T09:15:00+07:00","updated_datetime":"2026-11-27T16:00:00+07:00",)"
      R"("expected_datetime":"2026-11-28T09:15:00+07:00","address":"12 Tràng Tiền, Hoàn Kiếm, Hà Nội",)"
      R"("address_id":"HN-0012","zipcode":"100000","lat":21.0245,"long":105.8565,)"
      R"("media_url":"https://example.gov.vn/media/123.jpg"},)"
      R"({"service_request_id":"7","status":"open","status_notes":null,"service_name":null,"service_code":null,)"
      R"("description":null,"agency_responsible":null,"service_notice":null,)"
      R"("requested_datetime":"1970-01-01T00:00:00+00:00","updated_datetime":null,"expected_datetime":null,)"
      R"("address":null,"address_id":null,"zipcode":null,"lat":null,"long":null,"media_url":null}])");
}

TEST(Open311Render, RequestCreated) {
  struct Case {
    RequestCreated r;
    std::string_view want_xml;
    std::string_view want_json;
  };
  const Case cases[] = {
      {{"2026-000123", "", "Xử lý trong 48 giờ", ""},
       "<service_requests><request><service_request_id>2026-000123</service_request_id>"
       "<service_notice>Xử lý trong 48 giờ</service_notice><account_id></account_id></request></service_requests>",
       R"([{"service_request_id":"2026-000123","service_notice":"Xử lý trong 48 giờ","account_id":null}])"},
      {{"", "tk-9f2", "", "acc-1"},
       "<service_requests><request><token>tk-9f2</token><service_notice></service_notice>"
       "<account_id>acc-1</account_id></request></service_requests>",
       R"([{"token":"tk-9f2","service_notice":null,"account_id":"acc-1"}])"},
      // Contract broken (both set): only the id is written, never both.
      {{"5", "tk", "", ""},
       "<service_requests><request><service_request_id>5</service_request_id><service_notice></service_notice>"
       "<account_id></account_id></request></service_requests>",
       R"([{"service_request_id":"5","service_notice":null,"account_id":null}])"},
  };
  for (const auto& c : cases)
    expect_rendered(both([&](Format f) { return render_request_created(c.r, f); }), c.want_xml, c.want_json);
}

TEST(Open311Render, Tokens) {
  const std::vector<TokenStatus> tokens{{"", "tk-1"}, {"2026-000123", "tk-2"}};
  expect_rendered(both([&](Format f) { return render_tokens(tokens, f); }),
                  "<service_requests><request><service_request_id></service_request_id><token>tk-1</token></request>"
                  "<request><service_request_id>2026-000123</service_request_id><token>tk-2</token></request>"
                  "</service_requests>",
                  R"([{"service_request_id":null,"token":"tk-1"},{"service_request_id":"2026-000123","token":"tk-2"}])");
}

TEST(Open311Render, Discovery) {
  Discovery d;
  d.changeset = at("2026-11-01T00:00:00+07:00");
  d.contact = "Sở TT&TT Hà Nội <open311@example.gov.vn>";
  d.key_service = "https://example.gov.vn/open311/key";
  Endpoint e;
  e.url = "https://example.gov.vn/open311/v2";
  e.changeset = at("2026-11-01T00:00:00+07:00");
  d.endpoints = {e};
  e.type = EndpointType::test;
  e.url = "https://test.example.gov.vn/open311/v2";
  e.formats = {"text/xml"};
  d.endpoints.push_back(e);
  expect_rendered(
      both([&](Format f) { return render_discovery(d, f); }),
      "<discovery><changeset>2026-11-01T00:00:00+07:00</changeset>"
      "<contact>Sở TT&amp;TT Hà Nội &lt;open311@example.gov.vn&gt;</contact>"
      "<key_service>https://example.gov.vn/open311/key</key_service><endpoints>"
      "<endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>"
      "<url>https://example.gov.vn/open311/v2</url><changeset>2026-11-01T00:00:00+07:00</changeset>"
      "<type>production</type><formats><format>text/xml</format><format>application/json</format></formats>"
      "</endpoint>"
      "<endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>"
      "<url>https://test.example.gov.vn/open311/v2</url><changeset>2026-11-01T00:00:00+07:00</changeset>"
      "<type>test</type><formats><format>text/xml</format></formats></endpoint>"
      "</endpoints></discovery>",
      R"({"changeset":"2026-11-01T00:00:00+07:00","contact":"Sở TT&TT Hà Nội <open311@example.gov.vn>",)"
      R"("key_service":"https://example.gov.vn/open311/key","endpoints":[)"
      R"({"specification":"http://wiki.open311.org/GeoReport_v2","url":"https://example.gov.vn/open311/v2",)"
      R"("changeset":"2026-11-01T00:00:00+07:00","type":"production","formats":["text/xml","application/json"]},)"
      R"({"specification":"http://wiki.open311.org/GeoReport_v2","url":"https://test.example.gov.vn/open311/v2",)"
      R"("changeset":"2026-11-01T00:00:00+07:00","type":"test","formats":["text/xml"]}]})");
}

TEST(Open311Render, Errors) {
  const std::vector<Error> errors{{400, "lat: is outside -90 .. 90"}, {400, "attribute[SIZE]: required"}};
  expect_rendered(both([&](Format f) { return render_errors(errors, f); }),
                  "<errors><error><code>400</code><description>lat: is outside -90 .. 90</description></error>"
                  "<error><code>400</code><description>attribute[SIZE]: required</description></error></errors>",
                  R"([{"code":400,"description":"lat: is outside -90 .. 90"},)"
                  R"({"code":400,"description":"attribute[SIZE]: required"}])");
  EXPECT_EQ(http_status(errors), 400);
  EXPECT_EQ(http_status({{404, "service_code: unknown service"}}), 404);
  EXPECT_EQ(http_status({}), 400);
}

TEST(Open311Render, RequestUpdates) {
  const std::vector<RequestUpdate> updates{
      {"u-1", "2026-000123", UpdateStatus::in_progress, at("2026-11-27T08:00:00+07:00"), "Đã cử đội sửa chữa", ""},
      {"u-2", "2026-000123", UpdateStatus::fixed, at("2026-11-27T16:00:00+07:00"), "",
       "https://example.gov.vn/media/after.jpg"},
  };
  expect_rendered(
      both([&](Format f) { return render_request_updates(updates, f); }),
      "<service_request_updates><request_update><update_id>u-1</update_id>"
      "<service_request_id>2026-000123</service_request_id><status>in_progress</status>"
      "<updated_datetime>2026-11-27T08:00:00+07:00</updated_datetime>"
      "<description>Đã cử đội sửa chữa</description><media_url></media_url></request_update>"
      "<request_update><update_id>u-2</update_id><service_request_id>2026-000123</service_request_id>"
      "<status>fixed</status><updated_datetime>2026-11-27T16:00:00+07:00</updated_datetime>"
      "<description></description><media_url>https://example.gov.vn/media/after.jpg</media_url>"
      "</request_update></service_request_updates>",
      R"([{"update_id":"u-1","service_request_id":"2026-000123","status":"in_progress",)"
      R"("updated_datetime":"2026-11-27T08:00:00+07:00","description":"Đã cử đội sửa chữa","media_url":null},)"
      R"({"update_id":"u-2","service_request_id":"2026-000123","status":"fixed",)"
      R"("updated_datetime":"2026-11-27T16:00:00+07:00","description":null,)"
      R"("media_url":"https://example.gov.vn/media/after.jpg"}])");
  expect_rendered(both([](Format f) { return render_update_created("u-3", f); }),
                  "<service_request_updates><request_update><update_id>u-3</update_id></request_update>"
                  "</service_request_updates>",
                  R"([{"update_id":"u-3"}])");
}

TEST(Open311Render, MarkupAndBadBytesInText) {
  ServiceRequest r;
  r.service_request_id = "1";
  r.requested_datetime = DateTime{0, 420};
  r.description = "<b>\"Nguy hiểm\"</b> & 'sâu'\\\nhết\r\x01\xC3";
  const std::vector<ServiceRequest> one{r};
  const std::string x = render_requests(one, Format::xml);
  EXPECT_NE(x.find("<description>&lt;b&gt;&quot;Nguy hiểm&quot;&lt;/b&gt; &amp; &apos;sâu&apos;\\\nhết&#13;"
                   "\xEF\xBF\xBD\xEF\xBF\xBD</description>"),
            std::string::npos)
      << x;
  const std::string j = render_requests(one, Format::json);
  EXPECT_NE(j.find(R"("description":"<b>\"Nguy hiểm\"</b> & 'sâu'\\\nhết\r)"
                   "\xEF\xBF\xBD\xEF\xBF\xBD\""),
            std::string::npos)
      << j;
  // Both formats carry the same (sanitised) text.
  auto parsed = nlohmann::json::parse(j);
  EXPECT_EQ(parsed[0]["description"].get<std::string>(), sanitize_text(r.description));
}

TEST(Open311Render, NonFiniteCoordinatesAreNotWritten) {
  ServiceRequest r = full_request();
  r.lat = std::numeric_limits<double>::quiet_NaN();
  const std::vector<ServiceRequest> one{r};
  const std::string j = render_requests(one, Format::json);
  EXPECT_NE(j.find(R"("lat":null,"long":null)"), std::string::npos) << j;
  EXPECT_TRUE(nlohmann::json::accept(j));
}

// ---- POST requests: the form ----

ServiceDefinition pothole_definition() {
  return {"POT",
          {
              {true, "SIZE", Datatype::singlevaluelist, true, "", 1, "Cỡ", {{"S", "Nhỏ"}, {"L", "Lớn"}}},
              {true, "KINDS", Datatype::multivaluelist, false, "", 2, "Loại", {{"A", "Á"}, {"B", "Bê"}, {"C", "Xê"}}},
              {true, "DEPTH", Datatype::number, false, "cm", 3, "Độ sâu", {}},
              {true, "SEEN", Datatype::datetime, false, "", 4, "Thấy lúc", {}},
              {true, "NOTE", Datatype::text, false, "", 5, "Ghi chú", {}},
              {true, "PLATE", Datatype::string, false, "", 6, "Biển số", {}},
              {false, "INFO", Datatype::string, true, "", 7, "Chỉ để đọc", {}},
          }};
}

std::optional<ServiceDefinition> lookup(std::string_view code) {
  if (code == "POT") return pothole_definition();
  if (code == "LIGHT") return ServiceDefinition{"LIGHT", {}};
  return std::nullopt;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

http::FormData form_of(const Pairs& pairs) {
  http::FormData f;
  for (const auto& [k, v] : pairs) f.add(k, v);
  return f;
}

const Pairs kBase{{"api_key", "k-1"},       {"service_code", "POT"},       {"lat", "21.0245"},
                  {"long", "105.8565"},     {"attribute[SIZE]", "S"},      {"description", "Ổ gà lớn"}};

// kBase without the named parameters, plus `extra`.
Pairs with(std::vector<std::string> drop, const Pairs& extra) {
  Pairs out;
  for (const auto& p : kBase)
    if (std::find(drop.begin(), drop.end(), p.first) == drop.end()) out.push_back(p);
  out.insert(out.end(), extra.begin(), extra.end());
  return out;
}

// The portal's own form (form.cpp) reads with parse_report_fields: the API's rules without the
// api_key, which it neither needs nor reads.
TEST(Open311Form, ReportFieldsAreTheApiRulesWithoutTheKey) {
  auto api = parse_new_request(form_of(kBase), lookup);
  auto form = parse_report_fields(form_of(with({"api_key"}, {})), lookup);
  ASSERT_TRUE(api.ok() && form.ok());
  NewRequest expected = *api.value;
  expected.api_key.clear();
  EXPECT_EQ(*form.value, expected);
  auto keyed = parse_report_fields(form_of(kBase), lookup);
  ASSERT_TRUE(keyed.ok());
  EXPECT_EQ(keyed.value->api_key, "") << "an api_key sent to the form is ignored";
  for (const Pairs& bad : {with({"api_key", "lat"}, {}), with({"api_key", "lat", "long"}, {}),
                           with({"api_key"}, {{"lat", "91"}}), with({"api_key", "service_code"}, {}),
                           with({"api_key"}, {{"email", "x"}, {"description", "b"}})}) {
    auto f = parse_report_fields(form_of(bad), lookup);
    Pairs keyedBad = bad;
    keyedBad.insert(keyedBad.begin(), {"api_key", "k-1"});
    auto k = parse_new_request(form_of(keyedBad), lookup);
    EXPECT_FALSE(f.ok());
    EXPECT_EQ(f.errors, k.errors) << "the same errors, in the same order, as the API's";
  }
}

TEST(Open311Form, ValidBase) {
  auto got = parse_new_request(form_of(kBase), lookup);
  ASSERT_TRUE(got.ok()) << testing::PrintToString(got.errors.size());
  NewRequest want;
  want.api_key = "k-1";
  want.service_code = "POT";
  want.lat = 21.0245;
  want.lon = 105.8565;
  want.attributes = {{"SIZE", {"S"}}};
  want.description = "Ổ gà lớn";
  EXPECT_EQ(*got.value, want);
}

TEST(Open311Form, ValidEverything) {
  const Pairs pairs{
      {"api_key", " k-1 "},
      {"jurisdiction_id", "hanoi.gov.vn"},
      {"service_code", "POT"},
      {"lat", "-0.5"},
      {"long", "-180"},
      {"address_string", "12 Tràng Tiền, Hoàn Kiếm"},
      {"address_id", "HN-0012"},
      {"attribute[INFO]", "ignored: not variable"},
      {"attribute[UNKNOWN]", "ignored: not in the definition"},
      {"attribute[SIZE]", "L"},
      {"attribute[KINDS][]", "C"},
      {"attribute[KINDS][]", "A"},
      {"attribute[KINDS][]", "C"},
      {"attribute[KINDS]", "B"},
      {"attribute[DEPTH]", "12.5"},
      {"attribute[SEEN]", "2026-11-26T09:15"},
      {"attribute[NOTE]", "dòng 1\r\ndòng 2"},
      {"attribute[PLATE]", "29A-123.45"},
      {"email", "nguyen.van.a@example.vn"},
      {"device_id", "dev-1"},
      {"account_id", "acc-1"},
      {"first_name", "An"},
      {"last_name", "Nguyễn Văn"},
      {"phone", "+84 (24) 3825-1234"},
      {"description", "Ổ gà\nrất sâu"},
      {"media_url", "HTTPS://example.gov.vn/a.jpg"},
      {"unknown_parameter", "\x01 ignored"},
  };
  auto got = parse_new_request(form_of(pairs), lookup);
  ASSERT_TRUE(got.ok()) << (got.errors.empty() ? "" : got.errors.front().description);
  NewRequest want;
  want.api_key = "k-1";
  want.jurisdiction_id = "hanoi.gov.vn";
  want.service_code = "POT";
  want.lat = -0.5;
  want.lon = -180;
  want.address_string = "12 Tràng Tiền, Hoàn Kiếm";
  want.address_id = "HN-0012";
  want.attributes = {{"SIZE", {"L"}},
                     {"KINDS", {"B", "C", "A"}},  // attribute[code] values first, then [] ones; no repeats
                     {"DEPTH", {"12.5"}},
                     {"SEEN", {"2026-11-26T09:15:00+07:00"}},
                     {"NOTE", {"dòng 1\r\ndòng 2"}},
                     {"PLATE", {"29A-123.45"}}};
  want.email = "nguyen.van.a@example.vn";
  want.device_id = "dev-1";
  want.account_id = "acc-1";
  want.first_name = "An";
  want.last_name = "Nguyễn Văn";
  want.phone = "+84 (24) 3825-1234";
  want.description = "Ổ gà\nrất sâu";
  want.media_url = "HTTPS://example.gov.vn/a.jpg";
  EXPECT_EQ(*got.value, want);
}

TEST(Open311Form, OtherLocationsAndServicesWithoutMetadata) {
  struct Case {
    Pairs pairs;
    std::string_view what;
  };
  const Case cases[] = {
      {with({"lat", "long"}, {{"address_string", "Ngõ 5 Hàng Bài"}}), "address_string alone"},
      {with({"lat", "long"}, {{"address_id", "HN-1"}}), "address_id alone"},
      {with({"lat", "long"}, {{"lat", ""}, {"long", " "}, {"address_id", "HN-1"}}), "empty lat/long are absent"},
      {with({"service_code", "attribute[SIZE]"}, {{"service_code", "LIGHT"}, {"attribute[X]", "y"}}), "no metadata"},
      {with({"lat"}, {{"lat", "90"}}), "lat 90"},
      {with({"long"}, {{"long", "180.0"}}), "long 180"},
      {with({"description"}, {{"description", std::string(kMaxDescription / 2, 'a') + [] {
                                 std::string s;
                                 for (std::size_t i = 0; i < kMaxDescription / 2; ++i) s += "ệ";
                                 return s;
                               }()}}),
       "4000 characters, 8000 bytes"},
      {with({"attribute[SIZE]"}, {{"attribute[SIZE]", "S"}, {"attribute[SIZE]", ""}}), "an empty repeat is absent"},
  };
  for (const auto& c : cases) {
    auto got = parse_new_request(form_of(c.pairs), lookup);
    EXPECT_TRUE(got.ok()) << c.what << ": " << (got.errors.empty() ? "" : got.errors.front().description);
  }
}

TEST(Open311Form, ErrorTable) {
  struct Case {
    Pairs pairs;
    std::vector<Error> want;
  };
  const std::string too_long_description = [] {
    std::string s;
    for (std::size_t i = 0; i <= kMaxDescription; ++i) s += "ệ";
    return s;
  }();
  const Case cases[] = {
      // 403: nothing else is looked at.
      {with({"api_key", "service_code"}, {}), {{403, "api_key: required"}}},
      {with({"api_key"}, {{"api_key", "  "}}), {{403, "api_key: required"}}},
      {with({"api_key"}, {{"api_key", "a"}, {"api_key", "b"}}), {{403, "api_key: given more than once"}}},
      {with({"api_key"}, {{"api_key", "a\x01"}}), {{403, "api_key: contains a control character"}}},
      {with({"api_key"}, {{"api_key", std::string(kMaxApiKey + 1, 'k')}}),
       {{403, "api_key: is longer than 128 characters"}}},
      // 404: an unknown service, alone.
      {with({"service_code"}, {{"service_code", "NOPE"}, {"lat", "999"}}), {{404, "service_code: unknown service"}}},
      // 400s.
      {with({"service_code"}, {}), {{400, "service_code: required"}}},
      {with({}, {{"service_code", "LIGHT"}}), {{400, "service_code: given more than once"}}},
      {with({"service_code"}, {{"service_code", "P\nT"}}), {{400, "service_code: contains a control character"}}},
      {with({}, {{"jurisdiction_id", std::string(kMaxCode + 1, 'j')}}),
       {{400, "jurisdiction_id: is longer than 64 characters"}}},
      {with({"lat"}, {{"lat", "90.0001"}}), {{400, "lat: is outside -90 .. 90"}}},
      {with({"lat"}, {{"lat", "-91"}}), {{400, "lat: is outside -90 .. 90"}}},
      {with({"long"}, {{"long", "-180.5"}}), {{400, "long: is outside -180 .. 180"}}},
      {with({"long"}, {{"long", "181"}}), {{400, "long: is outside -180 .. 180"}}},
      {with({"lat"}, {{"lat", "abc"}}), {{400, "lat: is not a decimal number"}}},
      {with({"lat"}, {{"lat", "2e1"}}), {{400, "lat: is not a decimal number"}}},
      {with({"lat"}, {{"lat", "+21"}}), {{400, "lat: is not a decimal number"}}},
      {with({"lat"}, {{"lat", "21."}}), {{400, "lat: is not a decimal number"}}},
      {with({"lat"}, {{"lat", ".5"}}), {{400, "lat: is not a decimal number"}}},
      {with({"lat"}, {{"lat", "nan"}}), {{400, "lat: is not a decimal number"}}},
      {with({"lat"}, {{"lat", "inf"}}), {{400, "lat: is not a decimal number"}}},
      {with({"lat"}, {{"lat", "21,03"}}), {{400, "lat: is not a decimal number"}}},
      {with({"lat"}, {{"lat", "1 2"}}), {{400, "lat: is not a decimal number"}}},
      {with({"lat"}, {{"lat", "0x10"}}), {{400, "lat: is not a decimal number"}}},
      {with({"lat"}, {{"lat", std::string(33, '1')}}), {{400, "lat: is longer than 32 characters"}}},
      {with({"lat"}, {{"lat", "21"}, {"lat", "22"}}), {{400, "lat: given more than once"}}},
      {with({"long"}, {{"address_string", "x"}}), {{400, "long: required when lat is given"}}},
      {with({"lat"}, {}), {{400, "lat: required when long is given"}}},
      {with({"lat", "long"}, {}), {{400, "location: required: lat and long, address_string or address_id"}}},
      {with({"lat", "long"}, {{"address_string", "\t"}}),
       {{400, "location: required: lat and long, address_string or address_id"}}},
      {with({}, {{"address_string", "a\nb"}}), {{400, "address_string: contains a control character"}}},
      {with({}, {{"address_id", std::string(kMaxId + 1, '9')}}), {{400, "address_id: is longer than 128 characters"}}},
      {with({}, {{"email", "a@b"}}), {{400, "email: is not an email address"}}},
      {with({}, {{"email", "@example.vn"}}), {{400, "email: is not an email address"}}},
      {with({}, {{"email", "a@@example.vn"}}), {{400, "email: is not an email address"}}},
      {with({}, {{"email", "a b@example.vn"}}), {{400, "email: is not an email address"}}},
      {with({}, {{"email", "a@example."}}), {{400, "email: is not an email address"}}},
      {with({}, {{"device_id", "\x7F"}}), {{400, "device_id: contains a control character"}}},
      {with({}, {{"account_id", "a"}, {"account_id", "b"}}), {{400, "account_id: given more than once"}}},
      {with({}, {{"first_name", std::string(kMaxName + 1, 'n')}}), {{400, "first_name: is longer than 100 characters"}}},
      {with({}, {{"last_name", "Nguy\xE1\xBB"}}), {{400, "last_name: is not valid UTF-8"}}},
      {with({}, {{"phone", "0912abc"}}), {{400, "phone: may hold only digits, spaces and + - ( ) ."}}},
      {with({}, {{"phone", std::string(kMaxPhone + 1, '1')}}), {{400, "phone: is longer than 32 characters"}}},
      {with({"description"}, {{"description", too_long_description}}),
       {{400, "description: is longer than 4000 characters"}}},
      {with({"description"}, {{"description", "a\x01"}}), {{400, "description: contains a control character"}}},
      {with({"description"}, {{"description", "\xC3\x28"}}), {{400, "description: is not valid UTF-8"}}},
      {with({}, {{"media_url", "ftp://example.vn/a.jpg"}}),
       {{400, "media_url: must be an http:// or https:// URL without spaces"}}},
      {with({}, {{"media_url", "javascript:alert(1)"}}),
       {{400, "media_url: must be an http:// or https:// URL without spaces"}}},
      {with({}, {{"media_url", "https://"}}), {{400, "media_url: must be an http:// or https:// URL without spaces"}}},
      {with({}, {{"media_url", "https://a.vn/x y.jpg"}}),
       {{400, "media_url: must be an http:// or https:// URL without spaces"}}},
      // Attributes.
      {with({"attribute[SIZE]"}, {}), {{400, "attribute[SIZE]: required"}}},
      {with({"attribute[SIZE]"}, {{"attribute[SIZE]", " "}}), {{400, "attribute[SIZE]: required"}}},
      {with({"attribute[SIZE]"}, {{"attribute[SIZE]", "X"}}), {{400, "attribute[SIZE]: is not one of the allowed values"}}},
      {with({"attribute[SIZE]"}, {{"attribute[SIZE]", "s"}}), {{400, "attribute[SIZE]: is not one of the allowed values"}}},
      {with({"attribute[SIZE]"}, {{"attribute[SIZE][]", "S"}}), {{400, "attribute[SIZE]: takes one value"}}},
      {with({}, {{"attribute[SIZE]", "L"}}), {{400, "attribute[SIZE]: takes one value"}}},
      {with({}, {{"attribute[KINDS][]", "A"}, {"attribute[KINDS][]", "Z"}}),
       {{400, "attribute[KINDS]: is not one of the allowed values"}}},
      {with({}, {{"attribute[DEPTH]", "sâu"}}), {{400, "attribute[DEPTH]: is not a decimal number"}}},
      {with({}, {{"attribute[DEPTH]", "1"}, {"attribute[DEPTH]", "2"}}), {{400, "attribute[DEPTH]: takes one value"}}},
      {with({}, {{"attribute[SEEN]", "hôm qua"}}),
       {{400, "attribute[SEEN]: is not a date-time (YYYY-MM-DDThh:mm:ss+hh:mm)"}}},
      {with({}, {{"attribute[NOTE]", std::string(kMaxAttributeText + 1, 'x')}}),
       {{400, "attribute[NOTE]: is longer than 4000 characters"}}},
      {with({}, {{"attribute[PLATE]", "29A\n123"}}), {{400, "attribute[PLATE]: contains a control character"}}},
      {with({}, {{"attribute[PLATE]", std::string(kMaxAttributeString + 1, 'x')}}),
       {{400, "attribute[PLATE]: is longer than 500 characters"}}},
      {with({}, {{"attribute[", "x"}}), {{400, "attribute: a parameter name is not attribute[code] or attribute[code][]"}}},
      {with({}, {{"attribute[]", "x"}}), {{400, "attribute: a parameter name is not attribute[code] or attribute[code][]"}}},
      {with({}, {{"attribute[SIZE]x", "S"}}),
       {{400, "attribute: a parameter name is not attribute[code] or attribute[code][]"}}},
      {with({}, {{"attribute[a[b]]", "x"}}),
       {{400, "attribute: a parameter name is not attribute[code] or attribute[code][]"}}},
      {with({}, {{"attribute[SIZE][][]", "S"}}),
       {{400, "attribute: a parameter name is not attribute[code] or attribute[code][]"}}},
      // Several at once, in the documented order.
      {Pairs{{"api_key", "k"},
             {"attribute[SIZE]", "Q"},
             {"media_url", "file:///etc/passwd"},
             {"email", "x"},
             {"lat", "100"},
             {"service_code", "POT"},
             {"attribute[x", "1"},
             {"attribute[DEPTH]", "-"}},
       {{400, "lat: is outside -90 .. 90"},
        {400, "long: required when lat is given"},
        {400, "email: is not an email address"},
        {400, "media_url: must be an http:// or https:// URL without spaces"},
        {400, "attribute: a parameter name is not attribute[code] or attribute[code][]"},
        {400, "attribute[SIZE]: is not one of the allowed values"},
        {400, "attribute[DEPTH]: is not a decimal number"}}},
      {Pairs{{"api_key", "k"}}, {{400, "service_code: required"},
                                 {400, "location: required: lat and long, address_string or address_id"}}},
  };
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    auto got = parse_new_request(form_of(cases[i].pairs), lookup);
    EXPECT_FALSE(got.ok()) << "case " << i;
    ASSERT_EQ(got.errors.size(), cases[i].want.size()) << "case " << i << ": "
                                                       << (got.errors.empty() ? "" : got.errors.front().description);
    for (std::size_t k = 0; k < got.errors.size(); ++k) {
      EXPECT_EQ(got.errors[k].code, cases[i].want[k].code) << "case " << i << " error " << k;
      EXPECT_EQ(got.errors[k].description, cases[i].want[k].description) << "case " << i << " error " << k;
    }
  }
}

// ---- GET requests: the filters ----

TEST(Open311Query, Valid) {
  struct Case {
    Pairs pairs;
    RequestQuery want;
  };
  const Case cases[] = {
      {{}, {}},
      {{{"page_size", "5"}, {"status", ""}, {"service_code", " , "}}, {}},
      {{{"service_request_id", "2026-1, 2026-2,,2026-1"}, {"service_request_id", "2026-3"}},
       {{"2026-1", "2026-2", "2026-3"}, {}, {}, {}, {}, ""}},
      // The ids override the rest: other filters are not read, even invalid ones.
      {{{"service_request_id", "7"}, {"status", "bogus"}, {"start_date", "x"}, {"jurisdiction_id", "hn"}},
       {{"7"}, {}, {}, {}, {}, "hn"}},
      {{{"service_code", "POT,LIGHT"}, {"service_code", "POT"}}, {{}, {"POT", "LIGHT"}, {}, {}, {}, ""}},
      {{{"status", "Closed,open"}, {"status", "open"}}, {{}, {}, {}, {}, {Status::closed, Status::open}, ""}},
      {{{"start_date", "2026-11-01T00:00:00+07:00"}, {"end_date", "2026-11-26T09:15:00 07:00"}},
       {{}, {}, DateTime{1793466000, 420}, DateTime{1795659300, 420}, {}, ""}},
      {{{"start_date", "2026-08-28T00:00:00+07:00"}, {"end_date", "2026-11-26T00:00:00+07:00"}},  // 90 days exactly
       {{}, {}, at("2026-08-28T00:00:00+07:00"), at("2026-11-26T00:00:00+07:00"), {}, ""}},
  };
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    auto got = parse_request_query(form_of(cases[i].pairs));
    ASSERT_TRUE(got.ok()) << "case " << i << ": " << (got.errors.empty() ? "" : got.errors.front().description);
    EXPECT_EQ(*got.value, cases[i].want) << "case " << i;
  }
}

TEST(Open311Query, ErrorTable) {
  struct Case {
    Pairs pairs;
    std::vector<Error> want;
  };
  const std::string many_ids = [] {
    std::string s;
    for (std::size_t i = 0; i <= kMaxListItems; ++i) s += std::to_string(i) + ",";
    return s;
  }();
  const Case cases[] = {
      {{{"service_request_id", "1,\x01"}}, {{400, "service_request_id: an item contains a control character"}}},
      {{{"service_request_id", std::string(kMaxId + 1, '1')}},
       {{400, "service_request_id: an item is longer than 128 characters"}}},
      {{{"service_request_id", many_ids}}, {{400, "service_request_id: more than 1000 items"}}},
      {{{"service_request_id", "1"}, {"jurisdiction_id", "a"}, {"jurisdiction_id", "b"}},
       {{400, "jurisdiction_id: given more than once"}}},
      {{{"service_code", "POT,\xC3"}}, {{400, "service_code: an item is not valid UTF-8"}}},
      {{{"start_date", "yesterday"}}, {{400, "start_date: is not a date-time (YYYY-MM-DDThh:mm:ss+hh:mm)"}}},
      {{{"end_date", "2026-02-30"}}, {{400, "end_date: is not a date-time (YYYY-MM-DDThh:mm:ss+hh:mm)"}}},
      {{{"start_date", "2026-11-01"}, {"start_date", "2026-11-02"}}, {{400, "start_date: given more than once"}}},
      {{{"start_date", "2026-11-26T09:15:01+07:00"}, {"end_date", "2026-11-26T02:15:00Z"}},
       {{400, "end_date: is before start_date"}}},
      {{{"start_date", "2026-08-28T00:00:00+07:00"}, {"end_date", "2026-11-26T00:00:01+07:00"}},
       {{400, "end_date: the range may not span more than 90 days"}}},
      {{{"status", "open,pending"}}, {{400, "status: items must be open or closed"}}},
      {{{"service_code", "\x7F"}, {"start_date", "x"}, {"status", "new"}},
       {{400, "service_code: an item contains a control character"},
        {400, "start_date: is not a date-time (YYYY-MM-DDThh:mm:ss+hh:mm)"},
        {400, "status: items must be open or closed"}}},
  };
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    auto got = parse_request_query(form_of(cases[i].pairs));
    EXPECT_FALSE(got.ok()) << "case " << i;
    EXPECT_EQ(got.errors, cases[i].want) << "case " << i << ": "
                                         << (got.errors.empty() ? "" : got.errors.front().description);
  }
}

TEST(Open311Query, Window) {
  const DateTime now = at("2026-11-26T09:15:00+07:00");
  const std::int64_t days90 = kDefaultWindowSeconds;
  RequestQuery q;
  EXPECT_EQ(request_window(q, now), (Window{{now.epoch_seconds - days90, 420}, now}));
  q.start_date = at("2026-11-01T00:00:00Z");
  EXPECT_EQ(request_window(q, now), (Window{*q.start_date, {q.start_date->epoch_seconds + days90, 0}}));
  q.end_date = at("2026-11-02T00:00:00Z");
  EXPECT_EQ(request_window(q, now), (Window{*q.start_date, *q.end_date}));
  q.start_date.reset();
  EXPECT_EQ(request_window(q, now), (Window{{q.end_date->epoch_seconds - days90, 0}, *q.end_date}));
}

TEST(Open311Query, Updates) {
  auto ok = parse_update_query(form_of({{"start_date", "2026-01-01"}, {"end_date", "2026-12-31T23:59:59+07:00"},
                                        {"jurisdiction_id", "hn"}}));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok.value, (UpdateQuery{at("2026-01-01"), at("2026-12-31T23:59:59+07:00"), "hn"}));  // no 90-day cap
  auto bad = parse_update_query(form_of({{"end_date", "2026-01-01"}, {"start_date", "2026-01-02"}}));
  EXPECT_EQ(bad.errors, (std::vector<Error>{{400, "end_date: is before start_date"}}));
}

TEST(Open311Enums, NamesRoundTrip) {
  for (auto s : {UpdateStatus::open, UpdateStatus::closed, UpdateStatus::fixed, UpdateStatus::in_progress,
                 UpdateStatus::action_scheduled, UpdateStatus::investigating, UpdateStatus::duplicate,
                 UpdateStatus::not_councils_responsibility, UpdateStatus::no_further_action,
                 UpdateStatus::internal_referral})
    EXPECT_EQ(parse_update_status(update_status_name(s)), s);
  EXPECT_EQ(parse_update_status("ACTION_SCHEDULED"), UpdateStatus::action_scheduled);  // FixMyStreet posts upper case
  EXPECT_EQ(parse_update_status("reopened"), std::nullopt);
  for (auto d : {Datatype::string, Datatype::number, Datatype::datetime, Datatype::text, Datatype::singlevaluelist,
                 Datatype::multivaluelist})
    EXPECT_EQ(parse_datatype(datatype_name(d)), d);
  EXPECT_EQ(parse_datatype("String"), std::nullopt);
  EXPECT_EQ(parse_service_type("blackbox"), ServiceType::blackbox);
  EXPECT_EQ(parse_status("Open"), std::nullopt);
}

}  // namespace
}  // namespace tinhso::open311
