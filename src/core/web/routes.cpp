#include "core/web/routes.h"

#include <utility>

namespace tinhso::web {

http::Handler bind(app::Context& ctx, Page fn) {
  return [&ctx, fn](http::Request& req) { return fn(ctx, req); };
}

http::Handler bind(app::Context& ctx, MutablePage fn) {
  return [&ctx, fn](http::Request& req) { return fn(ctx, req); };
}

void Routes::add(std::string method, std::string pattern, Page fn) {
  add(std::move(method), std::move(pattern), fn, defaults_);
}

void Routes::add(std::string method, std::string pattern, MutablePage fn) {
  add(std::move(method), std::move(pattern), fn, defaults_);
}

void Routes::add(std::string method, std::string pattern, Page fn, http::RouteOptions options) {
  router_.add(std::move(method), std::move(pattern), bind(ctx_, fn), options);
}

void Routes::add(std::string method, std::string pattern, MutablePage fn, http::RouteOptions options) {
  router_.add(std::move(method), std::move(pattern), bind(ctx_, fn), options);
}

}  // namespace tinhso::web
