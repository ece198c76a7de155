#pragma once
// Open311 GeoReport v2 wire formats: the path's format suffix and the XML and JSON answers of
// every resource, in the shapes the spec shows (../shared/domain/OPEN311.md; open311.github.io
// "GeoReport v2"). Pure: no I/O, Boost, SOCI or ICU, so it is fuzzed
// (tests/fuzz/open311_request_fuzz.cpp).
//
// Shapes (XML root > item; JSON):
//   services            <services><service>…                       [ {…}, … ]
//   service definition  <service_definition><service_code/><attributes><attribute>…<values><value>
//                                                                   { "service_code", "attributes":[…] }
//   requests            <service_requests><request>…               [ {…}, … ]
//   POST requests       <service_requests><request>…               [ {…} ]
//   tokens              <service_requests><request>…               [ {…} ]
//   discovery           <discovery>…<endpoints><endpoint>…<formats><format>
//                                                                   { …, "endpoints":[…] }
//   errors              <errors><error><code/><description/>        [ {"code":400,"description":…} ]
//   updates (FMS)       <service_request_updates><request_update>…  [ {…}, … ]
// The service definition and discovery are single objects in the spec, every other JSON answer
// is a bare array (never wrapped). Fields are written in the spec's order, every field always:
// an absent optional one as null / an empty element (<x></x>), as the spec's examples do. The
// exception: `values` is written only for list attributes. Identifiers (service_request_id,
// service_code, address_id, zipcode, token, account_id, update_id) are JSON strings; lat, long,
// order and code are JSON numbers; metadata, variable and required are booleans.
//
// Text: every string goes through sanitize_text first, so both formats carry the same text and
// the output is always well-formed UTF-8 XML 1.0 / JSON, whatever bytes the structs hold.
// XML is compact (no indentation) after `<?xml version="1.0" encoding="utf-8"?>` and a newline.
#include <span>
#include <string>
#include <string_view>

#include "modules/open311/types.h"

namespace tinhso::open311 {

// The response format, chosen by the path suffix (GeoReport v2 "Formats": .xml required, .json
// optional; we serve both).
enum class Format { xml, json };

// "text/xml; charset=utf-8" or "application/json; charset=utf-8" (OPEN311.md).
std::string_view content_type(Format f);

struct Resource {
  std::string path;  // the path without the suffix: "requests", "requests/123", "discovery"
  Format format = Format::xml;
  friend bool operator==(const Resource&, const Resource&) = default;
};

// Splits the path below the base path (/open311/v2/) into resource and format at the last '.'
// of the last segment: "requests.json" → {"requests", json}, "requests/123.xml" →
// {"requests/123", xml}, "services/A.1.json" → {"services/A.1", json}. The suffix is exactly
// "xml" or "json" (lower case). Errors (code 404: without a known format there is no such
// resource, OPEN311.md "404 unknown resource"): no suffix, another suffix, an empty name before
// the dot, or a path that is not valid UTF-8. Answer such errors in XML, the required format.
Parsed<Resource> split_format(std::string_view path);

// Text as it goes out: bytes that are not well-formed UTF-8 become U+FFFD, one per byte;
// so do code points that XML 1.0 forbids (C0 controls other than TAB, LF and CR; U+FFFE,
// U+FFFF). Everything else, Vietnamese included, is kept byte for byte.
std::string sanitize_text(std::string_view s);

// sanitize_text, then & < > " ' become &amp; &lt; &gt; &quot; &apos; and CR becomes &#13; (a
// literal CR would be turned into LF by XML parsers).
std::string xml_escape(std::string_view s);

// Numbers as written in both formats: the shortest fixed-point text that reads back to the same
// double ("21.0285", "-122.4651145", "105"). Precondition: finite.
std::string format_number(double v);

// ---- Answers ----
std::string render_services(std::span<const Service> services, Format f);
std::string render_service_definition(const ServiceDefinition& d, Format f);
std::string render_requests(std::span<const ServiceRequest> requests, Format f);
std::string render_request_created(const RequestCreated& r, Format f);
std::string render_tokens(std::span<const TokenStatus> tokens, Format f);
std::string render_discovery(const Discovery& d, Format f);
std::string render_errors(std::span<const Error> errors, Format f);
// FixMyStreet: GET servicerequestupdates, and the answer to POST servicerequestupdates (a list
// with one request_update holding only update_id).
std::string render_request_updates(std::span<const RequestUpdate> updates, Format f);
std::string render_update_created(std::string_view update_id, Format f);

}  // namespace tinhso::open311
