// The petitions pages (issue 6 §1–4, §7–8):
//   GET  /petitions/new            the kinds first, each explained (issue 14 §6); ?kind=… its
//                                  form (anyone for feedback and recommendations; complaints and
//                                  denunciations need a signed-in citizen — Law on Complaints 2011
//                                  Art. 8, Law on Denunciations 2018 Art. 23 —, so a visitor is
//                                  asked to sign in before writing, and comes back to the form)
//   POST /petitions                files it: state `received`, the legal due days from rules.h;
//                                  the confirmation with what happens next (without an account:
//                                  with the follow-up key, lookup_pages.cpp; a citizen's: on its
//                                  page, ?sent=1). With an idempotency key (the form's hidden
//                                  idempotency_key, or an Idempotency-Key header; issue 15 §3) a
//                                  post again answers with the petition the key filed, never a
//                                  second one; a key another sender used: 409
//   GET  /petitions/mine           the citizen's own petitions
//   GET  /petitions/{code}         one petition for its filer (state, due days, history)
//   GET  /petitions/desk           officers' search: accent-insensitive words, kind, state, overdue
//   GET  /petitions/desk/{id}      one petition for staff in scope, with the actions the
//                                  transition table (workflow.h) allows the viewer
//   POST /petitions/desk/{id}/act  one transition, in one transaction with its event and audit
// Both POSTs take attachments (multipart/form-data, attachment_pages.h), and still plain forms.
// Scope: staff see the petitions of the agencies in their scope; inspectors and the province
// leader see every agency's. A denouncer's identity is stored only sealed (petition.h) and shown
// only to the inspector assigned to the case, each view audited (Law on Denunciations 2018
// Art. 8(3), 9(1)(b), 47(2), 56); everyone else, and every list, sees that it is kept secret.
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>

#include "core/crypto/random.h"
#include "core/auth/guard.h"
#include "core/calendar/deadline.h"
#include "core/http/address.h"
#include "core/http/errors.h"
#include "core/http/form.h"
#include "core/text/format.h"
#include "core/util/strings.h"
#include "core/web/fields.h"
#include "core/web/paging.h"
#include "core/web/view.h"
#include "core/web/routes.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/identity/api.h"
#include "modules/petitions/attachment_pages.h"
#include "modules/petitions/desk_entry.h"
#include "modules/petitions/desk_store.h"
#include "modules/petitions/handlers.h"
#include "modules/petitions/keys.h"
#include "modules/petitions/legal_act.h"
#include "modules/petitions/lookup_key.h"
#include "modules/petitions/permissions.h"
#include "modules/petitions/store.h"
#include "modules/petitions/api.h"
#include "modules/petitions/usecases.h"

namespace tinhso::petitions {

using directory::active_agencies;
using identity::account_name;
using identity::staff_with_role;

void set_due_days(app::Context& ctx, Petition& x) {
  // Civil Code counting (petition.h compute_due_days): the dossiers' cut-off never applies.
  auto cal = ctx.calendar.current();
  compute_due_days(*cal, rules_settings(ctx), x);
}

std::string_view state_tag(State st) {
  switch (st) {
    case State::received: return "tag-new";
    case State::decided:
    case State::notified:
    case State::closed:
    case State::forwarded:
    case State::guided: return "tag-done";
    case State::refused: return "tag-refused";
    default: return "tag-waiting";
  }
}

void add_problems(mstch::map& c, const std::vector<std::pair<std::string, std::string>>& problems) {
  mstch::array errors;
  std::map<std::string, std::string> at;
  for (const auto& [fld, msg] : problems) {
    errors.push_back(mstch::map{{"field", fld}, {"message", msg}});
    auto& m = at[fld];
    m += (m.empty() ? "" : " ") + msg;
  }
  for (const auto& [fld, msg] : at) c["error_" + fld] = msg;
  c["errors"] = errors;
  c["has_errors"] = !errors.empty();
}

namespace {

std::string today_iso(app::Context& ctx) { return calendar::format_date(calendar::to_local(ctx.clock.now()).day); }

}  // namespace

mstch::array admin_unit_options(app::Context& ctx, const http::Request& req, soci::session& s,
                                const std::string& selected) {
  const auto& catalog = ctx.pages.catalog();
  auto units = directory::active_units(s, today_iso(ctx));
  std::map<std::string, int> names;
  for (const auto& u : units) ++names[u.name];
  mstch::array out{mstch::map{{"value", std::string()}, {"label", catalog.get(req.lang, "petitions.admin_unit.none")},
                              {"selected", selected.empty()}}};
  for (const auto& u : units) {
    std::string label = names[u.name] > 1 ? u.name + " (" + u.code + ")" : u.name;
    if (u.remote) label += " — " + catalog.get(req.lang, "petitions.admin_unit.remote");
    out.push_back(mstch::map{{"value", std::to_string(u.id)}, {"label", label}, {"selected", selected == std::to_string(u.id)}});
  }
  return out;
}

UnitChoice choose_admin_unit(app::Context& ctx, soci::session& s, const std::string& value) {
  auto id = web::optional_id(value);  // a malformed id: 400
  if (!id) return {};
  auto unit = directory::find_active_unit(s, *id, today_iso(ctx));
  if (!unit) return {std::nullopt, true};
  return {unit, false};
}

namespace {

using auth::Role;
using http::Request;
using http::Response;

constexpr int kPageSize = 50;
constexpr std::size_t kMaxSubject = 300, kMaxContent = 10000, kMaxField = 300;
// The kinds a person chooses on the online form; a second complaint is recorded by the desk,
// which links it to the first.
constexpr Kind kOnlineKinds[] = {Kind::feedback, Kind::recommendation, Kind::complaint_first, Kind::denunciation};

using web::field;
using web::View;
[[noreturn]] void not_found() { throw http::Error(http::ErrorKind::not_found, "no such petition"); }


const auth::Principal& require_desk(const Request& req) {
  const auto& p = auth::require_login(req);
  auth::require(is_desk_staff(p), "petitions desk");
  return p;
}

std::string now_iso(app::Context& ctx) { return auth::iso_utc(ctx.clock.now()); }

mstch::array kind_options(const View& v, std::optional<Kind> selected, bool all) {
  mstch::array out;
  auto add = [&](Kind k) {
    out.push_back(mstch::map{{"value", std::string(kind_code(k))},
                             {"label", v.t("petitions.kind." + std::string(kind_code(k)))},
                             {"selected", selected == k}});
  };
  if (all)
    for (Kind k : kAllKinds) add(k);
  else
    for (Kind k : kOnlineKinds) add(k);
  return out;
}

mstch::array agency_options(const View& v, soci::session& s, std::int64_t selected, std::int64_t except = 0) {
  mstch::array out;
  for (const auto& a : active_agencies(s))
    if (a.id != except)
      out.push_back(mstch::map{{"value", std::to_string(a.id)}, {"label", a.name}, {"selected", a.id == selected}});
  (void)v;
  return out;
}

mstch::map petition_context(const View& v, soci::session& s, const Petition& x) {
  mstch::array history;
  for (const auto& e : load_events(s, x.id))
    history.push_back(mstch::map{{"at", v.time(e.at)},
                                 {"at_iso", e.at},
                                 {"action", v.t("petitions.action." + e.action)},
                                 {"state", v.t("petitions.state." + e.to_state)},
                                 {"note", e.note}});
  // One statement for both names (issue 5: at most 10 per page).
  auto names = directory::agency_and_unit_names(s, x.agency_id, x.admin_unit_id);
  return mstch::map{{"code", x.code},
                    {"kind", v.t("petitions.kind." + std::string(kind_code(x.kind)))},
                    {"state", v.t("petitions.state." + std::string(state_code(x.state)))},
                    {"state_tag", std::string(state_tag(x.state))},
                    {"subject", x.subject},
                    {"content", x.content},
                    {"agency", names.agency},
                    // Where the matter arose, and whether its periods were counted as remote
                    // (as stored: the unit's flag may have changed since; rules.h remote_area).
                    {"admin_unit", names.unit},
                    {"is_remote", x.remote},
                    {"received", v.time(x.received_at)},
                    {"received_iso", x.received_at},
                    {"accept_due", v.date(x.accept_due)},
                    {"resolve_due", v.date(x.resolve_due)},
                    {"inform_due", v.date(x.inform_due)},
                    {"send_due", v.date(x.send_due)},
                    {"history", history},
                    {"has_history", !history.empty()}};
}

Response page(app::Context& ctx, const Request& req, std::string_view name, mstch::map c, int status = 200) {
  return identity::anonymous_form_page(ctx, req, name, std::move(c), status);
}

// ---- the online form ----

// The per-sender limits of the online form (issue 12; ASVS 5.0 V2.4.1): it takes up to 20 MiB of
// files a post. An anonymous post is counted per http::address_bucket, a signed-in one per account
// (form_usage_key), each per UTC hour in the database, so every node shares the counts; a count
// and its increment are one statement. Counts older than a day are deleted at most every
// kPruneEvery per node.
constexpr std::chrono::minutes kPruneEvery{10};
constexpr std::chrono::hours kKeepCounts{24};

std::string hour_of(std::chrono::system_clock::time_point t) { return auth::iso_utc(t).substr(0, 13); }

// Counts one post of `bucket` in the hour of `now` and returns the hour's count including it.
int count_post(app::Context& ctx, std::chrono::system_clock::time_point now, const std::string& bucket) {
  static std::atomic<std::chrono::system_clock::rep> last_prune{0};  // the epoch: the first post prunes
  const auto since = std::chrono::system_clock::time_point(std::chrono::system_clock::duration(last_prune.load()));
  const bool prune = now - since >= kPruneEvery || now < since;
  if (prune) last_prune = now.time_since_epoch().count();
  return ctx.db.transaction([&](soci::session& s) {
    if (prune) prune_form_usage(s, hour_of(now - kKeepCounts));
    return count_form_post(s, hour_of(now), bucket);
  });
}

// The 429 page with `message_id`, to be retried when the hour of `now` ends.
Response form_limit_refusal(app::Context& ctx, const Request& req, std::chrono::system_clock::time_point now,
                            std::string_view message_id, std::string_view log_text) {
  Response r = ctx.pages.error(
      req, http::Error(http::ErrorKind::too_many_requests, std::string(log_text), std::string(message_id)));
  auto into_hour = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()) % std::chrono::hours(1);
  r.headers.set("Retry-After", std::to_string((std::chrono::hours(1) - into_hour).count()));
  return r;
}

// The 429 page when the sender has used up this hour's posts, else nothing. A signed-in sender is
// counted under a keyed hash of the account and the hour, never the account id: any petition may
// be or become a denunciation, whose filer no stored record may identify (Law on Denunciations
// 2018 Art. 8(3)), and a row of (account id, hour) beside a denunciation received that hour would.
std::optional<Response> over_form_limit(app::Context& ctx, const Request& req) {
  const auto now = ctx.clock.now();
  if (!req.principal) {
    if (count_post(ctx, now, http::address_bucket(req.remote_addr)) <= intake_settings(ctx).posts_per_hour)
      return std::nullopt;
    return form_limit_refusal(ctx, req, now, "petitions.error.limited", "petition form: posts per hour of one address");
  }
  std::string key = keys_of(ctx).form_usage_key(req.principal->account_id, hour_of(now));
  if (count_post(ctx, now, key) <= intake_settings(ctx).account_posts_per_hour) return std::nullopt;
  return form_limit_refusal(ctx, req, now, "petitions.error.account_limited",
                            "petition form: posts per hour of one account");
}

struct Form {
  std::string kind, agency, subject, content, name, contact, address, id_number, admin_unit;
  std::string idempotency_key;  // as posted; "" on a new form (form_page makes one)
};

// ---- idempotent posts of the online form (issue 15 §3) ----

// A new form's key: 32 random bytes, base64url (43 characters).
std::string new_idempotency_key() { return crypto::random_base64url(32); }

// What is stored for `key` (011_idempotency.sql): lower-case hex BLAKE2b-256.
std::string idempotency_hash(std::string_view key) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr, 0);
  char hex[2 * sizeof h + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

// The post's key: the form's field, else the Idempotency-Key header; "" = none (the post is not
// idempotent). A key outside 16..64 characters: 400.
std::string idempotency_key_of(const Request& req) {
  std::string key = field(req, "idempotency_key");
  if (key.empty()) key = std::string(trim(req.headers.get_or("Idempotency-Key", "")));
  if (!key.empty() && (key.size() < 16 || key.size() > 64))
    throw http::Error(http::ErrorKind::bad_request, "bad petition idempotency key", "petitions.error.idempotency_key");
  return key;
}

// The owner the post's sender would be stored as (keys.h idempotency_owner; "" without an account).
std::string idempotency_owner_of(app::Context& ctx, const Request& req, const std::string& key) {
  return req.principal ? keys_of(ctx).idempotency_owner(req.principal->account_id, key) : std::string();
}

// Whether `stored` (a row's owner) is the post's sender: the same account under any key of the
// ring, or both without an account.
bool same_sender(app::Context& ctx, const Request& req, const std::string& key, const std::string& stored) {
  if (!req.principal) return stored.empty();
  if (stored.empty()) return false;
  const auto owners = keys_of(ctx).idempotency_owners(req.principal->account_id, key);
  return std::find(owners.begin(), owners.end(), stored) != owners.end();
}

// Complaints and denunciations name their filer: Law on Complaints 2011 Art. 8(2), Law on
// Denunciations 2018 Art. 23(1) (a denunciation without a name is not handled under that Law,
// Art. 25); online, through a signed-in citizen account. Feedback and recommendations may be
// anonymous (Decree 20/2008/NĐ-CP).
bool identified(Kind k) { return k == Kind::complaint_first || k == Kind::denunciation; }

bool online_kind(std::optional<Kind> k) {
  return k && std::find(std::begin(kOnlineKinds), std::end(kOnlineKinds), *k) != std::end(kOnlineKinds);
}

// Step 1: the kind, each with what it is for and what follows (issue 14 §6). The explanations
// paraphrase Law on Complaints 2011 Art. 2(1) (a decision or act that harms one's own rights),
// Law on Denunciations 2018 Art. 2(1) (anyone's violation of law), Decree 20/2008/NĐ-CP Art. 3
// (phản ánh: telling of a problem; kiến nghị: proposing a change).
Response kind_page(app::Context& ctx, const Request& req, std::optional<Kind> selected, const Problems& problems,
                   int status) {
  View v{ctx, req};
  mstch::array kinds;
  for (Kind k : kOnlineKinds) {
    std::string code(kind_code(k));
    kinds.push_back(mstch::map{{"value", code},
                               {"label", v.t("petitions.kind." + code)},
                               {"explain", v.t("petitions.choose.explain." + code)},
                               {"needs_sign_in", identified(k)},
                               {"selected", selected == k}});
  }
  mstch::map c{{"title", v.t("petitions.new.title")}, {"kinds", kinds}, {"signed_in", req.principal != nullptr}};
  add_problems(c, problems);
  return page(ctx, req, "petition_kind", std::move(c), status);
}

// Before the text of a complaint or denunciation: who may send it online, and for a visitor the
// way to sign in that comes back to the form with the kind kept.
Response sign_in_page(app::Context& ctx, const Request& req, Kind k) {
  View v{ctx, req};
  std::string code(kind_code(k));
  std::string back = "/petitions/new?kind=" + code;
  mstch::map c{{"title", v.t("petitions.sign_in.title." + code)},
               {"why", v.t("petitions.sign_in.why." + code)},
               {"staff", req.principal != nullptr},
               {"login_url", "/login?next=" + http::percent_encode(back)}};
  return page(ctx, req, "petition_sign_in", std::move(c));
}

Response form_page(app::Context& ctx, const Request& req, Kind k, const Form& f, const Problems& problems, int status) {
  View v{ctx, req};
  std::string code(kind_code(k));
  mstch::map c{{"title", v.t("petitions.new.title_of." + code)},
               {"kind", code},
               {"kind_label", v.t("petitions.kind." + code)},
               {"identified", identified(k)},
               {"denunciation", k == Kind::denunciation},
               {"subject", f.subject},
               {"content", f.content},
               {"name", f.name},
               {"contact", f.contact},
               {"address", f.address},
               {"id_number", f.id_number},
               {"idempotency_key", f.idempotency_key.empty() ? new_idempotency_key() : f.idempotency_key},
               {"signed_in", req.principal != nullptr}};
  add_problems(c, problems);
  std::int64_t agency = web::optional_id(f.agency).value_or(0);
  ctx.db.with_session([&](soci::session& s) {
    c["agencies"] = agency_options(v, s, agency);
    c["admin_units"] = admin_unit_options(ctx, req, s, f.admin_unit);
  });
  return page(ctx, req, "petition_new", std::move(c), status);
}

// The text form of an online kind `kind`; for a complaint or a denunciation, a visitor (or a staff
// account) is first asked to sign in as a citizen, before anything is written.
Response form_of_kind(app::Context& ctx, const Request& req, Kind kind) {
  if (identified(kind) && (!req.principal || req.principal->is_staff())) return sign_in_page(ctx, req, kind);
  Form f;
  if (req.principal && !req.principal->is_staff()) {
    f.name = req.principal->display_name;
    f.contact = req.principal->email;
  }
  return form_page(ctx, req, kind, f, {}, 200);
}

// GET /petitions/new: the kinds; ?kind=… an online kind: its form, or for a complaint or
// denunciation without a citizen account the sign-in page first; anything else: the kinds again
// with the error at the field (400 for a value that is no online kind, 422 for none chosen).
Response new_form(app::Context& ctx, const Request& req) {
  // ?change=<kind>: back from a form to change its kind, that kind still chosen. ?chosen=1: the
  // kinds' form was sent (with no radio checked, it sends no kind).
  const bool sent = req.query_params.has("kind") || req.query_params.has("chosen");
  if (!sent) return kind_page(ctx, req, parse_kind(req.query_params.get_or("change", "")), {}, 200);
  std::string_view value = req.query_params.get_or("kind", "");
  const std::optional<Kind> kind = parse_kind(value);
  if (kind && online_kind(kind)) return form_of_kind(ctx, req, *kind);
  View v{ctx, req};
  return kind_page(ctx, req, std::nullopt, {{"kind", v.t("petitions.error.kind")}}, value.empty() ? 422 : 400);
}

// What happens next (issue 14 §6): the due days of `x` in plain words, per kind, and where to
// follow it. Shared by the confirmation page and the filer's petition page just after sending.
mstch::map next_steps(const View& v, const Petition& x, bool has_key) {
  std::string code(kind_code(x.kind));
  return mstch::map{{"steps_intro", v.t("petitions.next.intro." + code)},
                    {"accept_due", v.date(x.accept_due)},
                    {"accept_due_iso", x.accept_due},
                    {"inform_due", v.date(x.inform_due)},
                    {"inform_due_iso", x.inform_due},
                    {"resolve_period", v.t("petitions.next.resolve." + code)},
                    {"denunciation", x.kind == Kind::denunciation},
                    {"follow_lookup", has_key},
                    {"lookup_url", "/petitions/lookup?code=" + x.code},
                    {"follow_mine", !has_key}};
}

// The answer to a post that filed `stored`, first or again: a citizen's petition its page; a
// denunciation, and a petition without an account, the confirmation here, the follow-up key `key`
// shown this once. (A redirect to a denunciation's page would put its code beside the denouncer's
// address in the access log.)
Response filed(app::Context& ctx, const Request& req, const Petition& stored, const std::string& key) {
  if (stored.filer_account_id) return Response::redirect("/petitions/" + stored.code + "?sent=1");
  View v{ctx, req};
  mstch::map c{{"title", v.t("petitions.done.title")}, {"code", stored.code}, {"key", key}};
  c.merge(next_steps(v, stored, !key.empty()));
  return page(ctx, req, "petition_done", std::move(c));
}

// A post again with key `key` (a lost answer, a node that died): the answer of the petition the key
// filed, nullopt when it filed none; 409 when another sender used it. A petition followed by a key
// gets a new one, the old one's hash replaced: only its hash was kept, and the post again is the
// sender's, who holds the form's key.
std::optional<Response> replay(app::Context& ctx, const Request& req, const std::string& key) {
  const std::string hash = idempotency_hash(key);
  auto found = ctx.db.with_session([&](soci::session& s) { return find_by_idempotency_hash(s, hash); });
  if (!found) return std::nullopt;
  if (!same_sender(ctx, req, key, found->owner))
    throw http::Error(http::ErrorKind::conflict, "petition idempotency key of another sender", "petitions.error.idempotency");
  const bool citizen = req.principal && !req.principal->is_staff();
  const std::string lookup = citizen ? std::string() : new_lookup_key();
  auto stored = ctx.db.transaction([&](soci::session& s) {
    auto x = find_petition(s, found->id);
    if (x && !lookup.empty()) set_lookup_key_hash(s, x->id, lookup_key_hash(x->code, lookup));
    return x;
  });
  if (!stored) return std::nullopt;  // deleted meanwhile: file it anew
  return filed(ctx, req, *stored, lookup);
}

// Records `in` (receive) with the idempotency key `key` ("" = none) in one transaction. Returns
// nullopt when a concurrent post with the same key filed first (the caller replays it).
std::optional<Petition> receive_once(app::Context& ctx, const Request& req, ReceiveInput in, const std::string& key) {
  // The audit record names no account, no address, no request id (which leads to the address in
  // the access log). Any petition may be classified a denunciation later, and the audit log cannot
  // be rewritten then (Law on Denunciations 2018 Art. 8(3), 9(1)(b), 47(2)).
  Request unlinked;
  unlinked.lang = req.lang;
  const auto rec = audit::for_request(ctx, unlinked);
  const std::string hash = key.empty() ? std::string() : idempotency_hash(key);
  const std::string owner = key.empty() ? std::string() : idempotency_owner_of(ctx, req, key);
  try {
    return ctx.db.transaction([&](soci::session& s) -> std::optional<Petition> {
      if (!key.empty() && find_by_idempotency_hash(s, hash)) return std::nullopt;
      Petition stored = with_env(ctx, s, rec, [&](const Env& env) { return receive(env, std::move(in)).petition; });
      if (!key.empty()) set_idempotency(s, stored.id, hash, owner);
      return stored;
    });
  } catch (const soci::soci_error&) {
    // The UNIQUE index: the same key committed by a concurrent post on any node.
    if (key.empty() || !ctx.db.with_session([&](soci::session& s) { return find_by_idempotency_hash(s, hash); })) throw;
    return std::nullopt;
  }
}

Response create(app::Context& ctx, const Request& req) {
  const std::string idempotency_key = idempotency_key_of(req);
  // A post again is answered before it is counted: retrying a lost answer uses up no posts.
  if (!idempotency_key.empty())
    if (auto again = replay(ctx, req, idempotency_key)) return std::move(*again);
  if (auto limited = over_form_limit(ctx, req)) return std::move(*limited);
  View v{ctx, req};
  Form f{field(req, "kind"), field(req, "agency"), field(req, "subject"), field(req, "content"),
         field(req, "name"),  field(req, "contact"), field(req, "address"), field(req, "id_number"),
         field(req, "admin_unit"), idempotency_key};
  Problems problems;
  auto kind = parse_kind(f.kind);
  if (!online_kind(kind)) return kind_page(ctx, req, std::nullopt, {{"kind", v.t("petitions.error.kind")}}, 422);
  std::int64_t agency = web::optional_id(f.agency).value_or(0);
  UnitChoice unit;
  bool agency_ok = ctx.db.with_session([&](soci::session& s) {
    unit = choose_admin_unit(ctx, s, f.admin_unit);
    return directory::find_active_agency(s, agency).has_value();
  });
  const auth::Principal* p = req.principal ? &*req.principal : nullptr;
  if (identified(*kind) && (!p || p->is_staff())) problems.emplace_back("kind", v.t("petitions.error.sign_in"));
  if (!agency_ok) problems.emplace_back("agency", v.t("petitions.error.agency"));
  if (unit.bad) problems.emplace_back("admin_unit", v.t("petitions.error.admin_unit"));
  if (f.subject.empty() || f.subject.size() > kMaxSubject) problems.emplace_back("subject", v.t("petitions.error.subject"));
  if (f.content.empty() || f.content.size() > kMaxContent) problems.emplace_back("content", v.t("petitions.error.content"));
  auto files = read_attachments(ctx, req, 0, 0, problems);
  for (auto [value, name] : {std::pair{&f.name, "name"}, {&f.contact, "contact"}, {&f.address, "address"},
                             {&f.id_number, "id_number"}})
    if (value->size() > kMaxField)
      problems.emplace_back(name, v.f("petitions.error.too_long", {{"field", v.t(std::string("petitions.field.") + name)}}));
  if (identified(*kind)) {
    // Law on Complaints 2011 Art. 8(2), Law on Denunciations 2018 Art. 23(1): name and address.
    if (f.name.empty()) problems.emplace_back("name", v.t("petitions.error.name"));
    if (f.address.empty()) problems.emplace_back("address", v.t("petitions.error.address"));
  }
  if (!problems.empty()) return form_page(ctx, req, *kind, f, problems, 422);

  ReceiveInput in;
  Petition& x = in.petition;
  x.kind = *kind;
  x.channel = Channel::online;
  x.subject = f.subject;
  x.content = f.content;
  x.agency_id = agency;
  x.admin_unit_id = unit.unit ? unit.unit->id : 0;
  x.remote = remote_area(unit.unit && unit.unit->remote, false);  // no override online
  // A denunciation keeps no account link in plain: the account would name the denouncer. Its
  // filer finds it by the sealed link (keys.h filer_link).
  const bool citizen = p && !p->is_staff();
  x.filer_account_id = citizen && x.kind != Kind::denunciation ? p->account_id : 0;
  x.filer_name = f.name;
  x.filer_contact = f.contact;
  x.anonymous = f.name.empty() && !x.filer_account_id;
  x.received_at = x.created_at = x.updated_at = now_iso(ctx);
  in.identity = {f.name, f.address, f.contact, f.id_number};
  in.filer_link_account = citizen ? p->account_id : 0;
  in.files = std::move(files);
  in.files_by = x.filer_account_id;
  // Sent without a citizen account (feedback or a recommendation): followed by code and key.
  const std::string key = citizen ? std::string() : new_lookup_key();
  in.lookup_key = key;
  // The event names no actor: the filer is on the row (or sealed), not in the history.
  in.role = p ? std::string(p->primary_role()) : "anonymous";
  auto stored = receive_once(ctx, req, std::move(in), idempotency_key);
  if (stored) return filed(ctx, req, *stored, key);
  // Filed first by a concurrent post with the same key.
  if (auto again = replay(ctx, req, idempotency_key)) return std::move(*again);
  throw http::Error(http::ErrorKind::conflict, "petition idempotency key: the concurrent petition vanished");
}

// ---- the citizen's side ----

Response mine(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  auth::require(p.has(Role::citizen), "own petitions");
  View v{ctx, req};
  mstch::array rows;
  ctx.db.with_session([&](soci::session& s) {
    for (const auto& x : petitions_of(s, p.account_id, keys_of(ctx).filer_links(p.account_id), kPageSize, 0))
      rows.push_back(mstch::map{{"code", x.code},
                                {"url", "/petitions/" + x.code},
                                {"subject", x.subject},
                                {"kind", v.t("petitions.kind." + std::string(kind_code(x.kind)))},
                                {"state", v.t("petitions.state." + std::string(state_code(x.state)))},
                                {"state_tag", std::string(state_tag(x.state))},
                                {"received", v.time(x.received_at)},
                                {"received_iso", x.received_at}});
  });
  return page(ctx, req, "petition_mine", mstch::map{{"title", v.t("petitions.mine.title")}, {"rows", rows}, {"empty", rows.empty()}});
}

Response show(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  View v{ctx, req};
  auto x = ctx.db.with_session([&](soci::session& s) -> std::optional<Petition> {
    auto found = find_petition_by_code(s, std::string(req.param("code")));
    if (!found || !p.has(Role::citizen)) return std::nullopt;
    if (found->filer_account_id == p.account_id) return found;
    // A denunciation: its filer by the sealed link.
    if (has_filer_link(s, found->id, keys_of(ctx).filer_links(p.account_id))) return found;
    return std::nullopt;
  });
  if (!x) not_found();
  mstch::map c = ctx.db.with_session([&](soci::session& s) {
    auto page_context = petition_context(v, s, *x);
    add_result(page_context, req, s, *x);
    add_attachments(page_context, ctx, req, s, *x, Viewer::filer);
    return page_context;
  });
  c["title"] = v.t("petitions.show.title") + " " + x->code;
  // Just sent (the form's redirect): the confirmation and what happens next, while it is new.
  if (req.query_params.get_or("sent", "") == "1" && x->state == State::received) {
    c["sent"] = true;
    c.merge(next_steps(v, *x, false));
  }
  return page(ctx, req, "petition_show", std::move(c));
}

// ---- the officers' side ----

Response desk(app::Context& ctx, const Request& req) {
  const auto& p = require_desk(req);
  View v{ctx, req};
  Filter f = desk_filter(ctx, req, p);
  bool overdue = !f.overdue_on.empty();
  web::Paging paging = web::paging(req, kPageSize);
  f.limit = paging.limit_probe();
  f.offset = static_cast<int>(paging.offset());
  mstch::array rows, agencies, units;
  bool more = false;
  ctx.db.with_session([&](soci::session& s) {
    if (sees_all(p))
      for (const auto& a : active_agencies(s))
        agencies.push_back(mstch::map{{"value", std::to_string(a.id)}, {"label", a.name}, {"selected", a.id == f.agency_id}});
    units = admin_unit_options(ctx, req, s, f.admin_unit_id ? std::to_string(f.admin_unit_id) : std::string());
    boost::get<mstch::map>(units.front())["label"] = v.t("petitions.desk.any");  // no unit chosen: any unit
    auto found = search_petitions(s, f);
    more = found.size() > static_cast<std::size_t>(kPageSize);
    if (more) found.pop_back();
    for (const auto& x : found) {
      if (!in_scope(p, x)) continue;
      mstch::map row{{"code", x.code},
                     {"url", "/petitions/desk/" + std::to_string(x.id)},
                     {"subject", x.subject},
                     {"kind", v.t("petitions.kind." + std::string(kind_code(x.kind)))},
                     {"state", v.t("petitions.state." + std::string(state_code(x.state)))},
                     {"state_tag", std::string(state_tag(x.state))},
                     {"received", v.time(x.received_at)},
                     {"received_iso", x.received_at},
                     {"resolve_due", v.date(x.resolve_due)},
                     {"resolve_due_iso", x.resolve_due}};
      add_row_flags(x, row);
      rows.push_back(row);
    }
  });
  mstch::array states;
  for (const char* st : {"received", "classified", "accepted", "assigned", "verified", "decided", "notified", "closed",
                         "refused", "forwarded", "guided"})
    states.push_back(mstch::map{{"value", std::string(st)}, {"label", v.t(std::string("petitions.state.") + st)},
                                {"selected", f.state == st}});
  mstch::map c{{"title", v.t("petitions.desk.title")},
               {"q", f.q},
               {"kinds", kind_options(v, parse_kind(f.kind), true)},
               {"states", states},
               {"overdue", overdue},
               {"rows", rows},
               {"empty", rows.empty()},
               {"agencies", agencies},
               {"choose_agency", !agencies.empty()},
               {"units", units}};
  add_desk_list_context(ctx, req, f, paging.page == 1, c);
  c.merge(web::pager(req, "/petitions/desk", paging, more));
  c["may_receive"] = std::any_of(p.roles.begin(), p.roles.end(), may_receive);
  return page(ctx, req, "petition_desk", std::move(c));
}

Petition desk_petition(app::Context& ctx, const Request& req, const auth::Principal& p) {
  std::int64_t id = web::path_id(req);
  auto x = ctx.db.with_session([&](soci::session& s) { return find_petition(s, id); });
  if (!x || !in_scope(p, *x)) not_found();
  return *x;
}

Response desk_show(app::Context& ctx, const Request& req) {
  const auto& p = require_desk(req);
  View v{ctx, req};
  Petition x = desk_petition(ctx, req, p);
  mstch::map c = ctx.db.with_session([&](soci::session& s) { return petition_context(v, s, x); });
  c["title"] = v.t("petitions.show.title") + " " + x.code;
  c["act_url"] = "/petitions/desk/" + std::to_string(x.id) + "/act";
  c["is_denunciation"] = x.kind == Kind::denunciation;
  if (x.kind == Kind::denunciation) {
    if (identity_visible(p, x)) {
      // Law on Denunciations 2018 Art. 47(2): every disclosure is on record.
      const auto rec = audit::for_request(ctx, req);
      auto who = ctx.db.transaction([&](soci::session& s) {
        return with_env(ctx, s, rec, [&](const Env& env) { return disclose_identity(env, x); });
      });
      if (who)
        c["identity"] = mstch::map{{"name", who->name}, {"address", who->address}, {"contact", who->contact},
                                   {"id_number", who->id_number}};
      else
        c["identity_unreadable"] = true;
    } else {
      c["identity_secret"] = true;
    }
  } else {
    c["filer"] = mstch::map{{"name", x.filer_name}, {"contact", x.filer_contact}};
    c["anonymous"] = x.anonymous;
  }
  // The actions the table allows this viewer now.
  mstch::array actions;
  bool needs_agency = false, needs_assignee = false, needs_kind = false;
  for (const auto& tr : transitions()) {
    if (tr.from != x.state || !(tr.kinds & kind_bit(x.kind)) || !p.has(tr.role) || !works_case(p, tr.role, x)) continue;
    std::string code(action_code(tr.action));
    bool dup = std::any_of(actions.begin(), actions.end(), [&](const mstch::node& n) {
      return boost::get<std::string>(boost::get<mstch::map>(n).at("value")) == code;
    });
    if (dup) continue;
    auto need = requirement(tr.action);
    actions.push_back(mstch::map{{"value", code},
                                 {"label", v.t("petitions.action." + code)},
                                 {"note_required", need != Requirement::none && need != Requirement::agency}});
    needs_agency = needs_agency || need == Requirement::agency;
    needs_assignee = needs_assignee || tr.action == Action::assign;
    needs_kind = needs_kind || tr.action == Action::classify;
  }
  c["actions"] = actions;
  c["has_actions"] = !actions.empty();
  ctx.db.with_session([&](soci::session& s) {
    if (needs_agency) c["agencies"] = agency_options(v, s, 0, x.agency_id);
    if (needs_kind) c["kinds"] = kind_options(v, x.kind, true);
    if (needs_assignee) {
      mstch::array people;
      for (Role r : {Role::specialist, Role::inspector}) {
        if (!may_verify(x.kind, r)) continue;
        // Denunciations go to the inspectorate (any inspector); the rest to the agency's specialists.
        for (const auto& who : staff_with_role(s, r == Role::inspector ? 0 : x.agency_id, std::string(auth::role_name(r))))
          people.push_back(mstch::map{{"value", std::to_string(who.id)}, {"label", who.name}, {"selected", who.id == x.assignee_id}});
      }
      c["assignees"] = people;
    }
    if (x.assignee_id) c["assignee"] = account_name(s, x.assignee_id);
    add_attachments(c, ctx, req, s, x, Viewer::desk);
  });
  c["has_agencies"] = needs_agency;
  c["has_assignees"] = needs_assignee;
  c["has_kinds"] = needs_kind;
  if (req.query_params.get("error")) c["action_error"] = v.t("petitions.error.action");
  add_desk_context(ctx, req, p, x, c);
  add_legal_context(ctx, req, p, x, c);
  return page(ctx, req, "petition_desk_show", std::move(c));
}

Response act(app::Context& ctx, const Request& req) {
  const auto& p = require_desk(req);
  Petition x = desk_petition(ctx, req, p);
  ActInput in;
  auto action = parse_action(field(req, "action"));
  if (!action) throw http::Error(http::ErrorKind::invalid_input, "unknown action", "petitions.error.action");
  in.action = *action;
  in.note = std::string(utf8_prefix(field(req, "note"), kMaxContent));
  in.to_agency = web::field_id(req, "agency");
  in.assignee = web::field_id(req, "assignee").value_or(0);
  Problems file_problems;
  in.files = read_attachments(ctx, req, 0, 0, file_problems);
  if (!file_problems.empty()) throw http::Error(http::ErrorKind::invalid_input, "petition act file", "petitions_files.error.act");
  if (in.action == Action::classify) {
    in.kind = parse_kind(field(req, "kind"));
    if (!in.kind) throw http::Error(http::ErrorKind::invalid_input, "classify without kind", "petitions.error.kind");
  }
  in.legal = {field(req, "complexity"), field(req, "several_places") == "1", field(req, "extension_days"),
              field(req, "decision_on")};
  const auto rec = audit::for_request(ctx, req);
  Acted done = ctx.db.transaction([&](soci::session& s) {
    return with_env(ctx, s, rec, [&](const Env& env) { return petitions::act(env, p, x, std::move(in)); });
  });
  switch (done.result) {
    case ActResult::done: break;
    case ActResult::not_allowed: throw http::Error(http::ErrorKind::forbidden, done.log);
    case ActResult::incomplete: throw http::Error(http::ErrorKind::invalid_input, done.log, done.message_id);
    case ActResult::conflict: throw http::Error(http::ErrorKind::conflict, done.log);
  }
  // Forwarded away from the viewer's scope: back to the list.
  if (!in_scope(p, done.petition)) return Response::redirect("/petitions/desk");
  return Response::redirect("/petitions/desk/" + std::to_string(done.petition.id));
}

}  // namespace

void add_routes(http::Router& router, app::Context& ctx) {
  ctx.pages.enable_feature("petitions");
  web::Routes on(router, ctx);
  on.add("GET", "/petitions/new", new_form);
  on.add("POST", "/petitions", create, kAttachmentRoute);
  on.add("GET", "/petitions/mine", mine);
  on.add("GET", "/petitions/desk", desk);
  on.add("GET", "/petitions/desk/{id}", desk_show);
  add_desk_routes(router, ctx);
  on.add("POST", "/petitions/desk/{id}/act", act, kAttachmentRoute);
  on.add("GET", "/petitions/{code}", show);
}

}  // namespace tinhso::petitions
