// The dossiers' use cases (usecases.h) on a database of each dialect: a submission (one
// transaction: code, event, audit record; refused while a mandatory document is missing, for a
// retired procedure or someone else's draft), a draft created and submitted in one commit, a
// paper dossier received at the counter through the draft creation and the `receive`
// transition, and the apology through transition::apply.
#include <gtest/gtest.h>

#include <stdexcept>

#include "dossier_fixture.h"
#include "modules/dossiers/store_intake.h"
#include "modules/dossiers/usecases.h"

namespace tinhso::dossiers {
namespace {

using test::kCitizen, test::kLeader, test::kOfficer;

class DossierUseCases : public test::DossierDb {
 protected:
  Env env() { return Env{db(), calendar, SupplementClock::restart}; }
  Upload pdf(std::int64_t document_id) { return {document_id, "don.pdf", "application/pdf", "%PDF-1.4 test"}; }
  Applicant applicant() { return {"Trần Văn Dân", "dan@example.vn", "0912345678", "", "Việt Trì", ""}; }
  std::vector<std::string> actions(std::int64_t id) {
    std::vector<std::string> out;
    for (const auto& e : events(id)) out.push_back(e.action + ":" + e.from_state + ">" + e.to_state + ":" + e.actor_role);
    return out;
  }
  std::vector<std::string> audit_actions() {
    std::vector<std::string> out;
    for (const auto& c : audited) out.push_back(c.action);
    return out;
  }
  std::int64_t mandatory() const { return proc.documents.at(0).id; }
  std::vector<FileInfo> files(std::int64_t id) {
    return db().with_session([&](soci::session& s) { return list_files(s, id); });
  }
  long long dossiers() {
    long long n = 0;
    db().with_session([&](soci::session& s) { s << "SELECT COUNT(*) FROM dossiers", soci::into(n); });
    return n;
  }
};

TEST_P(DossierUseCases, SubmitNeedsEveryMandatoryDocument) {
  Dossier d = stored(State::draft);
  Submitted r = submit(env(), who(Actor::applicant, kCitizen), d.id);
  ASSERT_EQ(r.kind, Submitted::incomplete);
  EXPECT_EQ(r.missing_names, std::vector<std::string>{"Đơn đề nghị"});
  EXPECT_EQ(reread(d.id).state, State::draft);
  EXPECT_EQ(reread(d.id).code, "");
  EXPECT_TRUE(events(d.id).empty());

  db().transaction([&](soci::session& s) { store_uploads(s, d.id, "application", {pdf(mandatory())}, kCitizen, "t", true); });
  r = submit(env(), who(Actor::applicant, kCitizen), d.id);
  ASSERT_EQ(r.kind, Submitted::done);
  EXPECT_EQ(r.dossier.state, State::submitted);
  EXPECT_EQ(r.dossier.code, "TTHCC-261201-0001");
  EXPECT_EQ(reread(d.id).code, "TTHCC-261201-0001");
  EXPECT_EQ(reread(d.id).submitted_at, "2026-12-01T02:00:00Z");
  EXPECT_EQ(actions(d.id), std::vector<std::string>{"submit:draft>submitted:applicant"});
  EXPECT_EQ(audit_actions(), std::vector<std::string>{"dossier.submit"});

  // A retry changes nothing.
  r = submit(env(), who(Actor::applicant, kCitizen), d.id);
  EXPECT_EQ(r.kind, Submitted::done);
  EXPECT_EQ(events(d.id).size(), 1u);
  EXPECT_EQ(audited.size(), 1u);
}

TEST_P(DossierUseCases, SubmitRefusesOthersAndRetiredProcedures) {
  Dossier d = stored(State::draft);
  db().transaction([&](soci::session& s) { store_uploads(s, d.id, "application", {pdf(mandatory())}, kCitizen, "t", true); });
  EXPECT_EQ(submit(env(), who(Actor::applicant, kOfficer), d.id).kind, Submitted::not_found);
  EXPECT_EQ(submit(env(), who(Actor::applicant, kCitizen), d.id + 100).kind, Submitted::not_found);
  Dossier paper = stored(State::draft, [](Dossier& x) { x.applicant_account_id = 0; });
  EXPECT_EQ(submit(env(), who(Actor::applicant, 0), paper.id).kind, Submitted::not_found);
  tmp->exec("UPDATE procedures SET active = " + std::string(GetParam() == db::Dialect::sqlite ? "0" : "FALSE"));
  EXPECT_EQ(submit(env(), who(Actor::applicant, kCitizen), d.id).kind, Submitted::inactive);
  EXPECT_EQ(reread(d.id).state, State::draft);
  EXPECT_TRUE(audited.empty());
}

TEST_P(DossierUseCases, ADraftIsMadeOncePerKey) {
  Drafted a = create_draft(env(), who(Actor::applicant, kCitizen), {proc, applicant(), "key-0123456789abcdef", {pdf(mandatory())}});
  ASSERT_EQ(a.kind, Drafted::created);
  EXPECT_FALSE(a.submitted);
  EXPECT_EQ(a.dossier.state, State::draft);
  EXPECT_EQ(a.dossier.applicant_account_id, kCitizen);
  EXPECT_EQ(reread(a.dossier.id).applicant_name, "Trần Văn Dân");
  EXPECT_EQ(files(a.dossier.id).size(), 1u);
  EXPECT_EQ(audit_actions(), std::vector<std::string>{"dossier.draft"});

  Drafted again = create_draft(env(), who(Actor::applicant, kCitizen), {proc, applicant(), "key-0123456789abcdef", {}});
  EXPECT_EQ(again.kind, Drafted::existing);
  EXPECT_EQ(again.dossier.id, a.dossier.id);
  Drafted other = create_draft(env(), who(Actor::applicant, kOfficer), {proc, applicant(), "key-0123456789abcdef", {}});
  EXPECT_EQ(other.kind, Drafted::foreign_key);
  EXPECT_EQ(dossiers(), 1);
  EXPECT_EQ(audited.size(), 1u);
}

// The draft and its submission commit together: a failure while submitting leaves no draft.
TEST_P(DossierUseCases, ADraftSubmittedAtOnceIsOneTransaction) {
  Drafted d = create_draft(env(), who(Actor::applicant, kCitizen),
                           {proc, applicant(), "key-submit-000000001", {pdf(mandatory())}, true});
  ASSERT_EQ(d.kind, Drafted::created);
  ASSERT_TRUE(d.submitted);
  EXPECT_EQ(d.submitted->kind, Submitted::done);
  EXPECT_EQ(d.dossier.state, State::submitted);
  EXPECT_EQ(reread(d.dossier.id).state, State::submitted);
  EXPECT_EQ(audit_actions(), (std::vector<std::string>{"dossier.draft", "dossier.submit"}));

  // Incomplete: the draft is kept, not submitted.
  Drafted kept = create_draft(env(), who(Actor::applicant, kCitizen), {proc, applicant(), "key-submit-000000002", {}, true});
  ASSERT_EQ(kept.kind, Drafted::created);
  ASSERT_TRUE(kept.submitted);
  EXPECT_EQ(kept.submitted->kind, Submitted::incomplete);
  EXPECT_EQ(reread(kept.dossier.id).state, State::draft);

  // The submission's audit record fails: the draft goes with it.
  Who failing = who(Actor::applicant, kCitizen);
  failing.audit = [](soci::session&, const audit::Change& c) {
    if (c.action == "dossier.submit") throw std::runtime_error("audit failed");
  };
  EXPECT_THROW(create_draft(env(), failing, {proc, applicant(), "key-submit-000000003", {pdf(mandatory())}, true}),
               std::runtime_error);
  EXPECT_EQ(dossiers(), 2);
}

TEST_P(DossierUseCases, ReceivedAtTheCounter) {
  int receipts = 0;
  auto receipt = [&](soci::session& s, const Dossier& d) {
    ++receipts;
    EXPECT_EQ(d.state, State::received);
    insert_file(s, {0, d.id, "receipt", 0, "bien-nhan.pdf", "application/pdf", "", "t", 0, kOfficer}, "%PDF receipt");
  };
  Counted c = receive_at_counter(env(), who(Actor::one_stop_officer, kOfficer),
                                 {proc, applicant(), "counter-key-00000001", {pdf(mandatory()), pdf(mandatory())}}, receipt);
  ASSERT_EQ(c.kind, Counted::received);
  const Dossier d = reread(c.dossier.id);
  EXPECT_EQ(d.state, State::received);
  EXPECT_EQ(d.channel, Channel::counter);
  EXPECT_EQ(d.applicant_account_id, 0);
  EXPECT_EQ(d.code, "TTHCC-261201-0001");
  EXPECT_EQ(d.submitted_at, "2026-12-01T02:00:00Z");
  EXPECT_EQ(d.received_at, "2026-12-01T02:00:00Z");
  EXPECT_EQ(d.due_date, "2026-12-08");
  EXPECT_EQ(actions(d.id),
            (std::vector<std::string>{"submit:>submitted:one_stop_officer", "receive:submitted>received:one_stop_officer"}));
  EXPECT_EQ(events(d.id)[0].action, "submit");
  EXPECT_EQ(audit_actions(), (std::vector<std::string>{"dossier.counter", "dossier.receive"}));
  EXPECT_EQ(notices, std::vector<Action>{Action::receive});
  EXPECT_EQ(receipts, 1);
  EXPECT_EQ(files(d.id).size(), 3u) << "both scans (kept, not replaced) and the receipt";

  Counted again = receive_at_counter(env(), who(Actor::one_stop_officer, kOfficer),
                                     {proc, applicant(), "counter-key-00000001", {}}, receipt);
  EXPECT_EQ(again.kind, Counted::existing);
  EXPECT_EQ(again.dossier.id, d.id);
  EXPECT_EQ(receipts, 1);
  EXPECT_EQ(dossiers(), 1);
}

TEST_P(DossierUseCases, TheApologyGoesThroughTheTransition) {
  Dossier d = running(State::processing);
  int letters = 0;
  auto letter = [&](soci::session&, const Dossier& after, const Apology& a) {
    ++letters;
    EXPECT_EQ(after.appointment_date, "2026-12-15");
    EXPECT_EQ(a.old_date, "2026-12-09");
    return std::string("%PDF apology");
  };
  ApologyInput in{d, "Cần xác minh thêm", "2026-12-15", {}};
  Apologised r = apologise(env(), who(Actor::agency_leader, kLeader), in, letter);
  ASSERT_EQ(r.kind, Apologised::done);
  const Dossier after = reread(d.id);
  EXPECT_EQ(after.appointment_date, "2026-12-15");
  EXPECT_EQ(after.due_date, "2026-12-09");
  EXPECT_EQ(after.state, State::processing);
  EXPECT_EQ(after.version, d.version + 1);
  EXPECT_EQ(actions(d.id), std::vector<std::string>{"apology:processing>processing:agency_leader"});
  EXPECT_EQ(events(d.id)[0].note, "Cần xác minh thêm");
  EXPECT_EQ(audit_actions(), std::vector<std::string>{"dossier.apology"});
  EXPECT_EQ(notices, std::vector<Action>{Action::apology});
  EXPECT_EQ(letters, 1);
  auto f = files(d.id);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].role, "apology");
  EXPECT_EQ(f[0].file_name, "xin-loi-" + d.code + ".pdf");
  auto stored_apology = db().with_session([&](soci::session& s) { return find_apology(s, d.id); });
  ASSERT_TRUE(stored_apology);
  EXPECT_EQ(stored_apology->new_date, "2026-12-15");
  EXPECT_EQ(stored_apology->issued_by, kLeader);

  // Once only (Art. 19(9), the default rules), and nothing more is written.
  in.seen = after;
  in.new_date = "2026-12-16";
  Apologised twice = apologise(env(), who(Actor::agency_leader, kLeader), in, letter);
  EXPECT_EQ(twice.kind, Apologised::refused);
  EXPECT_EQ(twice.check, ApologyCheck::already_issued);
  EXPECT_EQ(events(d.id).size(), 1u);
  EXPECT_EQ(letters, 1);
}

TEST_P(DossierUseCases, TheApologyIsCheckedAndRefusedOnAStaleForm) {
  Dossier d = running(State::received);
  auto letter = [](soci::session&, const Dossier&, const Apology&) { return std::string("%PDF"); };
  auto attempt = [&](const Dossier& seen, const std::string& date, const std::string& reason) {
    return apologise(env(), who(Actor::agency_leader, kLeader), {seen, reason, date, {}}, letter);
  };
  EXPECT_EQ(attempt(d, "2026-12-13", "Lý do").check, ApologyCheck::not_working_day) << "a Sunday";
  EXPECT_EQ(attempt(d, "2026-12-08", "Lý do").check, ApologyCheck::not_after_due);
  EXPECT_EQ(attempt(d, "15/12/2026", "Lý do").check, ApologyCheck::bad_date);
  EXPECT_EQ(attempt(d, "2026-12-15", "  ").check, ApologyCheck::no_reason);
  Dossier paused = running(State::supplement_requested, [](Dossier& x) {
    x.paused_at = "2026-11-25T02:00:00Z";
    x.due_date.clear();
  });
  EXPECT_EQ(attempt(paused, "2026-12-15", "Lý do").check, ApologyCheck::not_open);
  Dossier tomorrow = running(State::processing, [](Dossier& x) { x.due_date = x.appointment_date = "2026-12-01"; });
  EXPECT_EQ(attempt(tomorrow, "2026-12-15", "Lý do").check, ApologyCheck::too_late);

  Dossier stale = d;
  db().transaction([&](soci::session& s) { ASSERT_TRUE(update_dossier(s, d)); });
  Apologised r = attempt(stale, "2026-12-15", "Lý do");
  EXPECT_EQ(r.kind, Apologised::conflict);
  EXPECT_TRUE(events(d.id).empty());
  EXPECT_TRUE(files(d.id).empty());
  EXPECT_TRUE(audited.empty());
  EXPECT_FALSE(db().with_session([&](soci::session& s) { return find_apology(s, d.id); }));
}

// One transition on the dossier as re-read: the hook runs in the same transaction only when done;
// a version other than the form's, or no such dossier, is a conflict.
TEST_P(DossierUseCases, ActRereadsAndRunsTheHookOnlyWhenDone) {
  Dossier d = running(State::received);
  int hooks = 0;
  auto hook = [&](soci::session& s, const Dossier& after) {
    ++hooks;
    insert_supplement(s, after.id, {0, "2026-12-01T02:00:00Z", "Bản sao", "", kOfficer, false});
  };
  const Command cmd{Action::request_supplement, "Bản sao"};
  EXPECT_EQ(act(env(), who(Actor::one_stop_officer, kOfficer), d.id, cmd, hook, d.version + 1).result, Result::conflict);
  EXPECT_EQ(act(env(), who(Actor::one_stop_officer, kOfficer), d.id + 100, cmd, hook).result, Result::conflict);
  EXPECT_EQ(act(env(), who(Actor::specialist, test::kSpecialist), d.id, cmd, hook).result, Result::not_allowed);
  EXPECT_EQ(hooks, 0);
  Applied a = act(env(), who(Actor::one_stop_officer, kOfficer), d.id, cmd, hook, d.version);
  ASSERT_EQ(a.result, Result::done);
  EXPECT_EQ(hooks, 1);
  EXPECT_EQ(reread(d.id).state, State::supplement_requested);
  EXPECT_TRUE(db().with_session([&](soci::session& s) { return open_supplement(s, d.id); }));
  EXPECT_EQ(audit_actions(), std::vector<std::string>{"dossier.request_supplement"});
}

TEST_P(DossierUseCases, TheApplicantsSmallerActions) {
  Dossier d = stored(State::draft);
  Applicant changed = applicant();
  changed.details = "Xin cấp mới";
  ASSERT_TRUE(update_draft(env(), who(Actor::applicant, kCitizen), d, changed, {pdf(mandatory())}));
  EXPECT_EQ(reread(d.id).details, "Xin cấp mới");
  EXPECT_EQ(files(d.id).size(), 1u);
  EXPECT_FALSE(update_draft(env(), who(Actor::applicant, kCitizen), d, applicant(), {pdf(mandatory())}))
      << "the draft as read is stale now";
  EXPECT_EQ(files(d.id).size(), 1u);
  add_draft_files(env(), who(Actor::applicant, kCitizen), reread(d.id), {pdf(mandatory()), pdf(0)});
  EXPECT_EQ(files(d.id).size(), 2u) << "the document's file replaced, the unlisted one added";
  discard_draft(env(), who(Actor::applicant, kCitizen), reread(d.id));
  EXPECT_EQ(dossiers(), 0);

  Dossier returned = running(State::returned);
  EXPECT_TRUE(rate(env(), who(Actor::applicant, kCitizen), returned, 4, "Nhanh"));
  EXPECT_FALSE(rate(env(), who(Actor::applicant, kCitizen), returned, 5, ""));
  EXPECT_EQ(audit_actions(), (std::vector<std::string>{"dossier.draft_update", "dossier.draft_files",
                                                       "dossier.draft_delete", "dossier.rate"}));
  EXPECT_EQ(audited.back().after, "score=4");
}

INSTANTIATE_TEST_SUITE_P(Dialects, DossierUseCases, ::testing::ValuesIn(testing::dialects()), testing::dialect_name);

}  // namespace
}  // namespace tinhso::dossiers
