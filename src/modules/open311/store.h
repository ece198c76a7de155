#pragma once
// All SQL of the open311 module. Every function runs on the caller's session (and so in the
// caller's transaction); parameters are bound, never spliced. Reads of a request join the
// petition it became (state, code, due day, last change, history) only through the petitions
// module's read model (petitions/api.h: channel_petitions, channel_petition_events,
// channel_petition_versions), and its agency.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "modules/open311/types.h"

namespace tinhso::open311 {

// ---- Services (configured as data) ----
struct ValueRecord {
  std::string key, name_vi, name_en;
};
struct AttributeRecord {
  std::string code;
  Datatype datatype = Datatype::string;
  bool required = false, variable = true;
  std::string description_vi, description_en, datatype_description_vi, datatype_description_en;
  std::vector<ValueRecord> values;
};
struct ServiceRecord {
  std::int64_t id = 0;
  std::string code, name_vi, name_en, description_vi, description_en, keywords, group_vi, group_en;
  ServiceType type = ServiceType::realtime;
  std::int64_t agency_id = 0;
  bool active = true;
  int sort_order = 0;
  bool has_attributes = false;  // read only: whether attributes exist (GET services "metadata")
  std::string updated_at;
};

// Services by sort order then code; inactive ones too unless `active_only`.
std::vector<ServiceRecord> list_services(soci::session& s, bool active_only);
std::optional<ServiceRecord> find_service(soci::session& s, const std::string& code);
std::optional<ServiceRecord> find_service_by_id(soci::session& s, std::int64_t id);
// The attributes of a service with their values, in order.
std::vector<AttributeRecord> service_attributes(soci::session& s, std::int64_t service_id);
// Inserts or replaces (by code) a service and its attributes; returns its id.
std::int64_t save_service(soci::session& s, const ServiceRecord& service, const std::vector<AttributeRecord>& attributes);

// ---- API keys ----
struct ApiKey {
  std::int64_t id = 0;
  std::string name, prefix, created_at, revoked_at;
  std::int64_t created_by = 0;
  bool active() const { return revoked_at.empty(); }
};
std::int64_t insert_api_key(soci::session& s, const std::string& name, const std::string& key_hash,
                            const std::string& prefix, const std::string& now, std::int64_t created_by);
std::optional<ApiKey> find_api_key_by_hash(soci::session& s, const std::string& key_hash);
std::optional<ApiKey> find_api_key(soci::session& s, std::int64_t id);
// The keys administrators issued (never the portal form's own, kWebFormKeyHash).
std::vector<ApiKey> list_api_keys(soci::session& s);
// false when the key does not exist, is already revoked, or is the portal form's own.
bool revoke_api_key(soci::session& s, std::int64_t id, const std::string& now, std::int64_t by);

// The key_hash of the row the portal's own form files its reports under (migration 005); no
// hex SHA-256 equals it, so no API client can post with it.
inline constexpr std::string_view kWebFormKeyHash = "web-form";
// That row's id.
std::int64_t web_form_key_id(soci::session& s);

// Counts one POST by key `key_id` in `minute` ("YYYY-MM-DDTHH:MM") and returns the minute's count
// so far, this one included.
int count_post(soci::session& s, std::int64_t key_id, const std::string& minute);
// Deletes the counts of minutes before `minute`.
void prune_key_usage(soci::session& s, const std::string& minute);

// ---- Reports ----
struct ReportRecord {
  std::int64_t id = 0;
  std::string token;
  std::int64_t service_id = 0;
  std::int64_t petition_id = 0;  // 0: not yet a petition (a batch service's queued report)
  std::int64_t api_key_id = 0;
  std::optional<double> lat, lon;
  std::string address, address_id, media_url, device_id, account_id, description, attributes;
  std::string first_name, last_name, email, phone;
  std::string requested_at;  // ISO-8601 UTC
};
std::int64_t insert_report(soci::session& s, const ReportRecord& r);
// Links a report to the petition it became and blanks the reporter's personal fields (they now
// live on the petition): false when another node linked it first (the report's petition_id was
// no longer NULL), so a report becomes a petition once.
bool attach_petition(soci::session& s, std::int64_t report_id, std::int64_t petition_id);
std::optional<ReportRecord> find_report_by_token(soci::session& s, const std::string& token);
// The report behind petition `code`, if that petition came through Open311.
std::optional<ReportRecord> find_report_by_code(soci::session& s, const std::string& code);
// The code of petition `petition_id` ("" when none).
std::string petition_code(soci::session& s, std::int64_t petition_id);
// Queued reports (petition_id NULL), oldest first.
std::vector<ReportRecord> pending_reports(soci::session& s, int limit);

// ---- Photos sent with the portal's form (migration 005) ----
struct PhotoRecord {
  std::string name;  // random, with the type's extension: the last segment of its URL
  std::int64_t report_id = 0;
  std::string content_type, sha256, created_at;
  std::string bytes;  // the file itself (stored as base64)
};
void insert_photo(soci::session& s, const PhotoRecord& p);
std::optional<PhotoRecord> find_photo(soci::session& s, const std::string& name);

// Counts one post of the form by `bucket` in `hour` ("YYYY-MM-DDTHH") and returns the hour's
// count so far, this one included; prune_form_usage deletes the hours before `hour`.
int count_form_post(soci::session& s, const std::string& bucket, const std::string& hour);
void prune_form_usage(soci::session& s, const std::string& hour);

// ---- Requests as GET requests shows them ----
struct RequestRow {
  std::string code;  // the petition's code: the service_request_id
  std::string state;
  std::string service_code, service_name_vi, service_name_en;
  std::string agency_name;
  std::string requested_at, updated_at, resolve_due;
  std::string address, address_id, media_url, description;
  std::optional<double> lat, lon;
  std::string status_note;  // the reasons of a refusal / the decision's reference, once final
};
struct RequestSearch {
  std::vector<std::string> codes;          // non-empty: these only, other filters ignored
  std::vector<std::string> service_codes;  // empty: every service
  std::string from, to;                    // requested_at window, ISO-8601 UTC, inclusive
  std::vector<std::string> states;         // petition states; empty: every state
  int limit = 1000, offset = 0;
};
// Newest first. Only reports that became petitions.
std::vector<RequestRow> search_requests(soci::session& s, const RequestSearch& q);
// The number of reports search_requests would page through (for the public page's pager).
std::int64_t count_requests(soci::session& s, const RequestSearch& q);

// The version of what search_requests shows: open311_state.version (migration 002: raised by
// every change of a report or service) plus the petitions module's version of channel
// `open311` (raised by every change of one of its petitions); either change makes it larger.
std::int64_t answer_version(soci::session& s);

// ---- Updates (FixMyStreet servicerequestupdates) ----
// A change of a petition that came through Open311: its event.
struct UpdateRow {
  std::int64_t event_id = 0;
  std::string code, action, to_state, note, at;
};
// Events of Open311 petitions with `from` <= at <= `to` (ISO-8601 UTC; "" = unbounded), oldest
// first, at most `limit`.
std::vector<UpdateRow> list_updates(soci::session& s, const std::string& from, const std::string& to, int limit);

// The public history of request `code` (a petition of this channel), oldest first, at most
// `limit` events.
std::vector<UpdateRow> updates_of_request(soci::session& s, const std::string& code, int limit);

struct ClientUpdate {
  std::int64_t report_id = 0, api_key_id = 0;
  std::string client_update_id, status, description, media_url, updated_at, created_at;
};
std::int64_t insert_client_update(soci::session& s, const ClientUpdate& u);
std::vector<ClientUpdate> client_updates_of(soci::session& s, std::int64_t report_id);

}  // namespace tinhso::open311
