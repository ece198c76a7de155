#include "modules/open311/format.h"

#include <charconv>
#include <cmath>
#include <utility>
#include <vector>

#include "core/util/strings.h"

namespace tinhso::open311 {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

// XML 1.0 §2.2 Char, for a code point that well-formed UTF-8 can carry (no surrogates).
bool xml_char(char32_t cp) {
  if (cp < 0x20) return cp == 0x9 || cp == 0xA || cp == 0xD;
  return cp != 0xFFFE && cp != 0xFFFF;
}

char32_t decode(std::string_view s, std::size_t i, std::size_t n) {
  auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
  if (n == 1) return b(0);
  if (n == 2) return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
  if (n == 3) return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
}

// ---- One tree, two writers: the shapes of both formats come from the same description ----

// A value of an answer. `name` is the XML element name and the JSON key (ignored for the items
// of an array, which are written as elements named by each item's own name).
struct Node {
  enum class Kind { text, null, raw, object, array } kind = Kind::null;
  std::string name;
  std::string value;  // text: unescaped; raw: JSON/XML-safe literal (number, true, false)
  std::vector<Node> children;
};

Node text(std::string name, std::string_view v) { return {Node::Kind::text, std::move(name), std::string(v), {}}; }
// An optional text: empty means absent (types.h).
Node opt_text(std::string name, std::string_view v) {
  return v.empty() ? Node{Node::Kind::null, std::move(name), {}, {}} : text(std::move(name), v);
}
Node raw(std::string name, std::string v) { return {Node::Kind::raw, std::move(name), std::move(v), {}}; }
Node boolean(std::string name, bool v) { return raw(std::move(name), v ? "true" : "false"); }
Node integer(std::string name, long long v) { return raw(std::move(name), std::to_string(v)); }
Node number(std::string name, std::optional<double> v) {
  if (!v || !std::isfinite(*v)) return {Node::Kind::null, std::move(name), {}, {}};
  return raw(std::move(name), format_number(*v));
}
Node datetime(std::string name, const std::optional<DateTime>& t) {
  if (!t) return {Node::Kind::null, std::move(name), {}, {}};
  return text(std::move(name), format_datetime(*t));
}
Node object(std::string name, std::vector<Node> children) {
  return {Node::Kind::object, std::move(name), {}, std::move(children)};
}
Node array(std::string name, std::vector<Node> items) {
  return {Node::Kind::array, std::move(name), {}, std::move(items)};
}

void write_json(const Node& n, std::string& out) {
  switch (n.kind) {
    case Node::Kind::text:
      out += '"';
      out += json_escape(sanitize_text(n.value));
      out += '"';
      return;
    case Node::Kind::null: out += "null"; return;
    case Node::Kind::raw: out += n.value; return;
    case Node::Kind::object:
    case Node::Kind::array: {
      const bool obj = n.kind == Node::Kind::object;
      out += obj ? '{' : '[';
      for (std::size_t i = 0; i < n.children.size(); ++i) {
        if (i) out += ',';
        if (obj) {
          out += '"';
          out += json_escape(n.children[i].name);
          out += "\":";
        }
        write_json(n.children[i], out);
      }
      out += obj ? '}' : ']';
      return;
    }
  }
}

// Element names are ASCII identifiers from this file, never client text.
void write_xml(const Node& n, std::string& out) {
  out += '<';
  out += n.name;
  out += '>';
  switch (n.kind) {
    case Node::Kind::text: out += xml_escape(n.value); break;
    case Node::Kind::null: break;
    case Node::Kind::raw: out += n.value; break;
    case Node::Kind::object:
    case Node::Kind::array:
      for (const Node& c : n.children) write_xml(c, out);
      break;
  }
  out += "</";
  out += n.name;
  out += '>';
}

std::string render(const Node& root, Format f) {
  std::string out;
  if (f == Format::json) {
    write_json(root, out);
  } else {
    out += kXmlDeclaration;
    write_xml(root, out);
  }
  return out;
}

template <class T, class F>
std::vector<Node> each(std::span<const T> items, F&& to_node) {
  std::vector<Node> nodes;
  nodes.reserve(items.size());
  for (const T& item : items) nodes.push_back(to_node(item));
  return nodes;
}

Node service_node(const Service& s) {
  return object("service", {text("service_code", s.service_code), text("service_name", s.service_name),
                            opt_text("description", s.description), boolean("metadata", s.metadata),
                            text("type", service_type_name(s.type)), opt_text("keywords", s.keywords),
                            opt_text("group", s.group)});
}

Node attribute_node(const Attribute& a) {
  std::vector<Node> fields{boolean("variable", a.variable),
                           text("code", a.code),
                           text("datatype", datatype_name(a.datatype)),
                           boolean("required", a.required),
                           opt_text("datatype_description", a.datatype_description),
                           integer("order", a.order),
                           text("description", a.description)};
  if (is_list(a.datatype)) {
    fields.push_back(array("values", each(std::span(a.values), [](const AttributeValue& v) {
                             return object("value", {text("key", v.key), text("name", v.name)});
                           })));
  }
  return object("attribute", std::move(fields));
}

Node request_node(const ServiceRequest& r) {
  const bool located = r.lat && r.lon && std::isfinite(*r.lat) && std::isfinite(*r.lon);
  return object("request", {text("service_request_id", r.service_request_id),
                            text("status", status_name(r.status)),
                            opt_text("status_notes", r.status_notes),
                            opt_text("service_name", r.service_name),
                            opt_text("service_code", r.service_code),
                            opt_text("description", r.description),
                            opt_text("agency_responsible", r.agency_responsible),
                            opt_text("service_notice", r.service_notice),
                            datetime("requested_datetime", r.requested_datetime),
                            datetime("updated_datetime", r.updated_datetime),
                            datetime("expected_datetime", r.expected_datetime),
                            opt_text("address", r.address),
                            opt_text("address_id", r.address_id),
                            opt_text("zipcode", r.zipcode),
                            number("lat", located ? r.lat : std::nullopt),
                            number("long", located ? r.lon : std::nullopt),
                            opt_text("media_url", r.media_url)});
}

Node endpoint_node(const Endpoint& e) {
  return object("endpoint", {text("specification", e.specification), text("url", e.url),
                             datetime("changeset", e.changeset), text("type", endpoint_type_name(e.type)),
                             array("formats", each(std::span(e.formats), [](const std::string& fmt) {
                                     return text("format", fmt);
                                   }))});
}

Node update_node(const RequestUpdate& u) {
  return object("request_update", {text("update_id", u.update_id), text("service_request_id", u.service_request_id),
                                   text("status", update_status_name(u.status)),
                                   datetime("updated_datetime", u.updated_datetime),
                                   opt_text("description", u.description), opt_text("media_url", u.media_url)});
}

}  // namespace

std::string_view content_type(Format f) {
  return f == Format::json ? "application/json; charset=utf-8" : "text/xml; charset=utf-8";
}

Parsed<Resource> split_format(std::string_view path) {
  auto refuse = [](std::string description) {
    return Parsed<Resource>{std::nullopt, {Error{404, std::move(description)}}};
  };
  if (!valid_utf8(path)) return refuse("format: the path is not valid UTF-8");
  const std::size_t slash = path.rfind('/');
  const std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return refuse("format: add .xml or .json to the resource");
  const std::string_view suffix = path.substr(dot + 1);
  Format f;
  if (suffix == "xml") {
    f = Format::xml;
  } else if (suffix == "json") {
    f = Format::json;
  } else {
    return refuse("format: only .xml and .json are supported");
  }
  if (dot == 0 || (slash != std::string_view::npos && dot == slash + 1))
    return refuse("format: no resource before the suffix");
  return {Resource{std::string(path.substr(0, dot)), f}, {}};
}

std::string sanitize_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (xml_char(decode(s, i, n))) {
      out.append(s.substr(i, n));
    } else {
      out += kReplacement;
    }
    i += n;
  }
  return out;
}

std::string xml_escape(std::string_view s) {
  const std::string clean = sanitize_text(s);
  std::string out;
  out.reserve(clean.size() + 16);
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\r': out += "&#13;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string format_number(double v) {
  char buf[400];  // fixed notation of the largest double: 309 digits
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  if (ec != std::errc()) return "0";  // unreachable for finite v
  std::string out(buf, end);
  return out == "-0" ? "0" : out;
}

std::string render_services(std::span<const Service> services, Format f) {
  return render(array("services", each(services, service_node)), f);
}

std::string render_service_definition(const ServiceDefinition& d, Format f) {
  return render(object("service_definition",
                       {text("service_code", d.service_code),
                        array("attributes", each(std::span(d.attributes), attribute_node))}),
                f);
}

std::string render_requests(std::span<const ServiceRequest> requests, Format f) {
  return render(array("service_requests", each(requests, request_node)), f);
}

std::string render_request_created(const RequestCreated& r, Format f) {
  Node id = r.service_request_id.empty() ? text("token", r.token) : text("service_request_id", r.service_request_id);
  return render(array("service_requests",
                      {object("request", {std::move(id), opt_text("service_notice", r.service_notice),
                                          opt_text("account_id", r.account_id)})}),
                f);
}

std::string render_tokens(std::span<const TokenStatus> tokens, Format f) {
  return render(array("service_requests", each(tokens,
                                               [](const TokenStatus& t) {
                                                 return object("request",
                                                               {opt_text("service_request_id", t.service_request_id),
                                                                text("token", t.token)});
                                               })),
                f);
}

std::string render_discovery(const Discovery& d, Format f) {
  return render(object("discovery", {datetime("changeset", d.changeset), text("contact", d.contact),
                                     text("key_service", d.key_service),
                                     array("endpoints", each(std::span(d.endpoints), endpoint_node))}),
                f);
}

std::string render_errors(std::span<const Error> errors, Format f) {
  return render(array("errors", each(errors,
                                     [](const Error& e) {
                                       return object("error",
                                                     {integer("code", e.code), text("description", e.description)});
                                     })),
                f);
}

std::string render_request_updates(std::span<const RequestUpdate> updates, Format f) {
  return render(array("service_request_updates", each(updates, update_node)), f);
}

std::string render_update_created(std::string_view update_id, Format f) {
  return render(array("service_request_updates", {object("request_update", {text("update_id", update_id)})}), f);
}

}  // namespace tinhso::open311
