#pragma once
// What the intake pages share (intake.cpp, citizen.cpp, desk.cpp, lookup.cpp, receipt.cpp):
// message lookup, form fields, uploads checked by content (read through ctx.files), the dossier's
// page context, the receipt, and the Who and Env the use cases (usecases.h) are called with.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <mstch/mstch.hpp>
#include <soci/soci.h>

#include "core/app/module.h"
#include "core/auth/principal.h"
#include "core/web/fields.h"
#include "core/web/view.h"
#include "modules/dossiers/dossier.h"
#include "modules/dossiers/files.h"
#include "modules/dossiers/store_files.h"
#include "modules/dossiers/transition.h"
#include "modules/dossiers/usecases.h"
#include "modules/procedures/api.h"

namespace tinhso::dossiers::intake {

using web::View;

// A problem with a form: the field's id (for the error summary's link) and its message.
struct Problem {
  std::string field, message;
};
mstch::array problems_context(const std::vector<Problem>& problems);
// The form context of `problems`: "errors" (the summary's list), "has_errors", and "error" — a
// map from field to its message(s), several joined by a space — for the error at the field
// (`{{#error.applicant_name}}` in templates).
mstch::map problems_page_context(const std::vector<Problem>& problems);

using web::field;
[[noreturn]] void not_found(const std::string& what);
// A fresh random key for idempotency (43 characters of base64url).
std::string random_key();

// The applicant's part of a form (usecases.h).
using ApplicantForm = dossiers::Applicant;
using dossiers::applicant_of;
using dossiers::apply_applicant;
ApplicantForm applicant_from(const http::Request& req);
std::vector<Problem> check_applicant(const View& v, const ApplicantForm& a);
mstch::map applicant_context(const ApplicantForm& a);

// An upload read and checked: its type decided by its content (usecases.h).
using dossiers::Upload;
// The request's files: input "doc_<id>" for the procedure's document <id>, any other input name
// is taken as a file without a document (supplements, counter scans). Refused types and sizes
// become problems at the input naming the field — the document's name, or `others_label` (""
// = the documents as a whole) for other inputs — and the file; `existing_bytes` counts what the
// dossier already holds.
std::vector<Upload> read_uploads(const View& v, const procedures::Procedure& proc, std::uint64_t existing_bytes,
                                 std::size_t existing_files, std::vector<Problem>& problems,
                                 const std::string& others_label = {});
using dossiers::missing_documents;
using dossiers::store_uploads;

// Who changes a dossier from this request: its audit records go through the Recorder bound to
// the request (audit::for_request), the applicant is told through the injected notifier.
Who who(app::Context& ctx, const http::Request& req, Actor role, const auth::Principal& p);
// What the use cases (usecases.h) run with in this installation.
Env env(app::Context& ctx);

procedures::Procedure procedure_or_404(app::Context& ctx, std::int64_t id);
std::string procedure_name(const View& v, const procedures::Procedure& p);
std::string procedure_name(const View& v, const std::string& name, const std::string& name_en);

// Renders the receipt of the received dossier `d` and stores it as its 'receipt' file
// (receipt.cpp), in the caller's transaction.
void store_receipt(soci::session& s, app::Context& ctx, const Dossier& d,
                   const procedures::Procedure& proc, const auth::Principal& officer);

// The context every dossier page shows: fields, files, history, supplement, rating.
// `file_url` is the prefix of file links ("/dossiers/CODE/files/").
mstch::map dossier_context(const View& v, soci::session& s, const Dossier& d, const procedures::Procedure& proc,
                           const std::string& file_url);
std::string state_label(const View& v, std::string_view state);
// The design system's tag class of a state: tag-new, tag-waiting, tag-done or tag-refused.
std::string state_tag(std::string_view state);

// The file download response: attachment, the stored (sniffed) type, no caching by proxies; the
// server adds X-Content-Type-Options: nosniff to every response.
http::Response download(const FileInfo& f, std::string bytes);

// The working day by which a supplement may be requested: --supplement-request-days (default 3,
// Decree 61/2018/NĐ-CP Art. 19(4)) working days after the submission (online) or the receipt
// (counter). "" if not computable.
std::string supplement_limit(app::Context& ctx, const Dossier& d);

inline constexpr int kPageSize = 20;

}  // namespace tinhso::dossiers::intake
