#pragma once
// The use cases of the tasks module (issue 16 §1–§3): record a source document with its items,
// assign tasks (and sub-tasks, by the lead body for its units), and take every step of a task's
// life through one `apply`. Each runs in the caller's transaction (Env::s), checks its input and
// the transition table (workflow.h), and writes the task's event and exactly one audit record
// (audit::Recorder) per change. Who may act in which part is the caller's business
// (permissions.h); these take the part as given.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/auth/clock.h"
#include "core/calendar/working_calendar.h"
#include "modules/audit/api.h"
#include "modules/tasks/task.h"

namespace tinhso::tasks {

// What a use case runs with besides its inputs: the caller's transaction, the clock ("today" is
// its day in Viet Nam), the working-day calendar deadlines are counted on, and the recorder of
// the audit trail bound by the caller (audit::for_request or for_system).
struct Env {
  soci::session& s;
  const auth::Clock& clock;
  const calendar::WorkCalendar& calendar;
  const audit::Recorder& audit;
};

// Why an input was refused; message id "tasks.error.<code>" (error_code).
enum class Error {
  none,
  not_found,              // no such document, item or task
  stale,                  // the task changed since it was read (optimistic version)
  refused,                // the transition table refused it: see Result::refusal
  number_required,        // a document without its number and symbol
  subject_required,
  bad_date,               // a day that is not YYYY-MM-DD or outside the calendar's range
  day_in_future,          // a step or an assignment dated after today
  day_out_of_order,       // a step dated before the assignment or the task's last step
  unknown_agency,
  duplicate_document,     // the same issuer, number and day again
  items_required,         // a document without items
  item_text_required,
  content_required,       // a task without its content
  bad_deadline,           // an incomplete or out-of-range deadline
  due_before_assignment,  // a due day before the assignment day
  assigned_before_issue,  // a task assigned before its document was issued
  coordinator_is_lead,    // the lead body named among its coordinators
  parent_closed,          // a sub-task of a done, cancelled or merged task
  parent_progress,        // a parent's progress is computed from its sub-tasks, never reported
  merge_target,           // merge into itself, a missing task or a closed one
  signed_file_type,       // a document's signed file that is not a PDF (by its content)
  signed_file_size,       // a signed file over kMaxSignedFileBytes
};
inline constexpr Error kAllErrors[] = {
    Error::none,          Error::not_found,           Error::stale,              Error::refused,
    Error::number_required, Error::subject_required,  Error::bad_date,           Error::day_in_future,
    Error::day_out_of_order, Error::unknown_agency,   Error::duplicate_document, Error::items_required,
    Error::item_text_required, Error::content_required, Error::bad_deadline,     Error::due_before_assignment,
    Error::assigned_before_issue, Error::coordinator_is_lead, Error::parent_closed,
    Error::parent_progress, Error::merge_target, Error::signed_file_type, Error::signed_file_size};
std::string_view error_code(Error e);

// A document's signed file as sent (issue 16 §1): the client's file name and the bytes. Only a
// PDF by its content (core/document/files.h sniff_type) is taken: migration 006 says why.
struct SignedFile {
  std::string name;
  std::string bytes;
};
inline constexpr std::size_t kMaxSignedFileBytes = 10u << 20;

struct DocumentInput {
  Document document;        // id and created_at are set here
  std::vector<Item> items;  // clause and text, in order; seq and ids are set here
  std::optional<SignedFile> file;  // optional at recording
};
struct DocumentResult {
  Error error = Error::none;
  Document document;
  std::vector<Item> items;
  std::optional<DocumentFile> file;
  bool ok() const { return error == Error::none; }
};
// Records a document, its items and, when given, its signed file (stored as its current file,
// created_by the document's created_by); one audit record "task_document.create" that names the
// file's digest.
DocumentResult create_document(const Env& env, DocumentInput in);

struct DocumentFileResult {
  Error error = Error::none;
  DocumentFile file;         // as stored
  std::int64_t replaced = 0;  // the file it replaced, 0 = none
  bool ok() const { return error == Error::none; }
};
// Attaches the signed file of document `document_id` later, or replaces its current one (kept,
// listed as replaced); audit "task_document.attach_file" or "task_document.replace_file".
// Errors: not_found, signed_file_type, signed_file_size.
DocumentFileResult attach_document_file(const Env& env, std::int64_t document_id, const SignedFile& file,
                                        std::int64_t actor_id);

struct TaskResult {
  Error error = Error::none;
  Refusal refusal = Refusal::none;  // with Error::refused
  Task task;                        // as stored after the change
  bool ok() const { return error == Error::none; }
};

// Assigns a task of item `in.item_id`: content, lead and coordinating agencies, product,
// priority, assigned_on (a day, not after today) and its deadline; state `assigned`, deadline
// version 0 (rules.h first_due) for a due day, an `assign` event and audit "task.assign". A
// sub-task (in.parent_id set) belongs to its parent's item and is assigned by the parent's lead
// body (in.assigner_agency_id is set to the parent's lead agency), to one of its units, its own
// officers (itself) or a body it directs — e.g. the Party's committee of the provincial People's
// Committee splits a conclusion among departments (the seed's meeting of 27/4/2021).
TaskResult assign(const Env& env, Task in);

// One step of a task's life (workflow.h Action), as taken by someone in `part`.
struct ApplyInput {
  std::int64_t task_id = 0;
  int version = 0;  // the version the actor saw (Task::version)
  Action action = Action::acknowledge;
  Part part = Part::lead;
  std::int64_t actor_id = 0;
  // The day the step counts for, "YYYY-MM-DD" ("" = today): a report made on paper and
  // recorded later keeps its own day. Not after today, nor before the assignment day or the
  // task's last step.
  std::string on;
  std::string reason;
  std::string text;
  std::optional<int> percent;
  std::string new_due;  // request_extension: "YYYY-MM-DD"
  std::int64_t into = 0;  // merge: the task it is merged into
};
// Checks the version, the day, the transition table (with the task's due day in force and its
// pending extension) and the action's own rules, then writes the change: reports (progress,
// completion), the extension request or its decision (approval adds a deadline version in force
// from that day, rules.h in_force_due of the date asked), completion and confirmation days,
// cancel and merge; the event, and one audit record "task.<action>", all in env.s.
TaskResult apply(const Env& env, const ApplyInput& in);

// The progress of task `id` in percent, computed over its sub-tasks (rules.h progress); 0 for an
// unknown task.
int task_progress(soci::session& s, std::int64_t id);

}  // namespace tinhso::tasks
