// Generates realistic dossiers for the dossier benchmarks (bench/dossiers.sh): N dossiers spread
// over the last --years years across the catalogue's procedures, with their history, pauses,
// code counters and monthly figures, written in batches with a progress bar on stderr.
// The database must be migrated and hold the demo province (`tinhso migrate --db URL --demo`).
//
//   dossiers_gen --db sqlite:var/bench.db --count 1000000 [--years 1] [--seed 1] [--citizens 2000]
//                [--owner citizen@demo.tinhso.vn]   (every online dossier owned by that account)
//
// It writes the module's tables directly (bulk statements), not through the use cases: this is
// test data, made fast; the figures it leaves in dossier_stats are those the use cases keep.
#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench/progress.h"
#include "core/auth/clock.h"
#include "core/calendar/source.h"
#include "core/db/database.h"
#include "modules/dossiers/dossier.h"
#include "modules/dossiers/store.h"
#include "modules/dossiers/transition.h"

using namespace tinhso;
using namespace tinhso::dossiers;
using std::chrono::system_clock;

namespace {

struct ProcedureRow {
  long long id = 0, agency = 0, desk = 0;
  int limit = 0;
  std::string desk_code;
};

std::vector<ProcedureRow> load_procedures(soci::session& s) {
  ProcedureRow r;
  soci::statement st = (s.prepare << "SELECT p.id, p.agency_id, p.desk_agency_id, p.time_limit_working_days, a.code"
                                     " FROM procedures p JOIN agencies a ON a.id = p.desk_agency_id"
                                     " WHERE p.active = TRUE ORDER BY p.id",
                        soci::into(r.id), soci::into(r.agency), soci::into(r.desk), soci::into(r.limit),
                        soci::into(r.desk_code));
  st.execute();
  std::vector<ProcedureRow> out;
  while (st.fetch()) out.push_back(r);
  return out;
}

// Synthetic citizens who cannot sign in (no password hash); created once, reused on later runs.
std::vector<long long> ensure_citizens(soci::session& s, int count, const std::string& now) {
  long long have = 0;
  s << "SELECT COUNT(*) FROM accounts WHERE email LIKE 'bench-citizen-%'", soci::into(have);
  for (long long i = have; i < count; ++i) {
    std::string email = "bench-citizen-" + std::to_string(i) + "@example.invalid", name = "Công dân " + std::to_string(i);
    s << "INSERT INTO accounts (email, full_name, kind, status, created_at, updated_at)"
         " VALUES (:e, :n, 'citizen', 'active', :t, :t2)",
        soci::use(email, "e"), soci::use(name, "n"), soci::use(now, "t"), soci::use(now, "t2");
  }
  std::vector<long long> ids(static_cast<std::size_t>(count));
  s << "SELECT id FROM accounts WHERE email LIKE 'bench-citizen-%' ORDER BY id", soci::into(ids);
  return ids;
}

const char* const kFamily[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"};
const char* const kMiddle[] = {"Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Quốc", "Thanh", "Ngọc", "Xuân"};
const char* const kGiven[] = {"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Lan",
                              "Linh", "Mai", "Nam", "Phương", "Quân", "Sơn", "Thảo", "Trang", "Tuấn", "Yến"};

template <std::size_t N>
const char* pick(std::mt19937_64& rng, const char* const (&list)[N]) {
  return list[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

std::string digits(std::mt19937_64& rng, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += static_cast<char>('0' + std::uniform_int_distribution<int>(0, 9)(rng));
  return out;
}

// One batch of rows of the bulk statements, column by column.
struct Batch {
  std::vector<std::string> code, state, resume, channel, name, idn, phone, created, submitted, received, paused, due,
      appointment, returned, updated;
  std::vector<long long> procedure, desk, agency, applicant, assignee;
  std::vector<int> limit, on_time;
  // Events: index into the batch's dossiers, then the columns.
  std::vector<std::size_t> ev_dossier;
  std::vector<std::string> ev_at, ev_action, ev_from, ev_to, ev_role;
  std::vector<long long> ev_agency;
  std::vector<std::size_t> pause_dossier;
  std::vector<std::string> pause_from, pause_to;

  std::size_t size() const { return code.size(); }
  void clear() { *this = Batch{}; }
};


}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Generate dossiers for the benchmarks"};
  std::string url;
  long long count = 0;
  int years = 1, citizens = 2000;
  unsigned long long seed = 1;
  std::size_t batch_size = 2000;
  std::string owner;
  cli.add_option("--db", url, "Database URL (sqlite:PATH or postgresql://…)")->required();
  cli.add_option("--count", count, "How many dossiers to add")->required()->check(CLI::Range(1LL, 100'000'000LL));
  cli.add_option("--years", years, "Spread submissions over the last Y years")->check(CLI::Range(1, 10));
  cli.add_option("--seed", seed, "Random seed");
  cli.add_option("--citizens", citizens, "Synthetic citizen accounts to own online dossiers")->check(CLI::Range(1, 1'000'000));
  cli.add_option("--batch", batch_size, "Dossiers per transaction")->check(CLI::Range(1, 100'000));
  cli.add_option("--owner", owner, "E-mail of an existing account that owns every online dossier");
  CLI11_PARSE(cli, argc, argv);
  if (sodium_init() < 0) return 1;

  db::Database database(url, 2);
  const auto now = system_clock::now();
  const std::string now_iso = auth::iso_utc(now);
  auto procedures = database.with_session([](soci::session& s) { return load_procedures(s); });
  if (procedures.empty()) {
    std::fprintf(stderr, "dossiers_gen: no procedures: run `tinhso migrate --db URL --demo` first\n");
    return 2;
  }
  auto citizen_ids = database.transaction([&](soci::session& s) {
    if (owner.empty()) return ensure_citizens(s, citizens, now_iso);
    long long id = 0;
    soci::indicator ind = soci::i_null;
    s << "SELECT id FROM accounts WHERE email = :e", soci::use(owner, "e"), soci::into(id, ind);
    if (ind != soci::i_ok) throw std::runtime_error("no account " + owner);
    return std::vector<long long>{id};
  });

  calendar::CalendarSource source(calendar::HolidayRules{}, calendar::DeadlineRules{});
  auto cal = source.current();
  std::mt19937_64 rng(seed);
  const auto span = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::days{365} * years);
  std::uniform_int_distribution<long long> when(0, span.count());
  std::uniform_real_distribution<double> unit(0, 1);
  std::map<std::string, long long> counters;  // code prefix → last sequence, continuing earlier runs
  database.with_session([&](soci::session& s) {
    std::string prefix;
    long long last = 0;
    soci::statement st = (s.prepare << "SELECT prefix, last_value FROM dossier_code_counters", soci::into(prefix),
                          soci::into(last));
    st.execute();
    while (st.fetch()) counters[prefix] = last;
    return 0;
  });
  std::map<std::pair<long long, std::string>, StatsDelta> stats;  // this batch's figures
  std::set<std::string> touched;                                    // this batch's code prefixes

  auto add_event = [](Batch& b, std::size_t i, system_clock::time_point t, const char* action, const char* from,
                      const char* to, const char* role, long long agency) {
    b.ev_dossier.push_back(i);
    b.ev_at.push_back(auth::iso_utc(t));
    b.ev_action.push_back(action);
    b.ev_from.push_back(from);
    b.ev_to.push_back(to);
    b.ev_role.push_back(role);
    b.ev_agency.push_back(agency);
  };

  auto flush = [&](Batch& b) {
    database.transaction([&](soci::session& s) {
      long long before = 0;
      s << "SELECT COALESCE(MAX(id), 0) FROM dossiers", soci::into(before);
      std::vector<std::string> empty(b.size()), details(b.size(), "Hồ sơ sinh ra cho đo hiệu năng");
      std::vector<std::string> email(b.size());
      s << "INSERT INTO dossiers (code, procedure_id, desk_agency_id, agency_id, responsible_agency_id, state,"
           " resume_state, channel, applicant_account_id, applicant_name, applicant_id_number, applicant_phone,"
           " applicant_email, applicant_address, details, time_limit_working_days, created_at, submitted_at,"
           " received_at, paused_at, due_date, appointment_date, returned_at, on_time, updated_at, version)"
           " VALUES (:code, :procedure, :desk, :agency, :agency2, :state, NULLIF(:resume, ''), :channel,"
           " NULLIF(:applicant, 0), :name, :idn, :phone, :email, '', :details, :limit, :created, :submitted,"
           " NULLIF(:received, ''), NULLIF(:paused, ''), NULLIF(:due, ''), NULLIF(:appointment, ''),"
           " NULLIF(:returned, ''), CASE CAST(:on_time AS INTEGER) WHEN 1 THEN TRUE WHEN 0 THEN FALSE ELSE NULL END,"
           " :updated, 0)",
          soci::use(b.code, "code"), soci::use(b.procedure, "procedure"), soci::use(b.desk, "desk"),
          soci::use(b.agency, "agency"), soci::use(b.agency, "agency2"), soci::use(b.state, "state"),
          soci::use(b.resume, "resume"), soci::use(b.channel, "channel"), soci::use(b.applicant, "applicant"),
          soci::use(b.name, "name"), soci::use(b.idn, "idn"), soci::use(b.phone, "phone"), soci::use(email, "email"),
          soci::use(details, "details"), soci::use(b.limit, "limit"), soci::use(b.created, "created"),
          soci::use(b.submitted, "submitted"), soci::use(b.received, "received"), soci::use(b.paused, "paused"),
          soci::use(b.due, "due"), soci::use(b.appointment, "appointment"), soci::use(b.returned, "returned"),
          soci::use(b.on_time, "on_time"), soci::use(b.updated, "updated");
      std::vector<long long> ids(b.size());
      s << "SELECT id FROM dossiers WHERE id > :before ORDER BY id", soci::use(before, "before"), soci::into(ids);
      if (ids.size() != b.size()) throw std::runtime_error("another writer added dossiers meanwhile");
      std::vector<long long> ev_ids;
      for (auto i : b.ev_dossier) ev_ids.push_back(ids[i]);
      std::vector<std::string> notes(ev_ids.size());
      s << "INSERT INTO dossier_events (dossier_id, at, action, from_state, to_state, actor_role, agency_id, note)"
           " VALUES (:d, :at, :action, NULLIF(:from, ''), :to, :role, :agency, :note)",
          soci::use(ev_ids, "d"), soci::use(b.ev_at, "at"), soci::use(b.ev_action, "action"), soci::use(b.ev_from, "from"),
          soci::use(b.ev_to, "to"), soci::use(b.ev_role, "role"), soci::use(b.ev_agency, "agency"), soci::use(notes, "note");
      if (!b.pause_dossier.empty()) {
        std::vector<long long> p_ids;
        for (auto i : b.pause_dossier) p_ids.push_back(ids[i]);
        s << "INSERT INTO dossier_pauses (dossier_id, paused_at, resumed_at) VALUES (:d, :f, NULLIF(:t, ''))",
            soci::use(p_ids, "d"), soci::use(b.pause_from, "f"), soci::use(b.pause_to, "t");
      }
      // The counters and figures of this batch commit with it, so an interrupted run can be continued.
      for (const auto& prefix : touched) {
        long long value = counters[prefix];
        s << "INSERT INTO dossier_code_counters (prefix, last_value) VALUES (:p, :v) ON CONFLICT (prefix)"
             " DO UPDATE SET last_value = excluded.last_value",
            soci::use(prefix, "p"), soci::use(value, "v");
      }
      for (const auto& [key, x] : stats) add_stats(s, key.first, key.second, x);
      return 0;
    });
    stats.clear();
    touched.clear();
    b.clear();
  };

  bench::Progress progress(count, "dossiers");
  Batch b;
  for (long long n = 0; n < count; ++n) {
    const ProcedureRow& p = procedures[static_cast<std::size_t>(rng() % procedures.size())];
    auto submitted = now - span + std::chrono::seconds(when(rng));
    calendar::Date day = calendar::to_local(submitted).day;
    std::string prefix = code_prefix(p.desk_code, day);
    std::size_t i = b.size();
    bool online = unit(rng) < 0.65;
    b.code.push_back(format_code(prefix, ++counters[prefix]));
    touched.insert(prefix);
    b.procedure.push_back(p.id);
    b.desk.push_back(p.desk);
    b.agency.push_back(p.agency);
    b.channel.push_back(online ? "online" : "counter");
    b.applicant.push_back(online ? citizen_ids[static_cast<std::size_t>(rng() % citizen_ids.size())] : 0);
    b.name.push_back(std::string(pick(rng, kFamily)) + " " + pick(rng, kMiddle) + " " + pick(rng, kGiven));
    b.idn.push_back("0" + digits(rng, 11));
    b.phone.push_back("09" + digits(rng, 8));
    b.limit.push_back(p.limit);
    b.created.push_back(auth::iso_utc(submitted - std::chrono::minutes(20)));
    b.submitted.push_back(auth::iso_utc(submitted));
    add_event(b, i, submitted, "submit", "draft", "submitted", "applicant", p.desk);

    // How far it went: older dossiers are almost all finished.
    const double age_days = std::chrono::duration<double>(now - submitted).count() / 86400.0;
    const double r = unit(rng);
    std::string state = "submitted", received, paused, due, returned;
    int on_time = -1;
    if (r < 0.015) {
      state = "refused";
      add_event(b, i, submitted + std::chrono::hours(20), "refuse", "submitted", "refused", "one_stop_officer", p.desk);
    } else if (age_days > 2 || r < 0.5) {
      auto rec = submitted + std::chrono::hours(2 + static_cast<long>(rng() % 30));
      if (rec > now) rec = now;
      received = auth::iso_utc(rec);
      Dossier d;
      d.received_at = received;
      d.time_limit_working_days = p.limit;
      std::vector<PauseRow> pauses;
      if (unit(rng) < 0.08) {  // a supplement request on the second day
        auto from = rec + std::chrono::hours(26), to = from + std::chrono::hours(24 * (1 + static_cast<long>(rng() % 5)));
        bool open = to > now;
        pauses.push_back({auth::iso_utc(from), open ? "" : auth::iso_utc(to)});
        b.pause_dossier.push_back(i);
        b.pause_from.push_back(pauses.back().paused_at);
        b.pause_to.push_back(pauses.back().resumed_at);
        if (open) paused = pauses.back().paused_at;
      }
      auto due_day = statutory_due(d, pauses, *cal, source.deadline_rules());
      due = due_day ? calendar::format_date(*due_day) : "";
      add_event(b, i, rec, "receive", "submitted", "received", "one_stop_officer", p.desk);
      stats[{p.agency, local_month(received)}].received += 1;
      stats[{p.agency, local_month(received)}].received_online += online ? 1 : 0;
      // Returned after 30–115% of the time limit (in calendar terms, roughly 1.4 days per working day).
      double share = 0.3 + unit(rng) * 0.85;
      auto done = rec + std::chrono::hours(static_cast<long>(24 * 1.4 * std::max(p.limit, 1) * share));
      if (!paused.empty()) {
        state = "supplement_requested";
        stats[{p.agency, local_month(received)}].open_count += 1;
      } else if (done < now) {
        state = "returned";
        returned = auth::iso_utc(done);
        on_time = !due.empty() && calendar::format_date(calendar::to_local(done).day) <= due ? 1 : 0;
        add_event(b, i, rec + (done - rec) / 4, "assign", "received", "processing", "agency_leader", p.agency);
        add_event(b, i, rec + (done - rec) * 3 / 4, "propose", "processing", "proposed", "specialist", p.agency);
        add_event(b, i, rec + (done - rec) * 7 / 8, "approve", "proposed", "approved", "agency_leader", p.agency);
        add_event(b, i, done, "return_result", "approved", "returned", "one_stop_officer", p.desk);
        auto& m = stats[{p.agency, local_month(returned)}];
        (on_time ? m.on_time : m.late) += 1;
      } else {
        const char* states[] = {"received", "processing", "proposed", "approved"};
        state = states[rng() % 4];
        stats[{p.agency, local_month(received)}].open_count += 1;
      }
    }
    b.state.push_back(state);
    b.resume.push_back(paused.empty() ? "" : "received");
    b.received.push_back(received);
    b.paused.push_back(paused);
    b.due.push_back(paused.empty() ? due : "");
    b.appointment.push_back(due);
    b.returned.push_back(returned);
    b.on_time.push_back(on_time);
    b.updated.push_back(returned.empty() ? (received.empty() ? b.submitted.back() : received) : returned);
    b.assignee.push_back(0);
    if (b.size() == batch_size) {
      flush(b);
      progress.show(n + 1);
    }
  }
  if (b.size()) flush(b);
  progress.show(count);
  std::fprintf(stderr, "dossiers_gen: %lld dossiers added\n", count);
  return 0;
}
