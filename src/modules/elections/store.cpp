#include "modules/elections/store.h"

#include <utility>

namespace tinhso::elections {

namespace {

// What ConstituencyRow binds, in its order; a query adds its FROM.
constexpr const char* kConstituencyColumns =
    "SELECT k.id, k.election_id, k.body, k.number, k.name, k.area, k.seats, k.short_list_decision";

struct ConstituencyRow {
  long long id = 0, election_id = 0;
  std::string body;
  Constituency c;
  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(election_id));
    st.exchange(soci::into(body));
    st.exchange(soci::into(c.number));
    st.exchange(soci::into(c.name));
    st.exchange(soci::into(c.area));
    st.exchange(soci::into(c.seats));
    st.exchange(soci::into(c.short_list_decision));
  }
  Constituency get() const {
    Constituency out = c;
    out.id = id;
    out.election_id = election_id;
    out.body = parse_body(body).value_or(Body::provincial_council);
    return out;
  }
};

std::vector<Constituency> constituencies_where(soci::session& s, const std::string& where, long long key) {
  ConstituencyRow row;
  soci::statement st(s);
  st.alloc();
  st.prepare(std::string(kConstituencyColumns) + " FROM election_constituencies k " + where);
  row.bind(st);
  st.exchange(soci::use(key, "key"));
  st.define_and_bind();
  st.execute();
  std::vector<Constituency> out;
  while (st.fetch()) out.push_back(row.get());
  return out;
}

constexpr const char* kAreaColumns =
    "SELECT a.id, a.election_id, a.number, a.name, a.unit, a.registered FROM election_polling_areas a ";

std::vector<Area> areas_where(soci::session& s, const std::string& where,
                              const std::vector<std::pair<std::string, long long>>& keys) {
  long long id = 0, eid = 0, registered = 0;
  Area a;
  soci::statement st(s);
  st.alloc();
  st.prepare(std::string(kAreaColumns) + where);
  st.exchange(soci::into(id));
  st.exchange(soci::into(eid));
  st.exchange(soci::into(a.number));
  st.exchange(soci::into(a.name));
  st.exchange(soci::into(a.unit));
  st.exchange(soci::into(registered));
  for (const auto& [name, value] : keys) st.exchange(soci::use(value, name));
  st.define_and_bind();
  st.execute();
  std::vector<Area> out;
  while (st.fetch()) {
    a.id = id;
    a.election_id = eid;
    a.registered = registered;
    out.push_back(a);
  }
  return out;
}

constexpr const char* kMinutesColumns =
    "SELECT m.id, m.area_id, m.constituency_id, m.round, m.version, m.voted, m.issued, m.received, m.valid,"
    " m.invalid, COALESCE(m.invalid_not_official_form, -1), COALESCE(m.invalid_no_stamp, -1),"
    " COALESCE(m.invalid_too_many_names, -1), COALESCE(m.invalid_all_crossed_out, -1),"
    " COALESCE(m.invalid_added_text, -1), m.complaints, m.reason, m.entered_by, m.entered_at,"
    " COALESCE(m.checked_by, 0), COALESCE(m.checked_at, ''), COALESCE(e.full_name, ''), COALESCE(c.full_name, ''), a.registered"
    " FROM election_minutes m JOIN election_polling_areas a ON a.id = m.area_id"
    " LEFT JOIN accounts e ON e.id = m.entered_by LEFT JOIN accounts c ON c.id = m.checked_by ";

using Keys = std::vector<std::pair<std::string, long long>>;

// The minutes of `where` (which binds `keys` and :round), then their votes in one more statement.
std::vector<Minutes> minutes_where(soci::session& s, const std::string& where, const Keys& keys,
                                   const std::string& round) {
  long long id = 0, area = 0, cons = 0, voted = 0, issued = 0, received = 0, valid = 0, invalid = 0, by = 0,
            checked_by = 0, registered = 0;
  long long grounds[5] = {};
  std::string round_text;
  Minutes m;
  soci::statement st(s);
  st.alloc();
  st.prepare(std::string(kMinutesColumns) + where);
  for (auto* v : {&id, &area, &cons}) st.exchange(soci::into(*v));
  st.exchange(soci::into(round_text));
  st.exchange(soci::into(m.version));
  for (auto* v : {&voted, &issued, &received, &valid, &invalid}) st.exchange(soci::into(*v));
  for (auto& g : grounds) st.exchange(soci::into(g));
  st.exchange(soci::into(m.figures.complaints));
  st.exchange(soci::into(m.reason));
  st.exchange(soci::into(by));
  st.exchange(soci::into(m.entered_at));
  st.exchange(soci::into(checked_by));
  st.exchange(soci::into(m.checked_at));
  st.exchange(soci::into(m.entered_by_name));
  st.exchange(soci::into(m.checked_by_name));
  st.exchange(soci::into(registered));
  for (const auto& [name, value] : keys) st.exchange(soci::use(value, name));
  st.exchange(soci::use(round, "round"));
  st.define_and_bind();
  st.execute();
  std::vector<Minutes> out;
  std::map<long long, std::size_t> index;
  while (st.fetch()) {
    Minutes x = m;
    x.id = id;
    x.area_id = area;
    x.constituency_id = cons;
    x.round = parse_round(round_text).value_or(Round::first);
    x.figures.registered = registered;
    x.figures.voted = voted;
    x.figures.issued = issued;
    x.figures.received = received;
    x.figures.valid = valid;
    x.figures.invalid = invalid;
    x.figures.invalid_by_ground.clear();
    if (grounds[0] >= 0)
      for (std::size_t i = 0; i < 5; ++i) x.figures.invalid_by_ground[kInvalidGrounds[i]] = grounds[i];
    x.entered_by = by;
    x.checked_by = checked_by;
    index[id] = out.size();
    out.push_back(std::move(x));
  }
  if (out.empty()) return out;
  // Their votes: the same rows' ids, read with the same condition.
  long long mid = 0, cand = 0, votes = 0;
  soci::statement vs(s);
  vs.alloc();
  vs.prepare("SELECT v.minutes_id, v.candidate_id, v.votes FROM election_minute_votes v WHERE v.minutes_id IN"
             " (SELECT m.id FROM election_minutes m JOIN election_polling_areas a ON a.id = m.area_id " +
             where + ")");
  vs.exchange(soci::into(mid));
  vs.exchange(soci::into(cand));
  vs.exchange(soci::into(votes));
  for (const auto& [name, value] : keys) vs.exchange(soci::use(value, name));
  vs.exchange(soci::use(round, "round"));
  vs.define_and_bind();
  vs.execute();
  while (vs.fetch()) {
    auto it = index.find(mid);
    if (it != index.end()) out[it->second].figures.votes[cand] = votes;
  }
  return out;
}

constexpr const char* kResultColumns =
    "SELECT r.id, r.constituency_id, r.round, r.version, r.registered, r.voted, r.valid, r.recognised, r.next,"
    " r.outcome, r.reason, r.certified_at FROM election_results r ";

std::vector<CertifiedResult> results_where(soci::session& s, const std::string& where, long long key,
                                           const std::string& round) {
  long long id = 0, cons = 0, registered = 0, voted = 0, valid = 0;
  int recognised = 0;
  std::string round_text;
  CertifiedResult r;
  soci::statement st(s);
  st.alloc();
  st.prepare(std::string(kResultColumns) + where);
  st.exchange(soci::into(id));
  st.exchange(soci::into(cons));
  st.exchange(soci::into(round_text));
  st.exchange(soci::into(r.version));
  st.exchange(soci::into(registered));
  st.exchange(soci::into(voted));
  st.exchange(soci::into(valid));
  st.exchange(soci::into(recognised));
  st.exchange(soci::into(r.next));
  st.exchange(soci::into(r.outcome_json));
  st.exchange(soci::into(r.reason));
  st.exchange(soci::into(r.certified_at));
  st.exchange(soci::use(key, "key"));
  if (!round.empty()) st.exchange(soci::use(round, "round"));
  st.define_and_bind();
  st.execute();
  std::vector<CertifiedResult> out;
  while (st.fetch()) {
    CertifiedResult x = r;
    x.id = id;
    x.constituency_id = cons;
    x.round = parse_round(round_text).value_or(Round::first);
    x.registered = registered;
    x.voted = voted;
    x.valid = valid;
    x.recognised = recognised != 0;
    out.push_back(std::move(x));
  }
  return out;
}

std::map<std::int64_t, std::vector<CandidateRow>> candidates_where(soci::session& s, const std::string& where,
                                                                   long long key) {
  long long id = 0, cons = 0;
  CandidateRow c;
  soci::statement st(s);
  st.alloc();
  st.prepare("SELECT c.id, c.constituency_id, c.list_order, c.name, c.birth_date, c.gender FROM election_candidates c " +
             where + " ORDER BY c.constituency_id, c.list_order");
  st.exchange(soci::into(id));
  st.exchange(soci::into(cons));
  st.exchange(soci::into(c.list_order));
  st.exchange(soci::into(c.name));
  st.exchange(soci::into(c.birth_date));
  st.exchange(soci::into(c.gender));
  st.exchange(soci::use(key, "key"));
  st.define_and_bind();
  st.execute();
  std::map<std::int64_t, std::vector<CandidateRow>> out;
  while (st.fetch()) {
    c.id = id;
    c.constituency_id = cons;
    out[cons].push_back(c);
  }
  return out;
}

}  // namespace

std::optional<Election> load_election(soci::session& s, std::int64_t id) {
  long long key = id;
  Election e;
  s << "SELECT name, election_date, state, COALESCE(announced_at, '') FROM elections WHERE id = :id", soci::use(key, "id"),
      soci::into(e.name), soci::into(e.election_date), soci::into(e.state), soci::into(e.announced_at);
  if (!s.got_data()) return std::nullopt;
  e.id = id;
  return e;
}

std::vector<Election> all_elections(soci::session& s) {
  long long id = 0;
  Election e;
  soci::statement st = (s.prepare << "SELECT id, name, election_date, state, COALESCE(announced_at, '') FROM elections"
                                     " ORDER BY election_date DESC, id DESC",
                        soci::into(id), soci::into(e.name), soci::into(e.election_date), soci::into(e.state),
                        soci::into(e.announced_at));
  st.execute();
  std::vector<Election> out;
  while (st.fetch()) {
    e.id = id;
    out.push_back(e);
  }
  return out;
}

std::vector<Constituency> constituencies(soci::session& s, std::int64_t election_id) {
  return constituencies_where(
      s,
      "WHERE k.election_id = :key ORDER BY CASE k.body WHEN 'national_assembly' THEN 0 WHEN 'provincial_council' THEN 1"
      " ELSE 2 END, k.number",
      election_id);
}

std::optional<Constituency> load_constituency(soci::session& s, std::int64_t id) {
  auto v = constituencies_where(s, "WHERE k.id = :key", id);
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<Constituency> area_constituencies(soci::session& s, std::int64_t area_id) {
  return constituencies_where(
      s,
      "JOIN election_area_constituencies ac ON ac.constituency_id = k.id WHERE ac.area_id = :key ORDER BY CASE k.body"
      " WHEN 'national_assembly' THEN 0 WHEN 'provincial_council' THEN 1 ELSE 2 END, k.number",
      area_id);
}

std::vector<CandidateRow> candidates(soci::session& s, std::int64_t constituency_id) {
  auto all = candidates_where(s, "WHERE c.constituency_id = :key", constituency_id);
  return std::move(all[constituency_id]);
}

std::map<std::int64_t, std::vector<CandidateRow>> candidates_of_election(soci::session& s, std::int64_t election_id) {
  return candidates_where(
      s, "JOIN election_constituencies k ON k.id = c.constituency_id WHERE k.election_id = :key", election_id);
}

std::optional<Area> load_area(soci::session& s, std::int64_t id) {
  auto v = areas_where(s, "WHERE a.id = :id", {{"id", id}});
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<Area> constituency_areas(soci::session& s, std::int64_t constituency_id) {
  return areas_where(s,
                     "JOIN election_area_constituencies ac ON ac.area_id = a.id WHERE ac.constituency_id = :c"
                     " ORDER BY a.number",
                     {{"c", constituency_id}});
}

std::vector<Area> team_areas(soci::session& s, std::int64_t election_id, std::int64_t account_id) {
  return areas_where(s,
                     "JOIN election_team_members t ON t.area_id = a.id WHERE a.election_id = :e AND t.account_id = :a"
                     " ORDER BY a.number",
                     {{"e", election_id}, {"a", account_id}});
}

namespace {

// Whether `account_id` is in the membership table `table` (a constant of this file) under `key`.
bool member(soci::session& s, const char* table, const char* column, std::int64_t key, std::int64_t account_id) {
  long long k = key, account = account_id;
  int n = 0;
  s << std::string("SELECT COUNT(*) FROM ") + table + " WHERE " + column + " = :k AND account_id = :ac",
      soci::use(k, "k"), soci::use(account, "ac"), soci::into(n);
  return n > 0;
}

}  // namespace

bool on_team(soci::session& s, std::int64_t area_id, std::int64_t account_id) {
  return member(s, "election_team_members", "area_id", area_id, account_id);
}

bool on_committee(soci::session& s, std::int64_t election_id, std::int64_t account_id) {
  return member(s, "election_committee_members", "election_id", election_id, account_id);
}

bool on_board(soci::session& s, std::int64_t constituency_id, std::int64_t account_id) {
  return member(s, "election_board_members", "constituency_id", constituency_id, account_id);
}

std::vector<std::pair<std::int64_t, Constituency>> team_constituencies(soci::session& s, std::int64_t election_id,
                                                                       std::int64_t account_id) {
  ConstituencyRow row;
  long long area = 0, e = election_id, account = account_id;
  soci::statement st(s);
  st.alloc();
  st.prepare(std::string(kConstituencyColumns) +
             ", ac.area_id FROM election_constituencies k"
             " JOIN election_area_constituencies ac ON ac.constituency_id = k.id"
             " JOIN election_team_members t ON t.area_id = ac.area_id"
             " WHERE k.election_id = :e AND t.account_id = :a ORDER BY ac.area_id, CASE k.body"
             " WHEN 'national_assembly' THEN 0 WHEN 'provincial_council' THEN 1 ELSE 2 END, k.number");
  row.bind(st);
  st.exchange(soci::into(area));
  st.exchange(soci::use(e, "e"));
  st.exchange(soci::use(account, "a"));
  st.define_and_bind();
  st.execute();
  std::vector<std::pair<std::int64_t, Constituency>> out;
  while (st.fetch()) out.emplace_back(area, row.get());
  return out;
}

std::map<MinutesKey, bool> team_minutes_checked(soci::session& s, std::int64_t election_id, std::int64_t account_id) {
  long long area = 0, cons = 0, checked = 0, e = election_id, account = account_id;
  std::string round;
  soci::statement st =
      (s.prepare << "SELECT m.area_id, m.constituency_id, m.round, COALESCE(m.checked_by, 0) FROM election_minutes m"
                    " JOIN election_team_members t ON t.area_id = m.area_id"
                    " JOIN election_polling_areas a ON a.id = m.area_id"
                    " WHERE a.election_id = :e AND t.account_id = :a AND m.current = 1",
       soci::use(e, "e"), soci::use(account, "a"), soci::into(area), soci::into(cons), soci::into(round),
       soci::into(checked));
  st.execute();
  std::map<MinutesKey, bool> out;
  while (st.fetch()) out[{area, cons, parse_round(round).value_or(Round::first)}] = checked != 0;
  return out;
}

std::optional<Minutes> latest_minutes(soci::session& s, std::int64_t area_id, std::int64_t constituency_id, Round round) {
  auto v = minutes_where(s, "WHERE m.area_id = :k1 AND m.constituency_id = :k2 AND m.round = :round AND m.current = 1",
                         {{"k1", area_id}, {"k2", constituency_id}}, std::string(round_code(round)));
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<Minutes> constituency_minutes(soci::session& s, std::int64_t constituency_id, Round round) {
  return minutes_where(s, "WHERE m.constituency_id = :k1 AND m.round = :round AND m.current = 1 ORDER BY a.number",
                       {{"k1", constituency_id}}, std::string(round_code(round)));
}

std::vector<BoardRow> board(soci::session& s, std::int64_t election_id, Round round) {
  ConstituencyRow row;
  long long areas = 0, registered = 0, entered = 0, checked = 0, voted_checked = 0, registered_checked = 0,
            complaints = 0, eid = election_id;
  const std::string r(round_code(round));
  soci::statement st(s);
  st.alloc();
  st.prepare(
      std::string(kConstituencyColumns) +
      ", COUNT(a.id), COALESCE(SUM(a.registered), 0),"
      " COALESCE(SUM(CASE WHEN m.id IS NOT NULL THEN 1 ELSE 0 END), 0),"
      " COALESCE(SUM(CASE WHEN m.checked_by IS NOT NULL THEN 1 ELSE 0 END), 0),"
      " COALESCE(SUM(CASE WHEN m.checked_by IS NOT NULL THEN m.voted ELSE 0 END), 0),"
      " COALESCE(SUM(CASE WHEN m.checked_by IS NOT NULL THEN a.registered ELSE 0 END), 0),"
      " COALESCE(SUM(CASE WHEN m.complaints <> '' THEN 1 ELSE 0 END), 0)"
      " FROM election_constituencies k"
      " LEFT JOIN election_area_constituencies ac ON ac.constituency_id = k.id"
      " LEFT JOIN election_polling_areas a ON a.id = ac.area_id"
      " LEFT JOIN election_minutes m ON m.constituency_id = k.id AND m.area_id = ac.area_id AND m.round = :round"
      " AND m.current = 1"
      " WHERE k.election_id = :e"
      " GROUP BY k.id, k.election_id, k.body, k.number, k.name, k.area, k.seats, k.short_list_decision"
      " ORDER BY CASE k.body WHEN 'national_assembly' THEN 0 WHEN 'provincial_council' THEN 1 ELSE 2 END, k.number");
  row.bind(st);
  for (auto* v : {&areas, &registered, &entered, &checked, &voted_checked, &registered_checked, &complaints})
    st.exchange(soci::into(*v));
  st.exchange(soci::use(r, "round"));
  st.exchange(soci::use(eid, "e"));
  st.define_and_bind();
  st.execute();
  std::vector<BoardRow> out;
  while (st.fetch())
    out.push_back({row.get(), areas, registered, entered, checked, voted_checked, registered_checked, complaints});
  return out;
}

std::optional<CertifiedResult> latest_result(soci::session& s, std::int64_t constituency_id, Round round) {
  auto v = results_where(s, "WHERE r.constituency_id = :key AND r.round = :round AND r.current = 1", constituency_id,
                         std::string(round_code(round)));
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<CertifiedResult> election_results(soci::session& s, std::int64_t election_id) {
  return results_where(s,
                       "JOIN election_constituencies k ON k.id = r.constituency_id WHERE k.election_id = :key"
                       " AND r.current = 1 ORDER BY r.constituency_id, r.certified_at",
                       election_id, "");
}

}  // namespace tinhso::elections
