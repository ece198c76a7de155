#pragma once
// What the leaders' board, its lists and the public page read besides the stored board
// (store_board.h, whose spans give every count and every list so that each count is exactly the
// length of the list it links to: issue 16 §6, "ours must add up"): the details of a page of
// tasks, the board's page of documents and the names it shows.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/calendar/working_calendar.h"
#include "modules/tasks/rules.h"
#include "modules/tasks/store.h"
#include "modules/tasks/store_board.h"

namespace tinhso::tasks {

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

// Tasks `ids` (the assigner's, no sub-tasks) as of `day`, in the order of `ids`, each with its
// bucket by the C++ rules (rules.h bucket_as_of on the facts known by `day`): four statements
// whatever the number of ids. A page of a list or the board's overdue list, never a whole board.
std::vector<BoardTask> board_task_details(soci::session& s, const std::vector<std::int64_t>& ids, Date day,
                                          const calendar::WorkCalendar& cal, OnTimeRule rule);

// A source document as the board's per-document table names it.
struct BoardDocument {
  std::int64_t id = 0;
  std::string number, issued_on;
};
// One page of the documents the board lists (≈ 50 000 at 1 M tasks), the latest issued first, with
// their tasks' spans holding `day` under `rule` appended to `spans`, in one statement. Every lead
// body (`leads` empty): the documents issued on or before `day` with tasks of the assigner by
// then; a scope: the documents of the scope's tasks counted on the day, and only those tasks.
// A scope with more than `few_spans` spans on the day reads the documents newest first, probing
// each; one with fewer reads its spans' documents (the same page either way; tests pass both).
inline constexpr long long kFewScopeSpans = 400;
std::vector<BoardDocument> documents_page(soci::session& s, Date day, OnTimeRule rule,
                                          const std::vector<std::int64_t>& leads, long long offset, long long limit,
                                          std::vector<BoardSpan>& spans, long long few_spans = kFewScopeSpans);
// Documents `ids` (any order); missing ones are left out.
std::vector<BoardDocument> documents_by_id(soci::session& s, const std::vector<std::int64_t>& ids);

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
