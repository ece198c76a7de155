#include "modules/open311/services_file.h"

#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "modules/directory/api.h"
#include "modules/open311/fields.h"

namespace tinhso::open311 {

namespace {

using nlohmann::json;

[[noreturn]] void bad(const std::string& where, const std::string& why) { throw std::invalid_argument(where + ": " + why); }

std::string str(const json& o, const char* key, const std::string& where, bool required, std::size_t max = 4000) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) {
    if (required) bad(where + "." + key, "required");
    return {};
  }
  if (!it->is_string()) bad(where + "." + key, "must be a string");
  std::string v = it->get<std::string>();
  if (required && v.empty()) bad(where + "." + key, "must not be empty");
  if (auto p = text_problem(v, max, TextKind::multiline)) bad(where + "." + key, *p);
  return v;
}

bool flag(const json& o, const char* key, bool fallback, const std::string& where) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) bad(where + "." + key, "must be true or false");
  return it->get<bool>();
}

std::string code_of(const json& o, const std::string& where, bool attribute) {
  std::string c = str(o, "code", where, true, kMaxCode);
  if (c.size() > kMaxCode) bad(where + ".code", "longer than 64 bytes");
  for (char ch : c)
    if (ch == ' ' || ch == '/' || ch == '?' || ch == '#' || ch == '.' || (attribute && (ch == '[' || ch == ']')))
      bad(where + ".code", "may not hold spaces, '/', '?', '#', '.'" + std::string(attribute ? ", '[' or ']'" : ""));
  return c;
}

}  // namespace

std::vector<ServiceEntry> parse_services_file(std::string_view text) {
  json root = json::parse(text, nullptr, false);
  if (root.is_discarded()) bad("file", "not valid JSON");
  if (!root.is_object() || !root.contains("services") || !root["services"].is_array())
    bad("file", "must be an object with a \"services\" array");
  std::vector<ServiceEntry> out;
  std::set<std::string> codes;
  int i = 0;
  for (const json& o : root["services"]) {
    std::string where = "services[" + std::to_string(i++) + "]";
    if (!o.is_object()) bad(where, "must be an object");
    ServiceEntry e;
    e.service.code = code_of(o, where, false);
    if (!codes.insert(e.service.code).second) bad(where + ".code", "used twice");
    e.agency_code = str(o, "agency", where, true, 64);
    std::string type = str(o, "type", where, false, 16);
    if (!type.empty()) {
      auto t = parse_service_type(type);
      if (!t) bad(where + ".type", "must be realtime, batch or blackbox");
      e.service.type = *t;
    }
    e.service.name_vi = str(o, "name_vi", where, true, 200);
    e.service.name_en = str(o, "name_en", where, true, 200);
    e.service.description_vi = str(o, "description_vi", where, false);
    e.service.description_en = str(o, "description_en", where, false);
    e.service.group_vi = str(o, "group_vi", where, false, 100);
    e.service.group_en = str(o, "group_en", where, false, 100);
    e.service.keywords = str(o, "keywords", where, false, 500);
    e.service.active = flag(o, "active", true, where);
    e.service.sort_order = i;
    std::set<std::string> attribute_codes;
    int j = 0;
    if (o.contains("attributes")) {
      if (!o["attributes"].is_array()) bad(where + ".attributes", "must be an array");
      for (const json& a : o["attributes"]) {
        std::string aw = where + ".attributes[" + std::to_string(j++) + "]";
        if (!a.is_object()) bad(aw, "must be an object");
        AttributeRecord r;
        r.code = code_of(a, aw, true);
        if (!attribute_codes.insert(r.code).second) bad(aw + ".code", "used twice");
        auto dt = parse_datatype(str(a, "datatype", aw, true, 32));
        if (!dt) bad(aw + ".datatype", "unknown datatype");
        r.datatype = *dt;
        r.required = flag(a, "required", false, aw);
        r.variable = flag(a, "variable", true, aw);
        r.description_vi = str(a, "description_vi", aw, true, 1000);
        r.description_en = str(a, "description_en", aw, true, 1000);
        r.datatype_description_vi = str(a, "datatype_description_vi", aw, false, 500);
        r.datatype_description_en = str(a, "datatype_description_en", aw, false, 500);
        if (a.contains("values")) {
          if (!a["values"].is_array()) bad(aw + ".values", "must be an array");
          std::set<std::string> keys;
          for (const json& v : a["values"]) {
            if (!v.is_array() || v.size() != 3 || !v[0].is_string() || !v[1].is_string() || !v[2].is_string())
              bad(aw + ".values", "each value must be [key, name_vi, name_en]");
            ValueRecord val{v[0].get<std::string>(), v[1].get<std::string>(), v[2].get<std::string>()};
            if (val.key.empty() || val.key.size() > kMaxCode || !keys.insert(val.key).second)
              bad(aw + ".values", "keys must be unique, 1 to 64 bytes");
            r.values.push_back(std::move(val));
          }
        }
        if (is_list(r.datatype) && r.values.empty()) bad(aw + ".values", "a list attribute needs values");
        if (!is_list(r.datatype) && !r.values.empty()) bad(aw + ".values", "only list attributes have values");
        e.attributes.push_back(std::move(r));
      }
    }
    out.push_back(std::move(e));
  }
  return out;
}

int import_services(soci::session& s, const std::vector<ServiceEntry>& entries, const std::string& now,
                    const audit::Recorder& rec, const std::function<void(const std::string& code)>& saved) {
  int n = 0;
  for (const auto& e : entries) {
    auto agency = directory::receiving_agency_id_by_code(s, e.agency_code);  // never an ended one
    if (!agency) throw std::invalid_argument(e.service.code + ".agency: no agency " + e.agency_code);
    ServiceRecord r = e.service;
    r.agency_id = *agency;
    r.updated_at = now;
    save_service(s, r, e.attributes);
    rec(s, {"open311.service.save", "open311_service", r.code, "", r.code});
    if (saved) saved(r.code);
    ++n;
  }
  return n;
}

}  // namespace tinhso::open311
