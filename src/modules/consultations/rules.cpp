#include "modules/consultations/rules.h"

#include "core/auth/clock.h"

namespace tinhso::consultations {

std::string_view phase_code(Phase p) {
  switch (p) {
    case Phase::draft: return "draft";
    case Phase::upcoming: return "upcoming";
    case Phase::open: return "open";
    case Phase::closed: return "closed";
    case Phase::reported: return "reported";
  }
  return "draft";
}

// ISO-8601 UTC text of one fixed width compares as the moments do.
Phase phase_of(const Moments& m, const std::string& now) {
  if (!m.published) return Phase::draft;
  if (now < m.opens_at) return Phase::upcoming;
  if (now < m.closes_at) return Phase::open;
  return m.report_published_at.empty() ? Phase::closed : Phase::reported;
}

bool closing_soon(const Moments& m, const std::string& now, std::chrono::hours window) {
  if (phase_of(m, now) != Phase::open) return false;
  return auth::parse_iso_utc(m.closes_at) - auth::parse_iso_utc(now) <= window;
}

PeriodCheck check_period(std::chrono::system_clock::time_point opens, std::chrono::system_clock::time_point closes,
                         int min_days, std::string_view reason) {
  PeriodCheck out;
  if (closes <= opens) {
    out.problem = PeriodProblem::close_before_open;
    return out;
  }
  out.hours = std::chrono::duration_cast<std::chrono::hours>(closes - opens).count();
  out.shorter = closes - opens < std::chrono::hours(24) * min_days;
  if (out.shorter && reason.find_first_not_of(" \t\r\n") == std::string_view::npos)
    out.problem = PeriodProblem::too_short_without_reason;
  return out;
}

std::optional<std::chrono::system_clock::time_point> parse_local_input(std::string_view s) {
  auto m = calendar::parse_local_moment(s);
  if (!m || !calendar::in_range(m->day)) return std::nullopt;
  const auto day = std::chrono::sys_days(m->day);
  return std::chrono::system_clock::time_point(day) + m->time.value_or(std::chrono::minutes(0)) -
         calendar::kVietnamUtcOffset;
}

std::string local_input(std::chrono::system_clock::time_point t) {
  calendar::LocalMoment m = calendar::to_local(t);
  if (!m.time) m.time = std::chrono::minutes(0);
  return calendar::format_local_moment(m);
}

std::vector<std::string> search_words(std::string_view folded) {
  std::vector<std::string> words;
  std::string word;
  auto end_word = [&] {
    if (!word.empty() && words.size() < kSearchWords) words.push_back(word.substr(0, kSearchWordBytes));
    word.clear();
  };
  for (char ch : folded) {
    const auto u = static_cast<unsigned char>(ch);
    if (u >= 0x80 || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
      word += ch;
    else
      end_word();
  }
  end_word();
  // A word cut inside a UTF-8 sequence would not be valid text: drop the partial sequence.
  for (std::string& w : words) {
    std::size_t cut = w.size();
    while (cut > 0 && (static_cast<unsigned char>(w[cut - 1]) & 0xC0) == 0x80) --cut;
    if (cut > 0 && static_cast<unsigned char>(w[cut - 1]) >= 0xC0) {
      const auto lead = static_cast<unsigned char>(w[cut - 1]);
      const std::size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      if (w.size() - (cut - 1) < need) w.resize(cut - 1);
    }
  }
  std::erase_if(words, [](const std::string& w) { return w.empty(); });
  return words;
}

std::string fts5_query(const std::vector<std::string>& words) {
  if (words.empty()) return {};
  std::string out = "\"";
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += ' ';
    for (char ch : words[i]) {
      if (ch == '"') out += '"';
      out += ch;
    }
  }
  return out + "\" *";
}

std::string tsquery(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += " <-> ";
    out += words[i];
  }
  return words.empty() ? out : out + ":*";
}

}  // namespace tinhso::consultations
