// The petitions use cases (usecases.h; receive and record_comment in api.h).
#include "modules/petitions/usecases.h"

#include <cstdio>
#include <stdexcept>
#include <tuple>

#include "core/auth/clock.h"
#include "core/calendar/date.h"
#include "modules/identity/api.h"
#include "modules/petitions/attachment_pages.h"
#include "modules/petitions/lookup_key.h"
#include "modules/petitions/permissions.h"
#include "modules/petitions/store.h"

namespace tinhso::petitions {

namespace {

using auth::Role;

std::string now_iso(const Env& env) { return auth::iso_utc(env.clock.now()); }

bool is_desk_channel(Channel c) { return c == Channel::letter || c == Channel::in_person; }

}  // namespace

std::string code_day(const Petition& p) {
  auto local = calendar::to_local(auth::parse_iso_utc(p.created_at.empty() ? p.received_at : p.created_at));
  char day[8];
  std::snprintf(day, sizeof day, "%02u%02u%02u", static_cast<unsigned>(calendar::year_of(local.day) % 100),
                calendar::month_of(local.day), calendar::day_of(local.day));
  return day;
}

Received receive(const Env& env, ReceiveInput in) {
  Petition& p = in.petition;
  const bool sealed = p.kind == Kind::denunciation;
  if (p.received_at.empty()) throw std::invalid_argument("petitions::receive: received_at is required");
  if (sealed && p.channel != Channel::online && !is_desk_channel(p.channel))
    throw std::invalid_argument("petitions::receive: a denunciation is taken only by the online form or the desk");
  p.state = State::received;
  if (p.created_at.empty()) p.created_at = p.received_at;
  if (p.updated_at.empty()) p.updated_at = p.created_at;
  // Law on Denunciations 2018 Art. 8(3): a denouncer's account only by its sealed link.
  if (sealed) p.filer_account_id = 0;
  compute_due_days(env.calendar, env.rules, p);
  Petition n = insert_petition(env.s, p, code_day(p));
  if (sealed) {
    set_identity_sealed(env.s, n.id, seal_identity(env.keys.ring(), n.id, in.identity));
    if (in.filer_link_account) set_filer_link(env.s, n.id, env.keys.filer_link(in.filer_link_account));
  }
  for (auto r : in.representatives) {
    if (sealed) {
      r.sealed = seal_representative(env.keys.ring(), n.id, r.position, {r.name, "", r.contact, ""});
      r.name.clear();
      r.contact.clear();
    }
    insert_representative(env.s, n.id, r);
  }
  if (!in.late_reason.empty()) set_late_filing_reason(env.s, n.id, in.late_reason);
  if (!in.lookup_key.empty()) set_lookup_key_hash(env.s, n.id, lookup_key_hash(n.code, in.lookup_key));
  store_attachments(env.s, env.keys, n, FileRole::evidence, in.files, sealed ? 0 : in.files_by, n.created_at);
  std::string note = is_desk_channel(n.channel) ? std::string(channel_code(n.channel)) : "";
  if (!in.late_reason.empty()) note += "; " + in.late_reason;
  insert_event(env.s, n.id, {n.created_at, in.role, "receive", "", "received", note, in.actor_id});
  if (n.linked_petition_id)
    if (auto first = find_petition(env.s, n.linked_petition_id)) {
      const std::string state(state_code(first->state));
      insert_event(env.s, first->id, {n.created_at, in.role, "second_complaint", state, state, n.code, in.actor_id});
    }
  env.audit(env.s, {"petition.receive", "petition", std::to_string(n.id), "", audit_summary(n)});
  return {n};
}

bool record_comment(soci::session& s, std::int64_t petition_id, const std::string& at, std::string_view role,
                    const std::string& note) {
  auto p = find_petition(s, petition_id);
  if (!p) return false;
  std::string state(state_code(p->state));
  insert_event(s, p->id, {at, std::string(role), "comment", state, state, note, 0});
  return true;
}

// ---- act ----

namespace {

Acted incomplete(std::string log, std::string message_id) {
  Acted out;
  out.result = ActResult::incomplete;
  out.message_id = std::move(message_id);
  out.log = std::move(log);
  return out;
}

// A petition classified as a denunciation names its filer only sealed from then on (Law on
// Denunciations 2018 Art. 8(3), 9(1)(b), 47(2)): the name and contact sealed as the identity, the
// account replaced by its sealed link (so "Đơn của tôi" still shows it), the events' filer actor
// removed, the group's representatives and the files sealed.
void seal_filer(const Env& env, const Petition& x) {
  const auto& ring = env.keys.ring();
  if (identity_sealed(env.s, x.id).empty())
    set_identity_sealed(env.s, x.id, seal_identity(ring, x.id, {x.filer_name, "", x.filer_contact, ""}));
  conceal_filer(env.s, x.id, x.filer_account_id, x.filer_account_id ? env.keys.filer_link(x.filer_account_id) : "");
  for (const auto& r : load_representatives(env.s, x.id))
    if (r.sealed.empty())
      seal_representative_row(env.s, x.id, r.position, seal_representative(ring, x.id, r.position, {r.name, "", r.contact, ""}));
  seal_attachments(env.s, ring, x.id);
}

// The name of `assignee` when they may verify `y` (its agency's specialists, or any inspector
// for the kinds inspectors verify); nullopt otherwise.
std::optional<std::string> assignee_name(soci::session& s, const Petition& y, std::int64_t assignee) {
  std::optional<std::string> name;
  for (Role r : {Role::specialist, Role::inspector}) {
    if (!may_verify(y.kind, r)) continue;
    for (const auto& who : identity::staff_with_role(s, r == Role::inspector ? 0 : y.agency_id, std::string(auth::role_name(r))))
      if (who.id == assignee) name = who.name;
  }
  return name;
}

}  // namespace

Acted act(const Env& env, const auth::Principal& by, const Petition& x, ActInput in) {
  const Action action = in.action;
  Kind kind = x.kind;
  if (action == Action::classify) {
    if (!in.kind) return incomplete("classify without kind", "petitions.error.kind");
    kind = *in.kind;
  }
  // The table decides, for each role the officer holds: the first role it accepts acts.
  Next next{Refusal::role_not_allowed, x.state};
  Role acting = Role::citizen;
  for (Role r : by.roles) {
    // Only the assignee works an assigned case (issue 12 finding 5); the role is then not one
    // this officer may act in.
    if (!works_case(by, r, x)) continue;
    Request wr;
    wr.from = x.state;
    wr.action = action;
    wr.role = r;
    wr.kind = kind;
    wr.reason = in.note;
    wr.to_agency = in.to_agency;
    wr.current_agency = x.agency_id;
    wr.document = in.note;
    next = next_state(wr);
    acting = r;
    if (next.ok() || next.refusal != Refusal::role_not_allowed) break;
  }
  if (next.refusal == Refusal::role_not_allowed || next.refusal == Refusal::no_transition ||
      next.refusal == Refusal::kind_not_allowed) {
    Acted out;
    out.result = ActResult::not_allowed;
    out.refusal = next.refusal;
    out.log = "petition action not allowed: " + std::string(refusal_code(next.refusal));
    return out;
  }
  if (!next.ok()) return incomplete("petition action incomplete", "petitions.error." + std::string(refusal_code(next.refusal)));
  Petition y = x;
  y.kind = kind;
  y.state = next.to;
  y.updated_at = now_iso(env);
  if (action == Action::accept) y.accepted_at = y.updated_at;
  if (action == Action::forward) {
    // next_state refuses a forward without its agency (Refusal::agency_required).
    if (!in.to_agency) return incomplete("petition action incomplete", "petitions.error.agency_required");
    y.agency_id = *in.to_agency;
  }
  if (action == Action::close) y.closed_at = y.updated_at;
  if (settles(y.state) && y.settled_at.empty()) {
    y.settled_at = y.updated_at;
    y.settled_on_time =
        settled_on_time(y.state, calendar::format_date(calendar::to_local(auth::parse_iso_utc(y.settled_at)).day),
                        x.accept_due, x.resolve_due, x.forward_due);
  }
  // Complexity, several places, extensions, the decision's moment (legal_act.h); then every due day.
  const LegalInput legal =
      read_legal_input(env.s, calendar::to_local(env.clock.now()).day, in.legal, action, in.note, y);
  if (legal.refused()) return incomplete(legal.refusal_log, legal.refusal_id);
  compute_due_days(env.calendar, env.rules, y);
  std::string event_note = in.note;
  if (legal.extension) event_note += " (+" + std::to_string(legal.extension->days) + ")";
  // amend: the reason and what changed, in the event and the audit record.
  if (!legal.change.empty()) event_note += " (" + legal.change + ")";
  if (action == Action::assign) {
    auto name = assignee_name(env.s, y, in.assignee);
    if (!name) return incomplete("no such assignee", "petitions.error.assignee");
    event_note = *name;
    y.assignee_id = in.assignee;
  }
  if (!update_petition(env.s, y)) {
    Acted out;
    out.result = ActResult::conflict;
    out.log = "petition changed meanwhile";
    return out;
  }
  store_legal_input(env.s, legal, y, by.account_id);
  if (y.kind == Kind::denunciation && x.kind != Kind::denunciation) seal_filer(env, x);
  store_attachments(env.s, env.keys, y, role_for_action(action), in.files, by.account_id, y.updated_at);
  insert_event(env.s, y.id, {y.updated_at, std::string(auth::role_name(acting)), std::string(action_code(action)),
                             std::string(state_code(x.state)), std::string(state_code(y.state)), event_note, by.account_id});
  env.audit(env.s, {"petition." + std::string(action_code(action)), "petition", std::to_string(y.id), audit_summary(x),
                    audit_summary(y) + (legal.change.empty() ? "" : " " + legal.change)});
  Acted out;
  out.petition = std::move(y);
  return out;
}

// ---- links ----

namespace {

// Sets `later`'s long-running flag from its links to earlier petitions; true if it changed.
bool recompute_long_running(soci::session& s, const Petition& later) {
  bool flag = false;
  for (const auto& l : links_of(s, later.id)) {
    if (l.petition_id != later.id) continue;
    auto earlier = find_petition(s, l.earlier_id);
    if (earlier && makes_long_running(earlier->state, earlier->long_running)) flag = true;
  }
  if (flag == later.long_running) return false;
  set_long_running(s, later.id, flag);
  return true;
}

void insert_link_events(const Env& env, const auth::Principal& by, const std::string& at, const std::string& action,
                        const Petition& a, const Petition& b) {
  const std::string role(by.primary_role());
  insert_event(env.s, a.id, {at, role, action, std::string(state_code(a.state)), std::string(state_code(a.state)), b.code, by.account_id});
  insert_event(env.s, b.id, {at, role, action, std::string(state_code(b.state)), std::string(state_code(b.state)), a.code, by.account_id});
}

// The two petitions of a link: `id` in by's scope, and `other` in it too and not `id` itself.
struct Pair {
  LinkResult problem = LinkResult::done;
  Petition x, other;
};
Pair pair_of(const Env& env, const auth::Principal& by, std::int64_t id, std::int64_t other) {
  Pair out;
  auto x = find_petition(env.s, id);
  if (!x || !in_scope(by, *x)) {
    out.problem = LinkResult::not_found;
    return out;
  }
  auto y = find_petition(env.s, other);
  if (!y || !in_scope(by, *y) || y->id == x->id) {
    out.problem = LinkResult::bad_target;
    return out;
  }
  out.x = std::move(*x);
  out.other = std::move(*y);
  return out;
}

}  // namespace

Linked link(const Env& env, const auth::Principal& by, std::int64_t id, std::int64_t other, LinkKind kind) {
  Pair pr = pair_of(env, by, id, other);
  if (pr.problem != LinkResult::done) return {pr.problem};
  const std::string at = now_iso(env);
  // The later petition (by receipt, then by id) points at the earlier one.
  const bool x_later = std::tie(pr.x.received_at, pr.x.id) > std::tie(pr.other.received_at, pr.other.id);
  const Petition& later = x_later ? pr.x : pr.other;
  const Petition& earlier = x_later ? pr.other : pr.x;
  if (!insert_link(env.s, {later.id, earlier.id, std::string(link_kind_code(kind)), at}, by.account_id))
    return {LinkResult::unchanged};
  insert_link_events(env, by, at, "link", later, earlier);
  Petition after = later;
  if (recompute_long_running(env.s, later)) after.long_running = !later.long_running;
  env.audit(env.s, {"petition.link", "petition", std::to_string(later.id), audit_summary(later),
                    audit_summary(after) + " " + std::string(link_kind_code(kind)) + " " + earlier.code});
  return {LinkResult::done};
}

Linked unlink(const Env& env, const auth::Principal& by, std::int64_t id, std::int64_t other) {
  Pair pr = pair_of(env, by, id, other);
  if (pr.problem != LinkResult::done) return {pr.problem};
  if (!delete_link(env.s, pr.x.id, pr.other.id)) return {LinkResult::unchanged};
  insert_link_events(env, by, now_iso(env), "unlink", pr.x, pr.other);
  std::string after;
  for (const Petition* y : {&pr.x, &pr.other}) {
    bool changed = recompute_long_running(env.s, *y);
    after += audit_summary(*y) + (changed ? " long_running:" + std::string(y->long_running ? "cleared" : "set") : "") + "; ";
  }
  env.audit(env.s, {"petition.unlink", "petition", std::to_string(pr.x.id), audit_summary(pr.x) + " " + pr.other.code, after});
  return {LinkResult::done};
}

// ---- disclosures ----

std::optional<Identity> disclose_identity(const Env& env, const Petition& x) {
  auto opened = open_identity(env.keys.ring(), x.id, identity_sealed(env.s, x.id));
  env.audit(env.s, {"petition.identity_view", "petition", std::to_string(x.id), "", audit_summary(x)});
  return opened;
}

std::vector<std::optional<Identity>> disclose_representatives(const Env& env, const Petition& x,
                                                              const std::vector<Representative>& reps) {
  std::vector<std::optional<Identity>> out;
  for (const auto& r : reps) out.push_back(open_representative(env.keys.ring(), x.id, r.position, r.sealed));
  env.audit(env.s, {"petition.representatives_view", "petition", std::to_string(x.id), "", audit_summary(x)});
  return out;
}

std::optional<OpenedFile> disclose_file(const Env& env, const Petition& x, const AttachmentRow& f,
                                        const std::string& stored) {
  auto name = open_file_name(env.keys.ring(), x.id, f.id, f.role, f.file_name);
  auto bytes = open_file_content(env.keys.ring(), x.id, f.id, f.role, stored);
  if (!name || !bytes) return std::nullopt;
  env.audit(env.s, {"petition.file_view", "petition", std::to_string(x.id), "",
                    audit_summary(x) + " file " + std::to_string(f.id)});
  return OpenedFile{std::move(*name), std::move(*bytes)};
}

}  // namespace tinhso::petitions
