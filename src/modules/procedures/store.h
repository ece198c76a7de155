#pragma once
// All SQL of the procedures module (internal; other modules use api.h). Reads the directory's
// agencies(id, code, name) to show and resolve agencies.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "modules/procedures/procedure.h"

namespace tinhso::procedures {

// A procedure with the codes and names of its agencies, as the pages show it.
struct Detail {
  Record record;  // record.procedure.agency_id / desk_agency_id and the codes
  std::string agency_name;
  std::string desk_agency_name;
};

// The procedure (by code or by id) with its documents and steps: three statements.
std::optional<Detail> load_by_code(soci::session& s, const std::string& code);
std::optional<Detail> load_by_id(soci::session& s, std::int64_t id);
std::optional<ProcedureName> load_name(soci::session& s, std::int64_t id);
// Every procedure, active or not, in Vietnamese name order: three statements.
std::vector<Detail> load_all(soci::session& s);

// One line of a list.
struct Listed {
  std::string code, name, name_en, field;
  Level level = Level::province;
  std::string agency_code, agency_name;
  int time_limit_working_days = 0;  // in time_limit_unit
  calendar::Unit time_limit_unit = calendar::Unit::working_days;
  FeeKind fee_kind = FeeKind::fixed;
  std::int64_t fee_vnd = 0;
  std::string fee_note;
  bool fully_online = false;
  bool active = true;
};

struct Search {
  std::string q;            // free text: every word must occur, accents and case ignored
  std::string field;        // exact field, "" = any
  std::optional<Level> level;
  std::string agency_code;  // the handling agency, "" = any
  bool include_inactive = false;
  int page = 1;             // 1-based
  int per_page = 20;
};

struct Found {
  std::int64_t total = 0;  // matching procedures on all pages
  std::vector<Listed> items;
};

// One page of matching procedures in Vietnamese name order: two statements (count, page)
// whatever the page size.
Found search(soci::session& s, const Search& q);

// The fields and the handling agencies (code, name) of the listed procedures, for the filters:
// one statement.
struct Facets {
  std::vector<std::string> fields;
  std::vector<std::pair<std::string, std::string>> agencies;
};
Facets facets(soci::session& s, bool include_inactive);

// Active agencies (id, code, name) for the administrators' form.
struct AgencyChoice {
  std::int64_t id = 0;
  std::string code, name;
};
std::vector<AgencyChoice> agency_choices(soci::session& s);

// Writes `r.procedure` with its documents and steps; ids of agencies must be resolved. `by` is
// the administrator's e-mail (or "demo"), `at` ISO-8601 UTC. Returns the procedure's id.
std::int64_t insert_procedure(soci::session& s, const Procedure& p, const std::string& at, const std::string& by);
// Rewrites procedure `p.id` (all but its code) with its documents and steps.
void update_procedure(soci::session& s, const Procedure& p, const std::string& at, const std::string& by);
void set_procedure_active(soci::session& s, std::int64_t id, bool active, const std::string& at, const std::string& by);
// Deletes the procedure, its documents and steps. A dossier that refers to it makes the
// database refuse: soci::soci_error for which is_reference_violation() holds.
void delete_procedure(soci::session& s, std::int64_t id);
// True if `e` is the database refusing a change that would break a foreign key (SQLite
// "FOREIGN KEY constraint failed", PostgreSQL SQLSTATE 23503). SOCI 4.0.3's SQLite backend does not classify
// its errors, so get_error_category() cannot tell.
bool is_reference_violation(const soci::soci_error& e);

// ---- form templates (table procedure_forms) ----

// A stored form template: the document position it belongs to, its name and type as served.
struct FormInfo {
  int position = 0;
  std::string file_name;
  std::string content_type;
  std::uint64_t size = 0;
  std::string sha256;
  std::string uploaded_at;  // ISO-8601 UTC
  std::string uploaded_by;  // the administrator's e-mail, or "demo"
};
struct FormFile {
  FormInfo info;
  std::string content_base64;
};

// The templates of procedure `procedure_id` by position, without their content: one statement.
std::vector<FormInfo> list_forms(soci::session& s, std::int64_t procedure_id);
std::optional<FormFile> load_form(soci::session& s, std::int64_t procedure_id, int position);
// Stores (or replaces) the template of document `info.position`.
void put_form(soci::session& s, std::int64_t procedure_id, const FormInfo& info, const std::string& content_base64);
void delete_form(soci::session& s, std::int64_t procedure_id, int position);

}  // namespace tinhso::procedures
