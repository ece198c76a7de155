// Fuzzes the Open311 format layer (src/modules/open311/). The input is read as lines; each line
// is a "name=value" pair (raw bytes, not percent-decoded, so any byte reaches the validators).
// 1. parse_new_request, parse_request_query and parse_update_query never crash; they return a
//    value or errors, never both; error codes are 400/403/404 (OPEN311.md); a value keeps every
//    documented invariant (well-formed UTF-8 within the caps, a location, ranges, list keys).
// 2. Everything parsed, the errors, and raw input bytes put into every object, serialize to
//    well-formed XML 1.0 (balanced tags, only the five entities and &#13;, only XML Chars) and to
//    JSON that nlohmann accepts and reads back to the sanitized text.
// 3. split_format on each line: a resource and format that give back the line, or a 404.
// 4. parse_datetime(line) round-trips through format_datetime.
// 5. parse_new_update keeps its invariants; redact_contacts(line) leaves no run of 8 digits.
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "check.h"
#include "core/util/strings.h"
#include "modules/open311/datetime.h"
#include "modules/open311/fields.h"
#include "modules/open311/format.h"
#include "modules/open311/query.h"
#include "modules/open311/redact.h"
#include "modules/open311/request_form.h"

namespace {

using namespace tinhso::open311;
using tinhso::valid_utf8;

const ServiceDefinition& pothole() {
  static const ServiceDefinition d{
      "POT",
      {
          {true, "SIZE", Datatype::singlevaluelist, true, "", 1, "Cỡ", {{"S", "Nhỏ"}, {"L", "Lớn"}}},
          {true, "KINDS", Datatype::multivaluelist, false, "", 2, "Loại", {{"A", "Á"}, {"B", "Bê"}}},
          {true, "DEPTH", Datatype::number, false, "cm", 3, "Độ sâu", {}},
          {true, "SEEN", Datatype::datetime, false, "", 4, "Thấy lúc", {}},
          {true, "NOTE", Datatype::text, false, "", 5, "Ghi chú", {}},
          {true, "PLATE", Datatype::string, false, "", 6, "Biển số", {}},
          {false, "INFO", Datatype::string, true, "", 7, "Chỉ để đọc", {}},
      }};
  return d;
}

std::optional<ServiceDefinition> lookup(std::string_view code) {
  if (code == "POT") return pothole();
  if (code == "LIGHT") return ServiceDefinition{"LIGHT", {}};
  return std::nullopt;
}

// Well-formed as this layer writes XML: the declaration, one root element, elements without
// attributes, text with &amp; &lt; &gt; &quot; &apos; &#13; only, every character an XML Char.
bool well_formed_xml(std::string_view doc) {
  constexpr std::string_view kDecl = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  if (!doc.starts_with(kDecl) || sanitize_text(doc) != doc) return false;
  doc.remove_prefix(kDecl.size());
  std::vector<std::string_view> open;
  bool root_done = false;
  for (std::size_t i = 0; i < doc.size();) {
    const char c = doc[i];
    if (c == '<') {
      const std::size_t end = doc.find('>', i);
      if (end == std::string_view::npos || root_done) return false;
      const bool closing = doc[i + 1] == '/';
      const std::string_view name = doc.substr(i + (closing ? 2 : 1), end - i - (closing ? 2 : 1));
      if (name.empty()) return false;
      for (char n : name)
        if (!((n >= 'a' && n <= 'z') || n == '_')) return false;
      if (closing) {
        if (open.empty() || open.back() != name) return false;
        open.pop_back();
        root_done = open.empty();
      } else {
        open.push_back(name);
      }
      i = end + 1;
      continue;
    }
    if (open.empty() || c == '>') return false;  // text outside the root, or an unescaped '>'
    if (c == '&') {
      bool known = false;
      for (std::string_view e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#13;"})
        if (doc.substr(i).starts_with(e)) {
          i += e.size();
          known = true;
          break;
        }
      if (!known) return false;
      continue;
    }
    if (c == '"' || c == '\'' || c == '\r') return false;  // always escaped by xml_escape
    ++i;
  }
  return root_done && open.empty();
}

void check_json(const std::string& text) {
  FUZZ_CHECK(valid_utf8(text));
  FUZZ_CHECK(nlohmann::json::accept(text));
}

template <class R>
void check_both(R&& render) {
  FUZZ_CHECK(well_formed_xml(render(Format::xml)));
  check_json(render(Format::json));
}

void check_errors(const std::vector<Error>& errors) {
  for (const Error& e : errors) {
    FUZZ_CHECK(e.code == 400 || e.code == 403 || e.code == 404);
    FUZZ_CHECK(!e.description.empty() && valid_utf8(e.description));
  }
  check_both([&](Format f) { return render_errors(errors, f); });
  // JSON carries the sanitized description, exactly.
  auto parsed = nlohmann::json::parse(render_errors(errors, Format::json));
  FUZZ_CHECK(parsed.size() == errors.size());
  for (std::size_t i = 0; i < errors.size(); ++i)
    FUZZ_CHECK(parsed[i]["description"].get<std::string>() == sanitize_text(errors[i].description));
}

bool within(std::string_view s, std::size_t max_chars) { return valid_utf8(s) && code_points(s) <= max_chars; }

void check_new_request(const NewRequest& r) {
  FUZZ_CHECK(!r.api_key.empty() && within(r.api_key, kMaxApiKey));
  FUZZ_CHECK(r.service_code == "POT" || r.service_code == "LIGHT");
  FUZZ_CHECK(r.lat.has_value() == r.lon.has_value());
  FUZZ_CHECK(r.lat || !r.address_string.empty() || !r.address_id.empty());
  if (r.lat) FUZZ_CHECK(*r.lat >= -90 && *r.lat <= 90 && *r.lon >= -180 && *r.lon <= 180);
  FUZZ_CHECK(within(r.description, kMaxDescription) && within(r.address_string, kMaxAddress));
  FUZZ_CHECK(within(r.media_url, kMaxUrl) && within(r.email, kMaxEmail) && within(r.phone, kMaxPhone));
  for (const AttributeAnswer& a : r.attributes) {
    const Attribute* def = nullptr;
    for (const Attribute& d : pothole().attributes)
      if (d.code == a.code) def = &d;
    FUZZ_CHECK(def != nullptr && def->variable && !a.values.empty());
    FUZZ_CHECK(a.values.size() == 1 || def->datatype == Datatype::multivaluelist);
    for (const std::string& v : a.values) {
      FUZZ_CHECK(valid_utf8(v));
      if (is_list(def->datatype)) FUZZ_CHECK(v == "S" || v == "L" || v == "A" || v == "B");
      if (def->datatype == Datatype::datetime) FUZZ_CHECK(parse_datetime(v).has_value());
      if (def->datatype == Datatype::number) FUZZ_CHECK(parse_decimal(v).has_value());
    }
  }
  for (const Attribute& d : pothole().attributes) {
    if (!d.required || !d.variable || r.service_code != "POT") continue;
    bool answered = false;
    for (const AttributeAnswer& a : r.attributes) answered = answered || a.code == d.code;
    FUZZ_CHECK(answered);
  }
  // What a handler would answer with, built from the parsed request.
  ServiceRequest sr;
  sr.service_request_id = r.api_key;
  sr.service_code = r.service_code;
  sr.description = r.description;
  sr.address = r.address_string;
  sr.address_id = r.address_id;
  sr.lat = r.lat;
  sr.lon = r.lon;
  sr.media_url = r.media_url;
  if (!r.attributes.empty()) sr.status_notes = r.attributes.front().values.front();
  const std::vector<ServiceRequest> one{sr};
  check_both([&](Format f) { return render_requests(one, f); });
  check_both([&](Format f) { return render_request_created({"", r.api_key, r.description, r.account_id}, f); });
}

void check_query(const RequestQuery& q) {
  FUZZ_CHECK(q.service_request_ids.size() <= kMaxListItems && q.service_codes.size() <= kMaxListItems);
  if (!q.service_request_ids.empty())
    FUZZ_CHECK(q.service_codes.empty() && q.statuses.empty() && !q.start_date && !q.end_date);
  if (q.start_date && q.end_date) {
    FUZZ_CHECK(q.start_date->epoch_seconds <= q.end_date->epoch_seconds);
    FUZZ_CHECK(q.end_date->epoch_seconds - q.start_date->epoch_seconds <= kDefaultWindowSeconds);
  }
  const Window w = request_window(q, DateTime{1795659300, 420});
  FUZZ_CHECK(w.start.epoch_seconds <= w.end.epoch_seconds);
  std::vector<ServiceRequest> found;
  for (const std::string& id : q.service_request_ids) {
    FUZZ_CHECK(!id.empty() && within(id, kMaxId));
    ServiceRequest sr;
    sr.service_request_id = id;
    sr.requested_datetime = w.start;
    sr.updated_datetime = w.end;
    found.push_back(sr);
  }
  for (const std::string& code : q.service_codes) {
    FUZZ_CHECK(!code.empty() && within(code, kMaxCode));
    ServiceRequest sr;
    sr.service_request_id = "1";
    sr.service_code = code;
    found.push_back(sr);
  }
  check_both([&](Format f) { return render_requests(found, f); });
}

// Raw bytes in every text field of every object: sanitization keeps the output well-formed.
void check_raw_text(std::string_view s) {
  const std::string t(s);
  const std::vector<Service> services{{t, t, t, true, ServiceType::blackbox, t, t}};
  check_both([&](Format f) { return render_services(services, f); });
  const ServiceDefinition d{t, {{true, t, Datatype::multivaluelist, true, t, -1, t, {{t, t}}}}};
  check_both([&](Format f) { return render_service_definition(d, f); });
  Discovery disc{DateTime{INT64_MIN, 100000}, t, t, {Endpoint{t, t, DateTime{INT64_MAX, -100000}, EndpointType::test, {t}}}};
  check_both([&](Format f) { return render_discovery(disc, f); });
  const std::vector<TokenStatus> tokens{{t, t}};
  check_both([&](Format f) { return render_tokens(tokens, f); });
  const std::vector<RequestUpdate> updates{{t, t, UpdateStatus::no_further_action, DateTime{}, t, t}};
  check_both([&](Format f) { return render_request_updates(updates, f); });
  check_both([&](Format f) { return render_update_created(t, f); });
  check_both([&](Format f) { return render_request_created({t, t, t, t}, f); });
}

// Masking keeps valid text valid, never grows a digit run of 8 or more, and leaves text without
// digits or '@' alone.
void check_redact(std::string_view line) {
  const std::string out = redact_contacts(line);
  if (valid_utf8(line)) FUZZ_CHECK(valid_utf8(out));
  int run = 0;
  for (char c : out) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    FUZZ_CHECK(run < 8);
  }
  bool plain = true;
  for (char c : line) plain = plain && !(c >= '0' && c <= '9') && c != '@';
  if (plain) FUZZ_CHECK(out == line);
}

void check_suffix(std::string_view line) {
  auto r = split_format(line);
  FUZZ_CHECK(r.ok() == r.errors.empty());
  if (r.ok()) {
    FUZZ_CHECK(!r.value->path.empty());
    FUZZ_CHECK(r.value->path + (r.value->format == Format::xml ? ".xml" : ".json") == line);
  } else {
    FUZZ_CHECK(r.errors.size() == 1 && r.errors.front().code == 404);
  }
}

void check_datetime(std::string_view line) {
  if (auto t = parse_datetime(line)) {
    FUZZ_CHECK(t->epoch_seconds >= kMinEpochSeconds && t->epoch_seconds <= kMaxEpochSeconds);
    FUZZ_CHECK(parse_datetime(format_datetime(*t)) == t);
  }
  if (line.size() >= 12) {
    DateTime any;
    std::memcpy(&any.epoch_seconds, line.data(), 8);
    std::int32_t offset;
    std::memcpy(&offset, line.data() + 8, 4);
    any.offset_minutes = offset;
    const std::string text = format_datetime(any);
    FUZZ_CHECK(text.size() == 25 && parse_datetime(text).has_value());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in = tinhso::fuzz::as_view(data, size);
  tinhso::http::FormData form;
  std::size_t lines = 0;
  while (!in.empty() && lines++ < 64) {
    std::string_view line = tinhso::fuzz::take_line(in);
    check_suffix(line);
    check_datetime(line);
    const std::size_t eq = line.find('=');
    form.add(std::string(line.substr(0, eq)), eq == std::string_view::npos ? "" : std::string(line.substr(eq + 1)));
    if (lines == 1) check_raw_text(line);
    check_redact(line);
  }

  auto post = parse_new_request(form, lookup);
  FUZZ_CHECK(post.ok() == post.errors.empty());
  if (post.ok()) {
    check_new_request(*post.value);
  } else {
    check_errors(post.errors);
    FUZZ_CHECK(post.errors.front().code != 403 || post.errors.size() == 1);
    FUZZ_CHECK(post.errors.front().code != 404 || post.errors.size() == 1);
  }

  auto query = parse_request_query(form);
  FUZZ_CHECK(query.ok() == query.errors.empty());
  if (query.ok()) {
    check_query(*query.value);
  } else {
    check_errors(query.errors);
  }

  auto updates = parse_update_query(form);
  FUZZ_CHECK(updates.ok() == updates.errors.empty());
  if (!updates.ok()) check_errors(updates.errors);

  auto update = parse_new_update(form);
  FUZZ_CHECK(update.ok() == update.errors.empty());
  if (update.ok()) {
    const NewUpdate& u = *update.value;
    FUZZ_CHECK(!u.api_key.empty() && !u.service_request_id.empty() && !u.description.empty());
    FUZZ_CHECK(within(u.description, kMaxDescription) && within(u.media_url, kMaxUrl) && within(u.email, kMaxEmail));
    check_both([&](Format f) { return render_update_created(u.update_id, f); });
  } else {
    check_errors(update.errors);
    FUZZ_CHECK(update.errors.front().code != 403 || update.errors.size() == 1);
  }
  return 0;
}
