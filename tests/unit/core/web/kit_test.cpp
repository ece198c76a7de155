// The request kit's rules (core/web/fields.h, paging.h, routes.h): one table per rule.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/app/module.h"
#include "core/http/errors.h"
#include "core/http/form.h"
#include "core/http/router.h"
#include "core/web/fields.h"
#include "core/web/paging.h"
#include "core/web/routes.h"

namespace tinhso::web {
namespace {

// The message id of the http::Error `f` throws; "" when it throws none.
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const http::Error& e) {
    return std::string(http::name_of(e.kind())) + " " + e.message_id();
  }
  return "";
}

http::Request with_query(std::string_view query) {
  http::Request req;
  req.query = std::string(query);
  req.query_params = http::parse_urlencoded(query);
  return req;
}

TEST(WebKit, IdRule) {
  struct Case {
    std::string_view text;
    std::optional<std::int64_t> id;
  } cases[] = {
      {"1", 1},
      {"12", 12},
      {"007", 7},
      {"999999999999999999", 999999999999999999},  // 18 digits: the longest id
      {"", std::nullopt},
      {"0", std::nullopt},
      {"000", std::nullopt},
      {"12abc", std::nullopt},
      {"abc", std::nullopt},
      {"-1", std::nullopt},
      {"+1", std::nullopt},
      {"1e3", std::nullopt},
      {"1.0", std::nullopt},
      {" 7", std::nullopt},
      {"7 ", std::nullopt},
      {"0x10", std::nullopt},
      {"１２", std::nullopt},  // full-width digits are not ASCII
      {"1000000000000000000", std::nullopt},    // 19 digits
      {"99999999999999999999", std::nullopt},   // 20 digits, beyond int64
  };
  for (const auto& c : cases) EXPECT_EQ(parse_id(c.text), c.id) << "'" << c.text << "'";
}

TEST(WebKit, IdReadersRefuseWith400) {
  struct Case {
    std::string_view value;
    std::string error;  // "" = accepted
  } cases[] = {
      {"42", ""},
      {"12abc", "bad_request error.bad_request.id"},
      {"-1", "bad_request error.bad_request.id"},
      {"1e3", "bad_request error.bad_request.id"},
      {"0", "bad_request error.bad_request.id"},
      {"12345678901234567890", "bad_request error.bad_request.id"},
      {"", "bad_request error.bad_request.id"},  // an empty path segment is not an id
  };
  for (const auto& c : cases) {
    http::Request req;
    req.params["id"] = std::string(c.value);
    EXPECT_EQ(error_of([&] { path_id(req); }), c.error) << "path '" << c.value << "'";
  }
  // In a form or a query, absent and blank mean "no id"; anything else follows the rule.
  http::Request req = with_query("a=42&b=&c=12abc&d=%2042%20");
  req.form = req.query_params;
  EXPECT_EQ(query_id(req, "a"), 42);
  EXPECT_EQ(field_id(req, "a"), 42);
  EXPECT_EQ(field_id(req, "b"), std::nullopt);
  EXPECT_EQ(field_id(req, "missing"), std::nullopt);
  EXPECT_EQ(field_id(req, "d"), 42);  // fields are trimmed like field()
  EXPECT_EQ(error_of([&] { field_id(req, "c"); }), "bad_request error.bad_request.id");
  EXPECT_EQ(error_of([&] { query_id(req, "c"); }), "bad_request error.bad_request.id");
}

TEST(WebKit, FieldRule) {
  struct Case {
    std::string_view form, name, trimmed, raw, error;
  } cases[] = {
      {"a=x", "a", "x", "x", ""},
      {"a=+x+", "a", "x", " x ", ""},
      {"b=1", "a", "", "", ""},  // absent
      {"", "a", "", "", ""},
      {"a=", "a", "", "", ""},
      {"a=&a=x", "a", "x", "x", ""},    // blank copies count as absent
      {"a=x&a=x", "a", "x", "x", ""},   // the same value twice is one value
      {"a=x&a=y", "a", "", "", "bad_request error.bad_request.repeated_field"},
  };
  for (const auto& c : cases) {
    http::Request req;
    req.form = http::parse_urlencoded(c.form);
    if (c.error.empty()) {
      EXPECT_EQ(field(req, c.name), c.trimmed) << c.form;
      EXPECT_EQ(raw_field(req, c.name), c.raw) << c.form;
    } else {
      EXPECT_EQ(error_of([&] { field(req, c.name); }), c.error) << c.form;
      EXPECT_EQ(error_of([&] { raw_field(req, c.name); }), c.error) << c.form;
    }
  }
}

TEST(WebKit, PageRule) {
  struct Case {
    std::string_view query;
    int page;  // 0 = 400
  } cases[] = {
      {"", 1},         {"page=", 1},         {"page=1", 1},        {"page=2", 2},
      {"page=100000", 100000},               {"page=%202", 2},
      {"page=0", 0},   {"page=-1", 0},       {"page=abc", 0},      {"page=2abc", 0},
      {"page=1e3", 0}, {"page=100001", 0},   {"page=9999999999", 0}, {"page=%2B2", 0},
      {"page=+2", 2},  // "+" is a space in a query string, and values are trimmed
      {"page=2.0", 0}, {"page=1&page=2", 0},  // two different copies: repeated_field
  };
  for (const auto& c : cases) {
    http::Request req = with_query(c.query);
    if (c.page) {
      EXPECT_EQ(page_number(req), c.page) << c.query;
    } else {
      std::string e = error_of([&] { page_number(req); });
      EXPECT_TRUE(e == "bad_request error.bad_request.page" || e == "bad_request error.bad_request.repeated_field")
          << c.query << ": " << e;
    }
  }
  EXPECT_EQ(error_of([&] { page_number(with_query("page=x")); }), "bad_request error.bad_request.page");
}

TEST(WebKit, Pager) {
  http::Request req = with_query("q=nh%C3%A0+%E1%BB%9F&page=3&state=a&state=b&blank=");
  Paging p = paging(req, 20);
  EXPECT_EQ(p.page, 3);
  EXPECT_EQ(p.offset(), 40);
  EXPECT_EQ(p.limit_probe(), 21);

  mstch::map m = pager(req, "/desk", p, true);
  EXPECT_EQ(boost::get<std::string>(m["page"]), "3");
  EXPECT_EQ(boost::get<std::string>(m["prev_url"]), "/desk?q=nh%C3%A0%20%E1%BB%9F&state=a&state=b&page=2");
  EXPECT_EQ(boost::get<std::string>(m["next_url"]), "/desk?q=nh%C3%A0%20%E1%BB%9F&state=a&state=b&page=4");
  EXPECT_TRUE(boost::get<bool>(m["has_prev"]));
  EXPECT_TRUE(boost::get<bool>(m["has_next"]));

  // Page 1 links carry no page parameter; no next page: no link.
  EXPECT_EQ(page_url(with_query("page=2"), "/x", 1), "/x");
  mstch::map last = pager(with_query("page=2"), "/x", Paging{2, 20}, false);
  EXPECT_EQ(boost::get<std::string>(last["prev_url"]), "/x");
  EXPECT_EQ(boost::get<std::string>(last["next_url"]), "");
  EXPECT_FALSE(boost::get<bool>(last["has_next"]));

  struct Case {
    std::int64_t total;
    int page;
    std::string pages;
    bool has_next;
  } totals[] = {
      {0, 1, "1", false},  {1, 1, "1", false},  {20, 1, "1", false}, {21, 1, "2", true},
      {41, 2, "3", true},  {41, 3, "3", false},
      {41, 9, "3", false},  // past the end: an empty page, no next link, a link back
  };
  for (const auto& c : totals) {
    mstch::map t = pager_of_total(with_query(""), "/l", Paging{c.page, 20}, c.total);
    EXPECT_EQ(boost::get<std::string>(t["pages"]), c.pages) << c.total << " " << c.page;
    EXPECT_EQ(boost::get<bool>(t["has_next"]), c.has_next) << c.total << " " << c.page;
    EXPECT_EQ(boost::get<bool>(t["has_prev"]), c.page > 1);
  }
}

TEST(WebKit, RoutesPassContextAndOptions) {
  http::Router router;
  // Routes only passes the context's address on; storage of the right shape stands in for it.
  alignas(app::Context) unsigned char storage[sizeof(app::Context)];
  auto& ctx = *reinterpret_cast<app::Context*>(storage);
  static app::Context* seen = nullptr;
  Routes on(router, ctx);
  on.add("POST", "/x/{id}", +[](app::Context& c, const http::Request& req) {
    seen = &c;
    return http::Response::text("id " + std::to_string(path_id(req)));
  }, {.body_limit = 123, .run_inline = true});
  on.add("GET", "/y", +[](app::Context&, http::Request& req) {
    req.lang = "en";  // a MutablePage may change the request
    return http::Response::text("y");
  });
  auto m = router.match("POST", "/x/7");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->options.body_limit, 123u);
  EXPECT_TRUE(m.route->options.run_inline);
  http::Request req;
  req.params = m.params;
  EXPECT_EQ(m.route->handler(req).body, "id 7");
  EXPECT_EQ(seen, &ctx);
  req.params["id"] = "7x";
  EXPECT_EQ(error_of([&] { m.route->handler(req); }), "bad_request error.bad_request.id");

  auto y = router.match("GET", "/y");
  ASSERT_NE(y.route, nullptr);
  EXPECT_EQ(y.route->options.body_limit, http::RouteOptions{}.body_limit);
  http::Request get;
  EXPECT_EQ(y.route->handler(get).body, "y");
  EXPECT_EQ(get.lang, "en");
}

}  // namespace
}  // namespace tinhso::web
