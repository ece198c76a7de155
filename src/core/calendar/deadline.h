#pragma once
// The deadline engine every module uses: statutory periods counted on the working-day calendar.
//   * N working days: the receiving day is not counted (Civil Code 2015 Art. 147(2)); the N-th
//     working day after it is the due day. With a cut-off (default 15:00, Decree 61/2018/NĐ-CP
//     Art. 18(2–3)), a receipt at or after the cut-off, or on a day off, counts as received on
//     the next working day. A receipt without a time of day is never moved, nor is any receipt
//     when the cut-off is switched off (DeadlineRules::cutoff = nullopt).
//   * N calendar days: the due day is the receiving day (after the same cut-off rule) + N; when
//     it is not a working day the period ends at the end of the next working day (Civil Code
//     2015 Art. 148(5–6)). The roll-forward applies once, to the final day.
//   * Pauses (e.g. a supplement request, Decree 61/2018 Art. 19(4)): the resumption counts like
//     a new receipt (cut-off rule included), so the working days d with pause day < d <=
//     resumption day are added (calendar days: resumption day − pause day); the pause day
//     itself is spent. While a pause is open the due day is unknown and the remaining time
//     stands still at the pause day.
//   * Extensions add to the period, in the period's own unit.
// A day ends at 24:00 (Art. 148(6)): a case is overdue from the day after its due day.
// Pure functions of their inputs: "now" is always passed in (no clock is read here).
#include <optional>
#include <vector>

#include "core/calendar/working_calendar.h"

namespace tinhso::calendar {

enum class Unit { working_days, days };

struct Period {
  Unit unit = Unit::working_days;
  int amount = 0;  // >= 0
};

struct DeadlineRules {
  std::optional<std::chrono::minutes> cutoff = std::chrono::hours(15);  // nullopt: no cut-off
};

struct Pause {
  LocalMoment from;
  std::optional<LocalMoment> to;  // open while empty; at most one open pause, the last one
};

struct DeadlineSpec {
  LocalMoment received;
  Period period;
  std::vector<Pause> pauses;       // in time order, not overlapping
  std::vector<Period> extensions;  // each in the same unit as `period`
};

struct DeadlineStatus {
  std::optional<Date> due;  // nullopt while paused
  bool paused = false;
  // Working days left until the due day (0 on the due day itself; while paused, what is left
  // when the clock restarts). Negative values never occur: see overdue_*.
  int working_days_left = 0;
  int overdue_working_days = 0;  // working days d with due < d <= now (0 on the weekend after)
  int overdue_days = 0;          // calendar days past the due day (> 0 once it has passed)
};

// Civil Code 2015 Art. 147–148 counting, for periods no specific law moves by the hour of receipt
// (complaints, denunciations, recommendations: Law on Complaints 2011, Law on Denunciations 2018,
// Law on Citizen Reception 2013).
// Unlike DeadlineEngine there is no cut-off: the Decree 61/2018/NĐ-CP 15:00 rule belongs to
// one-stop applications only (LAW.md §2).
//   * Art. 147(1): the period starts the day after `start`, whatever the hour of the event and
//     whether `start` is a working day.
//   * N working days: the N-th working day after `start`.
//   * N days: `start` + N; Art. 148(5): a last day that is a weekend or holiday moves to the next
//     working day (once, to the final day).
// `extensions` add to the period in its own unit. nullopt when a date leaves the supported range;
// throws std::invalid_argument for a negative amount or an extension in another unit.
std::optional<Date> civil_code_due(const WorkCalendar& calendar, Date start, Period period,
                                   const std::vector<Period>& extensions = {});

class DeadlineEngine {
 public:
  DeadlineEngine(const WorkCalendar& calendar, DeadlineRules rules) : cal_(calendar), rules_(rules) {}

  // The day the count starts from (not counted itself), after the cut-off rule; nullopt outside
  // the range. Throws std::invalid_argument for a time of day outside [0, 24h).
  std::optional<Date> effective_receipt_day(const LocalMoment& received) const;
  // The due day; nullopt while paused or when the result leaves the supported range. Throws
  // std::invalid_argument for a bad spec, like status().
  std::optional<Date> due(const DeadlineSpec& spec) const;
  // Throws std::invalid_argument for a bad spec (negative amounts, mixed units, pauses out of
  // order or before the receipt, an open pause that is not the last) and std::out_of_range
  // when a date leaves the supported range.
  DeadlineStatus status(const DeadlineSpec& spec, const LocalMoment& now) const;

 private:
  std::optional<Date> due_ignoring_open_pause(const DeadlineSpec& spec) const;

  const WorkCalendar& cal_;
  DeadlineRules rules_;
};

}  // namespace tinhso::calendar
