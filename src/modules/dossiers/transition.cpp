#include "modules/dossiers/transition.h"

#include <algorithm>

#include "core/auth/clock.h"
#include "modules/dossiers/store.h"

namespace tinhso::dossiers {

namespace {

std::string_view actor_code(Actor a) {
  switch (a) {
    case Actor::applicant: return "applicant";
    case Actor::one_stop_officer: return "one_stop_officer";
    case Actor::specialist: return "specialist";
    case Actor::agency_leader: return "agency_leader";
  }
  return "system";
}

}  // namespace

std::string local_month(const std::string& iso_utc) {
  return calendar::format_date(calendar::to_local(auth::parse_iso_utc(iso_utc)).day).substr(0, 7);
}

std::string summary(const Dossier& d) {
  std::string out = "state=" + std::string(state_code(d.state));
  if (!d.code.empty()) out += " code=" + d.code;
  if (!d.due_date.empty()) out += " due=" + d.due_date;
  if (!d.appointment_date.empty() && d.appointment_date != d.due_date) out += " appointment=" + d.appointment_date;
  if (!d.paused_at.empty()) out += " paused";
  if (d.assignee_id) out += " assignee=" + std::to_string(d.assignee_id);
  out += " agency=" + std::to_string(d.agency_id);
  if (d.on_time) out += *d.on_time ? " on_time" : " late";
  return out;
}

SupplementClock supplement_clock(const Settings& s) {
  return s.supplement_restarts_clock ? SupplementClock::restart : SupplementClock::resume;
}

Applied apply(soci::session& s, const calendar::CalendarSource& calendar, SupplementClock after_supplement, Dossier d,
              const Command& cmd, const Who& who) {
  const Transition* t = find_transition(d.state, cmd.action, who.role);
  if (!t || (cmd.action == Action::supplement && !d.resume_state)) return {Result::not_allowed, d};
  if (needs_note(cmd.action) && cmd.note.find_first_not_of(" \t\r\n") == std::string::npos) return {Result::invalid, d};
  if (cmd.action == Action::assign && cmd.assignee_id == 0) return {Result::invalid, d};
  if (cmd.action == Action::transfer && (cmd.to_agency_id == 0 || cmd.to_agency_id == d.agency_id))
    return {Result::invalid, d};
  if (cmd.action == Action::apology && cmd.new_date.empty()) return {Result::invalid, d};

  const Dossier before = d;
  const std::string now = auth::iso_utc(who.now);
  const calendar::Date today = calendar::to_local(who.now).day;
  auto recompute_due = [&] {
    auto cal = calendar.current();
    auto due = statutory_due(d, load_pauses(s, d.id), *cal, calendar.deadline_rules(), after_supplement);
    d.due_date = due ? calendar::format_date(*due) : "";
  };

  switch (clock_effect(cmd.action, clock_of(d))) {
    case ClockEffect::start:
      d.received_at = now;
      recompute_due();
      d.appointment_date = d.due_date;
      add_stats(s, d.responsible_agency_id, local_month(now),
                {1, d.channel == Channel::online ? 1 : 0, 1, 0, 0});
      break;
    case ClockEffect::pause:
      open_pause(s, d.id, now);
      d.paused_at = now;
      d.due_date.clear();
      break;
    case ClockEffect::resume:
      close_pause(s, d.id, now);
      d.paused_at.clear();
      recompute_due();
      d.appointment_date = std::max(d.appointment_date, d.due_date);
      break;
    case ClockEffect::stop: {
      d.returned_at = now;
      bool on_time = !d.due_date.empty() && calendar::format_date(today) <= d.due_date;
      d.on_time = on_time;
      add_stats(s, d.responsible_agency_id, local_month(d.received_at), {0, 0, -1, 0, 0});
      add_stats(s, d.responsible_agency_id, local_month(now), {0, 0, 0, on_time ? 1 : 0, on_time ? 0 : 1});
      break;
    }
    case ClockEffect::none: break;
  }

  switch (cmd.action) {
    case Action::submit: d.submitted_at = now; break;
    case Action::request_supplement: d.resume_state = d.state; break;
    case Action::assign: d.assignee_id = cmd.assignee_id; break;
    case Action::apology: d.appointment_date = cmd.new_date; break;
    case Action::transfer:
      d.agency_id = cmd.to_agency_id;
      d.assignee_id = 0;
      break;
    default: break;
  }
  // Only `supplement` has no target, and it was refused above unless a resume state is stored.
  d.state = t->to ? *t->to : d.resume_state.value_or(d.state);
  if (cmd.action == Action::supplement) d.resume_state.reset();
  d.updated_at = now;

  if (!update_dossier(s, d)) return {Result::conflict, before};
  ++d.version;
  append_event(s, d.id,
               {0, now, std::string(action_code(cmd.action)), std::string(state_code(before.state)),
                std::string(state_code(d.state)), who.account_id, std::string(actor_code(who.role)), d.agency_id,
                cmd.note});
  if (who.audit)
    who.audit(s, {"dossier." + std::string(action_code(cmd.action)), "dossier", std::to_string(d.id), summary(before),
                  summary(d)});
  if (who.notify) who.notify(s, d, cmd);
  return {Result::done, d};
}

}  // namespace tinhso::dossiers
