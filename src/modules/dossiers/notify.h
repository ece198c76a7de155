#pragma once
// Notices to applicants and agency leaders (issue 5 §7), written to the outboxes in the caller's
// transaction: the e-mail outbox (mail::enqueue) and, when --sms-webhook is set, sms_outbox. A
// notice is sent only if the change commits, and each row is sent once by the senders' leases.
#include <string>

#include <soci/soci.h>

#include "core/app/module.h"
#include "modules/dossiers/dossier.h"
#include "modules/dossiers/transition.h"

namespace tinhso::dossiers {

enum class Notice { received, supplement_requested, apology, returned, refused };

// Queues the applicant's e-mail (if the dossier has an address) and SMS (if it has a phone and a
// webhook is configured) about `d`; `note` is the officer's text the notice quotes (the reasons of
// a refusal). Texts are Vietnamese, the applicant's default language: the dossier keeps no other
// preference.
void notify_applicant(soci::session& s, const app::Context& ctx, const Dossier& d, Notice what,
                      const std::string& note = {});

// The notifier handed to transition::apply (Who::notify): receipt, supplement request, apology,
// return, and refusal with its reasons (Decree 61/2018/NĐ-CP Art. 19(5)).
Notifier applicant_notifier(const app::Context& ctx);

// Tells the leaders of `d`'s handling agency by e-mail that it is due within one working day
// (Decree 61/2018/NĐ-CP Art. 19(9)).
void notify_leaders_due_soon(soci::session& s, const app::Context& ctx, std::int64_t agency_id,
                             const std::string& code, const std::string& due_date);

// The dossier's own page for its applicant, under the configured public URL: /dossiers/<code>
// for an applicant with an account, else the public look-up with the code filled in.
std::string applicant_link(const std::string& public_url, const Dossier& d);

// "dd/mm/yyyy" of a 'YYYY-MM-DD' date ("" stays "").
std::string display_date(const std::string& iso_date);

}  // namespace tinhso::dossiers
