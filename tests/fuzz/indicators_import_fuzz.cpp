// Fuzzes what the indicators module reads from outside (src/modules/indicators): the catalogue's
// CSV import (catalogue_file.h) and, line by line, periods, numbers and measure expressions
// (rules.h) as forms and files carry them. It must never crash; every problem names a catalog id
// of the module or of the CSV reader; a period read back prints as sent; an expression prints as
// text that reads back the same; a number is finite and within ±kMaxValue; and the valid rows of
// an import, exported and imported again, give the same indicators.
#include <cmath>
#include <cstdint>
#include <string>

#include "check.h"
#include "modules/indicators/catalogue_file.h"
#include "modules/indicators/rules.h"

namespace {

bool same(const tinhso::indicators::Indicator& a, const tinhso::indicators::Indicator& b) {
  return a.code == b.code && a.name == b.name && a.name_en == b.name_en && a.definition == b.definition &&
         a.unit == b.unit && a.unit_en == b.unit_en && a.direction == b.direction && a.frequency == b.frequency &&
         a.aggregation == b.aggregation && a.group == b.group && a.legal_basis == b.legal_basis &&
         a.computed == b.computed && a.numerator == b.numerator && a.denominator == b.denominator &&
         a.decimals == b.decimals && a.dashboard_rank == b.dashboard_rank && a.is_public == b.is_public &&
         a.note == b.note;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tinhso::indicators;
  const std::string_view in = tinhso::fuzz::as_view(data, size);
  std::string_view lines = in;
  for (int i = 0; i < 8 && !lines.empty(); ++i) {
    const std::string line(tinhso::fuzz::take_line(lines));
    if (auto p = parse_period(line)) FUZZ_CHECK(p->code() == line && p->first_month() <= p->last_month());
    if (auto v = parse_value(line)) FUZZ_CHECK(std::isfinite(*v) && std::fabs(*v) <= kMaxValue);
    if (auto e = parse_expression(line); e && !e->empty()) {
      auto again = parse_expression(e->text());
      FUZZ_CHECK(again && again->text() == e->text() && again->terms == e->terms);
    }
  }
  const CatalogueParse r = parse_catalogue(in);
  for (const auto& p : r.problems)
    FUZZ_CHECK(p.message_id.starts_with("indicators.import.error."));
  if (r.rows.empty() || !r.problems.empty()) return 0;
  std::vector<Indicator> list;
  std::map<std::int64_t, std::string> codes;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    Indicator x = r.rows[i].indicator;
    x.agency_id = static_cast<std::int64_t>(i) + 1;
    codes[x.agency_id] = r.rows[i].agency_code;
    list.push_back(x);
  }
  const CatalogueParse again = parse_catalogue(catalogue_csv(list, codes));
  FUZZ_CHECK(again.problems.empty() && again.rows.size() == r.rows.size());
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    FUZZ_CHECK(same(again.rows[i].indicator, r.rows[i].indicator));
    FUZZ_CHECK(again.rows[i].agency_code == r.rows[i].agency_code);
  }
  return 0;
}
