// The demo province's dossiers (`tinhso demo`): the demo citizen's dossiers of the Department of
// Information and Communications' publishing procedures (handled by SO-KHCN, received at the
// TTHCC desk — the agencies of the demo officer, specialist and leader), one or more in each
// state of the workflow, made through the same use case as the pages (transition::apply, the
// receipt) with generated PDF documents. Idempotent: loaded only while the demo citizen has none.
#include "modules/dossiers/demo.h"

#include <spdlog/spdlog.h>

#include "core/app/demo.h"
#include "core/auth/clock.h"
#include "core/document/pdf.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/dossiers/intake_common.h"
#include "modules/dossiers/store.h"
#include "modules/dossiers/store_files.h"
#include "modules/dossiers/store_intake.h"
#include "modules/dossiers/transition.h"
#include "modules/dossiers/usecases.h"
#include "modules/identity/api.h"
#include "modules/procedures/api.h"

namespace tinhso::dossiers {

namespace {

struct People {
  auth::Principal citizen, officer, specialist, leader;
};

std::optional<People> demo_people(soci::session& s) {
  auto get = [&](const char* email) { return identity::principal_by_email(s, email); };
  auto c = get("citizen@demo.tinhso.vn"), o = get("officer@demo.tinhso.vn"), sp = get("specialist@demo.tinhso.vn"),
       l = get("leader@demo.tinhso.vn");
  if (!c || !o || !sp || !l) return std::nullopt;
  return People{*c, *o, *sp, *l};
}

// A one-page PDF standing for a scanned document of the demo.
std::string demo_pdf(const std::string& title, const std::string& text, std::chrono::system_clock::time_point at) {
  document::Document doc;
  doc.title = title;
  doc.created = at;
  doc.blocks.push_back(document::Title{title, {}});
  doc.blocks.push_back(document::Paragraph{text});
  return document::render_pdf(doc);
}

// What one demo dossier goes through after submission, in order.
struct Step {
  Actor actor;
  Action action;
  const char* note;
};

struct Plan {
  std::size_t procedure;  // index into the demo procedures
  std::vector<Step> steps;
  bool submit = true;     // false: left as a draft
};

const std::vector<Plan>& plans() {
  static const std::vector<Plan> p = {
      {0, {}, false},  // drafts the citizen may resume, submit or delete
      {1, {}, false},
      {2, {}, false},
      {0, {}},  // submitted: the desk may receive, refuse or ask for a supplement
      {1, {}},
      {2, {}},
      {0, {{Actor::one_stop_officer, Action::receive, ""},
           {Actor::one_stop_officer, Action::request_supplement, "Bản thảo tài liệu có chữ ký của người đứng đầu"}}},
      {1, {{Actor::one_stop_officer, Action::receive, ""}}},  // received: the leader assigns or transfers
      {2, {{Actor::one_stop_officer, Action::receive, ""}}},
      {0, {{Actor::one_stop_officer, Action::receive, ""}, {Actor::agency_leader, Action::assign, ""}}},
      {1, {{Actor::one_stop_officer, Action::receive, ""},
           {Actor::agency_leader, Action::assign, ""},
           {Actor::specialist, Action::propose, "Đủ điều kiện cấp giấy phép"}}},
      {2, {{Actor::one_stop_officer, Action::receive, ""},
           {Actor::agency_leader, Action::assign, ""},
           {Actor::specialist, Action::propose, "Đủ điều kiện cấp giấy phép"}}},
      {0, {{Actor::one_stop_officer, Action::receive, ""},
           {Actor::agency_leader, Action::assign, ""},
           {Actor::specialist, Action::propose, "Đủ điều kiện cấp giấy phép"},
           {Actor::agency_leader, Action::approve, ""}}},
      {1, {{Actor::one_stop_officer, Action::receive, ""},
           {Actor::agency_leader, Action::assign, ""},
           {Actor::specialist, Action::propose, "Đủ điều kiện cấp giấy phép"},
           {Actor::agency_leader, Action::approve, ""},
           {Actor::one_stop_officer, Action::return_result, ""}}},
  };
  return p;
}

const auth::Principal& acting(const People& people, Actor a) {
  switch (a) {
    case Actor::applicant: return people.citizen;
    case Actor::one_stop_officer: return people.officer;
    case Actor::specialist: return people.specialist;
    case Actor::agency_leader: return people.leader;
  }
  return people.citizen;
}

void load_one(soci::session& s, app::Context& ctx, const People& people, const procedures::Procedure& proc,
              const Plan& plan, std::size_t n) {
  auto now = ctx.clock.now();
  std::string at = auth::iso_utc(now);
  const audit::Recorder rec = audit::for_system(ctx.db.dialect(), ctx.clock, "demo");

  Dossier d;
  d.procedure_id = proc.id;
  d.desk_agency_id = proc.desk_agency_id;
  d.agency_id = d.responsible_agency_id = proc.agency_id;
  d.state = State::draft;
  d.channel = Channel::online;
  d.applicant_account_id = people.citizen.account_id;
  d.applicant_name = people.citizen.display_name;
  d.applicant_email = people.citizen.email;
  d.applicant_phone = "0912345678";
  d.applicant_id_number = "025190001234";
  d.applicant_address = "Phường Vĩnh Phúc, tỉnh Phú Thọ";
  d.details = "Hồ sơ mẫu số " + std::to_string(n + 1) + " của bản demo.";
  d.time_limit_working_days = proc.time_limit_working_days;
  d.time_limit_unit = proc.time_limit_unit;
  d.idempotency_key = "demo-dossier-" + std::to_string(n + 1);
  d.created_at = d.updated_at = at;
  d.id = insert_dossier(s, d);
  for (const auto& doc : proc.documents)
    if (doc.mandatory)
      insert_file(s, {0, d.id, "application", doc.id, "tai-lieu-" + std::to_string(doc.position) + ".pdf", "application/pdf", "",
                      at, 0, people.citizen.account_id},
                  demo_pdf(doc.name, d.applicant_name + " — " + proc.name, now));
  if (!plan.submit) return;
  assign_code(s, d, ctx.clock.now());

  auto apply_step = [&](Actor actor, Action action, const char* note, std::int64_t assignee) {
    const auth::Principal& p = acting(people, actor);
    Command cmd{action, note, assignee, 0};
    Applied a = apply(s, ctx.calendar, supplement_clock(settings(ctx)), d, cmd, Who{actor, p.account_id, now, rec});
    if (a.result != Result::done)
      throw std::runtime_error("demo dossier " + d.code + ": " + std::string(action_code(action)) + " refused");
    d = a.dossier;
    if (action == Action::receive) intake::store_receipt(s, ctx, d, proc, p);
    if (action == Action::request_supplement) insert_supplement(s, d.id, {0, at, note, "", p.account_id, false});
    if (action == Action::propose)
      insert_file(s, {0, d.id, "result", 0, "giay-phep-" + d.code + ".pdf", "application/pdf", "", at, 0, p.account_id},
                  demo_pdf(proc.name, "Giấy phép cấp cho " + d.applicant_name + ", hồ sơ " + d.code, now));
  };
  apply_step(Actor::applicant, Action::submit, "", 0);
  for (const Step& step : plan.steps)
    apply_step(step.actor, step.action, step.note, step.action == Action::assign ? people.specialist.account_id : 0);
}

// A past dossier of the demo's history: received at `received` at the desk (online or at the
// counter), assigned, proposed, approved and returned `days` days after receipt at 15:00, and rated
// the next day when `score` > 0 and that day has come; none when its return is still to come. The same transitions as the
// pages (so the figures kept per month count it), dated on their own days; no receipt PDF (the
// history must load fast: every test server starts from the demo).
void load_past(soci::session& s, app::Context& ctx, const People& people, const procedures::Procedure& proc,
               std::chrono::system_clock::time_point received, bool online, int days, int score, std::size_t n,
               const audit::Recorder& rec) {
  using namespace std::chrono_literals;
  static const char* const kNames[] = {"Trần Văn Khoa", "Lê Thị Mai", "Phạm Minh Đức", "Hoàng Thu Hà",
                                       "Vũ Đức Thắng", "Đặng Thị Hoa", "Bùi Quang Huy", "Ngô Thị Lan Anh"};
  const auto now = ctx.clock.now();
  // Only dossiers already returned by now: the history leaves no open case in anyone's queue (nor
  // for the lateness job to flag).
  const std::chrono::system_clock::time_point returned_at =
      std::chrono::floor<std::chrono::days>(received + 7h) + std::chrono::days(days) + 8h;
  if (returned_at > now) return;
  Dossier d;
  d.procedure_id = proc.id;
  d.desk_agency_id = proc.desk_agency_id;
  d.agency_id = d.responsible_agency_id = proc.agency_id;
  d.state = State::draft;
  d.channel = online ? Channel::online : Channel::counter;
  d.applicant_name = kNames[n % 8];
  d.applicant_phone = "09" + std::to_string(10000000 + n * 7919 % 89999999);
  d.applicant_address = "Tỉnh Phú Thọ";
  d.details = "Hồ sơ đã giải quyết của bản demo.";
  d.time_limit_working_days = proc.time_limit_working_days;
  d.time_limit_unit = proc.time_limit_unit;
  d.idempotency_key = "demo-history-" + std::to_string(n + 1);
  d.created_at = d.updated_at = auth::iso_utc(received - 1h);
  d.id = insert_dossier(s, d);
  assign_code(s, d, received - 1h);
  auto step = [&](Actor actor, Action action, std::chrono::system_clock::time_point at, std::int64_t assignee) {
    if (at > now) return false;
    const auth::Principal& p = acting(people, actor);
    Applied a = apply(s, ctx.calendar, supplement_clock(settings(ctx)), d, Command{action, "", assignee, 0},
                      Who{actor, actor == Actor::applicant ? 0 : p.account_id, at, rec});
    if (a.result != Result::done)
      throw std::runtime_error("demo history dossier " + d.code + ": " + std::string(action_code(action)) + " refused");
    d = a.dossier;
    return true;
  };
  static const std::string kResult = "%PDF-1.4\n%%EOF\n";
  if (!step(Actor::applicant, Action::submit, received - 1h, 0)) return;
  if (!step(Actor::one_stop_officer, Action::receive, received, 0)) return;
  if (!step(Actor::agency_leader, Action::assign, received + 1h, people.specialist.account_id)) return;
  const std::chrono::system_clock::time_point returned =
      std::chrono::floor<std::chrono::days>(received + 7h) + std::chrono::days(days) + 8h;
  const std::chrono::system_clock::time_point proposed = std::max(received + 2h, returned - 24h);
  if (!step(Actor::specialist, Action::propose, proposed, 0)) return;
  insert_file(s, {0, d.id, "result", 0, "ket-qua-" + d.code + ".pdf", "application/pdf", "", auth::iso_utc(proposed), 0,
                  people.specialist.account_id},
              kResult);
  if (!step(Actor::agency_leader, Action::approve, proposed + 1h, 0)) return;
  if (!step(Actor::one_stop_officer, Action::return_result, returned, 0)) return;
  if (score > 0 && returned + 24h <= now) insert_rating(s, d.id, {score, "", auth::iso_utc(returned + 24h)});
}

// The history: for each of the last `months` months before this one and each procedure, a few
// dossiers received on working-day mornings, most returned within their time limit, about one in
// seven late, two in three rated. Deterministic (a fixed sequence), so every demo shows the same.
void load_history(soci::session& s, app::Context& ctx, const People& people,
                  const std::vector<procedures::Procedure>& procs, int months) {
  using namespace std::chrono;
  const audit::Recorder rec = audit::for_system(ctx.db.dialect(), ctx.clock, "demo");
  const calendar::Date today = calendar::to_local(ctx.clock.now()).day;
  const year_month this_month{year_month_day(today).year(), year_month_day(today).month()};
  static const int kScores[] = {5, 4, 5, 0, 3, 5, 4, 2, 0, 5, 1, 4};
  std::size_t n = 0;
  for (int back = months; back >= 1; --back) {
    const year_month ym = this_month - std::chrono::months(back);
    for (std::size_t pi = 0; pi < procs.size(); ++pi) {
      const int count = 3 + static_cast<int>((static_cast<std::size_t>(back) * 7 + pi * 3) % 4);
      for (int k = 0; k < count; ++k, ++n) {
        sys_days day = sys_days(ym / 1) + days(1 + (k * 5 + static_cast<int>(pi) * 2) % 24);
        while (calendar::is_weekend(day)) day += days(1);
        const auto received = sys_time<seconds>(day) + hours(2) + minutes(static_cast<int>(n % 50));  // 09:xx in Viet Nam
        const bool late = n % 7 == 3;
        const int limit = std::max(1, procs[pi].time_limit_working_days);
        // Within the limit: no more calendar days than working days; late: well past it.
        const int took = late ? limit * 2 + 6 : 1 + static_cast<int>(n % static_cast<std::size_t>(limit));
        load_past(s, ctx, people, procs[pi], received, n % 3 != 0, took, kScores[n % 12], n, rec);
      }
    }
  }
}

}  // namespace

void load_demo(app::Context& ctx) {
  ctx.db.transaction([&](soci::session& s) {
    auto people = demo_people(s);
    if (!people) return;
    if (!list_applicant_dossiers(s, people->citizen.account_id, 1, 0).empty()) return;
    std::vector<procedures::Procedure> procs;
    for (const char* code : {"XB-TLKKD", "XB-NKXBP", "XB-TLHC"})
      if (auto p = procedures::find_procedure_by_code(s, code)) procs.push_back(*p);
    if (procs.size() != 3) {
      spdlog::warn("demo: the publishing procedures of SO-KHCN are missing: no demo dossiers");
      return;
    }
    load_history(s, ctx, *people, procs, ctx.settings.modules.get<app::DemoSettings>().history_months);
    const auto& all = plans();
    for (std::size_t i = 0; i < all.size(); ++i) load_one(s, ctx, *people, procs[all[i].procedure], all[i], i);
  });
}

}  // namespace tinhso::dossiers
