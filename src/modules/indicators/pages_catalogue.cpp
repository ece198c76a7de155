// The catalogue and an indicator's page (issue 17 §1–3):
//   GET  /indicators                        the indicators the reader may see, by group, each with
//                                           its latest figure for the province and next target
//   GET  /indicators/{code}[?unit=ID]       definition, targets, the trend over 12 periods (SVG chart
//                                           and the same numbers in a table); for the responsible
//                                           agency the entry form, the versions waiting for approval
//                                           and every version with its file
//   POST /indicators/{code}/values          enter a value (multipart: period, unit, value, source,
//                                           reason for a correction, file)
//   POST /indicators/values/{id}/approve    a leader approves / rejects (with a note) a version
//   POST /indicators/values/{id}/reject
//   GET  /indicators/values/{id}/file       the file behind a version
#include <algorithm>
#include <functional>

#include "core/auth/guard.h"
#include "core/document/files.h"
#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/web/fields.h"
#include "core/web/form_errors.h"
#include "core/web/routes.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/indicators/api.h"
#include "modules/indicators/pages.h"
#include "modules/indicators/pages_common.h"
#include "modules/indicators/permissions.h"
#include "modules/indicators/store.h"
#include "modules/indicators/usecases.h"

namespace tinhso::indicators {

namespace {

using http::Request;
using http::Response;

constexpr std::size_t kMaxFile = 10u << 20;
constexpr http::RouteOptions kUpload{.multipart = true,
                                     .uploads = {.max_file_bytes = kMaxFile + (1u << 20),
                                                 .max_total_bytes = kMaxFile + (2u << 20),
                                                 .max_field_bytes = 16u << 10,
                                                 .max_files = 1,
                                                 .max_parts = 16}};

const web::FieldRefs kFields = {{"period", {"f-period", "indicators.value.field.period"}},
                                {"agency", {"f-unit", "indicators.value.field.unit"}},
                                {"value", {"f-value", "indicators.value.field.value"}},
                                {"source", {"f-source", "indicators.value.field.source"}},
                                {"reason", {"f-reason", "indicators.value.field.reason"}},
                                {"file", {"f-file", "indicators.value.field.file"}}};

[[noreturn]] void not_found() {
  throw http::Error(http::ErrorKind::not_found, "no such indicator", "indicators.error.not_found");
}

std::string frequency_label(const web::View& v, Frequency f) {
  return v.t("indicators.frequency." + std::string(frequency_code(f)));
}

Response list_page(app::Context& ctx, const Request& req) {
  web::View v{ctx, req};
  const auth::Principal* p = req.principal.get();
  struct Loaded {
    std::vector<Indicator> list;
    std::vector<Target> targets;
  };
  std::string to = current_period(ctx, Frequency::month).last_month();
  std::string from = std::to_string(std::stoi(to.substr(0, 4)) - 11) + "-01";
  Figures figures;
  Loaded l = ctx.db.with_session([&](soci::session& s) {
    Catalogue c = load_catalogue(s);
    figures = Figures(ctx, s, from, to, c.approved, sources_for(c.indicators));
    Loaded out{std::move(c.indicators), std::move(c.targets)};
    return out;
  });
  mstch::array groups;
  for (Group g : {Group::resolution12, Group::digital, Group::d766, Group::socioeconomic}) {
    mstch::array rows;
    for (const auto& i : l.list) {
      if (i.group != g || !i.active || !may_see(p, i)) continue;
      Trend t = trend(figures, i, current_period(ctx, i.frequency), 12, {});
      auto target = next_target(l.targets, i.id, 0, current_period(ctx, i.frequency).year);
      rows.push_back(mstch::map{
          {"code", i.code},
          {"name", name_of(v, i)},
          {"frequency", frequency_label(v, i.frequency)},
          {"computed", i.computed},
          {"value", t.latest ? value_label(v, i, t.figures[*t.latest].value) : v.t("indicators.no_data")},
          {"period", t.latest ? period_label(v, t.periods[*t.latest]) : std::string()},
          {"target", target ? value_label(v, i, target->value) + " (" + std::to_string(target->year) + ")" : std::string()},
          {"note", i.note}});
    }
    if (!rows.empty())
      groups.push_back(mstch::map{{"name", v.t("indicators.group." + std::string(group_code(g)))}, {"rows", rows}});
  }
  mstch::map c{{"title", v.t("indicators.list.title")}, {"groups", groups}, {"empty", groups.empty()},
               {"manage", may_manage(p)}};
  return ctx.pages.render(req, "indicators_list", std::move(c));
}

struct DetailLoaded {
  bool found = false;
  Indicator indicator;
  std::vector<Target> targets;
  std::vector<Value> history, pending;
  std::vector<directory::AgencyRef> agencies;
  std::string agency_name;
  Figures figures;
};

DetailLoaded load_detail(app::Context& ctx, const auth::Principal* p, const std::string& code) {
  DetailLoaded l;
  ctx.db.with_session([&](soci::session& s) {
    auto found = find_indicator(s, code);
    if (!found.has_value() || !may_see(p, found.value())) return;
    const Indicator& i = found.value();
    l.found = true;
    l.indicator = i;
    l.targets = targets_of(s, i.id);
    if (may_see_versions(p, i)) l.history = value_history(s, i.id, 200);
    if (approves(p, i)) l.pending = pending_values(s, {i.id});
    l.agencies = directory::all_agencies(s);
    if (i.agency_id != 0) l.agency_name = directory::agency_name(s, i.agency_id).value_or(directory::AgencyName{}).name;
    const Period last = current_period(ctx, i.frequency);
    l.figures = Figures(ctx, s, last_periods(last, 12).front().first_month(), last.last_month(),
                        i.computed ? std::vector<Value>{} : approved_values(s, i.id), sources_for({i}));
  });
  return l;
}

// The trend of unit `unit` (0: the province): a computed indicator counted over that agency, an
// entered one its own values.
Trend unit_trend(const DetailLoaded& l, const Period& last, std::int64_t unit) {
  const Indicator& i = l.indicator;
  if (unit == 0 || i.computed) return trend(l.figures, i, last, 12, unit == 0 ? std::vector<std::int64_t>{} : std::vector<std::int64_t>{unit});
  Trend t;
  t.periods = last_periods(last, 12);
  for (std::size_t k = 0; k < t.periods.size(); ++k) {
    Figure f;
    f.value = l.figures.entered(i, unit, t.periods[k].code());
    if (f.value.has_value()) t.latest = k;
    t.figures.push_back(f);
  }
  return t;
}

mstch::map status_context(app::Context& ctx, const web::View& v, const Indicator& i, const Trend& t,
                          const std::vector<PathPoint>& path) {
  const std::size_t k = t.latest.value_or(t.periods.size());
  if (k >= t.periods.size() || k >= t.figures.size() || path.empty()) return {};
  const std::optional<double> value = t.figures[k].value;
  if (!value.has_value()) return {};
  return status_view(v, status_of(path, i.direction, t.periods[k].end_position(), *value, at_risk_share(ctx)));
}

mstch::array target_rows(const web::View& v, const Indicator& i, const std::vector<Target>& targets,
                         const std::function<std::string(std::int64_t)>& unit_name) {
  mstch::array out;
  for (const auto& tg : targets) {
    std::string baseline;
    if (tg.baseline_year.has_value() && tg.baseline_value.has_value())
      baseline = value_label(v, i, tg.baseline_value.value()) + " (" + std::to_string(tg.baseline_year.value()) + ")";
    out.push_back(mstch::map{{"unit", unit_name(tg.agency_id)},
                             {"year", std::to_string(tg.year)},
                             {"kind", v.t(tg.milestone ? "indicators.target.milestone" : "indicators.target.target")},
                             {"value", value_label(v, i, tg.value)},
                             {"baseline", baseline},
                             {"document", tg.document},
                             {"note", tg.note}});
  }
  return out;
}

mstch::array version_rows(const web::View& v, const auth::Principal* p, const Indicator& i,
                          const std::vector<Value>& values, const std::function<std::string(std::int64_t)>& unit_name) {
  mstch::array out;
  for (const Value& x : values) {
    const auto pp = parse_period(x.period);
    out.push_back(mstch::map{
        {"id", std::to_string(x.id)},
        {"period", pp.has_value() ? period_label(v, pp.value()) : x.period},
        {"period_code", x.period},
        {"unit", unit_name(x.agency_id)},
        {"version", std::to_string(x.version)},
        {"value", value_label(v, i, x.value)},
        {"source", x.source},
        {"reason", x.reason},
        {"state", v.t("indicators.value.state." + std::string(value_state_code(x.state)))},
        {"late", x.late},
        {"due", v.date(x.due_date)},
        {"entered_by", x.entered_by_name},
        {"entered_at", v.time(x.entered_at)},
        {"decided_by", x.decided_by_name},
        {"decided_at", x.decided_at.empty() ? std::string() : v.time(x.decided_at)},
        {"decision_note", x.decision_note},
        {"file", x.file_name},
        {"file_url", x.file_name.empty() ? std::string() : "/indicators/values/" + std::to_string(x.id) + "/file"},
        {"may_decide", p != nullptr && may_approve(p, i, x)},
        {"own", p != nullptr && x.entered_by == p->account_id}});
  }
  return out;
}

mstch::map facts(const web::View& v, const Indicator& i, const std::string& agency_name) {
  return mstch::map{{"title", name_of(v, i)},
                    {"code", i.code},
                    {"name", name_of(v, i)},
                    {"definition", i.definition},
                    {"unit", unit_of(v, i)},
                    {"direction", v.t("indicators.direction." + std::string(direction_code(i.direction)))},
                    {"frequency", frequency_label(v, i.frequency)},
                    {"aggregation", v.t("indicators.aggregation." + std::string(aggregation_code(i.aggregation)))},
                    {"group", v.t("indicators.group." + std::string(group_code(i.group)))},
                    {"agency", agency_name},
                    {"legal_basis", i.legal_basis},
                    {"computed", i.computed},
                    {"formula", formula_text(i)},
                    {"note", i.note},
                    {"action", "/indicators/" + i.code + "/values"}};
}

Response detail(app::Context& ctx, const Request& req, const std::vector<web::FieldProblem>& problems, int status) {
  web::View v{ctx, req};
  const auth::Principal* p = req.principal.get();
  const std::int64_t unit = web::query_id(req, "unit").value_or(0);
  const DetailLoaded l = load_detail(ctx, p, std::string(req.param("code")));
  if (!l.found) not_found();
  const Indicator& i = l.indicator;
  std::map<std::int64_t, std::string> names;
  for (const auto& a : l.agencies) names[a.id] = a.name;
  const std::function<std::string(std::int64_t)> unit_name = [&](std::int64_t id) {
    return id == 0 ? v.t("indicators.unit.province") : names[id];
  };
  const Period last = current_period(ctx, i.frequency);
  const Trend t = unit_trend(l, last, unit);
  const mstch::map status_ctx = status_context(ctx, v, i, t, target_path(l.targets, i.id, unit));
  const mstch::array targets = target_rows(v, i, l.targets, unit_name);
  const mstch::array history = version_rows(v, p, i, l.history, unit_name);
  const mstch::array pending = version_rows(v, p, i, l.pending, unit_name);
  mstch::array units{mstch::map{{"id", std::string()}, {"name", v.t("indicators.unit.province")}, {"selected", unit == 0}}};
  for (const auto& a : l.agencies)
    units.push_back(mstch::map{{"id", std::to_string(a.id)}, {"name", a.name}, {"selected", a.id == unit}});
  mstch::array recent;
  for (const auto& pp : last_periods(last.previous(), 6))
    recent.push_back(mstch::map{{"code", pp.code()}, {"label", period_label(v, pp)}});
  mstch::map c = facts(v, i, l.agency_name);
  c["unit_name"] = unit_name(unit);
  c["units"] = units;
  c["targets"] = targets;
  c["has_targets"] = !targets.empty();
  c["chart"] = trend_chart(v, i, t, "trend-" + std::to_string(i.id));
  c["rows"] = trend_rows(v, i, t);
  c["has_status"] = !status_ctx.empty();
  c["status"] = status_ctx;
  c["rule"] = v.f("indicators.status.rule", {{"percent", text::format_decimal(settings(ctx).at_risk_percent, 0, req.lang)}});
  c["may_enter"] = p != nullptr && may_enter(p, i);
  c["periods"] = recent;
  c["form_period"] = web::field(req, "period");
  c["form_value"] = web::field(req, "value");
  c["form_source"] = web::field(req, "source");
  c["form_reason"] = web::field(req, "reason");
  c["pending"] = pending;
  c["has_pending"] = !pending.empty();
  c["history"] = history;
  c["has_history"] = !history.empty();
  c["sees_versions"] = may_see_versions(p, i);
  c["entered"] = req.query_params.get("entered").has_value();
  c["decided"] = req.query_params.get("decided").has_value();
  web::put_field_errors(c, v, problems, kFields);
  Response r = ctx.pages.render(req, "indicators_detail", std::move(c), status);
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

Response detail_page(app::Context& ctx, const Request& req) { return detail(ctx, req, {}, 200); }

Env env_of(app::Context& ctx, soci::session& s, const calendar::WorkCalendar& cal, const audit::Recorder& rec) {
  return Env{s, ctx.clock, cal, rec, settings(ctx).entry_working_days};
}

Response enter_post(app::Context& ctx, const Request& req) {
  const auth::Principal& p = auth::require_login(req);
  const audit::Recorder rec = audit::for_request(ctx, req);
  EnterInput in;
  in.indicator_code = std::string(req.param("code"));
  in.agency_id = web::field_id(req, "agency").value_or(0);
  in.period = web::field(req, "period");
  in.value = web::field(req, "value");
  in.source = web::field(req, "source");
  in.reason = web::field(req, "reason");
  in.by = p.account_id;
  std::vector<web::FieldProblem> problems;
  int files = 0;
  for (const auto& f : req.files) {
    if (f.size == 0 || f.field != "file") continue;
    if (++files > 1 || f.size > kMaxFile) {
      problems.push_back({"file", "indicators.value.error.file_size"});
      break;
    }
    in.file_name = f.filename;
    in.file_bytes = ctx.files.read(f.path, kMaxFile);
  }
  if (!problems.empty()) return detail(ctx, req, problems, 422);
  const auto cal = ctx.calendar.current();
  bool forbidden = false;
  EnterResult r = ctx.db.transaction([&](soci::session& s) {
    EnterResult out = enter_value(env_of(ctx, s, *cal, rec), in, [&](const Indicator& i) { return may_enter(&p, i); });
    if (!out.problems.empty() && out.problems.front().message_id == "forbidden") forbidden = true;
    return out;
  });
  if (forbidden) auth::require(false, "enter a value of another agency's indicator");
  if (!r.problems.empty()) {
    if (r.problems.front().message_id == "indicators.value.error.indicator") not_found();
    for (const auto& e : r.problems) problems.push_back({e.field, e.message_id});
    return detail(ctx, req, problems, 422);
  }
  return Response::redirect("/indicators/" + in.indicator_code + "?entered=" + std::to_string(r.version) +
                            (in.agency_id ? "&unit=" + std::to_string(in.agency_id) : ""));
}

Response decide_post(app::Context& ctx, const Request& req, Decision d) {
  const auth::Principal& p = auth::require_login(req);
  const audit::Recorder rec = audit::for_request(ctx, req);
  const std::int64_t id = web::path_id(req);
  const std::string note = web::field(req, "note");
  const auto cal = ctx.calendar.current();
  std::string code;
  DecideOutcome o = ctx.db.transaction([&](soci::session& s) {
    return decide(env_of(ctx, s, *cal, rec), id, d, note, p.account_id, [&](const Indicator& i, const Value& v) {
      code = i.code;
      return may_approve(&p, i, v);
    });
  });
  switch (o) {
    case DecideOutcome::not_found: throw http::Error(http::ErrorKind::not_found, "no such value", "indicators.error.not_found");
    case DecideOutcome::forbidden: auth::require(false, "decide on an indicator value"); break;
    case DecideOutcome::not_pending:
      throw http::Error(http::ErrorKind::conflict, "value already decided", "indicators.value.error.decided");
    case DecideOutcome::note_required:
      throw http::Error(http::ErrorKind::invalid_input, "a rejection needs a note", "indicators.value.error.note");
    case DecideOutcome::done: break;
  }
  return Response::redirect("/indicators/" + code + "?decided=1");
}

Response approve_post(app::Context& ctx, const Request& req) { return decide_post(ctx, req, Decision::approve); }
Response reject_post(app::Context& ctx, const Request& req) { return decide_post(ctx, req, Decision::reject); }

Response value_file_get(app::Context& ctx, const Request& req) {
  const auth::Principal& p = auth::require_login(req);
  const std::int64_t id = web::path_id(req);
  struct Found {
    bool found = false, allowed = false, has_file = false;
    ValueFile file;
  };
  const Found f = ctx.db.with_session([&](soci::session& s) {
    Found out;
    const auto v = find_value(s, id);
    if (!v.has_value()) return out;
    const auto i = find_indicator_by_id(s, v.value().indicator_id);
    if (!i.has_value()) return out;
    out.found = true;
    out.allowed = may_see_versions(&p, i.value());
    if (!out.allowed) return out;
    if (auto file = value_file(s, id); file.has_value()) {
      out.has_file = true;
      out.file = file.value();
    }
    return out;
  });
  if (!f.found) throw http::Error(http::ErrorKind::not_found, "no such value", "indicators.error.not_found");
  auth::require(f.allowed, "an indicator value's file");
  if (!f.has_file) throw http::Error(http::ErrorKind::not_found, "no file", "indicators.error.not_found");
  auto bytes = document::from_base64(f.file.content_base64);
  if (!bytes.has_value())
    throw http::Error(http::ErrorKind::internal, "indicator value file " + std::to_string(id) + " unreadable");
  Response r = Response::text(std::move(bytes.value()), f.file.type);
  r.headers.set("Content-Disposition", document::attachment_disposition(f.file.name));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

}  // namespace

void add_catalogue_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/indicators", list_page);
  on.add("GET", "/indicators/{code}", detail_page);
  on.add("POST", "/indicators/{code}/values", enter_post, kUpload);
  on.add("POST", "/indicators/values/{id}/approve", approve_post);
  on.add("POST", "/indicators/values/{id}/reject", reject_post);
  on.add("GET", "/indicators/values/{id}/file", value_file_get);
}

}  // namespace tinhso::indicators
