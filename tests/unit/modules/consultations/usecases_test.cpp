// The consultations use cases (issue 18; modules/consultations/usecases.h) on a temporary database
// of each dialect, with a clock that moves: a consultation's life from draft to published report,
// each step refused outside its phase and writing nothing then; one audit record per change that
// names no comment's words; the hidden comment's text kept for the record and out of every read;
// the report's rendering dropped when a comment is hidden later.
#include <gtest/gtest.h>

#include <map>

#include "core/auth/clock.h"
#include "core/text/vietnamese.h"
#include "modules/audit/api.h"
#include "modules/consultations/draft.h"
#include "modules/consultations/store.h"
#include "modules/consultations/usecases.h"
#include "temp_db.h"

namespace tinhso::consultations {
namespace {

using namespace std::chrono_literals;

constexpr std::int64_t kAgency = 1, kOfficer = 1, kCitizen = 2, kFarmer = 3;

class ConsultationUseCases : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    TINHSO_SKIP_UNLESS_AVAILABLE(GetParam());
    tmp = std::make_unique<testing::TempDb>(GetParam());
    const std::string ids = tmp->dialect() == db::Dialect::postgresql ? " OVERRIDING SYSTEM VALUE" : "";
    tmp->exec("INSERT INTO admin_units (id, code, name, level, valid_from)" + ids +
              " VALUES (1, '25', 'Tỉnh Phú Thọ', 'province', '2025-07-01');"
              "INSERT INTO agencies (id, code, name, kind, admin_unit_id, parent_id)" + ids +
              " VALUES (1, 'SO-NNMT', 'Sở Nông nghiệp và Môi trường', 'department', 1, NULL);");
    for (std::int64_t id : {kOfficer, kCitizen, kFarmer}) {
      const std::string n = std::to_string(id);
      tmp->exec("INSERT INTO accounts (id, email, full_name, kind, agency_id, status, created_at, updated_at)" + ids +
                " VALUES (" + n + ", 'a" + n + "@example.vn', 'Người " + n + "', '" +
                (id == kOfficer ? "staff', 1" : "citizen', NULL") +
                ", 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');");
    }
  }

  template <class Fn>
  Result run(Fn&& fn) {
    return tmp->db().transaction([&](soci::session& s) {
      const Env env{s, tmp->dialect(), clock, recorder, nullptr};
      return fn(env);
    });
  }
  long long count(const std::string& sql) {
    long long n = 0;
    tmp->db().with_session([&](soci::session& s) { s << sql, soci::into(n); });
    return n;
  }
  std::vector<Unit> draft() {
    return split_draft(paragraphs_from_text("Điều 1. Phạm vi\nNội dung.\nĐiều 2. Mức hỗ trợ\n1. Mười triệu đồng.\n"
                                            "2. Hai đợt.\n"))
        .units;
  }

  std::unique_ptr<testing::TempDb> tmp;
  // 1/12/2026 08:00 in Viet Nam.
  auth::FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + 1h};
  audit::Recorder recorder = [this](soci::session& s, const audit::Change& c) {
    audit::for_system(tmp->dialect(), clock, "test")(s, c);
  };
};

TEST_P(ConsultationUseCases, FromDraftToPublishedReport) {
  DetailsInput in;
  in.title = "Dự thảo Nghị quyết hỗ trợ chuyển đổi cơ cấu cây trồng";
  in.kind = "legal_document";
  in.agency_id = kAgency;
  in.opens = "2026-12-02T08:00";
  in.closes = "2026-12-12T08:00";  // 10 days: under the 20 of a draft legal document
  EXPECT_EQ(run([&](const Env& e) { return create_consultation(e, in, kOfficer); }).error, Error::too_short);
  in.closes = "2026-12-22T08:00";
  const Result made = run([&](const Env& e) { return create_consultation(e, in, kOfficer); });
  ASSERT_TRUE(made.ok()) << error_code(made.error);
  const std::int64_t id = made.id;
  EXPECT_EQ(run([&](const Env& e) { return publish(e, id, 1, kOfficer); }).error, Error::draft_empty);
  ASSERT_TRUE(run([&](const Env& e) { return save_draft(e, id, draft(), "du-thao.docx", "", kOfficer); }).ok());
  ASSERT_TRUE(run([&](const Env& e) { return add_question(e, id, "Đồng ý?", false, false, {"Có", "Không"}, kOfficer); }).ok());
  EXPECT_EQ(run([&](const Env& e) { return publish(e, id, 7, kOfficer); }).error, Error::stale);
  ASSERT_TRUE(run([&](const Env& e) { return publish(e, id, 1, kOfficer); }).ok());

  CommentInput c{id, "dieu-2-khoan-1", 0, "Đề nghị nâng mức hỗ trợ.", {}, kCitizen, "Người 2"};
  EXPECT_EQ(run([&](const Env& e) { return add_comment(e, c); }).error, Error::wrong_phase) << "before it opens";
  clock.set(clock.now() + 25h);  // 2/12 09:00
  c.anchor = "dieu-9";
  EXPECT_EQ(run([&](const Env& e) { return add_comment(e, c); }).error, Error::unknown_unit_anchor);
  c.anchor = "dieu-2-khoan-1";
  const Result first = run([&](const Env& e) { return add_comment(e, c); });
  ASSERT_TRUE(first.ok()) << error_code(first.error);
  CommentInput rude{id, "dieu-1", 0, "Lời lẽ xúc phạm Qwxz.", {}, kFarmer, "Người 3"};
  const Result second = run([&](const Env& e) { return add_comment(e, rude); });
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(run([&](const Env& e) { return agree(e, first.id, kCitizen); }).error, Error::own_comment);
  EXPECT_TRUE(run([&](const Env& e) { return agree(e, first.id, kFarmer); }).ok());
  EXPECT_EQ(run([&](const Env& e) { return agree(e, first.id, kFarmer); }).id, 0) << "a second agreement is a no-op";
  EXPECT_EQ(count("SELECT agrees FROM consultation_comments WHERE id = " + std::to_string(first.id)), 1);

  std::vector<Question> qs;
  tmp->db().with_session([&](soci::session& s) { qs = questions(s, id, false); });
  ASSERT_EQ(qs.size(), 1u);
  const QuestionAnswer yes{qs[0].id, {qs[0].options[0].id}, ""};
  EXPECT_EQ(run([&](const Env& e) { return answer_questions(e, id, kCitizen, {{qs[0].id, {}, ""}}); }).error,
            Error::choice_required);
  EXPECT_EQ(run([&](const Env& e) {
              return answer_questions(e, id, kCitizen, {{qs[0].id, {qs[0].options[0].id, qs[0].options[1].id}, ""}});
            }).error,
            Error::bad_choice) << "two options on a single-choice question";
  EXPECT_TRUE(run([&](const Env& e) { return answer_questions(e, id, kCitizen, {yes}); }).ok());
  EXPECT_EQ(run([&](const Env& e) { return answer_questions(e, id, kCitizen, {yes}); }).error, Error::already_answered);

  // §8: the search and the outline's counts follow the writes (full-text index, kept counts).
  tmp->db().with_session([&](soci::session& s) {
    EXPECT_EQ(search_comments(s, text::fold("XÚC PHẠM qwx"), 20).size(), 1u) << "accent-free, the last word a prefix";
    EXPECT_EQ(search_comments(s, text::fold("phạm xúc"), 20).size(), 0u) << "the words in their order";
    EXPECT_EQ(public_list(s, "2026-12-02T02:00:00Z", "", text::fold("nâng mức"), 0, 10).size(), 1u);
    EXPECT_EQ(comment_counts(s, id), (std::map<std::string, long long>{{"dieu-1", 1}, {"dieu-2-khoan-1", 1}}));
  });
  EXPECT_EQ(run([&](const Env& e) { return hide_comment(e, second.id, "  ", kOfficer); }).error, Error::reason_required);
  ASSERT_TRUE(run([&](const Env& e) { return hide_comment(e, second.id, "Công kích cá nhân", kOfficer); }).ok());
  tmp->db().with_session([&](soci::session& s) {
    EXPECT_EQ(search_comments(s, text::fold("xúc phạm"), 20).size(), 0u) << "a hidden comment is never found";
    EXPECT_EQ(comment_counts(s, id), (std::map<std::string, long long>{{"dieu-2-khoan-1", 1}}));
  });
  tmp->db().with_session([&](soci::session& s) {
    auto shown = load_comment(s, second.id);
    ASSERT_TRUE(shown.has_value());
    EXPECT_TRUE(shown->hidden);
    EXPECT_EQ(shown->body, "") << "no read for pages carries a hidden text";
    EXPECT_EQ(shown->hidden_reason, "Công kích cá nhân");
    EXPECT_EQ(load_comment(s, second.id, true)->body, "Lời lẽ xúc phạm Qwxz.") << "kept for the record";
    for (const auto& cm : all_comments(s, id)) EXPECT_EQ(cm.body.find("Qwxz"), std::string::npos);
  });
  EXPECT_EQ(count("SELECT COUNT(*) FROM consultation_notices WHERE account_id = 3 AND event = 'hidden'"), 1);

  EXPECT_EQ(run([&](const Env& e) { return publish_report(e, id, "", kOfficer); }).error, Error::wrong_phase)
      << "while open";
  clock.set(std::chrono::sys_days{std::chrono::year{2026} / 12 / 22} + 2h);  // 22/12 09:00: closed
  EXPECT_EQ(run([&](const Env& e) { return add_comment(e, c); }).error, Error::wrong_phase) << "after the close";
  const Result early = run([&](const Env& e) { return publish_report(e, id, "", kOfficer); });
  EXPECT_EQ(early.error, Error::unanswered_comments);
  EXPECT_EQ(early.id, 1) << "one visible comment without an answer";
  EXPECT_EQ(run([&](const Env& e) { return answer_comments(e, id, {second.id}, "explained", "x", "", kOfficer); }).error,
            Error::comments_required) << "a hidden comment is not answered";
  ASSERT_TRUE(run([&](const Env& e) {
                return answer_comments(e, id, {first.id}, "partly", "Nâng lên 12 triệu đồng.", "dieu-2-khoan-1", kOfficer);
              }).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM consultation_notices WHERE account_id = 2 AND event = 'answered'"), 1);
  ASSERT_TRUE(run([&](const Env& e) { return publish_report(e, id, "Kết luận.", kOfficer); }).ok());
  EXPECT_EQ(run([&](const Env& e) { return answer_comments(e, id, {first.id}, "accepted", "y", "", kOfficer); }).error,
            Error::wrong_phase) << "answers are final once the report is out";
  // A rendering kept, then a comment hidden after the report: the rendering is dropped.
  tmp->exec("INSERT INTO consultation_report_files (consultation_id, format, content, sha256, created_at) VALUES (" +
            std::to_string(id) + ", 'pdf', '', '', '2026-12-22T02:00:00Z')");
  ASSERT_TRUE(run([&](const Env& e) { return hide_comment(e, first.id, "Trùng lặp", kOfficer); }).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM consultation_report_files"), 0);

  // One audit record per change, none with a commenter's words.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'consultation_comment.create'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'consultation_comment.hide'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE before_summary LIKE '%Qwxz%' OR after_summary LIKE '%Qwxz%'"
                  " OR before_summary LIKE '%Người%' OR after_summary LIKE '%Người%'"),
            0);
}

INSTANTIATE_TEST_SUITE_P(Dialects, ConsultationUseCases, ::testing::ValuesIn(testing::dialects()),
                         testing::dialect_name);

}  // namespace
}  // namespace tinhso::consultations
