#include "modules/indicators/store.h"

namespace tinhso::indicators {

namespace {

constexpr const char* kIndicatorColumns =
    "SELECT id, code, name, name_en, definition, unit, unit_en, direction, frequency, aggregation,"
    " COALESCE(agency_id, 0), grp, legal_basis, source, numerator, denominator, scale, decimals, dashboard_rank,"
    " CASE WHEN is_public THEN 1 ELSE 0 END, note, CASE WHEN active THEN 1 ELSE 0 END, updated_at FROM indicators ";

struct IndicatorRow {
  Indicator i;
  long long id = 0, agency = 0;
  std::string direction, frequency, aggregation, group, source;
  int is_public = 0, active = 0;
  Indicator take() {
    i.id = id;
    i.agency_id = agency;
    i.direction = parse_direction(direction).value_or(Direction::higher);
    i.frequency = parse_frequency(frequency).value_or(Frequency::year);
    i.aggregation = parse_aggregation(aggregation).value_or(Aggregation::last);
    i.group = parse_group(group).value_or(Group::socioeconomic);
    i.computed = source == "computed";
    i.is_public = is_public != 0;
    i.active = active != 0;
    return i;
  }
};

template <class... Uses>
std::vector<Indicator> read_indicators(soci::session& s, const std::string& where, Uses&&... uses) {
  IndicatorRow r;
  auto prep = (s.prepare << std::string(kIndicatorColumns) + where);
  ((prep, std::forward<Uses>(uses)), ...);
  prep, soci::into(r.id),
       soci::into(r.i.code), soci::into(r.i.name), soci::into(r.i.name_en), soci::into(r.i.definition),
       soci::into(r.i.unit), soci::into(r.i.unit_en), soci::into(r.direction), soci::into(r.frequency),
       soci::into(r.aggregation), soci::into(r.agency), soci::into(r.group), soci::into(r.i.legal_basis),
       soci::into(r.source), soci::into(r.i.numerator), soci::into(r.i.denominator), soci::into(r.i.scale),
       soci::into(r.i.decimals), soci::into(r.i.dashboard_rank), soci::into(r.is_public), soci::into(r.i.note),
       soci::into(r.active), soci::into(r.i.updated_at);
  soci::statement st = prep;
  st.execute();
  std::vector<Indicator> out;
  while (st.fetch()) out.push_back(r.take());
  return out;
}

constexpr const char* kTargetColumns =
    "SELECT id, indicator_id, agency_id, year, kind, value, baseline_year, baseline_value, document, note, updated_at"
    " FROM indicator_targets ";

template <class... Uses>
std::vector<Target> read_targets(soci::session& s, const std::string& where, Uses&&... uses) {
  Target t;
  long long id = 0, indicator = 0, agency = 0;
  std::string kind;
  int baseline_year = 0;
  double baseline_value = 0;
  soci::indicator by_ind = soci::i_ok, bv_ind = soci::i_ok;
  auto prep = (s.prepare << std::string(kTargetColumns) + where);
  ((prep, std::forward<Uses>(uses)), ...);
  prep, soci::into(id), soci::into(indicator), soci::into(agency), soci::into(t.year), soci::into(kind),
                        soci::into(t.value), soci::into(baseline_year, by_ind), soci::into(baseline_value, bv_ind),
                        soci::into(t.document), soci::into(t.note), soci::into(t.updated_at);
  soci::statement st = prep;
  st.execute();
  std::vector<Target> out;
  while (st.fetch()) {
    t.id = id;
    t.indicator_id = indicator;
    t.agency_id = agency;
    t.milestone = kind == "milestone";
    t.baseline_year = by_ind == soci::i_null ? std::nullopt : std::optional<int>(baseline_year);
    t.baseline_value = bv_ind == soci::i_null ? std::nullopt : std::optional<double>(baseline_value);
    out.push_back(t);
  }
  return out;
}

constexpr const char* kValueColumns =
    "SELECT v.id, v.indicator_id, v.agency_id, v.period, v.version, v.value, v.source, v.reason, v.state, v.due_date,"
    " CASE WHEN v.late THEN 1 ELSE 0 END, COALESCE(v.entered_by, 0), COALESCE(e.full_name, ''), v.entered_at,"
    " COALESCE(v.decided_by, 0), COALESCE(d.full_name, ''), COALESCE(v.decided_at, ''), v.decision_note,"
    " v.file_name, v.file_type, v.file_size, v.file_sha256"
    " FROM indicator_values v LEFT JOIN accounts e ON e.id = v.entered_by LEFT JOIN accounts d ON d.id = v.decided_by ";

template <class... Uses>
std::vector<Value> read_values(soci::session& s, const std::string& where, Uses&&... uses) {
  Value v;
  long long id = 0, indicator = 0, agency = 0, entered = 0, decided = 0;
  std::string state;
  int late = 0;
  auto prep = (s.prepare << std::string(kValueColumns) + where);
  ((prep, std::forward<Uses>(uses)), ...);
  prep, soci::into(id),
       soci::into(indicator), soci::into(agency), soci::into(v.period), soci::into(v.version), soci::into(v.value),
       soci::into(v.source), soci::into(v.reason), soci::into(state), soci::into(v.due_date), soci::into(late),
       soci::into(entered), soci::into(v.entered_by_name), soci::into(v.entered_at), soci::into(decided),
       soci::into(v.decided_by_name), soci::into(v.decided_at), soci::into(v.decision_note), soci::into(v.file_name),
       soci::into(v.file_type), soci::into(v.file_size), soci::into(v.file_sha256);
  soci::statement st = prep;
  st.execute();
  std::vector<Value> out;
  while (st.fetch()) {
    v.id = id;
    v.indicator_id = indicator;
    v.agency_id = agency;
    v.entered_by = entered;
    v.decided_by = decided;
    v.state = parse_value_state(state).value_or(ValueState::submitted);
    v.late = late != 0;
    out.push_back(v);
  }
  return out;
}

}  // namespace

std::vector<Indicator> list_indicators(soci::session& s) { return read_indicators(s, "ORDER BY code"); }

std::optional<Indicator> find_indicator(soci::session& s, const std::string& code) {
  auto rows = read_indicators(s, "WHERE code = :code", soci::use(code, "code"));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Indicator> find_indicator_by_id(soci::session& s, std::int64_t id) {
  long long i = id;
  auto rows = read_indicators(s, "WHERE id = :id", soci::use(i, "id"));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::pair<std::int64_t, bool> upsert_indicator(soci::session& s, const Indicator& i) {
  std::string direction(direction_code(i.direction)), frequency(frequency_code(i.frequency)),
      aggregation(aggregation_code(i.aggregation)), group(group_code(i.group)),
      source(i.computed ? "computed" : "manual");
  long long agency = i.agency_id;
  soci::indicator agency_ind = i.agency_id ? soci::i_ok : soci::i_null;
  int is_public = i.is_public ? 1 : 0, active = i.active ? 1 : 0;
  long long id = 0;
  s << "SELECT id FROM indicators WHERE code = :code", soci::use(i.code, "code"), soci::into(id);
  const bool created = !s.got_data();
  const std::string values =
      " :name, :name_en, :definition, :unit, :unit_en, :direction, :frequency, :aggregation, :agency, :grp,"
      " :legal, :source, :num, :den, :scale, :decimals, :rank, CASE WHEN :public = 1 THEN TRUE ELSE FALSE END, :note,"
      " CASE WHEN :active = 1 THEN TRUE ELSE FALSE END, :at";
  if (created) {
    s << "INSERT INTO indicators (code, name, name_en, definition, unit, unit_en, direction, frequency, aggregation,"
         " agency_id, grp, legal_basis, source, numerator, denominator, scale, decimals, dashboard_rank, is_public, note,"
         " active, updated_at) VALUES (:code," + values + ") RETURNING id",
        soci::use(i.code, "code"), soci::use(i.name, "name"), soci::use(i.name_en, "name_en"),
        soci::use(i.definition, "definition"), soci::use(i.unit, "unit"), soci::use(i.unit_en, "unit_en"),
        soci::use(direction, "direction"), soci::use(frequency, "frequency"), soci::use(aggregation, "aggregation"),
        soci::use(agency, agency_ind, "agency"), soci::use(group, "grp"), soci::use(i.legal_basis, "legal"),
        soci::use(source, "source"), soci::use(i.numerator, "num"), soci::use(i.denominator, "den"),
        soci::use(i.scale, "scale"), soci::use(i.decimals, "decimals"), soci::use(i.dashboard_rank, "rank"),
        soci::use(is_public, "public"), soci::use(i.note, "note"), soci::use(active, "active"),
        soci::use(i.updated_at, "at"), soci::into(id);
  } else {
    s << "UPDATE indicators SET (name, name_en, definition, unit, unit_en, direction, frequency, aggregation,"
         " agency_id, grp, legal_basis, source, numerator, denominator, scale, decimals, dashboard_rank, is_public, note,"
         " active, updated_at) = (" + values + ") WHERE id = :id",
        soci::use(i.name, "name"), soci::use(i.name_en, "name_en"), soci::use(i.definition, "definition"),
        soci::use(i.unit, "unit"), soci::use(i.unit_en, "unit_en"), soci::use(direction, "direction"),
        soci::use(frequency, "frequency"), soci::use(aggregation, "aggregation"),
        soci::use(agency, agency_ind, "agency"), soci::use(group, "grp"), soci::use(i.legal_basis, "legal"),
        soci::use(source, "source"), soci::use(i.numerator, "num"), soci::use(i.denominator, "den"),
        soci::use(i.scale, "scale"), soci::use(i.decimals, "decimals"), soci::use(i.dashboard_rank, "rank"),
        soci::use(is_public, "public"), soci::use(i.note, "note"), soci::use(active, "active"),
        soci::use(i.updated_at, "at"), soci::use(id, "id");
  }
  return {id, created};
}


// A version `v` that is the approved value in force: approved, and no later approved version of
// the same indicator, unit and period.
constexpr const char* kApprovedInForce =
    "v.state = 'approved' AND NOT EXISTS (SELECT 1 FROM indicator_values n WHERE n.indicator_id = v.indicator_id"
    " AND n.agency_id = v.agency_id AND n.period = v.period AND n.state = 'approved' AND n.version > v.version)";

Catalogue load_catalogue(soci::session& s) {
  IndicatorRow r;
  Target t;
  long long tid = 0, tagency = 0;
  int tyear = 0, baseline_year = 0;
  double tvalue = 0, baseline_value = 0;
  std::string kind, document, tnote, tupdated;
  soci::indicator tid_ind = soci::i_ok, by_ind = soci::i_ok, bv_ind = soci::i_ok;
  // kIndicatorColumns qualified with "i", the indicators joined with their targets.
  const std::string select =
      "SELECT i.id, i.code, i.name, i.name_en, i.definition, i.unit, i.unit_en, i.direction, i.frequency,"
      " i.aggregation, COALESCE(i.agency_id, 0), i.grp, i.legal_basis, i.source, i.numerator, i.denominator, i.scale,"
      " i.decimals, i.dashboard_rank, CASE WHEN i.is_public THEN 1 ELSE 0 END, i.note,"
      " CASE WHEN i.active THEN 1 ELSE 0 END, i.updated_at";
  // Part 0: the indicators joined with their targets; part 1: the approved values in force, in the
  // target columns (id, agency, period in `kind`, value) — one statement for both.
  int part = 0;
  soci::statement st =
      (s.prepare << "SELECT 0, " + select.substr(7) +
                        ", COALESCE(t.id, 0), t.agency_id, t.year, t.kind, t.value, t.baseline_year,"
                        " t.baseline_value, t.document, t.note, t.updated_at FROM indicators i"
                        " LEFT JOIN indicator_targets t ON t.indicator_id = i.id"
                        " UNION ALL SELECT 1, v.indicator_id, '', '', '', '', '', '', '', '', '', 0, '', '', '', '', '',"
                        " 0, 0, 0, 0, '', 0, '', v.id, v.agency_id, 0, v.period, v.value, NULL, NULL, '', '', ''"
                        " FROM indicator_values v WHERE " + kApprovedInForce + " ORDER BY 1, 3, 2, 26, 27, 29",
       soci::into(part), soci::into(r.id), soci::into(r.i.code), soci::into(r.i.name), soci::into(r.i.name_en), soci::into(r.i.definition),
       soci::into(r.i.unit), soci::into(r.i.unit_en), soci::into(r.direction), soci::into(r.frequency),
       soci::into(r.aggregation), soci::into(r.agency), soci::into(r.group), soci::into(r.i.legal_basis),
       soci::into(r.source), soci::into(r.i.numerator), soci::into(r.i.denominator), soci::into(r.i.scale),
       soci::into(r.i.decimals), soci::into(r.i.dashboard_rank), soci::into(r.is_public), soci::into(r.i.note),
       soci::into(r.active), soci::into(r.i.updated_at), soci::into(tid, tid_ind), soci::into(tagency, tid_ind),
       soci::into(tyear, tid_ind), soci::into(kind, tid_ind), soci::into(tvalue, tid_ind),
       soci::into(baseline_year, by_ind), soci::into(baseline_value, bv_ind), soci::into(document, tid_ind),
       soci::into(tnote, tid_ind), soci::into(tupdated, tid_ind));
  st.execute();
  Catalogue c;
  while (st.fetch()) {
    if (part == 1) {
      Value v;
      v.id = tid;
      v.indicator_id = r.id;
      v.agency_id = tagency;
      v.period = kind;
      v.value = tvalue;
      v.state = ValueState::approved;
      c.approved.push_back(std::move(v));
      continue;
    }
    if (c.indicators.empty() || c.indicators.back().id != r.id) c.indicators.push_back(r.take());
    if (tid == 0) continue;
    t.id = tid;
    t.indicator_id = r.id;
    t.agency_id = tagency;
    t.year = tyear;
    t.milestone = kind == "milestone";
    t.value = tvalue;
    t.baseline_year = by_ind == soci::i_null ? std::nullopt : std::optional<int>(baseline_year);
    t.baseline_value = bv_ind == soci::i_null ? std::nullopt : std::optional<double>(baseline_value);
    t.document = document;
    t.note = tnote;
    t.updated_at = tupdated;
    c.targets.push_back(t);
  }
  return c;
}

std::vector<Target> targets_of(soci::session& s, std::int64_t indicator_id) {
  long long i = indicator_id;
  return read_targets(s, "WHERE indicator_id = :i ORDER BY agency_id, year", soci::use(i, "i"));
}

std::int64_t upsert_target(soci::session& s, const Target& t) {
  long long indicator = t.indicator_id, agency = t.agency_id, id = 0;
  std::string kind = t.milestone ? "milestone" : "target";
  int by = t.baseline_year.value_or(0);
  double bv = t.baseline_value.value_or(0);
  soci::indicator by_ind = t.baseline_year ? soci::i_ok : soci::i_null,
                  bv_ind = t.baseline_value ? soci::i_ok : soci::i_null;
  s << "DELETE FROM indicator_targets WHERE indicator_id = :i AND agency_id = :a AND year = :y",
      soci::use(indicator, "i"), soci::use(agency, "a"), soci::use(t.year, "y");
  s << "INSERT INTO indicator_targets (indicator_id, agency_id, year, kind, value, baseline_year, baseline_value,"
       " document, note, updated_at) VALUES (:i, :a, :y, :k, :v, :by, :bv, :doc, :note, :at) RETURNING id",
      soci::use(indicator, "i"), soci::use(agency, "a"), soci::use(t.year, "y"), soci::use(kind, "k"),
      soci::use(t.value, "v"), soci::use(by, by_ind, "by"), soci::use(bv, bv_ind, "bv"), soci::use(t.document, "doc"),
      soci::use(t.note, "note"), soci::use(t.updated_at, "at"), soci::into(id);
  return id;
}

std::vector<Value> approved_values(soci::session& s, std::int64_t indicator_id) {
  long long i = indicator_id;
  return read_values(s,
                     std::string("WHERE v.indicator_id = :i AND ") + kApprovedInForce +
                         " ORDER BY v.agency_id, v.period",
                     soci::use(i, "i"));
}

std::vector<Value> value_history(soci::session& s, std::int64_t indicator_id, int limit) {
  long long i = indicator_id;
  return read_values(s,
                     "WHERE v.indicator_id = :i ORDER BY v.period DESC, v.agency_id, v.version DESC LIMIT " +
                         std::to_string(limit),
                     soci::use(i, "i"));
}

std::vector<Value> pending_values(soci::session& s, const std::vector<std::int64_t>& indicators) {
  std::vector<Value> out;
  for (std::int64_t id : indicators) {
    long long i = id;
    auto rows = read_values(s, "WHERE v.indicator_id = :i AND v.state = 'submitted' ORDER BY v.period, v.agency_id",
                            soci::use(i, "i"));
    out.insert(out.end(), rows.begin(), rows.end());
  }
  return out;
}

std::optional<Value> find_value(soci::session& s, std::int64_t id) {
  long long i = id;
  auto rows = read_values(s, "WHERE v.id = :id", soci::use(i, "id"));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Value> latest_version(soci::session& s, std::int64_t indicator_id, std::int64_t agency,
                                    const std::string& period) {
  long long i = indicator_id, a = agency;
  auto rows = read_values(s, "WHERE v.indicator_id = :i AND v.agency_id = :a AND v.period = :p ORDER BY v.version DESC LIMIT 1",
                          soci::use(i, "i"), soci::use(a, "a"), soci::use(period, "p"));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<ValueFile> value_file(soci::session& s, std::int64_t id) {
  long long i = id;
  ValueFile f;
  s << "SELECT file_name, file_type, file_content FROM indicator_values WHERE id = :id AND file_name <> ''",
      soci::use(i, "id"), soci::into(f.name), soci::into(f.type), soci::into(f.content_base64);
  if (!s.got_data()) return std::nullopt;
  return f;
}

std::int64_t insert_value(soci::session& s, const Value& v, const std::string& file_content_base64) {
  long long indicator = v.indicator_id, agency = v.agency_id, by = v.entered_by, id = 0;
  std::string state(value_state_code(v.state));
  int late = v.late ? 1 : 0;
  s << "INSERT INTO indicator_values (indicator_id, agency_id, period, version, value, source, reason, state, due_date,"
       " late, entered_by, entered_at, file_name, file_type, file_size, file_sha256, file_content) VALUES (:i, :a, :p,"
       " :ver, :val, :src, :reason, :state, :due, CASE WHEN :late = 1 THEN TRUE ELSE FALSE END, NULLIF(:by, 0), :at, :fn, :ft,"
       " :fs, :sha, :content) RETURNING id",
      soci::use(indicator, "i"), soci::use(agency, "a"), soci::use(v.period, "p"), soci::use(v.version, "ver"),
      soci::use(v.value, "val"), soci::use(v.source, "src"), soci::use(v.reason, "reason"), soci::use(state, "state"),
      soci::use(v.due_date, "due"), soci::use(late, "late"), soci::use(by, "by"), soci::use(v.entered_at, "at"),
      soci::use(v.file_name, "fn"), soci::use(v.file_type, "ft"), soci::use(v.file_size, "fs"),
      soci::use(v.file_sha256, "sha"), soci::use(file_content_base64, "content"), soci::into(id);
  return id;
}

bool decide_value(soci::session& s, std::int64_t id, ValueState to, std::int64_t by, const std::string& at,
                  const std::string& note) {
  long long i = id, b = by;
  std::string state(value_state_code(to));
  soci::statement st = (s.prepare << "UPDATE indicator_values SET state = :state, decided_by = NULLIF(:by, 0), decided_at = :at,"
                                     " decision_note = :note WHERE id = :id AND state = 'submitted'",
                        soci::use(state, "state"), soci::use(b, "by"), soci::use(at, "at"), soci::use(note, "note"),
                        soci::use(i, "id"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void supersede_others(soci::session& s, std::int64_t indicator_id, std::int64_t agency, const std::string& period,
                      std::int64_t keep) {
  long long i = indicator_id, a = agency, k = keep;
  s << "UPDATE indicator_values SET state = 'superseded' WHERE indicator_id = :i AND agency_id = :a AND period = :p"
       " AND state = 'approved' AND id <> :k",
      soci::use(i, "i"), soci::use(a, "a"), soci::use(period, "p"), soci::use(k, "k");
}

}  // namespace tinhso::indicators
