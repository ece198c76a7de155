#include "modules/open311/request_form.h"

#include <algorithm>
#include <map>

#include "core/util/strings.h"
#include "modules/open311/datetime.h"
#include "modules/open311/fields.h"

namespace tinhso::open311 {

namespace {

constexpr std::size_t kMaxDecimal = 32;
constexpr std::string_view kAttributePrefix = "attribute[";

// Reads single-valued parameters, recording a 400 per refused one.
class Reader {
 public:
  Reader(const http::FormData& form, std::vector<Error>& errors) : form_(form), errors_(errors) {}

  // The trimmed value of `name`; "" when absent, empty or refused (given more than once with a
  // value, or text_problem).
  std::string text(std::string_view name, std::size_t max_chars, TextKind kind = TextKind::line) {
    std::vector<std::string_view> given = values(name);
    if (given.empty()) return {};
    if (given.size() > 1) {
      fail(name, "given more than once");
      return {};
    }
    if (auto problem = text_problem(given.front(), max_chars, kind)) {
      fail(name, *problem);
      return {};
    }
    return std::string(given.front());
  }

  // Whether `name` has a non-empty value, valid or not.
  bool given(std::string_view name) const { return !values(name).empty(); }

  void fail(std::string_view name, std::string_view why, int code = 400) {
    errors_.push_back({code, std::string(name) + ": " + std::string(why)});
  }

 private:
  std::vector<std::string_view> values(std::string_view name) const {
    std::vector<std::string_view> out;
    for (std::string_view v : form_.all(name))
      if (!trim(v).empty()) out.push_back(trim(v));
    return out;
  }

  const http::FormData& form_;
  std::vector<Error>& errors_;
};

bool plausible_email(std::string_view s) {
  const std::size_t at = s.find('@');
  if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view domain = s.substr(at + 1);
  const std::size_t dot = domain.find('.');
  if (dot == 0 || dot == std::string_view::npos || domain.back() == '.') return false;
  return std::none_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '<' || c == '>' || c == ','; });
}

bool plausible_phone(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == ' ' || c == '+' || c == '-' || c == '(' || c == ')' || c == '.';
  });
}

bool plausible_url(std::string_view s) {
  std::size_t scheme = starts_with_icase(s, "https://") ? 8 : starts_with_icase(s, "http://") ? 7 : 0;
  return scheme != 0 && s.size() > scheme && s.find(' ') == std::string_view::npos;
}

// lat and long (GeoReport v2: "lat & long both need to be sent"), WGS 84 degrees.
void read_position(Reader& in, NewRequest& r) {
  struct Axis {
    std::string_view name;
    double limit;
    std::string_view out_of_range;
    std::optional<double>& out;
  };
  Axis axes[] = {{"lat", 90, "is outside -90 .. 90", r.lat}, {"long", 180, "is outside -180 .. 180", r.lon}};
  for (Axis& a : axes) {
    std::string t = in.text(a.name, kMaxDecimal);
    if (t.empty()) continue;
    auto v = parse_decimal(t);
    if (!v) {
      in.fail(a.name, "is not a decimal number");
    } else if (*v < -a.limit || *v > a.limit) {
      in.fail(a.name, a.out_of_range);
    } else {
      a.out = v;
    }
  }
  if (in.given("lat") && !in.given("long")) in.fail("long", "required when lat is given");
  if (in.given("long") && !in.given("lat")) in.fail("lat", "required when long is given");
  if (!r.lat || !r.lon) r.lat = r.lon = std::nullopt;
}

void read_contact(Reader& in, NewRequest& r) {
  r.email = in.text("email", kMaxEmail);
  if (!r.email.empty() && !plausible_email(r.email)) {
    in.fail("email", "is not an email address");
    r.email.clear();
  }
  r.device_id = in.text("device_id", kMaxId);
  r.account_id = in.text("account_id", kMaxId);
  r.first_name = in.text("first_name", kMaxName);
  r.last_name = in.text("last_name", kMaxName);
  r.phone = in.text("phone", kMaxPhone);
  if (!r.phone.empty() && !plausible_phone(r.phone)) {
    in.fail("phone", "may hold only digits, spaces and + - ( ) .");
    r.phone.clear();
  }
}

// What was sent for one attribute code: attribute[code] values and attribute[code][] values.
struct Sent {
  std::vector<std::string_view> single;
  std::vector<std::string_view> multi;
};
using SentAttributes = std::map<std::string_view, Sent, std::less<>>;

// Groups attribute[...] parameters by code; false if a name is malformed (no code, no ']', a
// '[' in the code, or anything but "" or "[]" after the code).
bool collect_attributes(const http::FormData& form, SentAttributes& sent) {
  bool well_formed = true;
  for (const auto& [key, value] : form.items()) {
    std::string_view k = key;
    if (!k.starts_with(kAttributePrefix)) continue;
    k.remove_prefix(kAttributePrefix.size());
    const std::size_t close = k.find(']');
    const std::string_view tail = close == std::string_view::npos ? "" : k.substr(close + 1);
    const std::string_view code = k.substr(0, close);
    if (close == std::string_view::npos || close == 0 || code.find('[') != std::string_view::npos ||
        (!tail.empty() && tail != "[]")) {
      well_formed = false;
      continue;
    }
    std::string_view v = trim(value);
    if (v.empty()) continue;
    Sent& s = sent[code];
    (tail.empty() ? s.single : s.multi).push_back(v);
  }
  return well_formed;
}

// Checks one value against the attribute's datatype: nullopt and the value to keep, or why not.
std::optional<std::string> check_value(const Attribute& a, std::string_view v, std::string& kept) {
  switch (a.datatype) {
    case Datatype::string: kept = v; return text_problem(v, kMaxAttributeString, TextKind::line);
    case Datatype::text: kept = v; return text_problem(v, kMaxAttributeText, TextKind::multiline);
    case Datatype::number:
      kept = v;
      if (!parse_decimal(v)) return "is not a decimal number";
      return std::nullopt;
    case Datatype::datetime: {
      auto t = parse_datetime(v);
      if (!t) return "is not a date-time (YYYY-MM-DDThh:mm:ss+hh:mm)";
      kept = format_datetime(*t);
      return std::nullopt;
    }
    case Datatype::singlevaluelist:
    case Datatype::multivaluelist:
      kept = v;
      if (std::none_of(a.values.begin(), a.values.end(), [&](const AttributeValue& av) { return av.key == v; }))
        return "is not one of the allowed values";
      return std::nullopt;
  }
  return "unknown datatype";
}

void read_attribute(Reader& in, const Attribute& a, const Sent& sent, NewRequest& r) {
  const std::string name = std::string(kAttributePrefix) + a.code + "]";
  if (a.datatype != Datatype::multivaluelist && (!sent.multi.empty() || sent.single.size() > 1)) {
    in.fail(name, "takes one value");
    return;
  }
  std::vector<std::string_view> given = sent.single;
  given.insert(given.end(), sent.multi.begin(), sent.multi.end());
  if (given.empty()) {
    if (a.required) in.fail(name, "required");
    return;
  }
  AttributeAnswer answer{a.code, {}};
  for (std::string_view v : given) {
    std::string kept;
    if (auto why = check_value(a, v, kept)) {
      in.fail(name, *why);
      return;
    }
    if (std::find(answer.values.begin(), answer.values.end(), kept) == answer.values.end())
      answer.values.push_back(std::move(kept));
  }
  r.attributes.push_back(std::move(answer));
}

void read_attributes(const http::FormData& form, Reader& in, const ServiceDefinition& definition, NewRequest& r) {
  SentAttributes sent;
  if (!collect_attributes(form, sent)) in.fail("attribute", "a parameter name is not attribute[code] or attribute[code][]");
  static const Sent kNothing;
  for (const Attribute& a : definition.attributes) {
    if (!a.variable) continue;
    auto it = sent.find(a.code);
    read_attribute(in, a, it == sent.end() ? kNothing : it->second, r);
  }
}

}  // namespace

Parsed<NewRequest> parse_new_request(const http::FormData& form, const ServiceLookup& lookup) {
  std::vector<Error> errors;
  Reader in(form, errors);
  NewRequest r;

  // 403 first: nothing else is looked at without a key (OPEN311.md: "403 missing or bad api_key").
  r.api_key = in.text("api_key", kMaxApiKey);
  if (r.api_key.empty()) {
    if (errors.empty()) in.fail("api_key", "required");
    for (Error& e : errors) e.code = 403;
    return {std::nullopt, std::move(errors)};
  }
  auto parsed = parse_report_fields(form, lookup);
  if (parsed.value) parsed.value->api_key = std::move(r.api_key);
  return parsed;
}

Parsed<NewRequest> parse_report_fields(const http::FormData& form, const ServiceLookup& lookup) {
  std::vector<Error> errors;
  Reader in(form, errors);
  NewRequest r;
  std::optional<ServiceDefinition> definition;
  r.service_code = in.text("service_code", kMaxCode);
  if (r.service_code.empty() && !in.given("service_code")) in.fail("service_code", "required");
  if (!r.service_code.empty()) {
    definition = lookup(r.service_code);
    if (!definition) return {std::nullopt, {Error{404, "service_code: unknown service"}}};
  }

  r.jurisdiction_id = in.text("jurisdiction_id", kMaxCode);
  read_position(in, r);
  r.address_string = in.text("address_string", kMaxAddress);
  r.address_id = in.text("address_id", kMaxId);
  if (!in.given("lat") && !in.given("long") && !in.given("address_string") && !in.given("address_id"))
    in.fail("location", "required: lat and long, address_string or address_id");
  read_contact(in, r);
  r.description = in.text("description", kMaxDescription, TextKind::multiline);
  r.media_url = in.text("media_url", kMaxUrl);
  if (!r.media_url.empty() && !plausible_url(r.media_url)) {
    in.fail("media_url", "must be an http:// or https:// URL without spaces");
    r.media_url.clear();
  }
  if (definition) read_attributes(form, in, *definition, r);

  if (!errors.empty()) return {std::nullopt, std::move(errors)};
  return {std::move(r), {}};
}

Parsed<NewUpdate> parse_new_update(const http::FormData& form) {
  std::vector<Error> errors;
  Reader in(form, errors);
  NewUpdate u;
  u.api_key = in.text("api_key", kMaxApiKey);
  if (u.api_key.empty()) {
    if (errors.empty()) in.fail("api_key", "required");
    for (Error& e : errors) e.code = 403;
    return {std::nullopt, std::move(errors)};
  }
  u.jurisdiction_id = in.text("jurisdiction_id", kMaxCode);
  u.service_request_id = in.text("service_request_id", kMaxId);
  if (!in.given("service_request_id")) in.fail("service_request_id", "required");
  u.update_id = in.text("update_id", kMaxId);
  std::string status = in.text("status", kMaxCode);
  if (!in.given("status")) {
    in.fail("status", "required");
  } else if (!status.empty()) {
    if (auto s = parse_update_status(status)) {
      u.status = *s;
    } else {
      in.fail("status", "is not a known status (open, closed, fixed, in_progress, ...)");
    }
  }
  std::string when = in.text("updated_datetime", kMaxCode);
  if (!when.empty()) {
    u.updated_datetime = parse_datetime(when);
    if (!u.updated_datetime) in.fail("updated_datetime", "is not a date-time (YYYY-MM-DDThh:mm:ss+hh:mm)");
  }
  u.description = in.text("description", kMaxDescription, TextKind::multiline);
  if (!in.given("description")) in.fail("description", "required");
  u.media_url = in.text("media_url", kMaxUrl);
  if (!u.media_url.empty() && !plausible_url(u.media_url)) {
    in.fail("media_url", "must be an http:// or https:// URL without spaces");
    u.media_url.clear();
  }
  u.email = in.text("email", kMaxEmail);
  if (!u.email.empty() && !plausible_email(u.email)) {
    in.fail("email", "is not an email address");
    u.email.clear();
  }
  u.first_name = in.text("first_name", kMaxName);
  u.last_name = in.text("last_name", kMaxName);
  u.account_id = in.text("account_id", kMaxId);
  if (!errors.empty()) return {std::nullopt, std::move(errors)};
  return {std::move(u), {}};
}

}  // namespace tinhso::open311
