#pragma once
// A dossier (hồ sơ) as stored, and the rules on it that need no I/O.
#include <cstdint>
#include <optional>
#include <string>

#include "core/calendar/deadline.h"
#include "modules/dossiers/workflow.h"

namespace tinhso::dossiers {

enum class Channel { online, counter };
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr Channel kAllChannels[] = {Channel::online, Channel::counter};
std::string_view channel_code(Channel c);

struct Dossier {
  std::int64_t id = 0;
  std::string code;  // "" while a draft
  std::int64_t procedure_id = 0;
  std::int64_t desk_agency_id = 0;
  std::int64_t agency_id = 0;              // handling now
  std::int64_t responsible_agency_id = 0;  // for the statistics
  State state = State::draft;
  std::optional<State> resume_state;
  Channel channel = Channel::online;
  std::int64_t applicant_account_id = 0;   // 0: none (a paper dossier of someone without an account)
  std::string applicant_name, applicant_id_number, applicant_phone, applicant_email, applicant_address;
  std::string details;
  std::int64_t assignee_id = 0;            // 0: none
  // The time limit copied from the procedure at creation: an amount in its unit (the column keeps
  // its first name, time_limit_working_days).
  int time_limit_working_days = 0;
  calendar::Unit time_limit_unit = calendar::Unit::working_days;
  std::string idempotency_key;             // "" if none
  // ISO-8601 UTC times ("" = not yet) and 'YYYY-MM-DD' dates ("" = none).
  std::string created_at, submitted_at, received_at, paused_at, returned_at, updated_at;
  std::string due_date, appointment_date;
  std::optional<bool> on_time;
  int version = 0;
};

Clock clock_of(const Dossier& d);

// A pause of the clock as stored (ISO-8601 UTC; resumed_at "" while open).
struct PauseRow {
  std::string paused_at, resumed_at;
};

// What the completion of a supplement does to the statutory clock (a setting: Decree 118/2025/
// NĐ-CP may change the Decree 61/2018 rule).
enum class SupplementClock {
  restart,  // Decree 61/2018/NĐ-CP Art. 19(4): the whole time limit counts again from completion
  resume,   // the time left at the request counts on from completion
};

// The statutory due day of `d` (received, time limit in its unit, pauses) on `calendar`; nullopt
// before receipt or while paused. Decree 61/2018/NĐ-CP Art. 18(2–3) cut-off via `rules` (also
// for a completion, which counts like a new receipt); after a supplement as `after_supplement`
// says. A pause begun before the clock started (a request made after the cut-off on the day of
// receipt) spends no day.
std::optional<calendar::Date> statutory_due(const Dossier& d, const std::vector<PauseRow>& pauses,
                                            const calendar::WorkCalendar& cal, const calendar::DeadlineRules& rules,
                                            SupplementClock after_supplement = SupplementClock::restart);

// Decree 61/2018/NĐ-CP Art. 19(4): the last working day on which the desk may ask for a
// supplement, `working_days` (a setting, default 3) after the submission (online) or the receipt
// (counter), the cut-off applied; nullopt before either.
std::optional<calendar::Date> supplement_request_limit(const Dossier& d, const calendar::WorkCalendar& cal,
                                                       const calendar::DeadlineRules& rules, int working_days);

// The dossier code: "{desk agency code}-{yymmdd}-{sequence, at least 4 digits}" ("TTHCC-261126-0007").
std::string code_prefix(std::string_view desk_agency_code, calendar::Date day);
std::string format_code(std::string_view prefix, std::int64_t sequence);

}  // namespace tinhso::dossiers
