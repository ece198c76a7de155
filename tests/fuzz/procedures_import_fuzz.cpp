// Fuzzes the procedure catalogue import (src/modules/procedures/catalogue_file.h): an uploaded
// CSV or JSON file is outside input. It must never crash; the result is either records or
// problems, never both; every problem names a catalog id; every record passes the catalogue's
// rules; and exporting the records in either format then importing them gives the same records.
#include <cstdint>
#include <string>

#include "check.h"
#include "modules/procedures/catalogue_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tinhso::procedures;
  std::string_view in = tinhso::fuzz::as_view(data, size);
  CatalogueFile r = parse_catalogue(in);
  FUZZ_CHECK(r.records.empty() || r.problems.empty());
  FUZZ_CHECK(r.records.size() == r.rows.size());
  FUZZ_CHECK(r.records.size() <= kMaxImportRecords);
  for (const auto& p : r.problems)
    FUZZ_CHECK(p.message_id.starts_with("procedures.") || p.message_id.starts_with("csv."));
  if (r.records.empty()) return 0;
  for (const auto& rec : r.records) {
    FUZZ_CHECK(check_procedure(rec.procedure, true, true).empty());
    FUZZ_CHECK(!rec.agency_code.empty() && !rec.desk_agency_code.empty());
  }
  for (const std::string& text : {catalogue_csv(r.records), catalogue_json(r.records)}) {
    CatalogueFile again = parse_catalogue(text);
    FUZZ_CHECK(again.problems.empty());
    FUZZ_CHECK(again.records == r.records);
  }
  return 0;
}
