#pragma once
// What `tinhso demo` loads besides each module's own demo data, shared by the modules whose demo
// has a history (dossiers, petitions, Open311), kept in app::Settings::modules.
namespace tinhso::app {

struct DemoSettings {
  // Months of past cases before today's demo cases — dossiers received, handled, returned (some
  // late) and rated, petitions and city reports answered (some late) — each on their own days, so
  // that the figures kept per month (statistics, indicators, the Decision 766 scorecard) have a
  // history to show (--demo-history-months, declared by the dossiers module; 0: none).
  int history_months = 12;
};

}  // namespace tinhso::app
