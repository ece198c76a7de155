#pragma once
// What the desk's acts carry for the legal periods besides the transition table (issue 12
// findings 12, 15, 16), and the petitions' settings:
//   classify  a denunciation checked in several places (Law on Denunciations 2018 Art. 24(1):
//             10 working days to accept instead of 7)
//   accept    the complexity (Law on Complaints 2011 Art. 28, 37: 45/60 and 60/70 days; Decree
//             31/2019/NĐ-CP Art. 3 for denunciations)
//   extend    a denunciation's extension: its days and the written decision's number (the note)
//             and date (Law on Denunciations 2018 Art. 30(2)–(4)); stored, the resolve due day moves
//   decide    the moment the decision is sent from (Law on Complaints 2011 Art. 32, 41; Law on
//             Denunciations 2018 Art. 35(3))
//   notify_acceptance  the acceptance sent to the denouncer (Art. 29(3)); once
//   notify_extension   the unsent extension decisions sent to the parties (Art. 30(4))
//   amend     a new complexity or several places, checked by rules.h check_amendment; the due
//             days move with them
#include <cstdint>
#include <optional>

#include <mstch/mstch.hpp>
#include <soci/soci.h>

#include "core/app/module.h"
#include "modules/petitions/petition.h"

namespace tinhso::petitions {

// The act form's fields for the legal rules, as typed.
struct LegalFields {
  std::string complexity;      // complexity_code, or "" (none; on amend: unchanged)
  bool several_places = false;  // "several_places" checked
  std::string extension_days;  // a whole number of days
  std::string decision_on;     // the extension decision's date, YYYY-MM-DD
};

// What read_legal_input took that the act's transaction stores.
struct LegalInput {
  std::optional<Extension> extension;  // extend: the new one
  int position = 0;                    // its number (1 or 2)
  bool notify_extensions = false;      // notify_extension: mark the unsent ones sent
  std::string change;                  // amend: "complexity none → complex", for the event and audit
  // Not empty when the fields are wrong (an unknown complexity, an extension refused): the
  // catalog id of the reason, and a text for the log. Nothing else is then set.
  std::string refusal_id, refusal_log;
  bool refused() const { return !refusal_id.empty(); }
};

// Reads the fields `action` carries for the legal rules (the extension's decision number is
// `note`) and applies them to `y`, the petition after the action (kind, state and updated_at
// set): circumstances, decided_at, and a denunciation's extensions loaded from `s` (plus the new
// one). `today` is the local day the decision dates are checked against. Refused: see LegalInput.
LegalInput read_legal_input(soci::session& s, calendar::Date today, const LegalFields& f, Action action,
                            std::string_view note, Petition& y);
// In the act's transaction: stores the new extension, if any.
void store_legal_input(soci::session& s, const LegalInput& in, const Petition& y, std::int64_t actor_id);

// The desk page's legal parts: the complexity, several places, extensions and the due days of
// forwarding, the acceptance notice and sending the decision; and the act form's fields for the
// actions this viewer may take now.
void add_legal_context(app::Context& ctx, const http::Request& req, const auth::Principal& p, const Petition& x,
                       mstch::map& c);

}  // namespace tinhso::petitions
