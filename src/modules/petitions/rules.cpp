#include "modules/petitions/rules.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <stdexcept>
#include <utility>

#include "core/util/codes.h"

namespace tinhso::petitions {

namespace {

using calendar::Period;
using calendar::Unit;

constexpr Period working_days(int n) { return {Unit::working_days, n}; }
constexpr Period days(int n) { return {Unit::days, n}; }

using util::code_of;
using util::parse_code;

constexpr std::array<std::pair<Kind, std::string_view>, 5> kKinds{{
    {Kind::complaint_first, "complaint_first"},
    {Kind::complaint_second, "complaint_second"},
    {Kind::denunciation, "denunciation"},
    {Kind::recommendation, "recommendation"},
    {Kind::feedback, "feedback"},
}};

constexpr std::array<std::pair<Step, std::string_view>, 7> kSteps{{
    {Step::accept, "accept"},
    {Step::forward, "forward"},
    {Step::resolve, "resolve"},
    {Step::inform, "inform"},
    {Step::notify_acceptance, "notify_acceptance"},
    {Step::send_decision, "send_decision"},
    {Step::notify_extension, "notify_extension"},
}};

constexpr std::array<std::pair<Complexity, std::string_view>, 3> kComplexities{{
    {Complexity::none, "none"},
    {Complexity::complex, "complex"},
    {Complexity::particularly_complex, "particularly_complex"},
}};

// Accept (thụ lý). Recommendations and feedback have no formal acceptance.
std::optional<LegalPeriod> accept_period(Kind kind, const Circumstances& c) {
  switch (kind) {
    // Law on Complaints 2011 Art. 27: 10 days, working days per Circular 07/2013/TT-TTCP.
    case Kind::complaint_first:
      return LegalPeriod{working_days(10), "Law on Complaints 2011 Art. 27; Circular 07/2013/TT-TTCP"};
    // Law on Complaints 2011 Art. 36: 10 days, counted as for Art. 27.
    case Kind::complaint_second:
      return LegalPeriod{working_days(10), "Law on Complaints 2011 Art. 36; Circular 07/2013/TT-TTCP"};
    // Law on Denunciations 2018 Art. 24(1): 7 working days, 10 when several places must be checked.
    case Kind::denunciation:
      return LegalPeriod{working_days(c.several_places ? 10 : 7), "Law on Denunciations 2018 Art. 24(1)"};
    case Kind::recommendation:
    case Kind::feedback: return std::nullopt;
  }
  return std::nullopt;
}

// Forward to the competent agency.
LegalPeriod forward_period(Kind kind) {
  switch (kind) {
    // A complaint outside the agency's competence is not forwarded: the filer is guided to the
    // competent agency (Circular 07/2014/TT-TTCP Art. 8(1)). LAW.md gives no period for the
    // guidance: the 10 working days of acceptance (Law on Complaints 2011 Art. 27, Circular
    // 07/2013/TT-TTCP) are used instead.
    case Kind::complaint_first:
    case Kind::complaint_second:
      return {working_days(10), "Circular 07/2014/TT-TTCP Art. 8(1); Law on Complaints 2011 Art. 27 (by analogy)"};
    // Law on Denunciations 2018 Art. 24(1): not competent → forward within 5 working days.
    case Kind::denunciation: return {working_days(5), "Law on Denunciations 2018 Art. 24(1)"};
    // Decree 20/2008/NĐ-CP Art. 9: outside the agency's competence → 5 working days.
    case Kind::recommendation:
    case Kind::feedback: return {working_days(5), "Decree 20/2008/NĐ-CP Art. 9"};
  }
  return {};
}

// Law on Complaints 2011 Art. 28 (first) and Art. 37 (second): days from acceptance.
int complaint_resolve_days(Kind kind, bool remote, bool complex) {
  if (kind == Kind::complaint_first) return remote ? (complex ? 60 : 45) : (complex ? 45 : 30);  // Art. 28
  return remote ? (complex ? 70 : 60) : (complex ? 60 : 45);                                    // Art. 37
}

Period settings_resolve(Kind kind, const Circumstances& c, const Settings& s) {
  if (auto it = s.category_resolve.find(c.category); !c.category.empty() && it != s.category_resolve.end())
    return it->second;
  return kind == Kind::recommendation ? s.recommendation_resolve : s.feedback_resolve;
}

LegalPeriod resolve_period(Kind kind, const Circumstances& c, const Settings& s) {
  switch (kind) {
    case Kind::complaint_first:
    case Kind::complaint_second: {
      const int n = complaint_resolve_days(kind, c.remote, c.complexity != Complexity::none);
      // LAW.md §3 (L): calendar days unless the setting says working days.
      const Period p{s.complaint_days_are_working_days ? Unit::working_days : Unit::days, n};
      return {p, kind == Kind::complaint_first ? "Law on Complaints 2011 Art. 28" : "Law on Complaints 2011 Art. 37"};
    }
    // Law on Denunciations 2018 Art. 30(1): 30 days from acceptance; extensions Art. 30(2)–(3).
    case Kind::denunciation: return {days(30), "Law on Denunciations 2018 Art. 30(1)"};
    // LAW.md §5 (L): no legal period; a setting per kind and category.
    case Kind::recommendation:
    case Kind::feedback: return {settings_resolve(kind, c, s), "setting (LAW.md §5: no legal period)"};
  }
  return {};
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; });
}

bool has_acceptance(Kind kind) { return is_complaint(kind) || kind == Kind::denunciation; }

// Law on Denunciations 2018 Art. 29(3): within 5 working days of the acceptance decision the
// denouncer is told of it. Complaints: the written notice is part of acceptance (Law on
// Complaints 2011 Art. 27, 36).
std::optional<LegalPeriod> notify_acceptance_period(Kind kind) {
  if (kind != Kind::denunciation) return std::nullopt;
  return LegalPeriod{working_days(5), "Law on Denunciations 2018 Art. 29(3)"};
}

// Sending the decision to the parties, counted from the decision.
std::optional<LegalPeriod> send_decision_period(Kind kind) {
  switch (kind) {
    // Law on Complaints 2011 Art. 32: the first decision within 3 working days.
    case Kind::complaint_first: return LegalPeriod{working_days(3), "Law on Complaints 2011 Art. 32"};
    // Law on Complaints 2011 Art. 41: the second decision within 7 working days.
    case Kind::complaint_second: return LegalPeriod{working_days(7), "Law on Complaints 2011 Art. 41"};
    // Law on Denunciations 2018 Art. 35(3): the conclusion sent to the denounced and the
    // denouncer notified within 5 working days.
    case Kind::denunciation: return LegalPeriod{working_days(5), "Law on Denunciations 2018 Art. 35(3)"};
    case Kind::recommendation:
    case Kind::feedback: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::string_view kind_code(Kind k) { return code_of(kKinds, k); }
std::optional<Kind> parse_kind(std::string_view code) { return parse_code(kKinds, code); }
bool is_complaint(Kind k) { return k == Kind::complaint_first || k == Kind::complaint_second; }
std::string_view step_code(Step s) { return code_of(kSteps, s); }
std::string_view complexity_code(Complexity c) { return code_of(kComplexities, c); }
std::optional<Complexity> parse_complexity(std::string_view code) { return parse_code(kComplexities, code); }

// Decree 31/2019/NĐ-CP Art. 3.
Complexity complexity_from_criteria(int criteria_met) {
  if (criteria_met >= 2) return Complexity::particularly_complex;
  return criteria_met == 1 ? Complexity::complex : Complexity::none;
}

bool remote_area(bool unit_remote, bool officer_marked) { return unit_remote || officer_marked; }

std::optional<LegalPeriod> legal_period(Kind kind, Step step, const Circumstances& c, const Settings& s) {
  switch (step) {
    case Step::accept: return accept_period(kind, c);
    case Step::forward: return forward_period(kind);
    case Step::resolve: return resolve_period(kind, c, s);
    // Law on Citizen Reception 2013 Art. 28: tell the person within 10 working days.
    case Step::inform: return LegalPeriod{working_days(10), "Law on Citizen Reception 2013 Art. 28"};
    case Step::notify_acceptance: return notify_acceptance_period(kind);
    case Step::send_decision: return send_decision_period(kind);
    // Law on Denunciations 2018 Art. 30(4): no period in the Law; a setting (rules.h Settings).
    case Step::notify_extension:
      if (kind != Kind::denunciation) return std::nullopt;
      return LegalPeriod{s.extension_notice, "Law on Denunciations 2018 Art. 30(4); period: setting"};
  }
  return std::nullopt;
}

// ---- Extensions ----

std::string_view extension_check_code(ExtensionCheck c) {
  switch (c) {
    case ExtensionCheck::ok: return "ok";
    case ExtensionCheck::not_extendable: return "not_extendable";
    case ExtensionCheck::not_complex: return "not_complex";
    case ExtensionCheck::too_many: return "too_many";
    case ExtensionCheck::bad_length: return "bad_length";
    case ExtensionCheck::no_decision: return "no_decision";
  }
  return {};
}

// Law on Denunciations 2018 Art. 30(2): complex once; Art. 30(3): particularly complex twice.
int max_extensions(Kind kind, Complexity complexity) {
  if (kind != Kind::denunciation) return 0;
  switch (complexity) {
    case Complexity::none: return 0;
    case Complexity::complex: return 1;
    case Complexity::particularly_complex: return 2;
  }
  return 0;
}

ExtensionCheck check_extensions(Kind kind, Complexity complexity, std::span<const Extension> extensions) {
  if (extensions.empty()) return ExtensionCheck::ok;
  if (kind != Kind::denunciation) return ExtensionCheck::not_extendable;
  const int allowed = max_extensions(kind, complexity);
  if (allowed == 0) return ExtensionCheck::not_complex;
  if (std::ssize(extensions) > allowed) return ExtensionCheck::too_many;
  // Law on Denunciations 2018 Art. 30(2)–(3): each extension at most 30 days.
  for (const Extension& e : extensions)
    if (e.days < 1 || e.days > kMaxExtensionDays) return ExtensionCheck::bad_length;
  // Law on Denunciations 2018 Art. 30(4): every extension is a written decision.
  for (const Extension& e : extensions)
    if (blank(e.decision) || !e.decided_on) return ExtensionCheck::no_decision;
  return ExtensionCheck::ok;
}

bool extension_date_ok(calendar::Date decided_on, calendar::Date accepted, calendar::Date today) {
  return accepted <= decided_on && decided_on <= today;
}

// ---- Amendments ----

std::string_view amend_check_code(AmendCheck c) {
  switch (c) {
    case AmendCheck::ok: return "ok";
    case AmendCheck::unchanged: return "unchanged";
    case AmendCheck::not_applicable: return "not_applicable";
    case AmendCheck::several_too_late: return "several_too_late";
    case AmendCheck::complexity_too_early: return "complexity_too_early";
    case AmendCheck::extensions_exceed: return "extensions_exceed";
    case AmendCheck::period_ended: return "period_ended";
  }
  return {};
}

AmendCheck check_amendment(const Amendment& a) {
  const bool denunciation = a.kind == Kind::denunciation;
  if (!is_complaint(a.kind) && !denunciation) return AmendCheck::not_applicable;
  const bool several_changed = a.several_from != a.several_to;
  const bool complexity_changed = a.complexity_from != a.complexity_to;
  if (!several_changed && !complexity_changed) return AmendCheck::unchanged;
  // Law on Denunciations 2018 Art. 24(1): "several places" is a denunciation's, and lengthens only
  // the period to accept it: meaningless once it is accepted.
  if (several_changed && !denunciation) return AmendCheck::not_applicable;
  if (several_changed && a.accepted) return AmendCheck::several_too_late;
  // Law on Complaints 2011 Art. 28, 37; Law on Denunciations 2018 Art. 30: complexity bears on
  // the resolve period, which starts at acceptance, where it is first set.
  if (complexity_changed && !a.accepted) return AmendCheck::complexity_too_early;
  // Law on Denunciations 2018 Art. 30(2)–(3): the extensions already decided must stay within
  // what the new complexity allows.
  if (denunciation && a.extensions > max_extensions(a.kind, a.complexity_to)) return AmendCheck::extensions_exceed;
  // A period that has ended is not lengthened afterwards (a day ends at 24:00, Civil Code 2015
  // Art. 148(6)): the case is late, and a later finding of complexity does not undo that. No
  // statute says this in so many words; Law on Complaints 2011 Art. 28 lets a complex case's
  // period "be longer", which presupposes it is still running.
  const bool longer = (several_changed && a.several_to) ||
                      (complexity_changed && is_complaint(a.kind) && a.complexity_from == Complexity::none);
  if (longer && a.current_due && a.today > *a.current_due) return AmendCheck::period_ended;
  return AmendCheck::ok;
}

// ---- Deadlines ----

const StepDeadline* DeadlinesOutcome::find(Step s) const {
  auto it = std::find_if(deadlines.begin(), deadlines.end(), [s](const StepDeadline& d) { return d.step == s; });
  return it == deadlines.end() ? nullptr : &*it;
}

std::optional<calendar::Date> due_day(const calendar::WorkCalendar& cal, const StepDeadline& d) {
  return calendar::civil_code_due(cal, d.start, d.period, d.extensions);
}

std::optional<StepDeadline> extension_notice_deadline(const Extension& e, const Settings& s) {
  if (e.notified || !e.decided_on) return std::nullopt;
  const auto lp = legal_period(Kind::denunciation, Step::notify_extension, {}, s);
  if (!lp) return std::nullopt;  // a denunciation's extension notice always has its period
  return StepDeadline{Step::notify_extension, *e.decided_on, lp->period, {}, lp->citation};
}

namespace {

// The deadline of `step`: none when the step has no period or its clock has not started.
// (One function per step keeps clang-tidy's optional-access analysis from running away on the loop.)
std::optional<StepDeadline> step_deadline(const Timeline& t, Step step, const Settings& s) {
  const auto lp = legal_period(t.kind, step, t.circumstances, s);
  if (!lp) return std::nullopt;
  // The moment the step's clock starts; the day of it is not counted (Civil Code Art. 147(1)).
  std::optional<calendar::LocalMoment> from = t.received;
  if (step == Step::notify_acceptance || (step == Step::resolve && has_acceptance(t.kind))) from = t.accepted;
  if (step == Step::send_decision) from = t.decided;
  if (!from) return std::nullopt;  // that clock has not started
  StepDeadline d{step, from->day, lp->period, {}, lp->citation};
  if (step == Step::resolve)
    for (const Extension& e : t.extensions) d.extensions.push_back({lp->period.unit, e.days});
  return d;
}

}  // namespace

DeadlinesOutcome deadlines(const Timeline& t, const Settings& s) {
  DeadlinesOutcome out;
  out.problem = check_extensions(t.kind, t.circumstances.complexity, t.extensions);
  if (!out.ok()) return out;
  for (Step step : {Step::accept, Step::forward, Step::resolve, Step::inform, Step::notify_acceptance,
                    Step::send_decision})
    if (auto d = step_deadline(t, step, s)) out.deadlines.push_back(std::move(*d));
  // Law on Denunciations 2018 Art. 30(4): the earliest extension decision not yet sent.
  for (const Extension& e : t.extensions)
    if (auto d = extension_notice_deadline(e, s)) {
      out.deadlines.push_back(std::move(*d));
      break;
    }
  return out;
}

// ---- Filing period ----

FilingCheck check_filing(const FilingRequest& r, const calendar::WorkCalendar& cal) {
  std::optional<LegalPeriod> lp;
  // Law on Complaints 2011 Art. 9: 90 days from receiving or learning of the decision or act.
  if (r.kind == Kind::complaint_first) lp = LegalPeriod{days(90), "Law on Complaints 2011 Art. 9"};
  // Law on Complaints 2011 Art. 33: 30 days, 45 in remote or difficult areas.
  if (r.kind == Kind::complaint_second) lp = LegalPeriod{days(r.remote ? 45 : 30), "Law on Complaints 2011 Art. 33"};
  if (!lp) return {};
  const auto last = calendar::civil_code_due(cal, r.start, lp->period);
  if (!last) throw std::out_of_range("filing period outside the calendar's range");
  return {r.filed <= *last ? Filing::ok : Filing::late, last, lp->citation};
}

calendar::Date second_complaint_start(std::optional<calendar::Date> first_decision_received,
                                      calendar::Date first_resolve_due) {
  return first_decision_received.value_or(first_resolve_due);  // Law on Complaints 2011 Art. 33
}

std::string_view admission_code(Admission a) {
  switch (a) {
    case Admission::admit: return "admit";
    case Admission::admit_late: return "admit_late";
    case Admission::refuse_late: return "refuse_late";
    case Admission::override_invalid: return "override_invalid";
  }
  return {};
}

Admission admit_filing(const FilingCheck& check, const std::optional<LateFilingOverride>& override_) {
  if (check.verdict != Filing::late) return Admission::admit;
  if (!override_) return Admission::refuse_late;  // Law on Complaints 2011 Art. 11: period expired
  // Law on Complaints 2011 Art. 9: time lost to an objective obstacle is not counted; an
  // officer must say which.
  const bool blank = std::all_of(override_->reason.begin(), override_->reason.end(),
                                 [](unsigned char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; });
  if (override_->officer_id <= 0 || blank) return Admission::override_invalid;
  return Admission::admit_late;
}

// ---- Group filing ----

std::string_view representatives_check_code(RepresentativesCheck c) {
  switch (c) {
    case RepresentativesCheck::ok: return "ok";
    case RepresentativesCheck::bad_count: return "bad_count";
    case RepresentativesCheck::missing: return "missing";
    case RepresentativesCheck::too_many: return "too_many";
  }
  return {};
}

// Law on Citizen Reception 2013 Art. 29: 5–10 people choose 1–2 representatives; more than 10
// choose up to 5.
std::optional<int> max_representatives(int people) {
  if (people < 5) return std::nullopt;
  return people <= 10 ? 2 : 5;
}

RepresentativesCheck check_representatives(int people, int representatives) {
  if (people < 1 || representatives < 0 || representatives > people) return RepresentativesCheck::bad_count;
  const auto max = max_representatives(people);
  if (!max) return RepresentativesCheck::ok;  // fewer than 5: Art. 29 does not apply
  if (representatives == 0) return RepresentativesCheck::missing;
  return representatives > *max ? RepresentativesCheck::too_many : RepresentativesCheck::ok;
}

}  // namespace tinhso::petitions
