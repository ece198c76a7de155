#pragma once
// The procedures module: the catalogue of administrative procedures (thủ tục hành chính) — code,
// name, field, level, the agency that handles it and the one-stop desk that receives it, the
// statutory time limit, fees, required documents and internal steps (Decree 61/2018/NĐ-CP;
// Decree 63/2010/NĐ-CP on publishing procedures) — with public pages, administrators' pages,
// CSV/JSON import and the demo province's procedures. Other modules read procedures only
// through the functions below.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/app/module.h"
#include "core/calendar/deadline.h"

namespace tinhso::procedures {

app::Module module();

// One document the applicant must (or may) provide.
struct RequiredDocument {
  std::int64_t id = 0;
  int position = 0;              // 1-based order on the form
  std::string name;              // Vietnamese, as published
  bool mandatory = true;
  std::string template_url;      // optional link to the official form template ("" if none)
};

// One internal processing step and its share of the time limit (shares of a procedure sum to 100).
struct Step {
  std::int64_t id = 0;
  int position = 0;
  std::string name;
  int share_percent = 0;
};

enum class Level { province, commune };

// How the fee is stated: `fixed` — fee_vnd đồng (0 = free); `regulated` — set by a regulation the
// catalogue does not quote as one amount (e.g. a provincial People's Council resolution, or rates
// by page or by case): the page says "Theo quy định" and fee_note explains; fee_vnd is then 0.
enum class FeeKind { fixed, regulated };

struct Procedure {
  std::int64_t id = 0;
  std::string code;              // unique, e.g. "1.001612" (national code) or a local code
  std::string name;              // Vietnamese
  std::string name_en;           // English ("" if none: the Vietnamese name is shown)
  std::string field;             // lĩnh vực, e.g. "Hộ tịch"
  Level level = Level::province;
  std::int64_t agency_id = 0;    // the agency that handles (processes) dossiers
  std::int64_t desk_agency_id = 0;  // the one-stop desk that receives them and returns results
  // The statutory time limit: an amount (the field keeps its first name) in `time_limit_unit`,
  // working days ("N ngày làm việc") or calendar days ("N ngày", Civil Code 2015 Art. 147–148),
  // counted by calendar::DeadlineEngine from the receipt; 0 = due on the day of receipt.
  int time_limit_working_days = 0;
  calendar::Unit time_limit_unit = calendar::Unit::working_days;
  std::string legal_basis;       // citation of the time limit
  FeeKind fee_kind = FeeKind::fixed;
  std::int64_t fee_vnd = 0;      // with FeeKind::fixed, 0 = free
  std::string fee_note;          // the fee as text: rates, exemptions, the regulation it comes from
  // What a citizen needs before going (Decree 63/2010/NĐ-CP Art. 8(1)): the conditions to meet
  // (yêu cầu, điều kiện thực hiện; "" = none beyond the documents), where the dossier is received
  // (the desk agency's office and address) and when (office hours). Plain text, lines kept.
  std::string conditions;
  std::string receipt_place;
  std::string office_hours;
  bool fully_online = false;     // dịch vụ công trực tuyến toàn trình (implies online_submission)
  bool online_submission = true;  // a dossier may be submitted online; else only at the desk
  bool active = true;            // inactive procedures accept no new dossiers
  std::vector<RequiredDocument> documents;
  std::vector<Step> steps;
};

// The procedure with its documents and steps; nullopt if there is none.
std::optional<Procedure> find_procedure(soci::session& s, std::int64_t id);
std::optional<Procedure> find_procedure_by_code(soci::session& s, const std::string& code);

// The code and names of procedure `id`, in one statement (lists and the public look-up).
struct ProcedureName {
  std::string code, name, name_en;
};
std::optional<ProcedureName> procedure_name(soci::session& s, std::int64_t id);

// An active procedure with the desk that receives it (the counter's procedure list).
struct ProcedureChoice {
  std::string code, name, name_en, field;
  std::int64_t desk_agency_id = 0;
};
// Every active procedure, by field then Vietnamese name order, in one statement
// (store_choices.cpp).
std::vector<ProcedureChoice> active_procedure_choices(soci::session& s);

// What the indicators module counts of the catalogue (issue 17 §5; Decision 766 groups 1 and 3):
// every active procedure with its handling agency, whether a dossier may be submitted online and
// whether it is fully online, and whether its page is complete — the parts Decree 63/2010/NĐ-CP
// Art. 8(2) requires a published procedure to state that the catalogue holds: the legal basis,
// where and when dossiers are received, the fee (an amount, or the regulation's note) and at
// least one required document. By id; one statement (store_choices.cpp).
struct CatalogueFlags {
  std::int64_t id = 0, agency_id = 0;
  bool online_submission = false, fully_online = false, complete = false;
};
std::vector<CatalogueFlags> catalogue_flags(soci::session& s);

}  // namespace tinhso::procedures
