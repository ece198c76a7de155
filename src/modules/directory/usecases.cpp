#include "modules/directory/usecases.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "modules/directory/api.h"
#include "core/util/csv.h"
#include "modules/directory/store.h"

namespace tinhso::directory {

namespace {

template <class T>
nlohmann::json opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

std::optional<AdminUnit> maybe_unit(soci::session& s, const std::optional<std::int64_t>& id) {
  return id ? find_unit(s, *id) : std::nullopt;
}

// The unit with `code` valid on `date`; else (when `latest`) the one that started last.
std::optional<AdminUnit> unit_by_code(const std::vector<AdminUnit>& units, std::string_view code,
                                      std::string_view date, bool latest) {
  const AdminUnit* best = nullptr;
  for (const auto& u : units) {
    if (u.code != code) continue;
    if (valid_on(u, date)) return u;
    if (latest && (!best || best->valid_from < u.valid_from)) best = &u;
  }
  return best ? std::optional<AdminUnit>(*best) : std::nullopt;
}

// Index of each required column in `header`, or nullopt if one is missing.
std::optional<std::vector<std::size_t>> columns(const std::vector<std::string>& header,
                                                std::initializer_list<std::string_view> names) {
  std::vector<std::size_t> out;
  for (auto name : names) {
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) return std::nullopt;
    out.push_back(static_cast<std::size_t>(it - header.begin()));
  }
  return out;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

void add_row_problems(std::vector<RowProblem>& out, std::size_t line, const std::vector<Problem>& ps) {
  for (const auto& p : ps) out.push_back({line, p.message_id});
}

}  // namespace

std::string summary(const AdminUnit& u) {
  return nlohmann::json{{"code", u.code},           {"name", u.name},        {"level", level_name(u.level)},
                        {"parent_id", opt(u.parent_id)}, {"valid_from", u.valid_from}, {"valid_to", opt(u.valid_to)},
                        {"successor_id", opt(u.successor_id)}, {"remote", u.remote}}
      .dump();
}

std::string summary(const Agency& a) {
  return nlohmann::json{{"code", a.code},
                        {"name", a.name},
                        {"kind", kind_name(a.kind)},
                        {"admin_unit_id", a.admin_unit_id},
                        {"parent_id", opt(a.parent_id)},
                        {"active", a.active},
                        {"valid_from", opt(a.valid_from)},
                        {"valid_to", opt(a.valid_to)},
                        {"successor_id", opt(a.successor_id)}}
      .dump();
}

Outcome create_unit(soci::session& s, AdminUnit u, bool parent_given, bool successor_given,
                    const audit::Recorder& rec) {
  auto parent = maybe_unit(s, u.parent_id);
  auto successor = maybe_unit(s, u.successor_id);
  Outcome out{0, check_unit(u, parent ? &*parent : nullptr, successor ? &*successor : nullptr, parent_given,
                            successor_given)};
  if (out.problems.empty() && unit_id(s, u.code, u.valid_from))
    out.problems.push_back({"code", "directory.error.unit_duplicate"});
  if (!out.problems.empty()) return out;
  u.id = out.id = insert_unit(s, u);
  rec(s, {"admin_unit.create", "admin_unit", std::to_string(u.id), "", summary(u)});
  return out;
}

Outcome edit_unit(soci::session& s, const AdminUnit& changes, bool successor_given, const audit::Recorder& rec) {
  auto before = find_unit(s, changes.id);
  if (!before) return {changes.id, {{"id", "directory.error.not_found"}}};
  AdminUnit u = *before;
  u.name = changes.name;
  u.valid_to = changes.valid_to;
  u.successor_id = changes.successor_id;
  u.remote = changes.remote;
  auto parent = maybe_unit(s, u.parent_id);
  auto successor = maybe_unit(s, u.successor_id);
  Outcome out{u.id, check_unit(u, parent ? &*parent : nullptr, successor ? &*successor : nullptr,
                               u.parent_id.has_value(), successor_given)};
  if (!out.problems.empty()) return out;
  update_unit(s, u);
  rec(s, {"admin_unit.update", "admin_unit", std::to_string(u.id), summary(*before), summary(u)});
  return out;
}

Outcome create_agency(soci::session& s, const Agency& a, bool parent_given, const Scope& scope,
                      const audit::Recorder& rec) {
  if (auto denied = check_scope(scope, nullptr, a); !denied.empty()) return {0, denied};
  bool unit_exists = find_unit(s, a.admin_unit_id).has_value();
  auto parent = a.parent_id ? find_agency(s, *a.parent_id) : std::nullopt;
  Outcome out{0, check_agency(a, unit_exists, parent_given, parent.has_value(), {})};
  if (parent && parent->ended()) out.problems.push_back({"parent", "directory.error.parent_ended"});
  if (out.problems.empty() && agency_id_by_code(s, a.code))
    out.problems.push_back({"code", "directory.error.agency_duplicate"});
  if (!out.problems.empty()) return out;
  Agency created = a;
  created.active = a.active && !a.ended();
  created.id = out.id = insert_agency(s, a);
  rec(s, {"agency.create", "agency", std::to_string(created.id), "", summary(created)});
  return out;
}

Outcome edit_agency(soci::session& s, const Agency& changes, bool parent_given, const Scope& scope,
                    const audit::Recorder& rec) {
  auto before = find_agency(s, changes.id);
  if (!before) return {changes.id, {{"id", "directory.error.not_found"}}};
  Agency a = changes;
  a.code = before->code;  // the code is stable: other modules and imports refer to it
  a.valid_to = before->valid_to;
  a.successor_id = before->successor_id;
  a.active = changes.active && !before->ended();  // an ended agency stays inactive
  if (auto denied = check_scope(scope, &*before, a); !denied.empty()) return {a.id, denied};
  bool unit_exists = find_unit(s, a.admin_unit_id).has_value();
  auto parent = a.parent_id ? find_agency(s, *a.parent_id) : std::nullopt;
  Outcome out{a.id, check_agency(a, unit_exists, parent_given, parent.has_value(), agency_scope(s, a.id))};
  // A new parent must be in force; one it already had may have ended since.
  if (parent && parent->ended() && before->parent_id != a.parent_id)
    out.problems.push_back({"parent", "directory.error.parent_ended"});
  if (!out.problems.empty()) return out;
  update_agency(s, a);
  rec(s, {"agency.update", "agency", std::to_string(a.id), summary(*before), summary(a)});
  return out;
}

EndOutcome end_agency_now(soci::session& s, std::int64_t id, const std::string& valid_to,
                          std::optional<std::int64_t> successor_id, std::string_view today, const Scope& scope,
                          const std::vector<app::HandOverAgency>& hooks, const audit::Recorder& rec) {
  auto before = find_agency(s, id);
  if (!before) return {{{"id", "directory.error.not_found"}}};
  auto successor = successor_id ? find_agency(s, *successor_id) : std::nullopt;
  if (auto denied = check_end_scope(scope, &*before, successor ? std::optional(successor->id) : std::nullopt);
      !denied.empty())
    return {denied};
  EndOutcome out{check_end(*before, valid_to, successor ? &*successor : nullptr, today)};
  if (!out.problems.empty() || !successor) return out;  // check_end requires a successor
  end_agency(s, id, valid_to, successor->id);
  Agency after = *before;
  after.valid_to = valid_to;
  after.successor_id = successor->id;
  after.active = false;
  rec(s, {"agency.end", "agency", std::to_string(id), summary(*before), summary(after)});
  app::HandOver h{id, successor->id, valid_to,
                  [&rec](soci::session& se, std::string_view type, std::string_view case_id, const std::string& b,
                         const std::string& a) {
                    rec(se, {"agency.hand_over", std::string(type), std::string(case_id), b, a});
                  }};
  for (const auto& hook : hooks) out.handed_over += hook(s, h);
  return out;
}

ImportOutcome import_units(soci::session& s, std::string_view text, const audit::Recorder& rec) {
  ImportOutcome out;
  auto parsed = parse_csv(text);
  if (parsed.error) return {0, {{parsed.error->line, parsed.error->message_id}}};
  if (!parsed.table) return {0, {{1, "directory.csv.unit_header"}}};  // parse_csv gives a table or an error
  const CsvTable& table = *parsed.table;
  auto cols = columns(table.header, {"code", "name", "level", "parent_code", "valid_from", "valid_to"});
  if (!cols) return {0, {{1, "directory.csv.unit_header"}}};
  // Optional: files written before the remote flag (and most units) leave it out.
  auto remote_col = columns(table.header, {"remote"});
  auto units = list_units(s);
  for (const auto& row : table.rows) {
    auto f = [&](int i) { return trimmed(row.fields[(*cols)[i]]); };
    auto level = parse_level(f(2));
    auto remote = remote_col ? parse_remote(trimmed(row.fields[(*remote_col)[0]])) : std::optional<bool>(false);
    if (!level) out.problems.push_back({row.line, "directory.error.level"});
    if (!remote) out.problems.push_back({row.line, "directory.error.remote"});
    if (!level || !remote) continue;
    AdminUnit u{0, f(0), f(1), *level, std::nullopt, f(4), std::nullopt, std::nullopt, *remote};
    if (!f(5).empty()) u.valid_to = f(5);
    std::string parent_code = f(3);
    if (!parent_code.empty()) {
      auto parent = unit_by_code(units, parent_code, u.valid_from, false);
      u.parent_id = parent ? parent->id : -1;  // -1: named but not found
    }
    Outcome o = create_unit(s, u, !parent_code.empty(), false, rec);
    add_row_problems(out.problems, row.line, o.problems);
    if (!o.problems.empty()) continue;
    ++out.created;
    u.id = o.id;
    units.push_back(u);
  }
  return out;
}

ImportOutcome import_agencies(soci::session& s, std::string_view text, std::string_view today, const Scope& scope,
                              const audit::Recorder& rec) {
  ImportOutcome out;
  auto parsed = parse_csv(text);
  if (parsed.error) return {0, {{parsed.error->line, parsed.error->message_id}}};
  if (!parsed.table) return {0, {{1, "directory.csv.agency_header"}}};  // parse_csv gives a table or an error
  const CsvTable& table = *parsed.table;
  auto cols = columns(table.header, {"code", "name", "kind", "admin_unit_code", "parent_code", "active"});
  if (!cols) return {0, {{1, "directory.csv.agency_header"}}};
  // Optional: files written before agencies had a period of validity leave them out.
  auto validity = columns(table.header, {"valid_from", "valid_to", "successor_code"});
  auto units = list_units(s);
  for (const auto& row : table.rows) {
    auto f = [&](int i) { return trimmed(row.fields[(*cols)[i]]); };
    auto v = [&](int i) { return validity ? trimmed(row.fields[(*validity)[i]]) : std::string(); };
    auto kind = parse_kind(f(2));
    std::string active = f(5);
    if (!kind) out.problems.push_back({row.line, "directory.error.kind"});
    if (active != "true" && active != "false" && !active.empty())
      out.problems.push_back({row.line, "directory.error.active"});
    if (!kind || (active != "true" && active != "false" && !active.empty())) continue;
    auto unit = unit_by_code(units, f(3), today, true);
    Agency a{0, f(0), f(1), *kind, unit ? unit->id : -1, std::nullopt, active != "false"};
    if (!v(0).empty()) a.valid_from = v(0);
    std::string parent_code = f(4);
    if (!parent_code.empty()) a.parent_id = agency_id_by_code(s, parent_code).value_or(-1);
    std::vector<Problem> ending;
    if (!v(1).empty() || !v(2).empty()) {
      auto successor = v(2).empty() ? std::nullopt : agency_id_by_code(s, v(2));
      auto found = successor ? find_agency(s, *successor) : std::nullopt;
      ending = check_end(a, v(1), found ? &*found : nullptr, today);
      auto denied = check_end_scope(scope, nullptr, found ? std::optional(found->id) : std::nullopt);
      ending.insert(ending.end(), denied.begin(), denied.end());
      a.valid_to = v(1);
      if (found) a.successor_id = found->id;
    }
    if (!ending.empty()) {
      add_row_problems(out.problems, row.line, ending);
      continue;
    }
    Outcome o = create_agency(s, a, !parent_code.empty(), scope, rec);
    add_row_problems(out.problems, row.line, o.problems);
    if (o.problems.empty()) ++out.created;
  }
  return out;
}

}  // namespace tinhso::directory
