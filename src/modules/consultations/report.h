#pragma once
// The summary report of a consultation — "Bản tổng hợp, tiếp thu, giải trình ý kiến góp ý"
// (../shared/domain/LEADERS.md §4: Law 64/2025/QH15 on the promulgation of legal documents; Law
// 10/2022/QH15 on grassroots democracy Art. 28: the summary of opinions and the authority's
// acceptance or explanation are published) — as a PDF for publication and an XLSX workbook for
// the drafting agency.
//
// A plain model filled by the caller: every word comes from the caller (the message catalogue,
// the comments as stored); the renderer adds only numbers — the row number (STT), counts and
// percentages — substituted for "{name}" placeholders in the label templates below.
//
// The comments table has the columns of practice: STT | article or clause | who commented | the
// comment | the drafting agency's acceptance or explanation. Rows follow `groups` in the order
// given (the draft's order); a group with an empty unit_label is the whole draft ("Toàn văn dự
// thảo / Ý kiến chung") and comes first whatever its place. Rows are numbered 1, 2, ... across the
// whole table, hidden comments included.
//
// Guarantees:
//   - a hidden comment's text never appears in either output: its row shows labels.hidden with
//     the reason (the author, date and the agency's answer are still shown);
//   - comments that share an answer (same non-zero answer_group) show it once, in the first of
//     them in table order; the others show labels.same_answer with that row's number;
//   - a cell too long for a page (a comment of 10,000 characters, a long answer) goes on in
//     continuation rows, so no PDF row is taller than a page and no XLSX cell exceeds the format's
//     32,767 bytes. PDF rows are sized from upper bounds of the glyphs' widths and heights (Noto
//     Serif and its fallback fonts), so a continued comment's rows fill about half a page each;
//     comments up to ≈600 characters stay in one row.
//
// Both functions are pure and CPU-bound — 100,000 comments: ≈25 s for the PDF (32,000 pages; most
// of it cairo writing ≈50 million glyphs), ≈4 s for the XLSX; bench/consultations_report_bench.cpp
// — safe on several threads at once, nothing written but the returned bytes. They throw std::invalid_argument for text that is not valid UTF-8 (and what
// core/document/pdf.h and xlsx.h refuse), std::runtime_error if cairo or the temporary file fails.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/document/pdf.h"

namespace tinhso::consultations {

// The drafting agency's decision on a comment.
enum class AnswerKind { none, accepted, partly_accepted, explained };

// Every fixed text of the report, from the message catalogue. Templates name their placeholders.
struct ReportLabels {
  std::string lang = "vi";  // number format (core/text/format.h): "1.234", "12,5"
  // National motto, right of the header, as Decree 30/2020/NĐ-CP Appendix I fixes it in every
  // language; the defaults below are that text and the table's "STT", never translated.
  std::string motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
  std::string motto_sub = "Độc lập - Tự do - Hạnh phúc";
  // Counts sentence after the intro paragraphs; "" leaves it out. Placeholders: {comments}
  // {people} {organisations} {hidden} {accepted} {partly} {explained} {unanswered}.
  std::string counts;
  std::string comments_heading;   // above the comments table
  std::string questions_heading;  // above the questions' results
  std::string no_comments;        // in place of the table when there is no comment
  // Comments table headers.
  std::string col_number = "STT";
  std::string col_unit;
  std::string col_author;
  std::string col_comment;
  std::string col_answer;
  // Further XLSX columns (the PDF puts these inside the cells above).
  std::string col_submitted;
  std::string col_agrees;
  std::string col_answer_kind;
  std::string col_changed_unit;
  std::string whole_draft;  // unit label of the whole draft
  // Names of AnswerKind::accepted, partly_accepted, explained ("Tiếp thu", "Tiếp thu một phần",
  // "Giải trình") and none ("" or e.g. "Chưa giải trình").
  std::string answer_accepted;
  std::string answer_partly;
  std::string answer_explained;
  std::string answer_none;
  std::string hidden;            // "(Ý kiến đã ẩn: {reason})"
  std::string hidden_no_reason;  // "(Ý kiến đã ẩn)"
  std::string same_answer;       // "Như giải trình tại STT {n}"
  std::string changed_unit;      // "Đã chỉnh lý: {unit}"
  std::string agrees;            // "{n} người đồng tình" (shown when n > 0)
  std::string continued;         // author cell of a continuation row: "(tiếp theo ý kiến STT {n})"
  // Questions' results: table headers, the "other" row, the respondents row.
  std::string q_col_question;
  std::string q_col_option;
  std::string q_col_count;
  std::string q_col_percent;
  std::string q_other;
  std::string q_respondents;
  std::string sheet_comments = "Tổng hợp";  // XLSX sheet names (≤ 31 characters, no [ ] : * ? / \)
  std::string sheet_questions = "Câu hỏi";
};

struct ReportComment {
  std::int64_t id = 0;
  std::string unit_label;  // "Khoản 2 Điều 3"; "": the group's unit
  std::string author;      // "Nguyễn Văn An" or "Hợp tác xã X (người đại diện: ...)"
  bool organisation = false;
  std::int64_t author_id = 0;  // distinct commenters are counted by this, by `author` when 0
  std::string submitted;       // display date
  std::string text;
  int agrees = 0;  // people who agreed with the comment
  bool hidden = false;
  std::string hidden_reason;
  AnswerKind answer_kind = AnswerKind::none;
  std::string answer_text;
  std::string changed_unit;  // the unit the draft changed in response; "" none
  std::int64_t answer_group = 0;  // non-zero: answered together with the comments of the same value
};

struct ReportGroup {
  std::string unit_label;  // "Điều 3. Đối tượng áp dụng"; "": the whole draft
  std::vector<ReportComment> comments;
};

struct ReportQuestion {
  std::string text;
  std::vector<std::pair<std::string, long long>> options;  // option, times chosen
  long long respondents = 0;  // percentages are of this (several options may be chosen)
  long long other_answers = 0;
};

struct ReportInput {
  std::string agency_parent;  // "UBND TỈNH PHÚ THỌ"
  std::string agency;         // the drafting agency: "SỞ TƯ PHÁP"
  std::string number;         // "Số: 12/BC-STP"; "" leaves it out
  std::string place_date;     // "Phú Thọ, ngày 26 tháng 11 năm 2026"
  std::string title;
  std::string subtitle;
  std::vector<std::string> intro_paragraphs;  // finished: the consultation, agency, period
  std::vector<ReportGroup> groups;
  std::vector<ReportQuestion> questions;
  document::Signer signer;  // the drafting agency's signature block
  ReportLabels labels;
  // Creation date of both files, from the caller's clock: the same input gives the same PDF.
  std::optional<std::chrono::system_clock::time_point> created;
};

// Counts over every comment of the input, as the counts sentence states them.
struct ReportCounts {
  long long comments = 0;
  long long people = 0;         // distinct commenters not marked organisation
  long long organisations = 0;  // distinct commenters marked organisation
  long long hidden = 0;
  long long accepted = 0;
  long long partly = 0;
  long long explained = 0;
  long long unanswered = 0;
};

ReportCounts count_report(const ReportInput& in);

// A4 landscape (Decree 30/2020/NĐ-CP Appendix I allows the landscape page for a document of
// tables), the comments table's header repeated on every page.
std::string render_report_pdf(const ReportInput& in);

// Sheet labels.sheet_comments: one row per comment (continuation rows for cells over 32,767
// bytes), columns STT, unit, author, date, agrees, comment, answer kind, answer, changed unit;
// sheet labels.sheet_questions when there are questions.
std::string render_report_xlsx(const ReportInput& in);

}  // namespace tinhso::consultations
