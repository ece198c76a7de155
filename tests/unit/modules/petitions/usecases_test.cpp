// The petitions use cases (src/modules/petitions/usecases.h, api.h receive) on a temporary
// database of each dialect: receive on every channel writes the petition, its event and exactly
// one audit record with the one petition summary, and no record names a denouncer (Law on
// Denunciations 2018 Art. 8(3); issue 12); act takes what the transition table allows and refuses
// the rest with its outcome, writing nothing; and the permission functions (permissions.h),
// table-driven over the roles.
#include <gtest/gtest.h>

#include <stdexcept>

#include "core/auth/principal.h"
#include "modules/petitions/api.h"
#include "modules/petitions/lookup_key.h"
#include "modules/petitions/permissions.h"
#include "modules/petitions/store.h"
#include "modules/petitions/usecases.h"
#include "temp_db.h"
#include "temp_dir.h"

namespace tinhso::petitions {
namespace {

using namespace std::chrono_literals;
using auth::Role;

constexpr std::int64_t kAgency = 1, kOtherAgency = 2;
constexpr std::int64_t kCitizen = 1, kOfficer = 2, kSpecialist = 3, kLeader = 4, kInspector = 5, kOtherSpecialist = 6;
const std::string kFiler = "Trần Văn Dân", kContact = "0912 345 678", kAddress = "Thôn Đồng Tâm";

auth::Principal principal(std::int64_t id, std::vector<Role> roles, std::optional<std::int64_t> agency = kAgency) {
  auth::Principal p;
  p.account_id = id;
  p.roles = std::move(roles);
  p.agency_id = agency;
  if (agency) p.agency_scope = {*agency};
  return p;
}

struct AuditRow {
  std::string action, object_id, actor, before, after;
};

class PetitionUseCases : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    TINHSO_SKIP_UNLESS_AVAILABLE(GetParam());
    tmp = std::make_unique<testing::TempDb>(GetParam());
    tmp->exec("INSERT INTO admin_units (id, code, name, level, valid_from)" + with_ids() +
              " VALUES (1, '25', 'Tỉnh Phú Thọ', 'province', '2025-07-01');"
              "INSERT INTO agencies (id, code, name, kind, admin_unit_id)" + with_ids() +
              " VALUES (1, 'SO-XD', 'Sở Xây dựng', 'department', 1), (2, 'SO-YT', 'Sở Y tế', 'department', 1);");
    account(kCitizen, "citizen", "", 0);
    account(kOfficer, "staff", "one_stop_officer", kAgency);
    account(kSpecialist, "staff", "specialist", kAgency);
    account(kLeader, "staff", "agency_leader", kAgency);
    account(kInspector, "staff", "inspector", kAgency);
    account(kOtherSpecialist, "staff", "specialist", kOtherAgency);
  }

  // The rows set up here carry their ids (PostgreSQL's identity columns must be told).
  std::string with_ids() const {
    return tmp->dialect() == db::Dialect::postgresql ? " OVERRIDING SYSTEM VALUE" : "";
  }

  void account(std::int64_t id, const std::string& kind, const std::string& role, std::int64_t agency) {
    const std::string n = std::to_string(id);
    tmp->exec("INSERT INTO accounts (id, email, full_name, kind, agency_id, status, created_at, updated_at)" + with_ids() +
              " VALUES (" + n +
              ", 'a" + n + "@example.vn', 'Cán bộ " + n + "', '" + kind + "', " + (agency ? std::to_string(agency) : "NULL") +
              ", 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');");
    if (!role.empty()) tmp->exec("INSERT INTO account_roles (account_id, role) VALUES (" + n + ", '" + role + "');");
  }

  // Runs fn(env) in one transaction, audit records as the system actor "test".
  template <class Fn>
  decltype(auto) run(Fn&& fn) {
    return tmp->db().transaction([&](soci::session& s) {
      const Env env{s, clock, calendar, rules, keys, recorder};
      return fn(env);
    });
  }

  Petition feedback(Channel channel) {
    Petition p;
    p.kind = Kind::feedback;
    p.channel = channel;
    p.subject = "Ngập nước ở ngõ 12";
    p.content = "Mỗi trận mưa lớn, ngõ 12 ngập sâu.";
    p.agency_id = kAgency;
    p.filer_name = kFiler;
    p.filer_contact = kContact;
    p.received_at = auth::iso_utc(clock.now());
    return p;
  }

  Petition received(Kind kind = Kind::feedback) {
    ReceiveInput in;
    in.petition = feedback(Channel::letter);
    in.petition.kind = kind;
    in.identity = {kFiler, kAddress, kContact, ""};
    in.role = "one_stop_officer";
    in.actor_id = kOfficer;
    return run([&](const Env& env) { return receive(env, std::move(in)).petition; });
  }

  // `x` moved to `state` directly in the store (as earlier acts would have left it).
  Petition in_state(Petition x, State state, std::int64_t assignee = 0) {
    x.state = state;
    x.assignee_id = assignee;
    if (state != State::received && state != State::classified) x.accepted_at = x.received_at;
    run([&](const Env& env) { return update_petition(env.s, x); });
    return *run([&](const Env& env) { return find_petition(env.s, x.id); });
  }

  std::vector<AuditRow> audit_rows() {
    std::vector<AuditRow> out;
    tmp->db().with_session([&](soci::session& s) {
      soci::rowset<soci::row> rs = (s.prepare << "SELECT action, object_id, actor_name, before_summary, after_summary"
                                                 " FROM audit_log ORDER BY seq");
      for (const auto& r : rs)
        out.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                       r.get<std::string>(4)});
    });
    return out;
  }

  long long count(const std::string& sql) {
    long long n = 0;
    tmp->db().with_session([&](soci::session& s) { s << sql, soci::into(n); });
    return n;
  }

  // Every audit record and event note, as one text, for "names nobody" checks.
  std::string every_record() {
    std::string all;
    for (const auto& r : audit_rows()) all += r.actor + "|" + r.before + "|" + r.after + "\n";
    tmp->db().with_session([&](soci::session& s) {
      soci::rowset<std::string> notes = (s.prepare << "SELECT note FROM petition_events");
      for (const auto& n : notes) all += n + "\n";
    });
    return all;
  }

  std::unique_ptr<testing::TempDb> tmp;
  auth::FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 12 / 5} + 3h};  // 10:00 in Viet Nam
  calendar::WorkCalendar calendar{calendar::HolidayRules{}, {}};
  Settings rules;
  test::TempDir dir;
  Keys keys{(dir.path() / "identity-keys").string()};
  audit::Recorder recorder = [this](soci::session& s, const audit::Change& c) {
    audit::for_system(tmp->dialect(), clock, "test")(s, c);
  };
};

// ---- receive ----

struct ChannelCase {
  Channel channel;
  std::string role;
  std::int64_t actor;
  std::string event_note;
};

TEST_P(PetitionUseCases, ReceivesOnEveryChannelWithOneEventAndOneAuditRecord) {
  const ChannelCase cases[] = {
      {Channel::online, "anonymous", 0, ""},
      {Channel::letter, "one_stop_officer", kOfficer, "letter"},
      {Channel::in_person, "specialist", kSpecialist, "in_person"},
      {Channel::open311, "open311", 0, ""},
  };
  std::size_t audited = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(channel_code(c.channel)));
    ReceiveInput in;
    in.petition = feedback(c.channel);
    in.role = c.role;
    in.actor_id = c.actor;
    Petition n = run([&](const Env& env) { return receive(env, std::move(in)).petition; });
    auto stored = run([&](const Env& env) { return find_petition(env.s, n.id); });
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->state, State::received);
    EXPECT_EQ(stored->channel, c.channel);
    EXPECT_EQ(stored->code, "PA-261205-" + std::string(6 - std::to_string(n.id).size(), '0') + std::to_string(n.id));
    EXPECT_EQ(stored->filer_name, kFiler);  // not a denunciation: the filer stays on the row
    EXPECT_FALSE(stored->inform_due.empty());  // the due days of its kind are set
    auto events = run([&](const Env& env) { return load_events(env.s, n.id); });
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].action, "receive");
    EXPECT_EQ(events[0].to_state, "received");
    EXPECT_EQ(events[0].role, c.role);
    EXPECT_EQ(events[0].actor_id, c.actor);
    EXPECT_EQ(events[0].note, c.event_note);
    auto rows = audit_rows();
    ASSERT_EQ(rows.size(), ++audited);
    EXPECT_EQ(rows.back().action, "petition.receive");
    EXPECT_EQ(rows.back().object_id, std::to_string(n.id));
    // The one summary, whatever the channel.
    EXPECT_EQ(rows.back().after, "feedback " + stored->code + " received " + std::string(channel_code(c.channel)));
    EXPECT_EQ(rows.back().after, audit_summary(*stored));
  }
  EXPECT_EQ(every_record().find(kFiler), std::string::npos);
  EXPECT_EQ(every_record().find(kContact), std::string::npos);
}

TEST_P(PetitionUseCases, ADenunciationIsStoredSealedAndNamedInNoRecord) {
  for (Channel channel : {Channel::online, Channel::letter}) {
    SCOPED_TRACE(std::string(channel_code(channel)));
    ReceiveInput in;
    in.petition = feedback(channel);
    in.petition.kind = Kind::denunciation;
    in.petition.filer_account_id = kCitizen;  // never kept in plain for a denunciation
    in.petition.group_size = 6;
    in.identity = {kFiler, kAddress, kContact, "025190001234"};
    in.filer_link_account = kCitizen;
    in.representatives = {{1, kFiler, kContact, ""}, {2, "Lê Thị Hoa", "0987 654 321", ""}};
    in.role = channel == Channel::online ? "citizen" : "one_stop_officer";
    in.actor_id = channel == Channel::online ? 0 : kOfficer;
    Petition n = run([&](const Env& env) { return receive(env, std::move(in)).petition; });
    auto stored = run([&](const Env& env) { return find_petition(env.s, n.id); });
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->filer_name, "");
    EXPECT_EQ(stored->filer_contact, "");
    EXPECT_EQ(stored->filer_account_id, 0);
    auto who = run([&](const Env& env) { return open_identity(keys.ring(), n.id, identity_sealed(env.s, n.id)); });
    ASSERT_TRUE(who);
    EXPECT_EQ(who->name, kFiler);
    EXPECT_EQ(who->id_number, "025190001234");
    EXPECT_TRUE(run([&](const Env& env) { return has_filer_link(env.s, n.id, keys.filer_links(kCitizen)); }));
    auto reps = run([&](const Env& env) { return load_representatives(env.s, n.id); });
    ASSERT_EQ(reps.size(), 2u);
    EXPECT_EQ(reps[1].name, "");
    auto rep = open_representative(keys.ring(), n.id, 2, reps[1].sealed);
    ASSERT_TRUE(rep);
    EXPECT_EQ(rep->name, "Lê Thị Hoa");
  }
  EXPECT_EQ(audit_rows().size(), 2u);
  const std::string all = every_record();
  for (const std::string& secret : {kFiler, kContact, std::string("Lê Thị Hoa"), std::string("025190001234")})
    EXPECT_EQ(all.find(secret), std::string::npos) << secret;
  EXPECT_EQ(count("SELECT COUNT(*) FROM petition_events WHERE actor_id = " + std::to_string(kCitizen)), 0);
}

TEST_P(PetitionUseCases, AFollowUpKeyIsStoredOnlyAsItsHashBoundToTheCode) {
  ReceiveInput in;
  in.petition = feedback(Channel::online);
  in.role = "anonymous";
  const std::string key = new_lookup_key();
  in.lookup_key = key;
  Petition n = run([&](const Env& env) { return receive(env, std::move(in)).petition; });
  const std::string stored = run([&](const Env& env) { return lookup_key_hash_of(env.s, n.id); });
  EXPECT_EQ(stored, lookup_key_hash(n.code, key));
  EXPECT_TRUE(lookup_key_matches(stored, n.code, key));

  ReceiveInput without;
  without.petition = feedback(Channel::online);
  without.role = "citizen";
  Petition m = run([&](const Env& env) { return receive(env, std::move(without)).petition; });
  EXPECT_EQ(run([&](const Env& env) { return lookup_key_hash_of(env.s, m.id); }), "");
}

TEST_P(PetitionUseCases, ADenunciationThroughOpen311IsRefusedAndNothingStored) {
  ReceiveInput in;
  in.petition = feedback(Channel::open311);
  in.petition.kind = Kind::denunciation;
  in.role = "open311";
  EXPECT_THROW(run([&](const Env& env) { return receive(env, std::move(in)); }), std::invalid_argument);
  EXPECT_EQ(count("SELECT COUNT(*) FROM petitions"), 0);
  EXPECT_TRUE(audit_rows().empty());
}

TEST_P(PetitionUseCases, ASecondComplaintAddsAnEventToItsFirst) {
  Petition first = in_state(received(Kind::complaint_first), State::decided);
  ReceiveInput in;
  in.petition = feedback(Channel::letter);
  in.petition.kind = Kind::complaint_second;
  in.petition.linked_petition_id = first.id;
  in.late_reason = "ốm nằm viện";
  in.role = "one_stop_officer";
  in.actor_id = kOfficer;
  Petition n = run([&](const Env& env) { return receive(env, std::move(in)).petition; });
  auto events = run([&](const Env& env) { return load_events(env.s, first.id); });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].action, "second_complaint");
  EXPECT_EQ(events[1].note, n.code);
  auto mine = run([&](const Env& env) { return load_events(env.s, n.id); });
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].note, "letter; ốm nằm viện");
  EXPECT_EQ(run([&](const Env& env) { return find_petition(env.s, n.id); })->late_filing_reason, "ốm nằm viện");
}

// ---- act ----

TEST_P(PetitionUseCases, ActTakesAnAllowedTransitionWithItsEventAndAuditRecord) {
  Petition x = received();
  ActInput in;
  in.action = Action::classify;
  in.kind = Kind::recommendation;
  Acted done = run([&](const Env& env) { return act(env, principal(kSpecialist, {Role::specialist}), x, in); });
  ASSERT_EQ(done.result, ActResult::done) << done.log;
  auto stored = run([&](const Env& env) { return find_petition(env.s, x.id); });
  EXPECT_EQ(stored->state, State::classified);
  EXPECT_EQ(stored->kind, Kind::recommendation);
  auto events = run([&](const Env& env) { return load_events(env.s, x.id); });
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].action, "classify");
  EXPECT_EQ(events[1].role, "specialist");
  EXPECT_EQ(events[1].actor_id, kSpecialist);
  auto rows = audit_rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].action, "petition.classify");
  EXPECT_EQ(rows[1].before, "feedback " + x.code + " received letter");
  EXPECT_EQ(rows[1].after, "recommendation " + x.code + " classified letter");
}

TEST_P(PetitionUseCases, ActAssignsOnlySomeoneWhoMayVerify) {
  Petition x = in_state(received(), State::accepted);
  ActInput in;
  in.action = Action::assign;
  in.assignee = kOtherSpecialist;  // another agency's specialist
  Acted refused = run([&](const Env& env) { return act(env, principal(kLeader, {Role::agency_leader}), x, in); });
  EXPECT_EQ(refused.result, ActResult::incomplete);
  EXPECT_EQ(refused.message_id, "petitions.error.assignee");
  in.assignee = kSpecialist;
  Acted done = run([&](const Env& env) { return act(env, principal(kLeader, {Role::agency_leader}), x, in); });
  ASSERT_EQ(done.result, ActResult::done) << done.log;
  EXPECT_EQ(done.petition.assignee_id, kSpecialist);
  EXPECT_EQ(run([&](const Env& env) { return load_events(env.s, x.id); }).back().note, "Cán bộ 3");
}

struct RefusedCase {
  const char* name;
  State from;
  std::int64_t assignee;
  std::vector<Role> roles;
  Action action;
  std::string note;
  std::optional<std::int64_t> to_agency;
  ActResult result;
  Refusal refusal;
  std::string message_id;
};

TEST_P(PetitionUseCases, ActRefusesWithItsOutcomeAndWritesNothing) {
  const RefusedCase cases[] = {
      {"an officer may not accept", State::classified, 0, {Role::one_stop_officer}, Action::accept, "", {},
       ActResult::not_allowed, Refusal::role_not_allowed, ""},
      {"no close from received", State::received, 0, {Role::agency_leader}, Action::close, "", {},
       ActResult::not_allowed, Refusal::no_transition, ""},
      {"feedback is not extended", State::accepted, 0, {Role::agency_leader}, Action::extend, "QĐ 1", {},
       ActResult::not_allowed, Refusal::kind_not_allowed, ""},
      {"another specialist than the assignee", State::assigned, kOtherSpecialist, {Role::specialist}, Action::verify,
       "", {}, ActResult::not_allowed, Refusal::role_not_allowed, ""},
      {"a refusal needs its reasons", State::classified, 0, {Role::agency_leader}, Action::refuse, " ", {},
       ActResult::incomplete, Refusal::none, "petitions.error.reason_required"},
      {"a forward needs another agency", State::classified, 0, {Role::agency_leader}, Action::forward, "", kAgency,
       ActResult::incomplete, Refusal::none, "petitions.error.agency_required"},
      {"a decision needs its document", State::verified, 0, {Role::agency_leader}, Action::decide, "", {},
       ActResult::incomplete, Refusal::none, "petitions.error.document_required"},
      {"classify needs the kind", State::received, 0, {Role::specialist}, Action::classify, "", {},
       ActResult::incomplete, Refusal::none, "petitions.error.kind"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Petition x = in_state(received(), c.from, c.assignee);
    const auto audits = audit_rows().size();
    ActInput in;
    in.action = c.action;
    in.note = c.note;
    in.to_agency = c.to_agency;
    Acted out = run([&](const Env& env) { return act(env, principal(kSpecialist, c.roles), x, in); });
    EXPECT_EQ(out.result, c.result);
    EXPECT_EQ(out.refusal, c.refusal);
    EXPECT_EQ(out.message_id, c.message_id);
    EXPECT_FALSE(out.log.empty());
    EXPECT_EQ(audit_rows().size(), audits);
    EXPECT_EQ(run([&](const Env& env) { return load_events(env.s, x.id); }).size(), 1u);
    EXPECT_EQ(run([&](const Env& env) { return find_petition(env.s, x.id); })->state, c.from);
  }
}

TEST_P(PetitionUseCases, ActOnAPetitionChangedMeanwhileIsAConflict) {
  Petition x = received();
  ActInput in;
  in.action = Action::classify;
  in.kind = Kind::feedback;
  const auto specialist = principal(kSpecialist, {Role::specialist});
  ASSERT_EQ(run([&](const Env& env) { return act(env, specialist, x, in); }).result, ActResult::done);
  Acted again = run([&](const Env& env) { return act(env, specialist, x, in); });  // x is stale now
  EXPECT_EQ(again.result, ActResult::conflict);
  EXPECT_EQ(audit_rows().size(), 2u);
}

TEST_P(PetitionUseCases, ReclassifiedAsADenunciationTheFilerIsSealed) {
  ReceiveInput in;
  in.petition = feedback(Channel::online);
  in.petition.filer_account_id = kCitizen;
  in.role = "citizen";
  Petition x = run([&](const Env& env) { return receive(env, std::move(in)).petition; });
  ActInput classify;
  classify.action = Action::classify;
  classify.kind = Kind::denunciation;
  Acted done = run([&](const Env& env) { return act(env, principal(kInspector, {Role::inspector}), x, classify); });
  ASSERT_EQ(done.result, ActResult::done) << done.log;
  auto stored = run([&](const Env& env) { return find_petition(env.s, x.id); });
  EXPECT_EQ(stored->filer_name, "");
  EXPECT_EQ(stored->filer_account_id, 0);
  EXPECT_TRUE(run([&](const Env& env) { return has_filer_link(env.s, x.id, keys.filer_links(kCitizen)); }));
  auto who = run([&](const Env& env) { return open_identity(keys.ring(), x.id, identity_sealed(env.s, x.id)); });
  ASSERT_TRUE(who);
  EXPECT_EQ(who->name, kFiler);
  EXPECT_EQ(every_record().find(kFiler), std::string::npos);
}

// ---- links and disclosures ----

TEST_P(PetitionUseCases, LinkAndUnlinkOnlyInScope) {
  Petition a = received(), b = received();
  Petition elsewhere = received();
  elsewhere.agency_id = kOtherAgency;
  run([&](const Env& env) { return update_petition(env.s, elsewhere); });
  const auto specialist = principal(kSpecialist, {Role::specialist});
  EXPECT_EQ(run([&](const Env& env) { return link(env, specialist, a.id, elsewhere.id, LinkKind::duplicate); }).result,
            LinkResult::bad_target);
  EXPECT_EQ(run([&](const Env& env) { return link(env, specialist, elsewhere.id, a.id, LinkKind::duplicate); }).result,
            LinkResult::not_found);
  EXPECT_EQ(run([&](const Env& env) { return link(env, specialist, a.id, a.id, LinkKind::duplicate); }).result,
            LinkResult::bad_target);
  EXPECT_EQ(audit_rows().size(), 3u);  // the three receipts only
  EXPECT_EQ(run([&](const Env& env) { return link(env, specialist, a.id, b.id, LinkKind::same_matter); }).result,
            LinkResult::done);
  EXPECT_EQ(run([&](const Env& env) { return link(env, specialist, b.id, a.id, LinkKind::same_matter); }).result,
            LinkResult::unchanged);
  auto rows = audit_rows();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[3].action, "petition.link");
  EXPECT_EQ(rows[3].object_id, std::to_string(b.id));  // the later one
  EXPECT_EQ(run([&](const Env& env) { return unlink(env, specialist, a.id, b.id); }).result, LinkResult::done);
  EXPECT_EQ(run([&](const Env& env) { return unlink(env, specialist, a.id, b.id); }).result, LinkResult::unchanged);
  EXPECT_EQ(audit_rows().back().action, "petition.unlink");
  EXPECT_EQ(audit_rows().size(), 5u);
}

TEST_P(PetitionUseCases, EveryDisclosureIsRecordedWithoutTheSecret) {
  Petition x = received(Kind::denunciation);
  auto who = run([&](const Env& env) { return disclose_identity(env, x); });
  ASSERT_TRUE(who);
  EXPECT_EQ(who->name, kFiler);
  auto rows = audit_rows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].action, "petition.identity_view");
  EXPECT_EQ(rows[1].after.find(kFiler), std::string::npos);
}

// The monthly figures (api.h PetitionFigures, migration 012) are kept by triggers; after every
// step of a walk — receipt, answers on time and late, a refusal, Viet Nam's midnight, an agency's
// hand-over — they equal the recount from the petitions, and settled_at / settled_on_time say when
// and whether the settling step met its due day.
TEST_P(PetitionUseCases, SettlementFiguresEqualTheirRecount) {
  auto check = [&](const char* when) {
    SCOPED_TRACE(when);
    auto stored = run([&](const Env& env) { return stored_petition_figures(env.s); });
    auto counted = run([&](const Env& env) { return recount_petition_figures(env.s); });
    EXPECT_EQ(stored.months, counted.months);
    EXPECT_EQ(stored.hours, counted.hours);
    return stored;
  };
  auto walk_to_decision = [&](Petition x) {
    const auth::Principal leader = principal(kLeader, {Role::agency_leader});
    const auth::Principal specialist = principal(kSpecialist, {Role::specialist});
    auto step = [&](const auth::Principal& by, Action action, ActInput in) {
      in.action = action;
      x = *run([&](const Env& env) { return find_petition(env.s, x.id); });
      Acted a = run([&](const Env& env) { return act(env, by, x, in); });
      ASSERT_EQ(a.result, ActResult::done) << a.log;
    };
    ActInput classify;
    classify.kind = x.kind;
    step(specialist, Action::classify, classify);
    step(leader, Action::accept, {});
    ActInput assign;
    assign.assignee = kSpecialist;
    step(leader, Action::assign, assign);
    step(specialist, Action::verify, {});
    ActInput decide;
    decide.note = "Văn bản trả lời số 12/SXD";
    step(leader, Action::decide, decide);
    return *run([&](const Env& env) { return find_petition(env.s, x.id); });
  };
  check("empty");
  Petition on_time = received();
  Petition late = received(Kind::recommendation);
  Petition refused = received();
  check("received");
  clock.advance(std::chrono::hours(26));
  Petition answered = walk_to_decision(on_time);
  EXPECT_EQ(answered.settled_at, auth::iso_utc(clock.now()));
  EXPECT_TRUE(answered.settled_on_time) << "answered the next day, its due day " << on_time.resolve_due;
  check("answered on time");
  // Past its resolve day (10 working days from receipt) and across Viet Nam's midnight (17:30 UTC).
  clock.set(std::chrono::sys_days{std::chrono::year{2027} / 1 / 4} + std::chrono::hours(17) + std::chrono::minutes(30));
  Petition answered_late = walk_to_decision(late);
  EXPECT_FALSE(answered_late.settled_on_time) << "due " << late.resolve_due;
  auto figures = check("answered late, in January in Viet Nam");
  bool january = false;
  for (const auto& c : figures.months)
    if (c.month == "2027-01") january = c.settled == 1 && c.on_time == 0 && c.kind == "recommendation";
  EXPECT_TRUE(january) << "counted in Viet Nam's month of the answer";
  {
    ActInput classify;
    classify.action = Action::classify;
    classify.kind = Kind::feedback;
    Petition x = *run([&](const Env& env) { return find_petition(env.s, refused.id); });
    ASSERT_EQ(run([&](const Env& env) { return act(env, principal(kSpecialist, {Role::specialist}), x, classify); }).result,
              ActResult::done);
    ActInput refuse;
    refuse.action = Action::refuse;
    refuse.note = "Nội dung đã được trả lời";
    x = *run([&](const Env& env) { return find_petition(env.s, refused.id); });
    ASSERT_EQ(run([&](const Env& env) { return act(env, principal(kLeader, {Role::agency_leader}), x, refuse); }).result,
              ActResult::done);
    x = *run([&](const Env& env) { return find_petition(env.s, refused.id); });
    EXPECT_EQ(x.state, State::refused);
    EXPECT_FALSE(x.settled_at.empty());
  }
  check("refused");
  // A hand-over moves every petition of the agency: the figures follow them.
  tmp->exec("UPDATE petitions SET agency_id = " + std::to_string(kOtherAgency) + " WHERE id = " +
            std::to_string(on_time.id));
  figures = check("handed over");
  bool moved = false;
  for (const auto& c : figures.months) moved = moved || (c.agency_id == kOtherAgency && c.settled == 1);
  EXPECT_TRUE(moved);
  // A cell changed behind the triggers' back is seen.
  tmp->exec("UPDATE petition_month_stats SET on_time = on_time + 1 WHERE settled > 0");
  auto stored = run([&](const Env& env) { return stored_petition_figures(env.s); });
  auto counted = run([&](const Env& env) { return recount_petition_figures(env.s); });
  EXPECT_NE(stored.months, counted.months);
  run([&](const Env& env) {
    replace_petition_figures(env.s, counted);
    return 0;
  });
  check("repaired");
}

INSTANTIATE_TEST_SUITE_P(Dialects, PetitionUseCases, ::testing::ValuesIn(testing::dialects()), testing::dialect_name);

// ---- permissions (permissions.h), table-driven over the roles ----

struct RoleCase {
  Role role;
  bool sees_all, desk_staff;
};

TEST(PetitionPermissions, WhoIsDeskStaffAndWhoSeesEveryAgency) {
  const RoleCase cases[] = {
      {Role::citizen, false, false},      {Role::one_stop_officer, false, true}, {Role::specialist, false, true},
      {Role::agency_leader, false, true}, {Role::inspector, true, true},         {Role::province_leader, true, true},
      {Role::administrator, false, false}, {Role::auditor, false, false},
  };
  ASSERT_EQ(std::size(cases), std::size(auth::kAllRoles));
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(auth::role_name(c.role)));
    auto p = principal(10, {c.role});
    EXPECT_EQ(sees_all(p), c.sees_all);
    EXPECT_EQ(is_desk_staff(p), c.desk_staff);
    EXPECT_TRUE(in_scope(p, kAgency));
    EXPECT_EQ(in_scope(p, kOtherAgency), c.sees_all);
  }
}

TEST(PetitionPermissions, OnceAssignedOnlyTheAssigneeWorksTheCaseAsVerifier) {
  Petition x;
  x.agency_id = kAgency;
  x.assignee_id = kSpecialist;
  for (Role r : auth::kAllRoles) {
    SCOPED_TRACE(std::string(auth::role_name(r)));
    const bool verifier = r == Role::specialist || r == Role::inspector;
    EXPECT_TRUE(works_case(principal(kSpecialist, {r}), r, x));
    EXPECT_EQ(works_case(principal(kOtherSpecialist, {r}), r, x), !verifier);
  }
  x.assignee_id = 0;
  EXPECT_TRUE(works_case(principal(kOtherSpecialist, {Role::specialist}), Role::specialist, x));
}

TEST(PetitionPermissions, ADenouncerAndTheFilesOnlyForTheAssignedInspector) {
  Petition d;
  d.kind = Kind::denunciation;
  d.agency_id = kAgency;
  d.assignee_id = kInspector;
  for (Role r : auth::kAllRoles) {
    SCOPED_TRACE(std::string(auth::role_name(r)));
    const bool assigned_inspector = r == Role::inspector;
    EXPECT_EQ(identity_visible(principal(kInspector, {r}), d), assigned_inspector);
    EXPECT_EQ(desk_may_open_file(principal(kInspector, {r}), d), assigned_inspector);
    EXPECT_FALSE(identity_visible(principal(kOtherSpecialist, {r}), d));
  }
  Petition f = d;
  f.kind = Kind::feedback;
  EXPECT_FALSE(identity_visible(principal(kInspector, {Role::inspector}), f));  // not a denunciation
  EXPECT_TRUE(desk_may_open_file(principal(kSpecialist, {Role::specialist}), f));
  EXPECT_FALSE(desk_may_open_file(principal(kSpecialist, {Role::specialist}), f, true));  // sealed earlier
  EXPECT_FALSE(desk_may_open_file(principal(kSpecialist, {Role::specialist}, kOtherAgency), f));  // out of scope
}

TEST(PetitionPermissions, TheFilerOpensEvidenceAndTheDecisionOnceDecided) {
  struct Case {
    State state;
    FileRole role;
    bool opens;
  };
  const Case cases[] = {
      {State::received, FileRole::evidence, true},  {State::received, FileRole::decision, false},
      {State::verified, FileRole::decision, false}, {State::decided, FileRole::decision, true},
      {State::notified, FileRole::decision, true},  {State::closed, FileRole::decision, true},
      {State::closed, FileRole::internal, false},   {State::refused, FileRole::decision, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(state_code(c.state)) + " " + std::string(file_role_code(c.role)));
    Petition x;
    x.state = c.state;
    EXPECT_EQ(filer_may_open_file(x, c.role), c.opens);
    x.kind = Kind::denunciation;
    EXPECT_FALSE(filer_may_open_file(x, c.role));
  }
}

}  // namespace
}  // namespace tinhso::petitions
