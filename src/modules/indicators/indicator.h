#pragma once
// The records of the indicators module (migration 001): the catalogue, targets and entered values.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "modules/indicators/rules.h"

namespace tinhso::indicators {

// Which family an indicator belongs to (issue 17 §1).
enum class Group { resolution12, digital, d766, socioeconomic };
std::optional<Group> parse_group(std::string_view s);
std::string_view group_code(Group g);
// How values combine over units and over periods: sum, mean, the last period's, or (computed
// indicators) the ratio of the summed numerators and denominators.
enum class Aggregation { sum, mean, last, ratio };
std::optional<Aggregation> parse_aggregation(std::string_view s);
std::string_view aggregation_code(Aggregation a);

struct Indicator {
  std::int64_t id = 0;
  std::string code, name, name_en, definition, unit, unit_en;
  Direction direction = Direction::higher;
  Frequency frequency = Frequency::year;
  Aggregation aggregation = Aggregation::last;
  std::int64_t agency_id = 0;  // responsible agency; 0: none (a computed one counts every agency)
  Group group = Group::socioeconomic;
  std::string legal_basis;
  bool computed = false;  // source: computed by the modules' measures, else entered by the agency
  std::string numerator, denominator;  // rules.h expressions (computed only)
  double scale = 1;                    // 100 for a percentage
  int decimals = 1;
  int dashboard_rank = 0;  // 1, 2, … shown first on the dashboard; 0: not on it
  bool is_public = true;
  std::string note;  // e.g. "demo figures, not official"
  bool active = true;
  std::string updated_at;
};

struct Target {
  std::int64_t id = 0, indicator_id = 0;
  std::int64_t agency_id = 0;  // 0: the province
  int year = 0;
  bool milestone = false;
  double value = 0;
  std::optional<int> baseline_year;
  std::optional<double> baseline_value;
  std::string document, note, updated_at;
};

enum class ValueState { submitted, approved, rejected, superseded };
std::string_view value_state_code(ValueState s);
std::optional<ValueState> parse_value_state(std::string_view s);

struct Value {
  std::int64_t id = 0, indicator_id = 0, agency_id = 0;
  std::string period;
  int version = 1;
  double value = 0;
  std::string source, reason;
  ValueState state = ValueState::submitted;
  std::string due_date;
  bool late = false;
  std::int64_t entered_by = 0;
  std::string entered_by_name, entered_at;
  std::int64_t decided_by = 0;
  std::string decided_by_name, decided_at, decision_note;
  std::string file_name, file_type, file_sha256;
  long long file_size = 0;
};

}  // namespace tinhso::indicators
