#pragma once
// How an Open311 report becomes a case (issue 6 §6): a petition of kind feedback (phản ánh,
// Decree 20/2008/NĐ-CP) through the open311 channel, handled by the service's agency in the
// petitions workflow with the legal due days of feedback (petitions/rules.h).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/app/module.h"
#include "modules/audit/api.h"
#include "modules/open311/request_form.h"
#include "modules/open311/store.h"
#include "modules/petitions/api.h"

namespace tinhso::open311 {

// The petition a report becomes (not stored): subject "service — place", content the
// reporter's description, the answered attributes (by their Vietnamese names), the place and the
// media URL; category the service code (so a per-category resolve period applies); the filer's
// name and contact from the report; received at the report's moment.
petitions::Petition petition_of(const ServiceRecord& service, const std::vector<AttributeRecord>& attributes,
                                const ReportRecord& report);

// In the caller's transaction: records the report's petition (petitions::receive, its one audit
// record through `rec`: the API client's request, the portal form's unlinked request, or the
// system actor "open311" of the intake job) and links the report to it. Returns the petition, or
// nullopt when the report was linked already (another node's intake won): then nothing is written
// and the caller must roll back.
std::optional<petitions::Petition> make_case(soci::session& s, app::Context& ctx, const audit::Recorder& rec,
                                             const ServiceRecord& service, const ReportRecord& report);

// A report as filed, whoever filed it.
struct Filed {
  std::int64_t report_id = 0;
  std::string token;                             // the report's token (GET tokens/{token})
  std::optional<petitions::Petition> petition;   // nullopt: queued (a batch service)
};
// THE intake of a validated report, shared by POST requests (api_routes.cpp) and the portal's
// "Gửi phản ánh" form (form.cpp), in the caller's transaction: stores the report of `n` for
// `service` as filed by key `api_key_id` at `requested_at` (ISO-8601 UTC), writes the audit
// record "open311.report" through `rec` (service and key only: it names no reporter), and for a
// realtime service makes its petition at once (make_case); a batch service's report waits for the
// intake job. Throws std::logic_error if the new report was linked twice.
Filed file_report(soci::session& s, app::Context& ctx, const audit::Recorder& rec, const ServiceRecord& service,
                  const NewRequest& n, std::int64_t api_key_id, const std::string& requested_at);

// The intake job: every node wakes every kIntakePeriod and turns queued reports (batch services)
// into petitions, each in its own transaction; attach_petition's conditional update makes each
// report a petition once even when nodes race. Returns the number made on this pass.
inline constexpr std::chrono::seconds kIntakePeriod{2};
int run_intake_pass(app::Context& ctx);
void start_intake(app::Context& ctx);
void stop_intake();

// ---- API keys ----
// A new key: "o311_" and 43 characters of base64url (32 random bytes).
std::string generate_api_key();
// Lower-case hex SHA-256 of the key: what the database keeps.
std::string api_key_hash(std::string_view key);
// The first characters of a key, shown to administrators to tell keys apart.
std::string api_key_prefix(std::string_view key);
// A random token for a queued report (base64url of 18 bytes).
std::string random_token();

}  // namespace tinhso::open311
