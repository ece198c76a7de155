// Fuzzes the .xlsx reader (core/document/xlsx_read.h), a parser of uploads: ZIP container, deflate,
// XML. It must never crash, hang or allocate past its limits; a file it reads has no more rows
// or columns than the limits allow, and a failure leaves no rows. The seeds are small workbooks
// from core/document/xlsx.h; the input is also read as a sheet's XML inside a fixed, valid
// container, so that the XML scanner is reached without the fuzzer first finding a valid ZIP.
#include <cstdint>
#include <string>

#include "check.h"
#include "core/document/xlsx_read.h"

namespace {

// A stored (uncompressed) ZIP of the workbook's parts with `sheet` as the first sheet.
std::string stored_zip(const std::string& sheet) {
  struct Part {
    std::string name, data;
  };
  const Part parts[] = {
      {"xl/workbook.xml", "<workbook><sheets><sheet r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/s.xml\"/></Relationships>"},
      {"xl/sharedStrings.xml", "<sst><si><t>a</t></si><si><t>b</t></si></sst>"},
      {"xl/worksheets/s.xml", sheet},
  };
  auto le = [](std::string& out, std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out += static_cast<char>(v >> (8 * i) & 0xFF);
  };
  std::string zip, central;
  for (const auto& p : parts) {
    const auto offset = static_cast<std::uint32_t>(zip.size());
    const auto size = static_cast<std::uint32_t>(p.data.size());
    le(zip, 0x04034b50, 4), le(zip, 20, 2), le(zip, 0, 2), le(zip, 0, 2), le(zip, 0, 4), le(zip, 0, 4);
    le(zip, size, 4), le(zip, size, 4), le(zip, static_cast<std::uint32_t>(p.name.size()), 2), le(zip, 0, 2);
    zip += p.name + p.data;
    le(central, 0x02014b50, 4), le(central, 20, 2), le(central, 20, 2), le(central, 0, 2), le(central, 0, 2);
    le(central, 0, 4), le(central, 0, 4), le(central, size, 4), le(central, size, 4);
    le(central, static_cast<std::uint32_t>(p.name.size()), 2), le(central, 0, 2), le(central, 0, 2);
    le(central, 0, 2), le(central, 0, 2), le(central, 0, 4), le(central, offset, 4);
    central += p.name;
  }
  const auto cd_at = static_cast<std::uint32_t>(zip.size());
  zip += central;
  le(zip, 0x06054b50, 4), le(zip, 0, 2), le(zip, 0, 2), le(zip, 4, 2), le(zip, 4, 2);
  le(zip, static_cast<std::uint32_t>(central.size()), 4), le(zip, cd_at, 4), le(zip, 0, 2);
  return zip;
}

void check(const std::string& file) {
  using namespace tinhso::document;
  const XlsxLimits limits{.max_entry_bytes = 1u << 20, .max_rows = 200, .max_columns = 30};
  const XlsxSheet s = read_first_sheet(file, limits);
  if (!s.ok()) {
    FUZZ_CHECK(s.rows.empty());
    return;
  }
  FUZZ_CHECK(s.rows.size() <= limits.max_rows);
  for (const auto& row : s.rows) FUZZ_CHECK(row.size() <= limits.max_columns);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string in(tinhso::fuzz::as_view(data, size));
  check(in);
  check(stored_zip(in));
  return 0;
}
