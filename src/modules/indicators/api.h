#pragma once
// The indicators module (issue 17): the catalogue of indicators (Resolution 12 incomes and
// welfare, digital government and DTI, Decision 766, socio-economic), their targets and
// milestones, values entered by agencies and approved by their leaders with every version kept,
// values computed from what the other modules count, the Decision 766 scorecard per agency and for
// the province, and the leaders' dashboard with its drill-down. Facts and sources:
// ../shared/domain/LEADERS.md §2–3.
#include "core/app/module.h"

namespace tinhso::indicators {

app::Module module();

// The indicators module's settings.
struct Settings {
  // Working days after a period's last day by which its value is due; entered later, a value is
  // flagged late (LEADERS.md §1: reports due 2 working days after the period, M;
  // --indicator-entry-working-days).
  int entry_working_days = 2;
  // The status rule's band: a figure short of its path by at most this share of the path's span is
  // "at risk", beyond it "off track" (--indicator-at-risk-percent).
  double at_risk_percent = 10;
  // The licence of the open data (/open-data): its URL and name (--open-data-license-url,
  // --open-data-license-name).
  std::string open_data_license_url = "https://creativecommons.org/licenses/by/4.0/";
  std::string open_data_license_name = "CC BY 4.0";
};
inline const Settings& settings(const app::Context& ctx) { return ctx.settings.modules.get<Settings>(); }

}  // namespace tinhso::indicators
