#include "modules/indicators/catalogue_file.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

#include "core/document/xlsx_read.h"
#include "core/util/csv.h"

namespace tinhso::indicators {

namespace {

bool code_ok(std::string_view c) {
  if (c.empty() || c.size() > 40) return false;
  for (char ch : c)
    if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
          ch == '-'))
      return false;
  return true;
}

std::optional<int> small_int(std::string_view s, int lo, int hi) {
  int v = 0;
  if (s.empty()) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) return std::nullopt;
  return v;
}

std::optional<double> positive(const std::string& s) {
  try {
    std::size_t used = 0;
    double v = std::stod(s, &used);
    if (used != s.size() || !std::isfinite(v) || v <= 0) return std::nullopt;
    return v;
  } catch (const std::logic_error&) {
    return std::nullopt;
  }
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

}  // namespace

CatalogueParse parse_catalogue_xlsx(std::string_view xlsx) {
  const document::XlsxSheet sheet = document::read_first_sheet(xlsx, {.max_entry_bytes = 16u << 20,
                                                                      .max_rows = 1001,
                                                                      .max_columns = kColumns.size()});
  if (!sheet.ok()) {
    CatalogueParse out;
    out.problems.push_back({0, "indicators.import.error.xlsx", sheet.error});
    return out;
  }
  // The same checks as a CSV file's: the sheet's rows as CSV (csv_field quoting, undone by the
  // parse), blank rows left out.
  std::string csv;
  for (const auto& row : sheet.rows) {
    bool blank = true;
    for (const auto& cell : row) blank = blank && cell.empty();
    if (blank) continue;
    for (std::size_t i = 0; i < kColumns.size(); ++i) {
      if (i) csv += ',';
      csv += csv_field(i < row.size() ? row[i] : std::string());
    }
    csv += "\r\n";
  }
  return parse_catalogue(csv);
}

CatalogueParse parse_catalogue(std::string_view csv) {
  CatalogueParse out;
  auto parsed = parse_csv(csv, CsvLimits{1000, 64, 4096});
  if (!parsed.table.has_value()) {
    const CsvError e = parsed.error.value_or(CsvError{});
    out.problems.push_back({e.line, "indicators.import.error.csv", e.message_id});
    return out;
  }
  const CsvTable& t = parsed.table.value();
  if (t.header != kColumns) {
    out.problems.push_back({1, "indicators.import.error.header", ""});
    return out;
  }
  std::set<std::string> seen;
  for (const auto& r : t.rows) {
    // The export quotes a leading = + - @ with ' (csv_field): read the value back without it.
    std::vector<std::string> f;
    for (const auto& x : r.fields) f.emplace_back(unformula(x));
    auto bad = [&](const char* column, const std::string& value) {
      out.problems.push_back({r.line, "indicators.import.error.value", std::string(column) + " = " + value});
    };
    CatalogueRow row;
    row.line = r.line;
    Indicator& i = row.indicator;
    const std::size_t before = out.problems.size();
    i.code = f[0];
    if (!code_ok(i.code)) bad("code", i.code);
    else if (!seen.insert(i.code).second) out.problems.push_back({r.line, "indicators.import.error.duplicate", i.code});
    i.name = f[1];
    if (i.name.empty() || i.name.size() > 300) bad("name", i.name);
    i.name_en = f[2];
    i.definition = f[3];
    i.unit = f[4];
    i.unit_en = f[5];
    if (auto d = parse_direction(f[6])) i.direction = *d; else bad("direction", f[6]);
    if (auto q = parse_frequency(f[7])) i.frequency = *q; else bad("frequency", f[7]);
    if (auto a = parse_aggregation(f[8])) i.aggregation = *a; else bad("aggregation", f[8]);
    row.agency_code = f[9];
    if (auto g = parse_group(f[10])) i.group = *g; else bad("group", f[10]);
    i.legal_basis = f[11];
    if (f[12] == "computed") i.computed = true;
    else if (f[12] != "manual") bad("source", f[12]);
    auto num = parse_expression(f[13]);
    auto den = parse_expression(f[14]);
    if (!num) bad("numerator", f[13]);
    if (!den) bad("denominator", f[14]);
    if (num && den) {
      // A computed indicator needs a numerator; without a denominator it is the numerator's value
      // (a count, a median: rules.h ratio).
      if (i.computed && num->empty()) bad("numerator", f[13]);
      if (!i.computed && (!num->empty() || !den->empty())) bad("numerator", f[13]);
      i.numerator = num->text();
      i.denominator = den->text();
    }
    if (!i.computed && row.agency_code.empty()) bad("agency", row.agency_code);
    if (auto sc = positive(f[15])) i.scale = *sc; else bad("scale", f[15]);
    if (auto d = small_int(f[16], 0, 4)) i.decimals = *d; else bad("decimals", f[16]);
    if (auto k = small_int(f[17], 0, 999)) i.dashboard_rank = *k; else bad("dashboard_rank", f[17]);
    if (f[18] == "1") i.is_public = true;
    else if (f[18] == "0") i.is_public = false;
    else bad("public", f[18]);
    i.note = f[19];
    if (out.problems.size() == before) out.rows.push_back(std::move(row));
  }
  return out;
}

std::vector<std::string> catalogue_row(const Indicator& i, const std::string& agency_code) {
  return {i.code,
          i.name,
          i.name_en,
          i.definition,
          i.unit,
          i.unit_en,
          std::string(direction_code(i.direction)),
          std::string(frequency_code(i.frequency)),
          std::string(aggregation_code(i.aggregation)),
          agency_code,
          std::string(group_code(i.group)),
          i.legal_basis,
          i.computed ? "computed" : "manual",
          i.numerator,
          i.denominator,
          number_text(i.scale),
          std::to_string(i.decimals),
          std::to_string(i.dashboard_rank),
          i.is_public ? "1" : "0",
          i.note};
}

std::string catalogue_csv(const std::vector<Indicator>& list, const std::map<std::int64_t, std::string>& agency_codes) {
  std::string out;
  auto line = [&](const std::vector<std::string>& fields) {
    for (std::size_t k = 0; k < fields.size(); ++k) {
      if (k) out += ",";
      out += csv_field(fields[k]);
    }
    out += "\r\n";
  };
  line(kColumns);
  for (const auto& i : list) {
    auto it = agency_codes.find(i.agency_id);
    line(catalogue_row(i, it == agency_codes.end() ? std::string() : it->second));
  }
  return out;
}

}  // namespace tinhso::indicators
