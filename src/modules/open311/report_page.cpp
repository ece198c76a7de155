// The public pages of one city report (issue 14 §7), for anyone: GeoReport v2 requests are public.
//   GET /city-reports/{code}              the request: service, status, place, agency, expected
//                                         date, description, photo and its public history (the
//                                         petition's events as GET servicerequestupdates shows them)
//   GET /city-reports/tokens/{token}      a queued report (a batch service): waiting, or, once it
//                                         became a request, its code and a link to its page
//   GET /city-reports/photos/{name}       a photo sent with the form (the report's media_url)
//   GET /city-reports/boundaries.geojson  the operator's boundaries file (--open311-boundaries-file)
// Nothing personal is shown: no name, e-mail, phone or device id of the reporter, and contact data
// typed into a text is masked (redact.h), as on the list and in the API.
#include <nlohmann/json.hpp>

#include "core/auth/clock.h"
#include "core/fs/files.h"
#include "core/http/errors.h"
#include "core/web/routes.h"
#include "core/web/view.h"
#include "modules/open311/api.h"
#include "modules/open311/fields.h"
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
using web::View;

constexpr int kMaxEvents = 200;
constexpr std::size_t kMaxBoundariesBytes = 32u << 20;

// The design system's tag of a petition state (tag-new, tag-waiting, tag-done, tag-refused).
std::string tag_of(const std::string& state) {
  if (state == "received") return "tag-new";
  if (state == "refused" || state == "forwarded") return "tag-refused";
  if (status_of_state(state) == Status::closed) return "tag-done";
  return "tag-waiting";
}

Response show(app::Context& ctx, const Request& req) {
  View v{ctx, req};
  std::string code(req.param("code"));
  if (code.empty() || code.size() > kMaxId) throw http::Error(http::ErrorKind::not_found, "no such city report");
  RequestSearch search;
  search.codes = {code};
  search.limit = 1;
  auto [rows, events] = ctx.db.with_session([&](soci::session& s) {
    auto found = search_requests(s, search);
    return std::make_pair(found, found.empty() ? std::vector<UpdateRow>{} : updates_of_request(s, code, kMaxEvents));
  });
  if (rows.empty()) throw http::Error(http::ErrorKind::not_found, "no such city report");
  const RequestRow& r = rows.front();
  const bool closed = status_of_state(r.state) == Status::closed;
  mstch::array history;
  for (const auto& e : events) {
    if (e.action == "comment") continue;  // a client's update: the reporter's words, not shown
    std::string note;
    if (e.action == "refuse" || e.action == "forward" || e.action == "decide") note = redact_contacts(e.note);
    history.push_back(mstch::map{{"at", v.time(e.at)},
                                 {"at_iso", e.at},
                                 {"action", v.t("petitions.action." + e.action)},
                                 {"state", v.t("petitions.state." + e.to_state)},
                                 {"note", note}});
  }
  std::string place = redact_contacts(r.address);
  mstch::map c{{"title", v.english() ? r.service_name_en : r.service_name_vi},
               {"code", r.code},
               {"status", v.t(closed ? "open311.public.closed" : "open311.public.open")},
               {"state", v.t("petitions.state." + r.state)},
               {"tag", tag_of(r.state)},
               {"received", v.time(r.requested_at)},
               {"received_iso", r.requested_at},
               {"updated", v.time(r.updated_at)},
               {"updated_iso", r.updated_at},
               {"expected", closed ? std::string() : v.date(r.resolve_due)},
               {"expected_iso", r.resolve_due},
               {"agency", r.agency_name},
               {"place", place},
               {"description", redact_contacts(r.description)},
               {"outcome", closed ? redact_contacts(r.status_note) : std::string()},
               {"history", history},
               {"has_history", !history.empty()},
               {"api_url", "/open311/v2/requests/" + r.code + ".json"}};
  if (r.lat && r.lon) {
    c["lat"] = format_number(*r.lat);
    c["lon"] = format_number(*r.lon);
    c["has_position"] = true;
  }
  // A photo is shown here only when it is this site's own (sent with the form); an app's
  // media_url is linked, never embedded (the CSP allows images from 'self' only).
  const std::string own = ctx.settings.public_url + "/city-reports/photos/";
  if (r.media_url.starts_with(own)) {
    c["photo_url"] = r.media_url.substr(ctx.settings.public_url.size());
  } else if (!r.media_url.empty()) {
    c["media_url"] = r.media_url;
  }
  add_map(c, ctx, req);
  Response resp = ctx.pages.render(req, "open311_report_show", std::move(c));
  resp.headers.set("Cache-Control", "no-cache");
  return resp;
}

Response token_page(app::Context& ctx, const Request& req) {
  View v{ctx, req};
  std::string token(req.param("token"));
  if (token.empty() || token.size() > 64) throw http::Error(http::ErrorKind::not_found, "no such token");
  auto code = ctx.db.with_session([&](soci::session& s) -> std::optional<std::string> {
    auto r = find_report_by_token(s, token);
    if (!r) return std::nullopt;
    return r->petition_id ? petition_code(s, r->petition_id) : std::string();
  });
  if (!code) throw http::Error(http::ErrorKind::not_found, "no such token");
  mstch::map c{{"title", v.t(code->empty() ? "open311.token.title" : "open311.token.taken_title")},
               {"token", token},
               {"code", *code},
               {"taken", !code->empty()},
               {"url", "/city-reports/" + *code}};
  Response resp = ctx.pages.render(req, "open311_report_token", std::move(c));
  resp.headers.set("Cache-Control", "no-cache");
  return resp;
}

Response photo(app::Context& ctx, const Request& req) {
  std::string name(req.param("name"));
  if (name.empty() || name.size() > 64) throw http::Error(http::ErrorKind::not_found, "no such photo");
  auto found = ctx.db.with_session([&](soci::session& s) { return find_photo(s, name); });
  if (!found) throw http::Error(http::ErrorKind::not_found, "no such photo");
  Response r;
  r.body = std::move(found->bytes);
  r.headers.set("Content-Type", found->content_type);
  r.headers.set("Content-Disposition", "inline");
  // A photo never changes under its name.
  r.headers.set("Cache-Control", "public, max-age=31536000, immutable");
  r.headers.set("ETag", "\"" + found->sha256 + "\"");
  return r;
}

// The boundaries file, read and checked once at start: a GeoJSON object whose type is
// FeatureCollection or Feature. A file that is missing or is not that stops the start.
std::shared_ptr<const std::string> load_boundaries(const std::string& file) {
  if (file.empty()) return nullptr;
  std::string text;
  try {
    text = fs::RealFiles().read(file);
  } catch (const std::runtime_error&) {
    throw std::runtime_error("--open311-boundaries-file: cannot read " + file);
  }
  if (text.size() > kMaxBoundariesBytes) throw std::runtime_error("--open311-boundaries-file: larger than 32 MiB");
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("type") ||
      (j["type"] != "FeatureCollection" && j["type"] != "Feature"))
    throw std::runtime_error("--open311-boundaries-file: " + file + " is not a GeoJSON FeatureCollection or Feature");
  return std::make_shared<const std::string>(j.dump());
}

}  // namespace

void add_report_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/city-reports/{code}", show);
  on.add("GET", "/city-reports/tokens/{token}", token_page);
  on.add("GET", "/city-reports/photos/{name}", photo);
  auto boundaries = load_boundaries(settings(ctx).boundaries_file);
  if (!boundaries) return;
  router.add("GET", std::string(kBoundariesPath), [boundaries](http::Request&) {
    Response r = Response::text(*boundaries, "application/geo+json");
    r.headers.set("Cache-Control", "public, max-age=3600");
    return r;
  });
}

}  // namespace tinhso::open311
