#pragma once
// The directory's use cases: create and edit admin units and agencies, and import them from
// CSV. Each runs in the caller's transaction, writes one audit record per change, and returns
// the problems found (empty = done). Permissions are checked by the caller (permissions.h).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/app/module.h"
#include "modules/audit/api.h"
#include "modules/directory/agency.h"
#include "modules/directory/unit.h"

namespace tinhso::directory {

// The agencies an administrator may change (permissions.h directory_scope): nullopt =
// province-wide; otherwise their agency and every agency below it (agency.h check_scope).
using Scope = std::optional<std::vector<std::int64_t>>;

struct Outcome {
  std::int64_t id = 0;            // the created or updated object
  std::vector<Problem> problems;  // empty on success
};

Outcome create_unit(soci::session& s, AdminUnit u, bool parent_given, bool successor_given, const audit::Recorder& rec);
// Changes name, valid_to, successor and the remote flag of unit `u.id`; other fields of `u` are
// ignored.
Outcome edit_unit(soci::session& s, const AdminUnit& u, bool successor_given, const audit::Recorder& rec);
// Both refuse, with a problem on field "id" (edit: outside the scope) or "parent", what the
// scope does not allow. Editing keeps the end (valid_to, successor): only end_agency sets it.
Outcome create_agency(soci::session& s, const Agency& a, bool parent_given, const Scope& scope,
                      const audit::Recorder& rec);
Outcome edit_agency(soci::session& s, const Agency& a, bool parent_given, const Scope& scope,
                    const audit::Recorder& rec);

// Ends agency `id` on `valid_to` (its last day, not after `today`) with `successor`, and in the
// same transaction hands its open cases to the successor through every module's hook
// (app::HandOver; each audits the cases it moves as "agency.hand_over" through `rec`). One
// audit record "agency.end" for the agency. Refused (problems) per agency.h check_end and check_end_scope;
// a problem on field "id" means not found or outside the scope.
struct EndOutcome {
  std::vector<Problem> problems;
  int handed_over = 0;  // cases moved, all modules together
};
EndOutcome end_agency_now(soci::session& s, std::int64_t id, const std::string& valid_to,
                          std::optional<std::int64_t> successor, std::string_view today, const Scope& scope,
                          const std::vector<app::HandOverAgency>& hooks, const audit::Recorder& rec);

// One import problem: the CSV line and a catalog message id.
struct RowProblem {
  std::size_t line = 0;
  std::string message_id;
};

// Imports a CSV of admin units (header: code,name,level,parent_code,valid_from,valid_to and an
// optional remote column: true/1, or false/0/empty, unit.h parse_remote; the parent is the unit with that code valid on the row's valid_from, already stored or earlier in
// the file) or of agencies (header: code,name,kind,admin_unit_code,parent_code,active and the
// optional columns valid_from, valid_to, successor_code; the unit is the one with that code valid
// on `today`, else its latest; the parent and the successor an existing agency or an earlier row;
// a row with valid_to is an agency that already ended: it needs a successor, is stored inactive
// and has no cases to hand over). Rows are created in order, each checked against `scope`; on
// any problem the caller must roll back.
// Returns the number of rows created, or the problems.
struct ImportOutcome {
  std::size_t created = 0;
  std::vector<RowProblem> problems;
};
ImportOutcome import_units(soci::session& s, std::string_view csv, const audit::Recorder& rec);
ImportOutcome import_agencies(soci::session& s, std::string_view csv, std::string_view today, const Scope& scope,
                              const audit::Recorder& rec);

// Short before/after summaries for the audit log.
std::string summary(const AdminUnit& u);
std::string summary(const Agency& a);

}  // namespace tinhso::directory
