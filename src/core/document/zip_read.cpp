#include "core/document/zip_read.h"

#include <zlib.h>

#include <algorithm>

namespace tinhso::document {

namespace zip {

namespace {

std::uint32_t u16(std::string_view b, std::size_t at) {
  if (at > b.size() || b.size() - at < 2) throw FormatError("truncated ZIP structure");
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8;
}
std::uint32_t u32(std::string_view b, std::size_t at) { return u16(b, at) | u16(b, at + 2) << 16; }

std::string inflate_raw(std::string_view in, std::size_t declared, std::size_t limit) {
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw FormatError("inflate failed");
  std::string out;
  out.resize(std::min<std::size_t>(std::max<std::size_t>(declared, 1024), limit) + 1);
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
  if (produced > limit) throw FormatError("entry too large");
  if (rc != Z_STREAM_END) throw FormatError("corrupt deflate data");
  out.resize(produced);
  return out;
}

}  // namespace

bool looks_like_zip(std::string_view file) {
  return file.size() >= 4 && file.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

Archive::Archive(std::string_view file) : file_(file) {
  constexpr std::size_t kEocd = 22;
  if (file.size() < kEocd) throw FormatError("not a ZIP file");
  std::size_t eocd = std::string_view::npos;
  const std::size_t lowest = file.size() > kEocd + 0xFFFF ? file.size() - kEocd - 0xFFFF : 0;
  for (std::size_t at = file.size() - kEocd + 1; at-- > lowest;)
    if (u32(file, at) == 0x06054b50) {
      eocd = at;
      break;
    }
  if (eocd == std::string_view::npos) throw FormatError("no ZIP end of central directory");
  const std::uint32_t count = u16(file, eocd + 10), cd_size = u32(file, eocd + 12), cd_at = u32(file, eocd + 16);
  if (count == 0xFFFF || cd_at == 0xFFFFFFFF) throw FormatError("ZIP64 is not supported");
  if (count > 10000) throw FormatError("too many ZIP entries");
  if (static_cast<std::uint64_t>(cd_at) + cd_size > eocd) throw FormatError("central directory out of bounds");
  std::size_t at = cd_at;
  for (std::uint32_t i = 0; i < count; ++i) {
    if (u32(file, at) != 0x02014b50) throw FormatError("bad central directory entry");
    Entry e;
    e.flags = u16(file, at + 8);
    e.method = u16(file, at + 10);
    e.compressed = u32(file, at + 20);
    e.size = u32(file, at + 24);
    const std::uint32_t name_len = u16(file, at + 28), extra = u16(file, at + 30), comment = u16(file, at + 32);
    e.local = u32(file, at + 42);
    if (at + 46 + name_len > file.size()) throw FormatError("truncated entry name");
    std::string name(file.substr(at + 46, name_len));
    if (!entries_.emplace(std::move(name), e).second) throw FormatError("duplicate ZIP entry");
    at += 46 + static_cast<std::size_t>(name_len) + extra + comment;
    if (at > eocd) throw FormatError("central directory out of bounds");
  }
}

std::optional<std::string> Archive::read(std::string_view name, std::size_t limit) const {
  const auto it = entries_.find(name);
  if (it == entries_.end()) return std::nullopt;
  const Entry& e = it->second;
  if (e.flags & 1u) throw FormatError("encrypted ZIP entry");
  if (u32(file_, e.local) != 0x04034b50) throw FormatError("bad local header");
  const std::size_t data =
      static_cast<std::size_t>(e.local) + 30 + u16(file_, e.local + 26) + u16(file_, e.local + 28);
  if (data > file_.size() || e.compressed > file_.size() - data) throw FormatError("entry out of bounds");
  const std::string_view in = file_.substr(data, e.compressed);
  if (e.method == 0) {
    if (in.size() > limit) throw FormatError("entry too large");
    return std::string(in);
  }
  if (e.method != 8) throw FormatError("unsupported compression");
  return inflate_raw(in, e.size, limit);
}

}  // namespace zip

namespace xml {

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | cp >> 6);
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | cp >> 12);
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | cp >> 18);
    out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::uint32_t character_reference(std::string_view ent) {
  const bool hex = ent[1] == 'x' || ent[1] == 'X';
  const std::string_view digits = ent.substr(hex ? 2 : 1);
  if (digits.empty()) throw FormatError("bad XML character reference");
  std::uint32_t cp = 0;
  for (char c : digits) {
    const int d = c >= '0' && c <= '9'           ? c - '0'
                  : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                : -1;
    if (d < 0) throw FormatError("bad XML character reference");
    cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
    if (cp > 0x10FFFF) throw FormatError("bad XML character reference");
  }
  if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) throw FormatError("bad XML character reference");
  return cp;
}

// The value of the attribute at the front of `attrs` (after skipped blanks) whose written name
// satisfies `match`.
template <class Match>
std::optional<std::string> find_attr(std::string_view attrs, Match&& match) {
  std::size_t i = 0;
  while (i < attrs.size()) {
    while (i < attrs.size() && (attrs[i] == ' ' || attrs[i] == '\t' || attrs[i] == '\r' || attrs[i] == '\n')) ++i;
    const std::size_t eq = attrs.find('=', i);
    if (eq == std::string_view::npos || eq + 1 >= attrs.size()) return std::nullopt;
    std::string_view key = attrs.substr(i, eq - i);
    while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
    const char quote = attrs[eq + 1];
    if (quote != '"' && quote != '\'') throw FormatError("bad XML attribute");
    const std::size_t end = attrs.find(quote, eq + 2);
    if (end == std::string_view::npos) throw FormatError("bad XML attribute");
    if (match(key)) return decode(attrs.substr(eq + 2, end - eq - 2));
    i = end + 1;
  }
  return std::nullopt;
}

}  // namespace

std::string decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t end = s.find(';', i);
    if (end == std::string_view::npos || end - i > 12) throw FormatError("bad XML entity");
    const std::string_view ent = s.substr(i + 1, end - i - 1);
    if (ent == "lt") out += '<';
    else if (ent == "gt") out += '>';
    else if (ent == "amp") out += '&';
    else if (ent == "quot") out += '"';
    else if (ent == "apos") out += '\'';
    else if (ent.size() > 1 && ent[0] == '#') append_utf8(out, character_reference(ent));
    else throw FormatError("unknown XML entity");
    i = end;
  }
  return out;
}

std::optional<std::string> attr(std::string_view attrs, std::string_view name) {
  return find_attr(attrs, [&](std::string_view key) { return key == name; });
}

std::optional<std::string> local_attr(std::string_view attrs, std::string_view local) {
  return find_attr(attrs, [&](std::string_view key) {
    const std::size_t colon = key.find(':');
    return (colon == std::string_view::npos ? key : key.substr(colon + 1)) == local;
  });
}

std::string text_of(std::string_view raw) {
  if (raw.starts_with("<![CDATA[")) return std::string(raw.substr(9, raw.size() - 12));
  return decode(raw);
}

}  // namespace xml

}  // namespace tinhso::document
