#pragma once
// The dossiers' use cases that are more than one transition (issue 13 §3): a draft made and
// perhaps submitted, a submission, a paper dossier received at the counter, an apology. Each
// takes plain inputs, an Env and the Who acting (with the audit::Recorder and notifier bound by
// the caller), runs in one transaction of its own and returns an outcome; none throws
// http::Error (the handlers turn outcomes into answers). Single transitions go through
// transition.h's apply.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/calendar/source.h"
#include "core/db/database.h"
#include "modules/dossiers/dossier.h"
#include "modules/dossiers/lateness.h"
#include "modules/dossiers/store_files.h"
#include "modules/dossiers/store_processing.h"
#include "modules/dossiers/transition.h"
#include "modules/procedures/api.h"

namespace tinhso::dossiers {

// What the use cases run with besides the actor: the database, the working-day calendar and the
// installation's rule for a completed supplement.
struct Env {
  db::Database& db;
  const calendar::CalendarSource& calendar;
  SupplementClock after_supplement = SupplementClock::restart;
};

// The applicant's part of a dossier, as given (checked by the caller).
struct Applicant {
  std::string name, email, phone, id_number, address, details;
};
void apply_applicant(Dossier& d, const Applicant& a);
Applicant applicant_of(const Dossier& d);

// A file to store with a dossier, its type already decided by its content.
struct Upload {
  std::int64_t document_id = 0;  // 0: not for a listed document
  std::string name, content_type, bytes;
};
// Stores `ups` as files of `role`; with `replace_documents`, a file for a listed document
// replaces the dossier's application files for it. In the caller's transaction.
void store_uploads(soci::session& s, std::int64_t dossier_id, const std::string& role, const std::vector<Upload>& ups,
                   std::int64_t by, const std::string& at, bool replace_documents);

// The mandatory documents of `proc` with no application file among `files`.
std::vector<const procedures::RequiredDocument*> missing_documents(const procedures::Procedure& proc,
                                                                   const std::vector<FileInfo>& files);

// The next code for `d` (a draft being submitted or a counter dossier): the desk agency's code,
// the local day of `now`, the next sequence (dossier.h code_prefix/format_code). Takes the
// sequence in the caller's transaction; writes nothing to the dossier row.
std::string next_code(soci::session& s, const Dossier& d, std::chrono::system_clock::time_point now);
// Gives `d` its next_code and writes it.
void assign_code(soci::session& s, Dossier& d, std::chrono::system_clock::time_point now);

// ---- one transition ----

// Run after a done change in its transaction (a receipt, the supplement request's row, result
// files).
using AfterChange = std::function<void(soci::session&, const Dossier& after)>;
// Applies `cmd` (transition.h apply) to the dossier `id` as read in a transaction of its own, then
// `then`. With `expected_version` (the version a form was rendered with) a dossier that moved
// since is a conflict; a dossier that does not exist is one too. Nothing is written unless done.
Applied act(const Env& env, const Who& who, std::int64_t id, const Command& cmd, const AfterChange& then = {},
            std::optional<int> expected_version = std::nullopt);

// ---- the applicant's submission ----

struct Submitted {
  enum Kind {
    done,        // submitted (or already submitted: a retry)
    incomplete,  // mandatory documents have no file: missing_names
    inactive,    // the procedure is no longer active
    not_found,   // no such draft of the applicant
    conflict,    // the draft changed meanwhile
  } kind = done;
  Dossier dossier;                         // the draft as it stands, or the submitted dossier
  std::vector<std::string> missing_names;  // incomplete: the documents' names
};

// Submits the draft `draft_id` of who.account_id in one transaction: the code is given and the
// `submit` transition applied with its event and audit record, if the procedure is active and
// every mandatory document has a file.
Submitted submit(const Env& env, const Who& who, std::int64_t draft_id);

struct NewDraft {
  const procedures::Procedure& proc;  // active (checked by the caller)
  Applicant applicant;
  std::string key;  // idempotency key: one dossier per key
  std::vector<Upload> uploads;
  bool submit = false;  // submit the new draft in its creating transaction
};
struct Drafted {
  enum Kind {
    created,      // a new draft (submitted when asked and possible: see `submitted`)
    existing,     // the key's dossier of this applicant (a double click, a retry); not submitted here
    foreign_key,  // the key made someone else's dossier
    conflict,     // the new draft could not be submitted for a concurrent change: nothing kept
  } kind = created;
  Dossier dossier;                     // after the submission when one was made
  std::optional<Submitted> submitted;  // created with NewDraft::submit: the submission's outcome
};
// Creates the draft of who.account_id with its files, audited ("dossier.draft"), or finds the
// one the key already made. With `submit` a new draft is submitted in the same transaction (one
// commit); a draft that cannot be submitted (incomplete, inactive) is kept.
Drafted create_draft(const Env& env, const Who& who, const NewDraft& in);

// Writes the applicant's part of the draft `d` (as read) and adds or replaces its files, audited
// ("dossier.draft_update"); false when the draft changed meanwhile (nothing written).
bool update_draft(const Env& env, const Who& who, const Dossier& d, const Applicant& a, const std::vector<Upload>& uploads);
// Adds or replaces files of the draft `d`, audited ("dossier.draft_files").
void add_draft_files(const Env& env, const Who& who, const Dossier& d, const std::vector<Upload>& uploads);
// Deletes the draft `d` with its files, audited ("dossier.draft_delete").
void discard_draft(const Env& env, const Who& who, const Dossier& d);
// The applicant's rating of a returned dossier, 1–5 (checked by the caller), audited
// ("dossier.rate"); false when it was already rated (nothing written).
bool rate(const Env& env, const Who& who, const Dossier& d, int score, const std::string& comment);

// ---- counter entry (a paper dossier) ----

struct CounterEntry {
  const procedures::Procedure& proc;  // active, of the officer's desk scope, documents complete (checked)
  Applicant applicant;
  std::string key;
  std::vector<Upload> uploads;
};
struct Counted {
  enum Kind { received, existing } kind = received;
  Dossier dossier;
};
// Stores a received dossier's receipt in the caller's transaction (receipt.cpp renders it).
using IssueReceipt = std::function<void(soci::session&, const Dossier& received)>;
// Creates the dossier at the counter as the draft creation does, submitted with its code (event
// "submit" by the officer, audited "dossier.counter"), and receives it at once through the
// `receive` transition, with its receipt — one transaction; or finds the key's dossier.
Counted receive_at_counter(const Env& env, const Who& who, const CounterEntry& in, const IssueReceipt& receipt);

// ---- the apology (Decree 61/2018/NĐ-CP Art. 19(9)) ----

struct ApologyInput {
  Dossier seen;  // as the leader saw it (its version: a stale form is a conflict)
  std::string reason, new_date;
  ApologyRules rules;
};
struct Apologised {
  enum Kind {
    done,
    refused,   // check_apology said no: `check`
    conflict,  // the dossier changed meanwhile, or another apology came first
  } kind = done;
  ApologyCheck check = ApologyCheck::ok;
  Dossier dossier;
};
// Renders the apology letter (PDF bytes) for the dossier after the apology.
using ApologyLetter = std::function<std::string(soci::session&, const Dossier& after, const Apology&)>;
// The date the applicant was last promised: the appointment (moved by an apology), else the due date.
std::string promised(const Dossier& d);
// Checks the apology against the rules on the dossier as seen, then in one transaction applies
// the `apology` transition (new appointment date, event, audit record, the applicant's notice),
// records the apology and stores its letter as the dossier's 'apology' file.
Apologised apologise(const Env& env, const Who& who, const ApologyInput& in, const ApologyLetter& letter);

}  // namespace tinhso::dossiers
