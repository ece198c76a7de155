#pragma once
// The objects of Open311 GeoReport v2 (../shared/domain/OPEN311.md; open311.github.io, pages
// "GeoReport v2" and "Service Discovery") and of FixMyStreet's servicerequestupdates extension,
// as plain values. No I/O. Text members hold UTF-8; the serializers (format.h) write any byte
// sequence safely, the validators (request_form.h, query.h) only accept well-formed text.
//
// Convention for optional text: an empty string means "absent". The serializers write an absent
// optional field as JSON null and as an empty XML element, the way the spec's examples do
// (e.g. "description":null / <description></description> in GET requests).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/open311/datetime.h"

namespace tinhso::open311 {

// ---- Enumerations, each with its wire name and a strict parser (exact, lower case) ----

// GET services: how a service's requests are handled (GeoReport v2 "GET Service List").
enum class ServiceType { realtime, batch, blackbox };
std::string_view service_type_name(ServiceType t);
std::optional<ServiceType> parse_service_type(std::string_view s);

// GET services/{code}: an attribute's datatype (GeoReport v2 "GET Service Definition").
enum class Datatype { string, number, datetime, text, singlevaluelist, multivaluelist };
std::string_view datatype_name(Datatype d);
std::optional<Datatype> parse_datatype(std::string_view s);
bool is_list(Datatype d);  // singlevaluelist or multivaluelist

// A service request's status (GeoReport v2 "GET Service Requests": open or closed only).
enum class Status { open, closed };
std::string_view status_name(Status s);
std::optional<Status> parse_status(std::string_view s);

// Discovery: the kind of an endpoint (GeoReport v2 "Service Discovery").
enum class EndpointType { production, test };
std::string_view endpoint_type_name(EndpointType t);

// FixMyStreet servicerequestupdates: the status an update moves a request to. The extension
// adds FixMyStreet's states to open/closed; it writes them in upper case ("OPEN") when it posts
// and reads them case-insensitively, the mySociety open311-adapter writes them in lower case:
// we write lower case and parse either case.
enum class UpdateStatus {
  open,
  closed,
  fixed,
  in_progress,
  action_scheduled,
  investigating,
  duplicate,
  not_councils_responsibility,
  no_further_action,
  internal_referral,
};
std::string_view update_status_name(UpdateStatus s);
std::optional<UpdateStatus> parse_update_status(std::string_view s);  // ASCII case-insensitive

// ---- Objects ----

// One element of GET services (GeoReport v2 "GET Service List").
struct Service {
  std::string service_code;  // required
  std::string service_name;  // required
  std::string description;   // optional
  bool metadata = false;     // true when GET services/{code} has attributes to fill in
  ServiceType type = ServiceType::realtime;
  std::string keywords;  // optional, comma separated
  std::string group;     // optional
  friend bool operator==(const Service&, const Service&) = default;
};

// One allowed value of a list attribute.
struct AttributeValue {
  std::string key;   // what the client sends back in attribute[code]
  std::string name;  // what the client shows
  friend bool operator==(const AttributeValue&, const AttributeValue&) = default;
};

// One attribute of a service definition (GeoReport v2 "GET Service Definition").
struct Attribute {
  // false: the attribute only shows information to the user; no input is taken for it and
  // request_form.h ignores anything sent for it.
  bool variable = true;
  std::string code;  // required; must not contain '[' or ']' (it becomes attribute[code])
  Datatype datatype = Datatype::string;
  bool required = false;
  std::string datatype_description;  // optional
  int order = 0;
  std::string description;             // required: the question shown to the user
  std::vector<AttributeValue> values;  // list datatypes only; written only for them
  friend bool operator==(const Attribute&, const Attribute&) = default;
};

struct ServiceDefinition {
  std::string service_code;
  std::vector<Attribute> attributes;  // written in this order
  friend bool operator==(const ServiceDefinition&, const ServiceDefinition&) = default;
};

// One element of GET requests and GET requests/{id} (GeoReport v2 "GET Service Requests").
// `lon` is the spec's `long` (a C++ keyword).
struct ServiceRequest {
  std::string service_request_id;  // required
  Status status = Status::open;
  std::string status_notes;
  std::string service_name;
  std::string service_code;
  std::string description;
  std::string agency_responsible;
  std::string service_notice;
  DateTime requested_datetime;
  std::optional<DateTime> updated_datetime;
  std::optional<DateTime> expected_datetime;
  std::string address;
  std::string address_id;
  std::string zipcode;
  std::optional<double> lat;  // written only when both lat and lon are finite
  std::optional<double> lon;
  std::string media_url;
  friend bool operator==(const ServiceRequest&, const ServiceRequest&) = default;
};

// The answer to POST requests (GeoReport v2 "POST Service Request"): a list with one element
// holding service_request_id or token, not both. Contract: exactly one of the two is non-empty;
// when both are, only service_request_id is written.
struct RequestCreated {
  std::string service_request_id;
  std::string token;
  std::string service_notice;  // optional
  std::string account_id;      // optional
  friend bool operator==(const RequestCreated&, const RequestCreated&) = default;
};

// One element of GET tokens/{token} (GeoReport v2 "GET request_id from a token").
// service_request_id is empty while the request is not created yet (written as null / empty).
struct TokenStatus {
  std::string service_request_id;
  std::string token;
  friend bool operator==(const TokenStatus&, const TokenStatus&) = default;
};

// GET discovery (Open311 "Service Discovery").
inline constexpr std::string_view kSpecificationUrl = "http://wiki.open311.org/GeoReport_v2";

struct Endpoint {
  std::string specification{kSpecificationUrl};
  std::string url;  // the endpoint's base URL, e.g. "https://example.gov.vn/open311/v2"
  DateTime changeset;
  EndpointType type = EndpointType::production;
  std::vector<std::string> formats{"text/xml", "application/json"};
  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

struct Discovery {
  DateTime changeset;
  std::string contact;
  std::string key_service;  // how to get an api_key
  std::vector<Endpoint> endpoints;
  friend bool operator==(const Discovery&, const Discovery&) = default;
};

// One error of an error answer (GeoReport v2 "Errors"). `code` is the HTTP status (OPEN311.md:
// 404 unknown resource / service_code / jurisdiction, 403 missing or bad api_key, 400 anything
// else). `description` is developer-facing API text in English, starting with the parameter it
// is about ("lat: ..."); it is not shown to citizens (those see catalog messages).
struct Error {
  int code = 400;
  std::string description;
  friend bool operator==(const Error&, const Error&) = default;
};

// The HTTP status of an error answer: the code of the first error (the validators put the
// deciding one first), 400 for an empty list.
int http_status(const std::vector<Error>& errors);

// FixMyStreet's GET servicerequestupdates element (<request_update>).
struct RequestUpdate {
  std::string update_id;
  std::string service_request_id;
  UpdateStatus status = UpdateStatus::open;
  DateTime updated_datetime;
  std::string description;  // optional
  std::string media_url;    // optional
  friend bool operator==(const RequestUpdate&, const RequestUpdate&) = default;
};

// A value or the errors that prevent it, never both (the validators' outcome).
template <class T>
struct Parsed {
  std::optional<T> value;
  std::vector<Error> errors;  // empty exactly when value is set
  bool ok() const { return value.has_value(); }
};

}  // namespace tinhso::open311
