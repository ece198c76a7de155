#include <stdexcept>

#include <nlohmann/json.hpp>

#include "core/document/pdf.h"
#include "core/util/embedded.h"
#include "modules/audit/api.h"
#include "modules/procedures/api.h"
#include "modules/procedures/handlers.h"
#include "modules/procedures/store.h"
#include "modules/procedures/store_hand_over.h"
#include "modules/procedures/usecases.h"

namespace tinhso {
const std::vector<EmbeddedFile>& embedded_procedures_data();
}

namespace tinhso::procedures {

namespace {

void add_routes(http::Router& router, app::Context& ctx) {
  add_public_routes(router, ctx);
  add_admin_routes(router, ctx);
  ctx.pages.enable_feature("procedures");
}

// The text of a demo form, from the demo file: `layout` (the file's "form_layout": motto lines,
// addressee, declaration, place-and-date line, signer, note) and `form` (a document's "form":
// title, optional subtitle, fields and optional signers). Every word is data; {agency} is replaced
// by the name of the agency that handles the procedure (the form is addressed to it).
std::string demo_form_pdf(const nlohmann::json& layout, const nlohmann::json& form, const std::string& agency,
                          std::chrono::system_clock::time_point at) {
  auto text = [](const nlohmann::json& j, const char* key) { return j.value(key, std::string()); };
  auto addressed = [&](std::string s) {
    if (auto i = s.find("{agency}"); i != std::string::npos) s.replace(i, 8, agency);
    return s;
  };
  document::Document doc;
  doc.title = text(form, "title");
  doc.created = at;
  doc.page_numbers = true;
  document::Style centred_bold{.bold = true, .align = document::Align::center};
  document::Style centred{.align = document::Align::center};
  bool first = true;
  for (const auto& line : layout.value("motto", nlohmann::json::array())) {
    doc.blocks.push_back(document::Paragraph{line.get<std::string>(), first ? centred_bold : centred});
    first = false;
  }
  doc.blocks.push_back(document::Spacer{6});
  doc.blocks.push_back(document::Title{text(form, "title"), text(form, "subtitle")});
  doc.blocks.push_back(document::Paragraph{addressed(text(layout, "addressee")), centred});
  doc.blocks.push_back(document::Spacer{3});
  document::KeyValueTable table;
  table.key_fraction = 0.45;
  for (const auto& f : form.value("fields", nlohmann::json::array()))
    table.rows.emplace_back(f.get<std::string>(), std::string());
  doc.blocks.push_back(std::move(table));
  doc.blocks.push_back(document::Spacer{3});
  doc.blocks.push_back(document::Paragraph{text(layout, "declaration"), {}, 10});
  doc.blocks.push_back(document::Paragraph{text(layout, "place_date"), {.italic = true, .align = document::Align::right}});
  document::Signatures signatures;
  for (const auto& role : form.value("signers", nlohmann::json::array({text(layout, "signer")})))
    signatures.signers.push_back(document::Signer{role.get<std::string>(), text(layout, "signer_note"), ""});
  doc.blocks.push_back(std::move(signatures));
  doc.blocks.push_back(document::Paragraph{text(layout, "note"), {.italic = true, .size_pt = 10}});
  return document::render_pdf(doc);
}

// The demo's form templates: for each document of the demo file with a "form", a PDF made from
// its text and stored through upload_form (audited as "demo") — only where the procedure has no
// template at that position yet, so an administrator's upload is never replaced.
void load_demo_forms(app::Context& ctx, std::string_view file, const Actor& who) {
  auto j = nlohmann::json::parse(file);
  const auto& layout = j.at("form_layout");
  for (const auto& p : j.at("procedures")) {
    std::string code = p.at("code").get<std::string>();
    const auto& docs = p.at("documents");
    for (std::size_t i = 0; i < docs.size(); ++i) {
      if (!docs[i].contains("form")) continue;
      int position = static_cast<int>(i) + 1;
      auto existing = ctx.db.with_session([&](soci::session& s) -> std::optional<Detail> { return load_by_code(s, code); });
      if (!existing) continue;
      bool stored = ctx.db.with_session([&](soci::session& s) {
        for (const auto& f : list_forms(s, existing->record.procedure.id))
          if (f.position == position) return true;
        return false;
      });
      if (stored) continue;
      std::string pdf = demo_form_pdf(layout, docs[i].at("form"), existing->agency_name, ctx.clock.now());
      FormUpload upload{position, code + "-mau-" + std::to_string(position) + ".pdf", pdf.size(), std::move(pdf)};
      Outcome o = ctx.db.transaction([&](soci::session& s) { return upload_form(s, code, upload, who); });
      if (o.status != Status::done) throw std::runtime_error("procedures: the demo form of " + code + " is refused");
    }
  }
}

// The demo catalogue (data/procedures/demo-procedures.json, embedded at build time), upserted by
// code with one system audit record per procedure written or changed, then its form templates.
// It needs the directory's demo agencies, which load first. A file that does not import is a bug
// of the shipped data.
void load_demo(app::Context& ctx) {
  const auto& files = embedded_procedures_data();
  if (files.empty()) throw std::logic_error("procedures: the demo catalogue is not embedded");
  Actor who{"demo", auth::iso_utc(ctx.clock.now()), audit::for_system(ctx.db.dialect(), ctx.clock, "demo")};
  ImportOutcome o = ctx.db.transaction([&](soci::session& s) { return import_catalogue(s, files.front().data, who); });
  if (o.status != Status::done) {
    std::string first = o.problems.empty() ? "" : o.problems.front().code + " " + o.problems.front().message_id;
    throw std::runtime_error("procedures: the demo catalogue does not import: " + first);
  }
  load_demo_forms(ctx, files.front().data, who);
}

}  // namespace

app::Module module() {
  app::Module m{"procedures", add_routes, load_demo, {}, {}};
  m.hand_over_agency = hand_over_agency;
  m.nav = {{"/procedures", "procedures.nav", true, {auth::Role::citizen}},
           {"/admin/procedures", "procedures.nav_admin", false, {auth::Role::administrator}, {}, web::NavPlace::admin,
            "procedures.nav_admin_about"}};
  return m;
}

std::optional<Procedure> find_procedure(soci::session& s, std::int64_t id) {
  auto d = load_by_id(s, id);
  return d ? std::optional<Procedure>(std::move(d->record.procedure)) : std::nullopt;
}

std::optional<ProcedureName> procedure_name(soci::session& s, std::int64_t id) { return load_name(s, id); }

std::optional<Procedure> find_procedure_by_code(soci::session& s, const std::string& code) {
  auto d = load_by_code(s, code);
  return d ? std::optional<Procedure>(std::move(d->record.procedure)) : std::nullopt;
}

}  // namespace tinhso::procedures
