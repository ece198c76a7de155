// Fuzzes the shared CSV parser (core/util/csv.h) (uploaded import files are outside input). It must never
// crash; a table has a header and rows of the header's width within the limits, every field is
// valid UTF-8, and re-encoding the table (every field quoted) parses back to the same table.
#include <cstdint>
#include <string>

#include "check.h"
#include "core/util/csv.h"
#include "core/util/strings.h"

namespace {

std::string quote(const std::string& f) {
  std::string out = "\"";
  for (char c : f) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string encode(const tinhso::CsvTable& t) {
  auto line = [](const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + quote(fields[i]);
    return out + "\r\n";
  };
  std::string out = line(t.header);
  for (const auto& r : t.rows) out += line(r.fields);
  return out;
}

bool utf8_ok(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = tinhso::utf8_sequence_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tinhso;
  std::string_view in = tinhso::fuzz::as_view(data, size);
  CsvLimits limits{.max_rows = 50, .max_fields = 8, .max_field_bytes = 64};
  CsvResult r = parse_csv(in, limits);
  FUZZ_CHECK(r.table.has_value() != r.error.has_value());
  if (r.error) {
    FUZZ_CHECK(r.error->message_id.starts_with("csv."));
    return 0;
  }
  const CsvTable& t = *r.table;
  FUZZ_CHECK(!t.header.empty() && t.header.size() <= limits.max_fields);
  FUZZ_CHECK(t.rows.size() <= limits.max_rows);
  std::size_t prev_line = 1;
  for (const auto& row : t.rows) {
    FUZZ_CHECK(row.fields.size() == t.header.size());
    FUZZ_CHECK(row.line > prev_line);
    prev_line = row.line;
    for (const auto& f : row.fields) FUZZ_CHECK(f.size() <= limits.max_field_bytes && utf8_ok(f));
  }
  // Re-encoded with every field quoted, the table parses back the same.
  CsvResult again = parse_csv(encode(t), limits);
  FUZZ_CHECK(again.table);
  FUZZ_CHECK(again.table->header == t.header);
  FUZZ_CHECK(again.table->rows.size() == t.rows.size());
  for (std::size_t i = 0; i < t.rows.size(); ++i) FUZZ_CHECK(again.table->rows[i].fields == t.rows[i].fields);
  return 0;
}
