// Form templates of a procedure on both dialects (src/modules/procedures/usecases.h upload_form,
// remove_form; store.h): a checked file is stored by document position with one audit record, a
// refused one writes nothing and names its field, a second upload replaces the first, positions a
// procedure no longer has lose their template, and the citizen information round-trips.
#include <gtest/gtest.h>

#include "core/document/files.h"
#include "modules/procedures/store.h"
#include "modules/procedures/usecases.h"
#include "temp_db.h"

namespace tinhso::procedures {
namespace {

class ProceduresForms : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    TINHSO_SKIP_UNLESS_AVAILABLE(GetParam());
    db = std::make_unique<testing::TempDb>(GetParam());
    db->exec(
        "INSERT INTO admin_units (code, name, level, valid_from) VALUES ('25', 'Tỉnh Phú Thọ', 'province', '2025-07-01');"
        "INSERT INTO agencies (code, name, kind, admin_unit_id)"
        " SELECT 'TTHCC', 'Trung tâm', 'one_stop_centre', id FROM admin_units WHERE code = '25';");
    long long agency = 0;
    db->db().with_session([&](soci::session& s) { s << "SELECT id FROM agencies WHERE code = 'TTHCC'", soci::into(agency); });
    Procedure p;
    p.code = "HT-KS";
    p.name = "Đăng ký khai sinh";
    p.field = "Hộ tịch";
    p.agency_id = p.desk_agency_id = agency;
    p.fee_kind = FeeKind::regulated;
    p.conditions = "Người đi đăng ký xuất trình giấy tờ tùy thân.";
    p.receipt_place = "Bộ phận một cửa";
    p.office_hours = "Thứ Hai đến thứ Sáu";
    p.online_submission = false;
    p.documents = {{0, 1, "Tờ khai (theo mẫu)", true, ""}, {0, 2, "Giấy chứng sinh", true, ""}};
    db->db().with_session([&](soci::session& s) { insert_procedure(s, p, "2026-01-01T00:00:00Z", "test"); });
  }

  Actor who() {
    return Actor{"admin@example.vn", "2026-12-05T01:00:00Z",
                 [this](soci::session&, const audit::Change& c) { changes.push_back(c.action + " " + c.after); }};
  }
  Outcome upload(int position, std::string name, std::string bytes) {
    FormUpload u{position, std::move(name), bytes.size(), std::move(bytes)};
    return db->db().transaction([&](soci::session& s) { return upload_form(s, "HT-KS", u, who()); });
  }
  std::vector<FormInfo> forms() {
    return db->db().with_session([](soci::session& s) { return list_forms(s, load_by_code(s, "HT-KS")->record.procedure.id); });
  }

  std::unique_ptr<testing::TempDb> db;
  std::vector<std::string> changes;
};

const std::string kPdf = "%PDF-1.5\nto khai";

TEST_P(ProceduresForms, CitizenInformationRoundTrips) {
  auto d = db->db().with_session([](soci::session& s) { return load_by_code(s, "HT-KS"); });
  ASSERT_TRUE(d);
  const Procedure& p = d->record.procedure;
  EXPECT_EQ(p.fee_kind, FeeKind::regulated);
  EXPECT_EQ(p.conditions, "Người đi đăng ký xuất trình giấy tờ tùy thân.");
  EXPECT_EQ(p.receipt_place, "Bộ phận một cửa");
  EXPECT_EQ(p.office_hours, "Thứ Hai đến thứ Sáu");
  EXPECT_FALSE(p.online_submission);
}

TEST_P(ProceduresForms, StoresReplacesAndRemovesByPosition) {
  ASSERT_EQ(upload(1, "to-khai.pdf", kPdf).status, Status::done);
  auto listed = forms();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].position, 1);
  EXPECT_EQ(listed[0].file_name, "to-khai.pdf");
  EXPECT_EQ(listed[0].content_type, "application/pdf");
  EXPECT_EQ(listed[0].size, kPdf.size());
  EXPECT_EQ(listed[0].uploaded_by, "admin@example.vn");
  auto file = db->db().with_session([](soci::session& s) { return load_form(s, load_by_code(s, "HT-KS")->record.procedure.id, 1); });
  ASSERT_TRUE(file);
  EXPECT_EQ(document::from_base64(file->content_base64), kPdf);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_NE(changes[0].find("procedure.form_upload document 1 Tờ khai (theo mẫu): to-khai.pdf"), std::string::npos) << changes[0];

  ASSERT_EQ(upload(1, "to-khai-moi.pdf", kPdf + " v2").status, Status::done);
  listed = forms();
  ASSERT_EQ(listed.size(), 1u) << "a second upload replaces the first";
  EXPECT_EQ(listed[0].file_name, "to-khai-moi.pdf");

  Outcome gone = db->db().transaction([&](soci::session& s) { return remove_form(s, "HT-KS", 1, who()); });
  EXPECT_EQ(gone.status, Status::done);
  EXPECT_TRUE(forms().empty());
  EXPECT_EQ(changes.size(), 3u);
  EXPECT_EQ(db->db().transaction([&](soci::session& s) { return remove_form(s, "HT-KS", 1, who()); }).status,
            Status::not_found);
}

TEST_P(ProceduresForms, RefusesWithTheFieldAndWritesNothing) {
  struct Case {
    int position;
    const char* name;
    std::string bytes;
    Status status;
    std::vector<Problem> problems;
  };
  const Case cases[] = {
      {1, "to-khai.png", "\x89PNG\r\n\x1a\n", Status::invalid, {{"form-1", "procedures.error.form_type"}}},
      {2, "to-khai.pdf", "", Status::invalid, {{"form-2", "procedures.error.form_missing"}}},
      {3, "to-khai.pdf", kPdf, Status::not_found, {}},
      {0, "to-khai.pdf", kPdf, Status::not_found, {}},
  };
  for (const auto& c : cases) {
    Outcome o = upload(c.position, c.name, c.bytes);
    EXPECT_EQ(o.status, c.status) << c.name << " at " << c.position;
    EXPECT_EQ(o.problems, c.problems) << c.name << " at " << c.position;
  }
  FormUpload big{1, "to-khai.pdf", kMaxFormBytes + 1, {}};
  Outcome o = db->db().transaction([&](soci::session& s) { return upload_form(s, "HT-KS", big, who()); });
  EXPECT_EQ(o.problems, (std::vector<Problem>{{"form-1", "procedures.error.form_too_big"}}));
  EXPECT_TRUE(forms().empty());
  EXPECT_TRUE(changes.empty());
}

TEST_P(ProceduresForms, APositionTheProcedureNoLongerHasLosesItsTemplate) {
  ASSERT_EQ(upload(1, "to-khai.pdf", kPdf).status, Status::done);
  ASSERT_EQ(upload(2, "giay-chung-sinh.pdf", kPdf).status, Status::done);
  db->db().with_session([](soci::session& s) {
    auto d = load_by_code(s, "HT-KS");
    d->record.procedure.documents.pop_back();
    update_procedure(s, d->record.procedure, "2026-01-02T00:00:00Z", "test");
  });
  auto listed = forms();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].position, 1);
}

INSTANTIATE_TEST_SUITE_P(Dialects, ProceduresForms, ::testing::ValuesIn(testing::dialects()), testing::dialect_name);

}  // namespace
}  // namespace tinhso::procedures
