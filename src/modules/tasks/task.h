#pragma once
// What the tasks module stores (migration 001): source documents, their items, tasks, deadline
// versions, extension requests and events, as plain values. Days are "YYYY-MM-DD" ("" = none).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/tasks/rules.h"
#include "modules/tasks/workflow.h"

namespace tinhso::tasks {

enum class DocumentKind { conclusion_notice, directive, plan, action_programme, official_letter };
enum class Product { report, plan, draft_resolution, decision, proposal, other };
enum class Priority { normal, high, urgent };

std::string_view document_kind_code(DocumentKind k);
std::optional<DocumentKind> parse_document_kind(std::string_view code);
std::string_view product_code(Product p);
std::optional<Product> parse_product(std::string_view code);
std::string_view priority_code(Priority p);
std::optional<Priority> parse_priority(std::string_view code);

struct Document {
  std::int64_t id = 0;
  DocumentKind kind = DocumentKind::conclusion_notice;
  std::string number;  // number and symbol as printed: "123-TB/TU"
  std::string issued_on;
  std::int64_t issuer_agency_id = 0;
  std::string signer;
  std::string subject;
  bool is_public = false;
  std::string file_path, file_sha256;  // "" = none; file_sha256: the current DocumentFile's (migration 006)
  std::string created_at;
  std::int64_t created_by = 0;  // 0: the system (demo data, command line)
};

// A signed file of a document (migration 006: PDF only), without its content. replaced_at "": the
// document's current file; else when the assigning office replaced it (the old file stays listed).
struct DocumentFile {
  std::int64_t id = 0, document_id = 0, size = 0, created_by = 0;
  std::string file_name, content_type, sha256, created_at, replaced_at;
};

struct Item {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  int seq = 0;         // 1, 2, ... in the document's order
  std::string clause;  // the label as printed ("1", "2.a"), may be ""
  std::string text;
};

struct Task {
  std::int64_t id = 0;
  std::int64_t item_id = 0;
  std::int64_t parent_id = 0;  // 0: assigned by the assigner; else a sub-task of the lead body
  std::string content;
  std::int64_t lead_agency_id = 0;
  std::int64_t assigner_agency_id = 0;  // the assigning office (its staff act as the assigner)
  std::vector<std::int64_t> coordinators;  // coordinating agencies, ascending
  Product product = Product::report;
  Priority priority = Priority::normal;
  std::string assigned_on;
  std::int64_t assigned_by = 0;
  Deadline deadline;
  std::string original_due, due;  // version 0 and the version in force now ("" for recurring, none)
  State state = State::assigned;
  int percent = 0;  // the last reported percentage (parents: see rules.h progress)
  std::string completion_reported_on, completed_on, confirmed_on, closed_on;
  std::int64_t merged_into = 0;
  std::string created_at, updated_at;
  int version = 0;
};

struct ExtensionRequest {
  std::int64_t id = 0;
  std::int64_t task_id = 0;
  std::string requested_on;
  std::int64_t requested_by = 0;
  std::string new_due;  // as asked, "YYYY-MM-DD"
  std::string reason;
  std::string state;  // pending, approved, refused
  std::string decided_on;
  std::int64_t decided_by = 0;
  std::string refusal_reason;
};

struct Event {
  std::int64_t id = 0;
  std::int64_t task_id = 0;
  std::string on_day;  // the day the step counts for
  std::string at;      // when it was recorded (ISO-8601 UTC)
  std::int64_t actor_id = 0;
  std::string part;    // assigner, lead, coordinator; "system" for the assignment by a job
  std::string action;  // workflow action code, or "assign"
  std::string from_state, to_state;
  std::string note;
};

}  // namespace tinhso::tasks
