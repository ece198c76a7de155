// The public look-up (issue 5 §6): a dossier's state and history by its code plus a second
// factor the person types — the last 4 digits of the applicant's phone number or ID number.
// No sign-in. Failures are counted in the database (every node sees them: scale-out) per client
// address bucket and per code within kWindow, with the limits of lookup_limit.h; past them the
// look-up answers 429. A wrong key's count and its record are one atomic step (a write
// transaction that counts again under a lock), so parallel guesses get no more answers than the
// limit; the same transaction prunes old failures. Keys are compared in constant time, and a
// wrong code costs the same comparisons as a wrong key.
#include <sodium.h>

#include <nlohmann/json.hpp>

#include "core/auth/clock.h"
#include "core/http/address.h"
#include "core/http/errors.h"
#include "core/util/strings.h"
#include "core/web/routes.h"
#include "modules/dossiers/intake_common.h"
#include "modules/dossiers/intake_routes.h"
#include "modules/dossiers/store.h"
#include "modules/dossiers/store_intake.h"

namespace tinhso::dossiers::intake {

namespace {

using http::Request;
using http::Response;

constexpr std::chrono::minutes kWindow{15};
constexpr int kPruneBatch = 200;  // old failures deleted per recorded failure: more than it adds

std::string last4(std::string_view s) {
  std::string digits;
  for (char c : s)
    if (c >= '0' && c <= '9') digits += c;
  return digits.size() >= 4 ? digits.substr(digits.size() - 4) : std::string();
}

// Constant-time: both factors are always compared.
bool key_matches(const PublicLookup& d, std::string_view key) {
  std::string k(key.size() == 4 ? key : std::string_view("\x01\x01\x01\x01"));
  std::string phone = last4(d.applicant_phone), id = last4(d.applicant_id_number);
  if (phone.size() != 4) phone = "\x02\x02\x02\x02";
  if (id.size() != 4) id = "\x02\x02\x02\x02";
  int a = sodium_memcmp(k.data(), phone.data(), 4), b = sodium_memcmp(k.data(), id.data(), 4);
  return (a == 0) | (b == 0);
}

enum class Outcome { found, not_found, limited };

struct Looked {
  Outcome outcome = Outcome::not_found;
  PublicLookup dossier;
};

// One statement reads the failure counts and the dossier with its history (read_public_lookup);
// only a wrong code or key writes.
Looked look_up(app::Context& ctx, const Request& req, const std::string& code, const std::string& key) {
  auto now = ctx.clock.now();
  std::string since = auth::iso_utc(now - kWindow);
  const std::string bucket = http::address_bucket(req.remote_addr), counted(utf8_prefix(code, 64));
  Looked out;
  out.dossier = ctx.db.with_session([&](soci::session& s) {
    return read_public_lookup(s, bucket, counted, since);
  });
  if (lookup_limited(out.dossier.failures)) {
    out.outcome = Outcome::limited;
    return out;
  }
  const PublicLookup& d = out.dossier;
  bool ok = key_matches(d, key) && d.id != 0 && code.size() <= 64 && d.state != state_code(State::draft);
  if (ok) {
    out.outcome = Outcome::found;
    return out;
  }
  // The answer to a wrong key is decided where it is counted: past the limit it is a 429.
  bool recorded = ctx.db.transaction([&](soci::session& s) {
    lock_lookup_counts(s, ctx.db.dialect(), counted, bucket);
    if (lookup_limited(lookup_failures(s, bucket, counted, since))) return false;
    record_lookup_failure(s, auth::iso_utc(now), counted, bucket);
    prune_lookup_failures(s, ctx.db.dialect(), since, kPruneBatch);
    return true;
  });
  out.outcome = recorded ? Outcome::not_found : Outcome::limited;
  return out;
}

// GET /lookup[?code=…&key=…]
Response page(app::Context& ctx, const Request& req) {
  View v{ctx, req};
  std::string code(trim(req.query_params.get_or("code", ""))), key(trim(req.query_params.get_or("key", "")));
  mstch::map c{{"title", v.t("dossiers.lookup.title")}, {"code", code}};
  // A code alone (the receipt's QR code, a notice's link) fills the form in; a sent form misses
  // the field it left blank.
  if (code.empty() || key.empty()) {
    if (req.query_params.has("key")) {
      std::vector<Problem> problems;
      if (code.empty()) problems.push_back({"code", v.t("dossiers.lookup.error_code")});
      if (key.empty()) problems.push_back({"key", v.t("dossiers.lookup.error_key")});
      c.merge(problems_page_context(problems));
      return ctx.pages.render(req, "dossier_lookup", std::move(c), 422);
    }
    return ctx.pages.render(req, "dossier_lookup", std::move(c));
  }
  Looked l = look_up(ctx, req, code, key);
  if (l.outcome != Outcome::found) {
    bool limited = l.outcome == Outcome::limited;
    c.merge(problems_page_context({{"code", v.t(limited ? "dossiers.lookup.limited" : "dossiers.lookup.not_found")}}));
    Response r = ctx.pages.render(req, "dossier_lookup", std::move(c), limited ? 429 : 404);
    if (limited) r.headers.set("Retry-After", std::to_string(std::chrono::seconds(kWindow).count()));
    return r;
  }
  const PublicLookup& d = l.dossier;
  mstch::array history;
  for (const auto& e : d.events)
    history.push_back(mstch::map{{"at", v.time(e.at)}, {"at_iso", e.at}, {"action", v.t("dossiers.action." + e.action)},
                                 {"state", state_label(v, e.to_state)}});
  c["result"] = mstch::map{{"code", d.code},
                           {"procedure", procedure_name(v, d.procedure, d.procedure_en)},
                           {"state", state_label(v, d.state)},
                           {"state_tag", state_tag(d.state)},
                           {"received_at", v.time(d.received_at)},
                           {"received_iso", d.received_at},
                           {"appointment_date", v.date(d.appointment_date)},
                           {"appointment_iso", d.appointment_date},
                           {"history", history}};
  Response r = ctx.pages.render(req, "dossier_lookup", std::move(c));
  r.headers.set("Cache-Control", "no-store");
  return r;
}

// GET /api/v1/dossiers/lookup?code=…&key=…
Response api(app::Context& ctx, const Request& req) {
  std::string code(trim(req.query_params.get_or("code", ""))), key(trim(req.query_params.get_or("key", "")));
  if (code.empty() || key.empty())
    throw http::Error(http::ErrorKind::bad_request, "code and key required", "dossiers.lookup.error_fields");
  Looked l = look_up(ctx, req, code, key);
  if (l.outcome == Outcome::limited) {
    // As the page does: the problem+json with when to try again (RFC 9110 §10.2.3).
    Response r = ctx.pages.error(req, http::Error(http::ErrorKind::too_many_requests, "lookup rate limit",
                                                  "dossiers.lookup.limited"));
    r.headers.set("Retry-After", std::to_string(std::chrono::seconds(kWindow).count()));
    return r;
  }
  if (l.outcome == Outcome::not_found)
    throw http::Error(http::ErrorKind::not_found, "lookup failed", "dossiers.lookup.not_found");
  const PublicLookup& d = l.dossier;
  nlohmann::json history = nlohmann::json::array();
  for (const auto& e : d.events) history.push_back({{"at", e.at}, {"action", e.action}, {"state", e.to_state}});
  nlohmann::json j = {{"code", d.code},
                      {"procedure", {{"name", d.procedure}, {"name_en", d.procedure_en}}},
                      {"state", d.state},
                      {"received_at", d.received_at},
                      {"appointment_date", d.appointment_date},
                      {"history", history}};
  Response r = Response::json(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  r.headers.set("Cache-Control", "no-store");
  return r;
}

}  // namespace

void add_lookup_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/lookup", page);
  on.add("GET", "/api/v1/dossiers/lookup", api);
}

}  // namespace tinhso::dossiers::intake
