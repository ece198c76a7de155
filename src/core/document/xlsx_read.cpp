#include "core/document/xlsx_read.h"

#include <zlib.h>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>

namespace tinhso::document {

namespace {

struct Bad : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::uint32_t u16(std::string_view b, std::size_t at) {
  if (at + 2 > b.size()) throw Bad("truncated ZIP structure");
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8;
}
std::uint32_t u32(std::string_view b, std::size_t at) { return u16(b, at) | u16(b, at + 2) << 16; }

struct Entry {
  std::uint32_t method = 0, flags = 0, compressed = 0, size = 0, local = 0;
};

// The central directory's entries by name.
std::map<std::string, Entry, std::less<>> directory(std::string_view zip) {
  constexpr std::size_t kEocd = 22;
  if (zip.size() < kEocd) throw Bad("not a ZIP file");
  std::size_t eocd = std::string_view::npos;
  const std::size_t lowest = zip.size() > kEocd + 0xFFFF ? zip.size() - kEocd - 0xFFFF : 0;
  for (std::size_t at = zip.size() - kEocd + 1; at-- > lowest;)
    if (u32(zip, at) == 0x06054b50) {
      eocd = at;
      break;
    }
  if (eocd == std::string_view::npos) throw Bad("no ZIP end of central directory");
  const std::uint32_t count = u16(zip, eocd + 10), cd_size = u32(zip, eocd + 12), cd_at = u32(zip, eocd + 16);
  if (count == 0xFFFF || cd_at == 0xFFFFFFFF) throw Bad("ZIP64 is not supported");
  if (count > 10000) throw Bad("too many ZIP entries");
  if (static_cast<std::uint64_t>(cd_at) + cd_size > eocd) throw Bad("central directory out of bounds");
  std::map<std::string, Entry, std::less<>> out;
  std::size_t at = cd_at;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (u32(zip, at) != 0x02014b50) throw Bad("bad central directory entry");
    Entry e;
    e.flags = u16(zip, at + 8);
    e.method = u16(zip, at + 10);
    e.compressed = u32(zip, at + 20);
    e.size = u32(zip, at + 24);
    const std::uint32_t name_len = u16(zip, at + 28), extra = u16(zip, at + 30), comment = u16(zip, at + 32);
    e.local = u32(zip, at + 42);
    if (at + 46 + name_len > zip.size()) throw Bad("truncated entry name");
    std::string name(zip.substr(at + 46, name_len));
    if (!out.emplace(std::move(name), e).second) throw Bad("duplicate ZIP entry");
    at += 46 + static_cast<std::size_t>(name_len) + extra + comment;
    if (at > eocd) throw Bad("central directory out of bounds");
  }
  return out;
}

// The bytes of entry `name`; nullopt when there is none.
std::optional<std::string> read_entry(std::string_view zip, const std::map<std::string, Entry, std::less<>>& dir,
                                      std::string_view name, std::size_t limit) {
  const auto it = dir.find(name);
  if (it == dir.end()) return std::nullopt;
  const Entry& e = it->second;
  if (e.flags & 1u) throw Bad("encrypted ZIP entry");
  if (u32(zip, e.local) != 0x04034b50) throw Bad("bad local header");
  const std::size_t data = static_cast<std::size_t>(e.local) + 30 + u16(zip, e.local + 26) + u16(zip, e.local + 28);
  if (data > zip.size() || e.compressed > zip.size() - data) throw Bad("entry out of bounds");
  const std::string_view in = zip.substr(data, e.compressed);
  if (e.method == 0) {
    if (in.size() > limit) throw Bad("entry too large");
    return std::string(in);
  }
  if (e.method != 8) throw Bad("unsupported compression");
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw Bad("inflate failed");
  std::string out;
  out.resize(std::min<std::size_t>(std::max<std::size_t>(e.size, 1024), limit) + 1);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  std::size_t produced = 0;
  while (rc == Z_OK) {
    if (produced == out.size()) {
      if (out.size() > limit) break;
      out.resize(std::min(out.size() * 2, limit + 1));
    }
    z.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    z.avail_out = static_cast<uInt>(out.size() - produced);
    rc = inflate(&z, Z_NO_FLUSH);
    produced = out.size() - z.avail_out;
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;
  }
  inflateEnd(&z);
  if (produced > limit) throw Bad("entry too large");
  if (rc != Z_STREAM_END) throw Bad("corrupt deflate data");
  out.resize(produced);
  return out;
}

// ---- a small XML scanner ----

struct Tag {
  std::string_view name;  // without the namespace prefix
  std::string_view attrs;
  bool closing = false, empty = false;
};

std::string decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t end = s.find(';', i);
    if (end == std::string_view::npos || end - i > 12) throw Bad("bad XML entity");
    const std::string_view ent = s.substr(i + 1, end - i - 1);
    if (ent == "lt") out += '<';
    else if (ent == "gt") out += '>';
    else if (ent == "amp") out += '&';
    else if (ent == "quot") out += '"';
    else if (ent == "apos") out += '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      const bool hex = ent[1] == 'x' || ent[1] == 'X';
      std::uint32_t cp = 0;
      const std::string_view digits = ent.substr(hex ? 2 : 1);
      if (digits.empty()) throw Bad("bad XML character reference");
      for (char c : digits) {
        int d = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) throw Bad("bad XML character reference");
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
        if (cp > 0x10FFFF) throw Bad("bad XML character reference");
      }
      if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) throw Bad("bad XML character reference");
      if (cp < 0x80) out += static_cast<char>(cp);
      else if (cp < 0x800) out += static_cast<char>(0xC0 | cp >> 6), out += static_cast<char>(0x80 | (cp & 0x3F));
      else if (cp < 0x10000)
        out += static_cast<char>(0xE0 | cp >> 12), out += static_cast<char>(0x80 | (cp >> 6 & 0x3F)),
            out += static_cast<char>(0x80 | (cp & 0x3F));
      else
        out += static_cast<char>(0xF0 | cp >> 18), out += static_cast<char>(0x80 | (cp >> 12 & 0x3F)),
            out += static_cast<char>(0x80 | (cp >> 6 & 0x3F)), out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      throw Bad("unknown XML entity");
    }
    i = end;
  }
  return out;
}

// Walks `xml`: on_tag(tag) for each element tag, on_text(text) for the raw text between tags.
template <class OnTag, class OnText>
void scan(std::string_view xml, OnTag&& on_tag, OnText&& on_text) {
  std::size_t i = 0;
  while (i < xml.size()) {
    const std::size_t lt = xml.find('<', i);
    if (lt == std::string_view::npos) {
      on_text(xml.substr(i));
      return;
    }
    if (lt > i) on_text(xml.substr(i, lt - i));
    if (xml.compare(lt, 4, "<!--") == 0) {
      const std::size_t end = xml.find("-->", lt + 4);
      if (end == std::string_view::npos) throw Bad("unterminated XML comment");
      i = end + 3;
      continue;
    }
    if (xml.compare(lt, 9, "<![CDATA[") == 0) {
      const std::size_t end = xml.find("]]>", lt + 9);
      if (end == std::string_view::npos) throw Bad("unterminated CDATA");
      on_text(xml.substr(lt, end + 3 - lt));  // marked: the caller keeps it raw
      i = end + 3;
      continue;
    }
    if (xml.compare(lt, 2, "<!") == 0) throw Bad("DTDs are not accepted");
    const std::size_t gt = xml.find('>', lt);
    if (gt == std::string_view::npos) throw Bad("unterminated XML tag");
    i = gt + 1;
    if (xml[lt + 1] == '?') continue;
    std::string_view body = xml.substr(lt + 1, gt - lt - 1);
    Tag t;
    if (!body.empty() && body.front() == '/') t.closing = true, body.remove_prefix(1);
    if (!body.empty() && body.back() == '/') t.empty = true, body.remove_suffix(1);
    const std::size_t sp = body.find_first_of(" \t\r\n");
    std::string_view name = body.substr(0, sp);
    if (const std::size_t colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
    t.name = name;
    t.attrs = sp == std::string_view::npos ? std::string_view() : body.substr(sp);
    on_tag(t);
  }
}

// Attribute `name` (without its prefix: "r:id" matches "id" only when asked with the prefix
// stripped, so the full name is compared first).
std::optional<std::string> attr(std::string_view attrs, std::string_view name) {
  std::size_t i = 0;
  while (i < attrs.size()) {
    while (i < attrs.size() && (attrs[i] == ' ' || attrs[i] == '\t' || attrs[i] == '\r' || attrs[i] == '\n')) ++i;
    const std::size_t eq = attrs.find('=', i);
    if (eq == std::string_view::npos || eq + 1 >= attrs.size()) return std::nullopt;
    std::string_view key = attrs.substr(i, eq - i);
    while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
    const char quote = attrs[eq + 1];
    if (quote != '"' && quote != '\'') throw Bad("bad XML attribute");
    const std::size_t end = attrs.find(quote, eq + 2);
    if (end == std::string_view::npos) throw Bad("bad XML attribute");
    if (key == name) return decode(attrs.substr(eq + 2, end - eq - 2));
    i = end + 1;
  }
  return std::nullopt;
}

std::string text_of(std::string_view raw) {
  if (raw.starts_with("<![CDATA[")) return std::string(raw.substr(9, raw.size() - 12));
  return decode(raw);
}

std::vector<std::string> shared_strings(std::string_view xml, std::size_t limit) {
  std::vector<std::string> out;
  bool in_si = false, in_t = false, in_phonetic = false;
  std::string cur;
  scan(
      xml,
      [&](const Tag& t) {
        if (t.name == "si") {
          if (t.closing) {
            out.push_back(std::move(cur));
            cur.clear();
            if (out.size() > limit) throw Bad("too many shared strings");
          } else if (t.empty) {
            out.emplace_back();
          }
          in_si = !t.closing && !t.empty;
        } else if (t.name == "rPh") {
          in_phonetic = !t.closing && !t.empty;
        } else if (t.name == "t") {
          in_t = !t.closing && !t.empty;
        }
      },
      [&](std::string_view raw) {
        if (in_si && in_t && !in_phonetic) cur += text_of(raw);
      });
  return out;
}

// "BC12" → column index 54 (0-based); nullopt without letters.
std::optional<std::size_t> column_of(std::string_view ref) {
  std::size_t col = 0, n = 0;
  for (char c : ref) {
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
    if (++n > 3) return std::nullopt;
  }
  if (n == 0) return std::nullopt;
  return col - 1;
}

std::optional<std::size_t> row_of(std::string_view ref) {
  std::size_t i = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') ++i;
  if (i == ref.size() || ref.size() - i > 7) return std::nullopt;
  std::size_t row = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9') return std::nullopt;
    row = row * 10 + static_cast<std::size_t>(ref[i] - '0');
  }
  if (row == 0) return std::nullopt;
  return row - 1;
}

std::vector<std::vector<std::string>> sheet_rows(std::string_view xml, const std::vector<std::string>& strings,
                                                 const XlsxLimits& limits) {
  std::vector<std::vector<std::string>> rows;
  std::size_t row = 0, next_row = 0, col = 0;
  std::string type, value;
  bool in_cell = false, in_v = false, in_is = false, in_t = false, in_phonetic = false;
  scan(
      xml,
      [&](const Tag& t) {
        if (t.name == "row" && !t.closing) {
          const auto r = attr(t.attrs, "r");
          const std::optional<std::size_t> n = r ? row_of(*r) : std::optional<std::size_t>(next_row);
          if (!n || *n < next_row) throw Bad("rows out of order");
          row = *n;
          next_row = row + 1;
          col = 0;
          if (row >= limits.max_rows) throw Bad("too many rows");
        } else if (t.name == "c" && !t.closing) {
          const auto r = attr(t.attrs, "r");
          const std::optional<std::size_t> c = r ? column_of(*r) : std::optional<std::size_t>(col);
          if (!c || *c >= limits.max_columns) throw Bad("too many columns");
          col = *c;
          type = attr(t.attrs, "t").value_or("n");
          value.clear();
          in_cell = !t.empty;
          if (t.empty) ++col;
        } else if (t.name == "c" && t.closing) {
          std::string text;
          if (type == "s") {
            std::size_t k = 0;
            if (value.empty() || value.size() > 9) throw Bad("bad shared string index");
            for (char ch : value) {
              if (ch < '0' || ch > '9') throw Bad("bad shared string index");
              k = k * 10 + static_cast<std::size_t>(ch - '0');
            }
            if (k >= strings.size()) throw Bad("shared string index out of range");
            text = strings[k];
          } else if (type == "b") {
            text = value == "1" || value == "true" ? "1" : "0";
          } else {
            text = value;
          }
          if (!text.empty()) {
            if (rows.size() <= row) rows.resize(row + 1);
            auto& cells = rows[row];
            if (cells.size() <= col) cells.resize(col + 1);
            cells[col] = std::move(text);
          }
          in_cell = false;
          ++col;
        } else if (t.name == "v") {
          in_v = in_cell && !t.closing && !t.empty;
        } else if (t.name == "is") {
          in_is = in_cell && !t.closing && !t.empty;
        } else if (t.name == "rPh") {
          in_phonetic = !t.closing && !t.empty;
        } else if (t.name == "t") {
          in_t = in_is && !t.closing && !t.empty;
        }
      },
      [&](std::string_view raw) {
        if (in_v || (in_t && !in_phonetic)) {
          value += text_of(raw);
          if (value.size() > limits.max_entry_bytes) throw Bad("cell too large");
        }
      });
  // Blank rows before the last are kept as empty rows; none trail.
  return rows;
}

}  // namespace

bool looks_like_xlsx(std::string_view file) { return file.size() >= 4 && file.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

XlsxSheet read_first_sheet(std::string_view file, const XlsxLimits& limits) {
  XlsxSheet out;
  try {
    const auto dir = directory(file);
    const auto workbook = read_entry(file, dir, "xl/workbook.xml", limits.max_entry_bytes);
    const auto rels = read_entry(file, dir, "xl/_rels/workbook.xml.rels", limits.max_entry_bytes);
    if (!workbook || !rels) throw Bad("not a workbook: xl/workbook.xml or its relationships missing");
    std::string rid;
    scan(
        *workbook,
        [&](const Tag& t) {
          if (t.name == "sheet" && !t.closing && rid.empty()) rid = attr(t.attrs, "r:id").value_or("");
        },
        [](std::string_view) {});
    if (rid.empty()) throw Bad("the workbook has no sheet");
    std::string target;
    scan(
        *rels,
        [&](const Tag& t) {
          if (t.name == "Relationship" && !t.closing && attr(t.attrs, "Id") == rid)
            target = attr(t.attrs, "Target").value_or("");
        },
        [](std::string_view) {});
    if (target.empty()) throw Bad("the first sheet's part is not named");
    const std::string path = target.front() == '/' ? target.substr(1) : "xl/" + target;
    const auto sheet = read_entry(file, dir, path, limits.max_entry_bytes);
    if (!sheet) throw Bad("the first sheet's part is missing");
    std::vector<std::string> strings;
    if (const auto ss = read_entry(file, dir, "xl/sharedStrings.xml", limits.max_entry_bytes))
      strings = shared_strings(*ss, limits.max_rows * limits.max_columns);
    out.rows = sheet_rows(*sheet, strings, limits);
  } catch (const Bad& e) {
    out.rows.clear();
    out.error = e.what();
  }
  return out;
}

}  // namespace tinhso::document
