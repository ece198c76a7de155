#include "core/web/paging.h"

#include "core/http/errors.h"
#include "core/http/form.h"
#include "core/util/strings.h"

namespace tinhso::web {

namespace {

[[noreturn]] void bad_page() {
  throw http::Error(http::ErrorKind::bad_request, "bad page number", "error.bad_request.page");
}

}  // namespace

int parse_page(std::optional<std::string_view> text) {
  if (!text) return 1;
  std::string_view s = trim(*text);
  if (s.empty()) return 1;
  if (s.size() > 6) bad_page();
  int n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') bad_page();
    n = n * 10 + (c - '0');
  }
  if (n < 1 || n > kMaxPage) bad_page();
  return n;
}

int page_number(const http::Request& req) { return parse_page(req.query_params.get("page")); }

Paging paging(const http::Request& req, int size) { return Paging{page_number(req), size}; }

std::string page_url(const http::Request& req, std::string_view path, int page) {
  std::string out(path);
  char sep = '?';
  for (const auto& [name, value] : req.query_params.items()) {
    if (name == "page" || trim(value).empty()) continue;
    out += sep;
    out += http::percent_encode(name) + "=" + http::percent_encode(value);
    sep = '&';
  }
  if (page > 1) out += sep + std::string("page=") + std::to_string(page);
  return out;
}

std::int64_t page_count(std::int64_t total, int size) {
  return total <= 0 ? 1 : (total + size - 1) / size;
}

mstch::map pager(const http::Request& req, std::string_view path, const Paging& p, bool has_next) {
  bool has_prev = p.page > 1;
  return mstch::map{{"page", std::to_string(p.page)},
                    {"has_prev", has_prev},
                    {"prev_url", has_prev ? page_url(req, path, p.page - 1) : std::string()},
                    {"has_next", has_next},
                    {"next_url", has_next ? page_url(req, path, p.page + 1) : std::string()}};
}

mstch::map pager_of_total(const http::Request& req, std::string_view path, const Paging& p, std::int64_t total) {
  std::int64_t pages = page_count(total, p.size);
  mstch::map m = pager(req, path, p, p.page < pages);
  m["pages"] = std::to_string(pages);
  m["has_pages"] = pages > 1;
  return m;
}

}  // namespace tinhso::web
