#pragma once
// The container and XML layer shared by the Office Open XML readers (xlsx_read.h, docx_read.h;
// ECMA-376 Part 2, Open Packaging Conventions, over ZIP). Both parse outside input (uploads):
//   - zip::Archive reads the central directory only; stored and deflated entries, no ZIP64, no
//     encryption, no duplicate names, at most 10000 entries; read() inflates one entry and stops
//     at its `limit` whatever the entry declares (a "zip bomb" stops there);
//   - xml::scan is a small scanner, not a parser: it reports tags and the raw text between them,
//     skips comments and processing instructions, passes CDATA through marked, and refuses any
//     DTD (<!DOCTYPE ...>, hence entity expansion); xml::decode knows only the five predefined
//     entities and numeric character references.
// Every failure throws FormatError, whose what() is an English line for the log; the readers catch
// it at their public boundary and return it as their `error`.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tinhso::document {

struct FormatError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

namespace zip {

// Whether `file` starts as a ZIP container does ("PK\3\4").
bool looks_like_zip(std::string_view file);

class Archive {
 public:
  // Reads the central directory of `file`, which must outlive the Archive. Throws FormatError.
  explicit Archive(std::string_view file);

  // The bytes of entry `name`, inflated; nullopt when there is no such entry. Throws FormatError
  // when the entry is damaged, encrypted, compressed otherwise than stored or deflated, or longer
  // than `limit` bytes once inflated.
  std::optional<std::string> read(std::string_view name, std::size_t limit) const;

 private:
  struct Entry {
    std::uint32_t method = 0, flags = 0, compressed = 0, size = 0, local = 0;
  };
  std::string_view file_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace zip

namespace xml {

struct Tag {
  std::string_view name;   // without its namespace prefix: "w:p" → "p"
  std::string_view attrs;  // the raw attribute text after the name
  bool closing = false, empty = false;
};

// `s` with entity and character references replaced. Throws FormatError on an unknown entity or a
// reference to a code point that is not a character (0, a surrogate, > U+10FFFF).
std::string decode(std::string_view s);

// The decoded value of attribute `name` compared with its full written name ("r:id" finds r:id
// only); nullopt when absent. Throws FormatError on a malformed attribute list.
std::optional<std::string> attr(std::string_view attrs, std::string_view name);

// The decoded value of the attribute whose name without its prefix is `local` ("val" finds w:val,
// val, ns0:val): for writers that choose their own namespace prefixes.
std::optional<std::string> local_attr(std::string_view attrs, std::string_view local);

// Raw text as given to scan's on_text, decoded: CDATA content as written, otherwise decode().
std::string text_of(std::string_view raw);

// Walks `xml` in document order: on_tag(const Tag&) for each element tag, on_text(raw) for the raw
// text between tags (undecoded; a CDATA section is passed whole, "<![CDATA[...]]>", for text_of).
// Linear in the size of `xml`. Throws FormatError on a DTD or an unterminated construct.
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
      if (end == std::string_view::npos) throw FormatError("unterminated XML comment");
      i = end + 3;
      continue;
    }
    if (xml.compare(lt, 9, "<![CDATA[") == 0) {
      const std::size_t end = xml.find("]]>", lt + 9);
      if (end == std::string_view::npos) throw FormatError("unterminated CDATA");
      on_text(xml.substr(lt, end + 3 - lt));
      i = end + 3;
      continue;
    }
    if (xml.compare(lt, 2, "<!") == 0) throw FormatError("DTDs are not accepted");
    const std::size_t gt = xml.find('>', lt);
    if (gt == std::string_view::npos) throw FormatError("unterminated XML tag");
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

}  // namespace xml

}  // namespace tinhso::document
