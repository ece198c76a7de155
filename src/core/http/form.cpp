#include "core/http/form.h"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "core/http/errors.h"
#include "core/util/strings.h"

namespace tinhso::http {

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
// Multi-line fields, sorted. <textarea> names of templates/ (form_test checks them) and the
// multi-line fields of the JSON APIs (e.g. a case's "details", a city report's "description").
constexpr std::array<std::string_view, 19> kMultiline = {
    "comment",     "complaints",  "conditions",  "content", "csv",          "description", "details",       "documents",
    "fee_note",    "items",       "late_reason", "legal_basis", "note",     "office_hours", "reason",
    "receipt_place", "steps",     "subject", "text"};

bool forbidden_in_value(unsigned char c, bool multiline) {
  if (c == 0x7F) return true;
  if (c >= 0x20) return false;
  return !multiline || (c != '\t' && c != '\n' && c != '\r');
}

[[noreturn]] void control_character(std::string_view name) {
  throw Error(ErrorKind::bad_request, "control character in field " + std::string(name.substr(0, 64)),
              "error.bad_request.control_character");
}

constexpr int kMaxJsonDepth = 64;

// Nesting depth of a JSON text's arrays and objects, counted outside strings.
int json_depth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

void check_json(const nlohmann::json& j, std::string_view name) {
  if (j.is_string()) {
    check_field_text(name, j.get_ref<const std::string&>());
  } else if (j.is_array()) {
    for (const auto& item : j) check_json(item, name);
  } else if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      check_field_text(key, "");
      check_json(value, key);
    }
  }
}

}  // namespace

bool multiline_field(std::string_view name) {
  if (std::binary_search(kMultiline.begin(), kMultiline.end(), name)) return true;
  // A numbered row of a repeated field ("text_3": the fourth item's text) is the field's kind.
  auto cut = name.rfind('_');
  if (cut == std::string_view::npos || cut + 1 == name.size() || name.size() - cut > 4) return false;
  for (char c : name.substr(cut + 1))
    if (c < '0' || c > '9') return false;
  return std::binary_search(kMultiline.begin(), kMultiline.end(), name.substr(0, cut));
}

void check_field_text(std::string_view name, std::string_view value) {
  for (char c : name)
    if (forbidden_in_value(static_cast<unsigned char>(c), false)) control_character(name);
  const bool multiline = multiline_field(name);
  for (char c : value)
    if (forbidden_in_value(static_cast<unsigned char>(c), multiline)) control_character(name);
}

nlohmann::json parse_json_body(std::string_view body) {
  if (json_depth(body) > kMaxJsonDepth) throw Error(ErrorKind::bad_request, "JSON nested too deep");
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) throw Error(ErrorKind::bad_request, "body is not JSON");
  check_json(j, "");
  return j;
}

std::string percent_decode(std::string_view in, bool plus_as_space) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (in.size() - i < 3) throw Error(ErrorKind::bad_request, "truncated percent escape");
      int hi = hex_value(in[i + 1]);
      int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) throw Error(ErrorKind::bad_request, "bad percent escape");
      out += static_cast<char>((hi << 4) | lo);
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  if (!valid_utf8(out)) throw Error(ErrorKind::bad_request, "percent-decoded text is not UTF-8");
  return out;
}

std::string percent_encode(std::string_view in) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : in) {
    auto c = static_cast<unsigned char>(ch);
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

FormData parse_urlencoded(std::string_view body, std::size_t max_fields) {
  FormData form;
  std::size_t count = 0;
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t amp = body.find('&', start);
    if (amp == std::string_view::npos) amp = body.size();
    std::string_view pair = body.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) continue;
    if (++count > max_fields) throw Error(ErrorKind::payload_too_large, "too many form fields");
    std::size_t eq = pair.find('=');
    std::string_view name = pair.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    std::string n = percent_decode(name, true), v = percent_decode(value, true);
    check_field_text(n, v);
    form.add(std::move(n), std::move(v));
  }
  return form;
}

}  // namespace tinhso::http
