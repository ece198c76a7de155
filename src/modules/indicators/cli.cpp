#include "modules/indicators/cli.h"

#include <cstdio>
#include <map>
#include <memory>
#include <tuple>
#include <utility>
#include <vector>

#include "core/app/cli.h"
#include "core/calendar/working_calendar.h"
#include "modules/calendar/api.h"
#include "modules/audit/api.h"
#include "modules/dossiers/api.h"
#include "modules/petitions/api.h"
#include "modules/tasks/api.h"
#include "modules/indicators/api.h"

namespace tinhso::indicators {

namespace {

struct Command {
  bool check = false;
};

std::string cell_text(const dossiers::ProcedureMonth& c) {
  return "received=" + std::to_string(c.received) + " received_online=" + std::to_string(c.received_online) +
         " returned=" + std::to_string(c.returned) + " on_time=" + std::to_string(c.on_time) +
         " digitised=" + std::to_string(c.digitised) + " days_sum=" + std::to_string(c.days_sum) +
         " rated=" + std::to_string(c.rated) + " rating_sum=" + std::to_string(c.rating_sum) +
         " dissatisfied=" + std::to_string(c.dissatisfied);
}

std::string cell_text(const petitions::PetitionMonth& c) {
  return "received=" + std::to_string(c.received) + " settled=" + std::to_string(c.settled) +
         " on_time=" + std::to_string(c.on_time);
}
std::string cell_text(const petitions::SettleHours& c) { return "settled=" + std::to_string(c.settled); }

// Compares recounted cells with stored ones, prints every difference (a cell missing on either
// side included) under `what` and the cell's key, and counts them.
template <class Cell, class KeyOf, class KeyText>
long long compare(const char* what, const std::vector<Cell>& stored, const std::vector<Cell>& counted, KeyOf key_of,
                  KeyText key_text) {
  using Key = decltype(key_of(std::declval<const Cell&>()));
  std::map<Key, const Cell*> by_key_stored, by_key_counted;
  for (const auto& x : stored) by_key_stored[key_of(x)] = &x;
  for (const auto& x : counted) by_key_counted[key_of(x)] = &x;
  long long differing = 0;
  for (const auto& [k, x] : by_key_counted) {
    auto it = by_key_stored.find(k);
    if (it == by_key_stored.end() || !(*it->second == *x)) {
      ++differing;
      std::printf("%s %s: stored %s, recounted %s\n", what, key_text(*x).c_str(),
                  it == by_key_stored.end() ? "nothing" : cell_text(*it->second).c_str(), cell_text(*x).c_str());
    }
  }
  for (const auto& [k, x] : by_key_stored)
    if (!by_key_counted.count(k)) {
      ++differing;
      std::printf("%s %s: stored %s, recounted nothing\n", what, key_text(*x).c_str(), cell_text(*x).c_str());
    }
  return differing;
}

struct Recount {
  std::vector<dossiers::ProcedureMonth> dossiers_stored, dossiers_counted;
  petitions::PetitionFigures petitions_stored, petitions_counted;
  long long cells() const {
    return static_cast<long long>(dossiers_counted.size() + petitions_counted.months.size() +
                                  petitions_counted.hours.size());
  }
  long long differing() const {
    long long n = compare(
        "dossier figures", dossiers_stored, dossiers_counted,
        [](const dossiers::ProcedureMonth& x) { return std::tuple(x.agency_id, x.month, x.procedure_id); },
        [](const dossiers::ProcedureMonth& x) {
          return "agency=" + std::to_string(x.agency_id) + " month=" + x.month +
                 " procedure=" + std::to_string(x.procedure_id);
        });
    n += compare(
        "petition figures", petitions_stored.months, petitions_counted.months,
        [](const petitions::PetitionMonth& x) { return std::tuple(x.agency_id, x.month, x.kind, x.channel); },
        [](const petitions::PetitionMonth& x) {
          return "agency=" + std::to_string(x.agency_id) + " month=" + x.month + " kind=" + x.kind +
                 " channel=" + x.channel;
        });
    n += compare(
        "petition hours to settle", petitions_stored.hours, petitions_counted.hours,
        [](const petitions::SettleHours& x) { return std::tuple(x.agency_id, x.month, x.channel, x.hours); },
        [](const petitions::SettleHours& x) {
          return "agency=" + std::to_string(x.agency_id) + " month=" + x.month + " channel=" + x.channel +
                 " hours=" + std::to_string(x.hours);
        });
    return n;
  }
};

int recount(const Command& c, app::CommandEnv& env) {
  if (!env.schema_current()) return 2;
  auto progress = [](long long done, long long total) {
    std::fprintf(stderr, "\rtinhso indicators recount: %lld/%lld dossiers (%lld %%)", done, total,
                 total > 0 ? done * 100 / total : 100);
  };
  Recount r;
  // The tasks' figures are the stored board's: checked against the C++ rules as of today (they
  // are stocks, rebuilt by `tinhso tasks rebuild-board`, not written here).
  long long board_differing = 0;
  if (c.check) {
    const calendar::WorkCalendar cal(env.settings.holidays, calendar::stored_schedules(*env.db));
    const auto differences = env.db->with_session([&](soci::session& s) {
      return tasks::check_board(s, cal, env.settings.modules.get<tasks::Settings>().on_time,
                                calendar::to_local(env.clock.now()).day);
    });
    for (const auto& d : differences) {
      ++board_differing;
      auto text = [](const auto& counts) {
        std::string out;
        for (std::size_t i = 0; i < counts.size(); ++i)
          out += (i ? " " : "") + std::string(tasks::bucket_code(tasks::kCountedBuckets[i])) + "=" +
                 std::to_string(counts[i]);
        return out;
      };
      std::printf("task board lead=%lld: stored %s, recounted %s\n", static_cast<long long>(d.lead),
                  text(d.stored).c_str(), text(d.recounted).c_str());
    }
  }
  auto run = [&](soci::session& s) {
    r.dossiers_stored = dossiers::stored_procedure_months(s);
    r.dossiers_counted = dossiers::recount_procedure_months(s, progress);
    std::fprintf(stderr, "\n");
    r.petitions_stored = petitions::stored_petition_figures(s);
    r.petitions_counted = petitions::recount_petition_figures(s);
  };
  if (c.check) {
    env.db->with_session([&](soci::session& s) { run(s); });
    const long long differing = r.differing() + board_differing;
    std::fprintf(stderr, "tinhso indicators recount --check: %lld cells recounted, %lld differ\n", r.cells(),
                 differing);
    if (board_differing > 0)
      std::fprintf(stderr, "tinhso indicators recount: the task board differs; `tinhso tasks rebuild-board` rebuilds it\n");
    return differing == 0 ? 0 : 1;
  }
  long long differing = 0;
  env.db->transaction([&](soci::session& s) {
    run(s);
    differing = r.differing();
    dossiers::replace_procedure_months(s, r.dossiers_counted);
    petitions::replace_petition_figures(s, r.petitions_counted);
    audit::record_system(s, env.db->dialect(), env.clock, "cli:indicators",
                         {"indicators.recount", "figures", "all", "",
                          "{\"cells\":" + std::to_string(r.cells()) + ",\"corrected\":" +
                              std::to_string(differing) + "}"});
  });
  std::fprintf(stderr, "tinhso indicators recount: %lld cells written, %lld corrected\n", r.cells(), differing);
  return 0;
}

}  // namespace

void add_options(CLI::App& cmd, app::Settings& settings) {
  Settings& s = settings.modules.get<Settings>();
  app::add_setting<int>(
      cmd, "--indicator-entry-working-days", [&s](int v) { s.entry_working_days = v; },
      "Working days after a period's end by which an indicator's value is due; later entries are flagged late")
      ->envname("TINHSO_INDICATOR_ENTRY_WORKING_DAYS")
      ->check(CLI::Range(0, 60))
      ->default_str(std::to_string(s.entry_working_days));
  app::add_setting<double>(
      cmd, "--indicator-at-risk-percent", [&s](double v) { s.at_risk_percent = v; },
      "A figure short of the path to its target by at most this share of the path's span is at risk; beyond it, off "
      "track")
      ->envname("TINHSO_INDICATOR_AT_RISK_PERCENT")
      ->check(CLI::Range(0.0, 100.0))
      ->default_str("10");
  app::add_setting<std::string>(
      cmd, "--open-data-license-url", [&s](const std::string& v) { s.open_data_license_url = v; },
      "The URL of the licence the open data (/open-data) is published under")
      ->envname("TINHSO_OPEN_DATA_LICENSE_URL")
      ->default_str(s.open_data_license_url);
  app::add_setting<std::string>(
      cmd, "--open-data-license-name", [&s](const std::string& v) { s.open_data_license_name = v; },
      "The name of that licence")
      ->envname("TINHSO_OPEN_DATA_LICENSE_NAME")
      ->default_str(s.open_data_license_name);
}

void add_commands(app::Commands& commands, app::Settings&) {
  auto c = std::make_shared<Command>();
  CLI::App& root = commands.add(nullptr, "indicators", "Indicators: recount the figures they are computed from", {},
                                {.database = false, .writes = false, .parse_error_exit = 2});
  CLI::App& recount_cmd = commands.add(
      &root, "recount",
      "Recount the kept figures from the raw records, with progress; --check compares only and exits 1 naming "
      "every cell that differs",
      [c](app::CommandEnv& env) {
        try {
          return recount(*c, env);
        } catch (const std::exception& e) {
          std::fprintf(stderr, "\ntinhso indicators recount: %s\n", e.what());
          return 1;
        }
      },
      {.database = true, .writes = true, .parse_error_exit = 2});
  recount_cmd.add_flag("--check", c->check, "Compare only: exit 1 and name the cells if any kept figure differs");
}

}  // namespace tinhso::indicators
