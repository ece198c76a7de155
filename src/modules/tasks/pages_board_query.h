#pragma once
// What the leaders' board, its lists and the public page read (issue 16 §4, §6, §8). The board
// and every list it links to are computed by the same function (board_tasks) from the same rows,
// so that each count is exactly the length of the list it links to (issue 16 §6, "ours must add
// up"). Built on store.h assigned_tasks_as_of (board.h's rows), plus one statement of names.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/calendar/working_calendar.h"
#include "modules/tasks/rules.h"
#include "modules/tasks/store.h"

namespace tinhso::tasks {

// The names and links of a task the board shows besides its facts.
struct TaskNames {
  std::int64_t document_id = 0;
  std::string content;
  std::string lead_name;
  std::int64_t assigner_agency_id = 0;
  std::string assigner_name;  // the assigning office (Task::assigner_agency_id)
  std::int64_t assigned_by = 0;  // the leader who assigned it, when recorded (Task::assigned_by); 0: none
  std::string assigned_by_name;
};

// Every task the assigner gave that was assigned on or before `day`, loaded once (four
// statements); board_tasks then classifies them as of `day` or any earlier day.
struct BoardSource {
  Date day;
  std::vector<TaskRecord> records;
  std::map<std::int64_t, TaskNames> names;  // by task id
};
BoardSource load_board_source(soci::session& s, Date day);

// One task of the board as of a day, with its bucket (never Bucket::none: cancelled or merged
// tasks, and those not assigned yet, are left out).
struct BoardTask {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  std::string document;  // number and symbol
  std::int64_t lead_agency_id = 0;
  std::string lead, lead_name;
  std::int64_t assigner_agency_id = 0;
  std::string assigner_name;
  std::int64_t assigned_by = 0;
  std::string assigned_by_name;
  std::string content;
  std::string assigned_on;
  std::optional<std::string> due;  // in force on the day (rules.h shown_due_as_of)
  std::optional<std::string> completed_on;
  Bucket bucket = Bucket::none;
};

// What a list (and a cell of the board) selects: all of them must match; 0 / "" / nullopt: any.
struct BoardFilter {
  std::vector<std::int64_t> lead_scope;  // lead agencies the reader may see; empty: every one
  std::string lead;                      // a lead agency's code
  std::int64_t document = 0;
  std::int64_t assigner = 0;
  std::int64_t leader = 0;  // the assigning leader's account
  std::optional<Bucket> bucket;
};

// The tasks of `src` as of `day` (on or before src.day) that match `f`, by id. For an earlier day
// the deadline versions and reports after it are disregarded, so the result equals what
// load_board_source(s, day) would give.
std::vector<BoardTask> board_tasks(const BoardSource& src, Date day, const calendar::WorkCalendar& cal, OnTimeRule rule,
                                   const BoardFilter& f);

// ---- The public page (issue 16 §8): public documents only, no reports or notes ----
struct PublicDocument {
  std::int64_t id = 0;
  std::string kind, number, issued_on, issuer, signer, subject;
};
// Every public document, latest first.
std::vector<PublicDocument> public_documents(soci::session& s);
// Document `id` if it exists and is public.
std::optional<PublicDocument> public_document(soci::session& s, std::int64_t id);
// A task of a public document as the public sees it: what, who leads, who coordinates.
struct PublicTask {
  std::int64_t id = 0;
  std::int64_t item_id = 0;
  std::string content, lead_name;
  std::vector<std::string> coordinators;
};
// The tasks the assigner gave from the items of document `document_id` (no sub-tasks), by id.
std::vector<PublicTask> public_tasks(soci::session& s, std::int64_t document_id);

}  // namespace tinhso::tasks
