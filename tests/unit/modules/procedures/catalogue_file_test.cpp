// The catalogue file formats (src/modules/procedures/catalogue_file.h): CSV and JSON parsing with
// per-row problems, all-or-nothing results, and export → import round trips.
#include <gtest/gtest.h>

#include "modules/procedures/catalogue_file.h"

namespace tinhso::procedures {
namespace {

constexpr const char* kHeader =
    "code,name,name_en,field,level,agency_code,desk_agency_code,time_limit_working_days,fee_vnd,fee_note,"
    "legal_basis,fully_online,active,documents,steps\n";

std::vector<std::string> ids(const CatalogueFile& f) {
  std::vector<std::string> out;
  for (const auto& p : f.problems) out.push_back(std::to_string(p.row) + " " + p.code + " " + p.message_id);
  return out;
}

TEST(ProceduresImport, CsvRecord) {
  std::string csv = std::string("\xEF\xBB\xBF") + kHeader +
                    "HT-KS,Đăng ký khai sinh,Birth registration,Hộ tịch,commune,UBND-P-VIET-TRI,UBND-P-VIET-TRI,0,0,"
                    "\"Miễn lệ phí, đúng hạn\",Luật Hộ tịch Điều 16,true,true,"
                    "\"Tờ khai | 1 | https://x.vn/m.doc\nGiấy chứng sinh | 1\nGiấy kết hôn | 0\",\"Tiếp nhận | 40\nGhi sổ | 60\"\n";
  CatalogueFile f = parse_catalogue(csv);
  ASSERT_TRUE(f.problems.empty()) << ids(f).front();
  ASSERT_EQ(f.records.size(), 1u);
  EXPECT_EQ(f.format, FileFormat::csv);
  EXPECT_EQ(f.rows, std::vector<std::size_t>{2});
  const Record& r = f.records[0];
  EXPECT_EQ(r.procedure.code, "HT-KS");
  EXPECT_EQ(r.procedure.level, Level::commune);
  EXPECT_EQ(r.agency_code, "UBND-P-VIET-TRI");
  EXPECT_EQ(r.procedure.fee_note, "Miễn lệ phí, đúng hạn");
  EXPECT_TRUE(r.procedure.fully_online);
  ASSERT_EQ(r.procedure.documents.size(), 3u);
  EXPECT_FALSE(r.procedure.documents[2].mandatory);
  EXPECT_EQ(r.procedure.documents[0].template_url, "https://x.vn/m.doc");
  ASSERT_EQ(r.procedure.steps.size(), 2u);
  EXPECT_EQ(r.procedure.steps[1].share_percent, 60);
}

TEST(ProceduresImport, CsvOptionalColumnsInAnyOrder) {
  CatalogueFile f = parse_catalogue(
      "documents,time_limit_working_days,desk_agency_code,agency_code,level,field,name,code,extra\n"
      "Đơn | 1,5,TTHCC,SO-TTTT,province,Xuất bản,Cấp phép,XB-1,ignored\n");
  ASSERT_TRUE(f.problems.empty()) << ids(f).front();
  const Procedure& p = f.records[0].procedure;
  EXPECT_EQ(p.time_limit_working_days, 5);
  EXPECT_EQ(p.fee_vnd, 0);
  EXPECT_TRUE(p.active);
  EXPECT_FALSE(p.fully_online);
  EXPECT_TRUE(p.steps.empty());
}

TEST(ProceduresImport, CsvProblemsByLineAndNothingKept) {
  std::string csv = std::string(kHeader) +
                    "OK-1,Tốt,,Hộ tịch,commune,A,A,1,0,,,false,true,Đơn | 1,\n"
                    "BAD 2,Sai mã,,Hộ tịch,commune,A,A,1,0,,,false,true,Đơn | 1,\n"
                    "OK-3,,,Hộ tịch,district,A,A,400,-5,,,maybe,true,,\"A | 50\nB | 40\"\n"
                    "OK-1,Trùng,,Hộ tịch,commune,A,A,1,0,,,false,true,Đơn | 1,\n";
  CatalogueFile f = parse_catalogue(csv);
  EXPECT_TRUE(f.records.empty());
  EXPECT_EQ(ids(f), (std::vector<std::string>{
                        "3 BAD 2 procedures.error.code",
                        "4 OK-3 procedures.error.level",
                        "4 OK-3 procedures.error.time_limit",
                        "4 OK-3 procedures.error.fee",
                        "4 OK-3 procedures.error.online",
                        "4 OK-3 procedures.error.name",
                        "4 OK-3 procedures.error.documents_none",
                        "4 OK-3 procedures.error.steps_sum",
                        "6 OK-1 procedures.import.duplicate",
                    }));
}

TEST(ProceduresImport, FileProblems) {
  struct { const char* text; const char* want; } cases[] = {
      {"", "0  procedures.import.empty"},
      {"code,name\nX,Y\n", "1  procedures.import.csv_header"},
      {kHeader, "0  procedures.import.empty"},
      {"code,\"name\n", "1  csv.unterminated_quote"},
      {"{\"procedures\": [", "0  procedures.import.json_syntax"},
      {"{\"items\": []}", "0  procedures.import.json_shape"},
      {"{\"procedures\": 3}", "0  procedures.import.json_shape"},
      {"[]", "0  procedures.import.empty"},
      {"[[[[[[[[[[1]]]]]]]]]]", "0  procedures.import.json_syntax"},
      {"[1]", "1  procedures.import.json_item"},
      {"[\"\xff\"]", "0  procedures.import.json_syntax"},
  };
  for (auto c : cases) {
    CatalogueFile f = parse_catalogue(c.text);
    ASSERT_FALSE(f.problems.empty()) << c.text;
    EXPECT_EQ(ids(f).front(), c.want) << c.text;
    EXPECT_TRUE(f.records.empty());
  }
}

TEST(ProceduresImport, JsonRecordsAndTypes) {
  CatalogueFile f = parse_catalogue(R"({"procedures": [
    {"code": "XB-1", "name": " Cấp phép ", "field": "Xuất bản", "level": "province", "agency_code": "SO-TTTT",
     "desk_agency_code": "TTHCC", "time_limit_working_days": 10, "fee_vnd": 0, "fully_online": true,
     "confidence": "M", "sources": ["x"],
     "documents": [{"name": "Đơn", "template_url": "/mau.pdf"}, {"name": "Bản thảo", "mandatory": false}],
     "steps": [{"name": "Thẩm định", "share_percent": 100}]}
  ]})");
  ASSERT_TRUE(f.problems.empty()) << ids(f).front();
  EXPECT_EQ(f.format, FileFormat::json);
  const Procedure& p = f.records[0].procedure;
  EXPECT_EQ(p.name, "Cấp phép");  // trimmed
  EXPECT_TRUE(p.documents[0].mandatory);
  EXPECT_EQ(p.documents[0].template_url, "/mau.pdf");
  EXPECT_FALSE(p.documents[1].mandatory);

  CatalogueFile bad = parse_catalogue(R"([
    {"code": "A", "name": 5, "field": "F", "level": "province", "agency_code": "X", "desk_agency_code": "X",
     "time_limit_working_days": 2.5, "fee_vnd": 18446744073709551615, "fully_online": "yes",
     "documents": "Đơn | 1", "steps": [{"name": "S", "share_percent": "100"}]},
    {"code": "B", "name": "N", "field": "F", "level": "province", "agency_code": "",
     "desk_agency_code": "X", "time_limit_working_days": 1, "documents": [{"name": "Đ"}]}
  ])");
  EXPECT_EQ(ids(bad), (std::vector<std::string>{
                          "1 A procedures.import.json_type",
                          "1 A procedures.error.time_limit",
                          "1 A procedures.error.fee",
                          "1 A procedures.error.step_share",
                          "1 A procedures.error.name",
                          "1 A procedures.error.documents_none",
                          "1 A procedures.error.steps_sum",
                          "2 B procedures.error.agency",
                      }));
}

// Issue 12 finding 13: a time limit has its unit; left out or empty it is working days.
TEST(ProceduresImport, TimeLimitUnit) {
  std::string head = "code,name,field,level,agency_code,desk_agency_code,time_limit_working_days,time_limit_unit,documents\n";
  CatalogueFile f = parse_catalogue(head + "A,Tên,F,province,X,Y,10,days,Đơn | 1\nB,Tên,F,province,X,Y,10,,Đơn | 1\n"
                                           "C,Tên,F,province,X,Y,10,working_days,Đơn | 1\n");
  ASSERT_TRUE(f.problems.empty()) << ids(f).front();
  EXPECT_EQ(f.records[0].procedure.time_limit_unit, calendar::Unit::days);
  EXPECT_EQ(f.records[1].procedure.time_limit_unit, calendar::Unit::working_days);
  EXPECT_EQ(f.records[2].procedure.time_limit_unit, calendar::Unit::working_days);
  EXPECT_EQ(parse_catalogue(std::string(kHeader) + "D,Tên,,F,province,X,Y,3,0,,,false,true,Đơn | 1,\n")
                .records.at(0).procedure.time_limit_unit,
            calendar::Unit::working_days)
      << "a file without the column";
  EXPECT_EQ(ids(parse_catalogue(head + "E,Tên,F,province,X,Y,10,weeks,Đơn | 1\n")),
            std::vector<std::string>{"2 E procedures.error.time_limit_unit"});
  CatalogueFile j = parse_catalogue(R"([{"code": "J", "name": "Tên", "field": "F", "level": "province", "agency_code": "X",
      "desk_agency_code": "Y", "time_limit_working_days": 15, "time_limit_unit": "days", "documents": [{"name": "Đơn"}]},
      {"code": "K", "name": "Tên", "field": "F", "level": "province", "agency_code": "X",
      "desk_agency_code": "Y", "time_limit_working_days": 15, "time_limit_unit": 3, "documents": [{"name": "Đơn"}]}])");
  EXPECT_EQ(ids(j), std::vector<std::string>{"2 K procedures.import.json_type"});
}

TEST(ProceduresImport, ExportRoundTrips) {
  Record r;
  r.procedure.code = "1.003868";
  r.procedure.name = "=Tên bắt đầu bằng dấu bằng";
  r.procedure.name_en = "'quoted";
  r.procedure.field = "Xuất bản, in và phát hành";
  r.procedure.time_limit_working_days = 10;
  r.procedure.fee_vnd = 27000;
  r.procedure.fee_note = "Dòng một\nDòng hai, có \"ngoặc\"";
  r.procedure.legal_basis = "-Nghị định 138/2025/NĐ-CP";
  r.procedure.fully_online = true;
  r.procedure.active = false;
  r.procedure.conditions = "Hai bên có mặt\nXuất trình giấy tờ tùy thân";
  r.procedure.receipt_place = "Bộ phận một cửa, số 1 đường Trần Phú";
  r.procedure.office_hours = "Thứ Hai đến thứ Sáu";
  r.procedure.documents = {{0, 1, "Đơn đề nghị", true, "https://dichvucong.gov.vn/a?b=1&c=2"}, {0, 2, "+Bản thảo", false, ""}};
  r.procedure.steps = {{0, 1, "Tiếp nhận", 10}, {0, 2, "Thẩm định", 90}};
  r.agency_code = "SO-TTTT";
  r.desk_agency_code = "TTHCC";
  Record commune = r;
  commune.procedure.code = "HT-KS";
  commune.procedure.level = Level::commune;
  commune.procedure.steps.clear();
  commune.procedure.time_limit_unit = calendar::Unit::days;  // "10 ngày": calendar days
  commune.procedure.fee_kind = FeeKind::regulated;
  commune.procedure.fee_vnd = 0;
  commune.procedure.fully_online = false;
  commune.procedure.online_submission = false;
  std::vector<Record> records{r, commune};
  for (bool json : {false, true}) {
    CatalogueFile back = parse_catalogue(json ? catalogue_json(records) : catalogue_csv(records));
    ASSERT_TRUE(back.problems.empty()) << (json ? "json: " : "csv: ") << ids(back).front();
    EXPECT_EQ(back.records, records) << (json ? "json" : "csv");
  }
  EXPECT_NE(catalogue_csv(records).find("\"'=Tên"), std::string::npos) << "a formula is neutralised for spreadsheets";
}

}  // namespace
}  // namespace tinhso::procedures
