// The public city-reports page (issue 6 §7): GET /city-reports lists the reports that became
// cases, newest first, with their service, status, place, agency and expected date; filters by
// service and status; pages of kPageSize; each report links to its own page (report_page.cpp)
// and the page starts the "Gửi phản ánh" form (form.cpp). It works without JavaScript; with
// JavaScript (static/js/city-map.js on the vendored Leaflet) a map of the listed reports is drawn
// above the list from the items' coordinates, each marker's popup linking to the report. Nothing personal is shown: no names, e-mails, phones or device ids, and contact
// data typed into a description is masked (redact.h).
#include "core/auth/clock.h"
#include "core/http/form.h"
#include "core/text/format.h"
#include "core/util/strings.h"
#include "core/web/routes.h"
#include "core/web/paging.h"
#include "core/web/view.h"
#include "modules/open311/format.h"
#include "modules/open311/handlers.h"
#include "modules/open311/map_view.h"
#include "modules/open311/redact.h"
#include "modules/open311/store.h"
#include "modules/open311/view.h"

namespace tinhso::open311 {

namespace {

using http::Request;
using http::Response;

constexpr int kPageSize = 20;
constexpr std::size_t kShownDescription = 400;  // bytes of a description in the list

std::string shorten(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n) + "…";
}

Response list(app::Context& ctx, const Request& req) {
  const auto& cat = ctx.pages.catalog();
  bool en = req.lang == "en";
  const web::View view{ctx, req};
  std::string service(trim(req.query_params.get_or("service", "")));
  std::string status(trim(req.query_params.get_or("status", "")));
  web::Paging paging = web::paging(req, kPageSize);
  RequestSearch search;
  auto parsed_status = parse_status(status);
  if (parsed_status) search.states = states_of(*parsed_status);
  search.limit = paging.limit_probe();
  search.offset = static_cast<int>(paging.offset());
  auto [rows, services] = ctx.db.with_session([&](soci::session& s) {
    auto all = list_services(s, false);
    bool known = std::any_of(all.begin(), all.end(), [&](const ServiceRecord& r) { return r.code == service; });
    if (known) search.service_codes = {service};
    return std::make_pair(search_requests(s, search), all);
  });
  bool has_next = static_cast<int>(rows.size()) > kPageSize;
  if (has_next) rows.pop_back();
  mstch::array items;
  for (const auto& r : rows) {
    bool closed = status_of_state(r.state) == Status::closed;
    std::string place = !r.address.empty() ? redact_contacts(r.address)
                        : (r.lat && r.lon) ? format_number(*r.lat) + ", " + format_number(*r.lon)
                                           : std::string();
    mstch::map item{{"code", r.code},
                     {"url", "/city-reports/" + r.code},
                     {"service", en ? r.service_name_en : r.service_name_vi},
                     {"closed", closed},
                     {"status", cat.get(req.lang, closed ? "open311.public.closed" : "open311.public.open")},
                     {"state", cat.get(req.lang, "petitions.state." + r.state)},
                     {"received", text::format_datetime(auth::parse_iso_utc(r.requested_at), req.lang)},
                     {"place", place},
                     {"agency", r.agency_name},
                     {"description", shorten(redact_contacts(r.description), kShownDescription)},
                     {"expected", closed ? std::string() : view.date(r.resolve_due)},
                     {"has_position", r.lat && r.lon}};
    if (r.lat && r.lon) {
      item["lat"] = format_number(*r.lat);
      item["lon"] = format_number(*r.lon);
    }
    items.push_back(std::move(item));
  }
  mstch::array service_options;
  for (const auto& s : services)
    service_options.push_back(
        mstch::map{{"value", s.code}, {"label", en ? s.name_en : s.name_vi}, {"selected", s.code == service}});
  mstch::array status_options;
  for (std::string_view st : {"open", "closed"})
    status_options.push_back(mstch::map{{"value", std::string(st)},
                                        {"label", cat.get(req.lang, "open311.public." + std::string(st))},
                                        {"selected", parsed_status && status_name(*parsed_status) == st}});
  mstch::map c{{"title", cat.get(req.lang, "open311.public.title")},
               {"items", items},
               {"empty", items.empty()},
               {"services", service_options},
               {"statuses", status_options},
               {"api_url", std::string("/open311/v2/discovery.json")},
               {"has_pages", has_next || paging.page > 1}};
  c.merge(web::pager(req, "/city-reports", paging, has_next));
  add_map(c, ctx, req);
  return ctx.pages.render(req, "open311_city_reports", std::move(c));
}

}  // namespace

void add_public_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/city-reports", list);
  ctx.pages.enable_feature("city_reports");
}

}  // namespace tinhso::open311
