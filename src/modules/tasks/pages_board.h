#pragma once
// The leaders' board of assigned tasks and the public page (issue 16 §4, §6, §8).
//   GET /tasks/board?as_of=&period=&scope=&documents_page=   counts per lead body × bucket, per
//       source document (20 a page, newest first), per assigning office and (where recorded) per
//       assigning leader, the trend by reporting month, the 50 longest overdue first; every number
//       links to /tasks/list with the same filter, which lists exactly that many tasks (both read
//       the stored board, store_board.h);
//   GET /tasks/board.xlsx, /tasks/board.pdf  the same figures as a periodic report and for a meeting;
//   GET /tasks/list?as_of=&scope=&lead=&document=&assigner=&leader=&bucket=   exactly the tasks one count counts;
//   GET /tasks/public, /tasks/public/{document}   public documents, each conclusion, who leads it
//       and its status: anonymous, never an internal document, report or note;
//   GET /tasks/public/{document}/files/{file}   a public document's current signed file (PDF).
// The board and lists: the province leader (every lead body) and an agency leader (the lead bodies
// of its agency and those below it, as the overview's scope); 400 with a message for a bad day or
// period.
#include "core/app/module.h"

namespace tinhso::tasks {

void add_board_routes(http::Router& router, app::Context& ctx);
void add_public_routes(http::Router& router, app::Context& ctx);
// The menu entries: the board for the leaders, the public page for visitors.
std::vector<app::NavEntry> board_nav();

}  // namespace tinhso::tasks
