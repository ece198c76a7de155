#pragma once
// The stored board (issue 16 §6 and its bench line: the board as of any day for 1 M tasks in
// well under 100 ms): every counted task's bucket spans (board.h bucket_spans) under both on-time
// rules, and their counts per lead body and bucket as a Fenwick tree over day numbers
// (migrations/003_board.sql). Counts and cell lists read the same spans, so a count is always the
// length of its list. All SQL on SQLite and PostgreSQL alike; runs in the caller's transaction.
//
// Kept current by refresh_board_task, which the use cases call after every change of a task
// (assign, apply) in the same transaction: the task's spans are computed again and only the
// difference is added to the tree (additive updates, so concurrent steps on different tasks
// commute; a task's own steps are serialised by its row lock). Limit: spans are computed with the
// working calendar of the step; a later change of the calendar (a holiday moved) shifts recurring
// occurrences without touching the stored spans until rebuild_board runs.
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/calendar/working_calendar.h"
#include "modules/tasks/rules.h"

namespace tinhso::tasks {

// Computes task `task_id`'s spans again and applies the change to the tree. Sub-tasks have none.
// Does nothing while the board is not built (the rebuild will count the task).
void refresh_board_task(soci::session& s, const calendar::WorkCalendar& cal, std::int64_t task_id);
// Rewrites both tables from every task (chunks of tasks by id; `progress(done, total)` after each)
// and marks the board built.
void rebuild_board(soci::session& s, const calendar::WorkCalendar& cal,
                   const std::function<void(long long, long long)>& progress = {});
// Rebuilds when task_board_state says the board is not built, in a transaction of its own (the
// session must not be in one).
void ensure_board(soci::session& s, const calendar::WorkCalendar& cal);

// The counts of one lead body as of a day, indexed like kCountedBuckets.
struct BoardLead {
  std::string lead;  // agency code
  std::array<long long, std::size(kCountedBuckets)> counts{};
};
// The lead bodies with a non-zero count as of `day`: one statement over at most 16 tree nodes
// (one row per node and lead body).
std::vector<BoardLead> board_leads(soci::session& s, Date day, OnTimeRule rule);
// The tasks of one cell, by id.
std::vector<std::int64_t> board_cell_tasks(soci::session& s, Date day, OnTimeRule rule, const std::string& lead,
                                           int bucket);

}  // namespace tinhso::tasks
