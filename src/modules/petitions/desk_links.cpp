// Repeats on the desk (issue 6 part 5): a petition's desk page suggests earlier petitions by the
// same filer or with similar folded text (similarity.h); the officer links one as the same matter
// or a duplicate, or removes a link. A link to an earlier petition that already reached a decision
// makes the later one long-running (desk_rules.h makes_long_running). Every link and unlink is one
// transaction with an event on both petitions and an audit record.
#include <algorithm>
#include <cmath>
#include <set>

#include "core/auth/guard.h"
#include "core/http/errors.h"
#include "core/text/vietnamese.h"
#include "core/web/routes.h"
#include "core/web/fields.h"
#include "modules/audit/api.h"
#include "modules/petitions/desk_entry.h"
#include "modules/petitions/desk_rules.h"
#include "modules/petitions/desk_store.h"
#include "modules/petitions/desk_view.h"
#include "modules/petitions/usecases.h"
#include "modules/petitions/permissions.h"
#include "modules/petitions/similarity.h"
#include "modules/petitions/api.h"

namespace tinhso::petitions {

namespace {

using desk::View;
using desk::field;

// Repeats are looked for among the agency's petitions of the last 24 months (a long-running case
// comes back over years), at most kCandidateLimit of them; at most kMaxSuggestions are shown.
constexpr int kRepeatWindowDays = 730;
constexpr int kCandidateLimit = 200;
constexpr std::size_t kMaxSuggestions = 5;

struct Suggestion {
  Candidate c;
  double score = 0;
  bool same_person = false;
};

FilerKey filer_key(std::int64_t account, Kind kind, const std::string& name, const std::string& contact) {
  // A denunciation's filer columns are empty (its identity is sealed and never opened here).
  if (kind == Kind::denunciation) return {};
  return {account, text::fold(name), text::fold(contact)};
}

std::vector<Suggestion> suggestions(soci::session& s, const Petition& x,
                                    const std::set<std::int64_t>& exclude) {
  const auto since = auth::iso_utc(auth::parse_iso_utc(x.received_at) - std::chrono::hours(24 * kRepeatWindowDays));
  const auto words = significant_words(text::fold(x.subject), kMaxCandidateWords);
  const Trigrams mine = trigrams(text::fold(x.subject + "\n" + x.content + "\n" + x.category));
  const FilerKey me = filer_key(x.filer_account_id, x.kind, x.filer_name, x.filer_contact);
  std::vector<Suggestion> out;
  for (auto& c : repeat_candidates(s, x, since, words, kCandidateLimit)) {
    if (exclude.count(c.id)) continue;  // candidates share x's agency, which the caller may see
    Suggestion sg{c, jaccard(mine, trigrams(c.folded)), same_filer(me, filer_key(c.filer_account_id, c.kind, c.filer_name, c.filer_contact))};
    if (sg.same_person || sg.score >= kSimilarThreshold) out.push_back(std::move(sg));
  }
  std::stable_sort(out.begin(), out.end(), [](const Suggestion& a, const Suggestion& b) { return a.score > b.score; });
  if (out.size() > kMaxSuggestions) out.resize(kMaxSuggestions);
  return out;
}

mstch::map ref(const View& v, const Candidate& y) {
  return mstch::map{{"id", std::to_string(y.id)},
                    {"code", y.code},
                    {"url", "/petitions/desk/" + std::to_string(y.id)},
                    {"subject", y.subject},
                    {"kind", v.t("petitions.kind." + std::string(kind_code(y.kind)))},
                    {"state", v.t("petitions.state." + std::string(state_code(y.state)))},
                    {"received", v.time(y.received_at)},
                    {"long_running", y.long_running}};
}

void add_representatives(app::Context& ctx, const http::Request& req, const auth::Principal& p, const Petition& x,
                         soci::session& s, mstch::map& c) {
  auto reps = load_representatives(s, x.id);
  if (reps.empty()) return;
  mstch::array rows;
  if (x.kind != Kind::denunciation) {
    for (const auto& r : reps) rows.push_back(mstch::map{{"name", r.name}, {"contact", r.contact}});
  } else if (identity_visible(p, x)) {
    // Law on Denunciations 2018 Art. 47(2): every disclosure is on record.
    const auto rec = audit::for_request(ctx, req);
    auto opened = ctx.db.transaction([&](soci::session& t) {
      return with_env(ctx, t, rec, [&](const Env& env) { return disclose_representatives(env, x, reps); });
    });
    for (const auto& who : opened)
      rows.push_back(mstch::map{{"name", who ? who->name : std::string("?")}, {"contact", who ? who->contact : std::string()}});
  } else {
    c["representatives_secret"] = true;
  }
  c["representatives"] = rows;
  c["representative_count"] = std::to_string(reps.size());
}

const auth::Principal& require_desk(const http::Request& req) {
  const auto& p = auth::require_login(req);
  auth::require(is_desk_staff(p), "petitions desk");
  return p;
}

// POST /petitions/desk/{id}/links and /unlink answer: back to the petition's page when done or
// nothing changed; 404 outside the officer's scope; 422 for a bad other petition.
http::Response answer(const Linked& done, std::int64_t id) {
  if (done.result == LinkResult::not_found) throw http::Error(http::ErrorKind::not_found, "no such petition");
  if (done.result == LinkResult::bad_target)
    throw http::Error(http::ErrorKind::invalid_input, "bad link target", "petitions_desk.error.link_target");
  return http::Response::redirect("/petitions/desk/" + std::to_string(id));
}

http::Response link(app::Context& ctx, const http::Request& req) {
  const auto& p = require_desk(req);
  auto kind = parse_link_kind(field(req, "kind"));
  if (!kind) throw http::Error(http::ErrorKind::invalid_input, "bad link kind", "petitions_desk.error.link_target");
  const LinkKind as = *kind;
  const std::int64_t id = web::path_id(req);
  const std::int64_t other = web::field_id(req, "other").value_or(0);
  const auto rec = audit::for_request(ctx, req);
  Linked done = ctx.db.transaction([&](soci::session& s) {
    return with_env(ctx, s, rec, [&](const Env& env) { return petitions::link(env, p, id, other, as); });
  });
  return answer(done, id);
}

http::Response unlink(app::Context& ctx, const http::Request& req) {
  const auto& p = require_desk(req);
  const std::int64_t id = web::path_id(req);
  const std::int64_t other = web::field_id(req, "other").value_or(0);
  const auto rec = audit::for_request(ctx, req);
  Linked done = ctx.db.transaction([&](soci::session& s) {
    return with_env(ctx, s, rec, [&](const Env& env) { return petitions::unlink(env, p, id, other); });
  });
  return answer(done, id);
}

}  // namespace

void add_desk_context(app::Context& ctx, const http::Request& req, const auth::Principal& p, const Petition& x,
                      mstch::map& c) {
  View v{ctx, req};
  const std::string base = "/petitions/desk/" + std::to_string(x.id);
  c["channel"] = v.t("petitions_desk.channel." + std::string(channel_code(x.channel)));
  c["group_size"] = std::to_string(x.group_size);
  c["is_group"] = x.group_size > 1;
  c["is_mass"] = is_mass(x.group_size);
  c["long_running"] = x.long_running;
  c["late_reason"] = x.late_filing_reason;
  c["link_url"] = base + "/links";
  c["unlink_url"] = base + "/unlink";
  // Three statements whatever the number of related petitions (issue 5: at most 10 per page).
  ctx.db.with_session([&](soci::session& s) {
    add_representatives(ctx, req, p, x, s, c);
    std::set<std::int64_t> exclude{x.id};
    mstch::array seconds, links, suggested;
    for (const auto& r : related_petitions(s, x.id)) {
      exclude.insert(r.petition.id);
      if (!in_scope(p, r.petition.agency_id)) continue;
      mstch::map row = ref(v, r.petition);
      if (r.relation == "first") {
        c["first_complaint"] = row;
      } else if (r.relation == "second") {
        seconds.push_back(row);
      } else {
        row["link_kind"] = v.t("petitions_desk.link." + r.link_kind);
        row["direction"] = v.t("petitions_desk.link." + r.relation);
        links.push_back(row);
      }
    }
    for (const auto& sg : suggestions(s, x, exclude)) {
      mstch::map row = ref(v, sg.c);
      row["score"] = std::to_string(std::lround(sg.score * 100));
      row["same_person"] = sg.same_person;
      row["decided"] = makes_long_running(sg.c.state, sg.c.long_running);
      suggested.push_back(row);
    }
    c["second_complaints"] = seconds;
    c["has_second_complaints"] = !seconds.empty();
    c["links"] = links;
    c["has_links"] = !links.empty();
    c["suggestions"] = suggested;
    c["has_suggestions"] = !suggested.empty();
  });
}

void add_desk_link_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("POST", "/petitions/desk/{id}/links", link);
  on.add("POST", "/petitions/desk/{id}/unlink", unlink);
}

}  // namespace tinhso::petitions
