#include "core/http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/http/errors.h"

namespace tinhso::http {
namespace {

Handler named(std::string name) {
  return [name](Request&) { return Response::text(name); };
}

// Which handler a match picked: the route pattern plus method is enough to tell them apart.
std::string picked(const RouteMatch& m) { return m.route ? m.route->method + " " + m.route->pattern : "-"; }

ErrorKind error_of(const Router& r, std::string_view method, std::string_view path) {
  try {
    r.match(method, path);
  } catch (const Error& e) {
    return e.kind();
  }
  ADD_FAILURE() << "no Error for " << path;
  return ErrorKind::internal;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    r.add("GET", "/", named("root"));
    r.add("GET", "/users/{id}", named("user"));
    r.add("GET", "/users/new", named("new"));
    r.add("POST", "/users", named("create"));
    r.add("GET", "/users", named("list"));
    r.add("DELETE", "/users/{id}", named("delete"));
    r.add("GET", "/static/{path...}", named("static"));
    r.add("GET", "/static/special.css", named("special"));
    r.add("GET", "/a/{x}/c", named("axc"));
    r.add("GET", "/a/b/{y}", named("aby"));
    r.add("GET", "/files/{path...}", named("files-rest"));
    r.add("GET", "/files/{name}", named("files-one"));
    r.add("PUT", "/only-put", named("put"));
  }
  Router r;
};

TEST_F(RouterTest, MatchTable) {
  struct Case {
    const char* method;
    const char* path;
    const char* want;  // "METHOD pattern", or "-" for no route
  };
  const Case cases[] = {
      {"GET", "/", "GET /"},
      {"GET", "/users", "GET /users"},
      {"POST", "/users", "POST /users"},
      {"GET", "/users/42", "GET /users/{id}"},
      {"GET", "/users/new", "GET /users/new"},  // literal beats {id}, whatever the order added
      {"DELETE", "/users/new", "DELETE /users/{id}"},
      {"GET", "/static/css/site.css", "GET /static/{path...}"},
      {"GET", "/static/special.css", "GET /static/special.css"},
      {"GET", "/a/b/c", "GET /a/b/{y}"},  // the leftmost literal decides
      {"GET", "/a/z/c", "GET /a/{x}/c"},
      {"GET", "/files/one", "GET /files/{name}"},  // one segment prefers {name} over {rest...}
      {"GET", "/files/x/y", "GET /files/{path...}"},
      {"GET", "/nope", "-"},
      {"GET", "/users/42/extra", "-"},
      {"GET", "/users/", "-"},      // empty segment never matches {id}
      {"GET", "/static", "-"},      // {rest...} needs at least one segment
      {"GET", "/static/", "-"},
      {"GET", "/static/a//b", "-"},
      {"GET", "//users", "-"},
  };
  for (const auto& c : cases) {
    RouteMatch m = r.match(c.method, c.path);
    EXPECT_EQ(picked(m), c.want) << c.method << " " << c.path;
    EXPECT_EQ(m.kind == RouteMatch::Kind::found, std::string(c.want) != "-") << c.path;
  }
}

TEST_F(RouterTest, Params) {
  RouteMatch m = r.match("GET", "/users/42");
  EXPECT_EQ(m.params.at("id"), "42");
  m = r.match("GET", "/static/css/x/site.css");
  EXPECT_EQ(m.params.at("path"), "css/x/site.css");
  m = r.match("GET", "/a/q/c");
  EXPECT_EQ(m.params.at("x"), "q");
  EXPECT_EQ(m.params.count("y"), 0u);
}

TEST_F(RouterTest, ParamsArePercentDecoded) {
  struct Case {
    const char* path;
    const char* want;
  };
  const Case cases[] = {
      {"/users/%C4%90%C6%B0%E1%BB%9Dng", "Đường"},
      {"/users/a%20b", "a b"},
      {"/users/a+b", "a+b"},      // '+' is only a space in forms
      {"/users/a%2Fb", "a/b"},    // an encoded slash stays inside the segment
      {"/users/%2E%2E.x", "...x"},
  };
  for (const auto& c : cases) {
    RouteMatch m = r.match("GET", c.path);
    ASSERT_EQ(picked(m), "GET /users/{id}") << c.path;
    EXPECT_EQ(m.params.at("id"), c.want) << c.path;
  }
  // "%2F" must not create a new segment: with two segments this would be /users/{id}/x.
  EXPECT_EQ(r.match("GET", "/users/a%2Fb%2Fc").kind, RouteMatch::Kind::found);
}

TEST_F(RouterTest, MethodNotAllowedListsSortedAllowWithHead) {
  RouteMatch m = r.match("PATCH", "/users/7");
  EXPECT_EQ(m.kind, RouteMatch::Kind::method_not_allowed);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allow, (std::vector<std::string>{"DELETE", "GET", "HEAD"}));

  m = r.match("DELETE", "/users");
  EXPECT_EQ(m.allow, (std::vector<std::string>{"GET", "HEAD", "POST"}));

  m = r.match("GET", "/only-put");
  EXPECT_EQ(m.kind, RouteMatch::Kind::method_not_allowed);
  EXPECT_EQ(m.allow, (std::vector<std::string>{"PUT"}));
}

TEST_F(RouterTest, HeadIsServedByGet) {
  RouteMatch m = r.match("HEAD", "/users/9");
  EXPECT_EQ(m.kind, RouteMatch::Kind::found);
  EXPECT_EQ(picked(m), "GET /users/{id}");
  EXPECT_EQ(r.match("HEAD", "/only-put").kind, RouteMatch::Kind::method_not_allowed);
}

TEST_F(RouterTest, BadPathsAreBadRequest) {
  const char* paths[] = {
      "/users/..",    "/users/.",      "/users/%2e%2e", "/users/%2E", "/../etc/passwd",
      "/static/a/../b", "/users/%zz",  "/users/%4",     "/users/%",   "/users/%00",
      "/users/%C0%AF",  // overlong '/'
      "/users/%FF",   "users",         "",
  };
  for (const char* p : paths) EXPECT_EQ(error_of(r, "GET", p), ErrorKind::bad_request) << p;
}

TEST(RouterAdd, MalformedPatternsThrow) {
  const char* patterns[] = {
      "",          "users",       "/users//x",     "/users/",      "/{rest...}/x",
      "/a{b}",     "/{id",        "/id}",          "/{}",          "/x/{a}b",
      "/{...}",    "/{a{b}}",     "/{a}/{a}",      "/{a}/{a...}",
  };
  for (const char* p : patterns) {
    Router r;
    EXPECT_THROW(r.add("GET", p, named("x")), std::invalid_argument) << p;
  }
}

TEST(RouterAdd, DuplicateThrowsButOtherMethodIsFine) {
  Router r;
  r.add("GET", "/x/{id}", named("a"));
  EXPECT_THROW(r.add("GET", "/x/{id}", named("b")), std::invalid_argument);
  EXPECT_NO_THROW(r.add("POST", "/x/{id}", named("c")));
  EXPECT_EQ(r.routes().size(), 2u);
}

TEST(RouterAdd, AllowHasNoDuplicates) {
  Router r;
  r.add("HEAD", "/h", named("head"));
  r.add("GET", "/h", named("get"));
  EXPECT_EQ(r.match("POST", "/h").allow, (std::vector<std::string>{"GET", "HEAD"}));
}

TEST(RouterAdd, MultipartRaisesBodyLimitToUploadTotal) {
  Router r;
  RouteOptions o;
  o.multipart = true;
  o.body_limit = 10;
  o.uploads.max_total_bytes = 1000;
  r.add("POST", "/up", named("up"), o);
  EXPECT_GE(r.routes().front()->options.body_limit, 1000u);
}

TEST(RouterAdd, HandlerIsCalled) {
  Router r;
  r.add("GET", "/hi/{who}", [](Request& req) { return Response::text("hi " + std::string(req.param("who"))); });
  RouteMatch m = r.match("GET", "/hi/Lan");
  Request req;
  req.params = m.params;
  EXPECT_EQ(m.route->handler(req).body, "hi Lan");
}

}  // namespace
}  // namespace tinhso::http
