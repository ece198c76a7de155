#pragma once
// Route adaptation (issue 13 §4): a module's page functions take the application context and
// the request; Routes binds them to the context and adds them to the router, options unchanged.
//   web::Routes on(router, ctx);
//   on.add("GET", "/things", list_page);
//   on.add("POST", "/things/new", create, kUploadRoute);
// The context must outlive the router.
#include <string>
#include <utility>

#include "core/http/router.h"

namespace tinhso::app {
struct Context;
}

namespace tinhso::web {

using Page = http::Response (*)(app::Context&, const http::Request&);
using MutablePage = http::Response (*)(app::Context&, http::Request&);

http::Handler bind(app::Context& ctx, Page fn);
http::Handler bind(app::Context& ctx, MutablePage fn);

class Routes {
 public:
  // `defaults`: the options of every route added without its own.
  Routes(http::Router& router, app::Context& ctx, http::RouteOptions defaults = {})
      : router_(router), ctx_(ctx), defaults_(defaults) {}
  void add(std::string method, std::string pattern, Page fn);
  void add(std::string method, std::string pattern, MutablePage fn);
  void add(std::string method, std::string pattern, Page fn, http::RouteOptions options);
  void add(std::string method, std::string pattern, MutablePage fn, http::RouteOptions options);

 private:
  http::Router& router_;
  app::Context& ctx_;
  http::RouteOptions defaults_;
};

}  // namespace tinhso::web
