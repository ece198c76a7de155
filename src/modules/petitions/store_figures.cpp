// SQL of the petitions' monthly figures (api.h PetitionFigures; migration 012, kept by triggers)
// and their recount from the petitions by the same rules in C++.
#include <chrono>
#include <map>
#include <tuple>

#include "core/auth/clock.h"
#include "core/calendar/date.h"
#include "modules/petitions/api.h"

namespace tinhso::petitions {

namespace {

// Viet Nam's month 'YYYY-MM' of an ISO-8601 UTC moment.
std::string month_of(const std::string& iso_utc) {
  return calendar::format_date(calendar::to_local(auth::parse_iso_utc(iso_utc)).day).substr(0, 7);
}

// Both tables in one statement: part 0 the month cells, part 1 the hours histogram (its `settled`
// in the first figure column).
PetitionFigures read_figures(soci::session& s, const std::string& where_months, const std::string& where_hours,
                             const std::string* from, const std::string* to) {
  const std::string sql =
      "SELECT 0, agency_id, month, kind, channel, CAST(0 AS BIGINT), received, settled, on_time"
      " FROM petition_month_stats WHERE (received <> 0 OR settled <> 0 OR on_time <> 0)" +
      where_months +
      " UNION ALL SELECT 1, agency_id, month, '', channel, hours, settled, CAST(0 AS BIGINT), CAST(0 AS BIGINT)"
      " FROM petition_settle_hours WHERE settled <> 0" +
      where_hours + " ORDER BY 1, 2, 3, 4, 5, 6";
  int part = 0;
  long long agency = 0, hours = 0, a = 0, b = 0, c = 0;
  std::string month, kind, channel;
  std::string f1, t1, f2, t2;
  auto prep = (s.prepare << sql);
  if (from && to) {
    f1 = f2 = *from;
    t1 = t2 = *to;
    prep, soci::use(f1, "f1"), soci::use(t1, "t1"), soci::use(f2, "f2"), soci::use(t2, "t2");
  }
  prep, soci::into(part), soci::into(agency), soci::into(month), soci::into(kind), soci::into(channel),
      soci::into(hours), soci::into(a), soci::into(b), soci::into(c);
  soci::statement st = prep;
  st.execute();
  PetitionFigures out;
  while (st.fetch()) {
    if (part == 0)
      out.months.push_back({agency, month, kind, channel, a, b, c});
    else
      out.hours.push_back({agency, month, channel, hours, a});
  }
  return out;
}

}  // namespace

PetitionFigures petition_figures(soci::session& s, const std::string& from, const std::string& to) {
  return read_figures(s, " AND month >= :f1 AND month <= :t1", " AND month >= :f2 AND month <= :t2", &from, &to);
}

PetitionFigures stored_petition_figures(soci::session& s) { return read_figures(s, "", "", nullptr, nullptr); }

PetitionFigures recount_petition_figures(soci::session& s) {
  std::map<std::tuple<std::int64_t, std::string, std::string, std::string>, PetitionMonth> months;
  std::map<std::tuple<std::int64_t, std::string, std::string, long long>, SettleHours> hours;
  auto cell = [&](std::int64_t agency, const std::string& month, const std::string& kind,
                  const std::string& channel) -> PetitionMonth& {
    auto& c = months[{agency, month, kind, channel}];
    c.agency_id = agency;
    c.month = month;
    c.kind = kind;
    c.channel = channel;
    return c;
  };
  long long agency = 0;
  int on_time = 0;
  std::string kind, channel, received, settled;
  soci::statement st = (s.prepare << "SELECT agency_id, kind, channel, received_at, COALESCE(settled_at, ''),"
                                     " CASE WHEN settled_on_time THEN 1 ELSE 0 END FROM petitions",
                        soci::into(agency), soci::into(kind), soci::into(channel), soci::into(received),
                        soci::into(settled), soci::into(on_time));
  st.execute();
  while (st.fetch()) {
    ++cell(agency, month_of(received), kind, channel).received;
    if (settled.empty()) continue;
    const std::string month = month_of(settled);
    auto& out = cell(agency, month, kind, channel);
    ++out.settled;
    out.on_time += on_time;
    const long long h =
        std::chrono::floor<std::chrono::hours>(auth::parse_iso_utc(settled) - auth::parse_iso_utc(received)).count();
    auto& x = hours[{agency, month, channel, h}];
    x.agency_id = agency;
    x.month = month;
    x.channel = channel;
    x.hours = h;
    ++x.settled;
  }
  PetitionFigures out;
  for (auto& [k, c] : months) out.months.push_back(c);
  for (auto& [k, c] : hours) out.hours.push_back(c);
  return out;
}

void replace_petition_figures(soci::session& s, const PetitionFigures& figures) {
  s << "DELETE FROM petition_month_stats";
  s << "DELETE FROM petition_settle_hours";
  for (const auto& c : figures.months) {
    long long a = c.agency_id;
    s << "INSERT INTO petition_month_stats (agency_id, month, kind, channel, received, settled, on_time)"
         " VALUES (:a, :m, :k, :c, :r, :s, :o)",
        soci::use(a, "a"), soci::use(c.month, "m"), soci::use(c.kind, "k"), soci::use(c.channel, "c"),
        soci::use(c.received, "r"), soci::use(c.settled, "s"), soci::use(c.on_time, "o");
  }
  for (const auto& c : figures.hours) {
    long long a = c.agency_id;
    s << "INSERT INTO petition_settle_hours (agency_id, month, channel, hours, settled) VALUES (:a, :m, :c, :h, :s)",
        soci::use(a, "a"), soci::use(c.month, "m"), soci::use(c.channel, "c"), soci::use(c.hours, "h"),
        soci::use(c.settled, "s");
  }
}

}  // namespace tinhso::petitions
