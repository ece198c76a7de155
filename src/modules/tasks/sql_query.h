#pragma once
// A SELECT of the tasks module built from optional conditions and lists of ids (the board's
// scopes and pages), still fully parameterised: every value is bound to a named placeholder,
// never spliced into the SQL. SQLite and PostgreSQL alike.
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

}  // namespace tinhso::tasks
