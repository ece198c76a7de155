#pragma once
// The petitions module's use cases (issue 13 §3): one function per action, taking plain inputs and
// an Env (api.h: the caller's transaction, clock, calendar, rules, key ring, audit recorder) and
// returning a named outcome. Each writes its change, its events and its audit records (through
// env.audit, summarised by audit_summary) in env.s; an outcome other than `done` means nothing
// was written. None throws http::Error: the handlers turn outcomes into answers. receive, for
// every channel, is in api.h.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/auth/principal.h"
#include "modules/petitions/api.h"
#include "modules/petitions/desk_rules.h"
#include "modules/petitions/legal_act.h"
#include "modules/petitions/store_files.h"

namespace tinhso::petitions {

// ---- act: an officer's action on a petition (workflow.h) ----

struct ActInput {
  Action action = Action::classify;
  std::optional<Kind> kind;                // classify: the new kind (required)
  std::string note;                        // the reason, document or guidance the action needs
  std::optional<std::int64_t> to_agency;   // forward: the competent agency
  std::int64_t assignee = 0;               // assign: the account
  LegalFields legal;                       // legal_act.h
  std::vector<Attachment> files;           // stored in role_for_action(action)
};

enum class ActResult {
  done,
  not_allowed,  // no role of the officer may take the action here (the table, or not the assignee)
  incomplete,   // the action lacks what it must carry, or its legal fields are wrong
  conflict,     // the petition changed since it was read
};
struct Acted {
  ActResult result = ActResult::done;
  Refusal refusal = Refusal::none;  // not_allowed: the table's reason
  std::string message_id;           // incomplete: the catalog id of what is missing or wrong
  std::string log;                  // not done: a text for the log
  Petition petition;                // done: the petition after the action
};

// `by` takes `in.action` on `x`, as read before (the caller checked that `x` is in by's scope).
// For each role `by` holds and may work the case in (permissions.h works_case), the transition
// table decides; the first role it accepts acts. Then the legal fields (legal_act.h), the due days
// again, and for assign an assignee who may verify the kind (the agency's specialists, or any
// inspector). Done: the petition updated (optimistically: conflict when its version moved), a
// petition that became a denunciation sealed (its filer, representatives and files), the files
// stored, one event by the acting role and one audit record "petition.<action>".
Acted act(const Env& env, const auth::Principal& by, const Petition& x, ActInput in);

// ---- links between petitions on the desk (desk_rules.h) ----

enum class LinkResult {
  done,
  unchanged,   // already linked (link), or not linked (unlink): nothing written
  not_found,   // no petition `id` in by's scope
  bad_target,  // the other petition is not in by's scope, or is `id` itself
};
struct Linked {
  LinkResult result = LinkResult::done;
};
// Links petition `id` and `other` as `kind`: the later one (by receipt, then id) points at the
// earlier; an event on both; the later one's long-running flag recomputed (desk_rules.h
// makes_long_running); one audit record "petition.link" on the later one.
Linked link(const Env& env, const auth::Principal& by, std::int64_t id, std::int64_t other, LinkKind kind);
// Removes the link between `id` and `other`, whichever way round; an event on both; both flags
// recomputed; one audit record "petition.unlink" on `id`.
Linked unlink(const Env& env, const auth::Principal& by, std::int64_t id, std::int64_t other);

// ---- disclosures of a denouncer (Law on Denunciations 2018 Art. 8(3), 47(2)) ----
// For a caller entitled to them (permissions.h identity_visible, desk_may_open_file): each opens
// the sealed data and records the disclosure (one audit record, never the data itself).

// The identity of denunciation `x` ("petition.identity_view"); nullopt when its seal does not
// open (the view is recorded all the same).
std::optional<Identity> disclose_identity(const Env& env, const Petition& x);
// The representatives `reps` of `x` (load_representatives), opened in the same order; nullopt for
// one that does not open ("petition.representatives_view").
std::vector<std::optional<Identity>> disclose_representatives(const Env& env, const Petition& x,
                                                              const std::vector<Representative>& reps);
struct OpenedFile {
  std::string name, bytes;
};
// The sealed attachment `f` of `x` with its stored content; nullopt (and nothing recorded) when it
// does not open ("petition.file_view": the file's id, never its name).
std::optional<OpenedFile> disclose_file(const Env& env, const Petition& x, const AttachmentRow& f,
                                        const std::string& stored);

}  // namespace tinhso::petitions
