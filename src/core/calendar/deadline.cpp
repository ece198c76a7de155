#include "core/calendar/deadline.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

namespace tinhso::calendar {

namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

// More days than the supported range holds: any larger total leaves it.
constexpr std::int64_t kMaxTotal = 200000;

void check_time(const LocalMoment& m) {
  if (m.time && (*m.time < minutes{0} || *m.time >= hours{24}))
    throw std::invalid_argument("time of day outside [00:00, 24:00)");
}

// Whether a is strictly before b. A moment without a time of day stands for the whole day, so it
// is before b only when its day is earlier.
bool before(const LocalMoment& a, const LocalMoment& b) {
  if (a.day != b.day) return a.day < b.day;
  return a.time && b.time && *a.time < *b.time;
}

void check_amounts(const DeadlineSpec& s) {
  if (s.period.amount < 0) throw std::invalid_argument("negative period");
  for (const Period& e : s.extensions) {
    if (e.amount < 0) throw std::invalid_argument("negative extension");
    if (e.unit != s.period.unit) throw std::invalid_argument("extension in another unit than the period");
  }
}

// Pauses in time order, not overlapping, none before the receipt; only the last may be open.
void check_pauses(const DeadlineSpec& s) {
  const LocalMoment* previous_end = &s.received;
  for (std::size_t i = 0; i < s.pauses.size(); ++i) {
    const Pause& p = s.pauses[i];
    check_time(p.from);
    if (before(p.from, *previous_end)) throw std::invalid_argument("pause before the receipt or the previous pause");
    if (!p.to) {
      if (i + 1 != s.pauses.size()) throw std::invalid_argument("an open pause that is not the last");
      return;
    }
    check_time(*p.to);
    if (before(*p.to, p.from)) throw std::invalid_argument("pause ending before it starts");
    previous_end = &*p.to;
  }
}

void check_spec(const DeadlineSpec& s) {
  check_time(s.received);
  check_amounts(s);
  check_pauses(s);
}

bool has_open_pause(const DeadlineSpec& s) { return !s.pauses.empty() && !s.pauses.back().to; }

}  // namespace

std::optional<Date> civil_code_due(const WorkCalendar& calendar, Date start, Period period,
                                   const std::vector<Period>& extensions) {
  DeadlineSpec spec{{start, std::nullopt}, period, {}, extensions};
  check_amounts(spec);
  if (!in_range(start)) return std::nullopt;
  std::int64_t total = period.amount;
  for (const Period& e : extensions) total += e.amount;
  if (total > kMaxTotal) return std::nullopt;
  // Civil Code 2015 Art. 147(1): counted from the day after `start`.
  if (period.unit == Unit::working_days) return calendar.add_working_days(start, static_cast<int>(total));
  const Date end = start + days{total};
  if (!in_range(end)) return std::nullopt;
  return calendar.roll_forward(end);  // Civil Code 2015 Art. 148(5)
}

std::optional<Date> DeadlineEngine::effective_receipt_day(const LocalMoment& received) const {
  check_time(received);
  if (!in_range(received.day)) return std::nullopt;
  if (!received.time || !rules_.cutoff) return received.day;  // a date alone is never moved
  // Decree 61/2018/NĐ-CP Art. 18(2–3): at or after the cut-off, or on a day off, the application is
  // passed on at the start of the next working day.
  if (*received.time >= *rules_.cutoff || !cal_.is_working_day(received.day)) return cal_.next_working_day(received.day);
  return received.day;
}

// The due day counting every closed pause, an open one adding nothing: so while paused, the due
// day if the clock restarted on the pause day. nullopt when a date leaves the range.
std::optional<Date> DeadlineEngine::due_ignoring_open_pause(const DeadlineSpec& s) const {
  const auto start = effective_receipt_day(s.received);
  if (!start) return std::nullopt;
  const bool working = s.period.unit == Unit::working_days;
  std::int64_t total = s.period.amount;
  for (const Period& e : s.extensions) total += e.amount;
  for (const Pause& p : s.pauses) {
    if (!p.to) break;
    const auto resumed = effective_receipt_day(*p.to);  // Decree 61/2018 Art. 19(4)
    if (!resumed) return std::nullopt;
    // A pause that began before the clock started (after the cut-off, on a day off) spends no day
    // that never ran: it counts from the later of its own day and the starting day.
    const Date from = std::max(p.from.day, *start);
    if (*resumed <= from) continue;
    total += working ? cal_.working_days_between(from, *resumed) : (*resumed - from).count();
  }
  if (total > kMaxTotal) return std::nullopt;
  if (working) return cal_.add_working_days(*start, static_cast<int>(total));  // Civil Code Art. 147(2)
  const Date end = *start + days{total};
  if (!in_range(end)) return std::nullopt;
  return cal_.roll_forward(end);  // Civil Code Art. 148(5)
}

std::optional<Date> DeadlineEngine::due(const DeadlineSpec& spec) const {
  check_spec(spec);
  if (has_open_pause(spec)) return std::nullopt;
  return due_ignoring_open_pause(spec);
}

DeadlineStatus DeadlineEngine::status(const DeadlineSpec& spec, const LocalMoment& now) const {
  check_spec(spec);
  check_time(now);
  if (!in_range(spec.received.day) || !in_range(now.day)) throw std::out_of_range("date outside 1900–2199");
  const auto due = due_ignoring_open_pause(spec);
  if (!due) throw std::out_of_range("due day outside 1900–2199");
  DeadlineStatus st;
  st.paused = has_open_pause(spec);
  if (!st.paused) st.due = due;
  // While paused the clock stands at the pause day.
  const Date at = st.paused ? std::min(now.day, spec.pauses.back().from.day) : now.day;
  if (at <= *due) {
    st.working_days_left = cal_.working_days_between(at, *due);
  } else {
    // Civil Code Art. 148(6): the due day ends at 24:00; overdue from the next day.
    st.overdue_working_days = cal_.working_days_between(*due, at);
    st.overdue_days = static_cast<int>((at - *due).count());
  }
  return st;
}

}  // namespace tinhso::calendar
