#pragma once
// The consultations module's pages (issue 18 §1–§8): shared pieces of pages_public.cpp (what
// anyone reads, and what signed-in citizens and organisations post), pages_manage.cpp (the
// drafting agency's officers) and api_routes.cpp (the JSON API). Every citizen page works
// without JavaScript: plain links and forms, <details> for the optional reply form.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <mstch/mstch.hpp>

#include "core/app/module.h"
#include "core/http/request.h"
#include "core/http/response.h"
#include "core/http/router.h"
#include "core/web/pages.h"
#include "core/web/view.h"
#include "modules/consultations/consultation.h"
#include "modules/consultations/draft.h"
#include "modules/consultations/store.h"

namespace tinhso::consultations {

void add_public_routes(http::Router& router, app::Context& ctx);
void add_manage_routes(http::Router& router, app::Context& ctx);
void add_api_routes(http::Router& router, app::Context& ctx);
// The summary report (PDF, XLSX) and the versions' difference (pages_report.cpp).
void add_report_routes(http::Router& router, app::Context& ctx);
std::vector<web::NavEntry> nav();

// "now" as stored moments are (ISO UTC) at ctx.clock.
std::string now_text(const app::Context& ctx);

// The consultation `id` as `p` may see it (permissions.h may_view), else 404 — the same answer
// for one that does not exist and a draft of another agency.
Consultation visible_consultation(soci::session& s, const auth::Principal* p, std::int64_t id);
// The same for a manager of its agency (403 for one who may see but not manage it).
Consultation managed_consultation(soci::session& s, const auth::Principal& p, std::int64_t id);

// A unit's name in the reader's language: "Điều 5", "Khoản 1 Điều 5", "Điểm a khoản 1 Điều 5",
// "Chương I", the preamble's name; the whole draft for anchor "" or one not in `units`.
std::string unit_name(const web::View& v, const std::vector<Unit>& units, const std::string& anchor);

// The phase's label and CSS class.
mstch::map phase_view(const web::View& v, Phase ph, bool closing_soon);
// The consultation's common fields for templates (title, agency, kind, dates, phase, links).
mstch::map consultation_view(const web::View& v, const Consultation& c, const std::string& now);

// A comment for a template: its author (organisation and representative), time, text — or only
// "hidden: reason" —, files, agrees, answer; `agreed_by_me`, `can_agree`, `can_moderate`,
// `can_reply` switch its forms.
struct CommentFlags {
  bool agreed = false, can_agree = false, can_moderate = false, can_reply = false;
};
mstch::map comment_view(const web::View& v, const Consultation& c, const Comment& cm, const std::vector<Unit>& units,
                        const std::map<std::int64_t, Answer>& answers, const std::vector<FileRef>& files,
                        const CommentFlags& flags);

// The answer kinds' labels: "Tiếp thu", "Tiếp thu một phần", "Giải trình".
std::string answer_kind_label(const web::View& v, const std::string& kind);

// The text of a unit for reading: its body's lines, table rows ("| a | b |") as tables.
mstch::array body_view(const std::string& text);

}  // namespace tinhso::consultations
