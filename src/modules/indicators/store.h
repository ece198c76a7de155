#pragma once
// All SQL of the indicators module's own tables (migration 001).
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "modules/indicators/indicator.h"

namespace tinhso::indicators {

std::vector<Indicator> list_indicators(soci::session& s);  // by code
std::optional<Indicator> find_indicator(soci::session& s, const std::string& code);
std::optional<Indicator> find_indicator_by_id(soci::session& s, std::int64_t id);
// Inserts or updates by code; returns the id and whether it was new.
std::pair<std::int64_t, bool> upsert_indicator(soci::session& s, const Indicator& i);

// The catalogue and every target in one statement (the pages that show indicators against their
// targets).
struct Catalogue {
  std::vector<Indicator> indicators;  // by code
  std::vector<Target> targets;        // by indicator code, agency, year
  // The approved values in force (approved_values; id, indicator, agency, period and value only),
  // by indicator, agency, period.
  std::vector<Value> approved;
};
// The catalogue, its targets and the approved values in force: one statement.
Catalogue load_catalogue(soci::session& s);
std::vector<Target> targets_of(soci::session& s, std::int64_t indicator_id);
// Inserts or replaces the target of (indicator, agency, year); returns its id.
std::int64_t upsert_target(soci::session& s, const Target& t);

// The values in force of indicator `indicator_id`: the newest approved version of every (agency,
// period), by agency and period (load_catalogue reads every indicator's with the catalogue).
std::vector<Value> approved_values(soci::session& s, std::int64_t indicator_id);
// Every version of indicator `indicator_id`'s values, newest period and version first (names of
// who entered and decided included); at most `limit`.
std::vector<Value> value_history(soci::session& s, std::int64_t indicator_id, int limit);
// The versions waiting for approval of the indicators whose ids are given (empty: none).
std::vector<Value> pending_values(soci::session& s, const std::vector<std::int64_t>& indicators);
std::optional<Value> find_value(soci::session& s, std::int64_t id);
// The newest version of (indicator, agency, period), any state.
std::optional<Value> latest_version(soci::session& s, std::int64_t indicator_id, std::int64_t agency,
                                    const std::string& period);
struct ValueFile {
  std::string name, type, content_base64;
};
std::optional<ValueFile> value_file(soci::session& s, std::int64_t id);
std::int64_t insert_value(soci::session& s, const Value& v, const std::string& file_content_base64);
// Sets the decision on a submitted version; false when it is no longer submitted.
bool decide_value(soci::session& s, std::int64_t id, ValueState to, std::int64_t by, const std::string& at,
                  const std::string& note);
// Marks every approved version of (indicator, agency, period) but `keep` superseded.
void supersede_others(soci::session& s, std::int64_t indicator_id, std::int64_t agency, const std::string& period,
                      std::int64_t keep);

}  // namespace tinhso::indicators
