#include "modules/identity/api.h"

#include <cstdio>

#include "core/app/cli.h"
#include "modules/identity/cli.h"
#include "core/auth/principal.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/identity/handlers.h"
#include "modules/identity/password.h"
#include "modules/identity/session.h"
#include "modules/identity/store.h"

namespace tinhso::identity {

namespace {

struct DemoAccount {
  const char* email;
  auth::Role role;
  const char* name;
  const char* agency_code;  // "" = none (citizens; the province-wide administrator)
};

// One account per role of issue 3; staff belong to agencies of the directory module's demo data.
constexpr DemoAccount kDemo[] = {
    {"citizen@demo.tinhso.vn", auth::Role::citizen, "Nguyễn Thị Lan", ""},
    {"officer@demo.tinhso.vn", auth::Role::one_stop_officer, "Trần Văn Minh", "TTHCC"},
    {"specialist@demo.tinhso.vn", auth::Role::specialist, "Lê Thị Hồng", "SO-KHCN"},
    {"leader@demo.tinhso.vn", auth::Role::agency_leader, "Phạm Quốc Hùng", "SO-KHCN"},
    {"inspector@demo.tinhso.vn", auth::Role::inspector, "Hoàng Văn Đức", "UBND-TINH"},
    {"province@demo.tinhso.vn", auth::Role::province_leader, "Đỗ Minh Tuấn", "UBND-TINH"},
    {"admin@demo.tinhso.vn", auth::Role::administrator, "Vũ Thị Mai", ""},  // province-wide
    {"auditor@demo.tinhso.vn", auth::Role::auditor, "Bùi Văn Nam", "UBND-TINH"},
    // The consultations' demo (issue 18 §10): the drafting agency's officer, a farmer and a
    // cooperative's representative (its organisation account).
    {"nongnghiep@demo.tinhso.vn", auth::Role::specialist, "Ngô Thị Thu Hà", "SO-NNMT"},
    {"nongdan@demo.tinhso.vn", auth::Role::citizen, "Lê Văn Hải", ""},
    {"htx@demo.tinhso.vn", auth::Role::citizen, "Trần Văn Bình", ""},
    // The elections' demo (issue 19): a polling team's second member, who checks the minutes the
    // one-stop officer enters.
    {"tobaucu@demo.tinhso.vn", auth::Role::one_stop_officer, "Nguyễn Văn Sơn", "TTHCC"},
};

void load_demo(app::Context& ctx) {
  std::string hash;  // computed once, only if some account is missing
  const audit::Recorder rec = audit::for_system(ctx.db.dialect(), ctx.clock, "demo");
  for (const auto& d : kDemo) {
    bool exists = ctx.db.with_session([&](soci::session& s) { return find_account_by_email(s, d.email).has_value(); });
    if (exists) continue;
    if (hash.empty()) hash = hash_password(kDemoPassword);
    ctx.db.transaction([&](soci::session& s) {
      bool citizen = d.role == auth::Role::citizen;
      std::optional<std::int64_t> agency;
      if (!citizen) agency = directory::agency_id_by_code(s, d.agency_code);
      NewAccount a{d.email, "", d.name, citizen ? "025190000001" : "", citizen ? "citizen" : "staff", "active", hash,
                   agency, {d.role}};
      std::int64_t id = insert_account(s, a, auth::iso_utc(ctx.clock.now()));
      rec(s, {"account.create_demo", "account", std::to_string(id), "", std::string(auth::role_name(d.role))});
    });
  }
}

void start(app::Context& ctx) {
  ctx.pages.enable_feature("accounts");
  ctx.metrics.add_gauge("tinhso_password_hashes", "Argon2id password hashes and verifications computed since start.",
                        [] { return static_cast<double>(hash_count()); });
}

}  // namespace

std::vector<std::pair<std::string, std::string>> demo_accounts() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& d : kDemo) out.emplace_back(d.email, std::string(auth::role_name(d.role)));
  return out;
}

void mark_second_factor_passed(soci::session& s, std::int64_t session_id) { set_second_factor_passed(s, session_id); }

std::optional<std::string> account_email(soci::session& s, std::int64_t account_id) {
  auto a = find_account(s, account_id);
  if (!a) return std::nullopt;
  return a->email;
}

std::optional<Contact> account_contact(soci::session& s, std::int64_t account_id) {
  auto a = find_account(s, account_id);
  if (!a) return std::nullopt;
  return Contact{a->full_name, a->email, a->phone, a->citizen_id};
}

std::optional<auth::Principal> principal_by_email(soci::session& s, const std::string& email) {
  auto a = find_account_by_email(s, email);
  if (!a) return std::nullopt;
  auth::Principal p;
  p.account_id = a->id;
  p.display_name = a->full_name;
  p.email = a->email;
  p.roles = a->roles;
  p.agency_id = a->agency_id;
  return p;
}

std::vector<StaffMember> staff_with_role(soci::session& s, std::int64_t agency, const std::string& role) {
  long long a = agency, id = 0;
  StaffMember p;
  soci::statement st =
      (s.prepare << "SELECT a.id, a.full_name, a.email FROM accounts a JOIN account_roles r ON r.account_id = a.id"
                    " WHERE (CAST(:a1 AS BIGINT) = 0 OR a.agency_id = :a2) AND a.kind = 'staff' AND a.status = 'active' AND r.role = :role"
                    " ORDER BY a.full_name, a.id",
       soci::use(a, "a1"), soci::use(a, "a2"), soci::use(role, "role"), soci::into(id), soci::into(p.name), soci::into(p.email));
  st.execute();
  std::vector<StaffMember> out;
  while (st.fetch()) {
    p.id = id;
    out.push_back(p);
  }
  return out;
}

std::string account_name(soci::session& s, std::int64_t account_id) {
  long long id = account_id;
  std::string name;
  s << "SELECT full_name FROM accounts WHERE id = :id", soci::use(id, "id"), soci::into(name);
  return s.got_data() ? name : "";
}

namespace {

void add_options(CLI::App& cmd, app::OptionScope scope, app::Settings& all) {
  if (scope != app::OptionScope::serve) return;
  Settings& s = all.modules.get<Settings>();
  app::add_setting<int>(
      cmd, "--citizen-idle-minutes", [&s](int m) { s.citizen_idle_timeout = std::chrono::minutes(m); },
      "Citizen sessions end after this many minutes without activity (staff: 30)")
      ->envname("TINHSO_CITIZEN_IDLE_MINUTES")
      ->check(CLI::Range(5, 24 * 60))
      ->default_str(std::to_string(s.citizen_idle_timeout.count()));
  app::add_setting<int>(
      cmd, "--citizen-absolute-minutes", [&s](int m) { s.citizen_absolute_timeout = std::chrono::minutes(m); },
      "Citizen sessions end this many minutes after sign-in whatever the activity (staff: 720)")
      ->envname("TINHSO_CITIZEN_ABSOLUTE_MINUTES")
      ->check(CLI::Range(30, 90 * 24 * 60))
      ->default_str(std::to_string(s.citizen_absolute_timeout.count()));
}

std::vector<std::string> demo_notes(const app::Context&) {
  std::vector<std::string> lines{std::string("Demo accounts (password ") + kDemoPassword + "):"};
  for (const auto& [email, role] : demo_accounts()) {
    char line[128];
    std::snprintf(line, sizeof line, "  %-28s %s", email.c_str(), role.c_str());
    lines.emplace_back(line);
  }
  lines.emplace_back("Leaders, inspectors, administrators and auditors set up two-step verification at their");
  lines.emplace_back("first sign-in (any authenticator app: FreeOTP, Google or Microsoft Authenticator).");
  return lines;
}

}  // namespace

app::Module module() {
  app::Module m{"identity", add_routes, load_demo, start, before};
  m.add_options = add_options;
  m.add_commands = add_commands;
  m.demo_notes = demo_notes;
  m.nav = {{"/admin/accounts", "identity.nav_staff", false, {auth::Role::administrator}, {},
            web::NavPlace::admin, "identity.nav_staff_about"}};
  return m;
}

}  // namespace tinhso::identity
