#pragma once
// application/x-www-form-urlencoded and query strings (WHATWG URL §5). Pure functions: safe to
// fuzz (tests/fuzz/urlencoded_fuzz.cpp).
#include <string>
#include <string_view>

#include "core/http/headers.h"
#include "core/util/strings.h"  // valid_utf8, used by every form parser

namespace tinhso::http {

// Decodes %XX escapes; with plus_as_space, '+' becomes ' '. Throws Error(bad_request) on a
// malformed escape or when the result is not valid UTF-8.
std::string percent_decode(std::string_view in, bool plus_as_space);
std::string percent_encode(std::string_view in);

// Parses "a=1&b=x+y". Empty pairs are skipped; a pair without '=' has an empty value.
// Throws Error(bad_request) on bad encoding and Error(payload_too_large) past max_fields pairs.
FormData parse_urlencoded(std::string_view body, std::size_t max_fields = 1000);

}  // namespace tinhso::http
