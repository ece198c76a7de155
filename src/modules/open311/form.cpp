// The portal's "Gửi phản ánh" form (issue 14 §7), for people, beside the Open311 API for apps:
//   GET  /city-reports/new                 step 1: the service, grouped, in the reader's language;
//                                          with ?service_code=CODE step 2: that service's form
//   POST /city-reports                     files the report (multipart, CSRF like every form)
// Step 2 asks for the place (a point on the map with JavaScript, else an address or latitude
// and longitude), the service's questions, a description, one photo and, optionally, a contact.
// The fields carry the GeoReport v2 names and are read by the API's own reader
// (request_form.h parse_report_fields) and filed by the API's own intake (intake.h file_report)
// under the form's key row (store.h kWebFormKeyHash): a report sent here is, to GET requests,
// exactly one sent by an app. The answer is a confirmation with the request's code (or, for a
// queued service, its token) and a link to follow it (report_page.cpp). Errors are shown at the
// field, each naming it, with status 422; posts per client address and hour are capped (429).
// The audit record names no reporter: it is written without the request's account, address or id,
// as the petitions form does, since any feedback may later be classified as a denunciation.
#include <map>
#include <regex>

#include "core/auth/clock.h"
#include "core/http/address.h"
#include "core/http/errors.h"
#include "core/util/strings.h"
#include "core/web/fields.h"
#include "core/web/routes.h"
#include "core/web/view.h"
#include "modules/audit/api.h"
#include "modules/identity/api.h"
#include "modules/open311/api.h"
#include "modules/open311/format.h"
#include "modules/open311/handlers.h"
#include "modules/open311/intake.h"
#include "modules/open311/map_view.h"
#include "modules/open311/photo.h"
#include "modules/open311/request_form.h"
#include "modules/open311/store.h"
#include "modules/open311/view.h"

namespace tinhso::open311 {

namespace {

using http::Request;
using http::Response;
using web::View;

constexpr std::string_view kPhotoPath = "/city-reports/photos/";
constexpr std::chrono::hours kKeepCounts{24};

// A page of this form: the anonymous CSRF token for visitors who have not signed in, never cached.
Response page(app::Context& ctx, const Request& req, std::string_view name, mstch::map c, int status) {
  return identity::anonymous_form_page(ctx, req, name, std::move(c), status);
}

// ---- the words of a field's error ----

// A field's name as the reader sees it on the form.
std::string label_of(const View& v, const std::vector<AttributeRecord>& attributes, const std::string& field) {
  if (field.starts_with("attribute[")) {
    std::string code = field.substr(10, field.find(']') - 10);
    for (const auto& a : attributes)
      if (a.code == code) return v.english() ? a.description_en : a.description_vi;
  }
  static const std::map<std::string, std::string, std::less<>> kKnown = {
      {"service_code", "service_code"}, {"lat", "lat"},     {"long", "long"},   {"address_string", "address_string"},
      {"description", "description"},   {"email", "email"}, {"phone", "phone"}, {"first_name", "first_name"},
      {"photo", "photo"},               {"location", "location"}};
  if (kKnown.contains(field)) return v.t("open311.form.field." + field);
  return field;  // a GeoReport v2 parameter the form does not show, named as the API names it
}

// The id of the input an error message links to.
std::string anchor_of(const std::string& field) {
  if (field.starts_with("attribute[")) return "f-attr-" + field.substr(10, field.find(']') - 10);
  if (field == "location") return "f-location";
  if (field == "attribute") return "f-description";
  return "f-" + field;
}

// One error of the API reader ("field: why", request_form.h) in the reader's words.
std::string message_of(const View& v, const std::vector<AttributeRecord>& attributes, const std::string& field,
                       const std::string& why) {
  const std::string label = label_of(v, attributes, field);
  if (why == "given more than once" || why == "takes one value") return v.f("open311.form.error.repeated", {{"field", label}});
  if (why.starts_with("is longer than") || why == "is not valid UTF-8" || why == "contains a control character")
    return v.f("open311.form.error.text", {{"field", label}});
  if (field == "service_code") return v.t(why == "required" ? "open311.form.error.service_required" : "open311.form.error.service_unknown");
  if (field == "lat" || field == "long" || field == "location" || field == "email" || field == "phone")
    return v.t("open311.form.error." + field);
  if (field.starts_with("attribute[")) {
    if (why == "required") return v.f("open311.form.error.attribute_required", {{"field", label}});
    return v.f("open311.form.error.attribute_invalid", {{"field", label}});
  }
  return v.f("open311.form.error.invalid", {{"field", label}});
}

struct Problem {
  std::string field, message;
};

mstch::map errors_context(const std::vector<Problem>& problems) {
  mstch::array list;
  for (const auto& p : problems) list.push_back(mstch::map{{"anchor", anchor_of(p.field)}, {"message", p.message}});
  return mstch::map{{"errors", list}, {"has_errors", !list.empty()}};
}

std::string error_for(const std::vector<Problem>& problems, std::string_view field) {
  for (const auto& p : problems)
    if (p.field == field) return p.message;
  return {};
}

// ---- step 1: the service ----

Response choice_page(app::Context& ctx, const Request& req, const std::string& chosen,
                     const std::vector<Problem>& problems, int status) {
  View v{ctx, req};
  auto services = ctx.db.with_session([](soci::session& s) { return list_services(s, true); });
  // Groups in the order of their first service (the services' sort order).
  mstch::array groups;
  std::vector<std::string> names;
  std::vector<mstch::array> members;
  for (const auto& s : services) {
    std::string g = v.english() ? s.group_en : s.group_vi;
    auto it = std::find(names.begin(), names.end(), g);
    if (it == names.end()) {
      names.push_back(g);
      members.emplace_back();
      it = names.end() - 1;
    }
    members[static_cast<std::size_t>(it - names.begin())].push_back(
        mstch::map{{"value", s.code},
                   {"id", "f-service_code-" + s.code},
                   {"label", v.english() ? s.name_en : s.name_vi},
                   {"hint", v.english() ? s.description_en : s.description_vi},
                   {"checked", s.code == chosen}});
  }
  for (std::size_t i = 0; i < names.size(); ++i) groups.push_back(mstch::map{{"group", names[i]}, {"services", members[i]}});
  mstch::map c{{"title", v.t("open311.form.title")},
               {"groups", groups},
               {"service_error", error_for(problems, "service_code")},
               {"empty", services.empty()}};
  c.merge(errors_context(problems));
  return page(ctx, req, "open311_report_service", std::move(c), status);
}

// ---- step 2: the report ----

struct Chosen {
  ServiceRecord service;
  std::vector<AttributeRecord> attributes;
};

std::optional<Chosen> chosen_service(app::Context& ctx, const std::string& code) {
  if (code.empty()) return std::nullopt;
  return ctx.db.with_session([&](soci::session& s) -> std::optional<Chosen> {
    auto service = find_service(s, code);
    if (!service || !service->active) return std::nullopt;
    return Chosen{*service, service_attributes(s, service->id)};
  });
}

// The values sent for `name`, as sent (blank ones dropped).
std::vector<std::string> sent(const Request& req, std::string_view name) {
  std::vector<std::string> out;
  for (auto v : req.form.all(name))
    if (!trim(v).empty()) out.emplace_back(trim(v));
  return out;
}

std::string first_sent(const Request& req, std::string_view name) {
  auto v = sent(req, name);
  return v.empty() ? std::string() : v.front();
}

mstch::array attribute_fields(const View& v, const Request& req, const Chosen& chosen,
                              const std::vector<Problem>& problems) {
  mstch::array out;
  for (const auto& a : chosen.attributes) {
    if (!a.variable) {  // GeoReport v2: information for the reporter, not a question
      out.push_back(mstch::map{{"info", true}, {"choice", false}, {"input", false},
                               {"label", v.english() ? a.description_en : a.description_vi}});
      continue;
    }
    const bool many = a.datatype == Datatype::multivaluelist;
    const std::string name = "attribute[" + a.code + "]" + (many ? "[]" : "");
    const std::vector<std::string> given = sent(req, name);
    mstch::array options;
    for (const auto& o : a.values) {
      bool checked = std::find(given.begin(), given.end(), o.key) != given.end();
      options.push_back(mstch::map{{"value", o.key},
                                   {"id", "f-attr-" + a.code + "-" + o.key},
                                   {"label", v.english() ? o.name_en : o.name_vi},
                                   {"checked", checked},
                                   {"type", std::string(many ? "checkbox" : "radio")}});
    }
    const std::string error = error_for(problems, "attribute[" + a.code + "]");
    out.push_back(mstch::map{{"code", a.code},
                             {"name", name},
                             {"label", v.english() ? a.description_en : a.description_vi},
                             {"hint", v.english() ? a.datatype_description_en : a.datatype_description_vi},
                             {"required", a.required},
                             {"optional", v.t("open311.form.optional")},
                             {"info", false},
                             {"choice", a.datatype == Datatype::singlevaluelist || many},
                             {"input", a.datatype != Datatype::singlevaluelist && !many},
                             {"options", options},
                             {"number", a.datatype == Datatype::number},
                             {"datetime", a.datatype == Datatype::datetime},
                             {"line", a.datatype == Datatype::string || a.datatype == Datatype::text},
                             {"value", given.empty() ? std::string() : given.front()},
                             {"error", error},
                             {"has_error", !error.empty()}});
  }
  return out;
}

Response report_form(app::Context& ctx, const Request& req, const Chosen& chosen, const std::vector<Problem>& problems,
                     int status) {
  View v{ctx, req};
  mstch::map c{{"title", v.t("open311.form.title")},
               {"service_code", chosen.service.code},
               {"service", v.english() ? chosen.service.name_en : chosen.service.name_vi},
               {"change_url", "/city-reports/new?service_code=" + chosen.service.code},
               {"attributes", attribute_fields(v, req, chosen, problems)},
               {"max_photo_mb", std::to_string(kMaxPhotoBytes >> 20)},
               {"max_description", std::to_string(kMaxDescription)}};
  for (const char* f : {"address_string", "lat", "long", "description", "first_name", "email", "phone"}) {
    c[f] = first_sent(req, f);
    std::string e = error_for(problems, f);
    c[std::string("e_") + f] = e;
    c[std::string("has_e_") + f] = !e.empty();
  }
  for (const char* f : {"location", "photo"}) {
    std::string e = error_for(problems, f);
    c[std::string("e_") + f] = e;
    c[std::string("has_e_") + f] = !e.empty();
  }
  c.merge(errors_context(problems));
  add_map(c, ctx, req);
  return page(ctx, req, "open311_report_new", std::move(c), status);
}

Response new_form(app::Context& ctx, const Request& req) {
  std::string code = web::query(req, "service_code");
  if (code.empty()) return choice_page(ctx, req, "", {}, 200);
  auto chosen = chosen_service(ctx, code);
  if (!chosen) {
    View v{ctx, req};
    return choice_page(ctx, req, "", {{"service_code", v.t("open311.form.error.service_unknown")}}, 422);
  }
  return report_form(ctx, req, *chosen, {}, 200);
}

// ---- the post ----

std::string hour_of(std::chrono::system_clock::time_point t) { return auth::iso_utc(t).substr(0, 13); }

// The 429 page when this client address has used up this hour's posts, else nothing.
std::optional<Response> over_limit(app::Context& ctx, const Request& req) {
  static std::atomic<std::chrono::system_clock::rep> last_prune{0};
  const auto now = ctx.clock.now();
  const auto since = std::chrono::system_clock::time_point(std::chrono::system_clock::duration(last_prune.load()));
  const bool prune = now - since >= std::chrono::minutes(10) || now < since;
  if (prune) last_prune = now.time_since_epoch().count();
  int posts = ctx.db.transaction([&](soci::session& s) {
    if (prune) prune_form_usage(s, hour_of(now - kKeepCounts));
    return count_form_post(s, http::address_bucket(req.remote_addr), hour_of(now));
  });
  if (posts <= settings(ctx).form_posts_per_hour) return std::nullopt;
  Response r = ctx.pages.error(req, http::Error(http::ErrorKind::too_many_requests, "city-report form: posts per hour of one address",
                                                "open311.form.error.limited"));
  auto into_hour = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()) % std::chrono::hours(1);
  r.headers.set("Retry-After", std::to_string((std::chrono::hours(1) - into_hour).count()));
  return r;
}

// The form as the API reader reads it: a datetime-local value ("YYYY-MM-DDThh:mm", the
// reader's clock) of a datetime question becomes a GeoReport date-time in Viet Nam's offset.
http::FormData api_form(const Request& req, const std::vector<AttributeRecord>& attributes) {
  static const std::regex kLocal(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?)");
  http::FormData out;
  for (const auto& [name, value] : req.form.items()) {
    std::string v = value;
    for (const auto& a : attributes) {
      if (a.datatype != Datatype::datetime || name != "attribute[" + a.code + "]") continue;
      std::string t(trim(v));
      if (std::regex_match(t, kLocal)) v = t + (t.size() == 16 ? ":00" : "") + "+07:00";
    }
    out.add(name, std::move(v));
  }
  return out;
}

Response confirmation(app::Context& ctx, const Request& req, const ServiceRecord& service, const Filed& filed) {
  View v{ctx, req};
  mstch::map c{{"title", v.t("open311.done.title")},
               {"service", v.english() ? service.name_en : service.name_vi},
               {"queued", !filed.petition.has_value()}};
  if (filed.petition) {
    c["code"] = filed.petition->code;
    c["follow_url"] = "/city-reports/" + filed.petition->code;
    if (!filed.petition->resolve_due.empty()) c["expected"] = v.date(filed.petition->resolve_due);
  } else {
    c["code"] = filed.token;
    c["follow_url"] = "/city-reports/tokens/" + filed.token;
  }
  return page(ctx, req, "open311_report_done", std::move(c), 200);
}

Response submit(app::Context& ctx, const Request& req) {
  if (auto limited = over_limit(ctx, req)) return std::move(*limited);
  View v{ctx, req};
  std::optional<Chosen> chosen;
  ServiceLookup lookup = [&](std::string_view code) -> std::optional<ServiceDefinition> {
    chosen = chosen_service(ctx, std::string(code));
    if (!chosen) return std::nullopt;
    ServiceDefinition d{chosen->service.code, {}};
    for (const auto& a : chosen->attributes) {
      Attribute w;
      w.variable = a.variable;
      w.code = a.code;
      w.datatype = a.datatype;
      w.required = a.required;
      for (const auto& o : a.values) w.values.push_back({o.key, o.name_vi});
      d.attributes.push_back(std::move(w));
    }
    return d;
  };
  // The service first: without a known one there is no form to show the other fields on.
  auto codes = sent(req, "service_code");
  if (codes.size() > 1) return choice_page(ctx, req, "", {{"service_code", message_of(v, {}, "service_code", "given more than once")}}, 422);
  std::vector<AttributeRecord> attributes;
  if (!codes.empty()) {
    if (auto c = chosen_service(ctx, codes.front())) attributes = c->attributes;
  }
  auto parsed = parse_report_fields(api_form(req, attributes), lookup);
  if (!chosen) {
    std::vector<Problem> problems;
    for (const auto& e : parsed.errors) {
      std::string field = e.description.substr(0, e.description.find(':'));
      if (field == "service_code")
        problems.push_back({field, message_of(v, {}, field, e.description.substr(e.description.find(':') + 2))});
    }
    if (problems.empty()) problems.push_back({"service_code", v.t("open311.form.error.service_unknown")});
    return choice_page(ctx, req, "", problems, 422);
  }
  std::vector<Problem> problems;
  for (const auto& e : parsed.errors) {
    std::size_t colon = e.description.find(": ");
    std::string field = e.description.substr(0, colon);
    std::string why = colon == std::string::npos ? std::string() : e.description.substr(colon + 2);
    problems.push_back({field, message_of(v, chosen->attributes, field, why)});
  }
  // The photo: one JPEG or PNG, checked by its content.
  std::optional<Photo> photo;
  std::size_t photos = 0;
  for (const auto& f : req.files) {
    if (f.field != "photo") continue;
    if (++photos > 1) {
      problems.push_back({"photo", v.f("open311.form.error.repeated", {{"field", v.t("open311.form.field.photo")}})});
      photo.reset();
      break;
    }
    std::string bytes = f.size <= kMaxPhotoBytes ? ctx.files.read(f.path, kMaxPhotoBytes) : std::string();
    auto checked = check_photo(bytes, f.size);
    if (checked.problem)
      problems.push_back({"photo", v.f(*checked.problem == PhotoProblem::too_big ? "open311.form.error.photo_size"
                                                                                  : "open311.form.error.photo_type",
                                       {{"mb", std::to_string(kMaxPhotoBytes >> 20)}})});
    else
      photo = std::move(checked.photo);
  }
  if (!problems.empty() || !parsed.value) return report_form(ctx, req, *chosen, problems, 422);

  NewRequest n = std::move(*parsed.value);
  std::string photo_name;
  if (photo) {
    photo_name = random_token() + (photo->type == document::FileType::png ? ".png" : ".jpg");
    n.media_url = ctx.settings.public_url + std::string(kPhotoPath) + photo_name;
  }
  // No account, address or request id in the audit record (see the top of this file).
  Request unlinked;
  unlinked.lang = req.lang;
  const audit::Recorder rec = audit::for_request(ctx, unlinked);
  const std::string now = auth::iso_utc(ctx.clock.now());
  Filed filed = ctx.db.transaction([&](soci::session& s) {
    Filed f = file_report(s, ctx, rec, chosen->service, n, web_form_key_id(s), now);
    if (photo) {
      PhotoRecord p{photo_name, f.report_id, std::string(document::content_type_of(photo->type)),
                    document::sha256_hex(photo->bytes), now, std::move(photo->bytes)};
      insert_photo(s, p);
    }
    return f;
  });
  return confirmation(ctx, req, chosen->service, filed);
}

}  // namespace

void add_form_routes(http::Router& router, app::Context& ctx) {
  web::Routes on(router, ctx);
  on.add("GET", "/city-reports/new", new_form);
  on.add("POST", "/city-reports", submit, http::RouteOptions{.multipart = true, .uploads = kFormUploadLimits});
}

}  // namespace tinhso::open311
