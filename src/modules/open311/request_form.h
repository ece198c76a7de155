#pragma once
// POST requests.(xml|json): the form (application/x-www-form-urlencoded, already decoded by
// core/http/form.h) read and validated against the service's definition (GeoReport v2 "POST
// Service Request"; OPEN311.md). Pure: the service catalogue is reached through a lookup the
// caller supplies; checking the api_key against the issued keys is also the caller's (403).
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/headers.h"
#include "modules/open311/fields.h"
#include "modules/open311/types.h"

namespace tinhso::open311 {

// The answer to one variable attribute, in the definition's order. Single-value datatypes hold
// exactly one value, multivaluelist one or more distinct keys in the order sent. number: the
// text as sent; datetime: normalised by format_datetime; lists: the keys.
struct AttributeAnswer {
  std::string code;
  std::vector<std::string> values;
  friend bool operator==(const AttributeAnswer&, const AttributeAnswer&) = default;
};

// A validated POST requests form. Text is trimmed (ASCII white space), well-formed UTF-8 within
// the caps above; empty means absent. At least one location is present: lat and lon together,
// address_string or address_id (several may be).
struct NewRequest {
  std::string api_key;  // present; not yet checked against the issued keys
  std::string jurisdiction_id;
  std::string service_code;  // a service the lookup knows
  std::optional<double> lat;  // -90 .. 90, set together with lon
  std::optional<double> lon;  // -180 .. 180 (the spec's `long`)
  std::string address_string;
  std::string address_id;
  std::vector<AttributeAnswer> attributes;  // variable attributes that were answered
  std::string email;
  std::string device_id;
  std::string account_id;
  std::string first_name;
  std::string last_name;
  std::string phone;
  std::string description;  // may hold line breaks
  std::string media_url;    // http:// or https://
  friend bool operator==(const NewRequest&, const NewRequest&) = default;
};

// The definition of the service named by a code, or nullopt when no such service exists. A
// service without metadata answers a definition without attributes.
using ServiceLookup = std::function<std::optional<ServiceDefinition>(std::string_view service_code)>;

// Reads and validates the form. Parameters not named by the spec are ignored, as are attributes
// the definition does not list or marks variable=false. An empty value counts as absent.
// Outcome errors, in this order:
//   - api_key absent: only {403, "api_key: required"};
//   - service_code unknown to lookup: only {404, "service_code: unknown service"};
//   - otherwise every 400 found, in this order: service_code absent or refused; then per
//     field, in the order jurisdiction_id, lat, long, address_string, address_id, email,
//     device_id, account_id, first_name, last_name, phone, description, media_url: given more
//     than once with a value, text (UTF-8, control characters, cap), syntax (lat/long decimal
//     and range, lat without long, email, phone, media_url); "location: required" (checked
//     after address_id) when none of lat, long, address_string, address_id is given; malformed
//     attribute[...] names (one error); then each variable attribute of the definition in its
//     order (one value only, required, number / datetime syntax, list keys, text caps).
Parsed<NewRequest> parse_new_request(const http::FormData& form, const ServiceLookup& lookup);

// parse_new_request without the api_key (left empty): the portal's own form (form.cpp) reads the
// same fields with the same rules, errors and order, from the service_code check on.
Parsed<NewRequest> parse_report_fields(const http::FormData& form, const ServiceLookup& lookup);

// FixMyStreet's POST servicerequestupdates.(xml|json): a citizen's update of a request, posted by
// the client that filed it (mySociety "Open311 service request updates" extension). Text caps
// and checks as NewRequest's.
struct NewUpdate {
  std::string api_key;             // present; not yet checked against the issued keys
  std::string jurisdiction_id;
  std::string service_request_id;  // required; whether it exists is the caller's (404)
  std::string update_id;           // the client's own id of the update, optional
  UpdateStatus status = UpdateStatus::open;       // required
  std::optional<DateTime> updated_datetime;       // optional: when the client made it
  std::string description;                        // required, multi-line, <= kMaxDescription
  std::string media_url;                          // http:// or https://
  std::string email, first_name, last_name, account_id;
  friend bool operator==(const NewUpdate&, const NewUpdate&) = default;
};

// Reads and validates the form. Errors: api_key absent: only {403, "api_key: required"};
// otherwise every 400 found, in the order jurisdiction_id, service_request_id (required),
// update_id, status (required; a name of UpdateStatus, any case), updated_datetime,
// description (required), media_url, email, first_name, last_name, account_id.
Parsed<NewUpdate> parse_new_update(const http::FormData& form);

}  // namespace tinhso::open311
