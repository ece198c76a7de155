// transition::apply on a database of each dialect, table-driven: each action from the states
// that matter, by the right and the wrong actor — done, not_allowed, invalid (a note, assignee,
// agency or new date missing) or conflict (a stale version) — and what it does to the statutory
// clock (start, pause, resume, stop) on a fake clock. A done change writes exactly one event and
// one audit record and tells the notifier once; anything else writes nothing.
#include <gtest/gtest.h>

#include "dossier_fixture.h"
#include "modules/dossiers/api.h"
#include "modules/dossiers/store_intake.h"

namespace tinhso::dossiers {
namespace {

using test::kAgency, test::kCitizen, test::kLeader, test::kOfficer, test::kOther, test::kSpecialist;

// Where the dossier's clock stands before the action.
enum class Start {
  not_received,  // no receipt yet
  running,       // received Mon 23/11, due Wed 9/12
  paused,        // received, then a supplement requested on Wed 25/11 (an open pause)
  overdue,       // received, due Mon 30/11: returned late today
};

struct Case {
  const char* name;
  State from;
  Start start;
  Action action;
  Actor actor;
  std::string note;
  std::int64_t assignee = 0, to_agency = 0;
  std::string new_date;
  Result result = Result::done;
  std::optional<State> to;
  ClockEffect effect = ClockEffect::none;
};

std::int64_t account_of(Actor a) {
  switch (a) {
    case Actor::applicant: return kCitizen;
    case Actor::one_stop_officer: return kOfficer;
    case Actor::specialist: return kSpecialist;
    case Actor::agency_leader: return kLeader;
  }
  return 0;
}

const Case kCases[] = {
    {"submit", State::draft, Start::not_received, Action::submit, Actor::applicant, "", 0, 0, "", Result::done, State::submitted},
    {"submit_by_officer", State::draft, Start::not_received, Action::submit, Actor::one_stop_officer, "", 0, 0, "", Result::not_allowed},
    {"withdraw", State::submitted, Start::not_received, Action::withdraw, Actor::applicant, "", 0, 0, "", Result::done, State::withdrawn},
    {"withdraw_after_receipt", State::received, Start::running, Action::withdraw, Actor::applicant, "", 0, 0, "", Result::not_allowed},
    {"receive", State::submitted, Start::not_received, Action::receive, Actor::one_stop_officer, "", 0, 0, "", Result::done,
     State::received, ClockEffect::start},
    {"receive_by_leader", State::submitted, Start::not_received, Action::receive, Actor::agency_leader, "", 0, 0, "", Result::not_allowed},
    {"request_before_receipt", State::submitted, Start::not_received, Action::request_supplement, Actor::one_stop_officer,
     "Bản sao CCCD", 0, 0, "", Result::done, State::supplement_requested},
    {"refuse_without_reason", State::submitted, Start::not_received, Action::refuse, Actor::one_stop_officer, " \n", 0, 0, "",
     Result::invalid},
    {"refuse", State::submitted, Start::not_received, Action::refuse, Actor::one_stop_officer, "Không thuộc thẩm quyền", 0, 0, "",
     Result::done, State::refused},
    {"request_while_running", State::received, Start::running, Action::request_supplement, Actor::one_stop_officer,
     "Bản sao CCCD", 0, 0, "", Result::done, State::supplement_requested, ClockEffect::pause},
    {"request_without_list", State::received, Start::running, Action::request_supplement, Actor::one_stop_officer, "", 0, 0, "",
     Result::invalid},
    {"assign", State::received, Start::running, Action::assign, Actor::agency_leader, "", kSpecialist, 0, "", Result::done,
     State::processing},
    {"assign_nobody", State::received, Start::running, Action::assign, Actor::agency_leader, "", 0, 0, "", Result::invalid},
    {"assign_by_officer", State::received, Start::running, Action::assign, Actor::one_stop_officer, "", kSpecialist, 0, "",
     Result::not_allowed},
    {"transfer", State::received, Start::running, Action::transfer, Actor::agency_leader, "Thuộc Sở Xây dựng", 0, kOther, "",
     Result::done, State::received},
    {"transfer_to_itself", State::received, Start::running, Action::transfer, Actor::agency_leader, "Lý do", 0, kAgency, "",
     Result::invalid},
    {"propose", State::processing, Start::running, Action::propose, Actor::specialist, "", 0, 0, "", Result::done, State::proposed},
    {"propose_by_leader", State::processing, Start::running, Action::propose, Actor::agency_leader, "", 0, 0, "", Result::not_allowed},
    {"approve", State::proposed, Start::running, Action::approve, Actor::agency_leader, "", 0, 0, "", Result::done, State::approved},
    {"send_back_without_reason", State::proposed, Start::running, Action::send_back, Actor::agency_leader, "", 0, 0, "",
     Result::invalid},
    {"send_back", State::proposed, Start::running, Action::send_back, Actor::agency_leader, "Thiếu căn cứ", 0, 0, "", Result::done,
     State::processing},
    {"return_on_time", State::approved, Start::running, Action::return_result, Actor::one_stop_officer, "", 0, 0, "", Result::done,
     State::returned, ClockEffect::stop},
    {"return_late", State::approved, Start::overdue, Action::return_result, Actor::one_stop_officer, "", 0, 0, "", Result::done,
     State::returned, ClockEffect::stop},
    {"return_by_leader", State::approved, Start::running, Action::return_result, Actor::agency_leader, "", 0, 0, "",
     Result::not_allowed},
    {"return_twice", State::returned, Start::running, Action::return_result, Actor::one_stop_officer, "", 0, 0, "",
     Result::not_allowed},
    {"supplement_resumes", State::supplement_requested, Start::paused, Action::supplement, Actor::applicant, "Đã bổ sung", 0, 0, "",
     Result::done, State::processing, ClockEffect::resume},
    {"supplement_by_specialist", State::supplement_requested, Start::paused, Action::supplement, Actor::specialist, "", 0, 0, "",
     Result::not_allowed},
    {"apology", State::processing, Start::running, Action::apology, Actor::agency_leader, "Cần xác minh", 0, 0, "2026-12-15",
     Result::done, State::processing},
    {"apology_without_date", State::received, Start::running, Action::apology, Actor::agency_leader, "Cần xác minh", 0, 0, "",
     Result::invalid},
    {"apology_without_reason", State::received, Start::running, Action::apology, Actor::agency_leader, "", 0, 0, "2026-12-15",
     Result::invalid},
    {"apology_by_specialist", State::processing, Start::running, Action::apology, Actor::specialist, "Lý do", 0, 0, "2026-12-15",
     Result::not_allowed},
    {"apology_while_paused", State::supplement_requested, Start::paused, Action::apology, Actor::agency_leader, "Lý do", 0, 0,
     "2026-12-15", Result::not_allowed},
};

class DossierTransition : public test::DossierDb {
 protected:
  Dossier prepare(const Case& c) {
    switch (c.start) {
      case Start::not_received: return stored(c.from);
      case Start::running: return running(c.from);
      case Start::overdue: return running(c.from, [](Dossier& d) { d.due_date = d.appointment_date = "2026-11-30"; });
      case Start::paused: {
        Dossier d = running(c.from, [](Dossier& x) {
          x.paused_at = "2026-11-25T02:00:00Z";
          x.due_date.clear();
          x.resume_state = State::processing;
        });
        db().transaction([&](soci::session& s) { open_pause(s, d.id, d.paused_at); });
        return d;
      }
    }
    return stored(c.from);
  }
};

TEST_P(DossierTransition, EachActionFromItsStates) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    audited.clear();
    notices.clear();
    const Dossier before = prepare(c);
    Command cmd{c.action, c.note, c.assignee, c.to_agency};
    cmd.new_date = c.new_date;
    Applied a = apply_now(before, cmd, who(c.actor, account_of(c.actor)));
    ASSERT_EQ(a.result, c.result);
    const Dossier now = reread(before.id);
    const auto history = events(before.id);
    if (c.result != Result::done) {
      EXPECT_EQ(now.version, before.version);
      EXPECT_EQ(now.state, before.state);
      EXPECT_TRUE(history.empty());
      EXPECT_EQ(audit_rows(before.id), 0);
      EXPECT_TRUE(notices.empty());
      continue;
    }
    ASSERT_TRUE(c.to);
    EXPECT_EQ(now.state, *c.to);
    EXPECT_EQ(a.dossier.state, *c.to);
    EXPECT_EQ(now.version, before.version + 1);
    EXPECT_EQ(now.updated_at, "2026-12-01T02:00:00Z");
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].action, action_code(c.action));
    EXPECT_EQ(history[0].from_state, state_code(c.from));
    EXPECT_EQ(history[0].to_state, state_code(*c.to));
    EXPECT_EQ(history[0].actor_account_id, account_of(c.actor));
    EXPECT_EQ(history[0].note, c.note);
    EXPECT_EQ(audit_rows(before.id), 1);
    ASSERT_EQ(audited.size(), 1u);
    EXPECT_EQ(audited[0].action, "dossier." + std::string(action_code(c.action)));
    EXPECT_EQ(audited[0].object_id, std::to_string(before.id));
    EXPECT_EQ(audited[0].before, summary(before));
    EXPECT_EQ(audited[0].after, summary(now));
    EXPECT_EQ(notices, std::vector<Action>{c.action});
    auto pauses = db().with_session([&](soci::session& s) { return load_pauses(s, before.id); });

    switch (c.effect) {
      case ClockEffect::start:
        EXPECT_EQ(now.received_at, "2026-12-01T02:00:00Z");
        EXPECT_EQ(now.due_date, "2026-12-08") << "5 working days from Wed 2/12";
        EXPECT_EQ(now.appointment_date, now.due_date);
        break;
      case ClockEffect::pause:
        EXPECT_EQ(now.paused_at, "2026-12-01T02:00:00Z");
        EXPECT_EQ(now.due_date, "");
        ASSERT_EQ(pauses.size(), 1u);
        EXPECT_EQ(pauses[0].resumed_at, "");
        EXPECT_EQ(clock_of(now), Clock::paused);
        break;
      case ClockEffect::resume:
        EXPECT_EQ(now.paused_at, "");
        EXPECT_FALSE(now.resume_state.has_value());
        ASSERT_EQ(pauses.size(), 1u);
        EXPECT_EQ(pauses[0].resumed_at, "2026-12-01T02:00:00Z");
        EXPECT_EQ(now.due_date, "2026-12-08") << "restart: the whole limit from the completion";
        EXPECT_EQ(now.appointment_date, "2026-12-09") << "the appointment never moves earlier";
        EXPECT_EQ(clock_of(now), Clock::running);
        break;
      case ClockEffect::stop:
        EXPECT_EQ(now.returned_at, "2026-12-01T02:00:00Z");
        ASSERT_TRUE(now.on_time.has_value());
        EXPECT_EQ(*now.on_time, c.start != Start::overdue);
        EXPECT_EQ(clock_of(now), Clock::stopped);
        break;
      case ClockEffect::none:
        EXPECT_EQ(now.received_at, before.received_at);
        EXPECT_EQ(now.due_date, before.due_date);
        EXPECT_EQ(now.paused_at, before.paused_at);
        EXPECT_TRUE(pauses.empty());
        break;
    }
  }
}

TEST_P(DossierTransition, WhatEachActionChanges) {
  Dossier r = running(State::received);
  Applied t = apply_now(r, {Action::transfer, "Thuộc Sở Xây dựng", 0, kOther}, who(Actor::agency_leader, kLeader));
  ASSERT_EQ(t.result, Result::done);
  EXPECT_EQ(reread(r.id).agency_id, kOther);
  EXPECT_EQ(reread(r.id).assignee_id, 0);
  EXPECT_EQ(events(r.id)[0].agency_id, kOther);

  Dossier a = running(State::received);
  ASSERT_EQ(apply_now(a, {Action::assign, "", kSpecialist, 0}, who(Actor::agency_leader, kLeader)).result, Result::done);
  EXPECT_EQ(reread(a.id).assignee_id, kSpecialist);

  Dossier s = running(State::received);
  ASSERT_EQ(apply_now(s, {Action::request_supplement, "Bản sao", 0, 0}, who(Actor::one_stop_officer, kOfficer)).result,
            Result::done);
  EXPECT_EQ(reread(s.id).resume_state, State::received);

  Dossier p = running(State::processing);
  Command apology{Action::apology, "Cần xác minh"};
  apology.new_date = "2026-12-15";
  ASSERT_EQ(apply_now(p, apology, who(Actor::agency_leader, kLeader)).result, Result::done);
  EXPECT_EQ(reread(p.id).appointment_date, "2026-12-15");
  EXPECT_EQ(reread(p.id).due_date, "2026-12-09") << "the statutory due date stays";

  Dossier d = stored(State::draft);
  ASSERT_EQ(apply_now(d, {Action::submit}, who(Actor::applicant, kCitizen)).result, Result::done);
  EXPECT_EQ(reread(d.id).submitted_at, "2026-12-01T02:00:00Z");
}

// The dossier changed after it was read: nothing is written.
TEST_P(DossierTransition, AStaleVersionIsAConflict) {
  Dossier seen = running(State::received);
  db().transaction([&](soci::session& s) {
    Dossier moved = seen;
    moved.details = "sửa";
    ASSERT_TRUE(update_dossier(s, moved));
  });
  Applied a = apply_now(seen, {Action::assign, "", kSpecialist, 0}, who(Actor::agency_leader, kLeader));
  EXPECT_EQ(a.result, Result::conflict);
  EXPECT_EQ(a.dossier.version, seen.version);
  EXPECT_EQ(reread(seen.id).state, State::received);
  EXPECT_TRUE(events(seen.id).empty());
  EXPECT_EQ(audit_rows(seen.id), 0);
  EXPECT_TRUE(notices.empty());
}

// Receipt and return count in the monthly figures of the responsible agency.
TEST_P(DossierTransition, ClockStartAndStopCountInTheFigures) {
  auto figures = [&] {
    long long received = 0, open = 0, on_time = 0;
    const std::int64_t agency = kAgency;
    db().with_session([&](soci::session& s) {
      s << "SELECT CAST(COALESCE(SUM(received), 0) AS BIGINT), CAST(COALESCE(SUM(open_count), 0) AS BIGINT), "
           "CAST(COALESCE(SUM(on_time), 0) AS BIGINT) FROM dossier_stats WHERE agency_id = :a",
          soci::into(received), soci::into(open), soci::into(on_time), soci::use(agency);
    });
    return std::vector<long long>{received, open, on_time};
  };
  Dossier d = stored(State::submitted);
  Applied r = apply_now(d, {Action::receive}, who(Actor::one_stop_officer, kOfficer));
  ASSERT_EQ(r.result, Result::done);
  EXPECT_EQ(figures(), (std::vector<long long>{1, 1, 0}));
  Dossier approved = r.dossier;
  approved.state = State::approved;
  db().transaction([&](soci::session& s) { ASSERT_TRUE(update_dossier(s, approved)); });
  approved.version++;
  ASSERT_EQ(apply_now(approved, {Action::return_result}, who(Actor::one_stop_officer, kOfficer)).result, Result::done);
  EXPECT_EQ(figures(), (std::vector<long long>{1, 0, 1}));
}

// Migration 006_open_counts: the trigger-kept counts of open dossiers per (agency | desk, state)
// equal COUNT(*) over the dossiers after every action of the table, a direct move to another
// agency and desk (as the hand-over of an ended agency does) and a deletion.
TEST_P(DossierTransition, OpenCountsFollowEveryChange) {
  auto mismatches = [&] {
    return db().with_session([](soci::session& s) {
      const std::string open =
          "received_at IS NOT NULL AND state IN ('received', 'processing', 'proposed', 'approved', 'supplement_requested')";
      int n = 0;
      s << "SELECT COUNT(*) FROM (SELECT 'agency' AS kind, agency_id AS a, state, COUNT(*) AS n FROM dossiers WHERE " + open +
               " GROUP BY agency_id, state UNION ALL SELECT 'desk', desk_agency_id, state, COUNT(*) FROM dossiers WHERE " +
               open +
               " GROUP BY desk_agency_id, state) t FULL OUTER JOIN (SELECT * FROM dossier_open_counts WHERE n <> 0) c"
               " ON c.kind = t.kind AND c.agency_id = t.a AND c.state = t.state"
               " WHERE t.n IS NULL OR c.n IS NULL OR t.n <> c.n",
          soci::into(n);
      return n;
    });
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    const Dossier before = prepare(c);
    Command cmd{c.action, c.note, c.assignee, c.to_agency};
    cmd.new_date = c.new_date;
    apply_now(before, cmd, who(c.actor, account_of(c.actor)));
    ASSERT_EQ(mismatches(), 0);
  }
  Dossier moved = running(State::processing);
  db().transaction([&](soci::session& s) {
    long long id = moved.id;
    s << "UPDATE dossiers SET agency_id = 3, desk_agency_id = 3 WHERE id = :id", soci::use(id);
  });
  EXPECT_EQ(mismatches(), 0);
  db().transaction([&](soci::session& s) {
    long long id = moved.id;
    s << "DELETE FROM dossier_events WHERE dossier_id = :id", soci::use(id);
    s << "DELETE FROM dossiers WHERE id = :id", soci::use(id);
  });
  EXPECT_EQ(mismatches(), 0);
  long long open = db().with_session([](soci::session& s) {
    long long n = 0;
    s << "SELECT COALESCE(SUM(n), 0) FROM dossier_open_counts WHERE kind = 'agency'", soci::into(n);
    return n;
  });
  EXPECT_GT(open, 0) << "the cases leave open dossiers to count";
  db().transaction([](soci::session& s) { s << "UPDATE dossier_open_counts SET n = n + 1 WHERE kind = 'desk'"; });
  EXPECT_GT(mismatches(), 0) << "the comparison sees a wrong count";
}

// Migration 007_procedure_stats: the trigger-kept figures per procedure and month equal their
// recount from the dossiers in C++ (what `tinhso indicators recount --check` compares) after every
// action of the table, a return with a result file, a rating and a return across Viet Nam's
// midnight; a changed cell is seen.
TEST_P(DossierTransition, ProcedureFiguresEqualTheirRecount) {
  auto differ = [&] {
    return db().with_session([](soci::session& s) { return stored_procedure_months(s) != recount_procedure_months(s); });
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    const Dossier before = prepare(c);
    Command cmd{c.action, c.note, c.assignee, c.to_agency};
    cmd.new_date = c.new_date;
    apply_now(before, cmd, who(c.actor, account_of(c.actor)));
    ASSERT_FALSE(differ());
  }
  Dossier d = running(State::approved);
  db().transaction([&](soci::session& s) {
    long long id = d.id;
    s << "INSERT INTO dossier_files (dossier_id, role, file_name, content_type, size, sha256, content_base64, created_at)"
         " VALUES (:d, 'result', 'kq.pdf', 'application/pdf', 1, 'x', 'eA==', '2026-12-01T02:00:00Z')",
        soci::use(id);
  });
  // Returned at 23:30 on 31 December in Viet Nam (16:30 UTC), rated at 00:30 on 1 January (17:30 UTC
  // on 31 December): each counts in Viet Nam's month.
  clock.set(auth::parse_iso_utc("2026-12-31T16:30:00Z"));
  Applied r = apply_now(d, {Action::return_result}, who(Actor::one_stop_officer, kOfficer));
  ASSERT_EQ(r.result, Result::done);
  db().transaction([&](soci::session& s) { ASSERT_TRUE(insert_rating(s, d.id, {1, "chậm", "2026-12-31T17:30:00Z"})); });
  ASSERT_FALSE(differ());
  auto cells = db().with_session([](soci::session& s) { return stored_procedure_months(s); });
  long long digitised = 0, rated_in_january = 0, returned_in_january = 0;
  for (const auto& c : cells) {
    digitised += c.digitised;
    if (c.month == "2027-01") rated_in_january += c.rated, returned_in_january += c.returned;
  }
  EXPECT_EQ(digitised, 1);
  EXPECT_EQ(returned_in_january, 0) << "16:30 UTC on 31 December is 23:30 on 31 December in Viet Nam";
  EXPECT_EQ(rated_in_january, 1) << "17:30 UTC on 31 December is 00:30 on 1 January in Viet Nam";
  // Any writer's change follows (migration 008): receipt and return moved, the on-time flag, the
  // agency (a hand-over, its ratings with it), a result file added after the return.
  const std::string id = std::to_string(d.id);
  for (const std::string& sql :
       {"UPDATE dossiers SET received_at = '2026-10-15T03:00:00Z' WHERE id = " + id,
        "UPDATE dossiers SET returned_at = '2026-11-20T03:00:00Z', on_time = FALSE WHERE id = " + id,
        "UPDATE dossiers SET responsible_agency_id = (SELECT MAX(id) FROM agencies) WHERE id = " + id,
        "INSERT INTO dossier_files (dossier_id, role, file_name, content_type, size, sha256, content_base64, created_at)"
        " SELECT id, 'result', 'kq2.pdf', 'application/pdf', 1, 'y', 'eA==', '2026-12-02T02:00:00Z' FROM dossiers"
        " WHERE returned_at IS NOT NULL AND id <> " + id + " AND NOT EXISTS (SELECT 1 FROM dossier_files f WHERE"
        " f.dossier_id = dossiers.id AND f.role = 'result')",
        "UPDATE dossiers SET channel = 'counter' WHERE id = " + id}) {
    SCOPED_TRACE(sql);
    db().transaction([&](soci::session& s) { s << sql; });
    EXPECT_FALSE(differ());
  }
  db().transaction([](soci::session& s) { s << "UPDATE dossier_procedure_stats SET received = received + 1"; });
  EXPECT_TRUE(differ()) << "the comparison sees a wrong cell";
}

INSTANTIATE_TEST_SUITE_P(Dialects, DossierTransition, ::testing::ValuesIn(testing::dialects()), testing::dialect_name);

}  // namespace
}  // namespace tinhso::dossiers
