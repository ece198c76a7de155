#pragma once
// The rules of the procedure catalogue: what makes a procedure publishable, and the one-line-per-
// item text form of documents and steps used by the administrators' form and the CSV import.
// Rules only: no I/O, SOCI or ICU, so the import parser built on them is fuzzed
// (tests/fuzz/procedures_import_fuzz.cpp).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/procedures/api.h"

namespace tinhso::procedures {

inline constexpr std::size_t kMaxCodeBytes = 40;
inline constexpr std::size_t kMaxNameBytes = 500;
inline constexpr std::size_t kMaxFieldBytes = 200;
inline constexpr std::size_t kMaxNoteBytes = 2000;  // fee_note, legal_basis, conditions
inline constexpr std::size_t kMaxPlaceBytes = 1000;  // receipt_place, office_hours
inline constexpr std::size_t kMaxUrlBytes = 500;
inline constexpr std::size_t kMaxDocuments = 40;
inline constexpr std::size_t kMaxSteps = 20;
inline constexpr int kMaxTimeLimit = 365;  // working days
inline constexpr std::int64_t kMaxFee = 1'000'000'000'000;

std::string_view level_name(Level l);  // "province", "commune"
std::optional<Level> parse_level(std::string_view name);
std::string_view fee_kind_name(FeeKind k);  // "fixed", "regulated"
// "fixed" or "regulated"; "" (left out) is fixed; nullopt for anything else.
std::optional<FeeKind> parse_fee_kind(std::string_view name);
std::string_view unit_name(calendar::Unit u);  // "working_days", "days"
// "working_days" or "days"; "" (left out) is working days; nullopt for anything else.
std::optional<calendar::Unit> parse_unit(std::string_view name);

// One validation failure: the form field ("code", "documents", ...) and the catalog message id.
struct Problem {
  std::string field;
  std::string message_id;
  bool operator==(const Problem&) const = default;
};

// A procedure as an administrator or an import writes it: the agencies are named by their
// directory codes ("SO-TTTT", "TTHCC"); ids are resolved when it is stored.
struct Record {
  Procedure procedure;
  std::string agency_code;
  std::string desk_agency_code;
};

bool operator==(const RequiredDocument& a, const RequiredDocument& b);
bool operator==(const Step& a, const Step& b);
// Equal content: every field but the ids (of the procedure, its documents and steps).
bool same_content(const Procedure& a, const Procedure& b);
bool operator==(const Record& a, const Record& b);

// A national code ("1.001612") or a local one ("HT-KS"): ASCII letters, digits, '.', '-', '_',
// starting with a letter or digit, at most kMaxCodeBytes; not a word the admin pages use as a
// path ("new", "import", "export.csv", "export.json").
bool valid_code(std::string_view code);
// "" (no template), an https:// or http:// URL, or a site path starting with a single '/'.
bool valid_template_url(std::string_view url);

// Checks a procedure before it is stored (Decree 63/2010/NĐ-CP Art. 8: a published procedure
// names its steps, documents, time limit, agency and fees). Rules: valid code; name 1–500 bytes;
// English name at most 500; field 1–200; time limit 0–365 working days; fee 0–10^12 đồng, and 0
// when the fee is `regulated`; fully online implies online submission; notes and conditions at most 2000; place and hours at most 1000; at least one document and at most 40, each named (at most 500) with a valid
// template URL; no steps, or at most 20 each named with a share 1–100 and shares summing to 100;
// the handling and desk agencies exist (`agency_found`, `desk_found`). Returns every problem
// found, in form order (empty = valid).
std::vector<Problem> check_procedure(const Procedure& p, bool agency_found, bool desk_found);

// Documents as text, one per line: "name | mandatory | template-url". `mandatory` is 1/0 (also
// yes/no, true/false, có/không, x/-); absent = mandatory; the URL may be left out. Blank lines
// are skipped. Problems (field "documents"): a line without a name, an unknown mandatory mark.
// Positions are 1, 2, ... in line order.
std::vector<RequiredDocument> parse_documents(std::string_view text, std::vector<Problem>& problems);
std::string format_documents(const std::vector<RequiredDocument>& documents);
// Steps as text, one per line: "name | share-percent". Problems (field "steps"): a line without
// a name or without a whole-number share.
std::vector<Step> parse_steps(std::string_view text, std::vector<Problem>& problems);
std::string format_steps(const std::vector<Step>& steps);

// A whole number within [lo, hi] written in ASCII digits (an optional leading '-'), else nullopt.
std::optional<std::int64_t> parse_integer(std::string_view s, std::int64_t lo, std::int64_t hi);
// "true"/"1"/"yes"/"có"/"x" → true, "false"/"0"/"no"/"không"/"-" → false (case-insensitive
// ASCII, trimmed), "" → `empty`, anything else → nullopt.
std::optional<bool> parse_flag(std::string_view s, std::optional<bool> empty);

// A short description for audit records: code, names, field, level, agencies, limit, fee,
// online and active flags, document and step names (with shares).
std::string summary(const Record& r);

}  // namespace tinhso::procedures
