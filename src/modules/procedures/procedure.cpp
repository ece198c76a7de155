#include "modules/procedures/procedure.h"

#include <algorithm>
#include <charconv>

#include "core/util/strings.h"

namespace tinhso::procedures {

namespace {

constexpr std::string_view kReservedCodes[] = {"new", "import", "export.csv", "export.json"};

bool code_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
         c == '_';
}

bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// The text up to each '|' of `line`, trimmed (at most `max` parts; the last keeps any further '|').
std::vector<std::string> parts(std::string_view line, std::size_t max) {
  std::vector<std::string> out;
  while (out.size() + 1 < max) {
    std::size_t bar = line.find('|');
    if (bar == std::string_view::npos) break;
    out.emplace_back(trim(line.substr(0, bar)));
    line.remove_prefix(bar + 1);
  }
  out.emplace_back(trim(line));
  return out;
}

// Each non-blank line of `text` (LF or CRLF).
template <class F>
void each_line(std::string_view text, F&& fn) {
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!trim(line).empty()) fn(line);
  }
}

// No control characters (a name, code or URL is one line).
bool one_line(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// Notes may have line breaks (LF) and tabs, no other control characters.
bool note_text(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7f;
  });
}

// A document or step name: one line without the '|' that separates the parts of its text form.
bool item_name(std::string_view s) {
  return !s.empty() && s.size() <= kMaxNameBytes && one_line(s) && s.find('|') == std::string_view::npos;
}

void add(std::vector<Problem>& out, std::string field, std::string message_id) {
  Problem p{std::move(field), std::move(message_id)};
  if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(std::move(p));
}

}  // namespace

std::string_view level_name(Level l) { return l == Level::province ? "province" : "commune"; }

std::optional<Level> parse_level(std::string_view name) {
  if (name == "province") return Level::province;
  if (name == "commune") return Level::commune;
  return std::nullopt;
}

std::string_view fee_kind_name(FeeKind k) { return k == FeeKind::regulated ? "regulated" : "fixed"; }

std::optional<FeeKind> parse_fee_kind(std::string_view name) {
  if (name.empty() || name == "fixed") return FeeKind::fixed;
  if (name == "regulated") return FeeKind::regulated;
  return std::nullopt;
}

std::string_view unit_name(calendar::Unit u) { return u == calendar::Unit::days ? "days" : "working_days"; }

std::optional<calendar::Unit> parse_unit(std::string_view name) {
  if (name.empty() || name == "working_days") return calendar::Unit::working_days;
  if (name == "days") return calendar::Unit::days;
  return std::nullopt;
}

bool operator==(const RequiredDocument& a, const RequiredDocument& b) {
  return a.position == b.position && a.name == b.name && a.mandatory == b.mandatory && a.template_url == b.template_url;
}

bool operator==(const Step& a, const Step& b) {
  return a.position == b.position && a.name == b.name && a.share_percent == b.share_percent;
}

bool same_content(const Procedure& a, const Procedure& b) {
  return a.code == b.code && a.name == b.name && a.name_en == b.name_en && a.field == b.field && a.level == b.level &&
         a.time_limit_working_days == b.time_limit_working_days && a.time_limit_unit == b.time_limit_unit && a.legal_basis == b.legal_basis &&
         a.fee_kind == b.fee_kind && a.fee_vnd == b.fee_vnd && a.fee_note == b.fee_note &&
         a.conditions == b.conditions && a.receipt_place == b.receipt_place && a.office_hours == b.office_hours &&
         a.fully_online == b.fully_online && a.online_submission == b.online_submission &&
         a.active == b.active && a.documents == b.documents && a.steps == b.steps;
}

bool operator==(const Record& a, const Record& b) {
  return same_content(a.procedure, b.procedure) && a.agency_code == b.agency_code &&
         a.desk_agency_code == b.desk_agency_code;
}

bool valid_code(std::string_view code) {
  if (code.empty() || code.size() > kMaxCodeBytes || !alnum(code.front())) return false;
  if (!std::all_of(code.begin(), code.end(), code_char)) return false;
  return std::find(std::begin(kReservedCodes), std::end(kReservedCodes), code) == std::end(kReservedCodes);
}

bool valid_template_url(std::string_view url) {
  if (url.empty()) return true;
  if (url.size() > kMaxUrlBytes || !valid_utf8(url)) return false;
  for (unsigned char c : url)
    if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '|') return false;
  if (url.starts_with("/")) return url.size() == 1 || url[1] != '/';
  for (std::string_view scheme : {"https://", "http://"})
    if (starts_with_icase(url, scheme)) return url.size() > scheme.size() && url[scheme.size()] != '/';
  return false;
}

std::vector<Problem> check_procedure(const Procedure& p, bool agency_found, bool desk_found) {
  std::vector<Problem> out;
  if (!valid_code(p.code)) add(out, "code", "procedures.error.code");
  if (p.name.empty() || p.name.size() > kMaxNameBytes || !one_line(p.name)) add(out, "name", "procedures.error.name");
  if (p.name_en.size() > kMaxNameBytes || !one_line(p.name_en)) add(out, "name_en", "procedures.error.name_en");
  if (p.field.empty() || p.field.size() > kMaxFieldBytes || !one_line(p.field)) add(out, "field", "procedures.error.field");
  if (!agency_found) add(out, "agency", "procedures.error.agency");
  if (!desk_found) add(out, "desk_agency", "procedures.error.desk_agency");
  if (p.time_limit_working_days < 0 || p.time_limit_working_days > kMaxTimeLimit)
    add(out, "time_limit", "procedures.error.time_limit");
  if (p.legal_basis.size() > kMaxNoteBytes || !note_text(p.legal_basis)) add(out, "legal_basis", "procedures.error.legal_basis");
  if (p.fee_vnd < 0 || p.fee_vnd > kMaxFee) add(out, "fee_vnd", "procedures.error.fee");
  if (p.fee_kind == FeeKind::regulated && p.fee_vnd != 0) add(out, "fee_vnd", "procedures.error.fee_regulated");
  if (p.fee_note.size() > kMaxNoteBytes || !note_text(p.fee_note)) add(out, "fee_note", "procedures.error.fee_note");
  if (p.conditions.size() > kMaxNoteBytes || !note_text(p.conditions)) add(out, "conditions", "procedures.error.conditions");
  if (p.receipt_place.size() > kMaxPlaceBytes || !note_text(p.receipt_place))
    add(out, "receipt_place", "procedures.error.receipt_place");
  if (p.office_hours.size() > kMaxPlaceBytes || !note_text(p.office_hours))
    add(out, "office_hours", "procedures.error.office_hours");
  if (p.fully_online && !p.online_submission) add(out, "online_submission", "procedures.error.online_submission");
  if (p.documents.empty()) add(out, "documents", "procedures.error.documents_none");
  if (p.documents.size() > kMaxDocuments) add(out, "documents", "procedures.error.documents_many");
  for (const auto& d : p.documents) {
    if (!item_name(d.name)) add(out, "documents", "procedures.error.document_name");
    if (!valid_template_url(d.template_url)) add(out, "documents", "procedures.error.document_template");
  }
  if (p.steps.size() > kMaxSteps) add(out, "steps", "procedures.error.steps_many");
  int total = 0;
  for (const auto& s : p.steps) {
    if (!item_name(s.name)) add(out, "steps", "procedures.error.step_name");
    if (s.share_percent < 1 || s.share_percent > 100) add(out, "steps", "procedures.error.step_share");
    total += std::clamp(s.share_percent, 0, 100);
  }
  if (!p.steps.empty() && total != 100) add(out, "steps", "procedures.error.steps_sum");
  return out;
}

std::optional<std::int64_t> parse_integer(std::string_view s, std::int64_t lo, std::int64_t hi) {
  s = trim(s);
  if (s.empty() || s.size() > 19 || s.front() == '+') return std::nullopt;
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < lo || v > hi) return std::nullopt;
  return v;
}

std::optional<bool> parse_flag(std::string_view s, std::optional<bool> empty) {
  s = trim(s);
  if (s.empty()) return empty;
  std::string v = to_lower_ascii(s);
  for (std::string_view yes : {"true", "1", "yes", "x", "có"})
    if (v == yes) return true;
  for (std::string_view no : {"false", "0", "no", "-", "không"})
    if (v == no) return false;
  return std::nullopt;
}

std::vector<RequiredDocument> parse_documents(std::string_view text, std::vector<Problem>& problems) {
  std::vector<RequiredDocument> out;
  each_line(text, [&](std::string_view line) {
    auto p = parts(line, 3);
    RequiredDocument d;
    d.position = static_cast<int>(out.size()) + 1;
    d.name = p[0];
    if (d.name.empty()) add(problems, "documents", "procedures.error.document_name");
    auto mandatory = parse_flag(p.size() > 1 ? p[1] : "", true);
    if (!mandatory) add(problems, "documents", "procedures.error.document_mandatory");
    d.mandatory = mandatory.value_or(true);
    if (p.size() > 2) d.template_url = p[2];
    out.push_back(std::move(d));
  });
  return out;
}

std::string format_documents(const std::vector<RequiredDocument>& documents) {
  std::string out;
  for (const auto& d : documents) {
    out += d.name + " | " + (d.mandatory ? "1" : "0");
    if (!d.template_url.empty()) out += " | " + d.template_url;
    out += "\n";
  }
  return out;
}

std::vector<Step> parse_steps(std::string_view text, std::vector<Problem>& problems) {
  std::vector<Step> out;
  each_line(text, [&](std::string_view line) {
    auto p = parts(line, 2);
    Step s;
    s.position = static_cast<int>(out.size()) + 1;
    s.name = p[0];
    if (s.name.empty()) add(problems, "steps", "procedures.error.step_name");
    auto share = p.size() > 1 ? parse_integer(p[1], 0, 100) : std::nullopt;
    if (!share) add(problems, "steps", "procedures.error.step_share");
    s.share_percent = static_cast<int>(share.value_or(0));
    out.push_back(std::move(s));
  });
  return out;
}

std::string format_steps(const std::vector<Step>& steps) {
  std::string out;
  for (const auto& s : steps) out += s.name + " | " + std::to_string(s.share_percent) + "\n";
  return out;
}

std::string summary(const Record& r) {
  const Procedure& p = r.procedure;
  std::string out = p.code + " | " + p.name;
  if (!p.name_en.empty()) out += " / " + p.name_en;
  out += " | " + p.field + " | " + std::string(level_name(p.level)) + " | " + r.agency_code + " via " +
         r.desk_agency_code + " | " + std::to_string(p.time_limit_working_days) +
         (p.time_limit_unit == calendar::Unit::days ? " days | " : " wd | ") +
         (p.fee_kind == FeeKind::regulated ? std::string("fee by regulation") : std::to_string(p.fee_vnd) + " VND") +
         (p.fully_online ? " | online" : p.online_submission ? " | online submission" : " | at the desk") +
         (p.active ? "" : " | inactive") + " | documents: ";
  for (const auto& d : p.documents) out += (d.position > 1 ? "; " : "") + d.name + (d.mandatory ? "" : " (optional)");
  out += " | steps: ";
  for (const auto& s : p.steps) out += (s.position > 1 ? "; " : "") + s.name + " " + std::to_string(s.share_percent) + "%";
  return out;
}

}  // namespace tinhso::procedures
