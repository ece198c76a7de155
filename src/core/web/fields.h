#pragma once
// Reading typed values from a request, with ONE rule for every module (issue 13 §4).
//
// Text: field(req, name) is the one non-blank value of a form field (http::FormData::get: blank
// copies count as absent, two different non-blank copies are a 400), trimmed of ASCII white
// space; "" when absent. raw_field keeps the value as sent (passwords).
//
// Ids: an id is 1 to 18 ASCII digits with a value of at least 1 — no sign, no spaces, no
// exponent, no other character — so "12abc", "", "-1", "+1", "1e3", " 7" and 19 or more digits
// are not ids. parse_id is the rule; the readers below throw Error(bad_request,
// "error.bad_request.id") for a value that breaks it.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/fs/files.h"
#include "core/http/request.h"

namespace tinhso::web {

std::string field(const http::Request& req, std::string_view name);
std::string raw_field(const http::Request& req, std::string_view name);
// The trimmed query parameter `name`, "" when absent (FormData::get semantics).
std::string query(const http::Request& req, std::string_view name);

// The id `text` names, or nullopt when it is not an id (see above).
std::optional<std::int64_t> parse_id(std::string_view text);

// The path parameter `name` as an id; 400 when it is not one.
std::int64_t path_id(const http::Request& req, std::string_view name = "id");
// The form field or query parameter `name` as an id: nullopt when absent or blank, 400 when it is
// sent but not an id.
std::optional<std::int64_t> field_id(const http::Request& req, std::string_view name);
std::optional<std::int64_t> query_id(const http::Request& req, std::string_view name);
// `text` (already read) as an id: nullopt when blank, 400 when it is not an id.
std::optional<std::int64_t> optional_id(std::string_view text);

// An import form's text: the first uploaded file's content (read through `files`), else the
// form field `name` as sent (not trimmed: a pasted CSV keeps its lines).
std::string upload_or_field(const fs::Files& files, const http::Request& req, std::string_view name);

}  // namespace tinhso::web
