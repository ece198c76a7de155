#include <string>

#include "core/app/cli.h"
#include "core/app/demo.h"
#include "modules/dossiers/api.h"
#include "modules/dossiers/demo.h"
#include "modules/dossiers/lateness_job.h"
#include "modules/dossiers/routes.h"
#include "modules/dossiers/store_hand_over.h"

namespace tinhso::dossiers {

namespace {

void add_options(CLI::App& cmd, app::OptionScope scope, app::Settings& all) {
  if (scope != app::OptionScope::serve) return;
  Settings& s = all.modules.get<Settings>();
  app::add_setting<int>(cmd, "--demo-history-months", [&all](int n) { all.modules.get<app::DemoSettings>().history_months = n; },
                        "`tinhso demo`: months of past cases before today's demo cases — dossiers received, handled, "
                        "returned (some late) and rated, petitions and city reports answered (some late), each on "
                        "their own days; 0: none")
      ->envname("TINHSO_DEMO_HISTORY_MONTHS")
      ->check(CLI::Range(0, 36))
      ->default_str(std::to_string(all.modules.get<app::DemoSettings>().history_months));
  app::add_setting<std::string>(
      cmd, "--sms-webhook", [&s](const std::string& v) { s.sms_webhook = v; },
      "http:// URL of the SMS gateway: dossier notices are POSTed there as JSON {to, text, dossier_code};"
      " none if empty")
      ->envname("TINHSO_SMS_WEBHOOK");
  app::add_setting<std::string>(
         cmd, "--supplement-clock", [&s](const std::string& v) { s.supplement_restarts_clock = v == "restart"; },
         "When a supplement completes a dossier, the time limit counts again in full (restart, Decree 61/2018/NĐ-CP "
         "Art. 19(4)) or the time left counts on (resume)")
      ->envname("TINHSO_SUPPLEMENT_CLOCK")
      ->check(CLI::IsMember({"restart", "resume"}))
      ->default_str("restart");
  app::add_setting<int>(cmd, "--supplement-request-days", [&s](int n) { s.supplement_request_working_days = n; },
                 "Working days after receipt within which the desk asks for a supplement (Decree 61/2018/NĐ-CP Art. "
                 "19(4)); later requests are made and marked late")
      ->envname("TINHSO_SUPPLEMENT_REQUEST_DAYS")
      ->check(CLI::Range(0, 60))
      ->default_str(std::to_string(s.supplement_request_working_days));
  app::add_setting<int>(cmd, "--apology-days-before", [&s](int n) { s.apology_days_before_due = n; },
                 "Days before the due day by which a late dossier's apology must be sent (Decree 61/2018/NĐ-CP Art. 19(9))")
      ->envname("TINHSO_APOLOGY_DAYS_BEFORE")
      ->check(CLI::Range(0, 60))
      ->default_str(std::to_string(s.apology_days_before_due));
  app::add_setting<int>(cmd, "--apology-max", [&s](int n) { s.apology_max_reschedules = n; },
                 "How many times a dossier's appointment may be rescheduled with an apology (Decree 61/2018/NĐ-CP Art. 19(9))")
      ->envname("TINHSO_APOLOGY_MAX")
      ->check(CLI::Range(1, 10))
      ->default_str(std::to_string(s.apology_max_reschedules));
}

}  // namespace

app::Module module() {
  app::Module m;
  m.name = "dossiers";
  m.add_routes = [](http::Router& router, app::Context& ctx) { add_routes(router, ctx); };
  m.load_demo = load_demo;
  m.start = start_background;
  m.stop = stop_background;
  m.hand_over_agency = hand_over_agency;
  m.add_options = add_options;
  // Each row's roles are those its guard admits (permissions.h): /desk require_desk_officer,
  // /work require_processing_staff, /dossiers/mine require_citizen; /lookup and the statistics
  // are public. The province leader, who reaches no work queue, lands on the statistics.
  m.nav = {{"/dossiers/mine", "dossiers.nav_mine", false, {auth::Role::citizen}, {auth::Role::citizen}},
           {"/lookup", "dossiers.nav_lookup", true, {}},
           {"/desk", "dossiers.nav_desk", false, {auth::Role::one_stop_officer}, {auth::Role::one_stop_officer}},
           {"/work", "dossiers.nav_work", false,
            {auth::Role::one_stop_officer, auth::Role::specialist, auth::Role::agency_leader},
            {auth::Role::specialist, auth::Role::agency_leader}},
           {"/statistics/dossiers", "dossiers.nav_statistics", true,
            {auth::Role::agency_leader, auth::Role::province_leader}, {auth::Role::province_leader}}};
  return m;
}

}  // namespace tinhso::dossiers
