// Fuzzes the .docx reader (core/document/docx_read.h), a parser of uploaded drafts: ZIP container,
// deflate, XML, numbering definitions, styles. It must never crash, hang or allocate past its
// limits, and:
// 1. a failure leaves no paragraphs; a success has no more paragraphs or text than the limits,
//    and no blank paragraph;
// 2. a table row is in_table with its table and row indices and text = its cells joined by " | ";
//    any other paragraph has no cells and no indices.
// The input is read as a file, and also as the document, numbering and styles parts (split at the
// first two '\x01' bytes) of a fixed, valid stored ZIP, so that the XML and the numbering are
// reached without the fuzzer first finding a valid ZIP. The seeds: the demo draft's .docx and
// small documents with numbering and tables.
#include <cstdint>
#include <string>
#include <vector>

#include "check.h"
#include "core/document/docx_read.h"

namespace {

// A stored (uncompressed) ZIP of a .docx's parts.
std::string stored_zip(const std::string& document, const std::string& numbering, const std::string& styles) {
  struct Part {
    std::string name, data;
  };
  const Part parts[] = {
      {"_rels/.rels", "<Relationships><Relationship Id=\"r\" Type=\"x/officeDocument\" Target=\"word/document.xml\"/>"
                      "</Relationships>"},
      {"word/document.xml", document},
      {"word/numbering.xml", numbering},
      {"word/styles.xml", styles},
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

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

void check(const std::string& file) {
  using namespace tinhso::document;
  const DocxLimits limits{.max_entry_bytes = 1u << 20, .max_paragraphs = 500, .max_text_bytes = 64u << 10};
  const DocxText d = read_docx(file, limits);
  if (!d.ok()) {
    FUZZ_CHECK(d.paragraphs.empty());
    return;
  }
  FUZZ_CHECK(d.paragraphs.size() <= limits.max_paragraphs);
  for (const auto& p : d.paragraphs) {
    FUZZ_CHECK(!blank(p.text));
    if (!p.in_table) {
      FUZZ_CHECK(p.table == -1 && p.row == -1 && p.cells.empty());
      continue;
    }
    FUZZ_CHECK(p.table >= 0 && p.row >= 0 && !p.cells.empty());
    std::string joined;
    for (std::size_t i = 0; i < p.cells.size(); ++i) joined += (i ? " | " : "") + p.cells[i];
    FUZZ_CHECK(joined == p.text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string in(tinhso::fuzz::as_view(data, size));
  check(in);
  const std::size_t a = in.find('\x01');
  const std::size_t b = a == std::string::npos ? a : in.find('\x01', a + 1);
  const std::string document = in.substr(0, a);
  const std::string numbering = a == std::string::npos ? "" : in.substr(a + 1, b == std::string::npos ? b : b - a - 1);
  const std::string styles = b == std::string::npos ? "" : in.substr(b + 1);
  check(stored_zip(document, numbering, styles));
  return 0;
}
