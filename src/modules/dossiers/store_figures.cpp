// SQL of the monthly figures per procedure (api.h ProcedureMonth; migration 007, kept by
// triggers) and their recount from the dossiers by the same rules in C++.
#include <map>
#include <tuple>

#include "core/auth/clock.h"
#include "core/calendar/date.h"
#include "modules/dossiers/api.h"

namespace tinhso::dossiers {

namespace {

using Key = std::tuple<std::int64_t, std::string, std::int64_t>;  // agency, month, procedure

// Viet Nam's month 'YYYY-MM' and day of an ISO-8601 UTC moment.
calendar::Date local_day(const std::string& iso_utc) { return calendar::to_local(auth::parse_iso_utc(iso_utc)).day; }
std::string month_of(const std::string& iso_utc) { return calendar::format_date(local_day(iso_utc)).substr(0, 7); }

constexpr const char* kSums =
    "CAST(SUM(received) AS BIGINT), CAST(SUM(received_online) AS BIGINT), CAST(SUM(returned) AS BIGINT),"
    " CAST(SUM(on_time) AS BIGINT), CAST(SUM(digitised) AS BIGINT), CAST(SUM(days_sum) AS BIGINT),"
    " CAST(SUM(rated) AS BIGINT), CAST(SUM(rating_sum) AS BIGINT), CAST(SUM(dissatisfied) AS BIGINT)";

template <class... Uses>
std::vector<ProcedureMonth> read_cells(soci::session& s, const std::string& sql, Uses&&... uses) {
  ProcedureMonth r;
  long long agency = 0, procedure = 0;
  auto prep = (s.prepare << sql);
  ((prep, std::forward<Uses>(uses)), ...);
  prep, soci::into(agency), soci::into(r.month), soci::into(procedure),
       soci::into(r.received), soci::into(r.received_online), soci::into(r.returned), soci::into(r.on_time),
       soci::into(r.digitised), soci::into(r.days_sum), soci::into(r.rated), soci::into(r.rating_sum),
       soci::into(r.dissatisfied);
  soci::statement st = prep;
  st.execute();
  std::vector<ProcedureMonth> out;
  while (st.fetch()) {
    r.agency_id = agency;
    r.procedure_id = procedure;
    out.push_back(r);
  }
  return out;
}

}  // namespace

std::vector<ProcedureMonth> agency_months(soci::session& s, const std::string& from, const std::string& to) {
  return read_cells(s,
                    std::string("SELECT agency_id, month, CAST(0 AS BIGINT), ") + kSums +
                        " FROM dossier_procedure_stats WHERE month >= :from AND month <= :to"
                        " GROUP BY agency_id, month ORDER BY agency_id, month",
                    soci::use(from, "from"), soci::use(to, "to"));
}

std::vector<ProcedureMonth> procedure_totals(soci::session& s, std::int64_t agency, const std::string& from,
                                             const std::string& to) {
  long long a = agency;
  auto rows = read_cells(s,
                         std::string("SELECT agency_id, '', procedure_id, ") + kSums +
                             " FROM dossier_procedure_stats WHERE (CAST(:a AS BIGINT) = 0 OR agency_id = :a2)"
                             " AND month >= :from AND month <= :to"
                             " GROUP BY agency_id, procedure_id ORDER BY agency_id, procedure_id",
                         soci::use(a, "a"), soci::use(a, "a2"), soci::use(from, "from"), soci::use(to, "to"));
  return rows;
}

std::vector<ProcedureMonth> procedure_months(soci::session& s, const std::string& from, const std::string& to) {
  return read_cells(s,
                    "SELECT agency_id, month, procedure_id, received, received_online, returned, on_time, digitised,"
                    " days_sum, rated, rating_sum, dissatisfied FROM dossier_procedure_stats"
                    " WHERE month >= :from AND month <= :to ORDER BY agency_id, month, procedure_id",
                    soci::use(from, "from"), soci::use(to, "to"));
}

std::optional<std::string> first_figures_month(soci::session& s) {
  std::string m;
  soci::indicator ind = soci::i_null;
  s << "SELECT MIN(month) FROM dossier_procedure_stats", soci::into(m, ind);
  if (!s.got_data() || ind == soci::i_null) return std::nullopt;
  return m;
}

std::vector<ProcedureMonth> stored_procedure_months(soci::session& s) {
  return read_cells(s,
                    "SELECT agency_id, month, procedure_id, received, received_online, returned, on_time, digitised,"
                    " days_sum, rated, rating_sum, dissatisfied FROM dossier_procedure_stats"
                    " WHERE received <> 0 OR received_online <> 0 OR returned <> 0 OR on_time <> 0 OR digitised <> 0"
                    " OR days_sum <> 0 OR rated <> 0 OR rating_sum <> 0 OR dissatisfied <> 0"
                    " ORDER BY agency_id, month, procedure_id");
}

std::vector<ProcedureMonth> recount_procedure_months(soci::session& s,
                                                     const std::function<void(long long, long long)>& progress) {
  std::map<Key, ProcedureMonth> cells;
  auto cell = [&](std::int64_t agency, const std::string& month, std::int64_t procedure) -> ProcedureMonth& {
    auto& c = cells[{agency, month, procedure}];
    c.agency_id = agency;
    c.month = month;
    c.procedure_id = procedure;
    return c;
  };
  long long total = 0;
  s << "SELECT COUNT(*) FROM dossiers WHERE received_at IS NOT NULL", soci::into(total);
  // Read in id order, a batch at a time: one statement over 10 M rows would hold its snapshot
  // (and, on SQLite, the read transaction) for the whole walk either way; batches keep memory flat.
  constexpr int kBatch = 10000;
  long long last = 0, done = 0;
  for (;;) {
    std::vector<long long> ids(kBatch), agencies(kBatch), procedures(kBatch);
    std::vector<int> online(kBatch), on_time(kBatch), digitised(kBatch);
    std::vector<std::string> received(kBatch), returned(kBatch);
    s << "SELECT d.id, d.responsible_agency_id, d.procedure_id, CASE WHEN d.channel = 'online' THEN 1 ELSE 0 END,"
         " d.received_at, COALESCE(d.returned_at, ''), CASE WHEN d.on_time THEN 1 ELSE 0 END,"
         " CASE WHEN d.returned_at IS NOT NULL AND EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = d.id"
         " AND f.role = 'result') THEN 1 ELSE 0 END"
         " FROM dossiers d WHERE d.id > :last AND d.received_at IS NOT NULL ORDER BY d.id LIMIT " +
             std::to_string(kBatch),
        soci::use(last, "last"), soci::into(ids), soci::into(agencies), soci::into(procedures), soci::into(online),
        soci::into(received), soci::into(returned), soci::into(on_time), soci::into(digitised);
    if (ids.empty()) break;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      auto& in = cell(agencies[i], month_of(received[i]), procedures[i]);
      ++in.received;
      in.received_online += online[i];
      if (!returned[i].empty()) {
        auto& out = cell(agencies[i], month_of(returned[i]), procedures[i]);
        ++out.returned;
        out.on_time += on_time[i];
        out.digitised += digitised[i];
        out.days_sum += (local_day(returned[i]) - local_day(received[i])).count();
      }
      if ((++done) % 100000 == 0 && progress) progress(done, total);
    }
    last = ids.back();
    if (static_cast<int>(ids.size()) < kBatch) break;
  }
  if (progress) progress(done, total);
  {
    long long agency = 0, procedure = 0;
    int score = 0;
    std::string at;
    soci::statement st = (s.prepare << "SELECT d.responsible_agency_id, d.procedure_id, r.score, r.rated_at"
                                       " FROM dossier_ratings r JOIN dossiers d ON d.id = r.dossier_id"
                                       " WHERE d.received_at IS NOT NULL",
                          soci::into(agency), soci::into(procedure), soci::into(score), soci::into(at));
    st.execute();
    while (st.fetch()) {
      auto& c = cell(agency, month_of(at), procedure);
      ++c.rated;
      c.rating_sum += score;
      if (score <= 2) ++c.dissatisfied;
    }
  }
  std::vector<ProcedureMonth> out;
  out.reserve(cells.size());
  for (auto& [k, c] : cells) out.push_back(std::move(c));
  return out;
}

void replace_procedure_months(soci::session& s, const std::vector<ProcedureMonth>& cells) {
  s << "DELETE FROM dossier_procedure_stats";
  for (const auto& c : cells) {
    long long a = c.agency_id, p = c.procedure_id;
    s << "INSERT INTO dossier_procedure_stats (agency_id, month, procedure_id, received, received_online, returned,"
         " on_time, digitised, days_sum, rated, rating_sum, dissatisfied) VALUES (:a, :m, :p, :r, :ro, :rt, :ot, :dg,"
         " :ds, :ra, :rs, :di)",
        soci::use(a, "a"), soci::use(c.month, "m"), soci::use(p, "p"), soci::use(c.received, "r"),
        soci::use(c.received_online, "ro"), soci::use(c.returned, "rt"), soci::use(c.on_time, "ot"),
        soci::use(c.digitised, "dg"), soci::use(c.days_sum, "ds"), soci::use(c.rated, "ra"),
        soci::use(c.rating_sum, "rs"), soci::use(c.dissatisfied, "di");
  }
}

ReturnedPage returned_late(soci::session& s, std::int64_t agency, const std::string& from_month,
                          const std::string& to_month, int limit, int offset) {
  ReturnedPage page;
  const auto first = calendar::parse_date(from_month + "-01");
  const auto last = calendar::parse_date(to_month + "-01");
  if (!first || !last) return page;
  const calendar::Date next = calendar::Date(std::chrono::year_month_day(*last) + std::chrono::months(1));
  // Viet Nam's midnight is 17:00 UTC the day before.
  const std::string from = auth::iso_utc(std::chrono::sys_days(*first) - std::chrono::hours(7));
  const std::string to = auth::iso_utc(std::chrono::sys_days(next) - std::chrono::hours(7));
  long long a = agency;
  s << "SELECT COUNT(*) FROM dossiers WHERE responsible_agency_id = :a AND returned_at >= :f AND returned_at < :t"
       " AND NOT on_time",
      soci::use(a, "a"), soci::use(from, "f"), soci::use(to, "t"), soci::into(page.total);
  ReturnedDossier r;
  soci::statement st =
      (s.prepare << "SELECT d.code, p.code, p.name, d.received_at, COALESCE(d.due_date, ''), d.returned_at"
                    " FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
                    " WHERE d.responsible_agency_id = :a AND d.returned_at >= :f AND d.returned_at < :t"
                    " AND NOT d.on_time ORDER BY d.returned_at, d.id LIMIT " +
                        std::to_string(limit) + " OFFSET " + std::to_string(offset),
       soci::use(a, "a"), soci::use(from, "f"), soci::use(to, "t"), soci::into(r.code), soci::into(r.procedure_code),
       soci::into(r.procedure_name), soci::into(r.received_at), soci::into(r.due_date), soci::into(r.returned_at));
  st.execute();
  while (st.fetch()) page.rows.push_back(r);
  return page;
}

}  // namespace tinhso::dossiers
