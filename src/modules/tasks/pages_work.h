#pragma once
// The working pages of the tasks module (issue 16 §1–§3, §7), plain forms without JavaScript:
//   GET  /tasks/documents/new        the leaders' office records a source document and its items
//   POST /tasks/documents            → 303 to the document; 422 with the form kept; may carry the
//                                    signed file (PDF; multipart)
//   GET  /tasks/documents/{id}       the document, its signed files, its items and the tasks of each
//   POST /tasks/documents/{id}/files the assigning office attaches or replaces the signed file → 303
//                                    back; 422 for no file or not a PDF
//   GET  /tasks/documents/{id}/files/{file}  a signed file (current or replaced), for those who see
//                                    the document (the public one: pages_board.h /tasks/public)
//   GET  /tasks/items/{id}/assign    the assignment form of one item
//   POST /tasks/items/{id}/assign    → 303 to the task; 422 with the form kept
//   GET  /tasks/{id}                 one task: deadline versions, progress, sub-tasks, history and
//                                    the steps the transition table allows the viewer
//   POST /tasks/{id}/act             one step (usecases.h apply) → 303 back with a confirmation;
//                                    a report may carry one file (PDF, JPEG, PNG; multipart);
//                                    409 for a stale version, 422 for a refused input
//   GET  /tasks/{id}/files/{file}    a report's file, for those who see the task
//   POST /tasks/{id}/subtasks        the lead body's leader splits the task → 303 to the sub-task
//   GET  /tasks/mine                 a body's view (§7): overdue, due soon, waiting for our report,
//                                    and the tasks it coordinates
// Who may do what: permissions.h (deny by default, 403).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/app/module.h"
#include "core/web/pages.h"
#include "modules/tasks/task.h"

namespace tinhso::tasks {

void add_work_routes(http::Router& router, app::Context& ctx);
// The menu entries of these pages (web::NavEntry), for module.cpp.
std::vector<web::NavEntry> work_nav();

namespace work {

// A task as the lists of these pages show it (pages_work_store.cpp).
struct TaskRow {
  std::int64_t id = 0, parent_id = 0, item_id = 0, lead_agency_id = 0;
  std::string content;
  State state = State::assigned;
  int percent = 0;
  std::string due;  // in force now; "" for recurring and ongoing tasks
  DeadlineKind deadline_kind = DeadlineKind::none;
  std::string document;     // the source document's number and symbol
  std::string last_report;  // the day of the last progress or completion report, "" = none
  int version = 0;
  // The item and document it comes from.
  int item_seq = 0;
  std::string clause, item_text, document_subject;
  std::int64_t document_id = 0, issuer_agency_id = 0;
};
struct ItemWithDocument {
  Item item;
  Document document;
};

// A file that came with a report (migration 004), without its content.
struct ReportFile {
  std::int64_t id = 0, task_id = 0, size = 0, created_by = 0;
  std::string action, on_day, file_name, content_type, sha256, created_at;
};

// A document's signed file as a download: attachment, its type; cached publicly for a public
// document's current file, else private, no-store (the server adds nosniff to every response).
http::Response send_document_file(const DocumentFile& meta, const std::string& content, bool is_public);

// One statement each.
std::optional<ItemWithDocument> item_with_document(soci::session& s, std::int64_t item_id);
// Every task of an item (top-level tasks and their sub-tasks), by id.
std::vector<TaskRow> item_tasks(soci::session& s, std::int64_t item_id);
// Every task of a document, by item and id.
std::vector<TaskRow> document_tasks(soci::session& s, std::int64_t document_id);
// The tasks `agency_id` leads that are not done, cancelled or merged, the earliest due first.
std::vector<TaskRow> agency_open_tasks(soci::session& s, std::int64_t agency_id);
// The open tasks `agency_id` coordinates (cơ quan phối hợp), the earliest due first.
std::vector<TaskRow> agency_coordinated_tasks(soci::session& s, std::int64_t agency_id);

// Stores `f` with `content` (base64) and returns its id.
std::int64_t insert_report_file(soci::session& s, const ReportFile& f, const std::string& content);
// The report files of task `task_id`, oldest first.
std::vector<ReportFile> report_files(soci::session& s, std::int64_t task_id);
// File `id` of task `task_id` with its content as stored; nullopt if the task has no such file.
std::optional<std::pair<ReportFile, std::string>> load_report_file(soci::session& s, std::int64_t task_id, std::int64_t id);

}  // namespace work

}  // namespace tinhso::tasks
