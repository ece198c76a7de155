#include "modules/indicators/indicator.h"

namespace tinhso::indicators {

std::optional<Group> parse_group(std::string_view s) {
  if (s == "resolution12") return Group::resolution12;
  if (s == "digital") return Group::digital;
  if (s == "d766") return Group::d766;
  if (s == "socioeconomic") return Group::socioeconomic;
  return std::nullopt;
}

std::string_view group_code(Group g) {
  switch (g) {
    case Group::resolution12: return "resolution12";
    case Group::digital: return "digital";
    case Group::d766: return "d766";
    case Group::socioeconomic: return "socioeconomic";
  }
  return "socioeconomic";
}

std::optional<Aggregation> parse_aggregation(std::string_view s) {
  if (s == "sum") return Aggregation::sum;
  if (s == "mean") return Aggregation::mean;
  if (s == "last") return Aggregation::last;
  if (s == "ratio") return Aggregation::ratio;
  return std::nullopt;
}

std::string_view aggregation_code(Aggregation a) {
  switch (a) {
    case Aggregation::sum: return "sum";
    case Aggregation::mean: return "mean";
    case Aggregation::last: return "last";
    case Aggregation::ratio: return "ratio";
  }
  return "last";
}

std::string_view value_state_code(ValueState s) {
  switch (s) {
    case ValueState::submitted: return "submitted";
    case ValueState::approved: return "approved";
    case ValueState::rejected: return "rejected";
    case ValueState::superseded: return "superseded";
  }
  return "submitted";
}

std::optional<ValueState> parse_value_state(std::string_view s) {
  if (s == "submitted") return ValueState::submitted;
  if (s == "approved") return ValueState::approved;
  if (s == "rejected") return ValueState::rejected;
  if (s == "superseded") return ValueState::superseded;
  return std::nullopt;
}

}  // namespace tinhso::indicators
