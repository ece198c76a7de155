#include "modules/dossiers/dossier.h"

#include <chrono>
#include <cstdio>

#include "core/auth/clock.h"

namespace tinhso::dossiers {

std::string_view channel_code(Channel c) { return c == Channel::online ? "online" : "counter"; }

Clock clock_of(const Dossier& d) {
  if (d.received_at.empty()) return Clock::not_started;
  if (!d.returned_at.empty()) return Clock::stopped;
  if (!d.paused_at.empty()) return Clock::paused;
  return Clock::running;
}

namespace {
calendar::LocalMoment local(const std::string& iso) { return calendar::to_local(auth::parse_iso_utc(iso)); }
}  // namespace

std::optional<calendar::Date> statutory_due(const Dossier& d, const std::vector<PauseRow>& pauses,
                                            const calendar::WorkCalendar& cal, const calendar::DeadlineRules& rules) {
  if (d.received_at.empty()) return std::nullopt;
  calendar::DeadlineSpec spec{local(d.received_at), {calendar::Unit::working_days, d.time_limit_working_days}, {}, {}};
  for (const auto& p : pauses) {
    spec.pauses.push_back({local(p.paused_at),
                           p.resumed_at.empty() ? std::nullopt : std::optional<calendar::LocalMoment>(local(p.resumed_at))});
  }
  return calendar::DeadlineEngine(cal, rules).due(spec);
}

std::string code_prefix(std::string_view desk_agency_code, calendar::Date day) {
  std::chrono::year_month_day ymd(day);
  auto two = [](unsigned v) { return std::string{static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10)}; };
  return std::string(desk_agency_code) + "-" + two(static_cast<unsigned>(static_cast<int>(ymd.year()) % 100)) +
         two(static_cast<unsigned>(ymd.month())) + two(static_cast<unsigned>(ymd.day()));
}

std::string format_code(std::string_view prefix, std::int64_t sequence) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(sequence));
  return std::string(prefix) + "-" + buf;
}

}  // namespace tinhso::dossiers
