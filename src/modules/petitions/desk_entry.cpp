// Desk entry (issue 6 part 1): a petition that arrived by letter or was brought in person
// (Law on Citizen Reception 2013), recorded by the reception staff with the day it was received —
// the legal clocks run from that day —, the filer's identity (a denouncer's only sealed, as
// online), a group's signers and representatives (Art. 29), a second complaint's first complaint
// (Law on Complaints 2011 Art. 33) — in the system, or decided elsewhere and then named by its
// decision, whose copy is attached — and the filing period with the officer's override (Art. 9).
// The form is multipart: the letter's scans and the first decision's copy are stored as evidence.
#include <algorithm>

#include "core/auth/guard.h"
#include "core/calendar/deadline.h"
#include "core/http/errors.h"
#include "core/web/routes.h"
#include "core/web/fields.h"
#include "modules/audit/api.h"
#include "modules/petitions/attachment_pages.h"
#include "modules/directory/api.h"
#include "modules/identity/api.h"
#include "modules/petitions/desk_entry.h"
#include "modules/petitions/desk_rules.h"
#include "modules/petitions/desk_store.h"
#include "modules/petitions/desk_view.h"
#include "modules/petitions/handlers.h"
#include "modules/petitions/permissions.h"
#include "modules/petitions/api.h"

namespace tinhso::petitions {

namespace {

using desk::View;
using desk::field;

constexpr std::size_t kMaxSubject = 300, kMaxContent = 10000, kMaxField = 300;
constexpr int kMaxRepresentativeFields = 5;  // Law on Citizen Reception 2013 Art. 29: up to 5

struct RepresentativeInput {
  std::string name, contact;
};

// The desk form as typed (kept to show it again with the problems).
struct DeskForm {
  std::string channel = "letter", received_on, kind, agency, admin_unit, subject, content;
  std::string name, contact, address, id_number;
  std::string group_size = "1", first_code, decision_on, late_reason;
  std::string first_decision_number, first_decision_date, first_decision_agency;
  bool remote = false;
  std::vector<RepresentativeInput> representatives;  // kMaxRepresentativeFields entries
};

const auth::Principal& require_receiver(const http::Request& req) {
  const auto& p = auth::require_login(req);
  auth::require(std::any_of(p.roles.begin(), p.roles.end(), may_receive), "petitions desk entry");
  return p;
}

DeskForm read_form(const http::Request& req) {
  DeskForm f;
  f.channel = field(req, "channel");
  f.received_on = field(req, "received_on");
  f.kind = field(req, "kind");
  f.agency = field(req, "agency");
  f.admin_unit = field(req, "admin_unit");
  f.subject = field(req, "subject");
  f.content = field(req, "content");
  f.name = field(req, "name");
  f.contact = field(req, "contact");
  f.address = field(req, "address");
  f.id_number = field(req, "id_number");
  f.group_size = field(req, "group_size");
  f.first_code = field(req, "first_code");
  f.decision_on = field(req, "decision_on");
  f.late_reason = field(req, "late_reason");
  f.first_decision_number = field(req, "first_decision_number");
  f.first_decision_date = field(req, "first_decision_date");
  f.first_decision_agency = field(req, "first_decision_agency");
  f.remote = field(req, "remote") == "1";
  for (int i = 1; i <= kMaxRepresentativeFields; ++i)
    f.representatives.push_back({field(req, "rep_name_" + std::to_string(i)), field(req, "rep_contact_" + std::to_string(i))});
  return f;
}

// A typed count of people: a whole number by the id rule, at most kMaxGroupSize.
std::optional<int> to_count(const std::string& s) {
  auto v = web::parse_id(s);
  if (!v || *v > kMaxGroupSize) return std::nullopt;
  return static_cast<int>(*v);
}

http::Response form_page(app::Context& ctx, const http::Request& req, const auth::Principal& p, const DeskForm& f,
                         const Problems& problems, int status) {
  View v{ctx, req};
  mstch::array kinds, agencies, channels, reps, admin_units;
  for (Kind k : kAllKinds)
    kinds.push_back(mstch::map{{"value", std::string(kind_code(k))},
                               {"label", v.t("petitions.kind." + std::string(kind_code(k)))},
                               {"selected", f.kind == kind_code(k)}});
  for (Channel ch : {Channel::letter, Channel::in_person})
    channels.push_back(mstch::map{{"value", std::string(channel_code(ch))},
                                  {"label", v.t("petitions_desk.channel." + std::string(channel_code(ch)))},
                                  {"selected", f.channel == channel_code(ch)}});
  ctx.db.with_session([&](soci::session& s) {
    for (const auto& a : directory::active_agencies(s))
      if (in_scope(p, a.id))
        agencies.push_back(mstch::map{{"value", std::to_string(a.id)}, {"label", a.name}, {"selected", f.agency == std::to_string(a.id)}});
    admin_units = admin_unit_options(ctx, req, s, f.admin_unit);
  });
  for (std::size_t i = 0; i < f.representatives.size(); ++i)
    reps.push_back(mstch::map{{"n", std::to_string(i + 1)}, {"name", f.representatives[i].name},
                              {"contact", f.representatives[i].contact}, {"first", i == 0}});
  mstch::map c{{"title", v.t("petitions_desk.new.title")},
               {"channels", channels},
               {"received_on", f.received_on},
               {"today", calendar::format_date(desk::today(ctx))},
               {"kinds", kinds},
               {"agencies", agencies},
               {"admin_units", admin_units},
               {"subject", f.subject},
               {"content", f.content},
               {"name", f.name},
               {"contact", f.contact},
               {"address", f.address},
               {"id_number", f.id_number},
               {"group_size", f.group_size},
               {"representatives", reps},
               {"first_code", f.first_code},
               {"decision_on", f.decision_on},
               {"late_reason", f.late_reason},
               {"first_decision_number", f.first_decision_number},
               {"first_decision_date", f.first_decision_date},
               {"first_decision_agency", f.first_decision_agency},
               {"remote", f.remote}};
  add_problems(c, problems);
  http::Response r = ctx.pages.render(req, "petition_desk_new", std::move(c), status);
  r.headers.set("Cache-Control", "no-store");
  return r;
}

http::Response new_form(app::Context& ctx, const http::Request& req) {
  const auto& p = require_receiver(req);
  DeskForm f;
  f.received_on = calendar::format_date(desk::today(ctx));
  f.kind = "feedback";
  if (p.agency_id) f.agency = std::to_string(*p.agency_id);
  f.representatives.resize(kMaxRepresentativeFields);
  return form_page(ctx, req, p, f, {}, 200);
}

// The moment a letter counts as received: now when it is today's, else 08:00 of that day in
// Vietnam (the starting day is not counted anyway: Civil Code 2015 Art. 147(2)).
std::string received_moment(app::Context& ctx, calendar::Date day) {
  if (day == desk::today(ctx)) return auth::iso_utc(ctx.clock.now());
  return calendar::format_date(day) + "T01:00:00Z";  // 08:00 at UTC+7
}

// What the checks found that the store needs.
struct Checked {
  Petition x;
  std::vector<Representative> representatives;  // not yet sealed
  std::string late_reason;                      // kept only when the filing was late
  std::optional<Petition> first;                // a second complaint's first complaint
  std::optional<calendar::Date> first_decided;  // its decision's date, when decided elsewhere
};

// Filing period (Law on Complaints 2011 Art. 9, 33) with the officer's override (Art. 9, 11).
void check_filing_period(app::Context& ctx, const View& v, const auth::Principal& p, const DeskForm& f, Checked& out,
                         calendar::Date received, Problems& problems) {
  const Kind kind = out.x.kind;
  if (kind != Kind::complaint_first && kind != Kind::complaint_second) return;
  std::optional<calendar::Date> decision;
  if (!f.decision_on.empty()) {
    decision = calendar::parse_date(f.decision_on);
    if (!decision || *decision > received) {
      problems.emplace_back("decision_on", v.t("petitions_desk.error.decision_on"));
      return;
    }
  }
  std::optional<calendar::Date> start = decision;
  if (kind == Kind::complaint_first && !start) {
    problems.emplace_back("decision_on", v.t("petitions_desk.error.decision_on"));
    return;
  }
  if (kind == Kind::complaint_second && out.first) {
    auto due = calendar::parse_date(out.first->resolve_due);
    if (due) start = second_complaint_start(decision, *due);  // Art. 33
  }
  // Decided elsewhere: from the day the filer received the decision, else from its date (Art. 33).
  if (kind == Kind::complaint_second && out.first_decided && !start) start = out.first_decided;
  if (!start) return;
  FilingCheck check;
  try {
    auto cal = ctx.calendar.current();
    check = check_filing({kind, out.x.remote, *start, received}, *cal);  // Civil Code counting
  } catch (const std::out_of_range&) {
    problems.emplace_back("decision_on", v.t("petitions_desk.error.decision_on"));
    return;
  }
  std::optional<LateFilingOverride> override_;
  if (!f.late_reason.empty()) override_ = LateFilingOverride{p.account_id, f.late_reason};
  switch (admit_filing(check, override_)) {
    case Admission::admit: break;
    case Admission::admit_late: out.late_reason = f.late_reason; break;
    case Admission::refuse_late:
    case Admission::override_invalid: {
      // Only a late filing is refused, and check_filing gives every late filing its last day.
      std::string last_day;
      if (check.last_day) last_day = v.date(calendar::format_date(*check.last_day));
      problems.emplace_back("late_reason",
                            ctx.pages.catalog().format(v.req.lang, "petitions_desk.error.late", {{"last_day", last_day}}));
      break;
    }
  }
}

// A second complaint whose first was decided elsewhere (Law on Complaints 2011 Art. 33): the
// decision's number, date and agency, and its copy attached. True when that is what was given.
bool check_first_decided_elsewhere(const View& v, const DeskForm& f, Checked& out, calendar::Date received,
                                   bool attached, Problems& problems) {
  const FirstDecision d{f.first_decision_number, f.first_decision_date, f.first_decision_agency, attached};
  const FirstDecisionCheck verdict = check_first_decision(d, received);
  if (verdict == FirstDecisionCheck::none) return false;
  if (out.x.kind != Kind::complaint_second || !f.first_code.empty()) {
    problems.emplace_back("first_decision_number", v.t("petitions_desk.error.first_decision_unexpected"));
    return true;
  }
  if (verdict != FirstDecisionCheck::ok) {
    problems.emplace_back("first_decision_number", v.t("petitions_desk.error." + std::string(first_decision_check_code(verdict))));
    return true;
  }
  for (auto [value, name] : {std::pair{&f.first_decision_number, "first_decision_number"},
                             {&f.first_decision_agency, "first_decision_agency"}})
    if (value->size() > kMaxField)
      problems.emplace_back(name, v.f("petitions.error.too_long", {{"field", v.t(std::string("petitions_desk.field.") + name)}}));
  out.x.first_decision_number = f.first_decision_number;
  out.x.first_decision_date = f.first_decision_date;
  out.x.first_decision_agency = f.first_decision_agency;
  out.first_decided = calendar::parse_date(f.first_decision_date);
  return true;
}

void check_second_complaint(app::Context& ctx, const View& v, const auth::Principal& p, const DeskForm& f, Checked& out,
                            calendar::Date today, calendar::Date received, bool attached, Problems& problems) {
  if (check_first_decided_elsewhere(v, f, out, received, attached, problems)) return;
  if (!f.first_code.empty()) {
    out.first = ctx.db.with_session([&](soci::session& s) { return find_petition_by_code(s, f.first_code); });
    if (!out.first || !in_scope(p, *out.first)) {
      out.first.reset();
      problems.emplace_back("first_code", v.t("petitions_desk.error.first_unknown"));
      return;
    }
  }
  std::optional<LinkedComplaint> first;
  if (out.first) first = LinkedComplaint{out.first->kind, out.first->state, calendar::parse_date(out.first->resolve_due)};
  LinkCheck link = check_second_complaint_link(out.x.kind, first ? &*first : nullptr, today);
  if (link != LinkCheck::ok) {
    problems.emplace_back("first_code", v.t("petitions_desk.error.link." + std::string(link_check_code(link))));
    out.first.reset();
    return;
  }
  if (out.first) out.x.linked_petition_id = out.first->id;
}

void check_group(const View& v, const DeskForm& f, Checked& out, Problems& problems) {
  auto people = to_count(f.group_size);
  if (!people) {
    problems.emplace_back("group_size", v.t("petitions_desk.error.group_size"));
    return;
  }
  out.x.group_size = *people;
  int position = 0;
  for (const auto& r : f.representatives) {
    if (r.name.empty() && r.contact.empty()) continue;
    if (r.name.empty() || r.name.size() > kMaxField || r.contact.size() > kMaxField) {
      problems.emplace_back("rep_name_1", v.t("petitions_desk.error.representative"));
      return;
    }
    out.representatives.push_back({++position, r.name, r.contact, ""});
  }
  // Law on Citizen Reception 2013 Art. 29: 5–10 people choose 1–2 representatives, more than 10
  // up to 5.
  auto verdict = check_representatives(*people, position);
  if (verdict != RepresentativesCheck::ok)
    problems.emplace_back("rep_name_1", v.t("petitions_desk.error.representatives." + std::string(representatives_check_code(verdict))));
}

// Every check of the desk form, in the order of the form; `problems` gets one line per field.
Checked check(app::Context& ctx, const View& v, const auth::Principal& p, const DeskForm& f, bool attached,
              Problems& problems) {
  Checked out;
  const calendar::Date today = desk::today(ctx);
  auto channel = parse_channel(f.channel);
  if (!channel || (*channel != Channel::letter && *channel != Channel::in_person))
    problems.emplace_back("channel", v.t("petitions_desk.error.channel"));
  auto received = calendar::parse_date(f.received_on);
  auto received_check = check_received_on(received, today);
  if (received_check != ReceivedCheck::ok)
    problems.emplace_back("received_on", v.t("petitions_desk.error." + std::string(received_check_code(received_check))));
  auto kind = parse_kind(f.kind);
  if (!kind) problems.emplace_back("kind", v.t("petitions.error.kind"));
  auto agency = web::optional_id(f.agency);
  bool agency_ok = agency && in_scope(p, *agency) &&
                   ctx.db.with_session([&](soci::session& s) { return directory::find_active_agency(s, *agency).has_value(); });
  if (!agency_ok) problems.emplace_back("agency", v.t("petitions.error.agency"));
  UnitChoice unit = ctx.db.with_session([&](soci::session& s) { return choose_admin_unit(ctx, s, f.admin_unit); });
  if (unit.bad) problems.emplace_back("admin_unit", v.t("petitions.error.admin_unit"));
  if (f.subject.empty() || f.subject.size() > kMaxSubject) problems.emplace_back("subject", v.t("petitions.error.subject"));
  if (f.content.empty() || f.content.size() > kMaxContent) problems.emplace_back("content", v.t("petitions.error.content"));
  for (auto [value, label] : {std::pair{&f.name, "petitions.field.name"}, {&f.contact, "petitions.field.contact"},
                              {&f.address, "petitions.field.address"}, {&f.id_number, "petitions.field.id_number"},
                              {&f.late_reason, "petitions_desk.field.late_reason"}}) {
    if (value->size() <= kMaxField) continue;
    std::string_view id(label);
    problems.emplace_back(std::string(id.substr(id.rfind('.') + 1)), v.f("petitions.error.too_long", {{"field", v.t(id)}}));
  }
  if (kind && (is_complaint(*kind) || *kind == Kind::denunciation)) {
    // Law on Complaints 2011 Art. 8(2), Law on Denunciations 2018 Art. 23(1): name and address.
    if (f.name.empty()) problems.emplace_back("name", v.t("petitions.error.name"));
    if (f.address.empty()) problems.emplace_back("address", v.t("petitions.error.address"));
  }
  check_group(v, f, out, problems);
  if (!kind || !agency_ok || received_check != ReceivedCheck::ok || !channel) return out;
  out.x.kind = *kind;
  out.x.channel = *channel;
  out.x.agency_id = *agency;
  out.x.admin_unit_id = unit.unit ? unit.unit->id : 0;
  // The unit's flag decides; the officer's checkbox can only add remoteness (rules.h remote_area).
  // Set before the filing check: a second complaint's period is longer there too (Art. 33).
  out.x.remote = remote_area(unit.unit && unit.unit->remote, f.remote);
  check_second_complaint(ctx, v, p, f, out, today, *received, attached, problems);
  check_filing_period(ctx, v, p, f, out, *received, problems);
  out.x.state = State::received;
  out.x.subject = f.subject;
  out.x.content = f.content;
  out.x.filer_name = f.name;
  out.x.filer_contact = f.contact;
  out.x.anonymous = f.name.empty();
  out.x.received_at = received_moment(ctx, *received);
  out.x.created_at = out.x.updated_at = auth::iso_utc(ctx.clock.now());
  return out;
}

http::Response create(app::Context& ctx, const http::Request& req) {
  const auto& p = require_receiver(req);
  View v{ctx, req};
  DeskForm f = read_form(req);
  Problems problems;
  auto files = read_attachments(ctx, req, 0, 0, problems);
  Checked c = check(ctx, v, p, f, !files.empty(), problems);
  if (!problems.empty()) return form_page(ctx, req, p, f, problems, 422);
  ReceiveInput in;
  in.petition = std::move(c.x);
  in.identity = {f.name, f.address, f.contact, f.id_number};
  in.representatives = std::move(c.representatives);
  in.late_reason = c.late_reason;
  // The letter's scans, a second complaint's first decision (Law on Complaints 2011 Art. 33).
  in.files = std::move(files);
  in.files_by = p.account_id;
  in.role = std::string(p.primary_role());
  in.actor_id = p.account_id;
  const auto rec = audit::for_request(ctx, req);
  Petition stored = ctx.db.transaction([&](soci::session& s) {
    return with_env(ctx, s, rec, [&](const Env& env) { return receive(env, std::move(in)).petition; });
  });
  return http::Response::redirect("/petitions/desk/" + std::to_string(stored.id));
}

}  // namespace

void add_desk_entry_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/petitions/desk/new", new_form);
  on.add("POST", "/petitions/desk/new", create, kAttachmentRoute);
}

void add_desk_routes(http::Router& router, app::Context& ctx) {
  add_desk_entry_routes(router, ctx);
  add_desk_link_routes(router, ctx);
  add_desk_search_routes(router, ctx);
}

}  // namespace tinhso::petitions
