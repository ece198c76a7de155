#pragma once
// GET requests.(xml|json) and FixMyStreet's GET servicerequestupdates.(xml|json): the query
// filters (already decoded by core/http/form.h), validated (GeoReport v2 "GET Service
// Requests"; OPEN311.md). Pure: "now" is a parameter.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/http/headers.h"
#include "modules/open311/datetime.h"
#include "modules/open311/fields.h"
#include "modules/open311/types.h"

namespace tinhso::open311 {

inline constexpr std::size_t kMaxResults = 1000;  // GeoReport v2: at most 1000 requests per answer
inline constexpr std::int64_t kDefaultWindowSeconds = 90LL * 86400;  // GeoReport v2: the last 90 days
inline constexpr std::size_t kMaxListItems = kMaxResults;  // items of one comma list

struct RequestQuery {
  // Non-empty: these requests only; the spec says it "overrides all other arguments", so the
  // other filters are then neither read nor validated and stay empty.
  std::vector<std::string> service_request_ids;
  std::vector<std::string> service_codes;  // empty: every service
  std::optional<DateTime> start_date;
  std::optional<DateTime> end_date;
  std::vector<Status> statuses;  // empty: every status
  std::string jurisdiction_id;   // empty: absent (the caller decides whether it is needed)
  friend bool operator==(const RequestQuery&, const RequestQuery&) = default;
};

// Reads the filters. Unknown parameters are ignored (clients send paging extensions); an empty
// value counts as absent. Comma lists (service_request_id, service_code, status) may also be
// repeated: items are trimmed, empty items skipped, duplicates dropped, order kept.
// Errors, all 400, in this order: service_request_id items (control characters, > kMaxId
// characters, > kMaxListItems items), jurisdiction_id, service_code items, start_date and
// end_date (given more than once, not a date-time as parse_datetime reads it), end_date before
// start_date, a range longer than 90 days (GeoReport v2: "may not span more than 90 days"),
// status items other than open / closed (ASCII case-insensitive).
Parsed<RequestQuery> parse_request_query(const http::FormData& query);

// The requested_datetime window to search: [start, end], both inclusive, written in the offset
// of the date given (or now's). With neither date: the 90 days up to `now`; with one: 90 days
// from start_date, or up to end_date; with both: those.
struct Window {
  DateTime start;
  DateTime end;
  friend bool operator==(const Window&, const Window&) = default;
};
Window request_window(const RequestQuery& q, const DateTime& now);

// FixMyStreet GET servicerequestupdates: start_date, end_date (both optional; no 90-day cap),
// jurisdiction_id. Errors as parse_request_query's for those parameters.
struct UpdateQuery {
  std::optional<DateTime> start_date;
  std::optional<DateTime> end_date;
  std::string jurisdiction_id;
  friend bool operator==(const UpdateQuery&, const UpdateQuery&) = default;
};
Parsed<UpdateQuery> parse_update_query(const http::FormData& query);

}  // namespace tinhso::open311
