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

// The clock runs from the day it (re)started: a pause begun earlier (after the cut-off on the
// day of receipt or of a completion) starts on that day, so it spends no day of the period.
// Kept apart from statutory_due, and without optional chains, because clang-tidy's
// optional-access dataflow took minutes over the two combined.
void add_pauses(const calendar::DeadlineEngine& engine, const std::vector<PauseRow>& pauses,
                calendar::DeadlineSpec& spec) {
  auto started = engine.effective_receipt_day(spec.received);
  bool running = started.has_value();
  calendar::Date running_from = running ? *started : calendar::Date{};
  for (const auto& p : pauses) {
    calendar::LocalMoment from = local(p.paused_at), to = local(p.resumed_at);
    auto resumed = engine.effective_receipt_day(to);
    if (running && resumed.has_value() && resumed.value() <= running_from) continue;  // wholly before the clock ran
    if (running && from.day < running_from) from = {running_from, std::nullopt};
    spec.pauses.push_back({from, to});
    running = resumed.has_value();
    if (running) running_from = resumed.value();
  }
}
}  // namespace

std::optional<calendar::Date> statutory_due(const Dossier& d, const std::vector<PauseRow>& pauses,
                                            const calendar::WorkCalendar& cal, const calendar::DeadlineRules& rules,
                                            SupplementClock after_supplement) {
  if (d.received_at.empty()) return std::nullopt;
  const calendar::Period period{d.time_limit_unit, d.time_limit_working_days};
  calendar::DeadlineEngine engine(cal, rules);
  if (!pauses.empty() && pauses.back().resumed_at.empty()) return std::nullopt;  // the clock stands
  if (after_supplement == SupplementClock::restart) {
    // Decree 61/2018/NĐ-CP Art. 19(4): the last completion counts as the receipt.
    const std::string& from = pauses.empty() ? d.received_at : pauses.back().resumed_at;
    return engine.due({local(from), period, {}, {}});
  }
  calendar::DeadlineSpec spec{local(d.received_at), period, {}, {}};
  add_pauses(engine, pauses, spec);
  return engine.due(spec);
}

std::optional<calendar::Date> supplement_request_limit(const Dossier& d, const calendar::WorkCalendar& cal,
                                                       const calendar::DeadlineRules& rules, int working_days) {
  const std::string& from = d.channel == Channel::counter ? d.received_at : d.submitted_at;
  if (from.empty()) return std::nullopt;
  return calendar::DeadlineEngine(cal, rules).due({local(from), {calendar::Unit::working_days, working_days}, {}, {}});
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
