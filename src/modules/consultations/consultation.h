#pragma once
// The consultations module's records as the use cases and pages handle them (issue 18). The
// schema is migrations/001_consultations.sql; the draft's units are draft.h's.
#include <cstdint>
#include <string>
#include <vector>

#include "modules/consultations/rules.h"

namespace tinhso::consultations {

// A kind of consulted document and its minimum period (consultation_kinds).
struct Kind {
  std::string code, name_vi, name_en, basis;
  int min_days = 0;
};

struct Consultation {
  std::int64_t id = 0;
  std::string title, summary;
  std::int64_t agency_id = 0;
  std::string agency_name;  // read with it
  std::string kind;         // consultation_kinds.code
  std::string legal_basis, field;
  bool province_wide = true;
  std::vector<std::int64_t> units;  // the audience's admin units when not province-wide
  std::string opens_at, closes_at;  // ISO UTC
  std::string short_reason;
  bool published = false;
  std::string published_at, report_published_at, report_note, created_at;
  std::int64_t created_by = 0;
  int version = 1;
  int draft_version = 0;  // the number of its latest draft version, 0 = none yet

  Moments moments() const { return {published, opens_at, closes_at, report_published_at}; }
};

// A file of the consultation (role "explanatory" or "other") or of a comment (role "").
struct FileRef {
  std::int64_t id = 0;
  std::string role, name, content_type;
  std::int64_t size = 0;
};

struct Answer {
  std::int64_t id = 0;
  std::string kind;  // "accepted", "partly", "explained"
  std::string body, changed_anchor, created_at;
};
inline constexpr const char* kAnswerKinds[] = {"accepted", "partly", "explained"};

struct Comment {
  std::int64_t id = 0;
  std::int64_t consultation_id = 0;
  int version_number = 0;
  std::string anchor;  // "" = the whole draft
  std::int64_t parent_id = 0;
  std::int64_t account_id = 0;
  std::string author_name, organisation, body, created_at;
  int agrees = 0;
  bool hidden = false;
  std::string hidden_reason;
  std::int64_t answer_id = 0;
  std::vector<FileRef> files;
};

struct Organisation {
  std::int64_t account_id = 0;
  std::string name, registration, representative, position;
};

struct Option {
  std::int64_t id = 0;
  int seq = 0;
  std::string text;
  long long count = 0;  // answers that chose it (results)
};
struct Question {
  std::int64_t id = 0;
  int seq = 0;
  std::string text;
  bool multiple = false, allow_other = false;
  std::vector<Option> options;
  long long respondents = 0, others = 0;  // results
};

}  // namespace tinhso::consultations
