#pragma once
// The use cases of the consultations module (issue 18 §1–§7). Each runs in the caller's
// transaction (Env::s), checks its input and the consultation's phase (rules.h) at the injected
// clock, and writes exactly one audit record per change (audit::Recorder) — never a comment's
// text or a commenter's name in it, only ids, counts and digests. Who may act is the caller's
// business (permissions.h); these take the actor as given.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/app/module.h"
#include "core/auth/clock.h"
#include "core/db/database.h"
#include "modules/audit/api.h"
#include "modules/consultations/consultation.h"
#include "modules/consultations/draft.h"

namespace tinhso::consultations {

// What a use case runs with: the caller's transaction, the clock, the audit recorder bound by the
// caller, and the application (its catalogue and public URL) for the e-mails a step sends —
// nullptr: the in-app notice only (unit tests).
struct Env {
  soci::session& s;
  db::Dialect dialect;
  const auth::Clock& clock;
  const audit::Recorder& audit;
  const app::Context* app = nullptr;
};

// Why an input was refused; message id "consultations.error.<code>" (error_code).
enum class Error {
  none,
  not_found,
  stale,                  // the consultation changed since the form was read
  wrong_phase,            // the step is not allowed in the consultation's phase
  title_required,
  unknown_agency,
  unknown_kind,
  bad_opens,
  bad_closes,
  close_before_open,
  too_short,              // under the kind's minimum without a reason
  unknown_unit,
  audience_required,      // not province-wide and no unit named
  draft_empty,            // no unit to publish, or an import that found none
  draft_too_large,
  comment_required,
  comment_too_long,
  unknown_unit_anchor,    // a comment on a unit the draft does not have
  bad_parent,             // a reply to a reply, to a hidden comment or another consultation's
  file_type,              // not PDF, JPEG or PNG by its content
  file_size,
  too_many_files,
  own_comment,            // agreeing with one's own comment
  already_answered,       // the account answered this consultation's questions already
  choice_required,        // a question left without a choice
  bad_choice,             // an option of another question, or two on a single-choice one
  other_too_long,
  question_required,
  options_required,
  reason_required,        // hiding without a reason
  already_hidden,
  answer_kind,
  answer_required,
  comments_required,      // an answer naming no comment of this consultation
  unanswered_comments,    // a report published while visible comments have no answer
  organisation_name,
  representative_required,
};
std::string_view error_code(Error e);

struct Result {
  Error error = Error::none;
  std::int64_t id = 0;  // what was created or changed
  bool ok() const { return error == Error::none; }
};

inline constexpr std::size_t kMaxCommentChars = 10000;  // bytes of UTF-8 text
inline constexpr std::size_t kMaxFileBytes = 10u << 20;
inline constexpr std::size_t kMaxCommentFiles = 3;
inline constexpr std::size_t kMaxConsultationFiles = 10;

// An uploaded file as sent: the client's name and the bytes (PDF, JPEG or PNG by content).
struct FileInput {
  std::string name;
  std::string bytes;
};

// The consultation's details as an officer enters them (local date-times in Viet Nam, as the
// form sends them: rules.h parse_local_input).
struct DetailsInput {
  std::string title, summary, kind, legal_basis, field, opens, closes, short_reason;
  std::int64_t agency_id = 0;
  bool province_wide = true;
  std::vector<std::int64_t> units;
};
// Creates a consultation in state draft; audit "consultation.create". Errors: title_required,
// unknown_agency, unknown_kind, bad_opens, bad_closes, close_before_open, too_short, unknown_unit,
// audience_required.
Result create_consultation(const Env& env, const DetailsInput& in, std::int64_t actor);
// Changes its details while it is a draft (version must match); audit "consultation.update".
Result update_consultation(const Env& env, std::int64_t id, int version, const DetailsInput& in, std::int64_t actor);

// Stores `units` as the draft's text: while a draft, it replaces the latest version (or makes
// version 1); once published, it adds the next version (the text after comments, issue 18 §2).
// Audit "consultation.draft" with the version, the unit count and the source's digest.
Result save_draft(const Env& env, std::int64_t id, const std::vector<Unit>& units, const std::string& source_name,
                  const std::string& note, std::int64_t actor);

// Adds the explanatory report or another file (role "explanatory" / "other") before the
// consultation closes; audit "consultation.file".
Result add_file(const Env& env, std::int64_t id, const std::string& role, const FileInput& file, std::int64_t actor);

// Adds a question with its options (one per non-blank line) while a draft; audit
// "consultation.question". remove_question likewise ("consultation.question_remove").
Result add_question(const Env& env, std::int64_t id, const std::string& text, bool multiple, bool allow_other,
                    const std::vector<std::string>& options, std::int64_t actor);
Result remove_question(const Env& env, std::int64_t id, std::int64_t question_id, std::int64_t actor);

// Publishes a draft that has text, its period checked again; audit "consultation.publish". The
// subscribers are told when it opens (notices.h).
Result publish(const Env& env, std::int64_t id, int version, std::int64_t actor);

// A comment by a signed-in account while the consultation is open, on the whole draft (anchor
// "") or on a unit of its latest version, or a reply (parent_id) to a visible top-level comment;
// shown under the account's organisation when it has one. Audit "consultation_comment.create"
// (ids, length, file digests — never the text or the name).
struct CommentInput {
  std::int64_t consultation_id = 0;
  std::string anchor;
  std::int64_t parent_id = 0;
  std::string body;
  std::vector<FileInput> files;
  std::int64_t account_id = 0;
  std::string author_name;
};
Result add_comment(const Env& env, const CommentInput& in);

// One "agree" by `account` while open; a second is a no-op (Result::id 0). Errors: not_found,
// wrong_phase, own_comment.
Result agree(const Env& env, std::int64_t comment_id, std::int64_t account);

// The account's answers to every question of the consultation at once, while open; one per
// account (the table's key: a second, also concurrent, is already_answered and changes nothing).
struct QuestionAnswer {
  std::int64_t question_id = 0;
  std::vector<std::int64_t> options;
  std::string other;
};
Result answer_questions(const Env& env, std::int64_t consultation_id, std::int64_t account,
                        const std::vector<QuestionAnswer>& answers);

// Hides a comment with its reason (kept and shown in its place, never deleted); the author is
// told (a notice and an e-mail). Audit "consultation_comment.hide".
Result hide_comment(const Env& env, std::int64_t comment_id, const std::string& reason, std::int64_t actor);

// The drafting agency's answer to `comment_ids` (visible top-level comments of the consultation),
// once published and until the report is: a new answer replaces the one they had. Each
// commenter is told. Audit "consultation.answer".
Result answer_comments(const Env& env, std::int64_t consultation_id, const std::vector<std::int64_t>& comment_ids,
                       const std::string& kind, const std::string& body, const std::string& changed_anchor,
                       std::int64_t actor);

// Publishes the summary report once closed and every visible top-level comment is answered;
// audit "consultation.report". Subscribers and commenters are told (notices.h).
Result publish_report(const Env& env, std::int64_t consultation_id, const std::string& note, std::int64_t actor);

// Subscriptions of `account` (scope "consultation", "field", "agency"); audit
// "consultation.subscribe" / "consultation.unsubscribe".
Result subscribe(const Env& env, std::int64_t account, const std::string& scope, const std::string& value, bool on);

// The account's organisation profile (issue 18 §3); audit "consultation.organisation".
Result save_organisation(const Env& env, const Organisation& o);

}  // namespace tinhso::consultations
