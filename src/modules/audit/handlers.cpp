#include "modules/audit/handlers.h"

#include <charconv>

#include "core/http/errors.h"
#include "core/http/form.h"
#include "core/text/format.h"
#include "core/util/csv.h"
#include "core/web/fields.h"
#include "core/web/routes.h"
#include "modules/audit/permissions.h"
#include "modules/audit/queries.h"

namespace tinhso::audit {

namespace {

constexpr int kPageSize = 50;
constexpr int kEventPageSize = 100;
constexpr int kExportCap = 100'000;

http::Error bad_filter(std::string why) {
  return http::Error(http::ErrorKind::invalid_input, std::move(why), "audit.error.bad_filter");
}

// A filter of the query (web::query), at most 200 bytes.
std::string filter(const http::Request& req, std::string_view name) {
  std::string v = web::query(req, name);
  if (v.size() > 200) throw bad_filter("filter too long");
  return v;
}

// The keyset cursor "before" (a record id, web::query_id); 0 when absent.
std::int64_t before_of(const http::Request& req) { return web::query_id(req, "before").value_or(0); }

LogFilter log_filter(const http::Request& req) {
  LogFilter f;
  f.from = day_bound(filter(req, "from"), false);
  f.to = day_bound(filter(req, "to"), true);
  f.actor = filter(req, "actor");
  f.action = filter(req, "action");
  f.object_type = filter(req, "object_type");
  f.object_id = filter(req, "object_id");
  f.before = before_of(req);
  return f;
}

// The query string of the current filters (without `before`), for links.
std::string filter_query(const http::Request& req, std::initializer_list<std::string_view> names) {
  std::string q;
  for (auto name : names) {
    std::string v = filter(req, name);
    if (v.empty()) continue;
    q += (q.empty() ? "" : "&") + std::string(name) + "=" + http::percent_encode(v);
  }
  return q;
}

std::string shown_time(const std::string& iso, const std::string& lang) {
  try {
    return text::format_datetime(auth::parse_iso_utc(iso), lang);
  } catch (const std::exception&) {
    return iso;
  }
}

mstch::map filters_context(const http::Request& req, std::initializer_list<std::string_view> names) {
  mstch::map m;
  for (auto name : names) m[std::string(name)] = filter(req, name);
  return m;
}

const std::initializer_list<std::string_view> kLogFilters = {"from", "to", "actor", "action", "object_type",
                                                             "object_id"};
const std::initializer_list<std::string_view> kEventFilters = {"from", "to", "kind", "address"};

http::Response log_page(app::Context& ctx, const http::Request& req) {
  require_log_reader(req);
  LogFilter f = log_filter(req);
  mstch::array rows;
  std::int64_t last = 0;
  int fetched = 0;
  ctx.db.with_session([&](soci::session& s) {
    each_record(s, f, kPageSize + 1, [&](const LogRecord& r) {
      if (++fetched > kPageSize) return;
      last = r.seq;
      rows.push_back(mstch::map{
          {"seq", std::to_string(r.seq)}, {"at", shown_time(r.at, req.lang)}, {"at_iso", r.at},
          {"actor", r.actor_name}, {"actor_id", r.actor_id ? std::to_string(*r.actor_id) : std::string()},
          {"role", r.role}, {"address", r.address}, {"action", r.action}, {"object_type", r.object_type},
          {"object_id", r.object_id}, {"before", r.before}, {"after", r.after}, {"request_id", r.request_id}});
    });
  });
  bool more = fetched > kPageSize;
  std::string q = filter_query(req, kLogFilters);
  mstch::map c{{"title", ctx.pages.catalog().get(req.lang, "audit.log.title")},
               {"filters", filters_context(req, kLogFilters)},
               {"records", rows},
               {"empty", rows.empty()},
               {"export_url", "/audit/export.csv" + (q.empty() ? "" : "?" + q)},
               {"first_url", "/audit" + (q.empty() ? "" : "?" + q)},
               {"paged", f.before != 0}};
  if (more) c["next_url"] = "/audit?" + (q.empty() ? "" : q + "&") + "before=" + std::to_string(last);
  return ctx.pages.render(req, "audit_log", std::move(c));
}

http::Response export_csv(app::Context& ctx, const http::Request& req) {
  require_log_reader(req);
  LogFilter f = log_filter(req);
  const auto& cat = ctx.pages.catalog();
  std::string out = "\xEF\xBB\xBF";  // UTF-8 BOM: Excel then reads Vietnamese correctly
  out += "seq,at_utc,actor_id,actor_name,role,address,action,object_type,object_id,before,after,request_id,hash\r\n";
  int n = 0;
  ctx.db.with_session([&](soci::session& s) {
    each_record(s, f, kExportCap + 1, [&](const LogRecord& r) {
      if (++n > kExportCap) return;
      for (const std::string& v :
           {std::to_string(r.seq), r.at, r.actor_id ? std::to_string(*r.actor_id) : std::string(), r.actor_name,
            r.role, r.address, r.action, r.object_type, r.object_id, r.before, r.after, r.request_id})
        out += csv_field(v) + ",";
      out += csv_field(r.hash) + "\r\n";
    });
  });
  http::Response resp = http::Response::text(std::move(out), "text/csv; charset=utf-8");
  if (n > kExportCap) {
    resp.body += csv_field(cat.format(req.lang, "audit.export.truncated", {{"rows", std::to_string(kExportCap)}})) +
                 "\r\n";
    resp.headers.set("X-Export-Truncated", std::to_string(kExportCap));
  }
  resp.headers.set("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
  resp.headers.set("Cache-Control", "no-store");
  return resp;
}

mstch::array counts(const std::vector<std::pair<std::string, std::int64_t>>& rows, const http::Request& req) {
  mstch::array out;
  for (const auto& [key, n] : rows)
    out.push_back(mstch::map{{"key", key}, {"count", text::format_integer(n, req.lang)}});
  return out;
}

http::Response security_page(app::Context& ctx, const http::Request& req) {
  require_log_reader(req);
  EventFilter f{day_bound(filter(req, "from"), false), day_bound(filter(req, "to"), true), filter(req, "kind"),
                filter(req, "address"), before_of(req)};
  std::vector<SecurityEvent> events;
  std::vector<std::pair<std::string, std::int64_t>> by_kind, by_address;
  ctx.db.with_session([&](soci::session& s) {
    events = list_events(s, f, kEventPageSize + 1);
    by_kind = count_events_by_kind(s, f);
    by_address = count_events_by_address(s, f, 50);
  });
  bool more = events.size() > static_cast<std::size_t>(kEventPageSize);
  if (more) events.pop_back();
  mstch::array rows;
  for (const auto& e : events)
    rows.push_back(mstch::map{{"at", shown_time(e.at, req.lang)}, {"at_iso", e.at}, {"kind", e.kind},
                              {"address", e.address},
                              {"account_id", e.account_id ? std::to_string(*e.account_id) : std::string()},
                              {"subject", e.subject}, {"detail", e.detail}, {"request_id", e.request_id}});
  std::string q = filter_query(req, kEventFilters);
  mstch::map c{{"title", ctx.pages.catalog().get(req.lang, "audit.security.title")},
               {"filters", filters_context(req, kEventFilters)},
               {"events", rows},
               {"empty", rows.empty()},
               {"by_kind", counts(by_kind, req)},
               {"by_address", counts(by_address, req)},
               {"first_url", "/security" + (q.empty() ? "" : "?" + q)},
               {"paged", f.before != 0}};
  if (more) c["next_url"] = "/security?" + (q.empty() ? "" : q + "&") + "before=" + std::to_string(events.back().id);
  return ctx.pages.render(req, "audit_security", std::move(c));
}

}  // namespace

std::string day_bound(std::string_view day, bool end_of_day) {
  if (day.empty()) return {};
  using namespace std::chrono;
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [&](std::size_t pos, std::size_t len, auto& out) {
    auto [end, ec] = std::from_chars(day.data() + pos, day.data() + pos + len, out);
    return ec == std::errc() && end == day.data() + pos + len;
  };
  if (day.size() != 10 || day[4] != '-' || day[7] != '-' || !num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d))
    throw bad_filter("bad date");
  year_month_day ymd{year{y}, month{m}, std::chrono::day{d}};
  if (!ymd.ok()) throw bad_filter("bad date");
  sys_days start = sys_days{ymd} + days{end_of_day ? 1 : 0};
  return auth::iso_utc(start - hours{7});  // Asia/Ho_Chi_Minh: UTC+7, no daylight saving
}

void add_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/audit", log_page);
  on.add("GET", "/audit/export.csv", export_csv, {.long_running = true});
  on.add("GET", "/security", security_page);
}

}  // namespace tinhso::audit
