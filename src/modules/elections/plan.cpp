#include "modules/elections/plan.h"

#include <map>
#include <set>

#include <nlohmann/json.hpp>

namespace tinhso::elections {

int min_candidates(Body body, int seats) {
  if (body == Body::national_assembly) return seats + 2;  // Art. 57(6)
  if (seats >= 4) return seats + 3;                       // Art. 58(3)
  if (seats == 3) return seats + 2;
  return seats + 1;  // "more than the seats"
}

namespace {

using json = nlohmann::json;
using Problems = std::vector<Problem>;

constexpr int kMaxDepth = 8;
constexpr std::size_t kMaxText = 500;

const json* field(Problems& out, const json& obj, const std::string& path, const char* key) {
  if (!obj.contains(key)) {
    out.push_back({path + key, "missing"});
    return nullptr;
  }
  return &obj[key];
}

std::optional<std::string> text(Problems& out, const json& obj, const std::string& path, const char* key,
                                bool required = true) {
  if (!required && !obj.contains(key)) return std::string();
  const json* v = field(out, obj, path, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    out.push_back({path + key, "not a string"});
    return std::nullopt;
  }
  auto s = v->get<std::string>();
  if (s.size() > kMaxText) {
    out.push_back({path + key, "longer than " + std::to_string(kMaxText) + " bytes"});
    return std::nullopt;
  }
  if (required && s.find_first_not_of(" \t") == std::string::npos) {
    out.push_back({path + key, "empty"});
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> whole(Problems& out, const json& obj, const std::string& path, const char* key,
                                  std::int64_t lo, std::int64_t hi) {
  const json* v = field(out, obj, path, key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer() || (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(hi))) {
    out.push_back({path + key, "not a whole number from " + std::to_string(lo) + " to " + std::to_string(hi)});
    return std::nullopt;
  }
  const auto n = v->get<std::int64_t>();
  if (n < lo || n > hi) {
    out.push_back({path + key, std::to_string(n) + " is not from " + std::to_string(lo) + " to " + std::to_string(hi)});
    return std::nullopt;
  }
  return n;
}

std::optional<std::string> date(Problems& out, const json& obj, const std::string& path, const char* key) {
  auto s = text(out, obj, path, key);
  if (!s) return std::nullopt;
  if (!parse_ymd(*s)) {
    out.push_back({path + key, "not a date YYYY-MM-DD"});
    return std::nullopt;
  }
  return s;
}

std::vector<std::string> strings(Problems& out, const json& obj, const std::string& path, const char* key) {
  std::vector<std::string> v;
  const json* a = field(out, obj, path, key);
  if (!a) return v;
  if (!a->is_array()) {
    out.push_back({path + key, "not an array"});
    return v;
  }
  for (std::size_t i = 0; i < a->size(); ++i) {
    const json& x = (*a)[i];
    if (!x.is_string() || x.get<std::string>().empty() || x.get<std::string>().size() > kMaxText)
      out.push_back({path + key + "[" + std::to_string(i) + "]", "not a non-empty string"});
    else
      v.push_back(x.get<std::string>());
  }
  return v;
}

const json* array(Problems& out, const json& obj, const char* key, std::size_t max) {
  const json* a = field(out, obj, "", key);
  if (!a) return nullptr;
  if (!a->is_array()) {
    out.push_back({key, "not an array"});
    return nullptr;
  }
  if (a->size() > max) {
    out.push_back({key, std::to_string(a->size()) + " items; at most " + std::to_string(max) + " are accepted"});
    return nullptr;
  }
  return a;
}

void read_constituency(Problems& out, const json& c, const std::string& p, Plan& plan) {
  if (!c.is_object()) {
    out.push_back({p, "not an object"});
    return;
  }
  PlanConstituency k;
  const std::string at = p + ".";
  auto key = text(out, c, at, "key");
  auto body = text(out, c, at, "body");
  auto number = whole(out, c, at, "number", 1, 100000);
  auto name = text(out, c, at, "name");
  auto area = text(out, c, at, "area");
  auto decision = text(out, c, at, "short_list_decision", false);
  if (c.contains("board")) k.board = strings(out, c, at, "board");
  std::optional<Body> b;
  if (body && !(b = parse_body(*body)))
    out.push_back({at + "body", "'" + body->substr(0, 40) + "' is none of national_assembly, provincial_council, commune_council"});
  // Art. 10(4): at most 3 seats for the National Assembly, 5 for a People's Council.
  auto seats = whole(out, c, at, "seats", 1, b ? max_seats(*b) : 5);
  const json* cs = field(out, c, at, "candidates");
  if (cs && (!cs->is_array() || cs->size() > 100)) {
    out.push_back({at + "candidates", "not an array of at most 100 candidates"});
    cs = nullptr;
  }
  if (cs)
    for (std::size_t i = 0; i < cs->size(); ++i) {
      const std::string cp = at + "candidates[" + std::to_string(i) + "].";
      const json& x = (*cs)[i];
      if (!x.is_object()) {
        out.push_back({cp.substr(0, cp.size() - 1), "not an object"});
        continue;
      }
      auto n = text(out, x, cp, "name");
      auto d = date(out, x, cp, "birth_date");
      auto g = text(out, x, cp, "gender");
      if (g && *g != "male" && *g != "female") out.push_back({cp + "gender", "neither male nor female"});
      if (n && d && g) k.candidates.push_back({*n, *d, *g});
    }
  if (b && seats && cs) {
    const int need = min_candidates(*b, static_cast<int>(*seats));
    const bool decided = decision && decision->find_first_not_of(" \t") != std::string::npos;
    if (static_cast<int>(cs->size()) < need && !decided)
      out.push_back({at + "candidates", std::to_string(cs->size()) + " candidates for " + std::to_string(*seats) +
                                            " seats; the law asks for at least " + std::to_string(need) +
                                            " (Art. 57(6), 58(3)) unless short_list_decision records the decision"});
    if (static_cast<int>(cs->size()) <= *seats)
      out.push_back({at + "candidates", "no more candidates than seats"});
  }
  if (key && b && number && name && area && seats) {
    k.key = *key;
    k.body = *b;
    k.number = static_cast<int>(*number);
    k.name = *name;
    k.area = *area;
    k.seats = static_cast<int>(*seats);
    k.short_list_decision = decision.value_or("");
    plan.constituencies.push_back(std::move(k));
  }
}

void read_area(Problems& out, const json& a, const std::string& p, Plan& plan) {
  if (!a.is_object()) {
    out.push_back({p, "not an object"});
    return;
  }
  const std::string at = p + ".";
  PlanArea x;
  auto number = whole(out, a, at, "number", 1, 1000000);
  auto name = text(out, a, at, "name");
  auto unit = text(out, a, at, "unit");
  auto registered = whole(out, a, at, "registered", 0, 100000000);
  x.constituencies = strings(out, a, at, "constituencies");
  x.team = strings(out, a, at, "team");
  if (number && name && unit && registered) {
    x.number = static_cast<int>(*number);
    x.name = *name;
    x.unit = *unit;
    x.registered = *registered;
    plan.areas.push_back(std::move(x));
  }
}

// Keys, numbers and the areas' constituencies across the document.
void check_links(Problems& out, const Plan& plan) {
  std::map<std::string, const PlanConstituency*> by_key;
  std::set<std::pair<Body, int>> numbers;
  for (std::size_t i = 0; i < plan.constituencies.size(); ++i) {
    const auto& k = plan.constituencies[i];
    const std::string p = "constituencies[" + std::to_string(i) + "]";
    if (!by_key.emplace(k.key, &k).second) out.push_back({p + ".key", "'" + k.key.substr(0, 40) + "' used twice"});
    if (!numbers.emplace(k.body, k.number).second) out.push_back({p + ".number", "used twice for the same body"});
  }
  std::set<int> area_numbers;
  std::set<std::string> with_area;
  for (std::size_t i = 0; i < plan.areas.size(); ++i) {
    const auto& a = plan.areas[i];
    const std::string p = "areas[" + std::to_string(i) + "]";
    if (!area_numbers.insert(a.number).second) out.push_back({p + ".number", "used twice"});
    std::set<Body> bodies;
    for (const auto& key : a.constituencies) {
      auto it = by_key.find(key);
      if (it == by_key.end()) {
        out.push_back({p + ".constituencies", "no constituency '" + key.substr(0, 40) + "'"});
        continue;
      }
      if (!bodies.insert(it->second->body).second)
        out.push_back({p + ".constituencies", "two constituencies of the same body"});
      with_area.insert(key);
    }
  }
  for (std::size_t i = 0; i < plan.constituencies.size(); ++i)
    if (!with_area.contains(plan.constituencies[i].key))
      out.push_back({"constituencies[" + std::to_string(i) + "]", "no polling area votes in it"});
}

}  // namespace

ParsedPlan parse_plan(std::string_view text_in) {
  ParsedPlan r;
  if (text_in.size() > kMaxPlanBytes) {
    r.problems.push_back({"input", "larger than " + std::to_string(kMaxPlanBytes) + " bytes"});
    return r;
  }
  const json::parser_callback_t limit = [](int depth, json::parse_event_t event, json&) {
    if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) && depth >= kMaxDepth)
      throw std::length_error("too deep");
    return true;
  };
  json doc;
  try {
    doc = json::parse(text_in.begin(), text_in.end(), limit);
  } catch (const std::length_error&) {
    r.problems.push_back({"input", "nested deeper than " + std::to_string(kMaxDepth) + " levels"});
    return r;
  } catch (const json::exception&) {
    r.problems.push_back({"input", "not a JSON document"});
    return r;
  }
  if (!doc.is_object()) {
    r.problems.push_back({"input", "not a JSON object"});
    return r;
  }
  Plan plan;
  Problems& out = r.problems;
  auto name = text(out, doc, "", "name");
  auto day = date(out, doc, "", "election_date");
  plan.committee = strings(out, doc, "", "committee");
  if (plan.committee.empty() && doc.contains("committee")) out.push_back({"committee", "no member"});
  if (const json* cs = array(out, doc, "constituencies", kMaxPlanConstituencies))
    for (std::size_t i = 0; i < cs->size(); ++i) read_constituency(out, (*cs)[i], "constituencies[" + std::to_string(i) + "]", plan);
  if (const json* as = array(out, doc, "areas", kMaxPlanAreas))
    for (std::size_t i = 0; i < as->size(); ++i) read_area(out, (*as)[i], "areas[" + std::to_string(i) + "]", plan);
  if (out.empty()) check_links(out, plan);
  if (out.empty() && name && day) {
    plan.name = *name;
    plan.election_date = *day;
    r.plan = std::move(plan);
  }
  return r;
}

std::int64_t store_plan(soci::session& s, const Plan& plan, const std::string& now, std::vector<Problem>& problems) {
  std::map<std::string, long long> accounts;
  auto account = [&](const std::string& email, const std::string& where) -> long long {
    if (auto it = accounts.find(email); it != accounts.end()) return it->second;
    long long id = 0;
    s << "SELECT id FROM accounts WHERE email = :e AND status = 'active'", soci::use(email, "e"), soci::into(id);
    if (!s.got_data()) {
      problems.push_back({where, "no active account '" + email.substr(0, 60) + "'"});
      return 0;
    }
    return accounts[email] = id;
  };
  long long election = 0;
  s << "INSERT INTO elections (name, election_date, state, created_at) VALUES (:n, :d, 'preparing', :at) RETURNING id",
      soci::use(plan.name, "n"), soci::use(plan.election_date, "d"), soci::use(now, "at"), soci::into(election);
  for (std::size_t i = 0; i < plan.committee.size(); ++i)
    if (long long a = account(plan.committee[i], "committee[" + std::to_string(i) + "]"))
      s << "INSERT INTO election_committee_members (election_id, account_id) VALUES (:e, :a) ON CONFLICT DO NOTHING",
          soci::use(election, "e"), soci::use(a, "a");
  std::map<std::string, long long> cons;
  for (const auto& k : plan.constituencies) {
    const std::string body(body_code(k.body));
    long long id = 0;
    int number = k.number, seats = k.seats;
    s << "INSERT INTO election_constituencies (election_id, body, number, name, area, seats, short_list_decision)"
         " VALUES (:e, :b, :n, :name, :area, :seats, :d) RETURNING id",
        soci::use(election, "e"), soci::use(body, "b"), soci::use(number, "n"), soci::use(k.name, "name"),
        soci::use(k.area, "area"), soci::use(seats, "seats"), soci::use(k.short_list_decision, "d"), soci::into(id);
    cons[k.key] = id;
    for (std::size_t j = 0; j < k.board.size(); ++j)
      if (long long who = account(k.board[j], "constituencies[" + std::to_string(&k - plan.constituencies.data()) +
                                                  "].board[" + std::to_string(j) + "]"))
        s << "INSERT INTO election_board_members (constituency_id, account_id) VALUES (:c, :w) ON CONFLICT DO NOTHING",
            soci::use(id, "c"), soci::use(who, "w");
    int order = 0;
    for (const auto& c : k.candidates) {
      ++order;
      s << "INSERT INTO election_candidates (constituency_id, list_order, name, birth_date, gender)"
           " VALUES (:c, :o, :n, :b, :g)",
          soci::use(id, "c"), soci::use(order, "o"), soci::use(c.name, "n"), soci::use(c.birth_date, "b"),
          soci::use(c.gender, "g");
    }
  }
  for (std::size_t i = 0; i < plan.areas.size(); ++i) {
    const auto& a = plan.areas[i];
    long long id = 0, registered = a.registered;
    int number = a.number;
    s << "INSERT INTO election_polling_areas (election_id, number, name, unit, registered)"
         " VALUES (:e, :n, :name, :unit, :r) RETURNING id",
        soci::use(election, "e"), soci::use(number, "n"), soci::use(a.name, "name"), soci::use(a.unit, "unit"),
        soci::use(registered, "r"), soci::into(id);
    for (const auto& key : a.constituencies) {
      long long c = cons[key];
      s << "INSERT INTO election_area_constituencies (area_id, constituency_id) VALUES (:a, :c)", soci::use(id, "a"),
          soci::use(c, "c");
    }
    for (std::size_t j = 0; j < a.team.size(); ++j)
      if (long long who = account(a.team[j], "areas[" + std::to_string(i) + "].team[" + std::to_string(j) + "]"))
        s << "INSERT INTO election_team_members (area_id, account_id) VALUES (:a, :w) ON CONFLICT DO NOTHING",
            soci::use(id, "a"), soci::use(who, "w");
  }
  return problems.empty() ? election : 0;
}

}  // namespace tinhso::elections
