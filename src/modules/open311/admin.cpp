// The administrators' Open311 page (issue 6 §6):
//   GET  /admin/open311                   the issued keys (name, prefix, issued, revoked) and the
//                                         configured services with their agencies
//   POST /admin/open311/keys              issues a key: shown once on the answer page, only its
//                                         SHA-256 is kept
//   POST /admin/open311/keys/{id}/revoke  revokes a key (POSTs with it get 403 from then on)
// Administrators only (permissions.h manage); every change one transaction with its audit
// record. `tinhso open311 key create` (src/app/main.cpp, module.cpp create_api_key) issues keys from the
// command line.
#include "core/auth/clock.h"
#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/util/strings.h"
#include "core/web/routes.h"
#include "core/web/fields.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/open311/handlers.h"
#include "modules/open311/intake.h"
#include "modules/open311/permissions.h"
#include "modules/open311/store.h"

namespace tinhso::open311 {

namespace {

using http::Request;
using http::Response;

constexpr std::size_t kMaxKeyName = 100;

Response keys_page(app::Context& ctx, const Request& req, mstch::map extra, int status = 200) {
  auto [keys, services, agencies] = ctx.db.with_session([](soci::session& s) {
    return std::make_tuple(list_api_keys(s), list_services(s, false), directory::active_agencies(s));
  });
  const auto& cat = ctx.pages.catalog();
  mstch::array key_rows;
  for (const auto& k : keys)
    key_rows.push_back(mstch::map{
        {"id", std::to_string(k.id)},
        {"name", k.name},
        {"prefix", k.prefix},
        {"created", text::format_datetime(auth::parse_iso_utc(k.created_at), req.lang)},
        {"revoked", k.revoked_at.empty() ? std::string() : text::format_datetime(auth::parse_iso_utc(k.revoked_at), req.lang)},
        {"active", k.active()},
        {"revoke_url", "/admin/open311/keys/" + std::to_string(k.id) + "/revoke"}});
  mstch::array service_rows;
  for (const auto& s : services) {
    std::string agency;
    for (const auto& a : agencies)
      if (a.id == s.agency_id) agency = a.name;
    service_rows.push_back(mstch::map{{"code", s.code},
                                      {"name", req.lang == "en" ? s.name_en : s.name_vi},
                                      {"group", req.lang == "en" ? s.group_en : s.group_vi},
                                      {"type", std::string(service_type_name(s.type))},
                                      {"agency", agency},
                                      {"metadata", s.has_attributes},
                                      {"active", s.active}});
  }
  mstch::map c{{"title", cat.get(req.lang, "open311.admin.title")},
               {"keys", key_rows},
               {"no_keys", key_rows.empty()},
               {"services", service_rows},
               {"csrf", req.principal->csrf_token},
               {"endpoint", ctx.settings.public_url + "/open311/v2/discovery.json"}};
  for (auto& [k, v] : extra) c[k] = std::move(v);
  Response r = ctx.pages.render(req, "open311_admin", std::move(c), status);
  r.headers.set("Cache-Control", "no-store");
  return r;
}

Response create_key(app::Context& ctx, const Request& req) {
  const audit::Recorder rec = audit::for_request(ctx, req);
  const auto& p = permissions::manage(req);
  std::string name(trim(req.form.get_or("name", "")));
  const auto& cat = ctx.pages.catalog();
  if (name.empty() || name.size() > kMaxKeyName)
    return keys_page(ctx, req, {{"error", cat.get(req.lang, "open311.admin.error.name")}, {"name", name}}, 422);
  std::string key = generate_api_key();
  std::string now = auth::iso_utc(ctx.clock.now());
  ctx.db.transaction([&](soci::session& s) {
    auto id = insert_api_key(s, name, api_key_hash(key), api_key_prefix(key), now, p.account_id);
    rec(s, {"open311.key.create", "open311_key", std::to_string(id), "", name + " " + api_key_prefix(key)});
  });
  return keys_page(ctx, req, {{"new_key", key}, {"new_key_name", name}}, 201);
}

Response revoke_key(app::Context& ctx, const Request& req) {
  const audit::Recorder rec = audit::for_request(ctx, req);
  const auto& p = permissions::manage(req);
  std::int64_t id = web::path_id(req);
  std::string now = auth::iso_utc(ctx.clock.now());
  bool done = ctx.db.transaction([&](soci::session& s) {
    auto key = find_api_key(s, id);
    if (!key) throw http::Error(http::ErrorKind::not_found, "no key", "open311.admin.error.no_key");
    if (!revoke_api_key(s, id, now, p.account_id)) return false;
    rec(s, {"open311.key.revoke", "open311_key", std::to_string(id), key->name + " active", key->name + " revoked"});
    return true;
  });
  (void)done;  // revoking a revoked key changes nothing: the page shows it revoked
  return Response::redirect("/admin/open311");
}

}  // namespace

void add_admin_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/admin/open311", [](app::Context& c, const Request& r) {
    permissions::manage(r);
    return keys_page(c, r, {});
  });
  on.add("POST", "/admin/open311/keys", create_key);
  on.add("POST", "/admin/open311/keys/{id}/revoke", revoke_key);
}

}  // namespace tinhso::open311
