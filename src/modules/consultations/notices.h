#pragma once
// Notifications of the consultations module (issue 18 §7): what subscribers and commenters are
// told, as an in-app notice (consultation_notices, /consultations/notices) and an e-mail through
// the mail outbox, in the same transaction as the change that causes it.
//   * to a comment's author: the agency's answer to it ("answered") and its hiding ("hidden"),
//     written by the use case that answers or hides (tell_author);
//   * to subscribers (of the consultation, of its field or of its drafting agency): "opened" once
//     it opens, "closing" when it closes within --consultation-closing-days (default 3), "report"
//     when the summary report is published — the report's notice also goes to every commenter.
// Announcements are made by a job on every node, exactly once across nodes: the job inserts
// (consultation, event) into consultation_announcements with ON CONFLICT DO NOTHING in the
// transaction that writes the notices and messages; only the transaction whose insert changed a
// row writes them (PostgreSQL: a racing node waits on the key, then inserts nothing).
#include <chrono>
#include <string_view>

#include "core/app/module.h"
#include "modules/consultations/consultation.h"
#include "modules/consultations/usecases.h"

namespace tinhso::consultations {

// --consultation-closing-days N (1..30, default 3), --consultation-notices on|off (default on:
// off starts no job on this node) and --consultation-notice-seconds N (1..3600, default 60: how
// often the job looks for announcements owed).
struct NoticeSettings {
  int closing_days = 3;
  bool enabled = true;
  int period_seconds = 60;
};
void add_notice_options(CLI::App& cmd, app::Settings& settings);
const NoticeSettings& notice_settings(const app::Context& ctx);

// Tells the author of `c` of `event` ("answered", "hidden") in env's transaction.
void tell_author(const Env& env, const Comment& c, std::string_view event);

// One pass: every announcement owed at ctx.clock's now and not made yet, at most `limit`
// consultations. Returns the number of announcements this call made.
int run_announcement_pass(const app::Context& ctx, int limit = 100);

void start_announcements(app::Context& ctx);
void stop_announcements();

}  // namespace tinhso::consultations
