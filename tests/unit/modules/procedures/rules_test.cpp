// The catalogue's rules (src/modules/procedures/procedure.h): what a publishable procedure needs
// (Decree 63/2010/NĐ-CP Art. 8), the code and template-link forms, and the one-line-per-item
// text form of documents and steps.
#include <gtest/gtest.h>

#include "modules/procedures/procedure.h"

namespace tinhso::procedures {
namespace {

Procedure valid() {
  Procedure p;
  p.code = "HT-KS";
  p.name = "Đăng ký khai sinh";
  p.field = "Hộ tịch";
  p.level = Level::commune;
  p.agency_id = 1;
  p.desk_agency_id = 1;
  p.documents = {{0, 1, "Tờ khai đăng ký khai sinh", true, ""}};
  p.steps = {{0, 1, "Tiếp nhận", 30}, {0, 2, "Giải quyết", 70}};
  return p;
}

std::vector<std::string> ids(const std::vector<Problem>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.message_id);
  return out;
}

TEST(ProceduresRules, Codes) {
  struct { const char* code; bool ok; } cases[] = {
      {"1.001612", true},  {"HT-KS", true},      {"xb_tl.2", true},   {"A", true},
      {"", false},         {"-HT", false},       {".1", false},       {"HT KS", false},
      {"HT/KS", false},    {"Đ-1", false},       {"new", false},      {"import", false},
      {"export.csv", false}, {"export.json", false}, {"New", true},
      {"A234567890123456789012345678901234567890", true}, {"A2345678901234567890123456789012345678901", false},
  };
  for (auto c : cases) EXPECT_EQ(valid_code(c.code), c.ok) << c.code;
}

TEST(ProceduresRules, TemplateLinks) {
  struct { const char* url; bool ok; } cases[] = {
      {"", true}, {"https://dichvucong.gov.vn/mau.docx", true}, {"http://example.vn/a", true}, {"/static/mau.pdf", true},
      {"HTTPS://X.VN", true}, {"javascript:alert(1)", false}, {"//evil.example/x", false}, {"https://", false},
      {"https:///x", false}, {"ftp://x.vn/a", false}, {"mau.pdf", false}, {"https://x.vn/a b", false},
      {"https://x.vn/\"x", false}, {"https://x.vn/a|b", false}, {"/a\\b", false},
  };
  for (auto c : cases) EXPECT_EQ(valid_template_url(c.url), c.ok) << c.url;
}

TEST(ProceduresRules, CheckProcedure) {
  struct Case {
    const char* label;
    void (*change)(Procedure&);
    bool agency, desk;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"valid", [](Procedure&) {}, true, true, {}},
      {"no steps is fine", [](Procedure& p) { p.steps.clear(); }, true, true, {}},
      {"same day", [](Procedure& p) { p.time_limit_working_days = 0; }, true, true, {}},
      {"365 days", [](Procedure& p) { p.time_limit_working_days = 365; }, true, true, {}},
      {"bad code", [](Procedure& p) { p.code = "HT KS"; }, true, true, {"procedures.error.code"}},
      {"no name", [](Procedure& p) { p.name.clear(); }, true, true, {"procedures.error.name"}},
      {"name on two lines", [](Procedure& p) { p.name = "a\nb"; }, true, true, {"procedures.error.name"}},
      {"long name", [](Procedure& p) { p.name = std::string(501, 'a'); }, true, true, {"procedures.error.name"}},
      {"long English name", [](Procedure& p) { p.name_en = std::string(501, 'a'); }, true, true, {"procedures.error.name_en"}},
      {"no field", [](Procedure& p) { p.field.clear(); }, true, true, {"procedures.error.field"}},
      {"unknown agency", [](Procedure&) {}, false, true, {"procedures.error.agency"}},
      {"unknown desk", [](Procedure&) {}, true, false, {"procedures.error.desk_agency"}},
      {"negative limit", [](Procedure& p) { p.time_limit_working_days = -1; }, true, true, {"procedures.error.time_limit"}},
      {"366 days", [](Procedure& p) { p.time_limit_working_days = 366; }, true, true, {"procedures.error.time_limit"}},
      {"negative fee", [](Procedure& p) { p.fee_vnd = -1; }, true, true, {"procedures.error.fee"}},
      {"huge fee", [](Procedure& p) { p.fee_vnd = kMaxFee + 1; }, true, true, {"procedures.error.fee"}},
      {"note with a line break", [](Procedure& p) { p.fee_note = "a\nb"; }, true, true, {}},
      {"note with CR", [](Procedure& p) { p.fee_note = "a\rb"; }, true, true, {"procedures.error.fee_note"}},
      {"regulated fee", [](Procedure& p) { p.fee_kind = FeeKind::regulated; p.fee_vnd = 0; }, true, true, {}},
      {"regulated fee with an amount", [](Procedure& p) { p.fee_kind = FeeKind::regulated; p.fee_vnd = 5000; }, true, true,
       {"procedures.error.fee_regulated"}},
      {"conditions on lines", [](Procedure& p) { p.conditions = "a\nb"; }, true, true, {}},
      {"long conditions", [](Procedure& p) { p.conditions = std::string(2001, 'a'); }, true, true, {"procedures.error.conditions"}},
      {"place with CR", [](Procedure& p) { p.receipt_place = "a\rb"; }, true, true, {"procedures.error.receipt_place"}},
      {"long hours", [](Procedure& p) { p.office_hours = std::string(1001, 'a'); }, true, true, {"procedures.error.office_hours"}},
      {"fully online at the desk only", [](Procedure& p) { p.fully_online = true; p.online_submission = false; }, true, true,
       {"procedures.error.online_submission"}},
      {"at the desk only", [](Procedure& p) { p.fully_online = false; p.online_submission = false; }, true, true, {}},
      {"long legal basis", [](Procedure& p) { p.legal_basis = std::string(2001, 'a'); }, true, true, {"procedures.error.legal_basis"}},
      {"no documents", [](Procedure& p) { p.documents.clear(); }, true, true, {"procedures.error.documents_none"}},
      {"unnamed document", [](Procedure& p) { p.documents[0].name.clear(); }, true, true, {"procedures.error.document_name"}},
      {"document with |", [](Procedure& p) { p.documents[0].name = "a | b"; }, true, true, {"procedures.error.document_name"}},
      {"bad template", [](Procedure& p) { p.documents[0].template_url = "javascript:x"; }, true, true, {"procedures.error.document_template"}},
      {"41 documents", [](Procedure& p) { p.documents.resize(41, p.documents[0]); }, true, true, {"procedures.error.documents_many"}},
      {"shares 30+60", [](Procedure& p) { p.steps[1].share_percent = 60; }, true, true, {"procedures.error.steps_sum"}},
      {"shares 30+80", [](Procedure& p) { p.steps[1].share_percent = 80; }, true, true, {"procedures.error.steps_sum"}},
      {"zero share", [](Procedure& p) { p.steps = {{0, 1, "a", 0}, {0, 2, "b", 100}}; }, true, true, {"procedures.error.step_share"}},
      {"share over 100", [](Procedure& p) { p.steps = {{0, 1, "a", 101}}; }, true, true, {"procedures.error.step_share"}},
      {"unnamed step", [](Procedure& p) { p.steps[0].name.clear(); }, true, true, {"procedures.error.step_name"}},
      {"21 steps", [](Procedure& p) { p.steps = std::vector<Step>(21, Step{0, 1, "a", 5}); }, true, true, {"procedures.error.steps_many", "procedures.error.steps_sum"}},
      {"several at once", [](Procedure& p) { p.name.clear(); p.documents.clear(); p.fee_vnd = -5; }, false, true,
       {"procedures.error.name", "procedures.error.agency", "procedures.error.fee", "procedures.error.documents_none"}},
  };
  for (const auto& c : cases) {
    Procedure p = valid();
    c.change(p);
    EXPECT_EQ(ids(check_procedure(p, c.agency, c.desk)), c.want) << c.label;
  }
}

TEST(ProceduresRules, DocumentLines) {
  std::vector<Problem> problems;
  auto docs = parse_documents("Tờ khai | 1 | https://x.vn/m.doc\r\n\n  Giấy chứng sinh  \nBản sao | 0\nẢnh | không |\n", problems);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(docs.size(), 4u);
  EXPECT_EQ(docs[0], (RequiredDocument{0, 1, "Tờ khai", true, "https://x.vn/m.doc"}));
  EXPECT_EQ(docs[1], (RequiredDocument{0, 2, "Giấy chứng sinh", true, ""}));  // mandatory by default
  EXPECT_EQ(docs[2], (RequiredDocument{0, 3, "Bản sao", false, ""}));
  EXPECT_EQ(docs[3], (RequiredDocument{0, 4, "Ảnh", false, ""}));
  std::vector<Problem> again;
  EXPECT_EQ(parse_documents(format_documents(docs), again), docs);
  EXPECT_TRUE(again.empty());

  struct { const char* text; const char* want; } bad[] = {
      {" | 1", "procedures.error.document_name"},
      {"Tờ khai | có lẽ", "procedures.error.document_mandatory"},
  };
  for (auto b : bad) {
    std::vector<Problem> ps;
    parse_documents(b.text, ps);
    EXPECT_EQ(ids(ps), std::vector<std::string>{b.want}) << b.text;
  }
}

TEST(ProceduresRules, StepLines) {
  std::vector<Problem> problems;
  auto steps = parse_steps("Tiếp nhận | 20\nThẩm định|50\n\nKý | 30\n", problems);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[1], (Step{0, 2, "Thẩm định", 50}));
  std::vector<Problem> again;
  EXPECT_EQ(parse_steps(format_steps(steps), again), steps);

  for (const char* text : {"Tiếp nhận", "Tiếp nhận | hai mươi", "Tiếp nhận | 20.5", "Tiếp nhận | 101", "Tiếp nhận | -1"}) {
    std::vector<Problem> ps;
    parse_steps(text, ps);
    EXPECT_EQ(ids(ps), std::vector<std::string>{"procedures.error.step_share"}) << text;
  }
}

TEST(ProceduresRules, Numbers) {
  EXPECT_EQ(parse_integer("0", 0, 365), 0);
  EXPECT_EQ(parse_integer(" 365 ", 0, 365), 365);
  EXPECT_EQ(parse_integer("366", 0, 365), std::nullopt);
  EXPECT_EQ(parse_integer("-1", 0, 365), std::nullopt);
  EXPECT_EQ(parse_integer("+1", 0, 365), std::nullopt);
  EXPECT_EQ(parse_integer("1e3", 0, 5000), std::nullopt);
  EXPECT_EQ(parse_integer("", 0, 5), std::nullopt);
  EXPECT_EQ(parse_integer("99999999999999999999", 0, kMaxFee), std::nullopt);
  EXPECT_EQ(parse_flag("TRUE", std::nullopt), true);
  EXPECT_EQ(parse_flag("Có", std::nullopt), true);
  EXPECT_EQ(parse_flag("không", std::nullopt), false);
  EXPECT_EQ(parse_flag("", true), true);
  EXPECT_EQ(parse_flag("maybe", true), std::nullopt);
}

}  // namespace
}  // namespace tinhso::procedures
