// The demo province's dossiers (`tinhso demo`): the demo citizen's dossiers of the Department of
// Information and Communications' publishing procedures (handled by SO-KHCN, received at the
// TTHCC desk — the agencies of the demo officer, specialist and leader), one or more in each
// state of the workflow, made through the same use case as the pages (transition::apply, the
// receipt) with generated PDF documents. Idempotent: loaded only while the demo citizen has none.
#include "modules/dossiers/demo.h"

#include <spdlog/spdlog.h>

#include "core/auth/clock.h"
#include "core/document/pdf.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/dossiers/intake_common.h"
#include "modules/dossiers/store.h"
#include "modules/dossiers/store_files.h"
#include "modules/dossiers/store_intake.h"
#include "modules/dossiers/transition.h"
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
    const auto& all = plans();
    for (std::size_t i = 0; i < all.size(); ++i) load_one(s, ctx, *people, procs[all[i].procedure], all[i], i);
  });
}

}  // namespace tinhso::dossiers
