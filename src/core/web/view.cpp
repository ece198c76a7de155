#include "core/web/view.h"

#include "core/app/module.h"
#include "core/auth/clock.h"
#include "core/calendar/date.h"
#include "core/text/format.h"

namespace tinhso::web {

const std::string& View::t(std::string_view id) const { return ctx.pages.catalog().get(req.lang, id); }

std::string View::f(std::string_view id,
                    std::initializer_list<std::pair<std::string_view, std::string_view>> args) const {
  return ctx.pages.catalog().format(req.lang, id, args);
}

std::string View::date(const std::string& ymd) const {
  if (ymd.empty()) return {};
  auto d = calendar::parse_local_moment(ymd);
  return d ? text::format_date(d->day, req.lang) : ymd;
}

std::string View::time(const std::string& iso_utc) const {
  return iso_utc.empty() ? std::string() : text::format_datetime(auth::parse_iso_utc(iso_utc), req.lang);
}

}  // namespace tinhso::web
