#include "modules/procedures/catalogue_file.h"

#include <algorithm>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/util/csv.h"
#include "core/util/strings.h"

namespace tinhso::procedures {

namespace {

using nlohmann::json;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::size_t kMaxJsonDepth = 8;  // {"procedures": [{"documents": [{...}]}]} needs 5
constexpr std::size_t kMaxCellBytes = 64u << 10;

constexpr std::string_view kColumns[] = {"code",      "name",         "name_en",
                                         "field",     "level",        "agency_code",
                                         "desk_agency_code", "time_limit_working_days", "time_limit_unit", "fee_vnd",
                                         "fee_note",  "legal_basis",  "fully_online",
                                         "active",    "documents",    "steps",
                                         "fee_kind",  "conditions",   "receipt_place", "office_hours",
                                         "online_submission"};
constexpr std::string_view kRequired[] = {"code",  "name",          "field", "level", "agency_code", "desk_agency_code",
                                          "time_limit_working_days", "documents"};

std::string_view skip_bom_and_blanks(std::string_view text) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n'))
    text.remove_prefix(1);
  return text;
}

// Deepest nesting of [ and { outside strings; stops counting past `limit`.
std::size_t json_depth(std::string_view text, std::size_t limit) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

// Collects one record's problems, without repeats.
struct Problems {
  std::vector<Problem> list;
  void add(std::string field, std::string id) {
    Problem p{std::move(field), std::move(id)};
    if (std::find(list.begin(), list.end(), p) == list.end()) list.push_back(std::move(p));
  }
};

// Final checks shared by both formats, then the record joins `out` or its problems do.
void finish(CatalogueFile& out, const AgencyKnown& known, std::size_t row, Record r, Problems problems) {
  auto found = [&](const std::string& code) { return !code.empty() && (!known || known(code)); };
  for (auto& p : check_procedure(r.procedure, found(r.agency_code), found(r.desk_agency_code)))
    problems.add(p.field, p.message_id);
  if (problems.list.empty()) {
    out.records.push_back(std::move(r));
    out.rows.push_back(row);
    return;
  }
  std::vector<std::string> seen;  // one line per message: the form's field names do not show here
  for (auto& p : problems.list) {
    if (std::find(seen.begin(), seen.end(), p.message_id) != seen.end()) continue;
    seen.push_back(p.message_id);
    out.problems.push_back({row, r.procedure.code, std::move(p.message_id)});
  }
}

// ---- CSV ----

using Columns = std::map<std::string, std::size_t, std::less<>>;

// One CSV row as a record; what is wrong in it goes to `problems`. (A function of its own: the
// row loop with all these optionals makes clang-tidy's optional-access analysis run away.)
Record record_of_row(const Columns& column, const CsvRecord& row, Problems& problems) {
  auto cell = [&](std::string_view name) -> std::string {
    auto it = column.find(name);
    return it == column.end() ? std::string() : std::string(trim(unformula(row.fields[it->second])));
  };
  Record r;
  Procedure& p = r.procedure;
  p.code = cell("code");
  p.name = cell("name");
  p.name_en = cell("name_en");
  p.field = cell("field");
  auto level = parse_level(cell("level"));
  if (!level) problems.add("level", "procedures.error.level");
  p.level = level.value_or(Level::province);
  r.agency_code = cell("agency_code");
  r.desk_agency_code = cell("desk_agency_code");
  auto limit = parse_integer(cell("time_limit_working_days"), 0, kMaxTimeLimit);
  if (!limit) problems.add("time_limit", "procedures.error.time_limit");
  p.time_limit_working_days = static_cast<int>(limit.value_or(0));
  auto unit = parse_unit(cell("time_limit_unit"));
  if (!unit) problems.add("time_limit_unit", "procedures.error.time_limit_unit");
  p.time_limit_unit = unit.value_or(calendar::Unit::working_days);
  std::string fee_text = cell("fee_vnd");
  auto fee = fee_text.empty() ? std::optional<std::int64_t>(0) : parse_integer(fee_text, 0, kMaxFee);
  if (!fee) problems.add("fee_vnd", "procedures.error.fee");
  p.fee_vnd = fee.value_or(0);
  auto fee_kind = parse_fee_kind(cell("fee_kind"));
  if (!fee_kind) problems.add("fee_kind", "procedures.error.fee_kind");
  p.fee_kind = fee_kind.value_or(FeeKind::fixed);
  p.fee_note = cell("fee_note");
  p.legal_basis = cell("legal_basis");
  p.conditions = cell("conditions");
  p.receipt_place = cell("receipt_place");
  p.office_hours = cell("office_hours");
  auto online = parse_flag(cell("fully_online"), false);
  auto active = parse_flag(cell("active"), true);
  if (!online) problems.add("fully_online", "procedures.error.online");
  if (!active) problems.add("active", "procedures.error.active");
  p.fully_online = online.value_or(false);
  p.active = active.value_or(true);
  auto submission = parse_flag(cell("online_submission"), true);
  if (!submission) problems.add("online_submission", "procedures.error.online_submission_flag");
  p.online_submission = submission.value_or(true);
  p.documents = parse_documents(cell("documents"), problems.list);
  p.steps = parse_steps(cell("steps"), problems.list);
  return r;
}

void parse_csv_file(std::string_view text, const AgencyKnown& known, CatalogueFile& out) {
  CsvResult parsed = parse_csv(text, CsvLimits{.max_rows = 10000, .max_fields = 32, .max_field_bytes = kMaxCellBytes});
  if (parsed.error) {
    std::string id = parsed.error->message_id == "csv.field_too_long" ? "procedures.import.cell_too_long"
                                                                      : parsed.error->message_id;
    out.problems.push_back({parsed.error->line, "", id});
    return;
  }
  if (!parsed.table) return;  // parse_csv gives a table whenever it gives no error
  const CsvTable& table = *parsed.table;
  Columns column;
  const auto& header = table.header;
  for (std::size_t i = 0; i < header.size(); ++i) column.emplace(to_lower_ascii(trim(header[i])), i);
  for (auto name : kRequired)
    if (!column.count(name)) {
      out.problems.push_back({1, "", "procedures.import.csv_header"});
      return;
    }
  std::size_t count = 0;
  for (const auto& row : table.rows) {
    if (++count > kMaxImportRecords) {
      out.problems.push_back({row.line, "", "procedures.import.too_many"});
      return;
    }
    Problems problems;
    Record r = record_of_row(column, row, problems);
    finish(out, known, row.line, std::move(r), std::move(problems));
  }
}

// ---- JSON ----

std::optional<std::int64_t> integer_of(const json& v) {
  if (v.is_number_unsigned()) {
    auto u = v.get<std::uint64_t>();
    return u <= static_cast<std::uint64_t>(kMaxFee) ? std::optional<std::int64_t>(static_cast<std::int64_t>(u)) : std::nullopt;
  }
  if (v.is_number_integer()) return v.get<std::int64_t>();
  return std::nullopt;
}

// Reads the members of one JSON object; a member of the wrong type is a problem of its field.
struct Reader {
  const json& obj;
  Problems& problems;

  std::string text(const char* key, const char* field) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return {};
    if (!it->is_string()) {
      problems.add(field, "procedures.import.json_type");
      return {};
    }
    return std::string(trim(it->get_ref<const std::string&>()));
  }
  bool flag(const char* key, const char* field, bool fallback) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return fallback;
    if (!it->is_boolean()) {
      problems.add(field, "procedures.import.json_type");
      return fallback;
    }
    return it->get<bool>();
  }
  std::optional<std::int64_t> number(const char* key, const char* field, const char* message_id) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return std::nullopt;
    auto v = integer_of(*it);
    if (!v) problems.add(field, message_id);
    return v;
  }
  const json* list(const char* key, const char* field) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    if (!it->is_array()) {
      problems.add(field, "procedures.import.json_type");
      return nullptr;
    }
    return &*it;
  }
};

std::vector<RequiredDocument> documents_of(const json* list, Problems& problems) {
  std::vector<RequiredDocument> out;
  if (!list) return out;
  for (const auto& item : *list) {
    if (!item.is_object()) {
      problems.add("documents", "procedures.import.json_type");
      continue;
    }
    Reader r{item, problems};
    RequiredDocument d;
    d.position = static_cast<int>(out.size()) + 1;
    d.name = r.text("name", "documents");
    d.mandatory = r.flag("mandatory", "documents", true);
    d.template_url = r.text("template_url", "documents");
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<Step> steps_of(const json* list, Problems& problems) {
  std::vector<Step> out;
  if (!list) return out;
  for (const auto& item : *list) {
    if (!item.is_object()) {
      problems.add("steps", "procedures.import.json_type");
      continue;
    }
    Reader r{item, problems};
    Step s;
    s.position = static_cast<int>(out.size()) + 1;
    s.name = r.text("name", "steps");
    auto share = r.number("share_percent", "steps", "procedures.error.step_share");
    if (!share) problems.add("steps", "procedures.error.step_share");
    s.share_percent = static_cast<int>(std::clamp<std::int64_t>(share.value_or(0), -1, 101));
    out.push_back(std::move(s));
  }
  return out;
}

void parse_json_file(std::string_view text, const AgencyKnown& known, CatalogueFile& out) {
  out.format = FileFormat::json;
  if (json_depth(text, kMaxJsonDepth) > kMaxJsonDepth) {
    out.problems.push_back({0, "", "procedures.import.json_syntax"});
    return;
  }
  json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) {
    out.problems.push_back({0, "", "procedures.import.json_syntax"});
    return;
  }
  const json* list = &doc;
  if (doc.is_object()) {
    auto it = doc.find("procedures");
    list = it == doc.end() ? nullptr : &*it;
  }
  if (!list || !list->is_array()) {
    out.problems.push_back({0, "", "procedures.import.json_shape"});
    return;
  }
  if (list->size() > kMaxImportRecords) {
    out.problems.push_back({0, "", "procedures.import.too_many"});
    return;
  }
  std::size_t row = 0;
  for (const auto& item : *list) {
    ++row;
    if (!item.is_object()) {
      out.problems.push_back({row, "", "procedures.import.json_item"});
      continue;
    }
    Problems problems;
    Reader in{item, problems};
    Record r;
    Procedure& p = r.procedure;
    p.code = in.text("code", "code");
    p.name = in.text("name", "name");
    p.name_en = in.text("name_en", "name_en");
    p.field = in.text("field", "field");
    auto level = parse_level(in.text("level", "level"));
    if (!level) problems.add("level", "procedures.error.level");
    p.level = level.value_or(Level::province);
    r.agency_code = in.text("agency_code", "agency");
    r.desk_agency_code = in.text("desk_agency_code", "desk_agency");
    auto limit = in.number("time_limit_working_days", "time_limit", "procedures.error.time_limit");
    if (!limit) problems.add("time_limit", "procedures.error.time_limit");
    p.time_limit_working_days = static_cast<int>(std::clamp<std::int64_t>(limit.value_or(0), -1, kMaxTimeLimit + 1));
    auto unit = parse_unit(in.text("time_limit_unit", "time_limit_unit"));
    if (!unit) problems.add("time_limit_unit", "procedures.error.time_limit_unit");
    p.time_limit_unit = unit.value_or(calendar::Unit::working_days);
    p.fee_vnd = in.number("fee_vnd", "fee_vnd", "procedures.error.fee").value_or(0);
    auto fee_kind = parse_fee_kind(in.text("fee_kind", "fee_kind"));
    if (!fee_kind) problems.add("fee_kind", "procedures.error.fee_kind");
    p.fee_kind = fee_kind.value_or(FeeKind::fixed);
    p.fee_note = in.text("fee_note", "fee_note");
    p.legal_basis = in.text("legal_basis", "legal_basis");
    p.conditions = in.text("conditions", "conditions");
    p.receipt_place = in.text("receipt_place", "receipt_place");
    p.office_hours = in.text("office_hours", "office_hours");
    p.fully_online = in.flag("fully_online", "fully_online", false);
    p.online_submission = in.flag("online_submission", "online_submission", true);
    p.active = in.flag("active", "active", true);
    p.documents = documents_of(in.list("documents", "documents"), problems);
    p.steps = steps_of(in.list("steps", "steps"), problems);
    finish(out, known, row, std::move(r), std::move(problems));
  }
}

}  // namespace

CatalogueFile parse_catalogue(std::string_view text, const AgencyKnown& known) {
  CatalogueFile out;
  std::string_view body = skip_bom_and_blanks(text);
  if (body.empty()) {
    out.problems.push_back({0, "", "procedures.import.empty"});
    return out;
  }
  if (body.front() == '{' || body.front() == '[') parse_json_file(body, known, out);
  else parse_csv_file(text, known, out);
  std::map<std::string, std::size_t> first_row;
  for (std::size_t i = 0; i < out.records.size(); ++i)
    if (!first_row.emplace(out.records[i].procedure.code, out.rows[i]).second)
      out.problems.push_back({out.rows[i], out.records[i].procedure.code, "procedures.import.duplicate"});
  if (out.records.empty() && out.problems.empty()) out.problems.push_back({0, "", "procedures.import.empty"});
  std::stable_sort(out.problems.begin(), out.problems.end(), [](const auto& a, const auto& b) { return a.row < b.row; });
  if (!out.problems.empty()) {
    out.records.clear();
    out.rows.clear();
  }
  return out;
}

std::string catalogue_csv(const std::vector<Record>& records) {
  std::string out(kBom);
  for (std::size_t i = 0; i < std::size(kColumns); ++i) out += (i ? "," : "") + std::string(kColumns[i]);
  out += "\r\n";
  for (const auto& r : records) {
    const Procedure& p = r.procedure;
    const std::string cells[] = {p.code,
                                 p.name,
                                 p.name_en,
                                 p.field,
                                 std::string(level_name(p.level)),
                                 r.agency_code,
                                 r.desk_agency_code,
                                 std::to_string(p.time_limit_working_days),
                                 std::string(unit_name(p.time_limit_unit)),
                                 std::to_string(p.fee_vnd),
                                 p.fee_note,
                                 p.legal_basis,
                                 p.fully_online ? "true" : "false",
                                 p.active ? "true" : "false",
                                 format_documents(p.documents),
                                 format_steps(p.steps),
                                 std::string(fee_kind_name(p.fee_kind)),
                                 p.conditions,
                                 p.receipt_place,
                                 p.office_hours,
                                 p.online_submission ? "true" : "false"};
    for (std::size_t i = 0; i < std::size(cells); ++i) out += (i ? "," : "") + csv_field(cells[i]);
    out += "\r\n";
  }
  return out;
}

std::string catalogue_json(const std::vector<Record>& records) {
  json list = json::array();
  for (const auto& r : records) {
    const Procedure& p = r.procedure;
    json documents = json::array(), steps = json::array();
    for (const auto& d : p.documents)
      documents.push_back({{"name", d.name}, {"mandatory", d.mandatory}, {"template_url", d.template_url}});
    for (const auto& s : p.steps) steps.push_back({{"name", s.name}, {"share_percent", s.share_percent}});
    list.push_back({{"code", p.code},
                    {"name", p.name},
                    {"name_en", p.name_en},
                    {"field", p.field},
                    {"level", level_name(p.level)},
                    {"agency_code", r.agency_code},
                    {"desk_agency_code", r.desk_agency_code},
                    {"time_limit_working_days", p.time_limit_working_days},
                    {"time_limit_unit", unit_name(p.time_limit_unit)},
                    {"fee_kind", fee_kind_name(p.fee_kind)},
                    {"fee_vnd", p.fee_vnd},
                    {"fee_note", p.fee_note},
                    {"legal_basis", p.legal_basis},
                    {"conditions", p.conditions},
                    {"receipt_place", p.receipt_place},
                    {"office_hours", p.office_hours},
                    {"online_submission", p.online_submission},
                    {"fully_online", p.fully_online},
                    {"active", p.active},
                    {"documents", documents},
                    {"steps", steps}});
  }
  return json{{"procedures", list}}.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace tinhso::procedures
