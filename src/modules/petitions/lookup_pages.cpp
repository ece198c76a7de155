// The public look-up of a petition sent without an account (issue 14 §6), like the dossiers'
// (/lookup): GET /petitions/lookup?code=…&key=… shows its kind, state, receiving agency, due
// days, the answer once decided (add_result) and the history as actions, states and times — never
// its text, a name, a contact, an assignee or an officer's note. No sign-in. One answer for a
// wrong code and a wrong key, and the same hashing for both (lookup_key_matches).
// Failures are counted in the database per UTC hour in petition_form_usage (so every node shares
// them), with the dossier look-up's limits (dossiers/lookup_limit.h): per (address bucket, code)
// 10 (its row keyed by Keys::lookup_usage_key, so no row ties an address to a petition), per
// bucket 100, per code 50 for buckets that have failed on it themselves; past them 429 with
// Retry-After. A failure's counts and its answer are one transaction whose upserts return
// the new counts, so parallel guesses get no more answers than the limit.
#include "modules/petitions/lookup_pages.h"

#include <chrono>

#include "core/auth/clock.h"
#include "core/http/address.h"
#include "core/util/strings.h"
#include "core/web/routes.h"
#include "core/web/view.h"
#include "modules/directory/api.h"
#include "modules/identity/api.h"
#include "modules/petitions/attachment_pages.h"
#include "modules/petitions/handlers.h"
#include "modules/petitions/keys.h"
#include "modules/petitions/lookup_key.h"
#include "modules/petitions/store.h"

namespace tinhso::petitions {

namespace {

using http::Request;
using http::Response;
using web::View;

constexpr long long kPerPair = 10, kPerBucket = 100, kPerCode = 50;
constexpr std::size_t kMaxCode = 64;
constexpr std::chrono::hours kKeepCounts{24};

struct Counts {
  long long pair = 0, bucket = 0, code = 0;
};
bool limited(const Counts& c) { return c.pair >= kPerPair || c.bucket >= kPerBucket || (c.pair > 0 && c.code >= kPerCode); }

std::string hour_of(std::chrono::system_clock::time_point t) { return auth::iso_utc(t).substr(0, 13); }

enum class Outcome { found, not_found, limited };

struct Looked {
  Outcome outcome = Outcome::not_found;
  Petition petition;
  std::vector<Event> events;
};

Looked look_up(app::Context& ctx, const Request& req, const std::string& code, const std::string& key) {
  const auto now = ctx.clock.now();
  const std::string hour = hour_of(now), address = http::address_bucket(req.remote_addr);
  const std::string counted(utf8_prefix(code, kMaxCode));
  // The pair's count row names neither the address nor the code (keys.h lookup_usage_key).
  const std::string pair = keys_of(ctx).lookup_usage_key(address, counted, hour), bucket = "lookup|" + address,
                    per_code = "lookup-code|" + counted;
  Looked out = ctx.db.with_session([&](soci::session& s) {
    Looked l;
    auto n = form_usage(s, hour, pair, bucket, per_code);
    if (limited({n[0], n[1], n[2]})) {
      l.outcome = Outcome::limited;
      return l;
    }
    auto x = code.size() <= kMaxCode ? find_petition_by_code(s, code) : std::nullopt;
    std::string stored = x ? lookup_key_hash_of(s, x->id) : std::string();
    if (!lookup_key_matches(stored, code, key) || !x) return l;
    l.outcome = Outcome::found;
    l.petition = *x;
    l.events = load_events(s, x->id);
    return l;
  });
  if (out.outcome == Outcome::not_found) {
    // Counted where it is answered: past the limit, this failure is a 429 too.
    bool answered = ctx.db.transaction([&](soci::session& s) {
      Counts c{count_form_post(s, hour, pair), count_form_post(s, hour, bucket), count_form_post(s, hour, per_code)};
      prune_form_usage(s, hour_of(now - kKeepCounts));
      return !limited({c.pair - 1, c.bucket - 1, c.code - 1});
    });
    if (!answered) out.outcome = Outcome::limited;
  }
  return out;
}

Response render(app::Context& ctx, const Request& req, mstch::map c, int status) {
  Response r = ctx.pages.render(req, "petition_lookup", std::move(c), status);
  r.headers.set("Cache-Control", "no-store");
  return r;
}

void add_errors(mstch::map& c, const std::vector<std::pair<std::string, std::string>>& problems) {
  mstch::array errors;
  for (const auto& [fld, msg] : problems) {
    errors.push_back(mstch::map{{"field", fld}, {"message", msg}});
    c["error_" + fld] = msg;
  }
  c["errors"] = errors;
  c["has_errors"] = true;
}

// GET /petitions/lookup[?code=…&key=…]
Response page(app::Context& ctx, const Request& req) {
  View v{ctx, req};
  std::string code(trim(req.query_params.get_or("code", ""))), key(trim(req.query_params.get_or("key", "")));
  mstch::map c{{"title", v.t("petitions.lookup.title")}, {"code", std::string(utf8_prefix(code, kMaxCode))}};
  if (code.empty() || key.empty()) {
    if (!req.query_params.has("key")) return render(ctx, req, std::move(c), 200);  // the empty form
    std::vector<std::pair<std::string, std::string>> problems;
    if (code.empty()) problems.emplace_back("code", v.t("petitions.lookup.error_code"));
    if (key.empty()) problems.emplace_back("key", v.t("petitions.lookup.error_key"));
    add_errors(c, problems);
    return render(ctx, req, std::move(c), 422);
  }
  Looked l = look_up(ctx, req, code, key);
  if (l.outcome != Outcome::found) {
    const bool over = l.outcome == Outcome::limited;
    add_errors(c, {{"code", v.t(over ? "petitions.lookup.limited" : "petitions.lookup.not_found")}});
    Response r = render(ctx, req, std::move(c), over ? 429 : 404);
    if (over) {
      auto into_hour = std::chrono::duration_cast<std::chrono::seconds>(ctx.clock.now().time_since_epoch()) % std::chrono::hours(1);
      r.headers.set("Retry-After", std::to_string((std::chrono::hours(1) - into_hour).count()));
    }
    return r;
  }
  const Petition& x = l.petition;
  mstch::array history;
  for (const auto& e : l.events) {
    // Transitions only: a comment or a link to another petition is not the filer's to read.
    if (e.action != "receive" && !parse_action(e.action)) continue;
    history.push_back(mstch::map{{"at", v.time(e.at)},
                                 {"at_iso", e.at},
                                 {"action", v.t("petitions.action." + e.action)},
                                 {"state", v.t("petitions.state." + e.to_state)}});
  }
  mstch::map result{{"code", x.code},
                    {"kind", v.t("petitions.kind." + std::string(kind_code(x.kind)))},
                    {"state", v.t("petitions.state." + std::string(state_code(x.state)))},
                    {"state_tag", std::string(state_tag(x.state))},
                    {"received", v.time(x.received_at)},
                    {"received_iso", x.received_at},
                    {"inform_due", v.date(x.inform_due)},
                    {"inform_due_iso", x.inform_due},
                    {"resolve_due", v.date(x.resolve_due)},
                    {"resolve_due_iso", x.resolve_due},
                    {"history", history},
                    {"has_history", !history.empty()}};
  ctx.db.with_session([&](soci::session& s) {
    result["agency"] = directory::agency_and_unit_names(s, x.agency_id, 0).agency;
    add_result(result, req, s, x);
  });
  c["found"] = result;
  c["code"] = x.code;
  return render(ctx, req, std::move(c), 200);
}

}  // namespace

void add_lookup_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/petitions/lookup", page);
}

}  // namespace tinhso::petitions
