#include "modules/indicators/cli.h"

#include <cstdio>
#include <map>
#include <memory>
#include <tuple>

#include "core/app/cli.h"
#include "modules/audit/api.h"
#include "modules/dossiers/api.h"
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

int recount(const Command& c, app::CommandEnv& env) {
  if (!env.schema_current()) return 2;
  auto progress = [](long long done, long long total) {
    std::fprintf(stderr, "\rtinhso indicators recount: %lld/%lld dossiers (%lld %%)", done, total,
                 total > 0 ? done * 100 / total : 100);
  };
  using Key = std::tuple<std::int64_t, std::string, std::int64_t>;
  std::map<Key, dossiers::ProcedureMonth> stored, counted;
  auto run = [&](soci::session& s) {
    for (auto& x : dossiers::stored_procedure_months(s)) stored[{x.agency_id, x.month, x.procedure_id}] = x;
    auto recounted = dossiers::recount_procedure_months(s, progress);
    std::fprintf(stderr, "\n");
    for (auto& x : recounted) counted[{x.agency_id, x.month, x.procedure_id}] = x;
    return recounted;
  };
  long long differing = 0;
  auto compare = [&] {
    for (const auto& [k, x] : counted) {
      auto it = stored.find(k);
      if (it == stored.end() || !(it->second == x)) {
        ++differing;
        std::printf("dossier figures agency=%lld month=%s procedure=%lld: stored %s, recounted %s\n",
                    static_cast<long long>(std::get<0>(k)), std::get<1>(k).c_str(),
                    static_cast<long long>(std::get<2>(k)),
                    it == stored.end() ? "nothing" : cell_text(it->second).c_str(), cell_text(x).c_str());
      }
    }
    for (const auto& [k, x] : stored)
      if (!counted.count(k)) {
        ++differing;
        std::printf("dossier figures agency=%lld month=%s procedure=%lld: stored %s, recounted nothing\n",
                    static_cast<long long>(std::get<0>(k)), std::get<1>(k).c_str(),
                    static_cast<long long>(std::get<2>(k)), cell_text(x).c_str());
      }
  };
  if (c.check) {
    env.db->with_session([&](soci::session& s) { run(s); });
    compare();
    std::fprintf(stderr, "tinhso indicators recount --check: %zu cells recounted, %lld differ\n", counted.size(),
                 differing);
    return differing == 0 ? 0 : 1;
  }
  env.db->transaction([&](soci::session& s) {
    auto recounted = run(s);
    compare();
    dossiers::replace_procedure_months(s, recounted);
    audit::record_system(s, env.db->dialect(), env.clock, "cli:indicators",
                         {"indicators.recount", "dossier_procedure_stats", "all", "",
                          "{\"cells\":" + std::to_string(recounted.size()) + ",\"corrected\":" +
                              std::to_string(differing) + "}"});
  });
  std::fprintf(stderr, "tinhso indicators recount: %zu cells written, %lld corrected\n", counted.size(), differing);
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
