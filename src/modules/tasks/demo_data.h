#pragma once
// The demo's source documents and tasks (data/tasks/demo.json, issue 16 §10) read into plain
// structs, checked in full before anything is stored. The file's shape:
//   {"_note": "...", "documents": [{"key", "kind", "number", "issued_on", "issuer" (an agency
//    code), "signer", "subject", "public", "items": [{"clause", "text", "tasks": [{"key",
//    "content", "lead", "coordinating": [codes], "product", "priority", "assigned_on",
//    "deadline": {"kind": "date", "due"} | {"kind": "working_days", "days"} |
//                {"kind": "recurring", "every": "month"|"quarter"|"year", "day"[, "month"]} |
//                {"kind": "none"},
//    "events": [{"on", "action", ...}], "subtasks": [tasks without "subtasks"]}]}]}]}
// Keys starting with '_' are comments and are ignored at every level; any other unknown key is
// an error (a misspelt field would otherwise be lost silently). Pure: no I/O, no clock, no
// directory look-up (the loader resolves the agency codes).
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/date.h"

namespace tinhso::tasks::demo {

// The only exception parse() and replay() throw. what(): where, then why — "document
// tb-27-04-2021, task t5.events[2].on: before assigned_on".
class DemoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Deadline {
  std::string kind;                    // date | working_days | recurring | none
  std::optional<calendar::Date> due;   // date
  int days = 0;                        // working_days: 1..3650
  std::string every;                   // recurring: month | quarter | year
  int day = 0;                         // recurring: 1..31
  int month = 0;                       // recurring every year: 1..12; else 0
};

struct Event {
  calendar::Date on;
  std::string action;  // the agreed action names (workflow.h): acknowledge, report_progress, ...
  std::string text;    // report_progress, report_completion
  std::optional<int> percent;               // report_progress: 0..100
  std::string reason;                       // return, request_extension, refuse_extension, cancel, merge
  std::optional<calendar::Date> new_due;    // request_extension
  std::string into;                         // merge: another task's key in the file
};

struct Task {
  std::string key;  // unique in the file, subtasks included
  std::string content;
  std::string lead;                       // agency code
  std::vector<std::string> coordinating;  // agency codes, none repeated, not the lead
  std::string product;                    // report | plan | draft_resolution | decision | proposal | other
  std::string priority;                   // normal | high | urgent
  calendar::Date assigned_on;             // not before the document (a subtask: its parent)
  Deadline deadline;
  std::vector<Event> events;  // in date order, none before assigned_on
  std::vector<Task> subtasks;  // one level: a subtask has none
};

struct Item {
  std::string clause;  // unique in its document
  std::string text;
  std::vector<Task> tasks;  // at least one
};

struct Document {
  std::string key;     // unique in the file
  std::string kind;    // conclusion_notice | directive | plan | action_programme | official_letter
  std::string number;  // "412-TB/TU"
  calendar::Date issued_on;
  std::string issuer;  // agency code
  std::string signer;
  std::string subject;
  bool is_public = false;
  std::vector<Item> items;  // at least one
};

struct DemoFile {
  std::string note;  // "_note": what in the file is illustrative
  std::vector<Document> documents;  // at least one
};

// The file `text` (UTF-8 JSON), every rule above checked: known kinds, actions, products and
// priorities; dates that exist, in 1900..2199; events in date order and none before the task's
// assignment; each action with exactly the fields it carries; percent 0..100; agency codes
// non-empty, without spaces; keys and clauses unique; a merge into another task of the file; a
// parent with subtasks reports no progress of its own (issue 16 §2: computed from its children).
// Throws DemoError, and nothing else, on any input.
DemoFile parse(std::string_view text);

// THE DEMO FILE'S OWN CHECK, not the module's workflow (workflow.h's table is the authority
// wherever the two differ): replays the events of `t` from `assigned` and returns the final
// state's name, or throws DemoError naming the task, the event and the state it was not legal
// from. The steps it knows:
//   acknowledge        assigned → acknowledged
//   report_progress    acknowledged → acknowledged
//   report_completion  acknowledged → completion_reported
//   confirm            completion_reported → done
//   return             completion_reported → acknowledged
//   request_extension  assigned | acknowledged, none pending, the deadline a date or working
//                      days, the new day after the due day in force (a date deadline) or after
//                      the request day → a request pending
//   approve_extension  a request pending (any non-final state) → its day in force
//   refuse_extension   a request pending (any non-final state) → none pending
//   cancel, merge      any non-final state → cancelled, merged
// done, cancelled and merged are final. Subtasks are not replayed here (replay them one by one).
std::string replay(const Task& t);

// replay() of every task and subtask of `f`; throws the first DemoError.
void replay_all(const DemoFile& f);

}  // namespace tinhso::tasks::demo
