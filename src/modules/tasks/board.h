#pragma once
// The leaders' figures as of a day (issue 16 §4, §9): each task the assigner gave with its
// bucket, and the counts per lead body, both from the same rows so that every count is exactly
// the length of the list it counts. Sub-tasks are the lead body's own breakdown of a task and are
// not counted here (they would count the parent twice).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/calendar/working_calendar.h"
#include "modules/tasks/rules.h"

namespace tinhso::tasks {

// One task as of a day (`tinhso tasks export`).
struct AsOfRow {
  std::int64_t id = 0;
  std::string document;  // the source document's number and symbol
  std::string lead;      // the lead agency's code
  std::string assigned_on;
  std::optional<std::string> original_due;  // rules.h shown_original_due; none for an ongoing task
  std::optional<std::string> due;           // in force on the day (rules.h shown_due_as_of)
  std::optional<std::string> completed_on;  // only when confirmed by the day (rules.h TaskFacts)
  std::optional<std::string> closed_on;     // cancelled or merged by the day
  Bucket bucket = Bucket::none;             // none: cancelled or merged by the day
};
// Every task the assigner gave that was assigned on or before `day`, by id.
std::vector<AsOfRow> rows_as_of(soci::session& s, Date day, const calendar::WorkCalendar& cal, OnTimeRule rule);

// The counts of one lead body, indexed like kCountedBuckets.
struct LeadCounts {
  std::string lead;
  std::array<long long, std::size(kCountedBuckets)> counts{};
  long long total() const;
};
// Per lead body (by code) with at least one task in a bucket: the number of `rows` in each bucket.
std::vector<LeadCounts> counts_by_lead(const std::vector<AsOfRow>& rows);

// The JSON the commands print: `tinhso tasks export` an array of rows ({"id", "document",
// "lead", "assigned_on", "original_due", "due", "completed_on", "closed_on", "bucket"}; absent
// values and the bucket of a cancelled or merged task are null), `tinhso tasks summary`
// {"as_of", "on_time_rule", "leads": [{"lead", "<bucket>": n, ..., "total"}], "total": {...}}.
std::string rows_json(const std::vector<AsOfRow>& rows);
std::string summary_json(const std::vector<LeadCounts>& leads, Date day, OnTimeRule rule);

// ---- The fast path (issue 16 bench line: 1 M tasks, the board p99 < 100 ms) ----
// The days a task spends in each bucket: consecutive spans (`to` included; nullopt = from `from`
// on), none of them Bucket::none, such that for every day d bucket_as_of(t', d) under `rule` is
// the bucket of the span holding d, or none outside them, where t' is `t` as rows_as_of reads it
// on d (versions approved and reports made by d). Computed by evaluating bucket_as_of on every day
// the bucket can change on (assignment, each version's approval and the day after its due,
// completion, confirmation, close, each report, the day after each recurring occurrence), so the
// spans and the C++ rules cannot disagree.
struct BucketSpan {
  Bucket bucket = Bucket::none;
  Date from;
  std::optional<Date> to;
  friend bool operator==(const BucketSpan&, const BucketSpan&) = default;
};
std::vector<BucketSpan> bucket_spans(const TaskFacts& t, const calendar::WorkCalendar& cal, OnTimeRule rule);

// The counts of counts_by_lead(rows_as_of(s, day, cal, rule)), read from the stored spans'
// Fenwick tree (store_board.h): at most 16 tree nodes whatever the number of tasks. Rebuilds the
// stored board first when it is not built (task_board_state), in a transaction of its own: call
// both functions with a session outside a transaction (Database::with_session).
std::vector<LeadCounts> counts_as_of(soci::session& s, Date day, const calendar::WorkCalendar& cal, OnTimeRule rule);
// The ids of the tasks of one cell of counts_as_of (lead body by code, bucket), ascending: the
// same spans, so their number is the cell's count.
std::vector<std::int64_t> cell_task_ids(soci::session& s, Date day, const calendar::WorkCalendar& cal, OnTimeRule rule,
                                        const std::string& lead, Bucket bucket);

}  // namespace tinhso::tasks
