// The elections module's pages (issue 19 items 3–6). Public: the elections, each with its
// constituencies and candidate lists, and once announced its results (elected, votes, turnout).
// A polling team's members: their areas and the minutes form per constituency, with the checks
// explained at their fields, and the second person's check. The election committee: the board
// (areas reported per constituency, turnout as it comes in, constituencies ready, problems), a
// constituency's minutes and its tally, certification (a correction with its reason), opening the
// count and announcing. Plain forms; every step one transaction with its audit record.
#include <algorithm>
#include <charconv>
#include <set>

#include <nlohmann/json.hpp>

#include "core/auth/guard.h"
#include "core/db/refusable.h"
#include "core/document/pdf.h"
#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/web/fields.h"
#include "core/web/routes.h"
#include "core/web/view.h"
#include "modules/audit/api.h"
#include "modules/elections/pages.h"
#include "modules/elections/store.h"
#include "modules/elections/tally_json.h"
#include "modules/elections/usecases.h"

namespace tinhso::elections {

namespace {

using http::Request;
using http::Response;
using web::View;

constexpr std::size_t kMaxComplaints = 4000;

std::string base_url(std::int64_t id) { return "/elections/" + std::to_string(id); }

Response private_page(app::Context& ctx, const Request& req, std::string_view page, mstch::map c, int status = 200) {
  Response r = ctx.pages.render(req, page, std::move(c), status);
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

[[noreturn]] void not_found() {
  throw http::Error(http::ErrorKind::not_found, "no such election object", "elections.error.not_found");
}

[[noreturn]] void refuse(Error e) {
  switch (e) {
    case Error::not_found: not_found();
    case Error::forbidden:
      throw http::Error(http::ErrorKind::forbidden, "not on the team or committee", "elections.error.forbidden");
    case Error::wrong_state:
    case Error::already_checked:
    case Error::certified:
    case Error::not_all_checked:
    case Error::not_all_certified:
      throw http::Error(http::ErrorKind::conflict, "refused: " + std::string(error_code(e)),
                        "elections.error." + std::string(error_code(e)));
    default:
      throw http::Error(http::ErrorKind::invalid_input, "refused: " + std::string(error_code(e)),
                        "elections.error." + std::string(error_code(e)));
  }
}

// A whole number as the reader writes it: 1.234.567 in Vietnamese, 1,234,567 in English.
std::string number(const View& v, std::int64_t n) { return text::format_integer(n, v.req.lang); }

// A share in per cent with one decimal, "—" when there is nothing to share.
std::string percent(const View& v, std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "—";
  const std::int64_t tenths = (part * 1000 + whole / 2) / whole;
  std::string s = std::to_string(tenths / 10) + (v.english() ? "." : ",") + std::to_string(tenths % 10);
  return s + " %";
}

// The catalog message `id` with its {name} placeholders filled by the figures.
std::string fill(const View& v, const std::string& id, const std::map<std::string, std::int64_t>& figures) {
  std::string s = v.t(id);
  for (const auto& [name, value] : figures) {
    const std::string key = "{" + name + "}";
    for (auto at = s.find(key); at != std::string::npos; at = s.find(key, at)) {
      const std::string n = number(v, value);
      s.replace(at, key.size(), n);
      at += n.size();
    }
  }
  return s;
}

std::string body_name(const View& v, Body b) { return v.t("elections.body." + std::string(body_code(b))); }
std::string round_name(const View& v, Round r) { return v.t("elections.round." + std::string(round_code(r))); }

Round round_param(const Request& req) {
  const std::string r = web::query(req, "round");
  if (r.empty()) return Round::first;
  auto parsed = parse_round(r);
  if (!parsed) throw http::Error(http::ErrorKind::bad_request, "unknown round", "elections.error.bad_round");
  return *parsed;
}

Election election_or_404(soci::session& s, std::int64_t id) {
  auto e = load_election(s, id);
  if (!e) not_found();
  return *e;
}

mstch::map election_view(const View& v, const Election& e) {
  return {{"id", std::to_string(e.id)},
          {"name", e.name},
          {"date", v.date(e.election_date)},
          {"date_iso", e.election_date},
          {"state", e.state},
          {"state_label", v.t("elections.state." + e.state)},
          {"url", base_url(e.id)},
          {"announced", e.state == "announced"}};
}

mstch::map constituency_view(const View& v, const Constituency& c) {
  return {{"id", std::to_string(c.id)},
          {"body", body_name(v, c.body)},
          {"number", std::to_string(c.number)},
          {"name", c.name},
          {"area", c.area},
          {"seats", std::to_string(c.seats)},
          {"title", v.f("elections.constituency.title", {{"body", body_name(v, c.body)}, {"number", std::to_string(c.number)}})}};
}

// ---- public ----

Response index(app::Context& ctx, const Request& req) {
  auto list = ctx.db.with_session([&](soci::session& s) { return all_elections(s); });
  View v{ctx, req};
  mstch::array rows;
  for (const auto& e : list) rows.push_back(election_view(v, e));
  return ctx.pages.render(req, "elections_index",
                          {{"title", v.t("elections.index.title")}, {"rows", rows}, {"empty", rows.empty()}});
}

// A certified result's candidates in the tally's terms, the most votes first (the tally's own order
// for ties: elected first).
struct OutcomeRow {
  std::string name;
  std::int64_t votes = 0;
  bool elected = false, undecided = false;
};
std::vector<OutcomeRow> outcome_rows(const nlohmann::json& j, const std::vector<CandidateRow>& cands) {
  std::map<std::string, std::string> names;
  for (const auto& c : cands) names[std::to_string(c.id)] = c.name;
  std::vector<OutcomeRow> out;
  if (!j.is_object() || !j.contains("candidates") || !j["candidates"].is_array()) return out;
  for (const auto& c : j["candidates"]) {
    if (!c.is_object()) continue;
    const std::string id = c.value("id", std::string());
    auto it = names.find(id);
    out.push_back({it != names.end() ? it->second : id, c.value("votes", std::int64_t{0}), c.value("elected", false),
                   c.value("undecided", false)});
  }
  std::stable_sort(out.begin(), out.end(), [](const OutcomeRow& a, const OutcomeRow& b) { return a.votes > b.votes; });
  return out;
}

// The outcome of a certified result for the public page and the committee's: per candidate in
// the tally's order (elected first, most votes first), with the share of valid ballots.
mstch::map result_view(const View& v, const CertifiedResult& r, const std::vector<CandidateRow>& cands) {
  const auto j = nlohmann::json::parse(r.outcome_json, nullptr, false);
  mstch::array rows;
  for (const auto& o : outcome_rows(j, cands))
    rows.push_back(mstch::map{{"name", o.name},
                              {"votes", number(v, o.votes)},
                              {"share", percent(v, o.votes, r.valid)},
                              {"elected", o.elected},
                              {"undecided", o.undecided}});
  const std::string next = r.next;
  return {{"round", round_name(v, r.round)},
          {"registered", number(v, r.registered)},
          {"voted", number(v, r.voted)},
          {"turnout", percent(v, r.voted, r.registered)},
          {"valid", number(v, r.valid)},
          {"recognised", r.recognised},
          {"candidates", rows},
          {"next", next != "none"},
          {"next_label", v.t("elections.next." + next)},
          {"decided_by", j.is_object() ? j.value("decided_by", std::string()) : std::string()},
          {"certified_at", v.time(r.certified_at)},
          {"corrected", r.version > 1},
          {"reason", r.reason}};
}

Response show(app::Context& ctx, const Request& req) {
  const std::int64_t id = web::path_id(req);
  View v{ctx, req};
  mstch::map c;
  ctx.db.with_session([&](soci::session& s) {
    const Election e = election_or_404(s, id);
    const auto cands = candidates_of_election(s, id);
    std::map<std::int64_t, std::vector<CertifiedResult>> results;
    if (e.state == "announced")
      for (auto& r : election_results(s, id)) results[r.constituency_id].push_back(std::move(r));
    mstch::array list;
    for (const auto& k : constituencies(s, id)) {
      mstch::map m = constituency_view(v, k);
      auto it = cands.find(k.id);
      mstch::array names;
      if (it != cands.end())
        for (const auto& x : it->second)
          names.push_back(mstch::map{{"name", x.name}, {"birth_year", x.birth_date.substr(0, 4)},
                                     {"gender", v.t("elections.gender." + x.gender)}});
      m["candidates"] = names;
      mstch::array rs;
      if (auto r = results.find(k.id); r != results.end())
        for (const auto& x : r->second) rs.push_back(result_view(v, x, it != cands.end() ? it->second : std::vector<CandidateRow>{}));
      m["results"] = rs;
      m["has_results"] = !rs.empty();
      list.push_back(std::move(m));
    }
    const auth::Principal* p = req.principal.get();
    const bool committee = p && on_committee(s, id, p->account_id);
    const bool team = p && !team_areas(s, id, p->account_id).empty();
    c = {{"title", e.name}, {"election", election_view(v, e)}, {"constituencies", list},
         {"committee", committee}, {"team", team}};
  });
  return ctx.pages.render(req, "elections_show", std::move(c));
}

// ---- the polling team ----

const auth::Principal& require_team(soci::session& s, const Request& req, std::int64_t area_id) {
  const auto& p = auth::require_login(req);
  auth::require(on_team(s, area_id, p.account_id), "enter another polling area's minutes");
  return p;
}

Response my_areas(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  const std::int64_t id = web::path_id(req);
  View v{ctx, req};
  mstch::map c;
  ctx.db.with_session([&](soci::session& s) {
    const Election e = election_or_404(s, id);
    const auto areas = team_areas(s, id, p.account_id);
    auth::require(!areas.empty() || on_committee(s, id, p.account_id), "open the polling teams' page");
    // A fixed number of statements whatever the team's areas: their constituencies, their minutes'
    // states and the certified first rounds (which call further rounds) are read once each.
    std::map<std::int64_t, std::vector<Constituency>> cons_of;
    for (auto& [area, k] : team_constituencies(s, id, p.account_id)) cons_of[area].push_back(std::move(k));
    const auto checked = team_minutes_checked(s, id, p.account_id);
    std::map<std::int64_t, CertifiedResult> first_rounds;
    for (auto& r : election_results(s, id))
      if (r.round == Round::first) first_rounds[r.constituency_id] = std::move(r);
    mstch::array list;
    for (const auto& a : areas) {
      mstch::array forms;
      for (const auto& k : cons_of[a.id]) {
        const auto first = first_rounds.find(k.id);
        for (Round round : {Round::first, Round::supplementary, Round::re_election}) {
          if (!round_called_after(first == first_rounds.end() ? nullptr : &first->second, round)) continue;
          const auto m = checked.find({a.id, k.id, round});
          mstch::map f = constituency_view(v, k);
          f["url"] = base_url(id) + "/areas/" + std::to_string(a.id) + "/minutes/" + std::to_string(k.id) +
                     (round == Round::first ? "" : "?round=" + std::string(round_code(round)));
          f["round"] = round_name(v, round);
          f["status"] = v.t(m == checked.end() ? "elections.minutes.status_missing"
                            : m->second        ? "elections.minutes.status_checked"
                                               : "elections.minutes.status_entered");
          forms.push_back(std::move(f));
        }
      }
      list.push_back(mstch::map{{"number", std::to_string(a.number)}, {"name", a.name}, {"unit", a.unit},
                                {"registered", number(v, a.registered)}, {"forms", forms}});
    }
    c = {{"title", v.f("elections.areas.title", {{"election", e.name}})}, {"election", election_view(v, e)},
         {"areas", list}, {"empty", list.empty()}};
  });
  return private_page(ctx, req, "elections_areas", std::move(c));
}

struct MinutesForm {
  std::map<std::string, std::string> raw;  // field → as typed
  std::string complaints, reason;
};

const char* const kFigureFields[] = {"voted", "issued", "received", "valid", "invalid"};

// A whole number 0 … 10^12 as typed (spaces and the reader's digit grouping allowed), else nullopt.
std::optional<std::int64_t> figure(const std::string& typed) {
  std::string digits;
  for (char ch : typed) {
    if (ch >= '0' && ch <= '9') digits += ch;
    else if (ch != ' ' && ch != '.' && ch != ',') return std::nullopt;
  }
  if (digits.empty() || digits.size() > 12) return std::nullopt;
  std::int64_t n = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), n);
  return n;
}

struct FormPage {
  Election e;
  Area a;
  Constituency k;
  Round round = Round::first;
  std::vector<CandidateRow> cands;
  std::optional<Minutes> latest;
  std::optional<CertifiedResult> certified;
};

FormPage load_form_page(soci::session& s, const Request& req) {
  FormPage fp;
  const std::int64_t id = web::path_id(req), area = web::path_id(req, "area"), cons = web::path_id(req, "constituency");
  fp.e = election_or_404(s, id);
  auto a = load_area(s, area);
  auto k = load_constituency(s, cons);
  if (!a || !k || a->election_id != id || k->election_id != id) not_found();
  const auto mine = area_constituencies(s, a->id);
  if (std::none_of(mine.begin(), mine.end(), [&](const Constituency& x) { return x.id == k->id; })) not_found();
  fp.a = *a;
  fp.k = *k;
  fp.round = round_param(req);
  if (!round_called(s, *k, fp.round)) not_found();
  fp.cands = standing_candidates(s, *k, fp.round);
  fp.latest = latest_minutes(s, a->id, k->id, fp.round);
  fp.certified = latest_result(s, k->id, fp.round);
  return fp;
}

Response minutes_page(app::Context& ctx, const Request& req, const FormPage& fp, const MinutesForm* typed,
                      const std::vector<MinutesProblem>& problems, std::int64_t viewer, int status) {
  View v{ctx, req};
  auto value = [&](const std::string& field, std::int64_t stored, bool has) {
    if (typed) {
      auto it = typed->raw.find(field);
      return it != typed->raw.end() ? it->second : std::string();
    }
    return has ? std::to_string(stored) : std::string();
  };
  const bool has = fp.latest.has_value();
  const AreaMinutes none;
  const AreaMinutes& m = has ? fp.latest->figures : none;
  std::map<std::string, std::string> at;  // field → its message
  mstch::array summary;
  for (const auto& p : problems) {
    std::string message = fill(v, p.message, p.figures);
    std::string anchor = "f-" + p.field;
    std::replace(anchor.begin(), anchor.end(), '.', '-');
    if (!at.count(p.field)) at[p.field] = message;
    summary.push_back(mstch::map{{"anchor", anchor}, {"message", message}});
  }
  auto field_view = [&](const std::string& name, const std::string& label, std::int64_t stored) {
    mstch::map f{{"name", name}, {"id", "f-" + name}, {"label", label}, {"value", value(name, stored, has)}};
    if (auto it = at.find(name); it != at.end()) f["error"] = it->second;
    return f;
  };
  mstch::array figures;
  const std::int64_t stored[] = {m.voted, m.issued, m.received, m.valid, m.invalid};
  for (std::size_t i = 0; i < 5; ++i)
    figures.push_back(field_view(kFigureFields[i], v.t(std::string("elections.minutes.") + kFigureFields[i]), stored[i]));
  mstch::array grounds;
  for (InvalidGround g : kInvalidGrounds) {
    const std::string name = std::string("ground_") + invalid_ground_code(g);
    auto it = m.invalid_by_ground.find(g);
    mstch::map f{{"name", name}, {"id", "f-" + name},
                 {"label", v.t(std::string("elections.ground.") + invalid_ground_code(g))},
                 {"value", typed ? value(name, 0, false)
                                 : it != m.invalid_by_ground.end() ? std::to_string(it->second) : std::string()}};
    grounds.push_back(std::move(f));
  }
  mstch::array votes;
  for (const auto& c : fp.cands) {
    const std::string name = "votes." + std::to_string(c.id);
    auto it = m.votes.find(c.id);
    mstch::map f{{"name", "votes_" + std::to_string(c.id)},
                 {"id", "f-votes-" + std::to_string(c.id)},
                 {"label", c.name},
                 {"value", typed ? value("votes_" + std::to_string(c.id), 0, false)
                                 : it != m.votes.end() ? std::to_string(it->second) : std::string()}};
    if (auto e = at.find(name); e != at.end()) f["error"] = e->second;
    votes.push_back(std::move(f));
  }
  const std::string url = base_url(fp.e.id) + "/areas/" + std::to_string(fp.a.id) + "/minutes/" + std::to_string(fp.k.id) +
                          (fp.round == Round::first ? "" : "?round=" + std::string(round_code(fp.round)));
  mstch::map c{{"title", v.f("elections.minutes.title", {{"area", fp.a.name}})},
               {"election", election_view(v, fp.e)},
               {"constituency", constituency_view(v, fp.k)},
               {"round", round_name(v, fp.round)},
               {"area", mstch::map{{"name", fp.a.name}, {"number", std::to_string(fp.a.number)},
                                   {"unit", fp.a.unit}, {"registered", number(v, fp.a.registered)}}},
               {"action", url},
               {"figures", figures},
               {"grounds", grounds},
               {"grounds_error", at.count("invalid_by_ground") ? at["invalid_by_ground"] : std::string()},
               {"votes_error", at.count("votes") ? at["votes"] : std::string()},
               {"votes", votes},
               {"complaints", typed ? typed->complaints : m.complaints},
               {"locked", fp.certified.has_value()},
               {"reason", typed ? typed->reason : std::string()},
               {"counting", fp.e.state == "counting"},
               {"has_errors", !summary.empty()},
               {"errors", summary}};
  if (has) {
    const Minutes& x = *fp.latest;
    c["latest"] = mstch::map{{"version", std::to_string(x.version)},
                             {"entered_by", x.entered_by_name},
                             {"entered_at", v.time(x.entered_at)},
                             {"checked", x.checked_by != 0},
                             {"checked_by", x.checked_by_name},
                             {"checked_at", v.time(x.checked_at)},
                             {"can_check", x.checked_by == 0 && x.entered_by != viewer && fp.e.state == "counting"},
                             {"check_url", base_url(fp.e.id) + "/minutes/" + std::to_string(x.id) + "/check"}};
  }
  return private_page(ctx, req, "elections_minutes", std::move(c), status);
}

Response minutes_form(app::Context& ctx, const Request& req) {
  std::int64_t viewer = 0;
  FormPage fp = ctx.db.with_session([&](soci::session& s) {
    FormPage out = load_form_page(s, req);
    viewer = require_team(s, req, out.a.id).account_id;
    return out;
  });
  return minutes_page(ctx, req, fp, nullptr, {}, viewer, 200);
}

Response minutes_post(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  FormPage fp = ctx.db.with_session([&](soci::session& s) {
    FormPage out = load_form_page(s, req);
    require_team(s, req, out.a.id);
    return out;
  });
  MinutesForm typed;
  MinutesInput in{fp.a.id, fp.k.id, fp.round, {}, {}};
  std::vector<MinutesProblem> problems;
  auto read = [&](const std::string& name) -> std::optional<std::int64_t> {
    typed.raw[name] = web::field(req, name);
    auto n = figure(typed.raw[name]);
    if (!n) problems.push_back({name, "elections.minutes.not_a_number", {}});
    return n;
  };
  std::int64_t* const targets[] = {&in.figures.voted, &in.figures.issued, &in.figures.received, &in.figures.valid,
                                   &in.figures.invalid};
  for (std::size_t i = 0; i < 5; ++i)
    if (auto n = read(kFigureFields[i])) *targets[i] = *n;
  bool any_ground = false;
  for (InvalidGround g : kInvalidGrounds) {
    const std::string name = std::string("ground_") + invalid_ground_code(g);
    typed.raw[name] = web::field(req, name);
    if (!typed.raw[name].empty()) any_ground = true;
  }
  if (any_ground)
    for (InvalidGround g : kInvalidGrounds) {
      const std::string name = std::string("ground_") + invalid_ground_code(g);
      if (typed.raw[name].empty()) {
        in.figures.invalid_by_ground[g] = 0;
        continue;
      }
      if (auto n = read(name)) in.figures.invalid_by_ground[g] = *n;
    }
  for (const auto& c : fp.cands) {
    const std::string name = "votes_" + std::to_string(c.id);
    typed.raw[name] = web::field(req, name);
    auto n = figure(typed.raw[name]);
    if (!n) problems.push_back({"votes." + std::to_string(c.id), "elections.minutes.not_a_number", {}});
    else in.figures.votes[c.id] = *n;
  }
  typed.complaints = web::field(req, "complaints");
  typed.reason = web::field(req, "reason");
  if (typed.complaints.size() > kMaxComplaints) problems.push_back({"complaints", "elections.minutes.too_long", {}});
  if (typed.reason.size() > kMaxComplaints) problems.push_back({"reason", "elections.minutes.too_long", {}});
  in.figures.complaints = typed.complaints;
  in.reason = typed.reason;
  if (!problems.empty()) return minutes_page(ctx, req, fp, &typed, problems, p.account_id, 422);
  const auto recorder = audit::for_request(ctx, req);
  Result r = db::transaction_unless_refused(ctx.db, [&](soci::session& s) {
    return enter_minutes({s, ctx.db.dialect(), ctx.clock, recorder}, in, p.account_id);
  });
  if (r.error == Error::inconsistent) return minutes_page(ctx, req, fp, &typed, r.problems, p.account_id, 422);
  if (r.error == Error::certified)
    return minutes_page(ctx, req, fp, &typed, {{"reason", "elections.error.certified", {}}}, p.account_id, 422);
  if (!r.ok()) refuse(r.error);
  return Response::redirect(base_url(fp.e.id) + "/areas/" + std::to_string(fp.a.id) + "/minutes/" +
                            std::to_string(fp.k.id) +
                            (fp.round == Round::first ? "?saved=1" : "?round=" + std::string(round_code(fp.round)) + "&saved=1"));
}

Response check_post(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  const std::int64_t id = web::path_id(req), minutes = web::path_id(req, "minutes");
  const auto recorder = audit::for_request(ctx, req);
  std::string back;
  Result r = db::transaction_unless_refused(ctx.db, [&](soci::session& s) {
    long long mid = minutes, area = 0, cons = 0, election = 0;
    std::string round;
    s << "SELECT m.area_id, m.constituency_id, m.round, a.election_id FROM election_minutes m"
         " JOIN election_polling_areas a ON a.id = m.area_id WHERE m.id = :m",
        soci::use(mid, "m"), soci::into(area), soci::into(cons), soci::into(round), soci::into(election);
    if (!s.got_data() || election != id) return Result{Error::not_found, 0, {}};
    back = base_url(id) + "/areas/" + std::to_string(area) + "/minutes/" + std::to_string(cons) +
           (round == "first" ? "?checked=1" : "?round=" + round + "&checked=1");
    if (!on_team(s, area, p.account_id) && (on_committee(s, id, p.account_id) || on_board(s, cons, p.account_id)))
      back = base_url(id) + "/constituencies/" + std::to_string(cons) + (round == "first" ? "" : "?round=" + round);
    return check_minutes_by({s, ctx.db.dialect(), ctx.clock, recorder}, minutes, p.account_id);
  });
  if (!r.ok()) refuse(r.error);
  return Response::redirect(back);
}

// ---- the election committee ----

Election require_committee(soci::session& s, const Request& req, std::int64_t id) {
  const auto& p = auth::require_login(req);
  const Election e = election_or_404(s, id);
  auth::require(on_committee(s, id, p.account_id), "act for the election committee");
  return e;
}

// The committee, or the board of constituency `cid` (which must be the election's).
Election require_board(soci::session& s, const Request& req, std::int64_t id, std::int64_t cid) {
  const auto& p = auth::require_login(req);
  const Election e = election_or_404(s, id);
  auto k = load_constituency(s, cid);
  if (!k || k->election_id != id) not_found();
  auth::require(on_committee(s, id, p.account_id) || on_board(s, cid, p.account_id), "act for the election board");
  return e;
}

Response board_page(app::Context& ctx, const Request& req) {
  const std::int64_t id = web::path_id(req);
  const Round round = round_param(req);
  View v{ctx, req};
  mstch::map c;
  ctx.db.with_session([&](soci::session& s) {
    const Election e = require_committee(s, req, id);
    std::map<std::int64_t, CertifiedResult> certified;
    for (auto& r : election_results(s, id))
      if (r.round == round) certified[r.constituency_id] = r;
    mstch::array rows;
    std::int64_t areas = 0, checked = 0, voted = 0, registered_checked = 0, ready = 0, flagged = 0;
    for (const auto& b : board(s, id, round)) {
      mstch::map m = constituency_view(v, b.c);
      const bool all_checked = b.areas > 0 && b.checked == b.areas;
      const bool done = certified.count(b.c.id) > 0;
      mstch::array problems;
      if (b.entered > b.checked)
        problems.push_back(mstch::map{{"text", fill(v, "elections.board.unchecked", {{"n", b.entered - b.checked}})}});
      if (b.complaints > 0)
        problems.push_back(mstch::map{{"text", fill(v, "elections.board.complaints", {{"n", b.complaints}})}});
      m["url"] = base_url(id) + "/constituencies/" + std::to_string(b.c.id) +
                 (round == Round::first ? "" : "?round=" + std::string(round_code(round)));
      m["reported"] = number(v, b.checked) + " / " + number(v, b.areas);
      m["entered"] = number(v, b.entered);
      m["turnout"] = percent(v, b.voted_checked, b.registered_checked);
      m["status"] = v.t(done ? "elections.board.certified" : all_checked ? "elections.board.ready"
                                                                          : "elections.board.counting");
      m["status_code"] = std::string(done ? "certified" : all_checked ? "ready" : "counting");
      m["problems"] = problems;
      m["has_problems"] = !problems.empty();
      rows.push_back(std::move(m));
      areas += b.areas;
      checked += b.checked;
      voted += b.voted_checked;
      registered_checked += b.registered_checked;
      if (all_checked && !done) ++ready;
      if (!problems.empty()) ++flagged;
    }
    mstch::array rounds;
    for (Round r : {Round::first, Round::supplementary, Round::re_election})
      rounds.push_back(mstch::map{{"label", round_name(v, r)},
                                  {"url", base_url(id) + "/board" + (r == Round::first ? "" : "?round=" + std::string(round_code(r)))},
                                  {"current", r == round}});
    c = {{"title", v.f("elections.board.title", {{"election", e.name}})},
         {"election", election_view(v, e)},
         {"round", round_name(v, round)},
         {"rounds", rounds},
         {"rows", rows},
         {"areas", number(v, areas)},
         {"checked", number(v, checked)},
         {"turnout", percent(v, voted, registered_checked)},
         {"ready", number(v, ready)},
         {"flagged", number(v, flagged)},
         {"preparing", e.state == "preparing"},
         {"counting", e.state == "counting"}};
  });
  Response r = private_page(ctx, req, "elections_board", std::move(c));
  return r;
}

Response constituency_page(app::Context& ctx, const Request& req) {
  const std::int64_t id = web::path_id(req), cid = web::path_id(req, "constituency");
  const Round round = round_param(req);
  View v{ctx, req};
  const auto& p = auth::require_login(req);
  mstch::map c;
  ctx.db.with_session([&](soci::session& s) {
    // At most 10 statements with the tally's preview: what it sums is read once, here.
    const Election e = election_or_404(s, id);
    auto k = load_constituency(s, cid);
    if (!k || k->election_id != id) not_found();
    const bool committee = on_committee(s, id, p.account_id);
    auth::require(committee || on_board(s, cid, p.account_id), "act for the election board");
    if (!round_called(s, *k, round)) not_found();
    const auto cands = standing_candidates(s, *k, round);
    const auto minutes = constituency_minutes(s, k->id, round);
    const auto area_list = constituency_areas(s, k->id);
    std::map<std::int64_t, const Minutes*> by_area;
    for (const auto& m : minutes) by_area[m.area_id] = &m;
    mstch::array areas;
    std::int64_t not_ready = 0;
    for (const auto& a : area_list) {
      mstch::map m{{"number", std::to_string(a.number)}, {"name", a.name}, {"registered", number(v, a.registered)}};
      auto it = by_area.find(a.id);
      if (it == by_area.end() || it->second->checked_by == 0) ++not_ready;
      if (it != by_area.end()) {
        const Minutes& x = *it->second;
        m["voted"] = number(v, x.figures.voted);
        m["valid"] = number(v, x.figures.valid);
        m["status"] = v.t(x.checked_by ? "elections.minutes.status_checked" : "elections.minutes.status_entered");
        m["complaints"] = x.figures.complaints;
        m["can_check"] = x.checked_by == 0 && x.entered_by != p.account_id && e.state == "counting";
        m["check_url"] = base_url(id) + "/minutes/" + std::to_string(x.id) + "/check";
      } else {
        m["status"] = v.t("elections.minutes.status_missing");
      }
      areas.push_back(std::move(m));
    }
    auto certified = latest_result(s, k->id, round);
    const std::string suffix = round == Round::first ? "" : "?round=" + std::string(round_code(round));
    c = {{"title", v.f("elections.constituency.title", {{"body", body_name(v, k->body)}, {"number", std::to_string(k->number)}})},
         {"election", election_view(v, e)},
         {"constituency", constituency_view(v, *k)},
         {"round", round_name(v, round)},
         {"round_code", std::string(round_code(round))},
         {"areas", areas},
         {"ready", not_ready == 0 && !areas.empty()},
         {"not_ready", fill(v, "elections.constituency.not_ready", {{"n", not_ready}})},
         {"counting", e.state == "counting"},
         {"committee", committee},
         {"certify_url", base_url(id) + "/constituencies/" + std::to_string(k->id) + "/certify"},
         {"record_url", base_url(id) + "/constituencies/" + std::to_string(k->id) + "/result.pdf" + suffix}};
    if (not_ready == 0 && !areas.empty()) {
      // The tally as it would be certified now (tally.h), shown before the board certifies.
      const TallyInput in = tally_input_of(*k, round, seats_of_round(s, *k, round), area_list, minutes, cands);
      if (auto out = tally(in)) {
        CertifiedResult preview;
        preview.round = round;
        preview.registered = in.registered;
        preview.voted = in.voted;
        preview.valid = in.valid;
        preview.recognised = out->recognised;
        preview.next = std::string(next_code(out->next));
        preview.outcome_json = tally_result_json(*out);
        c["preview"] = result_view(v, preview, cands);
      }
    }
    if (certified) {
      c["certified"] = result_view(v, *certified, cands);
      c["is_certified"] = true;
    }
  });
  return private_page(ctx, req, "elections_constituency", std::move(c));
}

// The constituency's record of the result ("biên bản xác định kết quả bầu cử ở đơn vị bầu cử",
// Law 85/2015/QH13 Art. 77(2)): the seats and candidates, voters and turnout, ballots issued,
// received, valid and invalid, each candidate's votes, the elected, the complaints of the areas'
// minutes; signed by the election board. From the certified result and its checked minutes.
Response record_pdf(app::Context& ctx, const Request& req) {
  const std::int64_t id = web::path_id(req), cid = web::path_id(req, "constituency");
  const Round round = round_param(req);
  View v{ctx, req};
  document::Document doc;
  ctx.db.with_session([&](soci::session& s) {
    const Election e = require_board(s, req, id, cid);
    auto k = load_constituency(s, cid);
    if (!k) not_found();
    auto r = latest_result(s, k->id, round);
    if (!r) not_found();
    const auto cands = candidates(s, k->id);
    std::int64_t issued = 0, received = 0, invalid = 0;
    std::vector<std::string> complaints;
    std::map<std::int64_t, std::string> area_names;
    for (const auto& a : constituency_areas(s, k->id)) area_names[a.id] = a.name;
    for (const auto& m : constituency_minutes(s, k->id, round)) {
      if (m.checked_by == 0) continue;
      issued += m.figures.issued;
      received += m.figures.received;
      invalid += m.figures.invalid;
      if (!m.figures.complaints.empty()) complaints.push_back(area_names[m.area_id] + ": " + m.figures.complaints);
    }
    const auto j = nlohmann::json::parse(r->outcome_json, nullptr, false);
    std::map<std::string, std::string> names;
    for (const auto& c : cands) names[std::to_string(c.id)] = c.name;
    doc.title = v.f("elections.record.title", {{"constituency", k->name}});
    doc.created = ctx.clock.now();
    doc.blocks.push_back(document::Header{{{v.t("elections.record.issuer"), {.bold = true}}, {k->name, {.bold = true}}},
                                          {{v.t("elections.record.motto1"), {.bold = true}},
                                           {v.t("elections.record.motto2"), {.bold = true}}}});
    doc.blocks.push_back(document::Title{v.t("elections.record.heading"),
                                         body_name(v, k->body) + " — " + e.name + " — " + round_name(v, round)});
    document::KeyValueTable kv;
    auto row = [&](const char* label, const std::string& value) { kv.rows.emplace_back(v.t(label), value); };
    row("elections.record.area", k->area);
    row("elections.show.seats", std::to_string(k->seats));
    row("elections.record.candidates", std::to_string(cands.size()));
    row("elections.result.registered", number(v, r->registered));
    row("elections.result.voted", number(v, r->voted) + " (" + percent(v, r->voted, r->registered) + ")");
    row("elections.minutes.issued", number(v, issued));
    row("elections.minutes.received", number(v, received));
    row("elections.minutes.valid", number(v, r->valid) + " (" + percent(v, r->valid, received) + ")");
    row("elections.minutes.invalid", number(v, invalid) + " (" + percent(v, invalid, received) + ")");
    doc.blocks.push_back(std::move(kv));
    document::Table votes;
    votes.header = {v.t("elections.result.candidate"), v.t("elections.result.votes"), v.t("elections.result.share"),
                    v.t("elections.result.outcome")};
    votes.widths = {0.45, 0.18, 0.17, 0.2};
    for (const auto& o : outcome_rows(j, cands))
      votes.rows.push_back({o.name, number(v, o.votes), percent(v, o.votes, r->valid),
                            o.elected ? v.t("elections.result.elected") : std::string()});
    doc.blocks.push_back(std::move(votes));
    doc.blocks.push_back(document::Paragraph{v.t("elections.record.elected"), {.bold = true}});
    document::List elected;
    elected.numbered = true;
    if (j.is_object() && j.contains("elected") && j["elected"].is_array())
      for (const auto& x : j["elected"])
        if (x.is_string()) elected.items.push_back(names[x.get<std::string>()]);
    if (elected.items.empty()) elected.items.push_back(v.t("elections.record.none_elected"));
    doc.blocks.push_back(std::move(elected));
    if (!r->recognised) doc.blocks.push_back(document::Paragraph{v.t("elections.result.not_recognised")});
    if (r->next != "none") doc.blocks.push_back(document::Paragraph{v.t("elections.next." + r->next)});
    doc.blocks.push_back(document::Paragraph{v.t("elections.record.complaints"), {.bold = true}});
    document::List cl;
    cl.items = complaints.empty() ? std::vector<std::string>{v.t("elections.record.no_complaints")} : complaints;
    doc.blocks.push_back(std::move(cl));
    if (r->version > 1) doc.blocks.push_back(document::Paragraph{v.t("elections.result.corrected") + " " + r->reason});
    doc.blocks.push_back(document::Paragraph{v.f("elections.record.certified", {{"at", v.time(r->certified_at)}}),
                                             {.italic = true}});
    doc.blocks.push_back(document::Signatures{{{v.t("elections.record.secretary"), v.t("elections.record.sign"), ""},
                                               {v.t("elections.record.chair"), v.t("elections.record.sign"), ""}}});
  });
  Response out = Response::text(document::render_pdf(doc), "application/pdf");
  out.headers.set("Content-Disposition", "attachment; filename=\"bien-ban-ket-qua-" + std::to_string(cid) + ".pdf\"");
  out.headers.set("Cache-Control", "private, no-store");
  return out;
}

Response certify_post(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  const std::int64_t id = web::path_id(req), cid = web::path_id(req, "constituency");
  auto round = parse_round(web::field(req, "round"));
  if (!round) throw http::Error(http::ErrorKind::bad_request, "unknown round", "elections.error.bad_round");
  const std::string reason = web::field(req, "reason");
  const auto recorder = audit::for_request(ctx, req);
  Result r = db::transaction_unless_refused(ctx.db, [&](soci::session& s) {
    auto k = load_constituency(s, cid);
    if (!k || k->election_id != id) return Result{Error::not_found, 0, {}};
    return certify({s, ctx.db.dialect(), ctx.clock, recorder}, cid, *round, reason, p.account_id);
  });
  if (!r.ok()) refuse(r.error);
  return Response::redirect(base_url(id) + "/constituencies/" + std::to_string(cid) +
                            (*round == Round::first ? "?certified=1" : "?round=" + std::string(round_code(*round)) + "&certified=1"));
}

Response state_post(app::Context& ctx, const Request& req, bool announce_it) {
  const auto& p = auth::require_login(req);
  const std::int64_t id = web::path_id(req);
  const auto recorder = audit::for_request(ctx, req);
  Result r = db::transaction_unless_refused(ctx.db, [&](soci::session& s) {
    const Env env{s, ctx.db.dialect(), ctx.clock, recorder};
    return announce_it ? announce(env, id, p.account_id) : open_count(env, id, p.account_id);
  });
  if (!r.ok()) refuse(r.error);
  return Response::redirect(announce_it ? base_url(id) : base_url(id) + "/board");
}

Response announce_post(app::Context& ctx, const Request& req) { return state_post(ctx, req, true); }
Response count_post(app::Context& ctx, const Request& req) { return state_post(ctx, req, false); }

}  // namespace

void add_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/elections", index);
  on.add("GET", "/elections/{id}", show);
  on.add("GET", "/elections/{id}/areas", my_areas);
  on.add("GET", "/elections/{id}/areas/{area}/minutes/{constituency}", minutes_form);
  on.add("POST", "/elections/{id}/areas/{area}/minutes/{constituency}", minutes_post);
  on.add("POST", "/elections/{id}/minutes/{minutes}/check", check_post);
  on.add("GET", "/elections/{id}/board", board_page);
  on.add("GET", "/elections/{id}/constituencies/{constituency}", constituency_page);
  on.add("POST", "/elections/{id}/constituencies/{constituency}/certify", certify_post);
  on.add("GET", "/elections/{id}/constituencies/{constituency}/result.pdf", record_pdf);
  on.add("POST", "/elections/{id}/count", count_post);
  on.add("POST", "/elections/{id}/announce", announce_post);
}

}  // namespace tinhso::elections
