#pragma once
// A migrated database of either dialect with what a dossier needs: a desk agency (TTHCC), the
// handling agency (SO-KHCN) and another one (SO-XD), a citizen (1), a one-stop officer (2), a
// specialist (3) and a leader (4), and a procedure handled in 5 working days with one mandatory
// and one optional document. The clock is fake: Tue 1 Dec 2026, 09:00 in Vietnam. The audit
// Recorder and the notifier count what they are told.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/auth/clock.h"
#include "core/calendar/source.h"
#include "modules/audit/api.h"
#include "modules/dossiers/store.h"
#include "modules/dossiers/transition.h"
#include "modules/procedures/api.h"
#include "modules/procedures/store.h"
#include "temp_db.h"

namespace tinhso::dossiers::test {

using namespace std::chrono_literals;

inline constexpr std::int64_t kDesk = 1, kAgency = 2, kOther = 3;
inline constexpr std::int64_t kCitizen = 1, kOfficer = 2, kSpecialist = 3, kLeader = 4;

class DossierDb : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    TINHSO_SKIP_UNLESS_AVAILABLE(GetParam());
    tmp = std::make_unique<testing::TempDb>(GetParam());
    // No ids given (PostgreSQL's identity columns refuse them): a new database numbers from 1.
    tmp->exec(
        "INSERT INTO admin_units (code, name, level, valid_from) VALUES ('25', 'Tỉnh Phú Thọ', 'province', '2025-07-01');"
        "INSERT INTO agencies (code, name, kind, admin_unit_id) VALUES ('TTHCC', 'Trung tâm', 'one_stop_centre', 1);"
        "INSERT INTO agencies (code, name, kind, admin_unit_id) VALUES ('SO-KHCN', 'Sở KHCN', 'department', 1);"
        "INSERT INTO agencies (code, name, kind, admin_unit_id) VALUES ('SO-XD', 'Sở Xây dựng', 'department', 1);"
        "INSERT INTO accounts (email, full_name, kind, status, created_at, updated_at) VALUES"
        " ('dan@example.vn', 'Trần Văn Dân', 'citizen', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
        "INSERT INTO accounts (email, full_name, kind, status, created_at, updated_at) VALUES"
        " ('mc@example.vn', 'Cán bộ Một cửa', 'staff', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
        "INSERT INTO accounts (email, full_name, kind, status, created_at, updated_at) VALUES"
        " ('cv@example.vn', 'Chuyên viên', 'staff', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
        "INSERT INTO accounts (email, full_name, kind, status, created_at, updated_at) VALUES"
        " ('ld@example.vn', 'Lãnh đạo', 'staff', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');");
    db().with_session([](soci::session& s) {
      std::int64_t desk = 0, other = 0, leader = 0;
      s << "SELECT id FROM agencies WHERE code = 'TTHCC'", soci::into(desk);
      s << "SELECT id FROM agencies WHERE code = 'SO-XD'", soci::into(other);
      s << "SELECT id FROM accounts WHERE email = 'ld@example.vn'", soci::into(leader);
      ASSERT_EQ(desk, kDesk);
      ASSERT_EQ(other, kOther);
      ASSERT_EQ(leader, kLeader);
    });
    procedures::Procedure p;
    p.code = "XB-1";
    p.name = "Cấp giấy phép xuất bản";
    p.field = "Xuất bản";
    p.level = procedures::Level::province;
    p.agency_id = kAgency;
    p.desk_agency_id = kDesk;
    p.time_limit_working_days = 5;
    p.documents = {{0, 1, "Đơn đề nghị", true, ""}, {0, 2, "Bản sao", false, ""}};
    p.steps = {{0, 1, "Tiếp nhận", 100}};
    p.active = true;
    proc = db().transaction([&](soci::session& s) {
      auto id = procedures::insert_procedure(s, p, "2026-01-01T00:00:00Z", "test");
      return *procedures::find_procedure(s, id);
    });
  }

  db::Database& db() { return tmp->db(); }

  // A dossier of the procedure in `state`, stored as given (id and version set).
  Dossier stored(State state, const std::function<void(Dossier&)>& shape = {}) {
    Dossier d;
    d.procedure_id = proc.id;
    d.desk_agency_id = kDesk;
    d.agency_id = d.responsible_agency_id = kAgency;
    d.state = state;
    d.applicant_account_id = kCitizen;
    d.applicant_name = "Trần Văn Dân";
    d.applicant_phone = "0912345678";
    d.time_limit_working_days = 5;
    d.created_at = d.updated_at = "2026-11-20T02:00:00Z";
    if (state != State::draft) {
      d.code = "TTHCC-261120-" + std::to_string(++codes);
      d.submitted_at = "2026-11-20T02:00:00Z";
    }
    if (shape) shape(d);
    return db().transaction([&](soci::session& s) {
      d.id = insert_dossier(s, d);
      return *find_dossier(s, d.id);
    });
  }

  // A dossier received on Mon 23 Nov 2026 09:00 (due Mon 30 Nov), its clock running, in `state`.
  Dossier running(State state, const std::function<void(Dossier&)>& shape = {}) {
    return stored(state, [&](Dossier& d) {
      d.received_at = "2026-11-23T02:00:00Z";
      d.due_date = d.appointment_date = "2026-12-09";
      if (state != State::received) d.assignee_id = kSpecialist;
      if (shape) shape(d);
    });
  }

  Who who(Actor role, std::int64_t account) {
    return Who{role, account, clock.now(), recorder(), [this](soci::session&, const Dossier&, const Command& c) {
                 notices.push_back(c.action);
               }};
  }
  audit::Recorder recorder() {
    auto inner = audit::for_system(db().dialect(), clock, "test");
    return [this, inner](soci::session& s, const audit::Change& c) {
      inner(s, c);
      audited.push_back(c);
    };
  }

  std::vector<Event> events(std::int64_t id) {
    return db().with_session([&](soci::session& s) { return load_events(s, id); });
  }
  Dossier reread(std::int64_t id) {
    return db().with_session([&](soci::session& s) { return *find_dossier(s, id); });
  }
  // Audit records stored for the dossier `id` (what the Recorder wrote, committed).
  long long audit_rows(std::int64_t id) {
    long long n = 0;
    db().with_session([&](soci::session& s) {
      s << "SELECT COUNT(*) FROM audit_log WHERE object_type = 'dossier' AND object_id = :id", soci::into(n),
          soci::use(std::to_string(id));
    });
    return n;
  }
  Applied apply_now(const Dossier& d, const Command& cmd, const Who& w) {
    return db().transaction([&](soci::session& s) { return apply(s, calendar, SupplementClock::restart, d, cmd, w); });
  }

  std::unique_ptr<testing::TempDb> tmp;
  procedures::Procedure proc;
  // Tue 1 Dec 2026 09:00 in Vietnam (UTC+7), before the receipt cut-off.
  auth::FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + 2h};
  calendar::CalendarSource calendar{{}, {}};
  std::vector<audit::Change> audited;
  std::vector<Action> notices;
  int codes = 0;
};

}  // namespace tinhso::dossiers::test
