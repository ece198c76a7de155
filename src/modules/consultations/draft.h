#pragma once
// A draft legal document split into its structural units, so that citizens comment article by
// article (issue 18). The conventions are those of Vietnamese legal documents: a document is laid
// out in parts, chapters, sections, sub-sections, articles, clauses and points (phần, chương, mục,
// tiểu mục, điều, khoản, điểm — Decree 34/2016/NĐ-CP Art. 62, the layout of a document's content;
// M), parts and chapters numbered in Roman numerals; points are lettered in the Vietnamese
// alphabet's order a b c d đ e g h i k l m n o p q r s t u v x y. A sub-section (tiểu mục) is not
// a unit here: its line stays text of its section.
//
// What is recognised, at the start of a paragraph (after NFC normalisation: NFD input, non-breaking
// and other Unicode spaces, zero-width characters, "Ð" for "Đ", runs of blanks; case and the
// presence of diacritics do not matter, but a keyword is either written right or written without
// any diacritic: "Điều", "ĐIỀU", "Dieu" are articles, "Diều" is not):
//   - "Phần thứ nhất" (ordinals nhất … mười chín), "Phần I", "Phần 1"          → part
//   - "Chương I" (Roman) or "Chương 1"                                         → chapter
//   - "Mục 1" or "Mục I"                                                       → section
//   - "Điều 5", "Điều 5a"                                                      → article
//   each followed by the end of the line, or by one of . : - – — then the heading on the same line,
//   or by a space and a heading that starts with a capital letter when the number is the expected
//   next one ("Điều 6 Luật ..." after Điều 3 stays text). A part's, chapter's or section's heading
//   written on its own line follows it: one line that is all capitals (with up to two more such
//   lines joined to it by spaces), or one short line (at most 200 bytes, no final . ; : ,).
//   An article's same-line rest is its heading unless it reads as a sentence (over 400 bytes, or
//   ending with . or ; after more than 12 words): then it is the article's first line of text;
//   - "1." or "1)" inside an article                                            → clause
//   - "a)" or "a." (a Vietnamese letter) inside a clause, or inside an article
//     that has no clause yet                                                    → point
//   "- " and "+ " lines (sub-points) and any other line stay in the text of the unit before them.
//   Everything before the first part, chapter, section or article is the preamble (title, legal
//   bases); from a line "Nơi nhận:" (or "Nơi nhận" alone) or a signature line "TM. " "KT. " "TL. "
//   "TUQ. " on, all is the closing unit (recipients, signature, any appendix), never split further.
//
// Tables: a DraftParagraph with in_table, or any line starting with '|', is a table row, never a
// heading (a signature row can start the closing unit). A row is kept in its unit's text as one
// line "| cell | cell |": cells trimmed, a '|' inside a cell written "\|" (so a page renders the
// consecutive lines starting with "| " as a table, splitting on " | "); a row of blank cells is
// dropped. Plain text carries tables the same way (paragraphs_from_text); a tab is a blank.
//
// Everything here is pure (no I/O) and bounded by SplitLimits; the input may be any bytes (invalid
// UTF-8 becomes U+FFFD).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document/docx_read.h"

namespace tinhso::consultations {

struct DraftParagraph {
  std::string text;  // one paragraph; a "\n" inside starts another one
  bool in_table = false;
  bool operator==(const DraftParagraph&) const = default;
};

// One paragraph per non-blank line (LF, CRLF or CR); a line whose first non-blank character is
// '|' is a table row.
std::vector<DraftParagraph> paragraphs_from_text(std::string_view plain);

// The paragraphs of a read .docx (core/document/docx_read.h): each text line a paragraph, each
// table row one "| cell | cell |" paragraph in_table (a cell's line breaks become spaces).
std::vector<DraftParagraph> paragraphs_from_docx(const document::DocxText& docx);

enum class UnitKind { preamble, part, chapter, section, article, clause, point, closing };

// "preamble", "part", ... "closing": the kind's name where a draft is stored; nullopt for any other.
std::string_view kind_name(UnitKind kind);
std::optional<UnitKind> kind_from_name(std::string_view name);

struct Unit {
  UnitKind kind = UnitKind::preamble;
  // As written, normalised: parts "thứ nhất" (lower case), "I" or "1"; chapters and sections "I"
  // (Roman, upper case) or "1"; articles "5" or "5a"; clauses "1" (no leading zeros); points "a",
  // "đ"; "" for the preamble and the closing.
  std::string number;
  // The title: "QUY ĐỊNH CHUNG", "Đối tượng áp dụng"; "" for clauses, points, preamble, closing.
  std::string heading;
  // The unit's own text without its children's: lines joined by "\n", table rows as above.
  std::string text;
  // Unique in the draft, ASCII, stable across versions: "mo-dau", "phan-thu-nhat", "chuong-i",
  // "chuong-i-muc-1", "dieu-5" (articles are numbered through the whole document, so without
  // their chapter), "dieu-5-khoan-1", "dieu-5-khoan-1-diem-a", "dieu-5-diem-dd" (đ → "dd"),
  // "ket-thuc". A repeated anchor gets "-2", "-3" ... (with a warning).
  std::string anchor;
  std::string parent;  // the parent unit's anchor; "" at the top
  int depth = 0;       // 0 at the top
  // How the unit is cited after its own label: "Điều 5" for a clause, "khoản 1 Điều 5" for a point,
  // "Chương I" for a section; "" otherwise (see unit_label_vi).
  std::string within;
  bool operator==(const Unit&) const = default;
};

struct SplitLimits {
  std::size_t max_units = 5000;
  std::size_t max_unit_text = 64u << 10;  // bytes of one unit's text
};

struct SplitResult {
  std::vector<Unit> units;  // document order; a parent before its children
  // For the officer's check page, in English with the units' Vietnamese labels: "Điều 7 follows
  // Điều 5", "Khoản 3 follows khoản 1 in Điều 5", "duplicate anchor dieu-5 renamed dieu-5-2",
  // "Chương I has no heading", "text of Điều 5 cut at 65536 bytes" ...
  std::vector<std::string> warnings;
  // A limit was reached: past max_units every further line is text of the last unit; past
  // max_unit_text a unit's further lines are dropped. Nothing else is lost.
  bool truncated = false;
};

SplitResult split_draft(const std::vector<DraftParagraph>& paragraphs, const SplitLimits& limits = {});

// The unit as it is cited in Vietnamese: "Phần mở đầu", "Phần thứ nhất", "Chương I",
// "Mục 1 Chương I", "Điều 5", "Khoản 1 Điều 5", "Điểm a khoản 1 Điều 5", "Phần kết thúc".
std::string unit_label_vi(const Unit& unit);

// The units written back as plain text in the conventions above, for the officer to correct the
// split as text: "Điều 5. Heading" (an article without a heading whose text starts with a sentence
// keeps that sentence on its line), "1. text", "a) text", a part's, chapter's or section's heading
// on the line after it where it reads back so, else after ". ". For the units of any split that was
// not truncated, split_draft(paragraphs_from_text(to_text(u))).units == u (the fuzz target
// tests/fuzz/draft_split_fuzz.cpp checks it).
std::string to_text(const std::vector<Unit>& units);

}  // namespace tinhso::consultations
