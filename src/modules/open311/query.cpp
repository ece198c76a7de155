#include "modules/open311/query.h"

#include <algorithm>

#include "core/util/strings.h"

namespace tinhso::open311 {

namespace {

class QueryReader {
 public:
  QueryReader(const http::FormData& query, std::vector<Error>& errors) : query_(query), errors_(errors) {}

  void fail(std::string_view name, std::string_view why) {
    errors_.push_back({400, std::string(name) + ": " + std::string(why)});
  }

  // Every item of the comma lists given for `name` (the parameter may repeat).
  std::vector<std::string> list(std::string_view name, std::size_t max_chars) {
    std::vector<std::string> items;
    for (std::string_view value : query_.all(name)) {
      for (std::string_view raw : split(value, ',')) {
        std::string_view item = trim(raw);
        if (item.empty()) continue;
        if (auto problem = text_problem(item, max_chars, TextKind::line)) {
          fail(name, "an item " + *problem);
          return {};
        }
        if (std::find(items.begin(), items.end(), item) != items.end()) continue;
        if (items.size() == kMaxListItems) {
          fail(name, "more than " + std::to_string(kMaxListItems) + " items");
          return {};
        }
        items.emplace_back(item);
      }
    }
    return items;
  }

  // The one trimmed value of `name`, "" when absent or refused.
  std::string text(std::string_view name, std::size_t max_chars) {
    std::vector<std::string_view> given;
    for (std::string_view v : query_.all(name))
      if (!trim(v).empty()) given.push_back(trim(v));
    if (given.empty()) return {};
    if (given.size() > 1) {
      fail(name, "given more than once");
      return {};
    }
    if (auto problem = text_problem(given.front(), max_chars, TextKind::line)) {
      fail(name, *problem);
      return {};
    }
    return std::string(given.front());
  }

  std::optional<DateTime> datetime(std::string_view name) {
    std::string t = text(name, 64);
    if (t.empty()) return std::nullopt;
    auto d = parse_datetime(t);
    if (!d) fail(name, "is not a date-time (YYYY-MM-DDThh:mm:ss+hh:mm)");
    return d;
  }

  // start_date and end_date; false after an error.
  bool dates(std::optional<DateTime>& start, std::optional<DateTime>& end) {
    const std::size_t before = errors_.size();
    start = datetime("start_date");
    end = datetime("end_date");
    if (start && end && end->epoch_seconds < start->epoch_seconds) fail("end_date", "is before start_date");
    return errors_.size() == before;
  }

 private:
  const http::FormData& query_;
  std::vector<Error>& errors_;
};

template <class T>
Parsed<T> outcome(T value, std::vector<Error>& errors) {
  if (!errors.empty()) return {std::nullopt, std::move(errors)};
  return {std::move(value), {}};
}

}  // namespace

Parsed<RequestQuery> parse_request_query(const http::FormData& query) {
  std::vector<Error> errors;
  QueryReader in(query, errors);
  RequestQuery q;
  q.service_request_ids = in.list("service_request_id", kMaxId);
  q.jurisdiction_id = in.text("jurisdiction_id", kMaxCode);
  if (!q.service_request_ids.empty() || !errors.empty()) return outcome(std::move(q), errors);

  q.service_codes = in.list("service_code", kMaxCode);
  if (in.dates(q.start_date, q.end_date) && q.start_date && q.end_date &&
      q.end_date->epoch_seconds - q.start_date->epoch_seconds > kDefaultWindowSeconds)
    in.fail("end_date", "the range may not span more than 90 days");
  for (const std::string& item : in.list("status", 16)) {
    if (auto s = parse_status(to_lower_ascii(item))) {
      if (std::find(q.statuses.begin(), q.statuses.end(), *s) == q.statuses.end()) q.statuses.push_back(*s);
    } else {
      in.fail("status", "items must be open or closed");
      break;
    }
  }
  return outcome(std::move(q), errors);
}

Window request_window(const RequestQuery& q, const DateTime& now) {
  if (q.start_date && q.end_date) return {*q.start_date, *q.end_date};
  if (q.start_date)
    return {*q.start_date, {q.start_date->epoch_seconds + kDefaultWindowSeconds, q.start_date->offset_minutes}};
  const DateTime end = q.end_date.value_or(now);
  return {{end.epoch_seconds - kDefaultWindowSeconds, end.offset_minutes}, end};
}

Parsed<UpdateQuery> parse_update_query(const http::FormData& query) {
  std::vector<Error> errors;
  QueryReader in(query, errors);
  UpdateQuery q;
  q.jurisdiction_id = in.text("jurisdiction_id", kMaxCode);
  in.dates(q.start_date, q.end_date);
  return outcome(std::move(q), errors);
}

}  // namespace tinhso::open311
