#include "modules/elections/tally_json.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include <nlohmann/json.hpp>

namespace tinhso::elections {

namespace {

using nlohmann::json;
using Problems = std::vector<Problem>;

struct TooDeep {};

// A value quoted for a message: at most 40 bytes (cut at a UTF-8 boundary), control bytes as '?'.
std::string shown(std::string_view s) {
  constexpr std::size_t kShown = 40;
  std::size_t n = std::min(s.size(), kShown);
  while (n > 0 && n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  std::string out = "'";
  for (char ch : s.substr(0, n)) {
    const auto u = static_cast<unsigned char>(ch);
    out += u < 0x20 || u == 0x7F ? '?' : ch;
  }
  return out + (n < s.size() ? "…'" : "'");
}

const json* member(Problems& out, const json& obj, const std::string& path, const char* key) {
  auto it = obj.find(key);
  if (it != obj.end()) return &*it;
  out.push_back({path + key, "is missing"});
  return nullptr;
}

std::optional<std::int64_t> float_problem(Problems& out, const std::string& field, double x) {
  // 2^63: the first double outside the int64 range.
  constexpr double kLimit = 9223372036854775808.0;
  if (!(std::fabs(x) < kLimit))
    out.push_back({field, json(x).dump() + " is out of range (a 64-bit whole number)"});
  else if (x != std::trunc(x))
    out.push_back({field, json(x).dump() + " is not a whole number"});
  else
    out.push_back({field, json(x).dump() + ": write a whole number without a fraction or an exponent"});
  return std::nullopt;
}

std::optional<std::int64_t> integer(Problems& out, const std::string& field, const json& v) {
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return static_cast<std::int64_t>(u);
    out.push_back({field, v.dump() + " is out of range (a 64-bit whole number)"});
    return std::nullopt;
  }
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number_float()) return float_problem(out, field, v.get<double>());
  out.push_back({field, std::string("expected a whole number, got ") + v.type_name()});
  return std::nullopt;
}

std::optional<std::string> text(Problems& out, const std::string& field, const json& v, std::size_t max_bytes) {
  if (!v.is_string()) {
    out.push_back({field, std::string("expected a string, got ") + v.type_name()});
    return std::nullopt;
  }
  const auto& s = v.get_ref<const std::string&>();
  if (s.size() <= max_bytes) return s;
  out.push_back({field, std::to_string(s.size()) + " bytes; at most " + std::to_string(max_bytes) + " are accepted"});
  return std::nullopt;
}

// "YYYY-MM-DD" by its form only; validate() checks that the date exists.
std::optional<Date> date(Problems& out, const std::string& field, const json& v) {
  auto s = text(out, field, v, 64);
  if (!s) return std::nullopt;
  auto digits = [&](std::size_t pos, std::size_t len) {
    int n = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if ((*s)[i] < '0' || (*s)[i] > '9') return -1;
      n = n * 10 + ((*s)[i] - '0');
    }
    return n;
  };
  if (s->size() == 10 && (*s)[4] == '-' && (*s)[7] == '-') {
    Date d{digits(0, 4), digits(5, 2), digits(8, 2)};
    if (d.year >= 0 && d.month >= 0 && d.day >= 0) return d;
  }
  out.push_back({field, shown(*s) + " is not a date YYYY-MM-DD"});
  return std::nullopt;
}

template <class T, class Parse>
void read_code(Problems& out, const json& doc, const char* key, T& into, Parse parse, const char* allowed) {
  const json* v = member(out, doc, "", key);
  if (!v) return;
  auto s = text(out, key, *v, 64);
  if (!s) return;
  if (auto code = parse(*s)) into = *code;
  else out.push_back({key, shown(*s) + " is not one of " + allowed});
}

void read_count(Problems& out, const json& doc, const char* key, std::int64_t& into) {
  if (const json* v = member(out, doc, "", key))
    if (auto n = integer(out, key, *v)) into = *n;
}

void read_seats(Problems& out, const json& doc, int& into) {
  std::int64_t n = 0;
  const std::size_t before = out.size();
  read_count(out, doc, "seats", n);
  if (out.size() != before) return;
  if (n < std::numeric_limits<int>::min() || n > std::numeric_limits<int>::max())
    out.push_back({"seats", std::to_string(n) + " is out of range"});
  else
    into = static_cast<int>(n);
}

Candidate read_candidate(Problems& out, const json& v, std::size_t i) {
  const std::string path = "candidates[" + std::to_string(i) + "]";
  Candidate c;
  if (!v.is_object()) {
    out.push_back({path, std::string("expected an object, got ") + v.type_name()});
    return c;
  }
  const std::string prefix = path + ".";
  if (const json* id = member(out, v, prefix, "id"))
    if (auto s = text(out, prefix + "id", *id, kMaxIdBytes)) c.id = *s;
  if (const json* name = member(out, v, prefix, "name"))
    if (auto s = text(out, prefix + "name", *name, kMaxNameBytes)) c.name = *s;
  if (const json* bd = member(out, v, prefix, "birth_date"))
    if (auto d = date(out, prefix + "birth_date", *bd)) c.birth_date = *d;
  if (const json* votes = member(out, v, prefix, "votes"))
    if (auto n = integer(out, prefix + "votes", *votes)) c.votes = *n;
  return c;
}

void read_candidates(Problems& out, const json& doc, std::vector<Candidate>& into) {
  const json* v = member(out, doc, "", "candidates");
  if (!v) return;
  if (!v->is_array()) {
    out.push_back({"candidates", std::string("expected an array, got ") + v->type_name()});
    return;
  }
  if (v->size() > kMaxCandidates) {
    out.push_back({"candidates", std::to_string(v->size()) + " candidates; at most " + std::to_string(kMaxCandidates) +
                                     " are accepted"});
    return;
  }
  for (std::size_t i = 0; i < v->size(); ++i) into.push_back(read_candidate(out, (*v)[i], i));
}

// The document, or nullopt with the reason in `out`. Nesting deeper than kMaxDepth is refused
// while parsing, before it is built.
std::optional<json> parse_document(Problems& out, std::string_view s) {
  if (s.size() > kMaxInputBytes) {
    out.push_back({"input", std::to_string(s.size()) + " bytes; at most " + std::to_string(kMaxInputBytes) +
                                " are accepted"});
    return std::nullopt;
  }
  const json::parser_callback_t limit_depth = [](int depth, json::parse_event_t event, json&) {
    if ((event == json::parse_event_t::object_start || event == json::parse_event_t::array_start) &&
        depth >= kMaxDepth)
      throw TooDeep{};
    return true;
  };
  try {
    return json::parse(s.begin(), s.end(), limit_depth);
  } catch (const TooDeep&) {
    out.push_back({"input", "nested deeper than " + std::to_string(kMaxDepth) + " levels"});
  } catch (const json::parse_error& e) {
    out.push_back({"input", "not JSON (error at byte " + std::to_string(e.byte) + ")"});
  } catch (const json::exception&) {
    out.push_back({"input", "not JSON (a number out of range)"});
  }
  return std::nullopt;
}

}  // namespace

ParsedInput parse_tally_json(std::string_view text) {
  ParsedInput p;
  auto doc = parse_document(p.problems, text);
  if (!doc) return p;
  if (!doc->is_object()) {
    p.problems.push_back({"input", std::string("expected an object, got ") + doc->type_name()});
    return p;
  }
  TallyInput in;
  read_code(p.problems, *doc, "body", in.body, parse_body, "national_assembly, provincial_council, commune_council");
  read_code(p.problems, *doc, "round", in.round, parse_round, "first, supplementary, re_election");
  read_seats(p.problems, *doc, in.seats);
  read_count(p.problems, *doc, "registered", in.registered);
  read_count(p.problems, *doc, "voted", in.voted);
  read_count(p.problems, *doc, "valid", in.valid);
  read_candidates(p.problems, *doc, in.candidates);
  if (p.problems.empty()) p.input = std::move(in);
  return p;
}

std::string tally_result_json(const TallyResult& r) {
  nlohmann::ordered_json candidates = nlohmann::ordered_json::array();
  for (const CandidateOutcome& c : r.candidates)
    candidates.push_back({{"id", c.id},
                          {"votes", c.votes},
                          {"more_than_half", c.more_than_half},
                          {"elected", c.elected},
                          {"undecided", c.undecided}});
  const nlohmann::ordered_json j = {
      {"recognised", r.recognised},
      {"elected", r.elected},
      {"next", std::string(next_code(r.next))},
      {"decided_by", r.decided_by},
      {"turnout_more_than_half", r.turnout_more_than_half},
      {"seats", r.seats},
      {"seats_filled", r.seats_filled},
      {"seats_undecided", r.seats_undecided},
      {"seats_unfilled", r.seats_unfilled},
      {"undecided", r.undecided},
      {"law_silent", r.law_silent},
      {"candidates", candidates},
  };
  return j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace tinhso::elections
