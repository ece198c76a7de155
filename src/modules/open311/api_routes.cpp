// The Open311 GeoReport v2 API at /open311/v2/ (issue 6 §6; ../shared/domain/OPEN311.md):
//   GET  discovery.(xml|json)            GET  services.(xml|json)       GET services/{code}.(fmt)
//   POST requests.(fmt)                  GET  tokens/{token}.(fmt)
//   GET  requests.(fmt)                  GET  requests/{id}.(fmt)
//   GET  servicerequestupdates.(fmt)     POST servicerequestupdates.(fmt)   (FixMyStreet)
// Reading needs no key; posting needs an API key an administrator issued (403 otherwise).
// Every error is the spec's error list in the asked format: 404 unknown resource, service,
// request, token or jurisdiction; 403 missing or bad api_key; 400 anything else (the first
// error decides the status); and, beyond the spec, 429 with Retry-After when a key makes more
// POSTs in a minute than --open311-posts-per-minute (counted in the database: all nodes share it). Names and texts follow the request's language (Vietnamese unless
// the client asks for English). A report becomes a petition at once (service type realtime) or
// through the intake job (batch: the answer is a token).
//
// Extensions: GET requests takes `page_size` (1..1000, default 1000) and `page` (from 1), as
// FixMyStreet's and SeeClickFix's servers do; the spec's 1000-result cap stays.
#include <charconv>
#include <variant>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "core/auth/clock.h"
#include "core/http/compress.h"
#include "core/http/errors.h"
#include "core/util/strings.h"
#include "modules/audit/api.h"
#include "modules/open311/answer_cache.h"
#include "modules/open311/format.h"
#include "modules/open311/handlers.h"
#include "modules/open311/intake.h"
#include "modules/open311/query.h"
#include "modules/open311/redact.h"
#include "modules/open311/request_form.h"
#include "modules/open311/store.h"
#include "modules/open311/view.h"
#include "modules/petitions/api.h"
#include "modules/mail/api.h"
#include "modules/open311/api.h"

namespace tinhso::open311 {

namespace {

using http::Request;
using http::Response;

constexpr std::string_view kBase = "/open311/v2";

struct Api {
  app::Context& ctx;
  std::string jurisdiction;  // the host of the public URL, e.g. "dichvucong.phutho.gov.vn"
  AnswerCache answers;       // rendered GET requests lists (answer_cache.h)

  Api(app::Context& c, std::string j) : ctx(c), jurisdiction(std::move(j)) {}

  const std::string& t(const Request& req, std::string_view id) const { return ctx.pages.catalog().get(req.lang, id); }
};

std::string host_of(const std::string& url) {
  std::size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  std::size_t end = url.find_first_of(":/", start);
  return to_lower_ascii(url.substr(start, end == std::string::npos ? std::string::npos : end - start));
}

bool english(const Request& req) { return req.lang == "en"; }

Response answer(std::string body, Format f, int status = 200) {
  Response r = Response::text(std::move(body), content_type(f), status);
  r.headers.set("Cache-Control", "no-cache");
  r.headers.set("Vary", "Accept-Language");
  return r;
}

constexpr std::size_t kGzipFrom = 2048;  // bytes: smaller answers go as they are

// A list answer, compressed when the client takes gzip and a compressed form exists.
Response cached_answer(const CachedAnswer& a, Format f, bool gzip_ok) {
  Response r = answer("", f);
  r.shared_body = gzip_ok && a.gzip ? a.gzip : a.body;
  if (a.gzip) {
    r.headers.set("Vary", "Accept-Language, Accept-Encoding");
    if (gzip_ok) r.headers.set("Content-Encoding", "gzip");
  }
  return r;
}

Response fail(std::vector<Error> errors, Format f) {
  int status = http_status(errors);
  Response r = answer(render_errors(errors, f), f, status);
  r.headers.set("Cache-Control", "no-store");
  return r;
}

Response fail(int code, std::string description, Format f) { return fail({Error{code, std::move(description)}}, f); }

// Every handler's frame: an http::Error (e.g. a single-valued parameter sent twice with different
// values) answers the spec's error list with its status and the catalog's text; an unexpected
// failure answers 500 with the request id only (the text goes to the log).
template <class F>
Response guarded(const Api& api, const Request& req, Format f, F&& body) {
  try {
    return body();
  } catch (const http::Error& e) {
    std::string kind(http::name_of(e.kind()));
    if (e.kind() == http::ErrorKind::internal) spdlog::error("request {}: open311 {}: {}", req.request_id, req.path, e.what());
    return fail(http::status_of(e.kind()), kind + ": " + api.t(req, e.message_id().empty() ? "error." + kind + ".detail" : e.message_id()), f);
  } catch (const std::exception& e) {
    spdlog::error("request {}: open311 {}: {}", req.request_id, req.path, e.what());
    return fail(500, "internal error; request id " + req.request_id, f);
  }
}

// The jurisdiction check (OPEN311.md: "404 unknown jurisdiction"): absent or empty is fine.
std::optional<Response> wrong_jurisdiction(const Api& api, std::string_view given, Format f) {
  std::string v(trim(given));
  if (v.empty() || to_lower_ascii(v) == api.jurisdiction) return std::nullopt;
  return fail(404, "jurisdiction_id: unknown jurisdiction", f);
}

// The issued, unrevoked key of a POST, or its 403 (OPEN311.md: "403 missing or bad api_key").
// Blank values count as absent, as the form parser counts them (request_form.h); a key given
// more than once is refused, whatever the copies hold.
std::variant<ApiKey, Response> posting_key(const Api& api, const Request& req, Format f) {
  std::vector<std::string_view> given;
  for (std::string_view v : req.form.all("api_key"))
    if (!trim(v).empty()) given.push_back(trim(v));
  if (given.empty()) return fail(403, "api_key: required", f);
  if (given.size() > 1) return fail(403, "api_key: given more than once", f);
  auto found = api.ctx.db.with_session([&](soci::session& s) { return find_api_key_by_hash(s, api_key_hash(given.front())); });
  if (!found || !found->active()) return fail(403, "api_key: unknown or revoked key", f);
  return *found;
}

// Counts this POST against its key's minute (store.h count_post, shared by every node): true when
// the key is over --open311-posts-per-minute.
bool over_rate(const Api& api, soci::session& s, std::int64_t key_id) {
  std::string minute = auth::iso_utc(api.ctx.clock.now()).substr(0, 16);
  return count_post(s, key_id, minute) > settings(api.ctx).posts_per_minute;
}

// 429 with the spec's error list and Retry-After: the start of the next minute.
Response too_many(const Api& api, Format f) {
  Response r = fail(429,
                    "api_key: more than " + std::to_string(settings(api.ctx).posts_per_minute) +
                        " POSTs this minute; retry after the Retry-After seconds",
                    f);
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(api.ctx.clock.now().time_since_epoch()).count();
  r.headers.set("Retry-After", std::to_string(60 - secs % 60));
  return r;
}

std::optional<std::int64_t> small_int(std::string_view s, std::int64_t lo, std::int64_t hi) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) return std::nullopt;
  return v;
}

ServiceRequest wire_request(const Api& api, const Request& req, const RequestRow& r) {
  ServiceRequest w;
  w.service_request_id = r.code;
  w.status = status_of_state(r.state);
  w.status_notes = api.t(req, "petitions.state." + r.state);
  if (!r.status_note.empty()) w.status_notes += ": " + redact_contacts(r.status_note);
  w.service_name = english(req) ? r.service_name_en : r.service_name_vi;
  w.service_code = r.service_code;
  w.description = redact_contacts(r.description);
  w.agency_responsible = r.agency_name;
  w.requested_datetime = datetime_of_iso(r.requested_at);
  w.updated_datetime = datetime_of_iso(r.updated_at);
  if (w.status == Status::open) w.expected_datetime = expected_of_due(r.resolve_due);
  w.address = redact_contacts(r.address);
  w.address_id = r.address_id;
  w.lat = r.lat;
  w.lon = r.lon;
  w.media_url = r.media_url;
  return w;
}

Service wire_service(const Request& req, const ServiceRecord& s) {
  bool en = english(req);
  return Service{s.code, en ? s.name_en : s.name_vi, en ? s.description_en : s.description_vi, s.has_attributes,
                 s.type, s.keywords, en ? s.group_en : s.group_vi};
}

ServiceDefinition wire_definition(const Request& req, const std::string& code, const std::vector<AttributeRecord>& attrs) {
  bool en = english(req);
  ServiceDefinition d{code, {}};
  int order = 0;
  for (const auto& a : attrs) {
    Attribute w;
    w.variable = a.variable;
    w.code = a.code;
    w.datatype = a.datatype;
    w.required = a.required;
    w.datatype_description = en ? a.datatype_description_en : a.datatype_description_vi;
    w.order = ++order;
    w.description = en ? a.description_en : a.description_vi;
    for (const auto& v : a.values) w.values.push_back({v.key, en ? v.name_en : v.name_vi});
    d.attributes.push_back(std::move(w));
  }
  return d;
}

// ---- resources ----

Response discovery(const Api& api, const Request& req, Format f) {
  auto services = api.ctx.db.with_session([](soci::session& s) { return list_services(s, false); });
  std::string latest = "2025-07-01T00:00:00Z";  // the province's establishment (Resolution 202/2025/QH15)
  for (const auto& s : services) latest = std::max(latest, s.updated_at);
  Discovery d;
  d.changeset = datetime_of_iso(latest);
  d.contact = api.ctx.pages.catalog().format(req.lang, "open311.discovery.contact", {{"email", mail::settings(api.ctx).mail_from}});
  d.key_service = api.ctx.pages.catalog().format(req.lang, "open311.discovery.key_service", {{"email", mail::settings(api.ctx).mail_from}});
  Endpoint e;
  e.url = api.ctx.settings.public_url + std::string(kBase);
  e.changeset = d.changeset;
  d.endpoints.push_back(e);
  return answer(render_discovery(d, f), f);
}

Response services(const Api& api, const Request& req, Format f) {
  if (auto bad = wrong_jurisdiction(api, req.query_params.get_or("jurisdiction_id", ""), f)) return *bad;
  auto rows = api.ctx.db.with_session([](soci::session& s) { return list_services(s, true); });
  std::vector<Service> out;
  for (const auto& r : rows) out.push_back(wire_service(req, r));
  return answer(render_services(out, f), f);
}

Response service_definition(const Api& api, const Request& req, const std::string& code, Format f) {
  if (auto bad = wrong_jurisdiction(api, req.query_params.get_or("jurisdiction_id", ""), f)) return *bad;
  auto found = api.ctx.db.with_session([&](soci::session& s) -> std::optional<std::vector<AttributeRecord>> {
    auto service = find_service(s, code);
    if (!service || !service->active) return std::nullopt;
    return service_attributes(s, service->id);
  });
  if (!found) return fail(404, "service_code: unknown service", f);
  return answer(render_service_definition(wire_definition(req, code, *found), f), f);
}

Response post_request(const Api& api, Request& req, Format f) {
  const audit::Recorder rec = audit::for_request(api.ctx, req);
  auto checked = posting_key(api, req, f);
  if (auto* refused = std::get_if<Response>(&checked)) return *refused;
  const ApiKey& key = std::get<ApiKey>(checked);
  std::optional<ServiceRecord> service;
  ServiceLookup lookup = [&](std::string_view code) -> std::optional<ServiceDefinition> {
    return api.ctx.db.with_session([&](soci::session& s) -> std::optional<ServiceDefinition> {
      service = find_service(s, std::string(code));
      if (!service || !service->active) return std::nullopt;
      return wire_definition(req, service->code, service_attributes(s, service->id));
    });
  };
  auto parsed = parse_new_request(req.form, lookup);
  if (!parsed.value) return fail(parsed.errors, f);
  if (!service || !service->active) return fail(404, "service_code: unknown service", f);
  const NewRequest& n = *parsed.value;
  if (auto bad = wrong_jurisdiction(api, n.jurisdiction_id, f)) return *bad;

  RequestCreated created;
  created.account_id = n.account_id;
  bool limited = false;
  api.ctx.db.transaction([&](soci::session& s) {
    if (over_rate(api, s, key.id)) {
      limited = true;  // the count is kept (committed); nothing else is written
      return;
    }
    Filed filed = file_report(s, api.ctx, rec, *service, n, key.id, auth::iso_utc(api.ctx.clock.now()));
    if (!filed.petition) {
      created.token = filed.token;
      return;
    }
    created.service_request_id = filed.petition->code;
    if (auto due = expected_of_due(filed.petition->resolve_due))
      created.service_notice = api.ctx.pages.catalog().format(
          req.lang, "open311.notice.expected", {{"date", format_datetime(*due).substr(0, 10)}});
  });
  if (limited) return too_many(api, f);
  return answer(render_request_created(created, f), f, 201);
}

Response token(const Api& api, const Request& req, const std::string& token, Format f) {
  if (auto bad = wrong_jurisdiction(api, req.query_params.get_or("jurisdiction_id", ""), f)) return *bad;
  auto found = api.ctx.db.with_session([&](soci::session& s) -> std::optional<TokenStatus> {
    auto r = find_report_by_token(s, token);
    if (!r) return std::nullopt;
    return TokenStatus{r->petition_id ? petition_code(s, r->petition_id) : std::string(), token};
  });
  if (!found) return fail(404, "token: unknown token", f);
  std::vector<TokenStatus> one{*found};
  return answer(render_tokens(one, f), f);
}

Response requests(Api& api, const Request& req, Format f) {
  // A cached answer of the same query, language and format, if nothing changed since (one
  // statement instead of a search and a rendering of up to 1000 requests).
  std::string key = req.lang + "|" + req.path + "?" + req.query;
  auto version = api.ctx.db.with_session([](soci::session& s) { return answer_version(s); });
  auto now = AnswerCache::Clock::now();
  bool gz = http::accepts_gzip(req.headers.get_or("Accept-Encoding", ""));
  if (auto hit = api.answers.get(key, version, now)) return cached_answer(*hit, f, gz);
  auto parsed = parse_request_query(req.query_params);
  if (!parsed.value) return fail(parsed.errors, f);
  const RequestQuery& q = *parsed.value;
  if (auto bad = wrong_jurisdiction(api, q.jurisdiction_id, f)) return *bad;
  RequestSearch search;
  search.limit = static_cast<int>(kMaxResults);
  if (std::string_view v = trim(req.query_params.get_or("page_size", "")); !v.empty()) {
    auto n = small_int(v, 1, static_cast<std::int64_t>(kMaxResults));
    if (!n) return fail(400, "page_size: must be a whole number from 1 to 1000", f);
    search.limit = static_cast<int>(*n);
  }
  if (std::string_view v = trim(req.query_params.get_or("page", "")); !v.empty()) {
    auto n = small_int(v, 1, 100000);
    if (!n) return fail(400, "page: must be a whole number from 1", f);
    search.offset = static_cast<int>((*n - 1) * search.limit);
  }
  if (!q.service_request_ids.empty()) {
    search.codes = q.service_request_ids;
  } else {
    search.service_codes = q.service_codes;
    Window w = request_window(q, DateTime{std::chrono::duration_cast<std::chrono::seconds>(
                                              api.ctx.clock.now().time_since_epoch()).count(), kVietnamOffsetMinutes});
    search.from = auth::iso_utc(std::chrono::system_clock::time_point(std::chrono::seconds(w.start.epoch_seconds)));
    search.to = auth::iso_utc(std::chrono::system_clock::time_point(std::chrono::seconds(w.end.epoch_seconds)));
    if (q.statuses.size() == 1) search.states = states_of(q.statuses.front());
  }
  auto rows = api.ctx.db.with_session([&](soci::session& s) { return search_requests(s, search); });
  std::vector<ServiceRequest> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(wire_request(api, req, r));
  CachedAnswer made{std::make_shared<const std::string>(render_requests(out, f)), nullptr};
  // Large lists go compressed to clients that take gzip (a 1000-request answer shrinks ~10×);
  // level 6: the compression is paid once per version, not per request.
  if (made.body->size() >= kGzipFrom) {
    std::string gzipped = http::gzip(*made.body, 6);
    if (gzipped.size() < made.body->size()) made.gzip = std::make_shared<const std::string>(std::move(gzipped));
  }
  Response r = cached_answer(made, f, gz);
  api.answers.put(key, version, now, std::move(made));
  return r;
}

Response one_request(const Api& api, const Request& req, const std::string& id, Format f) {
  if (auto bad = wrong_jurisdiction(api, req.query_params.get_or("jurisdiction_id", ""), f)) return *bad;
  RequestSearch search;
  search.codes = {id};
  search.limit = 1;
  auto rows = api.ctx.db.with_session([&](soci::session& s) { return search_requests(s, search); });
  if (rows.empty()) return fail(404, "service_request_id: unknown request", f);
  std::vector<ServiceRequest> out{wire_request(api, req, rows.front())};
  return answer(render_requests(out, f), f);
}

Response updates(const Api& api, const Request& req, Format f) {
  auto parsed = parse_update_query(req.query_params);
  if (!parsed.value) return fail(parsed.errors, f);
  const UpdateQuery& q = *parsed.value;
  if (auto bad = wrong_jurisdiction(api, q.jurisdiction_id, f)) return *bad;
  auto iso = [](const DateTime& t) {
    return auth::iso_utc(std::chrono::system_clock::time_point(std::chrono::seconds(t.epoch_seconds)));
  };
  // Without a start: the last 90 days, as GET requests' default window.
  std::string from = q.start_date ? iso(*q.start_date)
                                  : auth::iso_utc(api.ctx.clock.now() - std::chrono::seconds(kDefaultWindowSeconds));
  std::string to = q.end_date ? iso(*q.end_date) : std::string();
  auto rows = api.ctx.db.with_session(
      [&](soci::session& s) { return list_updates(s, from, to, static_cast<int>(kMaxResults)); });
  std::vector<RequestUpdate> out;
  for (const auto& u : rows) {
    if (u.action == "comment") continue;  // the clients' own updates are not echoed back
    RequestUpdate w;
    w.update_id = std::to_string(u.event_id);
    w.service_request_id = u.code;
    w.status = update_status_of_state(u.to_state);
    w.updated_datetime = datetime_of_iso(u.at);
    w.description = api.t(req, "petitions.action." + u.action);
    if (u.action == "refuse" || u.action == "forward" || u.action == "decide")
      w.description += ": " + redact_contacts(u.note);
    out.push_back(std::move(w));
  }
  return answer(render_request_updates(out, f), f);
}

Response post_update(const Api& api, Request& req, Format f) {
  const audit::Recorder rec = audit::for_request(api.ctx, req);
  auto checked = posting_key(api, req, f);
  if (auto* refused = std::get_if<Response>(&checked)) return *refused;
  const ApiKey& key = std::get<ApiKey>(checked);
  auto parsed = parse_new_update(req.form);
  if (!parsed.value) return fail(parsed.errors, f);
  const NewUpdate& u = *parsed.value;
  if (auto bad = wrong_jurisdiction(api, u.jurisdiction_id, f)) return *bad;
  std::string now = auth::iso_utc(api.ctx.clock.now());
  bool limited = false, foreign = false;
  auto id = api.ctx.db.transaction([&](soci::session& s) -> std::optional<std::int64_t> {
    if (over_rate(api, s, key.id)) {
      limited = true;
      return std::nullopt;
    }
    auto report = find_report_by_code(s, u.service_request_id);
    if (!report) return std::nullopt;
    // Only the client that filed the request speaks for its reporter.
    if (report->api_key_id != key.id) {
      foreign = true;
      return std::nullopt;
    }
    ClientUpdate c{report->id, key.id, u.update_id, std::string(update_status_name(u.status)), u.description,
                   u.media_url, u.updated_datetime ? format_datetime(*u.updated_datetime) : now, now};
    std::int64_t new_id = insert_client_update(s, c);
    std::string note = u.description + (u.media_url.empty() ? "" : "\n" + u.media_url);
    petitions::record_comment(s, report->petition_id, now, "open311", note);
    rec(s, {"open311.update", "open311_update", std::to_string(new_id), "",
            u.service_request_id + " " + c.status + " key " + std::to_string(key.id)});
    return new_id;
  });
  if (limited) return too_many(api, f);
  if (foreign) return fail(403, "api_key: this key did not file the request", f);
  if (!id) return fail(404, "service_request_id: unknown request", f);
  return answer(render_update_created(std::to_string(*id), f), f, 201);
}

// A format-suffixed path segment ("requests.json", "ROAD.xml"), or the 404 answer (in XML).
std::variant<Resource, Response> resource_of(std::string_view segment) {
  auto r = split_format(segment);
  if (!r.value) return fail(r.errors, Format::xml);
  return *r.value;
}

}  // namespace

void add_api_routes(http::Router& router, app::Context& ctx) {
  auto api = std::make_shared<Api>(ctx, host_of(ctx.settings.public_url));
  // One segment below the base: discovery, services, requests, servicerequestupdates.
  router.add("GET", std::string(kBase) + "/{resource}", [api](Request& req) -> Response {
    auto r = resource_of(req.param("resource"));
    if (auto* resp = std::get_if<Response>(&r)) return *resp;
    const Resource& res = std::get<Resource>(r);
    return guarded(*api, req, res.format, [&] {
      if (res.path == "discovery") return discovery(*api, req, res.format);
      if (res.path == "services") return services(*api, req, res.format);
      if (res.path == "requests") return requests(*api, req, res.format);
      if (res.path == "servicerequestupdates") return updates(*api, req, res.format);
      return fail(404, "resource: unknown resource", res.format);
    });
  });
  router.add(
      "POST", std::string(kBase) + "/{resource}",
      [api](Request& req) -> Response {
        auto r = resource_of(req.param("resource"));
        if (auto* resp = std::get_if<Response>(&r)) return *resp;
        const Resource& res = std::get<Resource>(r);
        return guarded(*api, req, res.format, [&] {
          if (res.path == "requests") return post_request(*api, req, res.format);
          if (res.path == "servicerequestupdates") return post_update(*api, req, res.format);
          return fail(404, "resource: unknown resource", res.format);
        });
      },
      // Authenticated by the api_key in the request, never by the session cookie: a forged
      // cross-site POST carries no key, so there is nothing for a CSRF token to protect.
      http::RouteOptions{.body_limit = 64u << 10, .csrf = false});
  // Two segments: services/{code}, requests/{id}, tokens/{token}.
  for (std::string_view kind : {"services", "requests", "tokens"}) {
    router.add("GET", std::string(kBase) + "/" + std::string(kind) + "/{id}", [api, kind](Request& req) -> Response {
      auto r = resource_of(req.param("id"));
      if (auto* resp = std::get_if<Response>(&r)) return *resp;
      const Resource& res = std::get<Resource>(r);
      return guarded(*api, req, res.format, [&] {
        if (kind == "services") return service_definition(*api, req, res.path, res.format);
        if (kind == "requests") return one_request(*api, req, res.path, res.format);
        return token(*api, req, res.path, res.format);
      });
    });
  }
}

}  // namespace tinhso::open311
