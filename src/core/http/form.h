#pragma once
// application/x-www-form-urlencoded and query strings (WHATWG URL §5). Pure functions: safe to
// fuzz (tests/fuzz/urlencoded_fuzz.cpp).
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/http/headers.h"
#include "core/util/strings.h"  // valid_utf8, used by every form parser

namespace tinhso::http {

// Decodes %XX escapes; with plus_as_space, '+' becomes ' '. Throws Error(bad_request) on a
// malformed escape or when the result is not valid UTF-8.
std::string percent_decode(std::string_view in, bool plus_as_space);
std::string percent_encode(std::string_view in);

// Whether a field of this name holds multi-line text: the name of a <textarea> in templates/
// (tests/unit/core/http/form_test.cpp checks every one is listed) or of a multi-line field of the JSON
// APIs. Only these may hold TAB, LF and CR.
bool multiline_field(std::string_view name);

// Refuses control characters in a submitted field (issue 12 §8): any C0 control or DEL in the
// name, and in the value any C0 control other than TAB, LF, CR (those too unless
// multiline_field(name)) or DEL. Throws Error(bad_request, "error.bad_request.control_character").
// Every urlencoded, multipart and JSON field passes here before a handler sees it.
void check_field_text(std::string_view name, std::string_view value);

// Parses "a=1&b=x+y". Empty pairs are skipped; a pair without '=' has an empty value.
// Throws Error(bad_request) on bad encoding or a control character (check_field_text) and
// Error(payload_too_large) past max_fields pairs.
FormData parse_urlencoded(std::string_view body, std::size_t max_fields = 1000);

// Parses a JSON request body and checks every string in it with check_field_text, a member's
// strings under that member's name (an array's under its member's), object keys as names.
// Throws Error(bad_request) when the body is not JSON (or nested deeper than 64) or holds a
// control character. The caller checks the shape.
nlohmann::json parse_json_body(std::string_view body);

}  // namespace tinhso::http
