#pragma once
// Reads the body of a .docx document (WordprocessingML, ECMA-376 Part 1 §17) into its paragraphs in
// document order, as a reader sees them on the page — for drafts uploaded to a public consultation
// (issue 18), which the consultations module splits into articles. A parser of outside input:
//   - the container and XML layer are core/document/zip_read.h (no ZIP64, no encryption, no DTD,
//     every inflated part bounded by DocxLimits::max_entry_bytes); the main part is found through
//     _rels/.rels (default word/document.xml), its numbering and styles through its own
//     relationships (default word/numbering.xml, word/styles.xml);
//   - a paragraph's text is its runs' <w:t> text as written (xml:space is irrelevant: nothing is
//     trimmed or collapsed), <w:tab/> and <w:ptab/> give "\t", every <w:br/> and <w:cr/> gives "\n"
//     (a page or column break too: a reader sees a new line), <w:noBreakHyphen/> gives "-";
//     field results are kept, field codes are not;
//   - tracked changes are read as accepted: insertions (<w:ins>, <w:moveTo>) are kept, deletions
//     (<w:delText>, <w:del>, <w:moveFrom>) and former properties (<w:pPrChange> ...) are skipped;
//     of <mc:AlternateContent> the <mc:Choice> is read, never the <mc:Fallback> copy;
//   - automatic numbering (§17.9) is shown as Word shows it and prepended to the text, followed by
//     one space (a tab or space suffix) or nothing (suffix "nothing"): "Điều 3. ", "1. ", "a) ".
//     The paragraph's <w:numPr> or, without one, its style's (w:pStyle through w:basedOn); level
//     text "%1.", "Điều %1.", "%1.%2." with the formats decimal, decimalZero, lower/upperLetter,
//     lower/upperRoman, none and bullet (a private-use bullet glyph shows as "•"; other formats
//     as decimal); counters run per abstract numbering definition, shared by the w:num instances
//     that use it, a w:startOverride restarting the level at the instance's first paragraph, and a
//     level restarts when a higher level advances (w:lvlRestart honoured); an instance's w:lvl
//     override replaces its level. Not handled: numbering linked through numbering styles
//     (w:numStyleLink, w:styleLink): such paragraphs show no number;
//   - a blank paragraph yields nothing, unless it shows a number (an auto-numbered "Chương I" whose
//     title is the next paragraph); a blank bulleted one still takes its place in the list;
//   - a table yields one paragraph per row of a top-level table, in_table, with each cell's text
//     (its paragraphs joined by "\n"; a nested table's text joins the cell it is in) and text =
//     the cells joined by " | "; a row whose cells are all blank yields nothing (`row` still counts
//     it); text boxes' paragraphs come just before the paragraph that anchors them;
//   - past DocxLimits (paragraphs, text bytes, nesting) the file is refused, never half-read.
// Anything else gives no paragraphs and an `error` in English for the log (the caller shows its own
// message).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tinhso::document {

struct DocxLimits {
  std::size_t max_entry_bytes = 16u << 20;  // an inflated part
  std::size_t max_paragraphs = 20000;       // paragraphs and table rows
  std::size_t max_text_bytes = 8u << 20;    // all paragraphs' text together
};

struct DocxParagraph {
  std::string text;
  bool in_table = false;
  int table = -1;                  // for a table row: the table's 0-based index in the document
  int row = -1;                    // for a table row: its 0-based index in the table
  std::vector<std::string> cells;  // for a table row: each cell's text; text = cells joined by " | "
  bool operator==(const DocxParagraph&) const = default;
};

struct DocxText {
  std::vector<DocxParagraph> paragraphs;  // document order; never a blank one
  std::string error;                      // "" when read
  bool ok() const { return error.empty(); }
};

DocxText read_docx(std::string_view file, const DocxLimits& limits = {});

// Whether `file` starts as a ZIP container does ("PK\3\4"): an upload to read as .docx. (A legacy
// .doc file does not.)
bool looks_like_docx(std::string_view file);

}  // namespace tinhso::document
