#pragma once
// Every SQL statement of the tasks module (store.cpp), on SQLite and PostgreSQL alike: named
// placeholders, nullable columns read through COALESCE and written through NULLIF, booleans as
// integers. Runs in the caller's session (and transaction); checks nothing but the version of an
// update: the use cases (usecases.h) decide.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "modules/tasks/task.h"

namespace tinhso::tasks {

std::int64_t insert_document(soci::session& s, const Document& d);
std::optional<Document> find_document(soci::session& s, std::int64_t id);
// The signed files of a document (migration 006). insert_document_file first writes the
// document's row (its file_sha256: the write lock on it, so two replacements of one document take
// turns), then marks its current file replaced at f.created_at and stores `f` with `content`
// (base64) as the current one. id 0: no such document.
struct StoredDocumentFile {
  std::int64_t id = 0;
  std::int64_t replaced = 0;  // the file it replaced, 0 = none
  std::string replaced_sha256;
};
StoredDocumentFile insert_document_file(soci::session& s, const DocumentFile& f, const std::string& content);
// Every file of a document, the current one first, then the replaced ones newest first.
std::vector<DocumentFile> document_files(soci::session& s, std::int64_t document_id);
// The document's current file, nullopt if none.
std::optional<DocumentFile> current_document_file(soci::session& s, std::int64_t document_id);
// File `id` of document `document_id` with its content as stored; nullopt if it has no such file.
// public_only: only the current file of a public document (the anonymous download, issue 16 §8).
std::optional<std::pair<DocumentFile, std::string>> load_document_file(soci::session& s, std::int64_t document_id,
                                                                       std::int64_t id, bool public_only);
std::int64_t insert_item(soci::session& s, const Item& item);
std::optional<Item> find_item(soci::session& s, std::int64_t id);
std::vector<Item> document_items(soci::session& s, std::int64_t document_id);

// Inserts `t` (its version 0) and its coordinators; returns its id.
std::int64_t insert_task(soci::session& s, const Task& t);
std::optional<Task> find_task(soci::session& s, std::int64_t id);
// Takes the write lock on task `id` (PostgreSQL: its row; SQLite holds the database's) if its
// stored version is still `version`: after true, update_task with that version cannot lose to
// another writer. False when it changed or does not exist.
bool lock_task(soci::session& s, std::int64_t id, int version);
// Writes every changing field of `t` and raises its version, only if the stored version is still
// t.version; false when another change came first (or no such task).
bool update_task(soci::session& s, const Task& t);
// The sub-tasks of `parent_id`, by id.
std::vector<Task> children(soci::session& s, std::int64_t parent_id);
// Whether an agency with this id exists (any state).
bool agency_exists(soci::session& s, std::int64_t agency_id);

void insert_deadline_version(soci::session& s, std::int64_t task_id, const DeadlineVersion& v, const std::string& given,
                             std::int64_t extension_id);
std::vector<DeadlineVersion> deadline_versions(soci::session& s, std::int64_t task_id);

std::int64_t insert_extension_request(soci::session& s, const ExtensionRequest& r);
std::optional<ExtensionRequest> pending_extension(soci::session& s, std::int64_t task_id);
void decide_extension(soci::session& s, const ExtensionRequest& r);

// A progress ("progress") or completion ("completion") report.
void insert_report(soci::session& s, std::int64_t task_id, const std::string& kind, const std::string& on, int percent,
                   const std::string& text, std::int64_t by);
void insert_event(soci::session& s, const Event& e);
std::vector<Event> events(soci::session& s, std::int64_t task_id);

// One task as the board's as-of figures need it.
struct TaskRecord {
  std::int64_t id = 0;
  std::string document;  // the source document's number and symbol
  std::string lead;      // the lead agency's code
  std::int64_t lead_agency_id = 0;
  TaskFacts facts;
};
// Every task the assigner gave (no parent) assigned on or before `day`, by id, with the deadline
// versions approved on or before `day` and, for recurring tasks, the days of their reports up to
// `day`. Three statements.
std::vector<TaskRecord> assigned_tasks_as_of(soci::session& s, const std::string& day);

}  // namespace tinhso::tasks
