#pragma once
// What every page handler reads its words and dates through (issue 13 §4): the application
// context and the request, with catalog look-ups and date formats in the request's language.
// Built per request on the stack (View v{ctx, req}); holds references only, so it must not
// outlive either.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "core/http/request.h"

namespace tinhso::app {
struct Context;
}

namespace tinhso::web {

struct View {
  app::Context& ctx;
  const http::Request& req;

  // The message `id` in the request's language (locales/*.json).
  const std::string& t(std::string_view id) const;
  // t() with "{name}" placeholders replaced.
  std::string f(std::string_view id, std::initializer_list<std::pair<std::string_view, std::string_view>> args) const;
  // "YYYY-MM-DD" (or "YYYY-MM-DDTHH:MM": its day) as the reader reads a date; "" stays "",
  // anything else is returned as given.
  std::string date(const std::string& ymd) const;
  // An ISO-8601 UTC time as the reader's local date and time; "" stays "".
  std::string time(const std::string& iso_utc) const;
  bool english() const { return req.lang == "en"; }
};

}  // namespace tinhso::web
