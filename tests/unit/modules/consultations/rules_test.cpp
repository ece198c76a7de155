// The time rules of a consultation (issue 18 §1, §8; modules/consultations/rules.h): the legal
// minimum period (20 days for a draft legal document, Law 64/2025/QH15; at least 20 days for a
// grassroots consultation, Law 10/2022/QH15 Art. 28) and its recorded exception, the phase at any
// "now" — across Viet Nam's midnight, which is 17:00 UTC — and the local date-times of the forms.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/auth/clock.h"
#include "modules/consultations/rules.h"

namespace tinhso::consultations {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

std::chrono::system_clock::time_point at(const std::string& iso) { return auth::parse_iso_utc(iso); }

TEST(ConsultationPeriod, TheKindsMinimumAndItsRecordedException) {
  struct Case {
    const char* opens;
    const char* closes;
    int min_days;
    const char* reason;
    PeriodProblem problem;
    bool shorter;
  };
  const std::vector<Case> cases = {
      // Exactly 20 days is enough; a minute less is shorter.
      {"2026-12-01T01:00:00Z", "2026-12-21T01:00:00Z", 20, "", PeriodProblem::none, false},
      {"2026-12-01T01:00:00Z", "2026-12-21T00:59:00Z", 20, "", PeriodProblem::too_short_without_reason, true},
      // A shorter period with its reason is allowed, and still known to be shorter.
      {"2026-12-01T01:00:00Z", "2026-12-08T01:00:00Z", 20, "Cần ban hành trước vụ Đông Xuân", PeriodProblem::none, true},
      // Blank reasons are no reason.
      {"2026-12-01T01:00:00Z", "2026-12-08T01:00:00Z", 20, " \t\n", PeriodProblem::too_short_without_reason, true},
      // 60 days under the 2015 law (an installation's kind).
      {"2026-12-01T01:00:00Z", "2027-01-29T01:00:00Z", 60, "", PeriodProblem::too_short_without_reason, true},
      {"2026-12-01T01:00:00Z", "2027-01-30T01:00:00Z", 60, "", PeriodProblem::none, false},
      // A kind without a minimum; the close must still follow the open.
      {"2026-12-01T01:00:00Z", "2026-12-01T02:00:00Z", 0, "", PeriodProblem::none, false},
      {"2026-12-01T01:00:00Z", "2026-12-01T01:00:00Z", 0, "lý do", PeriodProblem::close_before_open, false},
      {"2026-12-02T01:00:00Z", "2026-12-01T01:00:00Z", 20, "lý do", PeriodProblem::close_before_open, false},
  };
  for (const auto& c : cases) {
    const PeriodCheck r = check_period(at(c.opens), at(c.closes), c.min_days, c.reason);
    EXPECT_EQ(r.problem, c.problem) << c.opens << " – " << c.closes << " min " << c.min_days;
    EXPECT_EQ(r.shorter, c.shorter) << c.opens << " – " << c.closes << " min " << c.min_days;
  }
}

TEST(ConsultationPhase, AtAnyMomentAroundVietNamsMidnight) {
  // Opens at 00:00 on 1/12/2026 in Viet Nam (17:00 UTC the day before), closes at 17:00 on 21/12.
  const Moments m{true, "2026-11-30T17:00:00Z", "2026-12-21T10:00:00Z", ""};
  struct Case {
    const char* now;
    Phase phase;
    bool soon;  // within 3 days of the close
  };
  const std::vector<Case> cases = {
      {"2026-11-30T16:59:59Z", Phase::upcoming, false},  // 23:59:59 on 30/11 in Viet Nam
      {"2026-11-30T17:00:00Z", Phase::open, false},
      {"2026-12-18T09:59:59Z", Phase::open, false},
      {"2026-12-18T10:00:00Z", Phase::open, true},
      {"2026-12-21T09:59:59Z", Phase::open, true},
      {"2026-12-21T10:00:00Z", Phase::closed, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(phase_of(m, c.now), c.phase) << c.now;
    EXPECT_EQ(closing_soon(m, c.now, hours(72)), c.soon) << c.now;
  }
  Moments draft = m;
  draft.published = false;
  EXPECT_EQ(phase_of(draft, "2026-12-10T00:00:00Z"), Phase::draft);
  Moments reported = m;
  reported.report_published_at = "2026-12-30T02:00:00Z";
  EXPECT_EQ(phase_of(reported, "2026-12-30T03:00:00Z"), Phase::reported);
  EXPECT_EQ(phase_of(reported, "2026-12-10T00:00:00Z"), Phase::open);
}

TEST(ConsultationPhase, TheFormsLocalDateTimes) {
  struct Case {
    const char* input;
    const char* utc;  // "" = refused
  };
  const std::vector<Case> cases = {
      {"2026-12-01T08:00", "2026-12-01T01:00:00Z"},
      {"2026-12-01T00:00", "2026-11-30T17:00:00Z"},  // Viet Nam's midnight is the day before in UTC
      {"2026-12-01", "2026-11-30T17:00:00Z"},
      {"2026-12-31T23:59", "2026-12-31T16:59:00Z"},
      {"2026-02-30T08:00", ""},
      {"2026-12-01T24:00", ""},
      {"2200-01-01T00:00", ""},  // outside the calendar's years
      {"01/12/2026", ""},
      {"", ""},
  };
  for (const auto& c : cases) {
    const auto t = parse_local_input(c.input);
    if (std::string(c.utc).empty()) {
      EXPECT_FALSE(t.has_value()) << c.input;
      continue;
    }
    ASSERT_TRUE(t.has_value()) << c.input;
    EXPECT_EQ(auth::iso_utc(*t), c.utc) << c.input;
    EXPECT_EQ(*parse_local_input(local_input(*t)), *t) << c.input;
  }
  EXPECT_EQ(local_input(at("2026-11-30T17:30:00Z")), "2026-12-01T00:30");
}

// §8: what a search looks for. The text comes folded (text::fold); the words are quoted or
// plain letters, so no input is an operator of either full-text syntax.
TEST(ConsultationSearch, WordsAndQueries) {
  struct Case {
    std::string folded;
    std::vector<std::string> words;
    const char* fts5;
    const char* tsquery;
  };
  const std::vector<Case> cases = {
      {"ho tro", {"ho", "tro"}, "\"ho tro\" *", "ho <-> tro:*"},
      {"  ho,  tro. ", {"ho", "tro"}, "\"ho tro\" *", "ho <-> tro:*"},
      {"dieu 3", {"dieu", "3"}, "\"dieu 3\" *", "dieu <-> 3:*"},
      {"\"ho\" OR tro*", {"ho", "OR", "tro"}, "\"ho OR tro\" *", "ho <-> OR <-> tro:*"},
      {"a':b & !c | (d) <-> e\\", {"a", "b", "c", "d", "e"}, "\"a b c d e\" *", "a <-> b <-> c <-> d <-> e:*"},
      {"%_%", {}, "", ""},
      {"", {}, "", ""},
      {"\xE2\x80\x9C" "chu\xE2\x80\x9D", {"\xE2\x80\x9C" "chu\xE2\x80\x9D"}, "\"\xE2\x80\x9C" "chu\xE2\x80\x9D\" *",
       "\xE2\x80\x9C" "chu\xE2\x80\x9D:*"},
      {"1 2 3 4 5 6 7 8 9 10", {"1", "2", "3", "4", "5", "6", "7", "8"}, "\"1 2 3 4 5 6 7 8\" *",
       "1 <-> 2 <-> 3 <-> 4 <-> 5 <-> 6 <-> 7 <-> 8:*"},
  };
  for (const auto& c : cases) {
    const auto words = search_words(c.folded);
    EXPECT_EQ(words, c.words) << c.folded;
    EXPECT_EQ(fts5_query(words), c.fts5) << c.folded;
    EXPECT_EQ(tsquery(words), c.tsquery) << c.folded;
  }
  // A word longer than kSearchWordBytes is cut, never inside a UTF-8 sequence.
  const auto cut = search_words(std::string(63, 'a') + "\xC3\xA9");
  ASSERT_EQ(cut.size(), 1U);
  EXPECT_EQ(cut[0], std::string(63, 'a'));
  EXPECT_EQ(search_words(std::string(200, 'x'))[0].size(), kSearchWordBytes);
}

}  // namespace
}  // namespace tinhso::consultations
