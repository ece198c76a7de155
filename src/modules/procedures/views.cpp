#include "modules/procedures/views.h"

#include <algorithm>

#include "core/text/format.h"
#include "core/text/vietnamese.h"

namespace tinhso::procedures {

std::string shown_name(const View& v, const std::string& name, const std::string& name_en) {
  return v.english() && !name_en.empty() ? name_en : name;
}

std::string level_label(const View& v, Level l) { return v.t("procedures.level." + std::string(level_name(l))); }

std::string time_limit_label(const View& v, int amount, calendar::Unit unit) {
  if (amount == 0) return v.t("procedures.time_limit.same_day");
  std::string n = text::format_integer(amount, v.req.lang);
  return v.f(unit == calendar::Unit::days ? "procedures.time_limit.days" : "procedures.time_limit.working_days",
             {{"count", n}});
}

std::string fee_label(const View& v, FeeKind kind, std::int64_t fee_vnd) {
  if (kind == FeeKind::regulated) return v.t("procedures.fee.regulated");
  if (fee_vnd > 0) return v.f("procedures.fee.amount", {{"amount", text::format_integer(fee_vnd, v.req.lang)}});
  return v.t("procedures.fee.free");
}

mstch::map listed_row(const View& v, const Listed& l, const std::string& url) {
  return mstch::map{{"code", l.code},
                    {"name", shown_name(v, l.name, l.name_en)},
                    {"url", url},
                    {"field", l.field},
                    {"level", level_label(v, l.level)},
                    {"agency", l.agency_name},
                    {"time_limit", time_limit_label(v, l.time_limit_working_days, l.time_limit_unit)},
                    {"fee", fee_label(v, l.fee_kind, l.fee_vnd)},
                    {"online", l.fully_online},
                    {"inactive", !l.active}};
}

mstch::array field_options(const View& v, std::vector<std::string> fields, std::string_view selected) {
  text::sort_vi(fields);
  mstch::array out{mstch::map{{"value", std::string()}, {"label", v.t("procedures.filter.any_field")},
                              {"selected", selected.empty()}}};
  for (auto& f : fields) out.push_back(mstch::map{{"value", f}, {"label", f}, {"selected", f == selected}});
  return out;
}

mstch::array level_options(const View& v, std::string_view selected, bool any) {
  mstch::array out;
  if (any)
    out.push_back(mstch::map{{"value", std::string()}, {"label", v.t("procedures.filter.any_level")},
                             {"selected", selected.empty()}});
  for (Level l : {Level::province, Level::commune}) {
    std::string name(level_name(l));
    out.push_back(mstch::map{{"value", name}, {"label", level_label(v, l)}, {"selected", name == selected}});
  }
  return out;
}

mstch::array agency_options(std::vector<std::pair<std::string, std::string>> agencies,
                            std::string_view selected, const std::string& first_label) {
  std::stable_sort(agencies.begin(), agencies.end(),
                   [](const auto& a, const auto& b) { return text::compare_vi(a.second, b.second) < 0; });
  mstch::array out{mstch::map{{"value", std::string()}, {"label", first_label}, {"selected", selected.empty()}}};
  for (auto& [code, name] : agencies)
    out.push_back(mstch::map{{"value", code}, {"label", name + " (" + code + ")"}, {"selected", code == selected}});
  return out;
}

mstch::array errors_of(const View& v, const std::vector<Problem>& problems) {
  mstch::array out;
  for (const auto& p : problems) out.push_back(mstch::map{{"field", p.field}, {"message", v.t(p.message_id)}});
  return out;
}

}  // namespace tinhso::procedures
