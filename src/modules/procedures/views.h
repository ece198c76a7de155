#pragma once
// Page pieces shared by the public and the administrators' pages: labels in the visitor's
// language and list rows. Text comes only from the catalogs (locales/procedures.*.json).
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <mstch/mstch.hpp>

#include "core/app/module.h"
#include "core/web/view.h"
#include "modules/procedures/store.h"

namespace tinhso::procedures {

using web::View;

// The English name in English when there is one, else the Vietnamese name.
std::string shown_name(const View& v, const std::string& name, const std::string& name_en);
std::string level_label(const View& v, Level l);
// "Trong ngày" for 0, else "N ngày làm việc".
std::string time_limit_label(const View& v, int amount, calendar::Unit unit);
// "50.000 đồng" (the amount through text::format_integer), "Miễn phí" for a fixed 0, "Theo quy
// định" for a regulated fee; the fee note is shown beside it where there is room (detail page).
std::string fee_label(const View& v, FeeKind kind, std::int64_t fee_vnd);
// A list row: code, name, field, level, agency, time limit, fee, online; `url` is its page.
mstch::map listed_row(const View& v, const Listed& l, const std::string& url);
// <option> lists with an "any" first entry.
mstch::array field_options(const View& v, std::vector<std::string> fields, std::string_view selected);
mstch::array level_options(const View& v, std::string_view selected, bool any);
mstch::array agency_options(std::vector<std::pair<std::string, std::string>> agencies,
                            std::string_view selected, const std::string& first_label);
// Form problems for the error summary: field (for the link) and message.
mstch::array errors_of(const View& v, const std::vector<Problem>& problems);

}  // namespace tinhso::procedures
