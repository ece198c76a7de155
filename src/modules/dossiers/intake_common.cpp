#include "modules/dossiers/intake_common.h"

#include <sodium.h>

#include <map>
#include <stdexcept>

#include "core/crypto/random.h"
#include "core/auth/clock.h"
#include "core/calendar/deadline.h"
#include "core/http/errors.h"
#include "core/text/format.h"
#include "core/util/strings.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/dossiers/store.h"
#include "modules/dossiers/permissions.h"
#include "modules/dossiers/store_intake.h"
#include "modules/dossiers/api.h"
#include "modules/dossiers/notify.h"

namespace tinhso::dossiers::intake {

mstch::array problems_context(const std::vector<Problem>& problems) {
  mstch::array out;
  for (const auto& p : problems) out.push_back(mstch::map{{"field", p.field}, {"message", p.message}});
  return out;
}

mstch::map problems_page_context(const std::vector<Problem>& problems) {
  std::map<std::string, std::string> by_field;
  for (const auto& p : problems) {
    std::string& m = by_field[p.field];
    m += (m.empty() ? "" : " ") + p.message;
  }
  mstch::map error;
  for (auto& [field, message] : by_field) error[field] = std::move(message);
  return mstch::map{{"errors", problems_context(problems)}, {"has_errors", !problems.empty()}, {"error", error}};
}

void not_found(const std::string& what) { throw http::Error(http::ErrorKind::not_found, what); }

std::string random_key() { return crypto::random_base64url(32); }

ApplicantForm applicant_from(const http::Request& req) {
  return {field(req, "applicant_name"),    field(req, "applicant_email"),   field(req, "applicant_phone"),
          field(req, "applicant_id_number"), field(req, "applicant_address"), field(req, "details")};
}

namespace {

bool digits_only(std::string_view s, std::size_t min, std::size_t max) {
  if (s.size() < min || s.size() > max) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::string phone_digits(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
    else if (c != ' ' && c != '.' && c != '-' && !(c == '+' && out.empty())) return "x";
  return out;
}

}  // namespace

std::vector<Problem> check_applicant(const View& v, const ApplicantForm& a) {
  std::vector<Problem> out;
  auto too_long = [](const std::string& s, std::size_t n) { return s.size() > n || !valid_utf8(s); };
  if (a.name.empty() || too_long(a.name, 200)) out.push_back({"applicant_name", v.t("dossiers.error.name")});
  if (!a.email.empty() && (a.email.find('@') == std::string::npos || too_long(a.email, 254)))
    out.push_back({"applicant_email", v.t("dossiers.error.email")});
  std::string phone = phone_digits(a.phone);
  if (!digits_only(phone, 9, 15)) out.push_back({"applicant_phone", v.t("dossiers.error.phone")});
  if (!a.id_number.empty() && !digits_only(a.id_number, 9, 12))
    out.push_back({"applicant_id_number", v.t("dossiers.error.id_number")});
  if (too_long(a.address, 500)) out.push_back({"applicant_address", v.t("dossiers.error.address")});
  if (too_long(a.details, 5000)) out.push_back({"details", v.t("dossiers.error.details")});
  return out;
}

mstch::map applicant_context(const ApplicantForm& a) {
  return mstch::map{{"name", a.name},          {"email", a.email},     {"phone", a.phone},
                    {"id_number", a.id_number}, {"address", a.address}, {"details", a.details}};
}

std::vector<Upload> read_uploads(const View& v, const procedures::Procedure& proc, std::uint64_t existing_bytes,
                                 std::size_t existing_files, std::vector<Problem>& problems,
                                 const std::string& others_label) {
  std::vector<Upload> out;
  std::uint64_t total = existing_bytes;
  for (const auto& f : v.req.files) {
    Upload u;
    std::string input = f.field;
    std::string label = others_label.empty() ? v.t("dossiers.form.documents") : others_label;
    if (f.field.starts_with("doc_")) {
      for (const auto& d : proc.documents)
        if (f.field == "doc_" + std::to_string(d.id)) {
          u.document_id = d.id;
          label = d.name;
        }
      if (u.document_id == 0) continue;
    }
    if (f.size > kMaxFileBytes) {
      problems.push_back({input, v.f("dossiers.error.file_size", {{"field", label}, {"name", f.filename}})});
      continue;
    }
    // Through the context's file system (a fake in tests); a spool file that cannot be read is
    // refused by type like an empty one.
    try {
      u.bytes = v.ctx.files.read(f.path, kMaxFileBytes);
    } catch (const std::runtime_error&) {
      u.bytes.clear();
    }
    auto type = sniff_type(std::string_view(u.bytes).substr(0, 16));
    if (!type) {
      problems.push_back({input, v.f("dossiers.error.file_type", {{"field", label}, {"name", f.filename}})});
      continue;
    }
    total += u.bytes.size();
    u.name = display_name(f.filename, *type);
    u.content_type = std::string(content_type_of(*type));
    out.push_back(std::move(u));
  }
  if (total > kMaxDossierBytes || existing_files + out.size() > kMaxFilesPerDossier)
    problems.push_back({"files", v.t("dossiers.error.dossier_size")});
  return out;
}

Who who(app::Context& ctx, const http::Request& req, Actor role, const auth::Principal& p) {
  return Who{role, p.account_id, ctx.clock.now(), audit::for_request(ctx, req), applicant_notifier(ctx)};
}

Env env(app::Context& ctx) { return Env{ctx.db, ctx.calendar, supplement_clock(settings(ctx))}; }

procedures::Procedure procedure_or_404(app::Context& ctx, std::int64_t id) {
  auto p = ctx.db.with_session([&](soci::session& s) { return procedures::find_procedure(s, id); });
  if (!p) not_found("no procedure " + std::to_string(id));
  return *p;
}

std::string procedure_name(const View& v, const std::string& name, const std::string& name_en) {
  return v.req.lang == "en" && !name_en.empty() ? name_en : name;
}

std::string procedure_name(const View& v, const procedures::Procedure& p) { return procedure_name(v, p.name, p.name_en); }

std::string state_label(const View& v, std::string_view state) { return v.t("dossiers.state." + std::string(state)); }

std::string state_tag(std::string_view state) {
  if (state == "draft" || state == "submitted") return "tag-new";
  if (state == "returned") return "tag-done";
  if (state == "refused" || state == "withdrawn") return "tag-refused";
  return "tag-waiting";
}

mstch::map dossier_context(const View& v, soci::session& s, const Dossier& d, const procedures::Procedure& proc,
                           const std::string& file_url) {
  auto files = list_files(s, d.id);
  auto events = load_events(s, d.id);
  mstch::array file_rows, receipt, results, apology;
  for (const auto& f : files) {
    if (v.req.principal && !may_see_file(*v.req.principal, d, f.role)) continue;
    std::string doc_name;
    for (const auto& doc : proc.documents)
      if (doc.id == f.document_id) doc_name = doc.name;
    mstch::map row{{"name", f.file_name},   {"url", file_url + std::to_string(f.id)},
                   {"type", f.content_type}, {"size", text::format_integer((f.size + 1023) / 1024, v.req.lang)},
                   {"document", doc_name},   {"role", v.t("dossiers.file_role." + f.role)}};
    if (f.role == "receipt") receipt.push_back(row);
    if (f.role == "apology") apology.push_back(row);
    if (f.role == "result" && d.state == State::returned) results.push_back(row);
    file_rows.push_back(std::move(row));
  }
  // Late: returned after the statutory due date, or still open past it with the clock running.
  const std::string today = calendar::format_date(calendar::to_local(v.ctx.clock.now()).day);
  const bool late = d.on_time.has_value() ? !*d.on_time
                                          : clock_of(d) == Clock::running && !d.due_date.empty() && d.due_date < today;
  mstch::array history;
  for (const auto& e : events)
    history.push_back(mstch::map{{"at", v.time(e.at)}, {"at_iso", e.at}, {"action", v.t("dossiers.action." + e.action)},
                                 {"state", state_label(v, e.to_state)}, {"note", e.note}});
  mstch::map c{{"code", d.code},
               {"procedure", procedure_name(v, proc)},
               {"procedure_code", proc.code},
               {"state", state_label(v, state_code(d.state))},
               {"state_code", std::string(state_code(d.state))},
               {"state_tag", state_tag(state_code(d.state))},
               {"late", late},
               {"channel", v.t("dossiers.channel." + std::string(channel_code(d.channel)))},
               {"applicant", applicant_context(applicant_of(d))},
               {"submitted_at", v.time(d.submitted_at)},
               {"submitted_iso", d.submitted_at},
               {"received_at", v.time(d.received_at)},
               {"received_iso", d.received_at},
               {"appointment_date", v.date(d.appointment_date)},
               {"appointment_iso", d.appointment_date},
               {"due_date", v.date(d.due_date)},
               {"paused", !d.paused_at.empty()},
               {"files", file_rows},
               {"has_files", !file_rows.empty()},
               {"receipt", receipt},
               {"apology_letter", apology},
               {"results", results},
               {"has_results", !results.empty()},
               {"history", history}};
  if (d.state == State::supplement_requested) {
    if (auto sup = open_supplement(s, d.id)) {
      mstch::array items;
      for (auto line : split(sup->items, '\n'))
        if (auto item = trim(line); !item.empty()) items.push_back(std::string(item));
      c["supplement"] = mstch::map{{"items", items}, {"requested_at", v.time(sup->requested_at)},
                                   {"requested_iso", sup->requested_at}, {"late", sup->late}};
    }
  }
  if (auto r = find_rating(s, d.id))
    c["rating"] = mstch::map{{"score", std::to_string(r->score)}, {"comment", r->comment}};
  return c;
}

http::Response download(const FileInfo& f, std::string bytes) {
  http::Response r;
  r.body = std::move(bytes);
  r.headers.set("Content-Type", f.content_type);
  r.headers.set("Content-Disposition", attachment_disposition(f.file_name));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

std::string supplement_limit(app::Context& ctx, const Dossier& d) {
  auto cal = ctx.calendar.current();
  auto due = supplement_request_limit(d, *cal, ctx.calendar.deadline_rules(), settings(ctx).supplement_request_working_days);
  return due ? calendar::format_date(*due) : "";
}

}  // namespace tinhso::dossiers::intake
