#pragma once
// The consultations module's reads (issue 18): each function is one statement unless it says
// otherwise, so a page stays within the bound of at most 10 statements per GET. Named
// placeholders; SQLite and PostgreSQL alike.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "modules/consultations/consultation.h"
#include "modules/consultations/draft.h"

namespace tinhso::consultations {

// The stored code of a unit's kind ("article", ...) and back (preamble for an unknown code).
std::string_view unit_kind_code(UnitKind k);
UnitKind parse_unit_kind(std::string_view code);

std::vector<Kind> kinds(soci::session& s);
std::optional<Kind> find_kind(soci::session& s, const std::string& code);

// The consultation with its agency's name and its latest draft version (2 statements: the
// audience's units separately).
std::optional<Consultation> load_consultation(soci::session& s, std::int64_t id);

// A line of a list: the consultation, its phase's moments and its visible comment count.
struct ListRow {
  Consultation c;
  long long comments = 0;
};
// Published consultations for the public list, newest opening first; `phase` filters
// ("open", "upcoming", "closed" — closed includes reported — or "" for all) at `now`; `q` (already
// folded, text::fold) matches the title or a visible comment. `offset`/`limit` page it.
std::vector<ListRow> public_list(soci::session& s, const std::string& now, const std::string& phase,
                                 const std::string& q, std::int64_t offset, int limit);
// The consultations of the agencies `scope` (drafts too), newest first.
std::vector<ListRow> agency_list(soci::session& s, const std::vector<std::int64_t>& scope, std::int64_t offset,
                                 int limit);

// The units of version `number` (0: the latest) in document order.
std::vector<Unit> draft_units(soci::session& s, std::int64_t consultation_id, int number);
struct VersionRow {
  std::int64_t id = 0;
  int number = 0;
  std::string source_name, note, created_at;
  long long units = 0;
};
std::vector<VersionRow> versions(soci::session& s, std::int64_t consultation_id);

// Visible comments (and replies) per anchor.
std::map<std::string, long long> comment_counts(soci::session& s, std::int64_t consultation_id);

// Comments on the unit `anchor` and the units below it ("dieu-3" takes "dieu-3-khoan-1-diem-a"),
// or on the whole draft (anchor ""), top-level ones oldest first, paged; with `replies` the
// replies to those on the page are appended (one more statement). Hidden comments come with
// their reason and WITHOUT their text (the body is cleared here).
std::vector<Comment> comments_on(soci::session& s, std::int64_t consultation_id, const std::string& anchor,
                                 std::int64_t offset, int limit);
// The top-level comments shown on page `page` (an article, another top unit, or "" for the whole
// draft: consultation_comments.page_anchor), oldest first, paged — read along
// consultation_comments_page, whatever the number of comments on other pages.
std::vector<Comment> comments_on_page(soci::session& s, std::int64_t consultation_id, const std::string& page,
                                      std::int64_t offset, int limit);
std::vector<Comment> replies_to(soci::session& s, const std::vector<std::int64_t>& parents);
// Every comment of the consultation (replies too) in draft order of its anchor then id, for the
// CSV and the report; hidden ones without their text.
std::vector<Comment> all_comments(soci::session& s, std::int64_t consultation_id);
// The files of the comments `ids` (no content).
std::map<std::int64_t, std::vector<FileRef>> comment_files(soci::session& s, const std::vector<std::int64_t>& ids);
// One comment (its text cleared when hidden unless `with_hidden_text`).
std::optional<Comment> load_comment(soci::session& s, std::int64_t id, bool with_hidden_text = false);

std::map<std::int64_t, Answer> answers(soci::session& s, std::int64_t consultation_id);
// The answers the comments `comments` name (one statement; none when none is answered).
std::map<std::int64_t, Answer> answers_of(soci::session& s, const std::vector<Comment>& comments);

// The anchor of the article (or, outside articles, the unit itself) that holds `anchor`: the page
// a comment on a clause or a point is shown on; "" for an anchor not in `units`.
std::string page_anchor(const std::vector<Unit>& units, const std::string& anchor);

// Every comment of the consultation with its latest draft and the answers (3 statements): what
// the CSV, the answer desk and the report read.
struct CommentsAndAnswers {
  std::vector<Unit> units;
  std::vector<Comment> comments;
  std::map<std::int64_t, Answer> answers;
};
CommentsAndAnswers comments_and_answers(soci::session& s, std::int64_t consultation_id);

// The questions and options; with `results`, the counts (one more statement).
std::vector<Question> questions(soci::session& s, std::int64_t consultation_id, bool results);
// Whether `account` answered the consultation's questions.
bool has_answered(soci::session& s, std::int64_t consultation_id, std::int64_t account);
// The comments of `account` in the consultation that it agreed with (ids), among `ids`.
std::vector<std::int64_t> agreed(soci::session& s, std::int64_t account, const std::vector<std::int64_t>& ids);

std::optional<Organisation> organisation(soci::session& s, std::int64_t account);

struct Subscription {
  std::string scope, value, label;  // label: the consultation's title or agency's name, or the field
};
std::vector<Subscription> subscriptions(soci::session& s, std::int64_t account);
// The distinct fields of published consultations, for subscribing.
std::vector<std::string> fields(soci::session& s);

struct Notice {
  std::int64_t id = 0, consultation_id = 0, comment_id = 0;
  std::string event, title, created_at;
};
std::vector<Notice> notices(soci::session& s, std::int64_t account, std::int64_t offset, int limit);

// The consultation's files (no content).
std::vector<FileRef> files(soci::session& s, std::int64_t consultation_id);
// A file's bytes (decoded) with its record; nullopt unless it belongs to that consultation
// (comment files: to that consultation's comment `comment_id`, visible unless `hidden_ok`).
std::optional<std::pair<FileRef, std::string>> file_content(soci::session& s, std::int64_t consultation_id,
                                                            std::int64_t file_id);
std::optional<std::pair<FileRef, std::string>> comment_file_content(soci::session& s, std::int64_t consultation_id,
                                                                    std::int64_t comment_id, std::int64_t file_id,
                                                                    bool hidden_ok);

// Comments matching the folded query `q` among published consultations (visible ones), newest
// first, at most `limit`: the search's second half.
struct CommentHit {
  std::int64_t consultation_id = 0, comment_id = 0;
  std::string title, anchor, author_name, organisation, body;
};
std::vector<CommentHit> search_comments(soci::session& s, const std::string& q, int limit);

// LIKE pattern of the folded `q` with %, _ and the escape character escaped (ESCAPE '\').
std::string like_pattern(const std::string& q);

}  // namespace tinhso::consultations
