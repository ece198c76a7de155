#include "modules/open311/view.h"

#include <array>

#include "core/auth/clock.h"
#include "core/calendar/date.h"

namespace tinhso::open311 {

namespace {
constexpr std::array<std::string_view, 5> kClosedStates = {"decided", "notified", "closed", "refused", "forwarded"};
constexpr std::array<std::string_view, 5> kOpenStates = {"received", "classified", "accepted", "assigned", "verified"};
}  // namespace

Status status_of_state(std::string_view state) {
  for (auto c : kClosedStates)
    if (c == state) return Status::closed;
  return Status::open;
}

std::vector<std::string> states_of(Status s) {
  std::vector<std::string> out;
  for (auto x : s == Status::closed ? kClosedStates : kOpenStates) out.emplace_back(x);
  return out;
}

UpdateStatus update_status_of_state(std::string_view to) {
  if (to == "classified" || to == "accepted") return UpdateStatus::investigating;
  if (to == "assigned") return UpdateStatus::action_scheduled;
  if (to == "verified") return UpdateStatus::in_progress;
  if (to == "decided" || to == "notified") return UpdateStatus::fixed;
  if (to == "closed") return UpdateStatus::closed;
  if (to == "refused") return UpdateStatus::no_further_action;
  if (to == "forwarded") return UpdateStatus::not_councils_responsibility;
  return UpdateStatus::open;
}

DateTime datetime_of_iso(const std::string& iso) {
  auto t = auth::parse_iso_utc(iso);
  return {std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(), kVietnamOffsetMinutes};
}

std::optional<DateTime> expected_of_due(const std::string& ymd) {
  if (ymd.empty()) return std::nullopt;
  auto t = parse_datetime(ymd + "T17:00:00+07:00");
  return t;
}

}  // namespace tinhso::open311
