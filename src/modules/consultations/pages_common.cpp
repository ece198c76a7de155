// Shared pieces of the consultations module's pages (pages.h).
#include <chrono>

#include "core/auth/clock.h"
#include "core/auth/guard.h"
#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/util/strings.h"
#include "modules/consultations/notices.h"
#include "modules/consultations/pages.h"
#include "modules/consultations/permissions.h"

namespace tinhso::consultations {

std::string now_text(const app::Context& ctx) { return auth::iso_utc(ctx.clock.now()); }

Consultation visible_consultation(soci::session& s, const auth::Principal* p, std::int64_t id) {
  auto c = load_consultation(s, id);
  // A draft to an anonymous visitor: sign in first (as every non-public page); to one who signed
  // in and may not see it: the answer for a consultation that does not exist.
  if (c && !c->published && p == nullptr)
    throw http::Error(http::ErrorKind::unauthenticated, "sign in to see a draft consultation");
  // A draft is seen only once signed in fully (core/auth/guard.h require_login).
  if (c && !c->published && p->second_factor_required && !p->second_factor_passed)
    throw http::Error(http::ErrorKind::forbidden, "second factor pending", "error.forbidden.second_factor");
  if (!c || !may_view(p, *c))
    throw http::Error(http::ErrorKind::not_found, "no such consultation", "consultations.error.not_found");
  return *c;
}

Consultation managed_consultation(soci::session& s, const auth::Principal& p, std::int64_t id) {
  Consultation c = visible_consultation(s, &p, id);
  auth::require(may_manage(&p, c.agency_id), "manage another agency's consultation");
  return c;
}

namespace {

const Unit* find_unit(const std::vector<Unit>& units, const std::string& anchor) {
  for (const auto& u : units)
    if (u.anchor == anchor) return &u;
  return nullptr;
}

// `inner`: as it follows a smaller unit's name ("khoản 1" in "Điểm a khoản 1 Điều 5").
std::string own_name(const web::View& v, const Unit& u, bool inner = false) {
  const std::string key = (inner ? "consultations.unit_in." : "consultations.unit.") + std::string(unit_kind_code(u.kind));
  return v.f(key, {{"n", u.number}});
}

}  // namespace

std::string unit_name(const web::View& v, const std::vector<Unit>& units, const std::string& anchor) {
  const Unit* u = anchor.empty() ? nullptr : find_unit(units, anchor);
  if (u == nullptr) return v.t("consultations.unit.whole");
  std::string out = own_name(v, *u);
  // A clause names its article, a point its clause and article ("Điểm a khoản 1 Điều 5").
  const Unit* p = u;
  while ((p->kind == UnitKind::clause || p->kind == UnitKind::point) && !p->parent.empty()) {
    p = find_unit(units, p->parent);
    if (p == nullptr) break;
    out += (v.english() ? ", " : " ") + own_name(v, *p, true);
    if (p->kind == UnitKind::article) break;
  }
  return out;
}

mstch::map phase_view(const web::View& v, Phase ph, bool soon) {
  const std::string code(phase_code(ph));
  return mstch::map{{"code", code},
                    {"label", soon ? v.t("consultations.phase.closing_soon") : v.t("consultations.phase." + code)},
                    {"open", ph == Phase::open}};
}

mstch::map consultation_view(const web::View& v, const Consultation& c, const std::string& now) {
  const Phase ph = phase_of(c.moments(), now);
  const bool soon = closing_soon(c.moments(), now, std::chrono::hours(24) * notice_settings(v.ctx).closing_days);
  return mstch::map{{"id", std::to_string(c.id)},
                    {"url", "/consultations/" + std::to_string(c.id)},
                    {"title", c.title},
                    {"summary", c.summary},
                    {"agency", c.agency_name},
                    {"kind", v.t("consultations.kind." + c.kind)},
                    {"field", c.field},
                    {"has_field", !c.field.empty()},
                    {"legal_basis", c.legal_basis},
                    {"opens", v.time(c.opens_at)},
                    {"closes", v.time(c.closes_at)},
                    {"opens_iso", c.opens_at},
                    {"closes_iso", c.closes_at},
                    {"short_reason", c.short_reason},
                    {"phase", phase_view(v, ph, soon)},
                    {"is_open", ph == Phase::open},
                    {"is_draft", ph == Phase::draft},
                    {"reported", ph == Phase::reported},
                    {"report_note", c.report_note}};
}

std::string answer_kind_label(const web::View& v, const std::string& kind) {
  return v.t("consultations.answer_kind." + kind);
}

mstch::array body_view(const std::string& text) {
  mstch::array out;
  mstch::array rows;
  auto flush = [&] {
    if (rows.empty()) return;
    out.push_back(mstch::map{{"is_table", true}, {"rows", rows}});
    rows = mstch::array{};
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.size() >= 2 && line.front() == '|') {
      // draft.h: "| cell | cell |", a '|' inside a cell written "\\|".
      mstch::array cells;
      std::string cell;
      bool started = false;
      for (std::size_t i = 1; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
          cell += '|';
          ++i;
        } else if (line[i] == '|') {
          cells.push_back(mstch::map{{"text", std::string(trim(cell))}});
          cell.clear();
          started = true;
        } else {
          cell += line[i];
        }
      }
      if (!started || !trim(cell).empty()) cells.push_back(mstch::map{{"text", std::string(trim(cell))}});
      rows.push_back(mstch::map{{"cells", cells}});
    } else {
      flush();
      if (!line.empty()) out.push_back(mstch::map{{"is_table", false}, {"text", line}});
    }
    start = end + 1;
  }
  flush();
  return out;
}

mstch::map comment_view(const web::View& v, const Consultation& c, const Comment& cm, const std::vector<Unit>& units,
                        const std::map<std::int64_t, Answer>& answers, const std::vector<FileRef>& files,
                        const CommentFlags& flags) {
  const std::string id = std::to_string(cm.id), base = "/consultations/" + std::to_string(c.id);
  mstch::array file_list;
  if (!cm.hidden)
    for (const auto& f : files)
      file_list.push_back(mstch::map{
          {"url", base + "/comments/" + id + "/files/" + std::to_string(f.id)},
          {"name", f.name},
          {"size", std::to_string((f.size + 1023) / 1024)}});
  mstch::map out{{"id", id},
                 {"author", cm.organisation.empty() ? cm.author_name : cm.organisation},
                 {"representative", cm.organisation.empty() ? std::string()
                                                            : v.f("consultations.comment.represented_by",
                                                                  {{"name", cm.author_name}})},
                 {"is_organisation", !cm.organisation.empty()},
                 {"when", v.time(cm.created_at)},
                 {"when_iso", cm.created_at},
                 {"unit", unit_name(v, units, cm.anchor)},
                 {"hidden", cm.hidden},
                 {"hidden_label", cm.hidden ? v.f("consultations.comment.hidden", {{"reason", cm.hidden_reason}})
                                            : std::string()},
                 {"body", body_view(cm.hidden ? std::string() : cm.body)},
                 {"files", file_list},
                 {"agrees", std::to_string(cm.agrees)},
                 {"agrees_label", v.f("consultations.comment.agrees", {{"n", std::to_string(cm.agrees)}})},
                 {"agreed", flags.agreed},
                 {"can_agree", flags.can_agree && !cm.hidden && !flags.agreed},
                 {"can_moderate", flags.can_moderate && !cm.hidden},
                 {"can_reply", flags.can_reply && !cm.hidden && cm.parent_id == 0},
                 {"is_reply", cm.parent_id != 0},
                 {"action_base", base + "/comments/" + id}};
  auto a = answers.find(cm.answer_id);
  if (cm.answer_id != 0 && a != answers.end()) {
    out["answer"] = mstch::map{{"kind", answer_kind_label(v, a->second.kind)},
                               {"kind_code", a->second.kind},
                               {"body", body_view(a->second.body)},
                               {"changed", a->second.changed_anchor.empty()
                                               ? std::string()
                                               : v.f("consultations.answer.changed",
                                                     {{"unit", unit_name(v, units, a->second.changed_anchor)}})}};
  }
  return out;
}

}  // namespace tinhso::consultations
