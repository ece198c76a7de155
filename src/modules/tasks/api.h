#pragma once
// The tasks module (issue 16): source documents (conclusion notices, directives, plans, action
// programmes, official letters) and their items, the tasks assigned from them with their
// deadlines, lifecycle and history, and the figures the leaders track them by (on time, late,
// in progress, overdue, ongoing as of any day): pages, the leaders' board, reminders, the
// `tinhso tasks` commands and GET /api/v1/tasks/summary.
#include <array>
#include <cstdint>
#include <optional>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/app/module.h"
#include "core/calendar/working_calendar.h"
#include "modules/tasks/rules.h"

namespace tinhso::tasks {

app::Module module();

// The tasks module's settings.
struct Settings {
  // Which deadline a completion is measured against (LEADERS.md §1 leaves "on time after an
  // extension" to the installation; --tasks-on-time deadline_in_force|original_deadline).
  OnTimeRule on_time = OnTimeRule::deadline_in_force;
};
inline const Settings& settings(const app::Context& ctx) { return ctx.settings.modules.get<Settings>(); }

// The tasks overdue as of `day` among the lead bodies `leads` (every one when empty), the longest
// overdue first, at most `limit`, as the board's overdue list shows them (issue 17 §7: the
// leaders' meeting pack). Reads the stored board (building it first when it is not built, in a
// transaction of its own: the session must not be in one).
struct OverdueTask {
  std::string content, lead_name, document, due;  // due: the day in force, "YYYY-MM-DD"
};
std::vector<OverdueTask> overdue_tasks(soci::session& s, const calendar::WorkCalendar& cal, OnTimeRule rule,
                                       const std::string& day, const std::vector<std::int64_t>& leads, int limit);

// Whether `p` may record a task document and assign its items (/tasks/documents/new): the
// province leader, or an agency's leader or specialist. Another module links there with the
// form's subject and first item filled in (query parameters `subject`, `item`).
bool may_record_documents(const auth::Principal* p);

// The counts per lead body and bucket (rules.h kCountedBuckets order: done on time, done late, in
// progress, overdue, ongoing) as of each of `days`, under `rule` (issue 17 §4: the indicators'
// tasks measures, stocks as of a period's last day). One statement over the stored board's tree,
// which also reads whether the board is built: nullopt when it is not (a tasks page or `tinhso
// tasks rebuild` builds it), never counts from a half-built board.
struct LeadDayCounts {
  calendar::Date day;
  std::int64_t lead = 0;
  std::array<long long, std::size(kCountedBuckets)> counts{};
};
std::optional<std::vector<LeadDayCounts>> lead_counts(soci::session& s, OnTimeRule rule,
                                                      const std::vector<calendar::Date>& days);

// The check of `tinhso indicators recount` (issue 17 §4): the counts the stored board gives per
// lead body as of `day` (lead_counts) against the C++ rules over every task (board.h rows_as_of,
// counts_by_lead — what `tinhso tasks summary` prints); the lead bodies whose counts differ, by
// agency id. Reads every task the assigner gave; builds the board first when it is not built (in
// a transaction of its own: the session must not be in one).
struct BoardDifference {
  std::int64_t lead = 0;
  std::array<long long, std::size(kCountedBuckets)> stored{}, recounted{};
};
std::vector<BoardDifference> check_board(soci::session& s, const calendar::WorkCalendar& cal, OnTimeRule rule,
                                         calendar::Date day);

}  // namespace tinhso::tasks
