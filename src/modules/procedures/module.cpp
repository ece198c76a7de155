#include <stdexcept>

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

// The demo catalogue (data/procedures/demo-procedures.json, embedded at build time), upserted by
// code with one system audit record per procedure written or changed. It needs the directory's
// demo agencies, which load first. A file that does not import is a bug of the shipped data.
void load_demo(app::Context& ctx) {
  const auto& files = embedded_procedures_data();
  if (files.empty()) throw std::logic_error("procedures: the demo catalogue is not embedded");
  Actor who{"demo", auth::iso_utc(ctx.clock.now()), audit::for_system(ctx.db.dialect(), ctx.clock, "demo")};
  ImportOutcome o = ctx.db.transaction([&](soci::session& s) { return import_catalogue(s, files.front().data, who); });
  if (o.status != Status::done) {
    std::string first = o.problems.empty() ? "" : o.problems.front().code + " " + o.problems.front().message_id;
    throw std::runtime_error("procedures: the demo catalogue does not import: " + first);
  }
}

}  // namespace

app::Module module() {
  app::Module m{"procedures", add_routes, load_demo, {}, {}};
  m.hand_over_agency = hand_over_agency;
  m.nav = {{"/procedures", "procedures.nav", true, {auth::Role::citizen}},
           {"/admin/procedures", "procedures.nav_admin", false, {auth::Role::administrator}}};
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
