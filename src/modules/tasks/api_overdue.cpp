// tasks/api.h overdue_tasks: the board's overdue list for another module.
#include "modules/tasks/api.h"
#include "modules/tasks/pages_board_query.h"
#include "modules/tasks/store_board.h"

namespace tinhso::tasks {

std::vector<OverdueTask> overdue_tasks(soci::session& s, const calendar::WorkCalendar& cal, OnTimeRule rule,
                                       const std::string& day, const std::vector<std::int64_t>& leads, int limit) {
  const auto d = calendar::parse_date(day);
  if (!d) return {};
  ensure_board(s, cal);
  std::vector<OverdueTask> out;
  for (const BoardTask& t : board_task_details(s, overdue_ids(s, *d, rule, leads, limit), *d, cal, rule))
    out.push_back({t.content, t.lead_name, t.document, t.due.value_or("")});
  return out;
}

}  // namespace tinhso::tasks
