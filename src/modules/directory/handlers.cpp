// HTTP glue: parse → check permission → use case → render. Lists are filtered and sorted in
// memory: a province has at most a few hundred units and agencies.
#include "modules/directory/handlers.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "core/auth/clock.h"
#include "core/calendar/date.h"
#include "core/http/errors.h"
#include "core/text/vietnamese.h"
#include "core/web/routes.h"
#include "core/web/fields.h"
#include "core/web/form_errors.h"
#include "core/web/view.h"
#include "modules/audit/api.h"
#include "modules/directory/permissions.h"
#include "modules/directory/store.h"
#include "modules/directory/usecases.h"

namespace tinhso::directory {

namespace {

using http::Request;
using http::Response;

using Page = web::View;
using web::field;
using web::field_id;
using web::path_id;


// Today in Viet Nam (UTC+7): from 17:00 UTC it is already the next day there.
std::string today(const app::Context& ctx) { return calendar::format_date(calendar::to_local(ctx.clock.now()).day); }

// A use case's refusal because of the administrator's scope is a 403, not a form error.
void deny_outside_scope(const std::vector<Problem>& problems) {
  if (!problems.empty() && problems.front().message_id == "directory.error.outside_scope")
    throw http::Error(http::ErrorKind::forbidden, "agency outside the administrator's scope");
}

const web::FieldRefs kUnitFields = {
    {"code", {"f-code", "directory.field.code"}},          {"name", {"f-name", "directory.field.name"}},
    {"level", {"f-level", "directory.field.level"}},       {"parent", {"f-parent", "directory.field.parent"}},
    {"valid_from", {"f-valid_from", "directory.field.valid_from"}},
    {"valid_to", {"f-valid_to", "directory.field.valid_to"}},
    {"successor", {"f-successor", "directory.field.successor"}}};
const web::FieldRefs kAgencyFields = {
    {"code", {"f-code", "directory.field.code"}},
    {"name", {"f-name", "directory.field.name"}},
    {"kind", {"f-kind", "directory.field.kind"}},
    {"admin_unit", {"f-admin_unit", "directory.field.admin_unit"}},
    {"parent", {"f-parent", "directory.field.parent_agency"}},
    {"valid_from", {"f-valid_from", "directory.field.valid_from"}},
    {"valid_to", {"f-end-valid_to", "directory.end.last_day_label"}},
    {"successor", {"f-successor", "directory.field.successor_agency"}},
    {"confirm", {"f-confirm", "directory.end.confirm_name"}}};

void put_errors(mstch::map& c, const Page& p, const std::vector<Problem>& problems, const web::FieldRefs& fields) {
  web::put_field_errors(c, p, web::field_problems(problems), fields);
}

bool folded_match(std::string_view query, std::initializer_list<std::string_view> texts) {
  if (query.empty()) return true;
  std::string q = text::fold(query);
  for (auto t : texts)
    if (text::fold(t).find(q) != std::string::npos) return true;
  return false;
}

// <option> lists: "" (none) first when `none` is given.
mstch::array unit_options(const std::vector<AdminUnit>& units, std::optional<std::int64_t> selected,
                          const std::string& none) {
  mstch::array out{mstch::map{{"value", std::string()}, {"label", none}, {"selected", !selected}}};
  for (const auto& u : units)
    out.push_back(mstch::map{{"value", std::to_string(u.id)},
                             {"label", u.name + " (" + u.code + ", " + u.valid_from + ")"},
                             {"selected", selected == u.id}});
  return out;
}

mstch::array agency_options(const std::vector<Agency>& agencies, std::optional<std::int64_t> selected,
                            const std::string& none) {
  mstch::array out{mstch::map{{"value", std::string()}, {"label", none}, {"selected", !selected}}};
  for (const auto& a : agencies)
    out.push_back(mstch::map{{"value", std::to_string(a.id)}, {"label", a.name + " (" + a.code + ")"},
                             {"selected", selected == a.id}});
  return out;
}

mstch::array level_options(const Page& p, std::string_view selected, bool any) {
  mstch::array out;
  if (any) out.push_back(mstch::map{{"value", std::string()}, {"label", p.t("directory.filter.any_level")},
                                    {"selected", selected.empty()}});
  for (Level l : {Level::province, Level::district, Level::commune}) {
    std::string name(level_name(l));
    out.push_back(mstch::map{{"value", name}, {"label", p.t("directory.level." + name)}, {"selected", selected == name}});
  }
  return out;
}

mstch::array kind_options(const Page& p, std::string_view selected) {
  mstch::array out;
  for (AgencyKind k : kAllKinds) {
    std::string name(kind_name(k));
    out.push_back(mstch::map{{"value", name}, {"label", p.t("directory.kind." + name)}, {"selected", selected == name}});
  }
  return out;
}

template <class T>
void sort_by_name(std::vector<T>& items) {
  std::vector<std::pair<std::string, T>> keyed;
  for (auto& i : items) keyed.emplace_back(text::sort_key_vi(i.name), std::move(i));
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  items.clear();
  for (auto& [k, v] : keyed) items.push_back(std::move(v));
}

std::string name_of(const std::vector<AdminUnit>& units, std::optional<std::int64_t> id) {
  for (const auto& u : units)
    if (id == u.id) return u.name;
  return {};
}

std::string agency_name_of(const std::vector<Agency>& agencies, std::optional<std::int64_t> id) {
  for (const auto& a : agencies)
    if (id == a.id) return a.name;
  return {};
}

// ---- admin units ----

Response list_units_page(app::Context& ctx, const Request& req) {
  require_manage_directory(req);
  Page p{ctx, req};
  std::string q(req.query_params.get_or("q", "")), level(req.query_params.get_or("level", "")),
      on(req.query_params.get_or("on", ""));
  auto units = ctx.db.with_session([](soci::session& s) { return list_units(s); });
  auto all = units;
  auto lv = parse_level(level);
  std::erase_if(units, [&](const AdminUnit& u) {
    return (lv && u.level != *lv) || (is_iso_date(on) && !valid_on(u, on)) || !folded_match(q, {u.name, u.code});
  });
  sort_by_name(units);
  mstch::array rows;
  for (const auto& u : units)
    rows.push_back(mstch::map{{"id", std::to_string(u.id)}, {"code", u.code}, {"name", u.name},
                              {"level", p.t("directory.level." + std::string(level_name(u.level)))},
                              {"parent", name_of(all, u.parent_id)}, {"valid_from", u.valid_from},
                              {"valid_from_text", p.date(u.valid_from)}, {"valid_to", u.valid_to.value_or("")},
                              {"valid_to_text", p.date(u.valid_to.value_or(""))},
                              {"successor", name_of(all, u.successor_id)},
                              {"remote", u.remote}});
  mstch::map c{{"title", p.t("directory.units.title")}, {"rows", rows}, {"empty", rows.empty()}, {"q", q},
               {"on", on}, {"levels", level_options(p, level, true)},
               {"bad_date", !on.empty() && !is_iso_date(on)}};
  return ctx.pages.render(req, "directory_units", std::move(c));
}

Response unit_new_page(app::Context& ctx, const Request& req, const AdminUnit& u, const std::vector<Problem>& problems) {
  Page p{ctx, req};
  auto units = ctx.db.with_session([](soci::session& s) { return list_units(s); });
  mstch::map c{{"title", p.t("directory.unit_new.title")}, {"code", u.code}, {"name", u.name},
               {"levels", level_options(p, u.id == -1 ? "" : level_name(u.level), false)},
               {"parents", unit_options(units, u.parent_id, p.t("directory.none"))},
               {"valid_from", u.valid_from}, {"valid_to", u.valid_to.value_or("")}};
  put_errors(c, p, problems, kUnitFields);
  return ctx.pages.render(req, "directory_unit_new", std::move(c), problems.empty() ? 200 : 422);
}

Response unit_create(app::Context& ctx, const Request& req) {
  require_manage_units(req);
  auto level = parse_level(field(req, "level"));
  AdminUnit u{0, field(req, "code"), field(req, "name"), level.value_or(Level::province), field_id(req, "parent"),
              field(req, "valid_from"), std::nullopt, std::nullopt};
  if (auto to = field(req, "valid_to"); !to.empty()) u.valid_to = to;
  if (!level) return unit_new_page(ctx, req, u, {{"level", "directory.error.level"}});
  Outcome o = ctx.db.transaction([&](soci::session& s) {
    return create_unit(s, u, u.parent_id.has_value(), false, audit::for_request(ctx, req));
  });
  if (!o.problems.empty()) return unit_new_page(ctx, req, u, o.problems);
  return Response::redirect("/admin/units/" + std::to_string(o.id));
}

Response unit_page(app::Context& ctx, const Request& req, std::int64_t id, const AdminUnit* edited,
                   const std::vector<Problem>& problems) {
  Page p{ctx, req};
  auto [unit, units] = ctx.db.with_session([&](soci::session& s) { return std::pair(find_unit(s, id), list_units(s)); });
  if (!unit) throw http::Error(http::ErrorKind::not_found, "no admin unit " + std::to_string(id));
  const AdminUnit& shown = edited ? *edited : *unit;
  mstch::map c{{"title", unit->name},
               {"id", std::to_string(id)}, {"code", unit->code}, {"name", unit->name},
               {"level", p.t("directory.level." + std::string(level_name(unit->level)))},
               {"parent", name_of(units, unit->parent_id)}, {"valid_from", unit->valid_from},
               {"valid_from_text", p.date(unit->valid_from)}, {"valid_to", unit->valid_to.value_or("")},
               {"valid_to_text", p.date(unit->valid_to.value_or(""))}, {"successor", name_of(units, unit->successor_id)},
               {"remote", unit->remote}, {"edit_remote", shown.remote},
               {"edit_name", shown.name}, {"edit_valid_to", shown.valid_to.value_or("")},
               {"successors", unit_options(units, shown.successor_id, p.t("directory.none"))}};
  put_errors(c, p, problems, kUnitFields);
  return ctx.pages.render(req, "directory_unit", std::move(c), problems.empty() ? 200 : 422);
}

Response unit_update(app::Context& ctx, const Request& req) {
  require_manage_units(req);
  std::int64_t id = path_id(req);
  // The remote checkbox: absent (unchecked) clears the flag, as the agencies' `active` does.
  AdminUnit u{id, "", field(req, "name"), Level::province, std::nullopt, "", std::nullopt, field_id(req, "successor"),
              !field(req, "remote").empty()};
  if (auto to = field(req, "valid_to"); !to.empty()) u.valid_to = to;
  Outcome o = ctx.db.transaction(
      [&](soci::session& s) { return edit_unit(s, u, u.successor_id.has_value(), audit::for_request(ctx, req)); });
  if (!o.problems.empty() && o.problems.front().field == "id")
    throw http::Error(http::ErrorKind::not_found, "no admin unit " + std::to_string(id));
  if (!o.problems.empty()) return unit_page(ctx, req, id, &u, o.problems);
  return Response::redirect("/admin/units/" + std::to_string(id));
}

// ---- agencies ----

Response list_agencies_page(app::Context& ctx, const Request& req) {
  require_manage_directory(req);
  Page p{ctx, req};
  std::string q(req.query_params.get_or("q", ""));
  auto [agencies, units] =
      ctx.db.with_session([](soci::session& s) { return std::pair(list_agencies(s), list_units(s)); });
  auto all = agencies;
  std::erase_if(agencies, [&](const Agency& a) { return !folded_match(q, {a.name, a.code}); });
  sort_by_name(agencies);
  mstch::array rows;
  for (const auto& a : agencies)
    rows.push_back(mstch::map{{"id", std::to_string(a.id)}, {"code", a.code}, {"name", a.name},
                              {"kind", p.t("directory.kind." + std::string(kind_name(a.kind)))},
                              {"unit", name_of(units, a.admin_unit_id)}, {"parent", agency_name_of(all, a.parent_id)},
                              {"active", a.active ? p.t("directory.yes") : p.t("directory.no")},
                              {"valid_to", a.valid_to.value_or("")}, {"valid_to_text", p.date(a.valid_to.value_or(""))},
                              {"successor", agency_name_of(all, a.successor_id)}});
  mstch::map c{{"title", p.t("directory.agencies.title")}, {"rows", rows}, {"empty", rows.empty()}, {"q", q}};
  return ctx.pages.render(req, "directory_agencies", std::move(c));
}

// Agencies that may receive: not ended, active, and (for an agency-scoped administrator) inside
// the scope; `keep` stays listed whatever it is (the agency's current parent).
std::vector<Agency> pickable(std::vector<Agency> agencies, const Scope& scope, std::optional<std::int64_t> keep) {
  std::erase_if(agencies, [&](const Agency& x) {
    if (keep == x.id) return false;
    return x.ended() || !x.active || (scope && std::find(scope->begin(), scope->end(), x.id) == scope->end());
  });
  return agencies;
}

struct EndForm {
  std::string valid_to;
  std::optional<std::int64_t> successor;
  std::vector<Problem> problems;
  int handed_over = -1;  // after a successful end: the cases moved
};

// The create form (is_new) or the view + edit page of agency `a`, with its validity, successor
// and (for an agency still in force) the form that ends it.
Response agency_page(app::Context& ctx, const Request& req, const Agency& a, bool is_new,
                     const std::vector<Problem>& problems, const EndForm& end = {}) {
  Page p{ctx, req};
  Scope scope = directory_scope(*req.principal);
  auto [agencies, units] =
      ctx.db.with_session([](soci::session& s) { return std::pair(list_agencies(s), list_units(s)); });
  auto all = agencies;
  std::erase_if(agencies, [&](const Agency& x) { return !is_new && x.id == a.id; });
  auto parents = pickable(agencies, scope, a.parent_id);
  auto successors = pickable(agencies, scope, std::nullopt);
  sort_by_name(successors);
  std::vector<Problem> all_problems = problems;
  all_problems.insert(all_problems.end(), end.problems.begin(), end.problems.end());
  mstch::map c{{"title", is_new ? p.t("directory.agency_new.title") : a.name},
               {"is_new", is_new},
               {"id", std::to_string(a.id)}, {"code", a.code}, {"name", a.name},
               {"kinds", kind_options(p, kind_name(a.kind))},
               {"units", unit_options(units, a.admin_unit_id ? std::optional(a.admin_unit_id) : std::nullopt,
                                      p.t("directory.choose"))},
               {"parents", agency_options(parents, a.parent_id, p.t("directory.none"))}, {"active", a.active},
               {"valid_from", a.valid_from.value_or("")}, {"valid_to", a.valid_to.value_or("")},
               {"valid_from_text", p.date(a.valid_from.value_or(""))}, {"valid_to_text", p.date(a.valid_to.value_or(""))},
               {"ended", a.ended()}, {"successor", agency_name_of(all, a.successor_id)},
               {"successor_id", a.successor_id ? std::to_string(*a.successor_id) : std::string()},
               {"end_valid_to", end.valid_to},
               {"successors", agency_options(successors, end.successor, p.t("directory.choose"))},
               {"handed_over", end.handed_over >= 0},
               {"handed_over_text", ctx.pages.catalog().format(req.lang, "directory.end.done",
                                                               {{"count", std::to_string(std::max(end.handed_over, 0))}})}};
  put_errors(c, p, all_problems, kAgencyFields);
  return ctx.pages.render(req, "directory_agency", std::move(c), all_problems.empty() ? 200 : 422);
}

Agency agency_from_form(const Request& req, std::int64_t id) {
  auto kind = parse_kind(field(req, "kind"));
  Agency a{id, field(req, "code"), field(req, "name"), kind.value_or(AgencyKind::other),
           field_id(req, "admin_unit").value_or(-1), field_id(req, "parent"), !field(req, "active").empty()};
  if (auto from = field(req, "valid_from"); !from.empty()) a.valid_from = from;
  return a;
}

Response agency_save(app::Context& ctx, const Request& req, bool is_new) {
  const auth::Principal& principal = require_manage_directory(req);
  std::int64_t id = is_new ? 0 : path_id(req);
  Agency a = agency_from_form(req, id);
  if (!parse_kind(field(req, "kind"))) return agency_page(ctx, req, a, is_new, {{"kind", "directory.error.kind"}});
  Scope scope = directory_scope(principal);
  Outcome o = ctx.db.transaction([&](soci::session& s) {
    const audit::Recorder rec = audit::for_request(ctx, req);
    return is_new ? create_agency(s, a, a.parent_id.has_value(), scope, rec)
                  : edit_agency(s, a, a.parent_id.has_value(), scope, rec);
  });
  if (!o.problems.empty() && o.problems.front().field == "id" &&
      o.problems.front().message_id == "directory.error.not_found")
    throw http::Error(http::ErrorKind::not_found, "no agency " + std::to_string(id));
  deny_outside_scope(o.problems);
  if (!o.problems.empty()) return agency_page(ctx, req, a, is_new, o.problems);
  return Response::redirect("/admin/agencies/" + std::to_string(o.id));
}

// POST /admin/agencies/{id}/end: valid_to, successor and the confirmation box. Ends the agency
// and hands its open cases over in one transaction (usecases.h end_agency_now).
Response agency_end(app::Context& ctx, const Request& req) {
  const auth::Principal& principal = require_manage_directory(req);
  std::int64_t id = path_id(req);
  auto current = ctx.db.with_session([&](soci::session& s) { return find_agency(s, id); });
  if (!current) throw http::Error(http::ErrorKind::not_found, "no agency " + std::to_string(id));
  EndForm form{field(req, "valid_to"), field_id(req, "successor"), {}};
  Scope scope = directory_scope(principal);
  if (field(req, "confirm").empty()) {
    deny_outside_scope(check_end_scope(scope, &*current, std::nullopt));
    form.problems.push_back({"confirm", "directory.error.confirm_end"});
    return agency_page(ctx, req, *current, false, {}, form);
  }
  EndOutcome o = ctx.db.transaction([&](soci::session& s) {
    return end_agency_now(s, id, form.valid_to, form.successor, today(ctx), scope, ctx.agency_hand_overs,
                          audit::for_request(ctx, req));
  });
  deny_outside_scope(o.problems);
  if (!o.problems.empty()) {
    form.problems = o.problems;
    return agency_page(ctx, req, *current, false, {}, form);
  }
  return Response::redirect("/admin/agencies/" + std::to_string(id) + "?handed_over=" +
                            std::to_string(o.handed_over));
}

Response agency_view(app::Context& ctx, const Request& req) {
  require_manage_directory(req);
  std::int64_t id = path_id(req);
  auto a = ctx.db.with_session([&](soci::session& s) { return find_agency(s, id); });
  if (!a) throw http::Error(http::ErrorKind::not_found, "no agency " + std::to_string(id));
  EndForm shown;
  if (auto n = web::parse_id(req.query_params.get_or("handed_over", "")); n && *n < 1000000000) shown.handed_over = int(*n);
  else if (req.query_params.get_or("handed_over", "") == "0") shown.handed_over = 0;
  return agency_page(ctx, req, *a, false, {}, shown);
}

// ---- CSV import ----

// Thrown inside the import transaction so that nothing of a bad file is kept.
struct ImportRejected {
  std::vector<RowProblem> problems;
};

Response import_page(app::Context& ctx, const Request& req, bool units, const std::vector<RowProblem>& problems,
                     std::size_t created) {
  Page p{ctx, req};
  mstch::array errors;
  for (const auto& pr : problems)
    errors.push_back(mstch::map{{"message", ctx.pages.catalog().format(req.lang, "directory.import.row_error",
                                                                       {{"line", std::to_string(pr.line)},
                                                                        {"message", p.t(pr.message_id)}})}});
  std::string what = units ? "units" : "agencies";
  mstch::map c{{"title", p.t("directory.import." + what + "_title")}, {"action", "/admin/" + what + "/import"},
               {"columns", std::string(units ? "code,name,level,parent_code,valid_from,valid_to"
                                             : "code,name,kind,admin_unit_code,parent_code,active"
                                               " [,valid_from,valid_to,successor_code]")},
               {"units", units},
               {"errors", errors}, {"has_errors", !problems.empty()}, {"done", created > 0},
               {"created", ctx.pages.catalog().format(req.lang, "directory.import.created",
                                                       {{"count", std::to_string(created)}})},
               {"back", "/admin/" + what}};
  return ctx.pages.render(req, "directory_import", std::move(c), problems.empty() ? 200 : 422);
}

Response import_form(app::Context& ctx, const Request& req, bool units) {
  if (units) require_manage_units(req);
  else require_manage_directory(req);
  return import_page(ctx, req, units, {}, 0);
}

Response import_post(app::Context& ctx, const Request& req, bool units) {
  const auth::Principal& principal = units ? require_manage_units(req) : require_manage_directory(req);
  Scope scope = directory_scope(principal);
  std::string csv = web::upload_or_field(ctx.files, req, "csv");
  try {
    auto created = ctx.db.transaction([&](soci::session& s) {
      const audit::Recorder rec = audit::for_request(ctx, req);
      ImportOutcome o = units ? import_units(s, csv, rec) : import_agencies(s, csv, today(ctx), scope, rec);
      if (o.problems.empty() && o.created == 0) o.problems.push_back({1, "directory.csv.no_rows"});
      if (!o.problems.empty()) throw ImportRejected{o.problems};
      return o.created;
    });
    return import_page(ctx, req, units, {}, created);
  } catch (const ImportRejected& r) {
    return import_page(ctx, req, units, r.problems, 0);
  }
}

constexpr http::RouteOptions kImportOptions{
    .multipart = true,
    .uploads = {.max_file_bytes = 2u << 20, .max_total_bytes = 4u << 20, .max_field_bytes = 2u << 20, .max_files = 1}};

}  // namespace

void add_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/admin/units", list_units_page);
  on.add("GET", "/admin/units/new", [](app::Context& c, const Request& r) {
    require_manage_units(r);
    return unit_new_page(c, r, AdminUnit{.id = -1}, {});
  });
  on.add("POST", "/admin/units", unit_create);
  on.add("GET", "/admin/units/import", [](app::Context& c, const Request& r) { return import_form(c, r, true); });
  on.add("POST", "/admin/units/import", [](app::Context& c, const Request& r) { return import_post(c, r, true); },
         kImportOptions);
  on.add("GET", "/admin/units/{id}", [](app::Context& c, const Request& r) {
    require_manage_directory(r);
    return unit_page(c, r, path_id(r), nullptr, {});
  });
  on.add("POST", "/admin/units/{id}", unit_update);
  on.add("GET", "/admin/agencies", list_agencies_page);
  on.add("GET", "/admin/agencies/new", [](app::Context& c, const Request& r) {
    require_manage_directory(r);
    return agency_page(c, r, Agency{.kind = AgencyKind::department}, true, {});
  });
  on.add("POST", "/admin/agencies", [](app::Context& c, const Request& r) { return agency_save(c, r, true); });
  on.add("GET", "/admin/agencies/import", [](app::Context& c, const Request& r) { return import_form(c, r, false); });
  on.add("POST", "/admin/agencies/import", [](app::Context& c, const Request& r) { return import_post(c, r, false); },
         kImportOptions);
  on.add("GET", "/admin/agencies/{id}", agency_view);
  on.add("POST", "/admin/agencies/{id}", [](app::Context& c, const Request& r) { return agency_save(c, r, false); });
  on.add("POST", "/admin/agencies/{id}/end", agency_end);
}

}  // namespace tinhso::directory
