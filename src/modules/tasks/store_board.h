#pragma once
// The stored board (issue 16 §6 and its bench line: the board as of any day for 1 M tasks in
// well under 100 ms): every counted task's bucket spans (board.h bucket_spans) under both on-time
// rules, and their counts per lead body and bucket as a Fenwick tree over day numbers
// (migrations/003_board.sql, 005_board_dims.sql, 008_board_lead_counts.sql). Counts and cell lists read the same spans, so a count is always the
// length of its list. All SQL on SQLite and PostgreSQL alike; runs in the caller's transaction.
//
// The tree counts per lead body, assigning office, assigning leader and in all (BoardDim), and
// per assigning office and leader within each lead body.
// Kept current by refresh_board_task, which the use cases call after every change of a task
// (assign, apply) in the same transaction: the task's spans are computed again and only the
// difference is added to the tree (additive updates, so concurrent steps on different tasks
// commute; a task's own steps are serialised by its row lock). Limit: spans are computed with the
// working calendar of the step; a later change of the calendar (a holiday moved) shifts recurring
// occurrences without touching the stored spans until rebuild_board runs.
#include <array>
#include <cstdint>
#include <functional>
#include <map>
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
// Whether the stored tables are built, in this code's layout (task_board_state).
bool board_built(soci::session& s);
// Rebuilds when task_board_state says the board is not built, in a transaction of its own (the
// session must not be in one).
void ensure_board(soci::session& s, const calendar::WorkCalendar& cal);

// The dimensions the Fenwick tree counts by (migrations/005_board_dims.sql); documents are read
// from the spans (board_spans) a page at a time.
enum class BoardDim : int { lead = 0, assigner = 1, leader = 2, all = 4 };
using BucketCounts = std::array<long long, std::size(kCountedBuckets)>;
// The counts of one key of a dimension (an agency id, a leader's account id; 0 for `all`).
struct DimCount {
  BoardDim dim = BoardDim::all;
  std::int64_t key = 0;
  BucketCounts counts{};
};
// The keys of `dims` with a non-zero count as of `day` over every task: one statement over at
// most 17 tree nodes per key, whatever the number of tasks.
std::vector<DimCount> board_counts(soci::session& s, Date day, OnTimeRule rule, const std::vector<BoardDim>& dims);

// The whole province's board in one statement: the counts of every key of the lead, assigner,
// leader and all dimensions as of `day`, and the counts of all tasks as of each of `series`.
struct BoardFigures {
  std::vector<DimCount> counts;
  std::vector<BucketCounts> series;  // one per day of `series`
};
BoardFigures board_figures(soci::session& s, Date day, OnTimeRule rule, const std::vector<Date>& series);

// The same figures for the tasks led by `leads` (a scope), in one statement over the tree: per
// lead body, in all and the series from its lead dimension, per assigning office and leader from
// their counts within each lead body (task_board_lead_counts).
BoardFigures scope_figures(soci::session& s, Date day, OnTimeRule rule, const std::vector<std::int64_t>& leads,
                           const std::vector<Date>& series);

// One stored span: task `task` is in `bucket` (index in kCountedBuckets) from `from` to `to`
// (both included; "9999-12-31" = open), with the task's dimensions.
struct BoardSpan {
  std::int64_t task = 0, lead = 0, document = 0, assigner = 0, leader = 0;
  int bucket = 0;
  std::string from, to;
  bool holds(const std::string& day) const { return from <= day && day <= to; }
};
// The spans under `rule` of the tasks led by one of `leads` that begin on or before `until`
// (a scoped board: its counts, trend and overdue list as of any day up to `until`).
std::vector<BoardSpan> board_spans(soci::session& s, OnTimeRule rule, const std::vector<std::int64_t>& leads,
                                   Date until);

// Every directory agency's code and name by id (lead bodies and assigning offices).
struct AgencyName {
  std::string code, name;
};
std::map<std::int64_t, AgencyName> agency_names(soci::session& s);
// The names the board shows: every agency, and every account that assigned a counted task (the
// leader dimension), in one statement.
struct BoardNames {
  std::map<std::int64_t, AgencyName> agencies;
  std::map<std::int64_t, std::string> leaders;
};
BoardNames board_names(soci::session& s);

// What one count selects; 0 / -1 / empty: any.
struct CellFilter {
  std::vector<std::int64_t> leads;  // the reader's lead bodies; empty: every one
  std::int64_t lead = 0, document = 0, assigner = 0, leader = 0;
  int bucket = -1;
};
// The number of tasks of the cell as of `day`, and one page of their ids: the same spans (the
// count of a whole-province cell from the tree they add up to), so the count is the length of the
// list. A cell narrowed to a bucket, a lead body or a document lists its tasks by the day they
// entered their bucket (the longest overdue first), then by id; a wider one by id.
long long cell_count(soci::session& s, Date day, OnTimeRule rule, const CellFilter& f);
std::vector<std::int64_t> cell_ids(soci::session& s, Date day, OnTimeRule rule, const CellFilter& f, long long offset,
                                   long long limit);
// The tasks overdue as of `day` among `leads` (every one when empty), longest overdue first (the
// overdue span starts the day after the due day in force), at most `limit`.
std::vector<std::int64_t> overdue_ids(soci::session& s, Date day, OnTimeRule rule, const std::vector<std::int64_t>& leads,
                                      long long limit);
// The spans of the tasks of `documents` as of `day` (the board's page of documents).
std::vector<BoardSpan> document_spans(soci::session& s, Date day, OnTimeRule rule,
                                      const std::vector<std::int64_t>& documents);

}  // namespace tinhso::tasks
