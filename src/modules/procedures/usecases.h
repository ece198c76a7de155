#pragma once
// The administrators' use cases over the catalogue. Each runs inside the caller's transaction:
// on success it writes the change and one audit record per procedure changed (before/after
// summaries); otherwise it writes nothing and says why. Permissions are checked by the caller
// (permissions.h).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "modules/audit/api.h"
#include "modules/procedures/catalogue_file.h"
#include "modules/procedures/form_template.h"
#include "modules/procedures/procedure.h"

namespace tinhso::procedures {

// Who changes what, when; `audit` appends the record in the same transaction.
struct Actor {
  std::string name;  // stored as updated_by: the administrator's e-mail, or "demo"
  std::string at;    // ISO-8601 UTC
  audit::Recorder audit;
};

enum class Status { done, not_found, invalid };

struct Outcome {
  Status status = Status::done;
  std::vector<Problem> problems;  // when invalid
};

// A new procedure; its code must be unused.
Outcome create_procedure(soci::session& s, Record r, const Actor& who);
// Replaces everything of procedure `code` but its code (stable: dossiers and imports refer to it).
Outcome edit_procedure(soci::session& s, const std::string& code, Record r, const Actor& who);
// Inactive procedures stay listed for administrators and accept no new dossiers.
Outcome set_active(soci::session& s, const std::string& code, bool active, const Actor& who);
// Deletes a procedure; throws soci::soci_error (is_reference_violation, store.h) when dossiers
// refer to it, which rolls the caller's transaction back.
Outcome remove_procedure(soci::session& s, const std::string& code, const Actor& who);

// A form template as uploaded for the document at `position` (1-based) of a procedure. `bytes` may
// be left empty when `size` is over kMaxFormBytes (it need not be read).
struct FormUpload {
  int position = 0;
  std::string client_name;
  std::uint64_t size = 0;
  std::string bytes;
};
// Stores (or replaces) the template of one document after check_form: not_found when the
// procedure or the position does not exist; invalid with one problem for the field
// "form-<position>" (procedures.error.form_missing / form_too_big / form_type) otherwise.
// `sha256_hex` and `to_base64` come from core/document/files.h.
Outcome upload_form(soci::session& s, const std::string& code, const FormUpload& upload, const Actor& who);
// Removes the template of one document; not_found when there is none.
Outcome remove_form(soci::session& s, const std::string& code, int position, const Actor& who);

struct ImportOutcome {
  Status status = Status::done;
  std::vector<RowProblem> problems;  // when invalid: every problem of the file
  FileFormat format = FileFormat::csv;
  std::size_t created = 0, updated = 0, unchanged = 0;
};
// Upserts every procedure of a CSV or JSON file (catalogue_file.h) by code: the whole file or
// nothing. Unknown agency codes are problems of their rows.
ImportOutcome import_catalogue(soci::session& s, std::string_view text, const Actor& who);

}  // namespace tinhso::procedures
