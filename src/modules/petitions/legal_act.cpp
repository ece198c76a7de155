#include "modules/petitions/legal_act.h"

#include <algorithm>
#include <charconv>

#include "modules/petitions/desk_view.h"
#include "modules/petitions/permissions.h"
#include "modules/petitions/store.h"

namespace tinhso::petitions {

namespace {

LegalInput refuse(const std::string& log, const std::string& message_id) {
  LegalInput in;
  in.refusal_id = message_id;
  in.refusal_log = log;
  return in;
}

std::optional<int> small_number(const std::string& s) {
  int v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Law on Complaints 2011 Art. 28, 37 (complaints: complex or not); Decree 31/2019/NĐ-CP Art. 3
// (denunciations). Recommendations and feedback have no complexity.
// nullopt: an unknown complexity.
std::optional<Complexity> read_complexity(const std::string& v, Kind kind) {
  if (v.empty()) return Complexity::none;
  auto c = parse_complexity(v);
  if (!c) return std::nullopt;
  return is_complaint(kind) || kind == Kind::denunciation ? *c : Complexity::none;
}

// Law on Denunciations 2018 Art. 30(2)–(4): one extension for a complex case, two for a
// particularly complex one, each at most 30 days and a written decision (number and date).
LegalInput read_extension(calendar::Date today, const LegalFields& f, std::string_view note, Petition& y) {
  Extension e;
  e.days = small_number(f.extension_days).value_or(0);
  e.decision = std::string(note);
  e.decided_on = calendar::parse_date(f.decision_on);
  std::vector<Extension> all = y.extensions;
  all.push_back(e);
  const ExtensionCheck check = check_extensions(y.kind, y.complexity, all);
  if (check != ExtensionCheck::ok)
    return refuse("extension refused: " + std::string(extension_check_code(check)),
           "petitions.error.extension." + std::string(extension_check_code(check)));
  // check_extensions refuses an extension without its decision's date (no_decision).
  if (!e.decided_on)
    return refuse("extension refused: no_decision", "petitions.error.extension.no_decision");
  if (y.accepted_at.empty()) return refuse("extension before acceptance", "petitions.error.extension.bad_date");
  const auto accepted = calendar::to_local(auth::parse_iso_utc(y.accepted_at)).day;
  if (!extension_date_ok(*e.decided_on, accepted, today))
    return refuse("extension decision date out of range", "petitions.error.extension.bad_date");
  y.extensions = std::move(all);
  return {e, static_cast<int>(y.extensions.size())};
}

// Law on Denunciations 2018 Art. 29(3): the acceptance is sent once.
LegalInput read_acceptance_notice(Petition& y) {
  if (!y.acceptance_notified_at.empty()) return refuse("acceptance already notified", "petitions.error.notice.already_sent");
  y.acceptance_notified_at = y.updated_at;
  return {};
}

// Law on Denunciations 2018 Art. 30(4): only an extension decision not yet sent.
LegalInput read_extension_notice(Petition& y) {
  bool unsent = false;
  for (Extension& e : y.extensions) {
    unsent = unsent || !e.notified;
    e.notified = true;
  }
  if (!unsent) return refuse("no extension to notify", "petitions.error.notice.nothing_owed");
  LegalInput in;
  in.notify_extensions = true;
  return in;
}

// A later change of the complexity or several places (rules.h check_amendment), with the
// reason (the note, required by the transition table).
LegalInput read_amendment(calendar::Date today, const LegalFields& f, Petition& y) {
  Amendment a;
  a.kind = y.kind;
  a.accepted = !y.accepted_at.empty();
  a.complexity_from = a.complexity_to = y.complexity;
  a.several_from = a.several_to = y.several_places;
  // The form sends the field of the step the petition is at: several places before acceptance,
  // the complexity after it; a field not sent keeps its value.
  if (!f.complexity.empty()) {
    auto c = parse_complexity(f.complexity);
    if (!c) return refuse("unknown complexity", "petitions.error.complexity");
    a.complexity_to = *c;
  }
  if (!a.accepted) a.several_to = f.several_places;
  a.extensions = static_cast<int>(y.extensions.size());
  a.current_due = calendar::parse_date(a.accepted ? y.resolve_due : y.accept_due);
  a.today = today;
  const AmendCheck check = check_amendment(a);
  if (check != AmendCheck::ok)
    return refuse("amendment refused: " + std::string(amend_check_code(check)),
           "petitions.error.amend." + std::string(amend_check_code(check)));
  LegalInput in;
  if (a.complexity_from != a.complexity_to)
    in.change = "complexity " + std::string(complexity_code(a.complexity_from)) + " → " +
                std::string(complexity_code(a.complexity_to));
  if (a.several_from != a.several_to)
    in.change += std::string(in.change.empty() ? "" : "; ") + "several_places " + (a.several_to ? "0 → 1" : "1 → 0");
  y.complexity = a.complexity_to;
  y.several_places = a.several_to;
  return in;
}

std::string complexity_label(const desk::View& v, Complexity c) {
  return v.t("petitions.complexity." + std::string(complexity_code(c)));
}

}  // namespace

LegalInput read_legal_input(soci::session& s, calendar::Date today, const LegalFields& f, Action action,
                            std::string_view note, Petition& y) {
  if (y.kind == Kind::denunciation)
    y.extensions = load_extensions(s, y.id);
  else
    y.extensions.clear();
  switch (action) {
    case Action::classify:
      // Law on Denunciations 2018 Art. 24(1): checking in several places gives 10 working days.
      y.several_places = y.kind == Kind::denunciation && f.several_places;
      if (y.kind != Kind::denunciation) y.complexity = Complexity::none;
      return {};
    case Action::accept: {
      auto complexity = read_complexity(f.complexity, y.kind);
      if (!complexity) return refuse("unknown complexity", "petitions.error.complexity");
      y.complexity = *complexity;
      return {};
    }
    case Action::decide: y.decided_at = y.updated_at; return {};
    case Action::extend: return read_extension(today, f, note, y);
    case Action::notify_acceptance: return read_acceptance_notice(y);
    case Action::notify_extension: return read_extension_notice(y);
    case Action::amend: return read_amendment(today, f, y);
    default: return {};
  }
}

void store_legal_input(soci::session& s, const LegalInput& in, const Petition& y, std::int64_t actor_id) {
  if (in.extension) insert_extension(s, y.id, in.position, *in.extension, y.updated_at, actor_id);
  if (in.notify_extensions) mark_extensions_notified(s, y.id, y.updated_at);
}

void add_legal_context(app::Context& ctx, const http::Request& req, const auth::Principal& p, const Petition& x,
                       mstch::map& c) {
  desk::View v{ctx, req};
  if (x.complexity != Complexity::none) c["complexity"] = complexity_label(v, x.complexity);
  c["several_places"] = x.kind == Kind::denunciation && x.several_places;
  c["forward_due"] = v.date(x.forward_due);
  c["notice_due"] = v.date(x.notice_due);
  c["send_due"] = v.date(x.send_due);
  c["extension_notice_due"] = v.date(x.extension_notice_due);
  if (x.kind == Kind::denunciation && !x.acceptance_notified_at.empty())
    c["acceptance_notified"] = v.date(x.acceptance_notified_at.substr(0, 10));
  // The steps owed and already late today (workflow.h pending_steps).
  mstch::array late;
  for (Step step : overdue_steps(x, desk::today(ctx)))
    late.push_back(v.t("petitions.step." + std::string(step_code(step))));
  c["has_late_steps"] = !late.empty();
  c["late_steps"] = late;
  if (!x.first_decision_number.empty())
    c["first_decision"] = mstch::map{{"number", x.first_decision_number},
                                     {"date", v.date(x.first_decision_date)},
                                     {"agency", x.first_decision_agency}};
  mstch::array extensions;
  if (x.kind == Kind::denunciation)
    ctx.db.with_session([&](soci::session& s) {
      for (const auto& e : load_extensions(s, x.id))
        extensions.push_back(mstch::map{{"days", std::to_string(e.days)},
                                        {"number", e.decision},
                                        {"date", e.decided_on ? v.date(calendar::format_date(*e.decided_on)) : ""},
                                        {"notified", e.notified}});
    });
  c["has_extensions"] = !extensions.empty();
  c["extensions"] = extensions;
  // The act form's fields, for the actions this viewer may take now (as desk_show lists them).
  bool classify = false, accept = false, extend = false, amend = false;
  for (const auto& tr : transitions()) {
    if (tr.from != x.state || !(tr.kinds & kind_bit(x.kind)) || !p.has(tr.role) || !works_case(p, tr.role, x)) continue;
    classify = classify || tr.action == Action::classify;
    accept = accept || tr.action == Action::accept;
    extend = extend || tr.action == Action::extend;
    amend = amend || tr.action == Action::amend;
  }
  const bool accepted = !x.accepted_at.empty();
  // Several places before acceptance (classify, or amend it), the complexity at and after it.
  c["legal_several"] = classify || (amend && !accepted);
  c["legal_several_checked"] = x.several_places;
  c["legal_extend"] = extend;
  const bool complexity = accept || (amend && accepted);
  c["legal_complexity"] = complexity && (is_complaint(x.kind) || x.kind == Kind::denunciation);
  if (complexity) {
    mstch::array options;
    for (Complexity k : {Complexity::none, Complexity::complex, Complexity::particularly_complex})
      options.push_back(mstch::map{{"value", std::string(complexity_code(k))},
                                   {"label", complexity_label(v, k)},
                                   {"selected", k == x.complexity}});
    c["complexities"] = options;
  }
  c["today"] = calendar::format_date(desk::today(ctx));
}

}  // namespace tinhso::petitions
