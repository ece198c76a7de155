#include "modules/indicators/demo.h"

#include <algorithm>
#include <stdexcept>

#include "core/util/csv.h"
#include "core/util/embedded.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/indicators/api.h"
#include "modules/indicators/catalogue_file.h"
#include "modules/indicators/store.h"
#include "modules/indicators/usecases.h"

namespace tinhso {
const std::vector<EmbeddedFile>& embedded_indicators_data();
}

namespace tinhso::indicators {

namespace {

const std::string& data_file(const std::string& path) {
  const auto& files = embedded_indicators_data();
  auto it = std::find_if(files.begin(), files.end(), [&](const EmbeddedFile& f) { return f.path == path; });
  if (it == files.end()) throw std::logic_error("data/" + path + " is not embedded");
  return it->data;
}

CsvTable table(const std::string& path) {
  auto parsed = parse_csv(data_file(path));
  if (!parsed.table.has_value())
    throw std::logic_error("data/" + path + ": " + parsed.error.value_or(CsvError{}).message_id);
  return parsed.table.value();
}

std::int64_t unit_id(soci::session& s, const std::string& code) {
  if (code.empty()) return 0;
  auto id = directory::agency_id_by_code(s, code);
  if (!id) throw std::logic_error("demo indicators: no agency " + code);
  return *id;
}

void add_value(const Env& env, const Indicator& i, std::int64_t unit, const std::string& period, double value,
               const std::string& source) {
  Value v;
  v.indicator_id = i.id;
  v.agency_id = unit;
  v.period = period;
  v.version = 1;
  v.value = value;
  v.source = source;
  v.state = ValueState::submitted;
  v.due_date = period;
  v.entered_at = auth::iso_utc(env.clock.now());
  const std::int64_t id = insert_value(env.s, v, "");
  decide_value(env.s, id, ValueState::approved, 0, v.entered_at, "");
  env.audit(env.s, {"indicator.value.approve", "indicator_value", std::to_string(id), "",
                    i.code + " period=" + period + " demo"});
}

}  // namespace

void load_demo(app::Context& ctx) {
  const bool any = ctx.db.with_session([](soci::session& s) {
    int n = 0;
    s << "SELECT COUNT(*) FROM indicators", soci::into(n);
    return n > 0;
  });
  if (any) return;
  const CatalogueParse catalogue = parse_catalogue(data_file("indicators/catalogue.csv"));
  if (!catalogue.problems.empty())
    throw std::logic_error("data/indicators/catalogue.csv line " + std::to_string(catalogue.problems.front().line) +
                           ": " + catalogue.problems.front().message_id + " " + catalogue.problems.front().detail);
  const auto cal = ctx.calendar.current();
  const auto rec = audit::for_system(ctx.db.dialect(), ctx.clock, "demo");
  ctx.db.transaction([&](soci::session& s) {
    const Env env{s, ctx.clock, *cal, rec, settings(ctx).entry_working_days};
    ImportResult imported = import_catalogue(env, catalogue.rows);
    if (!imported.problems.empty())
      throw std::logic_error("demo indicators: agency " + imported.problems.front().detail + " is unknown");
    for (const auto& r : table("indicators/targets-demo.csv").rows) {
      const auto& f = r.fields;
      TargetInput in{f[0], unit_id(s, f[1]), std::stoi(f[2]), f[3] == "milestone", f[4], f[5], f[6], f[7], f[8]};
      TargetResult t = set_target(env, in);
      if (!t.problems.empty())
        throw std::logic_error("data/indicators/targets-demo.csv line " + std::to_string(r.line) + ": " +
                               t.problems.front().message_id);
    }
    for (const auto& r : table("indicators/values-demo.csv").rows) {
      const auto& f = r.fields;
      auto i = find_indicator(s, f[0]);
      if (!i) throw std::logic_error("data/indicators/values-demo.csv line " + std::to_string(r.line));
      add_value(env, *i, unit_id(s, f[1]), f[2], std::stod(f[3]), f[4]);
    }
    // The monthly entered indicator: twelve months ending two months before today, rising.
    if (auto i = find_indicator(s, "CDS-KY-SO")) {
      Period p = period_containing(Frequency::month, calendar::format_date(calendar::to_local(ctx.clock.now()).day));
      p = p.previous().previous();
      auto months = last_periods(p, 12);
      for (std::size_t k = 0; k < months.size(); ++k)
        add_value(env, *i, 0, months[k].code(), 80.0 + static_cast<double>(k) * 1.2, "Số liệu minh họa của bản demo");
    }
  });
}

}  // namespace tinhso::indicators
