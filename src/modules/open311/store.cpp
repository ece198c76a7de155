// The open311 store (store.h). Nullable columns are read through COALESCE or indicators and
// written through NULLIF, booleans as integers, so a row maps onto plain fields on both dialects.
#include "modules/open311/store.h"

#include <array>
#include <stdexcept>

#include "core/document/files.h"

namespace tinhso::open311 {

namespace {

constexpr const char* kServiceColumns =
    "SELECT s.id, s.code, s.name_vi, s.name_en, s.description_vi, s.description_en, s.keywords, s.group_vi,"
    " s.group_en, s.type, s.agency_id, CASE WHEN s.active THEN 1 ELSE 0 END, s.sort_order, s.updated_at,"
    " CASE WHEN EXISTS (SELECT 1 FROM open311_attributes a WHERE a.service_id = s.id) THEN 1 ELSE 0 END"
    " FROM open311_services s ";

struct ServiceRow {
  long long id = 0, agency = 0;
  int active = 1, has_attributes = 0;
  std::string type;
  ServiceRecord r;
  template <class Prepared>
  void bind(Prepared& q) {
    q, soci::into(id), soci::into(r.code), soci::into(r.name_vi), soci::into(r.name_en), soci::into(r.description_vi),
        soci::into(r.description_en), soci::into(r.keywords), soci::into(r.group_vi), soci::into(r.group_en),
        soci::into(type), soci::into(agency), soci::into(active), soci::into(r.sort_order), soci::into(r.updated_at),
        soci::into(has_attributes);
  }
  ServiceRecord get() const {
    ServiceRecord out = r;
    out.id = id;
    out.agency_id = agency;
    out.active = active != 0;
    out.has_attributes = has_attributes != 0;
    out.type = parse_service_type(type).value_or(ServiceType::realtime);
    return out;
  }
};

constexpr const char* kReportColumns =
    "SELECT r.id, r.token, r.service_id, COALESCE(r.petition_id, 0), r.api_key_id, r.lat, r.lon, r.address,"
    " r.address_id, r.media_url, r.device_id, r.account_id, r.description, r.attributes, r.first_name, r.last_name,"
    " r.email, r.phone, r.requested_at FROM open311_reports r ";

struct ReportRow {
  long long id = 0, service = 0, petition = 0, key = 0;
  double lat = 0, lon = 0;
  soci::indicator lat_ind = soci::i_null, lon_ind = soci::i_null;
  ReportRecord r;
  template <class Prepared>
  void bind(Prepared& q) {
    q, soci::into(id), soci::into(r.token), soci::into(service), soci::into(petition), soci::into(key),
        soci::into(lat, lat_ind), soci::into(lon, lon_ind), soci::into(r.address), soci::into(r.address_id),
        soci::into(r.media_url), soci::into(r.device_id), soci::into(r.account_id), soci::into(r.description),
        soci::into(r.attributes), soci::into(r.first_name), soci::into(r.last_name), soci::into(r.email),
        soci::into(r.phone), soci::into(r.requested_at);
  }
  ReportRecord get() const {
    ReportRecord out = r;
    out.id = id;
    out.service_id = service;
    out.petition_id = petition;
    out.api_key_id = key;
    out.lat = lat_ind == soci::i_ok ? std::optional<double>(lat) : std::nullopt;
    out.lon = lon_ind == soci::i_ok ? std::optional<double>(lon) : std::nullopt;
    return out;
  }
};

template <class Value>
std::optional<ReportRecord> find_report_by(soci::session& s, const std::string& where, const Value& value) {
  Value v = value;
  ReportRow row;
  auto q = (s.prepare << std::string(kReportColumns) + where, soci::use(v, "v"));
  row.bind(q);
  soci::statement st = q;
  st.execute();
  if (!st.fetch()) return std::nullopt;
  return row.get();
}

// The petition a report became, through the petitions module's read model (petitions/api.h);
// its outcome note is the request's status note.
constexpr const char* kRequestColumns =
    "SELECT p.code, p.state, s.code, s.name_vi, s.name_en, a.name, r.requested_at, p.updated_at,"
    " COALESCE(p.resolve_due, ''), r.address, r.address_id, r.media_url, r.description, r.lat, r.lon,"
    " p.outcome_note FROM open311_reports r JOIN channel_petitions p ON p.id = r.petition_id"
    " JOIN open311_services s ON s.id = r.service_id JOIN directory_agencies a ON a.id = p.agency_id ";

struct RequestBind {
  double lat = 0, lon = 0;
  soci::indicator lat_ind = soci::i_null, lon_ind = soci::i_null;
  RequestRow r;
  template <class Prepared>
  void bind(Prepared& q) {
    q, soci::into(r.code), soci::into(r.state), soci::into(r.service_code), soci::into(r.service_name_vi),
        soci::into(r.service_name_en), soci::into(r.agency_name), soci::into(r.requested_at), soci::into(r.updated_at),
        soci::into(r.resolve_due), soci::into(r.address), soci::into(r.address_id), soci::into(r.media_url),
        soci::into(r.description), soci::into(lat, lat_ind), soci::into(lon, lon_ind), soci::into(r.status_note);
  }
  RequestRow get() const {
    RequestRow out = r;
    out.lat = lat_ind == soci::i_ok ? std::optional<double>(lat) : std::nullopt;
    out.lon = lon_ind == soci::i_ok ? std::optional<double>(lon) : std::nullopt;
    return out;
  }
};

// The WHERE clause of a request search and the values it binds, in order (names p0, p1, ...).
struct Where {
  std::string sql;
  std::vector<std::string> values;
  void in(const std::string& column, const std::vector<std::string>& items) {
    sql += " AND " + column + " IN (";
    for (std::size_t i = 0; i < items.size(); ++i) {
      sql += (i ? ", :p" : ":p") + std::to_string(values.size());
      values.push_back(items[i]);
    }
    sql += ")";
  }
  void cmp(const std::string& column, const char* op, const std::string& value) {
    sql += " AND " + column + " " + op + " :p" + std::to_string(values.size());
    values.push_back(value);
  }
  template <class Prepared>
  void bind(Prepared& q) {
    for (std::size_t i = 0; i < values.size(); ++i) q, soci::use(values[i], "p" + std::to_string(i));
  }
};

Where request_where(const RequestSearch& q) {
  Where w;
  w.sql = "WHERE 1 = 1";
  if (!q.codes.empty()) {
    w.in("p.code", q.codes);
    return w;
  }
  if (!q.service_codes.empty()) w.in("s.code", q.service_codes);
  if (!q.from.empty()) w.cmp("r.requested_at", ">=", q.from);
  if (!q.to.empty()) w.cmp("r.requested_at", "<=", q.to);
  if (!q.states.empty()) w.in("p.state", q.states);
  return w;
}

}  // namespace

std::vector<ServiceRecord> list_services(soci::session& s, bool active_only) {
  ServiceRow row;
  auto q = (s.prepare << std::string(kServiceColumns) + (active_only ? "WHERE s.active = TRUE " : "") +
                             "ORDER BY s.sort_order, s.code");
  row.bind(q);
  soci::statement st = q;
  st.execute();
  std::vector<ServiceRecord> out;
  while (st.fetch()) out.push_back(row.get());
  return out;
}

std::optional<ServiceRecord> find_service(soci::session& s, const std::string& code) {
  std::string c = code;
  ServiceRow row;
  auto q = (s.prepare << std::string(kServiceColumns) + "WHERE s.code = :code", soci::use(c, "code"));
  row.bind(q);
  soci::statement st = q;
  st.execute();
  if (!st.fetch()) return std::nullopt;
  return row.get();
}

std::optional<ServiceRecord> find_service_by_id(soci::session& s, std::int64_t id) {
  long long v = id;
  ServiceRow row;
  auto q = (s.prepare << std::string(kServiceColumns) + "WHERE s.id = :id", soci::use(v, "id"));
  row.bind(q);
  soci::statement st = q;
  st.execute();
  if (!st.fetch()) return std::nullopt;
  return row.get();
}

std::vector<AttributeRecord> service_attributes(soci::session& s, std::int64_t service_id) {
  long long sid = service_id;
  // One statement: each attribute with its values (LEFT JOIN), in order.
  std::string code, datatype, dvi, den, ddvi, dden, key, nvi, nen;
  int required = 0, variable = 1;
  soci::indicator key_ind = soci::i_null, nvi_ind = soci::i_null, nen_ind = soci::i_null;
  soci::statement st =
      (s.prepare << "SELECT a.code, a.datatype, CASE WHEN a.required THEN 1 ELSE 0 END,"
                    " CASE WHEN a.variable THEN 1 ELSE 0 END, a.description_vi, a.description_en,"
                    " a.datatype_description_vi, a.datatype_description_en, v.value_key, v.name_vi, v.name_en"
                    " FROM open311_attributes a LEFT JOIN open311_attribute_values v ON v.attribute_id = a.id"
                    " WHERE a.service_id = :sid ORDER BY a.sort_order, a.id, v.sort_order, v.value_key",
       soci::use(sid, "sid"), soci::into(code), soci::into(datatype), soci::into(required), soci::into(variable),
       soci::into(dvi), soci::into(den), soci::into(ddvi), soci::into(dden), soci::into(key, key_ind),
       soci::into(nvi, nvi_ind), soci::into(nen, nen_ind));
  st.execute();
  std::vector<AttributeRecord> out;
  while (st.fetch()) {
    if (out.empty() || out.back().code != code) {
      AttributeRecord a;
      a.code = code;
      a.datatype = parse_datatype(datatype).value_or(Datatype::string);
      a.required = required != 0;
      a.variable = variable != 0;
      a.description_vi = dvi;
      a.description_en = den;
      a.datatype_description_vi = ddvi;
      a.datatype_description_en = dden;
      out.push_back(std::move(a));
    }
    if (key_ind == soci::i_ok)
      out.back().values.push_back({key, nvi_ind == soci::i_ok ? nvi : "", nen_ind == soci::i_ok ? nen : ""});
  }
  return out;
}

std::int64_t save_service(soci::session& s, const ServiceRecord& x, const std::vector<AttributeRecord>& attributes) {
  std::string code = x.code, type(service_type_name(x.type));
  long long agency = x.agency_id, id = 0;
  int active = x.active, order = x.sort_order;
  soci::indicator found = soci::i_null;
  s << "SELECT id FROM open311_services WHERE code = :code", soci::use(code, "code"), soci::into(id, found);
  ServiceRecord v = x;
  if (found == soci::i_ok) {
    s << "UPDATE open311_services SET name_vi = :nvi, name_en = :nen, description_vi = :dvi, description_en = :den,"
         " keywords = :kw, group_vi = :gvi, group_en = :gen, type = :type, agency_id = :agency,"
         " active = CASE CAST(:active AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END, sort_order = :ord,"
         " updated_at = :updated WHERE id = :id",
        soci::use(v.name_vi, "nvi"), soci::use(v.name_en, "nen"), soci::use(v.description_vi, "dvi"),
        soci::use(v.description_en, "den"), soci::use(v.keywords, "kw"), soci::use(v.group_vi, "gvi"),
        soci::use(v.group_en, "gen"), soci::use(type, "type"), soci::use(agency, "agency"), soci::use(active, "active"),
        soci::use(order, "ord"), soci::use(v.updated_at, "updated"), soci::use(id, "id");
    s << "DELETE FROM open311_attribute_values WHERE attribute_id IN"
         " (SELECT id FROM open311_attributes WHERE service_id = :id)",
        soci::use(id, "id");
    s << "DELETE FROM open311_attributes WHERE service_id = :id", soci::use(id, "id");
  } else {
    s << "INSERT INTO open311_services (code, name_vi, name_en, description_vi, description_en, keywords, group_vi,"
         " group_en, type, agency_id, active, sort_order, updated_at) VALUES (:code, :nvi, :nen, :dvi, :den, :kw,"
         " :gvi, :gen, :type, :agency, CASE CAST(:active AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END, :ord, :updated)"
         " RETURNING id",
        soci::use(code, "code"), soci::use(v.name_vi, "nvi"), soci::use(v.name_en, "nen"),
        soci::use(v.description_vi, "dvi"), soci::use(v.description_en, "den"), soci::use(v.keywords, "kw"),
        soci::use(v.group_vi, "gvi"), soci::use(v.group_en, "gen"), soci::use(type, "type"), soci::use(agency, "agency"),
        soci::use(active, "active"), soci::use(order, "ord"), soci::use(v.updated_at, "updated"), soci::into(id);
  }
  int a_order = 0;
  for (AttributeRecord a : attributes) {
    std::string datatype(datatype_name(a.datatype));
    int required = a.required, variable = a.variable;
    long long aid = 0;
    ++a_order;
    s << "INSERT INTO open311_attributes (service_id, code, datatype, required, variable, description_vi,"
         " description_en, datatype_description_vi, datatype_description_en, sort_order) VALUES (:sid, :code, :dt,"
         " CASE CAST(:req AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END,"
         " CASE CAST(:var AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END, :dvi, :den, :ddvi, :dden, :ord) RETURNING id",
        soci::use(id, "sid"), soci::use(a.code, "code"), soci::use(datatype, "dt"), soci::use(required, "req"),
        soci::use(variable, "var"), soci::use(a.description_vi, "dvi"), soci::use(a.description_en, "den"),
        soci::use(a.datatype_description_vi, "ddvi"), soci::use(a.datatype_description_en, "dden"),
        soci::use(a_order, "ord"), soci::into(aid);
    int v_order = 0;
    for (ValueRecord val : a.values) {
      ++v_order;
      s << "INSERT INTO open311_attribute_values (attribute_id, value_key, name_vi, name_en, sort_order)"
           " VALUES (:aid, :k, :nvi, :nen, :ord)",
          soci::use(aid, "aid"), soci::use(val.key, "k"), soci::use(val.name_vi, "nvi"), soci::use(val.name_en, "nen"),
          soci::use(v_order, "ord");
    }
  }
  return id;
}

// ---- API keys ----

namespace {
constexpr const char* kKeyColumns =
    "SELECT id, name, key_prefix, created_at, COALESCE(revoked_at, ''), COALESCE(created_by, 0) FROM open311_api_keys ";

template <class Value>
std::vector<ApiKey> keys_where(soci::session& s, const std::string& where, const Value* value) {
  long long id = 0, by = 0;
  ApiKey k;
  Value v = value ? *value : Value{};
  auto q = (s.prepare << std::string(kKeyColumns) + where);
  if (value) q, soci::use(v, "v");
  q, soci::into(id), soci::into(k.name), soci::into(k.prefix), soci::into(k.created_at), soci::into(k.revoked_at),
      soci::into(by);
  soci::statement st = q;
  st.execute();
  std::vector<ApiKey> out;
  while (st.fetch()) {
    k.id = id;
    k.created_by = by;
    out.push_back(k);
  }
  return out;
}
}  // namespace

std::int64_t insert_api_key(soci::session& s, const std::string& name, const std::string& key_hash,
                            const std::string& prefix, const std::string& now, std::int64_t created_by) {
  std::string n = name, h = key_hash, p = prefix, t = now;
  long long by = created_by, id = 0;
  s << "INSERT INTO open311_api_keys (name, key_hash, key_prefix, created_at, created_by)"
       " VALUES (:name, :hash, :prefix, :at, NULLIF(:by, 0)) RETURNING id",
      soci::use(n, "name"), soci::use(h, "hash"), soci::use(p, "prefix"), soci::use(t, "at"), soci::use(by, "by"),
      soci::into(id);
  return id;
}

std::optional<ApiKey> find_api_key_by_hash(soci::session& s, const std::string& key_hash) {
  auto found = keys_where(s, "WHERE key_hash = :v", &key_hash);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<ApiKey> find_api_key(soci::session& s, std::int64_t id) {
  long long v = id;
  auto found = keys_where(s, "WHERE id = :v", &v);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<ApiKey> list_api_keys(soci::session& s) {
  const std::string web(kWebFormKeyHash);
  return keys_where(s, "WHERE key_hash <> :v ORDER BY revoked_at IS NOT NULL, created_at DESC, id DESC", &web);
}

bool revoke_api_key(soci::session& s, std::int64_t id, const std::string& now, std::int64_t by) {
  long long v = id, b = by;
  std::string t = now, web(kWebFormKeyHash);
  soci::statement st = (s.prepare << "UPDATE open311_api_keys SET revoked_at = :at, revoked_by = NULLIF(:by, 0)"
                                     " WHERE id = :id AND revoked_at IS NULL AND key_hash <> :web",
                        soci::use(t, "at"), soci::use(b, "by"), soci::use(v, "id"), soci::use(web, "web"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::int64_t web_form_key_id(soci::session& s) {
  std::string h(kWebFormKeyHash);
  long long id = 0;
  s << "SELECT id FROM open311_api_keys WHERE key_hash = :h", soci::use(h, "h"), soci::into(id);
  if (id == 0) throw std::runtime_error("open311: the web form's key row (migration 005) is missing");
  return id;
}

int count_post(soci::session& s, std::int64_t key_id, const std::string& minute) {
  long long k = key_id;
  std::string m = minute;
  int posts = 0;
  s << "INSERT INTO open311_key_usage (minute, key_id, posts) VALUES (:m, :k, 1)"
       " ON CONFLICT (minute, key_id) DO UPDATE SET posts = open311_key_usage.posts + 1 RETURNING posts",
      soci::use(m, "m"), soci::use(k, "k"), soci::into(posts);
  return posts;
}

void prune_key_usage(soci::session& s, const std::string& minute) {
  std::string m = minute;
  s << "DELETE FROM open311_key_usage WHERE minute < :m", soci::use(m, "m");
}

// ---- Reports ----

std::int64_t insert_report(soci::session& s, const ReportRecord& x) {
  ReportRecord r = x;
  long long service = r.service_id, key = r.api_key_id, petition = r.petition_id, id = 0;
  double lat = r.lat.value_or(0), lon = r.lon.value_or(0);
  soci::indicator lat_ind = r.lat ? soci::i_ok : soci::i_null, lon_ind = r.lon ? soci::i_ok : soci::i_null;
  s << "INSERT INTO open311_reports (token, service_id, petition_id, api_key_id, lat, lon, address, address_id,"
       " media_url, device_id, account_id, description, attributes, first_name, last_name, email, phone, requested_at)"
       " VALUES (:token, :service, NULLIF(:petition, 0), :key, :lat, :lon, :address, :address_id, :media, :device,"
       " :account, :description, :attributes, :first_name, :last_name, :email, :phone, :at) RETURNING id",
      soci::use(r.token, "token"), soci::use(service, "service"), soci::use(petition, "petition"),
      soci::use(key, "key"), soci::use(lat, lat_ind, "lat"), soci::use(lon, lon_ind, "lon"),
      soci::use(r.address, "address"), soci::use(r.address_id, "address_id"), soci::use(r.media_url, "media"),
      soci::use(r.device_id, "device"), soci::use(r.account_id, "account"), soci::use(r.description, "description"),
      soci::use(r.attributes, "attributes"), soci::use(r.first_name, "first_name"), soci::use(r.last_name, "last_name"),
      soci::use(r.email, "email"), soci::use(r.phone, "phone"), soci::use(r.requested_at, "at"), soci::into(id);
  return id;
}

bool attach_petition(soci::session& s, std::int64_t report_id, std::int64_t petition_id) {
  long long r = report_id, p = petition_id;
  soci::statement st =
      (s.prepare << "UPDATE open311_reports SET petition_id = :p, first_name = '', last_name = '', email = '',"
                    " phone = '' WHERE id = :r AND petition_id IS NULL",
       soci::use(p, "p"), soci::use(r, "r"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<ReportRecord> find_report_by_token(soci::session& s, const std::string& token) {
  return find_report_by(s, "WHERE r.token = :v", token);
}

std::optional<ReportRecord> find_report_by_code(soci::session& s, const std::string& code) {
  return find_report_by(s, "JOIN channel_petitions p ON p.id = r.petition_id WHERE p.code = :v", code);
}

std::string petition_code(soci::session& s, std::int64_t petition_id) {
  long long id = petition_id;
  std::string code;
  soci::indicator ind = soci::i_null;
  s << "SELECT code FROM channel_petitions WHERE id = :id", soci::use(id, "id"), soci::into(code, ind);
  return ind == soci::i_ok ? code : std::string();
}

std::vector<ReportRecord> pending_reports(soci::session& s, int limit) {
  int n = limit;
  ReportRow row;
  auto q = (s.prepare << std::string(kReportColumns) + "WHERE r.petition_id IS NULL ORDER BY r.id LIMIT :n",
            soci::use(n, "n"));
  row.bind(q);
  soci::statement st = q;
  st.execute();
  std::vector<ReportRecord> out;
  while (st.fetch()) out.push_back(row.get());
  return out;
}

// ---- Photos ----

void insert_photo(soci::session& s, const PhotoRecord& x) {
  PhotoRecord p = x;
  long long report = p.report_id, size = static_cast<long long>(p.bytes.size());
  std::string content = document::to_base64(p.bytes);
  s << "INSERT INTO open311_photos (name, report_id, content_type, size, sha256, content, created_at)"
       " VALUES (:name, :report, :type, :size, :sha, :content, :at)",
      soci::use(p.name, "name"), soci::use(report, "report"), soci::use(p.content_type, "type"),
      soci::use(size, "size"), soci::use(p.sha256, "sha"), soci::use(content, "content"),
      soci::use(p.created_at, "at");
}

std::optional<PhotoRecord> find_photo(soci::session& s, const std::string& name) {
  std::string n = name, content;
  PhotoRecord p;
  long long report = 0;
  soci::indicator ind = soci::i_null;
  s << "SELECT report_id, content_type, sha256, content, created_at FROM open311_photos WHERE name = :n",
      soci::use(n, "n"), soci::into(report, ind), soci::into(p.content_type), soci::into(p.sha256),
      soci::into(content), soci::into(p.created_at);
  if (ind != soci::i_ok) return std::nullopt;
  auto bytes = document::from_base64(content);
  if (!bytes) throw std::runtime_error("open311 photo " + name + " has malformed content");
  p.name = name;
  p.report_id = report;
  p.bytes = std::move(*bytes);
  return p;
}

int count_form_post(soci::session& s, const std::string& bucket, const std::string& hour) {
  std::string b = bucket, h = hour;
  int posts = 0;
  s << "INSERT INTO open311_form_usage (hour, bucket, posts) VALUES (:h, :b, 1)"
       " ON CONFLICT (hour, bucket) DO UPDATE SET posts = open311_form_usage.posts + 1 RETURNING posts",
      soci::use(h, "h"), soci::use(b, "b"), soci::into(posts);
  return posts;
}

void prune_form_usage(soci::session& s, const std::string& hour) {
  std::string h = hour;
  s << "DELETE FROM open311_form_usage WHERE hour < :h", soci::use(h, "h");
}

// ---- Requests ----

std::vector<RequestRow> search_requests(soci::session& s, const RequestSearch& search) {
  Where w = request_where(search);
  int limit = search.limit, offset = search.offset;
  RequestBind row;
  auto q = (s.prepare << std::string(kRequestColumns) + w.sql +
                             " ORDER BY r.requested_at DESC, r.id DESC LIMIT :limit OFFSET :offset");
  w.bind(q);
  q, soci::use(limit, "limit"), soci::use(offset, "offset");
  row.bind(q);
  soci::statement st = q;
  st.execute();
  std::vector<RequestRow> out;
  while (st.fetch()) out.push_back(row.get());
  return out;
}

std::int64_t count_requests(soci::session& s, const RequestSearch& search) {
  Where w = request_where(search);
  long long n = 0;
  auto q = (s.prepare << "SELECT COUNT(*) FROM open311_reports r JOIN channel_petitions p ON p.id = r.petition_id"
                         " JOIN open311_services s ON s.id = r.service_id " +
                             w.sql);
  w.bind(q);
  q, soci::into(n);
  soci::statement st = q;
  st.execute(true);
  return n;
}

std::int64_t answer_version(soci::session& s) {
  long long v = 0;
  s << "SELECT o.version + COALESCE((SELECT v.version FROM channel_petition_versions v WHERE v.channel = 'open311'), 0)"
       " FROM open311_state o WHERE o.id = 1",
      soci::into(v);
  return v;
}

// ---- Updates ----

std::vector<UpdateRow> list_updates(soci::session& s, const std::string& from, const std::string& to, int limit) {
  Where w;
  w.sql = "WHERE 1 = 1";
  if (!from.empty()) w.cmp("e.at", ">=", from);
  if (!to.empty()) w.cmp("e.at", "<=", to);
  int n = limit;
  long long id = 0;
  UpdateRow u;
  auto q = (s.prepare << "SELECT e.id, e.code, e.action, e.to_state, e.note, e.at FROM channel_petition_events e"
                         " JOIN open311_reports r ON r.petition_id = e.petition_id " +
                             w.sql + " ORDER BY e.at, e.id LIMIT :n");
  w.bind(q);
  q, soci::use(n, "n"), soci::into(id), soci::into(u.code), soci::into(u.action), soci::into(u.to_state),
      soci::into(u.note), soci::into(u.at);
  soci::statement st = q;
  st.execute();
  std::vector<UpdateRow> out;
  while (st.fetch()) {
    u.event_id = id;
    out.push_back(u);
  }
  return out;
}

std::vector<UpdateRow> updates_of_request(soci::session& s, const std::string& code, int limit) {
  std::string c = code;
  int n = limit;
  long long id = 0;
  UpdateRow u;
  soci::statement st =
      (s.prepare << "SELECT e.id, e.code, e.action, e.to_state, e.note, e.at FROM channel_petition_events e"
                    " JOIN open311_reports r ON r.petition_id = e.petition_id WHERE e.code = :c"
                    " ORDER BY e.at, e.id LIMIT :n",
       soci::use(c, "c"), soci::use(n, "n"), soci::into(id), soci::into(u.code), soci::into(u.action),
       soci::into(u.to_state), soci::into(u.note), soci::into(u.at));
  st.execute();
  std::vector<UpdateRow> out;
  while (st.fetch()) {
    u.event_id = id;
    out.push_back(u);
  }
  return out;
}

std::int64_t insert_client_update(soci::session& s, const ClientUpdate& x) {
  ClientUpdate u = x;
  long long report = u.report_id, key = u.api_key_id, id = 0;
  s << "INSERT INTO open311_client_updates (report_id, api_key_id, client_update_id, status, description, media_url,"
       " updated_at, created_at) VALUES (:report, :key, :cid, :status, :description, :media, :updated, :created)"
       " RETURNING id",
      soci::use(report, "report"), soci::use(key, "key"), soci::use(u.client_update_id, "cid"),
      soci::use(u.status, "status"), soci::use(u.description, "description"), soci::use(u.media_url, "media"),
      soci::use(u.updated_at, "updated"), soci::use(u.created_at, "created"), soci::into(id);
  return id;
}

std::vector<ClientUpdate> client_updates_of(soci::session& s, std::int64_t report_id) {
  long long r = report_id, key = 0;
  ClientUpdate u;
  soci::statement st =
      (s.prepare << "SELECT api_key_id, client_update_id, status, description, media_url, updated_at, created_at"
                    " FROM open311_client_updates WHERE report_id = :r ORDER BY id",
       soci::use(r, "r"), soci::into(key), soci::into(u.client_update_id), soci::into(u.status),
       soci::into(u.description), soci::into(u.media_url), soci::into(u.updated_at), soci::into(u.created_at));
  st.execute();
  std::vector<ClientUpdate> out;
  while (st.fetch()) {
    u.report_id = report_id;
    u.api_key_id = key;
    out.push_back(u);
  }
  return out;
}

}  // namespace tinhso::open311
