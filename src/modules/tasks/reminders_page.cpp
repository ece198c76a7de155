// GET /tasks/reminders (issue 16 §5): the signed-in officer's own reminders, newest first, 20 a
// page (keyset paging: ?before=<notice id>). Staff only; two SQL statements besides the session's.
#include <charconv>
#include <limits>
#include <string>

#include <soci/soci.h>

#include "core/auth/guard.h"
#include "core/calendar/date.h"
#include "core/http/errors.h"
#include "core/web/fields.h"
#include "core/web/routes.h"
#include "modules/tasks/reminders.h"

namespace tinhso::tasks {

namespace {

constexpr int kPageSize = 20;

// ?before= : a positive notice id, or absent (the newest page). Anything else is a 400.
long long before_of(const http::Request& req) {
  std::string v = web::query(req, "before");
  if (v.empty()) return 0;
  long long n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n <= 0)
    throw http::Error(http::ErrorKind::bad_request, "bad before", "tasks_reminders.error.before");
  return n;
}

std::string shown(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

// "before:…", "due:…", "overdue:…:k" → the message id of its kind.
std::string kind_label(const std::string& threshold) {
  std::string kind = threshold.substr(0, threshold.find(':'));
  if (kind != "before" && kind != "due" && kind != "overdue") kind = "due";
  return "tasks_reminders.kind." + kind;
}

http::Response reminders_page(app::Context& ctx, const http::Request& req) {
  const auth::Principal& p = auth::require_login(req);
  auth::require(p.is_staff(), "tasks.reminders");
  const long long before = before_of(req), account = p.account_id;
  // One comparison with the BIGINT id (PostgreSQL types the parameter from it; `:b = 0` made it
  // an int4, which refused ids past 2^31 with an error).
  const long long below = before ? before : std::numeric_limits<long long>::max();
  const auto& cat = ctx.pages.catalog();
  mstch::array rows;
  long long last = 0;
  int fetched = 0;
  ctx.db.with_session([&](soci::session& s) {
    long long id = 0, task = 0;
    std::string threshold, due, on, content, number;
    soci::statement st =
        (s.prepare << "SELECT n.id, n.task_id, n.threshold, n.due, n.sent_on, t.content, d.number"
                      " FROM task_reminder_notices n JOIN tasks t ON t.id = n.task_id"
                      " JOIN task_items i ON i.id = t.item_id JOIN task_documents d ON d.id = i.document_id"
                      " WHERE n.account_id = :a AND n.id < :b ORDER BY n.id DESC LIMIT :lim",
         soci::use(account, "a"), soci::use(below, "b"), soci::use(kPageSize + 1, "lim"),
         soci::into(id), soci::into(task), soci::into(threshold), soci::into(due), soci::into(on), soci::into(content),
         soci::into(number));
    st.execute();
    while (st.fetch()) {
      if (++fetched > kPageSize) break;
      last = id;
      rows.push_back(mstch::map{{"task_url", "/tasks/" + std::to_string(task)},
                                {"content", content},
                                {"document", number},
                                {"kind", cat.get(req.lang, kind_label(threshold))},
                                {"due", shown(due)},
                                {"due_iso", due},
                                {"sent_on", shown(on)},
                                {"sent_on_iso", on}});
    }
  });
  mstch::map c{{"title", cat.get(req.lang, "tasks_reminders.title")},
               {"reminders", rows},
               {"empty", rows.empty()},
               {"paged", before != 0},
               {"first_url", std::string("/tasks/reminders")}};
  if (fetched > kPageSize) c["next_url"] = "/tasks/reminders?before=" + std::to_string(last);
  return ctx.pages.render(req, "tasks_reminders_list", std::move(c));
}

}  // namespace

void add_reminder_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/tasks/reminders", reminders_page);
}

}  // namespace tinhso::tasks
