// All SQL of the directory module. Nullable columns go through soci::indicator (SOCI 4.0.3 has
// no std::optional); ids are read into long long (SQLite's dynamic rows would give 32 bits).
#include "modules/directory/store.h"

#include <algorithm>
#include <utility>

#include "core/text/vietnamese.h"
#include "modules/directory/api.h"

namespace tinhso::directory {

namespace {

// Bind/fetch buffers for one admin_units row.
struct UnitRow {
  long long id = 0, parent = 0, successor = 0;
  int remote = 0;
  std::string code, name, level, from, to;
  soci::indicator parent_ind = soci::i_null, to_ind = soci::i_null, successor_ind = soci::i_null;

  AdminUnit get() const {
    AdminUnit u{id, code, name, parse_level(level).value_or(Level::commune), std::nullopt, from, std::nullopt,
                std::nullopt, remote != 0};
    if (parent_ind == soci::i_ok) u.parent_id = parent;
    if (to_ind == soci::i_ok) u.valid_to = to;
    if (successor_ind == soci::i_ok) u.successor_id = successor;
    return u;
  }
};

constexpr const char* kUnitColumns =
    "SELECT id, code, name, level, parent_id, valid_from, valid_to, successor_id, CASE WHEN remote THEN 1 ELSE 0 END"
    " FROM admin_units";

// A SELECT over kUnitColumns into `r`, with `key` bound to the one placeholder if given.
soci::statement unit_select(soci::session& s, const std::string& sql, UnitRow& r, long long* key = nullptr) {
  soci::details::prepare_temp_type p =
      (s.prepare << sql, soci::into(r.id), soci::into(r.code), soci::into(r.name), soci::into(r.level),
       soci::into(r.parent, r.parent_ind), soci::into(r.from), soci::into(r.to, r.to_ind),
       soci::into(r.successor, r.successor_ind), soci::into(r.remote));
  if (key) p, soci::use(*key);
  return p;
}

struct AgencyRow {
  long long id = 0, unit = 0, parent = 0, successor = 0;
  int active = 1;
  std::string code, name, kind, from, to;
  soci::indicator parent_ind = soci::i_null, from_ind = soci::i_null, to_ind = soci::i_null,
                  successor_ind = soci::i_null;

  Agency get() const {
    Agency a{id, code, name, parse_kind(kind).value_or(AgencyKind::other), unit, std::nullopt, active != 0};
    if (parent_ind == soci::i_ok) a.parent_id = parent;
    if (from_ind == soci::i_ok) a.valid_from = from;
    if (to_ind == soci::i_ok) a.valid_to = to;
    if (successor_ind == soci::i_ok) a.successor_id = successor;
    return a;
  }
};

constexpr const char* kAgencyColumns =
    "SELECT id, code, name, kind, admin_unit_id, parent_id, CASE WHEN active THEN 1 ELSE 0 END, valid_from,"
    " valid_to, successor_id FROM agencies";

soci::statement agency_select(soci::session& s, const std::string& sql, AgencyRow& r, long long* key = nullptr) {
  soci::details::prepare_temp_type p =
      (s.prepare << sql, soci::into(r.id), soci::into(r.code), soci::into(r.name), soci::into(r.kind),
       soci::into(r.unit), soci::into(r.parent, r.parent_ind), soci::into(r.active), soci::into(r.from, r.from_ind),
       soci::into(r.to, r.to_ind), soci::into(r.successor, r.successor_ind));
  if (key) p, soci::use(*key);
  return p;
}

// Optional value → bind value plus indicator.
template <class T>
soci::indicator ind(const std::optional<T>& v) {
  return v ? soci::i_ok : soci::i_null;
}

}  // namespace

std::vector<AdminUnit> list_units(soci::session& s) {
  UnitRow r;
  soci::statement st = unit_select(s, std::string(kUnitColumns) + " ORDER BY id", r);
  st.execute();
  std::vector<AdminUnit> out;
  while (st.fetch()) out.push_back(r.get());
  return out;
}

std::optional<AdminUnit> find_unit(soci::session& s, std::int64_t id) {
  UnitRow r;
  long long key = id;
  soci::statement st = unit_select(s, std::string(kUnitColumns) + " WHERE id = :id", r, &key);
  st.execute();
  if (!st.fetch()) return std::nullopt;
  return r.get();
}

std::optional<std::int64_t> unit_id(soci::session& s, const std::string& code, const std::string& valid_from) {
  long long id = 0;
  soci::indicator i = soci::i_null;
  s << "SELECT id FROM admin_units WHERE code = :c AND valid_from = :f", soci::use(code), soci::use(valid_from),
      soci::into(id, i);
  if (!s.got_data() || i != soci::i_ok) return std::nullopt;
  return id;
}

std::int64_t insert_unit(soci::session& s, const AdminUnit& u) {
  long long id = 0, parent = u.parent_id.value_or(0), successor = u.successor_id.value_or(0);
  std::string level(level_name(u.level)), to = u.valid_to.value_or("");
  int remote = u.remote ? 1 : 0;
  soci::indicator parent_ind = ind(u.parent_id), to_ind = ind(u.valid_to), successor_ind = ind(u.successor_id);
  s << "INSERT INTO admin_units (code, name, level, parent_id, valid_from, valid_to, successor_id, remote)"
       " VALUES (:code, :name, :level, :parent, :valid_from, :valid_to, :successor,"
       " CASE CAST(:remote AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END) RETURNING id",
      soci::use(u.code), soci::use(u.name), soci::use(level), soci::use(parent, parent_ind), soci::use(u.valid_from),
      soci::use(to, to_ind), soci::use(successor, successor_ind), soci::use(remote), soci::into(id);
  return id;
}

void update_unit(soci::session& s, const AdminUnit& u) {
  long long id = u.id, successor = u.successor_id.value_or(0);
  std::string to = u.valid_to.value_or("");
  int remote = u.remote ? 1 : 0;
  soci::indicator to_ind = ind(u.valid_to), successor_ind = ind(u.successor_id);
  s << "UPDATE admin_units SET name = :name, valid_to = :valid_to, successor_id = :successor,"
       " remote = CASE CAST(:remote AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END WHERE id = :id",
      soci::use(u.name), soci::use(to, to_ind), soci::use(successor, successor_ind), soci::use(remote), soci::use(id);
}

std::vector<Agency> list_agencies(soci::session& s) {
  AgencyRow r;
  soci::statement st = agency_select(s, std::string(kAgencyColumns) + " ORDER BY id", r);
  st.execute();
  std::vector<Agency> out;
  while (st.fetch()) out.push_back(r.get());
  return out;
}

std::optional<Agency> find_agency(soci::session& s, std::int64_t id) {
  AgencyRow r;
  long long key = id;
  soci::statement st = agency_select(s, std::string(kAgencyColumns) + " WHERE id = :id", r, &key);
  st.execute();
  if (!st.fetch()) return std::nullopt;
  return r.get();
}

std::int64_t insert_agency(soci::session& s, const Agency& a) {
  long long id = 0, unit = a.admin_unit_id, parent = a.parent_id.value_or(0), successor = a.successor_id.value_or(0);
  int active = a.active && !a.ended() ? 1 : 0;
  std::string kind(kind_name(a.kind)), from = a.valid_from.value_or(""), to = a.valid_to.value_or("");
  soci::indicator parent_ind = ind(a.parent_id), from_ind = ind(a.valid_from), to_ind = ind(a.valid_to),
                  successor_ind = ind(a.successor_id);
  s << "INSERT INTO agencies (code, name, kind, admin_unit_id, parent_id, active, valid_from, valid_to, successor_id)"
       " VALUES (:code, :name, :kind, :unit, :parent, CASE WHEN :active = 1 THEN TRUE ELSE FALSE END, :valid_from,"
       " :valid_to, :successor) RETURNING id",
      soci::use(a.code), soci::use(a.name), soci::use(kind), soci::use(unit), soci::use(parent, parent_ind),
      soci::use(active), soci::use(from, from_ind), soci::use(to, to_ind), soci::use(successor, successor_ind),
      soci::into(id);
  return id;
}

void update_agency(soci::session& s, const Agency& a) {
  long long id = a.id, unit = a.admin_unit_id, parent = a.parent_id.value_or(0);
  int active = a.active && !a.ended() ? 1 : 0;
  std::string kind(kind_name(a.kind)), from = a.valid_from.value_or("");
  soci::indicator parent_ind = ind(a.parent_id), from_ind = ind(a.valid_from);
  s << "UPDATE agencies SET name = :name, kind = :kind, admin_unit_id = :unit, parent_id = :parent,"
       " active = CASE WHEN :active = 1 THEN TRUE ELSE FALSE END, valid_from = :valid_from WHERE id = :id",
      soci::use(a.name), soci::use(kind), soci::use(unit), soci::use(parent, parent_ind), soci::use(active),
      soci::use(from, from_ind), soci::use(id);
}

void end_agency(soci::session& s, std::int64_t id, const std::string& valid_to, std::int64_t successor) {
  long long key = id, to = successor;
  s << "UPDATE agencies SET valid_to = :valid_to, successor_id = :successor, active = FALSE WHERE id = :id",
      soci::use(valid_to), soci::use(to), soci::use(key);
}

std::vector<UnitRef> active_units(soci::session& s, const std::string& date) {
  long long id = 0;
  int remote = 0;
  UnitRef u;
  std::string on = date;
  soci::statement st = (s.prepare << "SELECT id, code, name, CASE WHEN remote THEN 1 ELSE 0 END FROM admin_units"
                                     " WHERE valid_from <= :on_from AND (valid_to IS NULL OR valid_to >= :on_to)",
                        soci::use(on, "on_from"), soci::use(on, "on_to"), soci::into(id), soci::into(u.code),
                        soci::into(u.name), soci::into(remote));
  st.execute();
  std::vector<std::pair<std::string, UnitRef>> keyed;
  while (st.fetch()) {
    u.id = id;
    u.remote = remote != 0;
    keyed.emplace_back(text::sort_key_vi(u.name) + '\n' + u.code, u);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<UnitRef> out;
  out.reserve(keyed.size());
  for (auto& [k, v] : keyed) out.push_back(std::move(v));
  return out;
}

std::optional<UnitRef> find_active_unit(soci::session& s, std::int64_t id, const std::string& date) {
  auto u = find_unit(s, id);
  if (!u || !valid_on(*u, date)) return std::nullopt;
  return UnitRef{u->id, u->code, u->name, u->remote};
}

std::vector<std::int64_t> agency_scope(soci::session& s, std::int64_t agency_id) {
  // UNION (not UNION ALL) stops at agencies already seen, so a corrupt cycle cannot loop.
  long long root = agency_id, id = 0;
  soci::statement st = (s.prepare << "WITH RECURSIVE scope (id, depth) AS ("
                                     " SELECT id, 0 FROM agencies WHERE id = :root"
                                     " UNION SELECT a.id, scope.depth + 1 FROM agencies a"
                                     " JOIN scope ON a.parent_id = scope.id WHERE scope.depth < 64)"
                                     " SELECT id FROM scope GROUP BY id ORDER BY MIN(depth), id",
                        soci::use(root), soci::into(id));
  st.execute();
  std::vector<std::int64_t> out;
  while (st.fetch()) out.push_back(id);
  return out;
}

std::optional<AgencyName> agency_name(soci::session& s, std::int64_t agency_id) {
  long long id = agency_id;
  AgencyName out;
  s << "SELECT code, name FROM agencies WHERE id = :id", soci::use(id), soci::into(out.code), soci::into(out.name);
  if (!s.got_data()) return std::nullopt;
  return out;
}

PlaceNames agency_and_unit_names(soci::session& s, std::int64_t agency_id, std::int64_t unit_id) {
  long long agency = agency_id, unit = unit_id;
  PlaceNames out;
  s << "SELECT COALESCE((SELECT name FROM agencies WHERE id = :agency), ''),"
       " COALESCE((SELECT name FROM admin_units WHERE id = :unit), '')",
      soci::use(agency, "agency"), soci::use(unit, "unit"), soci::into(out.agency), soci::into(out.unit);
  return out;
}

namespace {

// The agencies `sql` selects as (id, code, name), in its order. `sql` is a constant of this file.
std::vector<AgencyRef> agency_refs(soci::session& s, const char* sql) {
  long long id = 0;
  AgencyRef a;
  soci::statement st = (s.prepare << sql, soci::into(id), soci::into(a.code), soci::into(a.name));
  st.execute();
  std::vector<AgencyRef> out;
  while (st.fetch()) {
    a.id = id;
    out.push_back(a);
  }
  return out;
}

}  // namespace

std::vector<AgencyRef> active_agencies(soci::session& s) {
  return agency_refs(s, "SELECT id, code, name FROM agencies WHERE active = TRUE AND valid_to IS NULL ORDER BY name, id");
}

std::vector<AgencyRef> all_agencies(soci::session& s) {
  return agency_refs(s, "SELECT id, code, name FROM agencies ORDER BY code");
}

std::optional<AgencyRef> find_active_agency(soci::session& s, std::int64_t id) {
  long long key = id;
  AgencyRef a;
  int active = 0;
  s << "SELECT code, name, CASE WHEN active AND valid_to IS NULL THEN 1 ELSE 0 END FROM agencies WHERE id = :id",
      soci::use(key, "id"),
      soci::into(a.code), soci::into(a.name), soci::into(active);
  if (!s.got_data() || !active) return std::nullopt;
  a.id = id;
  return a;
}

std::optional<std::int64_t> agency_id_by_code(soci::session& s, const std::string& code) {
  long long id = 0;
  soci::indicator i = soci::i_null;
  s << "SELECT id FROM agencies WHERE code = :code", soci::use(code), soci::into(id, i);
  if (!s.got_data() || i != soci::i_ok) return std::nullopt;
  return id;
}

std::optional<std::int64_t> receiving_agency_id_by_code(soci::session& s, const std::string& code) {
  long long id = 0;
  soci::indicator i = soci::i_null;
  s << "SELECT id FROM agencies WHERE code = :code AND active = TRUE AND valid_to IS NULL", soci::use(code),
      soci::into(id, i);
  if (!s.got_data() || i != soci::i_ok) return std::nullopt;
  return id;
}

}  // namespace tinhso::directory
