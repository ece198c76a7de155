#pragma once
// The indicator catalogue as a file (issue 17 §1): CSV to import and export, XLSX to export. One
// row per indicator, the columns kColumns (the names are the file's header); agencies by code.
// Parsing is pure: the import use case resolves agencies and writes.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "modules/indicators/indicator.h"

namespace tinhso::indicators {

inline const std::vector<std::string> kColumns = {
    "code",     "name",      "name_en",     "definition", "unit",        "unit_en",   "direction",
    "frequency", "aggregation", "agency",  "group",      "legal_basis", "source",    "numerator",
    "denominator", "scale",   "decimals",   "dashboard_rank", "public",  "note"};

// A row read from the file, its agency still a code.
struct CatalogueRow {
  std::size_t line = 0;
  Indicator indicator;
  std::string agency_code;
};
struct CatalogueProblem {
  std::size_t line = 0;    // 0: the file as a whole
  std::string message_id;  // indicators.import.error.*
  std::string detail;      // the column or value at fault
};
struct CatalogueParse {
  std::vector<CatalogueRow> rows;
  std::vector<CatalogueProblem> problems;  // empty: every row is valid
};
// Checks every row: a code of 1–40 characters [A-Za-z0-9._-], unique in the file; a name; the
// enumerations (rules.h, indicator.h); a computed indicator's numerator (required) and
// denominator (optional: a count or a median is its numerator alone), both valid expressions,
// and a manual one's responsible agency; scale a positive number, decimals
// 0–4, dashboard_rank 0–999, public "1"/"0". At most 1,000 rows.
CatalogueParse parse_catalogue(std::string_view csv);
// The same from an .xlsx workbook (core/document/xlsx_read.h): its first sheet, laid out as the
// CSV file (the header row kColumns, one indicator per row; the XLSX export's layout), blank rows
// ignored; a workbook that cannot be read is one problem "indicators.import.error.xlsx".
CatalogueParse parse_catalogue_xlsx(std::string_view xlsx);
// The catalogue as CSV with the header kColumns (csv_field quoting); `agency_codes` names the
// agencies by id.
std::string catalogue_csv(const std::vector<Indicator>& list, const std::map<std::int64_t, std::string>& agency_codes);
// One indicator as the file's fields, in kColumns order.
std::vector<std::string> catalogue_row(const Indicator& i, const std::string& agency_code);

}  // namespace tinhso::indicators
