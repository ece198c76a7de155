#pragma once
// The indicators module's actions (issue 17 §1–3), one function each: plain inputs and an Env in,
// an outcome out; each runs in the caller's transaction and writes its audit records through
// env.audit.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/auth/clock.h"
#include "core/calendar/working_calendar.h"
#include "modules/audit/api.h"
#include "modules/indicators/catalogue_file.h"
#include "modules/indicators/indicator.h"

namespace tinhso::indicators {

struct Env {
  soci::session& s;
  const auth::Clock& clock;
  const calendar::WorkCalendar& calendar;
  const audit::Recorder& audit;
  // Working days after a period's last day by which its value is due (LEADERS.md §1: reports due
  // 2 working days after the period; --indicator-entry-working-days).
  int entry_working_days = 2;
};

// Creates or updates every row (by code), agencies resolved by code, one audit record
// (indicator.create / indicator.update) per indicator. Problems (an unknown agency) change
// nothing; the caller's transaction is left to roll back.
struct ImportResult {
  int created = 0, updated = 0;
  std::vector<CatalogueProblem> problems;
};
ImportResult import_catalogue(const Env& env, const std::vector<CatalogueRow>& rows);

// Sets the target (or milestone) of (indicator, agency, year); audit indicator.target.
struct TargetInput {
  std::string indicator_code;
  std::int64_t agency_id = 0;
  int year = 0;
  bool milestone = false;
  std::string value, baseline_year, baseline_value, document, note;
};
struct FieldError {
  std::string field, message_id;
};
struct TargetResult {
  std::int64_t id = 0;
  std::vector<FieldError> problems;
};
TargetResult set_target(const Env& env, const TargetInput& in);

// An officer enters a period's value (a new version: the first, or a correction of the version
// in force, which needs a reason). Refused while another version waits for approval. Due on the
// entry_working_days-th working day after the period's last day; entered later: flagged late.
struct EnterInput {
  std::string indicator_code;
  std::int64_t agency_id = 0;  // 0: the province
  std::string period, value, source, reason;
  std::string file_name, file_bytes;  // optional: PDF, JPEG or PNG by content
  std::int64_t by = 0;
};
struct EnterResult {
  std::int64_t id = 0;
  int version = 0;
  bool late = false;
  std::vector<FieldError> problems;
};
// `may_enter` decides on the indicator found (permissions.h); false → EnterResult with the
// problem "forbidden" at field "".
EnterResult enter_value(const Env& env, const EnterInput& in, const std::function<bool(const Indicator&)>& may_enter);

// A leader approves or rejects a submitted version; approving supersedes the version in force.
enum class Decision { approve, reject };
enum class DecideOutcome { done, not_found, forbidden, not_pending, note_required };
DecideOutcome decide(const Env& env, std::int64_t value_id, Decision d, const std::string& note, std::int64_t by,
                     const std::function<bool(const Indicator&, const Value&)>& may_decide);

}  // namespace tinhso::indicators
