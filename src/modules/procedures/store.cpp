// All SQL of the procedures module. Booleans are read as CASE ... 1/0 into int and written with
// CASE WHEN :x = 1 (SQLite stores 1/0, PostgreSQL BOOLEAN); ids are read into long long.
#include "modules/procedures/store.h"

#include <map>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

#include "core/db/prepared.h"
#include "core/text/vietnamese.h"
#include "core/util/strings.h"

namespace tinhso::procedures {

namespace {

constexpr std::size_t kMaxSearchWords = 8;

constexpr const char* kDetailSelect =
    "SELECT p.id, p.code, p.name, p.name_en, p.field, p.level, p.agency_id, p.desk_agency_id,"
    " p.time_limit_working_days, p.time_limit_unit, p.legal_basis, p.fee_vnd, p.fee_note,"
    " CASE WHEN p.fully_online THEN 1 ELSE 0 END, CASE WHEN p.active THEN 1 ELSE 0 END,"
    " a.code, a.name, d.code, d.name, p.fee_kind, p.conditions, p.receipt_place, p.office_hours,"
    " CASE WHEN p.online_submission THEN 1 ELSE 0 END"
    " FROM procedures p JOIN directory_agencies a ON a.id = p.agency_id JOIN directory_agencies d ON d.id = p.desk_agency_id";

struct DetailRow {
  long long id = 0, agency = 0, desk = 0, fee = 0;
  int limit = 0, online = 0, active = 1, submission = 1;
  std::string unit;
  std::string code, name, name_en, field, level, legal_basis, fee_note, agency_code, agency_name, desk_code, desk_name;
  std::string fee_kind, conditions, receipt_place, office_hours;

  Detail get() const {
    Detail d;
    Procedure& p = d.record.procedure;
    p.id = id;
    p.code = code;
    p.name = name;
    p.name_en = name_en;
    p.field = field;
    p.level = parse_level(level).value_or(Level::province);
    p.agency_id = agency;
    p.desk_agency_id = desk;
    p.time_limit_working_days = limit;
    p.time_limit_unit = parse_unit(unit).value_or(calendar::Unit::working_days);
    p.legal_basis = legal_basis;
    p.fee_vnd = fee;
    p.fee_note = fee_note;
    p.fee_kind = parse_fee_kind(fee_kind).value_or(FeeKind::fixed);
    p.conditions = conditions;
    p.receipt_place = receipt_place;
    p.office_hours = office_hours;
    p.online_submission = submission != 0;
    p.fully_online = online != 0;
    p.active = active != 0;
    d.record.agency_code = agency_code;
    d.record.desk_agency_code = desk_code;
    d.agency_name = agency_name;
    d.desk_agency_name = desk_name;
    return d;
  }
};

// The detail SELECT (+ `tail`) into `r`, with `key` bound to its one placeholder if given.
template <class Key>
soci::statement detail_select(soci::session& s, const std::string& tail, DetailRow& r, Key* key) {
  soci::details::prepare_temp_type p =
      (s.prepare << std::string(kDetailSelect) + tail, soci::into(r.id), soci::into(r.code), soci::into(r.name),
       soci::into(r.name_en), soci::into(r.field), soci::into(r.level), soci::into(r.agency), soci::into(r.desk),
       soci::into(r.limit), soci::into(r.unit), soci::into(r.legal_basis), soci::into(r.fee), soci::into(r.fee_note),
       soci::into(r.online), soci::into(r.active), soci::into(r.agency_code), soci::into(r.agency_name),
       soci::into(r.desk_code), soci::into(r.desk_name), soci::into(r.fee_kind), soci::into(r.conditions),
       soci::into(r.receipt_place), soci::into(r.office_hours), soci::into(r.submission));
  if (key) p, soci::use(*key, "key");
  return p;
}

// Documents and steps of the procedures `where` selects (keyed by procedure id), in order.
template <class Key>
void load_items(soci::session& s, const std::string& where, Key* key, std::map<long long, Detail*>& by_id) {
  {
    long long pid = 0, id = 0;
    int position = 0, mandatory = 1;
    std::string name, url;
    soci::details::prepare_temp_type p =
        (s.prepare << "SELECT d.procedure_id, d.id, d.position, d.name, CASE WHEN d.mandatory THEN 1 ELSE 0 END,"
                      " d.template_url FROM procedure_documents d" + where + " ORDER BY d.procedure_id, d.position",
         soci::into(pid), soci::into(id), soci::into(position), soci::into(name), soci::into(mandatory), soci::into(url));
    if (key) p, soci::use(*key, "key");
    soci::statement st = p;
    st.execute();
    while (st.fetch())
      if (auto it = by_id.find(pid); it != by_id.end())
        it->second->record.procedure.documents.push_back({id, position, name, mandatory != 0, url});
  }
  long long pid = 0, id = 0;
  int position = 0, share = 0;
  std::string name;
  soci::details::prepare_temp_type p =
      (s.prepare << "SELECT d.procedure_id, d.id, d.position, d.name, d.share_percent FROM procedure_steps d" + where +
                        " ORDER BY d.procedure_id, d.position",
       soci::into(pid), soci::into(id), soci::into(position), soci::into(name), soci::into(share));
  if (key) p, soci::use(*key, "key");
  soci::statement st = p;
  st.execute();
  while (st.fetch())
    if (auto it = by_id.find(pid); it != by_id.end()) it->second->record.procedure.steps.push_back({id, position, name, share});
}

// One procedure by code or id, and its documents and steps by its id: prepared once per pooled
// connection (core/db/prepared.h; issue 15 §7 — a dossier submission reads its procedure by code).
template <class Key>
struct DetailBy : db::Prepared {
  Key key{};
  DetailRow row;
  DetailBy(soci::session& s, const char* where) { prepare(detail_select(s, where, row, &key)); }
};
struct DetailByCode : DetailBy<std::string> {
  explicit DetailByCode(soci::session& s) : DetailBy(s, " WHERE p.code = :key") {}
};
struct DetailById : DetailBy<long long> {
  explicit DetailById(soci::session& s) : DetailBy(s, " WHERE p.id = :key") {}
};
struct DocumentsOf : db::Prepared {
  long long key = 0, id = 0;
  int position = 0, mandatory = 1;
  std::string name, url;
  explicit DocumentsOf(soci::session& s) {
    prepare((s.prepare << "SELECT d.id, d.position, d.name, CASE WHEN d.mandatory THEN 1 ELSE 0 END, d.template_url"
                          " FROM procedure_documents d WHERE d.procedure_id = :key ORDER BY d.position",
             soci::use(key, "key"), soci::into(id), soci::into(position), soci::into(name), soci::into(mandatory),
             soci::into(url)));
  }
};
struct StepsOf : db::Prepared {
  long long key = 0, id = 0;
  int position = 0, share = 0;
  std::string name;
  explicit StepsOf(soci::session& s) {
    prepare((s.prepare << "SELECT d.id, d.position, d.name, d.share_percent FROM procedure_steps d"
                          " WHERE d.procedure_id = :key ORDER BY d.position",
             soci::use(key, "key"), soci::into(id), soci::into(position), soci::into(name), soci::into(share)));
  }
};

void load_items_of(soci::session& s, long long id, Procedure& p) {
  {
    auto q = db::prepared<DocumentsOf>(s);
    q->key = id;
    for (bool row = q.execute(true); row; row = q.fetch())
      p.documents.push_back({q->id, q->position, q->name, q->mandatory != 0, q->url});
  }
  auto q = db::prepared<StepsOf>(s);
  q->key = id;
  for (bool row = q.execute(true); row; row = q.fetch()) p.steps.push_back({q->id, q->position, q->name, q->share});
}

template <class Query, class Key>
std::optional<Detail> load_one(soci::session& s, const Key& key) {
  Detail d;
  {
    auto q = db::prepared<Query>(s);
    q->key = key;
    if (!q.execute(true)) return std::nullopt;
    d = q->row.get();
  }
  load_items_of(s, d.record.procedure.id, d.record.procedure);
  return d;
}

// The words of a search, folded, with LIKE's wildcards escaped, as "%word%" patterns.
std::vector<std::string> search_patterns(const std::string& q) {
  std::vector<std::string> out;
  std::string folded = text::fold(q);
  for (auto word : split(folded, ' ')) {
    if (word.empty() || out.size() == kMaxSearchWords) continue;
    std::string pattern = "%";
    for (char c : word) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    out.push_back(pattern + "%");
  }
  return out;
}

// Hex of the Vietnamese sort key: only [0-9a-f], so any collation orders it bytewise.
std::string sort_column(const std::string& name) { return hex_encode(text::sort_key_vi(name)); }

std::string search_column(const Procedure& p) {
  return text::fold(p.code + " " + p.name + " " + p.name_en + " " + p.field);
}

void insert_items(soci::session& s, long long id, const Procedure& p) {
  for (const auto& d : p.documents) {
    int mandatory = d.mandatory ? 1 : 0;
    s << "INSERT INTO procedure_documents (procedure_id, position, name, mandatory, template_url)"
         " VALUES (:pid, :pos, :name, CASE WHEN :m = 1 THEN TRUE ELSE FALSE END, :url)",
        soci::use(id, "pid"), soci::use(d.position, "pos"), soci::use(d.name, "name"), soci::use(mandatory, "m"),
        soci::use(d.template_url, "url");
  }
  for (const auto& st : p.steps)
    s << "INSERT INTO procedure_steps (procedure_id, position, name, share_percent) VALUES (:pid, :pos, :name, :share)",
        soci::use(id, "pid"), soci::use(st.position, "pos"), soci::use(st.name, "name"),
        soci::use(st.share_percent, "share");
}

void delete_items(soci::session& s, long long id) {
  s << "DELETE FROM procedure_documents WHERE procedure_id = :id", soci::use(id, "id");
  s << "DELETE FROM procedure_steps WHERE procedure_id = :id", soci::use(id, "id");
}

}  // namespace

std::optional<Detail> load_by_code(soci::session& s, const std::string& code) { return load_one<DetailByCode>(s, code); }

std::optional<Detail> load_by_id(soci::session& s, std::int64_t id) {
  return load_one<DetailById>(s, static_cast<long long>(id));
}

std::vector<Detail> load_all(soci::session& s) {
  DetailRow r;
  soci::statement st = detail_select<long long>(s, " ORDER BY p.name_sort, p.code", r, nullptr);
  st.execute();
  std::vector<Detail> out;
  while (st.fetch()) out.push_back(r.get());
  std::map<long long, Detail*> by_id;
  for (auto& d : out) by_id.emplace(d.record.procedure.id, &d);
  load_items<long long>(s, "", nullptr, by_id);
  return out;
}

Found search(soci::session& s, const Search& q) {
  std::vector<std::pair<std::string, std::string>> params;  // name → value, bound by name
  std::string where = " WHERE 1 = 1";
  if (!q.include_inactive) where += " AND p.active";
  auto patterns = search_patterns(q.q);
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    std::string name = "w" + std::to_string(i);
    where += " AND p.search_folded LIKE :" + name + " ESCAPE '\\'";
    params.emplace_back(name, patterns[i]);
  }
  if (!q.field.empty()) {
    where += " AND p.field = :field";
    params.emplace_back("field", q.field);
  }
  if (q.level) {
    where += " AND p.level = :level";
    params.emplace_back("level", std::string(level_name(*q.level)));
  }
  if (!q.agency_code.empty()) {
    where += " AND a.code = :agency";
    params.emplace_back("agency", q.agency_code);
  }
  const std::string from = " FROM procedures p JOIN directory_agencies a ON a.id = p.agency_id";
  auto bind = [&](soci::details::prepare_temp_type& p) {
    for (auto& [name, value] : params) p, soci::use(value, name);
  };

  Found out;
  {
    long long total = 0;
    soci::details::prepare_temp_type p = (s.prepare << "SELECT COUNT(*)" + from + where, soci::into(total));
    bind(p);
    soci::statement st = p;
    st.execute(true);
    out.total = total;
  }
  long long limit = q.per_page, offset = static_cast<long long>(q.page - 1) * q.per_page;
  Listed r;
  std::string level, unit, fee_kind;
  int online = 0, active = 1;
  long long fee = 0;
  soci::details::prepare_temp_type p =
      (s.prepare << "SELECT p.code, p.name, p.name_en, p.field, p.level, a.code, a.name, p.time_limit_working_days, p.time_limit_unit,"
                    " p.fee_vnd, p.fee_note, CASE WHEN p.fully_online THEN 1 ELSE 0 END,"
                    " CASE WHEN p.active THEN 1 ELSE 0 END, p.fee_kind" + from + where +
                        " ORDER BY p.name_sort, p.code LIMIT :limit OFFSET :offset",
       soci::into(r.code), soci::into(r.name), soci::into(r.name_en), soci::into(r.field), soci::into(level),
       soci::into(r.agency_code), soci::into(r.agency_name), soci::into(r.time_limit_working_days), soci::into(unit), soci::into(fee),
       soci::into(r.fee_note), soci::into(online), soci::into(active), soci::into(fee_kind));
  bind(p);
  p, soci::use(limit, "limit"), soci::use(offset, "offset");
  soci::statement st = p;
  st.execute();
  while (st.fetch()) {
    r.level = parse_level(level).value_or(Level::province);
    r.time_limit_unit = parse_unit(unit).value_or(calendar::Unit::working_days);
    r.fee_vnd = fee;
    r.fee_kind = parse_fee_kind(fee_kind).value_or(FeeKind::fixed);
    r.fully_online = online != 0;
    r.active = active != 0;
    out.items.push_back(r);
  }
  return out;
}

Facets facets(soci::session& s, bool include_inactive) {
  std::string active = include_inactive ? "" : " WHERE p.active";
  std::string kind, value, label;
  soci::statement st =
      (s.prepare << "SELECT 'field', p.field, '' FROM procedures p" + active +
                        " UNION SELECT 'agency', a.code, a.name FROM procedures p JOIN directory_agencies a ON a.id = p.agency_id" +
                        active,
       soci::into(kind), soci::into(value), soci::into(label));
  st.execute();
  Facets out;
  while (st.fetch()) {
    if (kind == "field") out.fields.push_back(value);
    else out.agencies.emplace_back(value, label);
  }
  return out;
}

std::vector<AgencyChoice> agency_choices(soci::session& s) {
  AgencyChoice c;
  long long id = 0;
  soci::statement st =
      (s.prepare << "SELECT id, code, name FROM directory_agencies WHERE active ORDER BY code", soci::into(id), soci::into(c.code),
       soci::into(c.name));
  st.execute();
  std::vector<AgencyChoice> out;
  while (st.fetch()) {
    c.id = id;
    out.push_back(c);
  }
  return out;
}

std::int64_t insert_procedure(soci::session& s, const Procedure& p, const std::string& at, const std::string& by) {
  long long id = 0, agency = p.agency_id, desk = p.desk_agency_id, fee = p.fee_vnd;
  int online = p.fully_online ? 1 : 0, active = p.active ? 1 : 0, submission = p.online_submission ? 1 : 0;
  std::string level(level_name(p.level)), folded = search_column(p), sort = sort_column(p.name),
      unit(unit_name(p.time_limit_unit)), fee_kind(fee_kind_name(p.fee_kind));
  s << "INSERT INTO procedures (code, name, name_en, field, level, agency_id, desk_agency_id,"
       " time_limit_working_days, time_limit_unit, legal_basis, fee_vnd, fee_note, fully_online, active, search_folded, name_sort,"
       " updated_at, updated_by, fee_kind, conditions, receipt_place, office_hours, online_submission)"
       " VALUES (:code, :name, :name_en, :field, :level, :agency, :desk, :limit, :unit, :legal,"
       " :fee, :fee_note, CASE WHEN :online = 1 THEN TRUE ELSE FALSE END, CASE WHEN :active = 1 THEN TRUE ELSE FALSE END,"
       " :folded, :sort, :at, :by, :fee_kind, :conditions, :place, :hours,"
       " CASE WHEN :submission = 1 THEN TRUE ELSE FALSE END) RETURNING id",
      soci::use(p.code, "code"), soci::use(p.name, "name"), soci::use(p.name_en, "name_en"), soci::use(p.field, "field"),
      soci::use(level, "level"), soci::use(agency, "agency"), soci::use(desk, "desk"),
      soci::use(p.time_limit_working_days, "limit"), soci::use(unit, "unit"), soci::use(p.legal_basis, "legal"),
      soci::use(fee, "fee"),
      soci::use(p.fee_note, "fee_note"), soci::use(online, "online"), soci::use(active, "active"),
      soci::use(folded, "folded"), soci::use(sort, "sort"), soci::use(at, "at"), soci::use(by, "by"),
      soci::use(fee_kind, "fee_kind"), soci::use(p.conditions, "conditions"), soci::use(p.receipt_place, "place"),
      soci::use(p.office_hours, "hours"), soci::use(submission, "submission"), soci::into(id);
  insert_items(s, id, p);
  return id;
}

void update_procedure(soci::session& s, const Procedure& p, const std::string& at, const std::string& by) {
  long long id = p.id, agency = p.agency_id, desk = p.desk_agency_id, fee = p.fee_vnd;
  int online = p.fully_online ? 1 : 0, active = p.active ? 1 : 0, submission = p.online_submission ? 1 : 0;
  std::string level(level_name(p.level)), folded = search_column(p), sort = sort_column(p.name),
      unit(unit_name(p.time_limit_unit)), fee_kind(fee_kind_name(p.fee_kind));
  s << "UPDATE procedures SET name = :name, name_en = :name_en, field = :field, level = :level, agency_id = :agency,"
       " desk_agency_id = :desk, time_limit_working_days = :limit, time_limit_unit = :unit,"
       " legal_basis = :legal, fee_vnd = :fee,"
       " fee_note = :fee_note, fully_online = CASE WHEN :online = 1 THEN TRUE ELSE FALSE END,"
       " active = CASE WHEN :active = 1 THEN TRUE ELSE FALSE END, search_folded = :folded, name_sort = :sort,"
       " updated_at = :at, updated_by = :by, fee_kind = :fee_kind, conditions = :conditions, receipt_place = :place,"
       " office_hours = :hours, online_submission = CASE WHEN :submission = 1 THEN TRUE ELSE FALSE END WHERE id = :id",
      soci::use(p.name, "name"), soci::use(p.name_en, "name_en"), soci::use(p.field, "field"), soci::use(level, "level"),
      soci::use(agency, "agency"), soci::use(desk, "desk"), soci::use(p.time_limit_working_days, "limit"),
      soci::use(unit, "unit"), soci::use(p.legal_basis, "legal"), soci::use(fee, "fee"), soci::use(p.fee_note, "fee_note"),
      soci::use(online, "online"), soci::use(active, "active"), soci::use(folded, "folded"), soci::use(sort, "sort"),
      soci::use(at, "at"), soci::use(by, "by"), soci::use(fee_kind, "fee_kind"), soci::use(p.conditions, "conditions"),
      soci::use(p.receipt_place, "place"), soci::use(p.office_hours, "hours"), soci::use(submission, "submission"),
      soci::use(id, "id");
  delete_items(s, id);
  insert_items(s, id, p);
  // A template belongs to a document position: positions the procedure no longer has lose theirs.
  long long count = static_cast<long long>(p.documents.size());
  s << "DELETE FROM procedure_forms WHERE procedure_id = :id AND position > :n", soci::use(id, "id"), soci::use(count, "n");
}

void set_procedure_active(soci::session& s, std::int64_t id, bool active, const std::string& at, const std::string& by) {
  long long key = id;
  int flag = active ? 1 : 0;
  s << "UPDATE procedures SET active = CASE WHEN :active = 1 THEN TRUE ELSE FALSE END, updated_at = :at,"
       " updated_by = :by WHERE id = :id",
      soci::use(flag, "active"), soci::use(at, "at"), soci::use(by, "by"), soci::use(key, "id");
}

void delete_procedure(soci::session& s, std::int64_t id) {
  long long key = id;
  s << "DELETE FROM procedure_forms WHERE procedure_id = :id", soci::use(key, "id");
  delete_items(s, key);
  s << "DELETE FROM procedures WHERE id = :id", soci::use(key, "id");
}

bool is_reference_violation(const soci::soci_error& e) {
  // SQLite reports every constraint as SQLITE_CONSTRAINT unless extended codes are on; its
  // messages are fixed English text, so the message tells a foreign key from the others.
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e))
    return (lite->result() & 0xff) == SQLITE_CONSTRAINT &&
           std::string_view(e.what()).find("FOREIGN KEY constraint failed") != std::string_view::npos;
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) return pg->sqlstate() == "23503";
  return false;
}

std::optional<ProcedureName> load_name(soci::session& s, std::int64_t id) {
  long long v = id;
  ProcedureName n;
  soci::indicator ind = soci::i_null;
  s << "SELECT code, name, name_en FROM procedures WHERE id = :id", soci::use(v, "id"), soci::into(n.code, ind),
      soci::into(n.name), soci::into(n.name_en);
  if (!s.got_data() || ind != soci::i_ok) return std::nullopt;
  return n;
}

// ---- form templates ----

namespace {

constexpr const char* kFormColumns = "position, file_name, content_type, size, sha256, uploaded_at, uploaded_by";

struct FormRow {
  int position = 0;
  long long size = 0;
  std::string file_name, content_type, sha256, uploaded_at, uploaded_by;
  FormInfo get() const {
    return FormInfo{position, file_name, content_type, static_cast<std::uint64_t>(size), sha256, uploaded_at, uploaded_by};
  }
};

}  // namespace

std::vector<FormInfo> list_forms(soci::session& s, std::int64_t procedure_id) {
  long long key = procedure_id;
  FormRow r;
  soci::statement st = (s.prepare << std::string("SELECT ") + kFormColumns +
                                         " FROM procedure_forms WHERE procedure_id = :id ORDER BY position",
                        soci::use(key, "id"), soci::into(r.position), soci::into(r.file_name), soci::into(r.content_type),
                        soci::into(r.size), soci::into(r.sha256), soci::into(r.uploaded_at), soci::into(r.uploaded_by));
  st.execute();
  std::vector<FormInfo> out;
  while (st.fetch()) out.push_back(r.get());
  return out;
}

std::optional<FormFile> load_form(soci::session& s, std::int64_t procedure_id, int position) {
  long long key = procedure_id;
  FormRow r;
  std::string content;
  soci::indicator ind = soci::i_null;
  s << std::string("SELECT ") + kFormColumns + ", content_base64 FROM procedure_forms WHERE procedure_id = :id AND position = :pos",
      soci::use(key, "id"), soci::use(position, "pos"), soci::into(r.position, ind), soci::into(r.file_name),
      soci::into(r.content_type), soci::into(r.size), soci::into(r.sha256), soci::into(r.uploaded_at),
      soci::into(r.uploaded_by), soci::into(content);
  if (!s.got_data() || ind != soci::i_ok) return std::nullopt;
  return FormFile{r.get(), std::move(content)};
}

void put_form(soci::session& s, std::int64_t procedure_id, const FormInfo& info, const std::string& content_base64) {
  long long key = procedure_id, size = static_cast<long long>(info.size);
  s << "DELETE FROM procedure_forms WHERE procedure_id = :id AND position = :pos", soci::use(key, "id"),
      soci::use(info.position, "pos");
  s << "INSERT INTO procedure_forms (procedure_id, position, file_name, content_type, size, sha256, content_base64,"
       " uploaded_at, uploaded_by) VALUES (:id, :pos, :name, :type, :size, :sha, :content, :at, :by)",
      soci::use(key, "id"), soci::use(info.position, "pos"), soci::use(info.file_name, "name"),
      soci::use(info.content_type, "type"), soci::use(size, "size"), soci::use(info.sha256, "sha"),
      soci::use(content_base64, "content"), soci::use(info.uploaded_at, "at"), soci::use(info.uploaded_by, "by");
}

void delete_form(soci::session& s, std::int64_t procedure_id, int position) {
  long long key = procedure_id;
  s << "DELETE FROM procedure_forms WHERE procedure_id = :id AND position = :pos", soci::use(key, "id"),
      soci::use(position, "pos");
}

}  // namespace tinhso::procedures
