#pragma once
// A small model of an administrative document — receipt, apology, report — rendered to PDF with
// cairo and pango on A4, portrait or landscape. Every word comes from the caller (catalog text):
// the renderer adds only numbers (list markers, page numbers) and lines.
//
// Layout defaults follow the format rules for administrative documents, Decree 30/2020/NĐ-CP
// Appendix I: A4, margins top/bottom 20 mm, left 30 mm, right 15 mm, body 13 pt, page numbers
// from the second page, centred in the top margin.
//
// Blocks flow top to bottom and break onto new pages as needed: paragraphs and list items
// break between lines; a title stays with the next three lines; headers, table rows,
// signatures and QR codes are never split.
//
// Thread safety: render_pdf may run on several threads at once. Each call makes its own cairo
// surface and pango context; pango's font map is per thread, and fontconfig is initialised once
// per process before the first use.
#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace tinhso::document {

enum class Align { left, center, right, justify };

struct Style {
  bool bold = false;
  bool italic = false;
  bool underline = false;
  double size_pt = 0;  // 0: the document's body size
  Align align = Align::left;
};

// One line of a header or signature column; wraps if wider than its column.
struct Line {
  std::string text;
  Style style{};
};

// The two-column head of the document: the issuing agency (left) and the national motto
// (right), each line centred in its column; put the document number and the place and date as
// further lines. `left_fraction` is the left column's share of the text width.
struct Header {
  std::vector<Line> left;
  std::vector<Line> right;
  double left_fraction = 0.4;
};

// Centred, bold, 1 pt above body size; the subtitle in italics under it.
struct Title {
  std::string text;
  std::string subtitle;
};

struct Paragraph {
  std::string text;
  Style style{};
  double first_line_indent_mm = 0;
};

// Two bordered columns, key | value, rows never split across pages.
struct KeyValueTable {
  std::vector<std::pair<std::string, std::string>> rows;
  double key_fraction = 0.38;
  Style key_style{};
  Style value_style{};
};

// A bordered table of several columns (reports: indicators against targets, a scorecard). The
// header row is bold, shaded and repeated at the top of every page the table continues on; rows are
// never split. `widths` are the columns' shares of the text width (normalised; empty: equal);
// `align` per column (empty: left). Cells are set `size_pt` (0: 2 pt under the body size).
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as long as the header
  std::vector<double> widths;
  std::vector<Align> align;
  double size_pt = 0;
};

// Items with a hanging indent; marked "1.", "2.", ... or with a dash.
struct List {
  std::vector<std::string> items;
  bool numbered = false;
};

// One signer: role (bold, e.g. "NGƯỜI TIẾP NHẬN"), note under it (italic, e.g. "(Ký và ghi rõ
// họ tên)"), blank room for the signature, then the name (bold). Empty parts are left out.
struct Signer {
  std::string role;
  std::string note;
  std::string name;
};

// Signers side by side in equal columns; a single signer takes the right half of the page.
struct Signatures {
  std::vector<Signer> signers;
  double space_mm = 22;
};

// A QR code of `text` (e.g. a look-up URL) drawn as vector squares, quiet zone
// included in `size_mm`, with the caption wrapped to its right.
struct QrCode {
  std::string text;
  std::string caption;
  double size_mm = 30;
};

struct Spacer {
  double mm = 4;
};

struct PageBreak {};

using Block = std::variant<Header, Title, Paragraph, KeyValueTable, Table, List, Signatures, QrCode, Spacer, PageBreak>;

struct Margins {
  double top_mm = 20;
  double bottom_mm = 20;
  double left_mm = 30;
  double right_mm = 15;
};

struct Document {
  std::string title;    // PDF metadata Title
  std::string subject;  // PDF metadata Subject; optional
  std::vector<Block> blocks;
  std::string font_family = "Noto Serif";  // must be installed (fonts-noto-core)
  double font_size_pt = 13;
  double line_spacing = 1.15;  // line height as a multiple of the font's own
  Margins margins{};  // as seen on the page, whichever its orientation
  // The page on its width: Decree 30/2020/NĐ-CP Appendix I lets a document with tables (not made
  // into separate appendices) be laid out across the A4 page.
  bool landscape = false;
  bool page_numbers = true;
  // PDF CreationDate, from the caller's clock. With it, the same document gives the same bytes;
  // nullopt: cairo 1.16 stamps the time of rendering (it cannot leave the date out).
  std::optional<std::chrono::system_clock::time_point> created;
};

// The PDF bytes (PDF 1.5, Creator "tinhso", fonts embedded as subsets). CPU-bound (≈6 ms for a
// one-page receipt): call it from a worker thread. Line breaking costs grow with the square of
// the longest unbroken word (40,000 characters without a space take seconds): callers bound the
// text they accept from users.
// Throws std::invalid_argument for text that is not valid UTF-8, a font that is not installed,
// sizes or margins that leave no room, a table row / block taller than a page, or a Table whose
// rows, widths or alignments do not match its header; throws
// std::runtime_error if cairo fails. Nothing is written anywhere but the returned string.
std::string render_pdf(const Document& doc);

}  // namespace tinhso::document
