#include "modules/procedures/usecases.h"

#include <map>

#include "core/document/files.h"
#include "modules/directory/api.h"
#include "modules/procedures/store.h"

namespace tinhso::procedures {

namespace {

// Resolves the agency codes of `r` to ids (0 when unknown or ended: an ended agency receives no
// dossiers, issue 12 §14).
void resolve_agencies(soci::session& s, Record& r) {
  Procedure& p = r.procedure;
  p.agency_id = r.agency_code.empty() ? 0 : directory::receiving_agency_id_by_code(s, r.agency_code).value_or(0);
  p.desk_agency_id =
      r.desk_agency_code.empty() ? 0 : directory::receiving_agency_id_by_code(s, r.desk_agency_code).value_or(0);
}

std::vector<Problem> resolve_and_check(soci::session& s, Record& r) {
  resolve_agencies(s, r);
  return check_procedure(r.procedure, r.procedure.agency_id != 0, r.procedure.desk_agency_id != 0);
}

audit::Change change(std::string action, const std::string& code, std::string before, std::string after) {
  return {std::move(action), "procedure", code, std::move(before), std::move(after)};
}

}  // namespace

Outcome create_procedure(soci::session& s, Record r, const Actor& who) {
  auto problems = resolve_and_check(s, r);
  if (problems.empty() && load_by_code(s, r.procedure.code)) problems.push_back({"code", "procedures.error.code_taken"});
  if (!problems.empty()) return {Status::invalid, std::move(problems)};
  insert_procedure(s, r.procedure, who.at, who.name);
  who.audit(s, change("procedure.create", r.procedure.code, "", summary(r)));
  return {};
}

Outcome edit_procedure(soci::session& s, const std::string& code, Record r, const Actor& who) {
  auto before = load_by_code(s, code);
  if (!before) return {Status::not_found, {}};
  r.procedure.code = code;
  r.procedure.id = before->record.procedure.id;
  auto problems = resolve_and_check(s, r);
  if (!problems.empty()) return {Status::invalid, std::move(problems)};
  update_procedure(s, r.procedure, who.at, who.name);
  who.audit(s, change("procedure.update", code, summary(before->record), summary(r)));
  return {};
}

Outcome set_active(soci::session& s, const std::string& code, bool active, const Actor& who) {
  auto before = load_by_code(s, code);
  if (!before) return {Status::not_found, {}};
  set_procedure_active(s, before->record.procedure.id, active, who.at, who.name);
  who.audit(s, change(active ? "procedure.activate" : "procedure.deactivate", code,
                      before->record.procedure.active ? "active" : "inactive", active ? "active" : "inactive"));
  return {};
}

Outcome remove_procedure(soci::session& s, const std::string& code, const Actor& who) {
  auto before = load_by_code(s, code);
  if (!before) return {Status::not_found, {}};
  delete_procedure(s, before->record.procedure.id);
  who.audit(s, change("procedure.delete", code, summary(before->record), ""));
  return {};
}

Outcome upload_form(soci::session& s, const std::string& code, const FormUpload& upload, const Actor& who) {
  auto d = load_by_code(s, code);
  if (!d || upload.position < 1 || static_cast<std::size_t>(upload.position) > d->record.procedure.documents.size())
    return {Status::not_found, {}};
  CheckedForm checked = check_form(upload.client_name, upload.size, upload.bytes);
  std::string field = "form-" + std::to_string(upload.position);
  if (checked.problem) {
    const char* id = *checked.problem == FormProblem::missing   ? "procedures.error.form_missing"
                     : *checked.problem == FormProblem::too_big ? "procedures.error.form_too_big"
                                                                : "procedures.error.form_type";
    return {Status::invalid, {{field, id}}};
  }
  const std::int64_t id = d->record.procedure.id;
  std::string before;
  for (const auto& f : list_forms(s, id))
    if (f.position == upload.position) before = f.file_name + " (" + f.sha256 + ")";
  FormInfo info{upload.position, checked.file_name, std::string(form_content_type(checked.type)), upload.bytes.size(),
                document::sha256_hex(upload.bytes), who.at, who.name};
  put_form(s, id, info, document::to_base64(upload.bytes));
  const auto& doc = d->record.procedure.documents[static_cast<std::size_t>(upload.position - 1)];
  who.audit(s, change("procedure.form_upload", code, before,
                      "document " + std::to_string(upload.position) + " " + doc.name + ": " + info.file_name + " (" +
                          info.sha256 + ")"));
  return {};
}

Outcome remove_form(soci::session& s, const std::string& code, int position, const Actor& who) {
  auto d = load_by_code(s, code);
  if (!d) return {Status::not_found, {}};
  const std::int64_t id = d->record.procedure.id;
  std::string before;
  for (const auto& f : list_forms(s, id))
    if (f.position == position) before = "document " + std::to_string(position) + ": " + f.file_name + " (" + f.sha256 + ")";
  if (before.empty()) return {Status::not_found, {}};
  delete_form(s, id, position);
  who.audit(s, change("procedure.form_delete", code, before, ""));
  return {};
}

ImportOutcome import_catalogue(soci::session& s, std::string_view text, const Actor& who) {
  std::map<std::string, bool> known;  // agency code → found, looked up once per file
  CatalogueFile file = parse_catalogue(text, [&](const std::string& code) {
    auto it = known.find(code);
    if (it == known.end())
      it = known.emplace(code, directory::receiving_agency_id_by_code(s, code).has_value()).first;
    return it->second;
  });
  ImportOutcome out;
  out.format = file.format;
  if (!file.problems.empty()) return {Status::invalid, std::move(file.problems), file.format};
  for (auto& r : file.records) {
    resolve_agencies(s, r);
    auto before = load_by_code(s, r.procedure.code);
    if (!before) {
      insert_procedure(s, r.procedure, who.at, who.name);
      who.audit(s, change("procedure.import", r.procedure.code, "", summary(r)));
      ++out.created;
    } else if (before->record == r) {
      ++out.unchanged;
    } else {
      r.procedure.id = before->record.procedure.id;
      update_procedure(s, r.procedure, who.at, who.name);
      who.audit(s, change("procedure.import", r.procedure.code, summary(before->record), summary(r)));
      ++out.updated;
    }
  }
  return out;
}

}  // namespace tinhso::procedures
