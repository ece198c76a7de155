#pragma once
// The catalogue as a file: the administrators' import and export, and the shipped demo catalogue
// (data/procedures/demo-procedures.json). Two formats, one record per procedure (docs/PROCEDURES.md):
//
// CSV (RFC 4180, UTF-8, header row; columns in any order, unknown columns ignored):
//   code,name,name_en,field,level,agency_code,desk_agency_code,time_limit_working_days,
//   time_limit_unit,fee_vnd,fee_note,legal_basis,fully_online,active,documents,steps,
//   fee_kind,conditions,receipt_place,office_hours,online_submission
// Required: code, name, field, level, agency_code, desk_agency_code, time_limit_working_days,
// documents. `time_limit_working_days` is the time limit's amount in `time_limit_unit`
// ("working_days" or "days"; empty or left out: working days). `documents` and `steps` hold one item per line in the text form of procedure.h
// ("name | 1 | url", "name | 30"), so the cell is quoted. `fee_kind` is "fixed" (left out: fixed)
// or "regulated"; conditions, receipt_place and office_hours are text a citizen reads;
// `online_submission` is a flag, true when left out.
//
// JSON: {"procedures": [ {...}, ... ]} or a bare array; each object has the CSV's keys, with
// `documents` as [{"name", "mandatory", "template_url"}] and `steps` as [{"name",
// "share_percent"}]; numbers and booleans are JSON numbers and booleans; unknown keys (e.g. the
// demo file's `confidence`, `sources`) are ignored.
//
// Pure: no I/O, SOCI or ICU, so it is fuzzed (tests/fuzz/procedures_import_fuzz.cpp).
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/procedures/procedure.h"

namespace tinhso::procedures {

inline constexpr std::size_t kMaxImportRecords = 2000;

enum class FileFormat { csv, json };

// One problem of an import file. `row`: for CSV the 1-based line on which the record starts (the
// header is line 1); for JSON the 1-based position of the procedure in the list; 0 for the file
// as a whole. `code` is the record's code when it has one.
struct RowProblem {
  std::size_t row = 0;
  std::string code;
  std::string message_id;
  bool operator==(const RowProblem&) const = default;
};

// Either records (each passing check_procedure, its agencies known or at least named) or every
// problem found, never both. `rows[i]` is the row of `records[i]`.
struct CatalogueFile {
  FileFormat format = FileFormat::csv;
  std::vector<Record> records;
  std::vector<std::size_t> rows;
  std::vector<RowProblem> problems;
};

// Whether an agency code names an agency of the directory.
using AgencyKnown = std::function<bool(const std::string& code)>;

// Parses an uploaded file: JSON when its first non-blank character (after an optional UTF-8
// byte-order mark) is '{' or '[', else CSV. Text values are trimmed. A file without records is
// refused ("procedures.import.empty"), as are codes that appear twice and more than
// kMaxImportRecords records. With `known`, agency codes must be known to it; without, only named.
CatalogueFile parse_catalogue(std::string_view text, const AgencyKnown& known = {});

// The records in either format; parse_catalogue reads each back to the same records.
std::string catalogue_csv(const std::vector<Record>& records);
std::string catalogue_json(const std::vector<Record>& records);

}  // namespace tinhso::procedures
