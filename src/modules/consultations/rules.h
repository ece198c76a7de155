#pragma once
// The rules of a consultation's life that depend on time (issue 18 §1, §8), pure functions of
// the stored moments and an injected "now" (ISO-8601 UTC text, auth::iso_utc), so they hold at any
// hour: Viet Nam is UTC+7 and a consultation opens and closes at a local date-time.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar/date.h"

namespace tinhso::consultations {

// Where a consultation stands. draft: prepared, seen by its agency only; upcoming: published,
// before opens_at; open: opens_at ≤ now < closes_at; closed: from closes_at; reported: closed and
// the summary report published.
enum class Phase { draft, upcoming, open, closed, reported };
std::string_view phase_code(Phase p);  // "draft", "upcoming", "open", "closed", "reported"

struct Moments {
  bool published = false;
  std::string opens_at, closes_at, report_published_at;  // ISO UTC; report "" = not published
};
Phase phase_of(const Moments& m, const std::string& now);

// An open consultation closes "soon" when closes_at is within `window` of now (the public list's
// "sắp hết hạn" and the subscribers' reminder; --consultation-closing-days, default 3 days).
bool closing_soon(const Moments& m, const std::string& now, std::chrono::hours window);

// The minimum period (LEADERS.md §4): a consultation of a kind with `min_days` must stay open at
// least min_days × 24 hours from opening to closing (Law 64/2025/QH15: 20 days for a draft legal
// document; Law 10/2022/QH15 Art. 28: at least 20 days for a grassroots consultation); a shorter
// one is allowed only with its reason recorded. The close must follow the open.
enum class PeriodProblem { none, close_before_open, too_short_without_reason };
struct PeriodCheck {
  PeriodProblem problem = PeriodProblem::none;
  long long hours = 0;      // the period's length
  bool shorter = false;     // under the minimum (allowed only with a reason)
};
PeriodCheck check_period(std::chrono::system_clock::time_point opens, std::chrono::system_clock::time_point closes,
                         int min_days, std::string_view reason);

// A form's local date-time in Viet Nam ("YYYY-MM-DDTHH:MM", the value of an
// <input type="datetime-local">; a bare "YYYY-MM-DD" is 00:00 that day) as a moment; nullopt for
// anything else or outside the calendar's years.
std::optional<std::chrono::system_clock::time_point> parse_local_input(std::string_view s);
// The inverse, for refilling a form: "YYYY-MM-DDTHH:MM" in Viet Nam.
std::string local_input(std::chrono::system_clock::time_point t);

// The accent-free search across comments (§8) as a full-text query of the folded text
// (text::fold of what the user typed): its words — runs of ASCII letters and digits and of any
// non-ASCII bytes, at most kSearchWords of at most kSearchWordBytes each — as one phrase, the
// last word a prefix ("ho tro" finds "hỗ trợ" and "hỗ trợ thêm", "ho tr" too). Empty when the
// text has no word: nothing is searched.
inline constexpr std::size_t kSearchWords = 8;
inline constexpr std::size_t kSearchWordBytes = 64;
std::vector<std::string> search_words(std::string_view folded);
// SQLite FTS5 MATCH expression: "w1 w2 … wn" * (each word quoted, so nothing is an operator).
std::string fts5_query(const std::vector<std::string>& words);
// PostgreSQL to_tsquery('simple', …) text: w1 <-> w2 <-> … <-> wn:* (words hold no operator).
std::string tsquery(const std::vector<std::string>& words);

}  // namespace tinhso::consultations
