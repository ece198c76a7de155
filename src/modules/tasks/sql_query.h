#pragma once
// A SELECT of the tasks module built from optional conditions and lists of ids (the board's
// scopes and pages), still fully parameterised: every value is bound to a named placeholder,
// never spliced into the SQL; and bulk_insert, rows by the batch. SQLite and PostgreSQL alike.
#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

namespace tinhso::tasks {

// A statement built from optional conditions: the SQL and the values bound to its placeholders
// (which live as long as this object).
class Query {
 public:
  explicit Query(std::string sql) : sql_(std::move(sql)) {}
  Query& text(const std::string& t) {
    sql_ += t;
    return *this;
  }
  Query& value(const std::string& name, long long v) {
    longs_.emplace_back(name, v);
    sql_ += ":" + name;
    return *this;
  }
  Query& value(const std::string& name, const std::string& v) {
    texts_.emplace_back(name, v);
    sql_ += ":" + name;
    return *this;
  }
  // "(:p0, :p1, …)"; "(NULL)", which matches nothing, for no values.
  Query& in(const char* prefix, const std::vector<std::int64_t>& vs) {
    if (vs.empty()) return text("(NULL)");
    sql_ += "(";
    for (std::size_t i = 0; i < vs.size(); ++i) {
      if (i) sql_ += ", ";
      value(prefix + std::to_string(i), vs[i]);
    }
    sql_ += ")";
    return *this;
  }
  // Prepares the statement with `intos` (soci::into values) and every bound value.
  template <typename... Into>
  soci::statement prepare(soci::session& s, Into&&... intos) {
    soci::details::prepare_temp_type p = (s.prepare << sql_);
    (p, ..., std::forward<Into>(intos));
    for (auto& [name, v] : longs_) p, soci::use(v, name);
    for (auto& [name, v] : texts_) p, soci::use(v, name);
    return soci::statement(p);
  }

 private:
  std::string sql_;
  std::deque<std::pair<std::string, long long>> longs_;
  std::deque<std::pair<std::string, std::string>> texts_;
};

namespace detail {
// PostgreSQL's array input syntax ('{1,2}', '{"a","b"}') for CAST(:x AS T[]): quotes and
// backslashes escaped, so any text goes through as the value it is.
inline std::string pg_array(const std::vector<long long>& v) {
  std::string out = "{";
  for (const long long x : v) (out += std::to_string(x)) += ',';
  if (out.size() > 1) out.pop_back();
  return out += '}';
}
inline std::string pg_array(const std::vector<int>& v) {
  std::string out = "{";
  for (const int x : v) (out += std::to_string(x)) += ',';
  if (out.size() > 1) out.pop_back();
  return out += '}';
}
inline std::string pg_array(const std::vector<std::string>& v) {
  std::string out = "{";
  for (const auto& x : v) {
    out += '"';
    for (const char c : x) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += "\",";
  }
  if (out.size() > 1) out.pop_back();
  return out += '}';
}
inline const char* pg_type(const std::vector<long long>&) { return "bigint[]"; }
inline const char* pg_type(const std::vector<int>&) { return "integer[]"; }
inline const char* pg_type(const std::vector<std::string>&) { return "text[]"; }

}  // namespace detail

// Inserts one row per element of the equally long columns `cols`, named `names` (in that order),
// as `values`: a list of SQL expressions over :name placeholders (no other colons, in literals
// either). SQLite: the prepared statement re-run over the vectors (in-process, fast). PostgreSQL:
// one statement per call, INSERT … SELECT over unnest() of one array parameter per column,
// instead of one round trip per row (which made a million rows take hours). `tail` follows the
// rows (an ON CONFLICT clause; a key must not come twice in one call on PostgreSQL).
template <class... V>
void bulk_upsert(soci::session& s, bool pg, const std::string& into, std::string values, const std::string& tail,
                 const std::array<const char*, sizeof...(V)>& names, const V&... cols) {
  if (((cols.empty()) || ...)) return;
  if (!pg) {
    soci::details::prepare_temp_type p = (s.prepare << into + " VALUES (" + values + ")" + tail);
    std::size_t i = 0;
    ((p, soci::use(cols, names[i++])), ...);
    soci::statement(p).execute(true);
    return;
  }
  std::vector<std::string> arrays{detail::pg_array(cols)...};
  const std::vector<const char*> types{detail::pg_type(cols)...};
  std::string unnest, as;
  for (std::size_t i = 0; i < arrays.size(); ++i) {
    unnest += std::string(i ? ", " : "") + "CAST(:" + names[i] + " AS " + types[i] + ")";
    as += std::string(i ? ", " : "") + "c_" + names[i];
  }
  for (std::size_t at = values.find(':'); at != std::string::npos; at = values.find(':', at)) values.replace(at, 1, "u.c_");
  soci::details::prepare_temp_type p =
      (s.prepare << into + " SELECT " + values + " FROM unnest(" + unnest + ") AS u(" + as + ")" + tail);
  for (std::size_t i = 0; i < arrays.size(); ++i) p, soci::use(arrays[i], names[i]);
  soci::statement(p).execute(true);
}
// The same without a tail.
template <class... V>
void bulk_insert(soci::session& s, bool pg, const std::string& into, std::string values,
                 const std::array<const char*, sizeof...(V)>& names, const V&... cols) {
  bulk_upsert(s, pg, into, std::move(values), "", names, cols...);
}

}  // namespace tinhso::tasks
