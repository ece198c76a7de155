#pragma once
// Paging, ONE rule for every list page (issue 13 §4).
//
// The page number is the query parameter "page": absent or blank → 1; otherwise 1 to 6 ASCII
// digits with a value from 1 to kMaxPage, else Error(bad_request, "error.bad_request.page").
// A page past the end is shown as an EMPTY page (200, the list's "nothing found" text, no next
// link; prev_url is still set for templates that show it): lists are read with LIMIT/OFFSET, so
// no count is needed to serve one, and a bookmarked page that emptied never shows other rows.
//
// The pager gives a template: page, pages (when known), has_prev/prev_url, has_next/next_url
// ("" when there is no such page). Its links keep every other query parameter of the request in
// the order sent (percent-encoded; blank ones dropped) and put page=N last; page 1 has no
// "page" parameter.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <mstch/mstch.hpp>

#include "core/http/request.h"

namespace tinhso::web {

inline constexpr int kMaxPage = 100000;

// The requested page number, by the rule above.
int page_number(const http::Request& req);
// The rule applied to one value (nullopt: absent).
int parse_page(std::optional<std::string_view> text);

struct Paging {
  int page = 1;  // 1-based
  int size = 20;
  std::int64_t offset() const { return static_cast<std::int64_t>(page - 1) * size; }
  // Read one row more than a page: whether it came tells whether a next page exists.
  int limit_probe() const { return size + 1; }
};
Paging paging(const http::Request& req, int size);

// The pager of `path` (e.g. "/desk") at page `page`. With `total` rows known, pages and
// has_next follow from it; without, `has_next` says whether more rows came (limit_probe).
mstch::map pager(const http::Request& req, std::string_view path, const Paging& p, bool has_next);
mstch::map pager_of_total(const http::Request& req, std::string_view path, const Paging& p, std::int64_t total);
// The link to page `page` of `path` keeping the request's other query parameters.
std::string page_url(const http::Request& req, std::string_view path, int page);
// The number of pages `total` rows fill (at least 1).
std::int64_t page_count(std::int64_t total, int size);

}  // namespace tinhso::web
