#include "modules/consultations/report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <set>
#include <string_view>
#include <unordered_map>

#include "core/document/xlsx.h"
#include "core/text/format.h"
#include "core/util/strings.h"

namespace tinhso::consultations {

namespace {

using document::Align;

// The PDF's geometry: A4 landscape with the margins of Decree 30/2020/NĐ-CP Appendix I, cells
// set 10 pt. The continuation rows below are sized from these numbers.
constexpr double kPageWidthPt = 841.8898, kPageHeightPt = 595.2756;
constexpr double kTopMm = 20, kBottomMm = 20, kLeftMm = 30, kRightMm = 15;
constexpr double kCellPt = 10;
constexpr double kCellPaddingPt = 1.5 * 72 / 25.4 * 2;  // core/document/pdf.cpp: 1.5 mm each side
// Columns: STT | article or clause | who commented | comment | acceptance or explanation.
constexpr std::array<double, 5> kWidths{0.065, 0.105, 0.15, 0.38, 0.30};

// Upper bounds of what a character takes, in em of the cell's size, for Noto Serif
// (fonts-noto-core) regular and bold with pango's fallback fonts: the widest Latin glyphs (W, Œ,
// Æ, —) measure 1.0 em, a space 0.26 em; a glyph from a fallback font up to 7.2 em wide (U+FDFD)
// and 2.3 em tall. A line is 1.362 em (ascent + descent), 1.15 times that from one line to the next.
constexpr double kLatinEm = 1.1, kSpaceEm = 0.35, kOtherEm = 8;
constexpr double kLineEm = 1.362 * 1.15, kTallLineEm = 2.6 * 1.15;

double mm(double v) { return v * 72 / 25.4; }

std::string fill(std::string_view tmpl, std::initializer_list<std::pair<std::string_view, std::string_view>> args) {
  std::string out(tmpl);
  for (const auto& [name, value] : args) {
    const std::string key = "{" + std::string(name) + "}";
    for (std::size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size()))
      out.replace(at, key.size(), value);
  }
  return out;
}

std::string join_lines(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += '\n';
    out += p;
  }
  return out;
}

// The code point at s[i] and its length; an invalid sequence counts as one byte of width kOtherEm
// (render_pdf refuses it anyway).
char32_t decode(std::string_view s, std::size_t i, std::size_t& len) {
  len = utf8_sequence_length(s, i);
  if (len == 0) {
    len = 1;
    return 0xFFFD;
  }
  const auto b = static_cast<unsigned char>(s[i]);
  if (len == 1) return b;
  char32_t cp = b & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

// Latin, its diacritics (Vietnamese included), general punctuation and the đồng sign: set in
// Noto Serif itself.
bool latin(char32_t cp) {
  return cp < 0x250 || (cp >= 0x300 && cp < 0x370) || (cp >= 0x1E00 && cp < 0x1F00) || (cp >= 0x2000 && cp < 0x2070) ||
         cp == 0x20AB;
}

bool tall(std::string_view s) {
  for (std::size_t i = 0, n = 0; i < s.size(); i += n)
    if (!latin(decode(s, i, n))) return true;
  return false;
}

// Splits a cell's text into pieces that each take at most `max_lines` lines `width_em` wide,
// between words where it can: the greedy line breaking of core/document/pdf.cpp (and pango's,
// which breaks at least as often) run on upper bounds of the characters' widths.
class Splitter {
 public:
  Splitter(double width_em, int max_lines) : width_(width_em), max_lines_(std::max(max_lines, 1)) {}

  std::vector<std::string> split(std::string_view text) {
    std::vector<std::string> out;
    std::size_t chunk = 0;  // where the current piece starts
    reset();
    for (std::size_t i = 0; i < text.size();) {
      if (text[i] == '\n') {
        if (!fits_lines(lines_ + 1)) cut(out, text, chunk, i + 1);
        else newline();
        ++i;
        continue;
      }
      if (text[i] == ' ') {
        std::size_t j = i;
        while (j < text.size() && text[j] == ' ') ++j;
        spaces_ = static_cast<double>(j - i) * kSpaceEm;
        i = j;
        continue;
      }
      std::size_t j = i;
      double w = 0;
      while (j < text.size() && text[j] != ' ' && text[j] != '\n') {
        std::size_t n = 0;
        w += width(decode(text, j, n));
        j += n;
      }
      if (pen_ + spaces_ + w <= width_) {
        pen_ += spaces_ + w;
      } else if (w <= width_) {
        if (!fits_lines(lines_ + 1)) cut(out, text, chunk, i);
        else ++lines_;
        pen_ = w;
      } else {
        word_by_characters(out, text, chunk, i, j);
      }
      spaces_ = 0;
      i = j;
    }
    std::string_view rest = trim(text.substr(chunk));
    if (!rest.empty() || out.empty()) out.emplace_back(rest);
    return out;
  }

 private:
  static double width(char32_t cp) { return latin(cp) ? kLatinEm : kOtherEm; }
  bool fits_lines(int n) const { return n <= max_lines_; }
  void reset() {
    lines_ = 1;
    pen_ = spaces_ = 0;
  }
  void newline() {
    ++lines_;
    pen_ = spaces_ = 0;
  }
  // Ends the current piece before `at`; the next starts there on a fresh line.
  void cut(std::vector<std::string>& out, std::string_view text, std::size_t& chunk, std::size_t at) {
    std::string_view piece = trim(text.substr(chunk, at - chunk));
    if (!piece.empty()) out.emplace_back(piece);
    chunk = at;
    reset();
  }
  // A word wider than a line, broken between characters as pango's WORD_CHAR wrapping does.
  void word_by_characters(std::vector<std::string>& out, std::string_view text, std::size_t& chunk, std::size_t i,
                          std::size_t end) {
    if (pen_ > 0) {
      if (!fits_lines(lines_ + 1)) cut(out, text, chunk, i);
      else newline();
    }
    for (std::size_t n = 0; i < end; i += n) {
      const double w = width(decode(text, i, n));
      if (pen_ > 0 && pen_ + w > width_) {
        if (!fits_lines(lines_ + 1)) cut(out, text, chunk, i);
        else newline();
      }
      pen_ += w;
    }
  }

  double width_;
  int max_lines_;
  int lines_ = 1;
  double pen_ = 0, spaces_ = 0;
};

// The most lines of `size_pt` with `line_em` pitch that fit in `room_pt`.
int lines_in(double room_pt, double size_pt, double line_em) {
  return static_cast<int>(std::floor(room_pt / (size_pt * line_em)));
}

// One comment as the table shows it, the same in both outputs.
struct Entry {
  long long number = 0;
  const ReportComment* comment = nullptr;
  std::string unit;
  std::string text;     // the comment, or the hidden marker
  std::string kind;     // the answer kind's label
  std::string answer;   // the answer, or the reference to the row that has it
  std::string changed;  // "Đã chỉnh lý: Khoản 2 Điều 3"
};

const std::string& kind_label(const ReportLabels& l, AnswerKind k) {
  switch (k) {
    case AnswerKind::accepted: return l.answer_accepted;
    case AnswerKind::partly_accepted: return l.answer_partly;
    case AnswerKind::explained: return l.answer_explained;
    case AnswerKind::none: break;
  }
  return l.answer_none;
}

// Groups in the report's order: the whole draft first, then as given.
std::vector<const ReportGroup*> ordered(const std::vector<ReportGroup>& groups) {
  std::vector<const ReportGroup*> out;
  for (const ReportGroup& g : groups) out.push_back(&g);
  std::stable_partition(out.begin(), out.end(), [](const ReportGroup* g) { return g->unit_label.empty(); });
  return out;
}

std::vector<Entry> entries(const ReportInput& in) {
  const ReportLabels& l = in.labels;
  std::vector<Entry> out;
  std::unordered_map<std::int64_t, long long> answered_at;  // answer group → row that shows its answer
  long long number = 0;
  for (const ReportGroup* g : ordered(in.groups)) {
    const std::string& group_unit = g->unit_label.empty() ? l.whole_draft : g->unit_label;
    for (const ReportComment& c : g->comments) {
      Entry e;
      e.number = ++number;
      e.comment = &c;
      e.unit = c.unit_label.empty() ? group_unit : c.unit_label;
      e.text = !c.hidden ? c.text
               : c.hidden_reason.empty() ? l.hidden_no_reason
                                         : fill(l.hidden, {{"reason", c.hidden_reason}});
      e.kind = kind_label(l, c.answer_kind);
      auto [at, first] = c.answer_group != 0 ? answered_at.try_emplace(c.answer_group, e.number)
                                             : std::pair{answered_at.end(), true};
      if (first) {
        e.answer = c.answer_text;
        if (!c.changed_unit.empty()) e.changed = fill(l.changed_unit, {{"unit", c.changed_unit}});
      } else {
        e.answer = fill(l.same_answer, {{"n", std::to_string(at->second)}});
      }
      out.push_back(std::move(e));
    }
  }
  return out;
}

std::string percent(long long count, long long of, const std::string& lang) {
  if (of <= 0) return "";
  return text::format_decimal(100.0 * static_cast<double>(count) / static_cast<double>(of), 1, lang) + "%";
}

// The PDF's comments table, long cells continued in further rows.
class CommentsTable {
 public:
  explicit CommentsTable(const ReportLabels& l) : labels_(l) {
    const double text_width = kPageWidthPt - mm(kLeftMm) - mm(kRightMm);
    for (std::size_t c = 0; c < kWidths.size(); ++c) width_em_[c] = (text_width * kWidths[c] - kCellPaddingPt) / kCellPt;
    table_.header = {l.col_number, l.col_unit, l.col_author, l.col_comment, l.col_answer};
    table_.widths.assign(kWidths.begin(), kWidths.end());
    table_.size_pt = kCellPt;
    // Room for a row under the header on a page; the header sized as a row of the longest text.
    double header_pt = 0;
    for (std::size_t c = 0; c < kWidths.size(); ++c) {
      const double line = tall(table_.header[c]) ? kTallLineEm : kLineEm;
      header_pt = std::max(header_pt, line_count(table_.header[c], width_em_[c]) * line * kCellPt);
    }
    room_pt_ = kPageHeightPt - mm(kTopMm) - mm(kBottomMm) - header_pt - 2 * kCellPaddingPt - 2;
  }

  void add(const Entry& e) {
    const ReportComment& c = *e.comment;
    const std::string agrees = c.agrees > 0 ? fill(labels_.agrees, {{"n", std::to_string(c.agrees)}}) : "";
    const std::array<std::string, 5> cells{std::to_string(e.number), e.unit, join_lines({c.author, c.submitted, agrees}),
                                           e.text, join_lines({e.kind, e.answer, e.changed})};
    std::array<std::vector<std::string>, 5> pieces;
    std::size_t rows = 1;
    for (std::size_t k = 1; k < cells.size(); ++k) {
      const double line = tall(cells[k]) ? kTallLineEm : kLineEm;
      pieces[k] = Splitter(width_em_[k], lines_in(room_pt_, kCellPt, line)).split(cells[k]);
      rows = std::max(rows, pieces[k].size());
    }
    const std::string continued = fill(labels_.continued, {{"n", cells[0]}});
    for (std::size_t r = 0; r < rows; ++r) {
      std::vector<std::string> row(cells.size());
      row[0] = r == 0 ? cells[0] : "";
      for (std::size_t k = 1; k < cells.size(); ++k)
        if (r < pieces[k].size()) row[k] = pieces[k][r];
      if (r > 0 && row[2].empty()) row[2] = continued;
      table_.rows.push_back(std::move(row));
    }
  }

  document::Table take() { return std::move(table_); }

 private:
  static double line_count(const std::string& text, double width_em) {
    int lines = 1;
    while (Splitter(width_em, lines).split(text).size() > 1) ++lines;
    return lines;
  }

  const ReportLabels& labels_;
  std::array<double, 5> width_em_{};
  double room_pt_ = 0;
  document::Table table_;
};

document::Table questions_table(const ReportInput& in) {
  const ReportLabels& l = in.labels;
  document::Table t{{l.q_col_question, l.q_col_option, l.q_col_count, l.q_col_percent},
                    {},
                    {0.38, 0.38, 0.12, 0.12},
                    {Align::left, Align::left, Align::right, Align::right},
                    kCellPt};
  for (const ReportQuestion& q : in.questions) {
    bool first = true;
    auto row = [&](const std::string& option, const std::string& count, const std::string& pct) {
      t.rows.push_back({first ? q.text : "", option, count, pct});
      first = false;
    };
    for (const auto& [option, count] : q.options)
      row(option, text::format_integer(count, l.lang), percent(count, q.respondents, l.lang));
    row(l.q_other, text::format_integer(q.other_answers, l.lang), percent(q.other_answers, q.respondents, l.lang));
    row(l.q_respondents, text::format_integer(q.respondents, l.lang), "");
  }
  return t;
}

std::string counts_sentence(const ReportInput& in) {
  const ReportCounts n = count_report(in);
  const std::string& lang = in.labels.lang;
  auto num = [&](long long v) { return text::format_integer(v, lang); };
  return fill(in.labels.counts, {{"comments", num(n.comments)},
                                 {"people", num(n.people)},
                                 {"organisations", num(n.organisations)},
                                 {"hidden", num(n.hidden)},
                                 {"accepted", num(n.accepted)},
                                 {"partly", num(n.partly)},
                                 {"explained", num(n.explained)},
                                 {"unanswered", num(n.unanswered)}});
}

// Cells longer than a spreadsheet cell holds (32,767 bytes), cut between words.
std::vector<std::string> xlsx_pieces(std::string_view text) {
  constexpr std::size_t kMax = 32000;
  std::vector<std::string> out;
  while (text.size() > kMax) {
    std::string_view head = utf8_prefix(text, kMax);
    if (const std::size_t space = head.find_last_of(" \n"); space != std::string_view::npos && space > kMax / 2)
      head = head.substr(0, space + 1);
    out.emplace_back(trim(head));
    text.remove_prefix(head.size());
  }
  out.emplace_back(text);
  return out;
}

}  // namespace

ReportCounts count_report(const ReportInput& in) {
  ReportCounts n;
  std::set<std::int64_t> people_ids, organisation_ids;
  std::set<std::string_view> people_names, organisation_names;
  for (const ReportGroup& g : in.groups) {
    for (const ReportComment& c : g.comments) {
      ++n.comments;
      n.hidden += c.hidden;
      if (c.author_id != 0) (c.organisation ? organisation_ids : people_ids).insert(c.author_id);
      else (c.organisation ? organisation_names : people_names).insert(c.author);
      switch (c.answer_kind) {
        case AnswerKind::accepted: ++n.accepted; break;
        case AnswerKind::partly_accepted: ++n.partly; break;
        case AnswerKind::explained: ++n.explained; break;
        case AnswerKind::none: ++n.unanswered; break;
      }
    }
  }
  n.people = static_cast<long long>(people_ids.size() + people_names.size());
  n.organisations = static_cast<long long>(organisation_ids.size() + organisation_names.size());
  return n;
}

std::string render_report_pdf(const ReportInput& in) {
  const ReportLabels& l = in.labels;
  document::Document d;
  d.title = in.title;
  d.subject = in.agency;
  d.created = in.created;
  d.landscape = true;
  d.margins = {kTopMm, kBottomMm, kLeftMm, kRightMm};
  std::vector<document::Line> left;
  if (!in.agency_parent.empty()) left.push_back({in.agency_parent});
  left.push_back({in.agency, {.bold = true}});
  if (!in.number.empty()) left.push_back({in.number});
  d.blocks.emplace_back(document::Header{std::move(left),
                                         {{l.motto, {.bold = true, .size_pt = 12}},
                                          {l.motto_sub, {.bold = true, .underline = true}},
                                          {in.place_date, {.italic = true}}},
                                         0.4});
  d.blocks.emplace_back(document::Title{in.title, in.subtitle});
  for (const std::string& p : in.intro_paragraphs)
    d.blocks.emplace_back(document::Paragraph{p, {.align = Align::justify}, 10});
  if (!l.counts.empty()) d.blocks.emplace_back(document::Paragraph{counts_sentence(in), {.align = Align::justify}, 10});

  if (!l.comments_heading.empty()) d.blocks.emplace_back(document::Paragraph{l.comments_heading, {.bold = true}});
  const std::vector<Entry> rows = entries(in);
  if (rows.empty()) {
    d.blocks.emplace_back(document::Paragraph{l.no_comments, {.italic = true}});
  } else {
    CommentsTable table(l);
    for (const Entry& e : rows) table.add(e);
    d.blocks.emplace_back(table.take());
  }
  if (!in.questions.empty()) {
    if (!l.questions_heading.empty()) d.blocks.emplace_back(document::Paragraph{l.questions_heading, {.bold = true}});
    d.blocks.emplace_back(questions_table(in));
  }
  d.blocks.emplace_back(document::Signatures{{in.signer}});
  return document::render_pdf(d);
}

std::string render_report_xlsx(const ReportInput& in) {
  const ReportLabels& l = in.labels;
  document::Workbook book;
  book.title = in.title;
  book.created = in.created;
  document::Sheet comments{l.sheet_comments,
                           {{l.col_number, 8},
                            {l.col_unit, 18},
                            {l.col_author, 28},
                            {l.col_submitted, 12},
                            {l.col_agrees, 10},
                            {l.col_comment, 80},
                            {l.col_answer_kind, 16},
                            {l.col_answer, 70},
                            {l.col_changed_unit, 18}},
                           {}};
  const std::vector<Entry> rows = entries(in);
  comments.rows.reserve(rows.size());
  for (const Entry& e : rows) {
    const ReportComment& c = *e.comment;
    const auto text = xlsx_pieces(e.text);
    const auto answer = xlsx_pieces(e.answer);
    comments.rows.push_back({std::int64_t{e.number}, e.unit, c.author, c.submitted, std::int64_t{c.agrees}, text[0],
                             e.kind, answer[0], e.changed});
    const std::string continued = fill(l.continued, {{"n", std::to_string(e.number)}});
    for (std::size_t r = 1; r < std::max(text.size(), answer.size()); ++r)
      comments.rows.push_back({std::monostate{}, std::monostate{}, continued, std::monostate{}, std::monostate{},
                               r < text.size() ? text[r] : "", std::monostate{}, r < answer.size() ? answer[r] : ""});
  }
  book.sheets.push_back(std::move(comments));
  if (!in.questions.empty()) {
    document::Sheet questions{l.sheet_questions,
                              {{l.q_col_question, 60}, {l.q_col_option, 50}, {l.q_col_count, 12}, {l.q_col_percent, 10, 1}},
                              {}};
    for (const ReportQuestion& q : in.questions) {
      auto share = [&](long long count) -> document::Cell {
        if (q.respondents <= 0) return std::monostate{};
        return document::Percent{static_cast<double>(count) / static_cast<double>(q.respondents)};
      };
      bool first = true;
      for (const auto& [option, count] : q.options) {
        questions.rows.push_back({first ? q.text : "", option, std::int64_t{count}, share(count)});
        first = false;
      }
      questions.rows.push_back({first ? q.text : "", l.q_other, std::int64_t{q.other_answers}, share(q.other_answers)});
      questions.rows.push_back({"", l.q_respondents, std::int64_t{q.respondents}});
    }
    book.sheets.push_back(std::move(questions));
  }
  return document::write_xlsx(book);
}

}  // namespace tinhso::consultations
