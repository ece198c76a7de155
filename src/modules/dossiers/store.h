#pragma once
// The dossier store's core: the dossier row, its history, pauses, code counters and monthly
// figures. Every function runs in the caller's session (inside its transaction for writes).
// More of the module's SQL lives in store_*.cpp files by topic; all of it is in this module.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "modules/dossiers/dossier.h"

namespace tinhso::dossiers {

std::optional<Dossier> find_dossier(soci::session& s, std::int64_t id);
std::optional<Dossier> find_dossier_by_code(soci::session& s, const std::string& code);
std::optional<Dossier> find_dossier_by_idempotency_key(soci::session& s, const std::string& key);

// Inserts `d` (its id is ignored) and returns the new id.
std::int64_t insert_dossier(soci::session& s, const Dossier& d);
// Writes every mutable column of `d` and bumps its version, provided the stored version is still
// d.version; returns false (writing nothing) when someone changed it in between.
bool update_dossier(soci::session& s, const Dossier& d);

// The next sequence number for a code prefix ("TTHCC-261126"), 1 for the first; atomic within
// the caller's transaction on both dialects.
std::int64_t next_code_sequence(soci::session& s, const std::string& prefix);

struct Event {
  std::int64_t id = 0;
  std::string at, action, from_state, to_state;
  std::int64_t actor_account_id = 0;  // 0: none (the system)
  std::string actor_role;             // applicant, one_stop_officer, specialist, agency_leader, system
  std::int64_t agency_id = 0;
  std::string note;
};
void append_event(soci::session& s, std::int64_t dossier_id, const Event& e);
std::vector<Event> load_events(soci::session& s, std::int64_t dossier_id);

std::vector<PauseRow> load_pauses(soci::session& s, std::int64_t dossier_id);
void open_pause(soci::session& s, std::int64_t dossier_id, const std::string& at);
void close_pause(soci::session& s, std::int64_t dossier_id, const std::string& at);

// Adds the deltas to the figures of (agency, month 'YYYY-MM'), creating the row if needed.
struct StatsDelta {
  long long received = 0, received_online = 0, open_count = 0, on_time = 0, late = 0;
};
void add_stats(soci::session& s, std::int64_t agency_id, const std::string& month, const StatsDelta& delta);

}  // namespace tinhso::dossiers
