#pragma once
// The time rules of petitions (đơn thư): complaints (Law on Complaints 02/2011/QH13),
// denunciations (Law on Denunciations 25/2018/QH14), recommendations and feedback (Decree
// 20/2008/NĐ-CP) and the citizen-reception duties common to all (Law on Citizen Reception
// 42/2013/QH13). See ../shared/domain/LAW.md §2–5.
//
// Pure functions: no I/O and no clock. Every period is a calendar::Period counted under the Civil
// Code (core/calendar/deadline.h civil_code_due): the day of the event is not counted whatever its
// hour, and a period that ends on a day off ends on the next working day (Civil Code 2015
// Art. 147–148). The one-stop 15:00 cut-off (Decree 61/2018/NĐ-CP) never applies to petitions.
// Rules graded L in LAW.md are fields of Settings, with the default documented there.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/deadline.h"

namespace tinhso::petitions {

enum class Kind {
  complaint_first,   // khiếu nại (lần đầu) — Law on Complaints 2011
  complaint_second,  // khiếu nại lần hai — Law on Complaints 2011 Art. 33–37
  denunciation,      // tố cáo — Law on Denunciations 2018
  recommendation,    // kiến nghị — Decree 20/2008/NĐ-CP
  feedback,          // phản ánh — Decree 20/2008/NĐ-CP
};
inline constexpr Kind kAllKinds[] = {Kind::complaint_first, Kind::complaint_second, Kind::denunciation,
                                     Kind::recommendation, Kind::feedback};
std::string_view kind_code(Kind k);  // "complaint_first", ..., as stored
std::optional<Kind> parse_kind(std::string_view code);
bool is_complaint(Kind k);

// The steps that carry a period. `inform` is telling the person what happened to their matter
// (Law on Citizen Reception 2013 Art. 28). `forward` is sending the petition to the competent
// agency when this one is not (for complaints: answering with guidance instead, Circular
// 07/2014/TT-TTCP Art. 8(1)). `notify_acceptance`: a denunciation's acceptance told to the
// denouncer (Law on Denunciations 2018 Art. 29(3)); `send_decision`: the decision or conclusion
// sent to the parties (Law on Complaints 2011 Art. 32, 41; Law on Denunciations 2018 Art. 35(3)).
// `notify_extension`: a denunciation's extension decision sent to the denouncer and the denounced
// (Law on Denunciations 2018 Art. 30(4)), counted from the decision's date.
enum class Step { accept, forward, resolve, inform, notify_acceptance, send_decision, notify_extension };
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr Step kAllSteps[] = {Step::accept, Step::forward, Step::resolve, Step::inform,
    Step::notify_acceptance, Step::send_decision, Step::notify_extension};
std::string_view step_code(Step s);

// How complex a case is. Complaints know only complex or not (Law on Complaints 2011 Art. 28,
// 37): particularly_complex counts as complex there. Denunciations: Decree 31/2019/NĐ-CP Art. 3.
enum class Complexity { none, complex, particularly_complex };
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr Complexity kAllComplexities[] = {Complexity::none, Complexity::complex,
    Complexity::particularly_complex};
std::string_view complexity_code(Complexity c);  // "none", "complex", "particularly_complex"
std::optional<Complexity> parse_complexity(std::string_view code);
// Decree 31/2019/NĐ-CP Art. 3: a case meeting one of the 7 criteria is complex, two or more
// particularly complex. The officer records how many criteria are met (negative counts as 0).
Complexity complexity_from_criteria(int criteria_met);

// Settings for the rules LAW.md grades L. The defaults are the documented choices.
struct Settings {
  // LAW.md §3 (L): whether the 30/45/60/70 days to resolve a complaint (Law on Complaints 2011
  // Art. 28, 37) are working days. Default false: calendar days, the end rolled forward to the
  // next working day (Civil Code 2015 Art. 148(5)).
  bool complaint_days_are_working_days = false;
  // LAW.md §5 (L): no legal period to resolve a recommendation or feedback was found. Default
  // 10 working days, the same as the duty to tell the person what happened to their matter
  // (Law on Citizen Reception 2013 Art. 28), so that the answer itself meets that duty.
  calendar::Period recommendation_resolve{calendar::Unit::working_days, 10};
  calendar::Period feedback_resolve{calendar::Unit::working_days, 10};
  // Per subject category (a stable category code, e.g. "land"), overriding the two above for
  // recommendations and feedback of that category. Empty by default.
  std::map<std::string, calendar::Period, std::less<>> category_resolve;
  // L (not in LAW.md): Law on Denunciations 2018 Art. 30(4) says the extension decision is sent to
  // the denouncer, the denounced and those concerned, but gives no period for it (none found in
  // Decree 31/2019/NĐ-CP either). Default 5 working days from the decision, the period the same
  // Law gives its other notices (Art. 29(3) acceptance, Art. 35(3) conclusion).
  calendar::Period extension_notice{calendar::Unit::working_days, 5};
};

// What changes a period besides the kind.
struct Circumstances {
  bool remote = false;  // remote or difficult area (Law on Complaints 2011 Art. 28, 33, 37)
  Complexity complexity = Complexity::none;
  bool several_places = false;  // denunciation checked in several places (Law on Denunciations 2018 Art. 24)
  std::string category;         // recommendation / feedback subject category ("" = none)
};

// Whether a petition counts as arising in a remote or difficult area (Circumstances.remote).
// The directory's flag on the admin unit where the matter arose decides (directory AdminUnit::
// remote: the communes with especially difficult conditions, a list decided by the Prime
// Minister or the Ethnic Committee — data, not a per-petition opinion). The desk officer's
// checkbox is an override that can only add remoteness (e.g. a hamlet cut off by a flood, or a
// unit not chosen): it never takes away the longer periods the list grants. The online form has
// no such checkbox (`officer_marked` false).
bool remote_area(bool unit_remote, bool officer_marked);

// A period and the provision it comes from (a literal with static storage).
struct LegalPeriod {
  calendar::Period period;
  std::string_view citation;
};

// The period of `step` for a petition of `kind`; nullopt when no step of that kind exists: only
// complaints and denunciations have a formal acceptance (thụ lý). Every kind has the other
// steps; `forward` applies only when the agency is not competent. Resolve periods run from
// acceptance (from receipt for recommendations and feedback), notify_acceptance from acceptance
// (denunciations only), send_decision from the decision (complaints and denunciations only); the
// others from receipt.
std::optional<LegalPeriod> legal_period(Kind kind, Step step, const Circumstances& c, const Settings& s);

// ---- Extensions (Law on Denunciations 2018 Art. 30) ----

inline constexpr int kMaxExtensionDays = 30;  // Law on Denunciations 2018 Art. 30(2)–(3)

// One extension of the time to resolve a denunciation, as decided.
struct Extension {
  int days = 0;          // 1..kMaxExtensionDays calendar days
  std::string decision;  // the written decision's number; required (Art. 30(4))
  std::optional<calendar::Date> decided_on;  // the decision's date; required (Art. 30(4))
  // Whether the decision was sent to the denouncer and the denounced (Art. 30(4)).
  bool notified = false;
};

enum class ExtensionCheck {
  ok,
  not_extendable,  // only denunciations may be extended
  not_complex,     // a case that is not complex gets no extension
  too_many,        // complex: 1; particularly complex: 2
  bad_length,      // an extension outside 1..30 days
  no_decision,     // an extension without its written decision's number or date
};
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr ExtensionCheck kAllExtensionChecks[] = {ExtensionCheck::ok, ExtensionCheck::not_extendable,
    ExtensionCheck::not_complex, ExtensionCheck::too_many, ExtensionCheck::bad_length, ExtensionCheck::no_decision};
std::string_view extension_check_code(ExtensionCheck c);
// How many extensions `kind` at `complexity` may have: 1 for a complex (Law on Denunciations 2018
// Art. 30(2)) and 2 for a particularly complex denunciation (Art. 30(3)), else 0.
int max_extensions(Kind kind, Complexity complexity);
// Checks the extensions of a case in this order: kind, complexity, count, each length, each
// decision; returns the first problem found.
ExtensionCheck check_extensions(Kind kind, Complexity complexity, std::span<const Extension> extensions);
// Whether an extension decided on `decided_on` may be recorded `today` for a denunciation accepted
// on `accepted`: not before the acceptance, not in the future.
bool extension_date_ok(calendar::Date decided_on, calendar::Date accepted, calendar::Date today);

// ---- Changing the circumstances after they were set (issue 12 finding 12) ----
// A complaint's complexity and a denunciation's complexity are set at acceptance, a
// denunciation's "several places" at classification; the assigned officer or the leader may
// change them later with a reason while the case is open (workflow.h Action::amend).
struct Amendment {
  Kind kind = Kind::complaint_first;
  bool accepted = false;  // the resolve clock has started (after thụ lý)
  Complexity complexity_from = Complexity::none, complexity_to = Complexity::none;
  bool several_from = false, several_to = false;
  int extensions = 0;  // a denunciation's recorded extensions
  // The due day the change would move: accept_due before acceptance (several places), resolve_due
  // after it (complexity); nullopt when none is known.
  std::optional<calendar::Date> current_due;
  calendar::Date today;
};

enum class AmendCheck {
  ok,
  unchanged,          // nothing differs from what is stored
  not_applicable,     // recommendations and feedback have neither; only denunciations have several places
  several_too_late,   // several places decides the acceptance period: only before acceptance (Art. 24(1))
  complexity_too_early,  // complexity is set at acceptance (Law on Complaints 2011 Art. 28, 37)
  extensions_exceed,  // a denunciation already extended more often than the new complexity allows (Art. 30(2)–(3))
  period_ended,       // lengthening a period whose last day has passed
};
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr AmendCheck kAllAmendChecks[] = {AmendCheck::ok, AmendCheck::unchanged, AmendCheck::not_applicable,
    AmendCheck::several_too_late, AmendCheck::complexity_too_early, AmendCheck::extensions_exceed,
    AmendCheck::period_ended};
std::string_view amend_check_code(AmendCheck c);
// Checks `a` in this order: kind, unchanged, the step each field belongs to, extensions, period.
AmendCheck check_amendment(const Amendment& a);

// ---- The deadlines of one petition, for calendar::DeadlineEngine ----

struct Timeline {
  Kind kind = Kind::complaint_first;
  Circumstances circumstances;
  calendar::LocalMoment received;
  // When the petition was accepted (thụ lý); complaints and denunciations only. The resolve
  // clock of recommendations and feedback starts at receipt instead.
  std::optional<calendar::LocalMoment> accepted;
  std::vector<Extension> extensions;  // denunciations only
  // When the decision (conclusion, answer) was signed: starts send_decision.
  std::optional<calendar::LocalMoment> decided;
};

// One step's period: counted from `start` (not itself counted) under the Civil Code.
struct StepDeadline {
  Step step;
  calendar::Date start;
  calendar::Period period;
  std::vector<calendar::Period> extensions;  // resolve only, in the period's unit
  std::string_view citation;
};
// The step's due day (calendar::civil_code_due); nullopt outside the calendar's range.
std::optional<calendar::Date> due_day(const calendar::WorkCalendar& calendar, const StepDeadline& d);
// The period to send extension `e`'s decision to the parties (Law on Denunciations 2018
// Art. 30(4); Settings::extension_notice), counted from its decision's date; nullopt when the
// extension has no date or was already sent.
std::optional<StepDeadline> extension_notice_deadline(const Extension& e, const Settings& s);

struct DeadlinesOutcome {
  ExtensionCheck problem = ExtensionCheck::ok;
  // In Step order: accept (if the kind has it), forward, resolve (once its clock has started),
  // inform, notify_acceptance, send_decision, then notify_extension for the earliest extension
  // whose decision is not sent yet. Empty unless problem == ok.
  std::vector<StepDeadline> deadlines;
  bool ok() const { return problem == ExtensionCheck::ok; }
  const StepDeadline* find(Step s) const;  // nullptr when absent
};

// The periods of every step of `t` whose clock has started. Validates the extensions first
// (check_extensions) and yields none when they are refused; accepted extensions are added to the
// resolve period.
DeadlinesOutcome deadlines(const Timeline& t, const Settings& s);

// ---- Filing period (Law on Complaints 2011 Art. 9, 33) ----

struct FilingRequest {
  Kind kind = Kind::complaint_first;
  bool remote = false;
  // First complaint (Art. 9): the day the person received or learnt of the decision or act.
  // Second complaint (Art. 33): second_complaint_start(...).
  calendar::Date start;
  calendar::Date filed;  // the day the complaint was received
};

enum class Filing {
  ok,
  late,       // after the last allowed day
  no_period,  // denunciations, recommendations and feedback have no filing period
};

struct FilingCheck {
  Filing verdict = Filing::no_period;
  std::optional<calendar::Date> last_day;  // the last allowed day; nullopt for no_period
  std::string_view citation;               // "" for no_period
};

// Art. 9: 90 days from `start`; Art. 33: 30 days (45 in remote areas) for a second complaint.
// Counted under the Civil Code (civil_code_due): the end rolls forward to the next working day
// (Art. 148(5)). Throws std::out_of_range when a date leaves the calendar's range.
FilingCheck check_filing(const FilingRequest& r, const calendar::WorkCalendar& calendar);

// Law on Complaints 2011 Art. 33: the second-complaint period runs from the day the first
// decision was received or, when none was, from the day the first complaint's resolve period
// ended (its due day). A decision received late still opens a full period.
calendar::Date second_complaint_start(std::optional<calendar::Date> first_decision_received,
                                      calendar::Date first_resolve_due);

// An officer's decision to accept a late complaint anyway: Art. 9 does not count time lost to
// illness, natural disaster, war, work or study far away or other objective obstacles. The
// caller supplies both fields; the reason is kept with the petition.
struct LateFilingOverride {
  std::int64_t officer_id = 0;
  std::string reason;
};

enum class Admission {
  admit,             // filed in time, or no filing period
  admit_late,        // late, but an officer recorded why (Art. 9)
  refuse_late,       // late and no override: not accepted (Art. 11)
  override_invalid,  // an override without an officer or without a reason
};
std::string_view admission_code(Admission a);
Admission admit_filing(const FilingCheck& check, const std::optional<LateFilingOverride>& override_);

// ---- Group filing (Law on Citizen Reception 2013 Art. 29) ----

enum class RepresentativesCheck {
  ok,
  bad_count,  // no people, a negative number, or more representatives than people
  missing,    // 5 or more people must choose at least one representative
  too_many,   // 5–10 people: at most 2; more than 10: at most 5
};
// Every value, in declaration order: tests build the message ids of their codes from it.
inline constexpr RepresentativesCheck kAllRepresentativesChecks[] = {RepresentativesCheck::ok,
    RepresentativesCheck::bad_count, RepresentativesCheck::missing, RepresentativesCheck::too_many};
std::string_view representatives_check_code(RepresentativesCheck c);
// The most representatives `people` may choose; nullopt under 5 people (Art. 29 does not apply).
std::optional<int> max_representatives(int people);
RepresentativesCheck check_representatives(int people, int representatives);

}  // namespace tinhso::petitions
