#include "modules/indicators/usecases.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/document/files.h"
#include "modules/directory/api.h"
#include "modules/indicators/store.h"

namespace tinhso::indicators {

namespace {

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string summary(const Indicator& i) {
  return i.code + " " + std::string(group_code(i.group)) + " " + (i.computed ? "computed" : "manual") +
         " agency=" + std::to_string(i.agency_id) + " rank=" + std::to_string(i.dashboard_rank) +
         (i.is_public ? " public" : "") + (i.active ? "" : " inactive");
}

constexpr std::size_t kMaxText = 1000;
constexpr std::size_t kMaxFileBytes = 10u << 20;

}  // namespace

ImportResult import_catalogue(const Env& env, const std::vector<CatalogueRow>& rows) {
  ImportResult out;
  const std::string now = auth::iso_utc(env.clock.now());
  for (const auto& r : rows) {
    Indicator i = r.indicator;
    i.updated_at = now;
    if (!r.agency_code.empty()) {
      auto id = directory::agency_id_by_code(env.s, r.agency_code);
      if (!id) {
        out.problems.push_back({r.line, "indicators.import.error.agency", r.agency_code});
        continue;
      }
      i.agency_id = *id;
    }
    if (!out.problems.empty()) continue;
    auto before = find_indicator(env.s, i.code);
    auto [id, created] = upsert_indicator(env.s, i);
    i.id = id;
    if (before && summary(*before) == summary(i) && before->name == i.name && before->numerator == i.numerator &&
        before->denominator == i.denominator && before->definition == i.definition && before->unit == i.unit &&
        before->legal_basis == i.legal_basis && before->note == i.note && before->name_en == i.name_en &&
        before->scale == i.scale && before->decimals == i.decimals && before->frequency == i.frequency &&
        before->direction == i.direction && before->aggregation == i.aggregation && before->unit_en == i.unit_en)
      continue;  // unchanged: no record
    env.audit(env.s, {created ? "indicator.create" : "indicator.update", "indicator", std::to_string(id),
                      before ? summary(*before) : "", summary(i)});
    (created ? out.created : out.updated) += 1;
  }
  return out;
}

TargetResult set_target(const Env& env, const TargetInput& in) {
  TargetResult out;
  auto ind = find_indicator(env.s, in.indicator_code);
  if (!ind) {
    out.problems.push_back({"indicator", "indicators.target.error.indicator"});
    return out;
  }
  Target t;
  t.indicator_id = ind->id;
  t.agency_id = in.agency_id;
  if (in.agency_id != 0 && !directory::agency_name(env.s, in.agency_id))
    out.problems.push_back({"agency", "indicators.target.error.agency"});
  t.year = in.year;
  if (in.year < 2000 || in.year > 2199) out.problems.push_back({"year", "indicators.target.error.year"});
  t.milestone = in.milestone;
  auto v = parse_value(in.value);
  if (!v) out.problems.push_back({"value", "indicators.target.error.value"});
  else t.value = *v;
  if (!in.baseline_year.empty() || !in.baseline_value.empty()) {
    auto by = parse_value(in.baseline_year);
    auto bv = parse_value(in.baseline_value);
    if (!by || *by != std::floor(*by) || *by < 2000 || *by >= in.year)
      out.problems.push_back({"baseline_year", "indicators.target.error.baseline_year"});
    else t.baseline_year = static_cast<int>(*by);
    if (!bv) out.problems.push_back({"baseline_value", "indicators.target.error.baseline_value"});
    else t.baseline_value = *bv;
  }
  t.document = in.document;
  if (t.document.empty() || t.document.size() > kMaxText)
    out.problems.push_back({"document", "indicators.target.error.document"});
  t.note = in.note.substr(0, kMaxText);
  if (!out.problems.empty()) return out;
  t.updated_at = auth::iso_utc(env.clock.now());
  out.id = upsert_target(env.s, t);
  env.audit(env.s, {"indicator.target", "indicator", std::to_string(ind->id), "",
                    ind->code + " agency=" + std::to_string(t.agency_id) + " year=" + std::to_string(t.year) +
                        (t.milestone ? " milestone" : " target") + " value=" + number_text(t.value)});
  return out;
}

EnterResult enter_value(const Env& env, const EnterInput& in, const std::function<bool(const Indicator&)>& may_enter) {
  EnterResult out;
  auto ind = find_indicator(env.s, in.indicator_code);
  if (!ind || !ind->active) {
    out.problems.push_back({"", "indicators.value.error.indicator"});
    return out;
  }
  if (!may_enter(*ind)) {
    out.problems.push_back({"", "forbidden"});
    return out;
  }
  Value v;
  v.indicator_id = ind->id;
  v.agency_id = in.agency_id;
  if (in.agency_id != 0 && !directory::agency_name(env.s, in.agency_id))
    out.problems.push_back({"agency", "indicators.value.error.agency"});
  const calendar::Date today = calendar::to_local(env.clock.now()).day;
  auto period = parse_period(in.period);
  if (!period || period->frequency != ind->frequency) {
    out.problems.push_back({"period", "indicators.value.error.period"});
  } else if (period->first_month() > calendar::format_date(today).substr(0, 7)) {
    out.problems.push_back({"period", "indicators.value.error.future"});
  } else {
    v.period = period->code();
  }
  auto value = parse_value(in.value);
  if (!value) out.problems.push_back({"value", "indicators.value.error.value"});
  else v.value = *value;
  v.source = in.source;
  if (v.source.empty() || v.source.size() > kMaxText) out.problems.push_back({"source", "indicators.value.error.source"});
  v.reason = in.reason.substr(0, kMaxText);
  std::string content;
  if (!in.file_bytes.empty()) {
    auto type = document::sniff_type(in.file_bytes);
    if (!type) {
      out.problems.push_back({"file", "indicators.value.error.file_type"});
    } else if (in.file_bytes.size() > kMaxFileBytes) {
      out.problems.push_back({"file", "indicators.value.error.file_size"});
    } else {
      v.file_name = document::display_name(in.file_name.empty() ? "file" : in.file_name, *type);
      v.file_type = std::string(document::content_type_of(*type));
      v.file_size = static_cast<long long>(in.file_bytes.size());
      v.file_sha256 = document::sha256_hex(in.file_bytes);
      content = document::to_base64(in.file_bytes);
    }
  }
  if (!out.problems.empty()) return out;
  auto latest = latest_version(env.s, ind->id, v.agency_id, v.period);
  if (latest && latest->state == ValueState::submitted) {
    out.problems.push_back({"", "indicators.value.error.pending"});
    return out;
  }
  bool correcting = false;
  if (latest) {
    auto history = value_history(env.s, ind->id, 1000);
    for (const auto& h : history)
      if (h.agency_id == v.agency_id && h.period == v.period && h.state == ValueState::approved) correcting = true;
  }
  if (correcting && v.reason.empty()) {
    out.problems.push_back({"reason", "indicators.value.error.reason"});
    return out;
  }
  v.version = latest ? latest->version + 1 : 1;
  const auto last_day = calendar::parse_date(period->last_day());
  const auto due = env.calendar.add_working_days(*last_day, env.entry_working_days);
  v.due_date = due ? calendar::format_date(*due) : period->last_day();
  v.late = calendar::format_date(today) > v.due_date;
  v.state = ValueState::submitted;
  v.entered_by = in.by;
  v.entered_at = auth::iso_utc(env.clock.now());
  out.id = insert_value(env.s, v, content);
  out.version = v.version;
  out.late = v.late;
  env.audit(env.s, {"indicator.value.enter", "indicator_value", std::to_string(out.id), "",
                    ind->code + " period=" + v.period + " agency=" + std::to_string(v.agency_id) +
                        " version=" + std::to_string(v.version) + " value=" + number_text(v.value) +
                        (v.late ? " late" : "") + (v.file_name.empty() ? "" : " file=" + v.file_sha256)});
  return out;
}

DecideOutcome decide(const Env& env, std::int64_t value_id, Decision d, const std::string& note, std::int64_t by,
                     const std::function<bool(const Indicator&, const Value&)>& may_decide) {
  auto v = find_value(env.s, value_id);
  if (!v) return DecideOutcome::not_found;
  const std::optional<Indicator> ind = find_indicator_by_id(env.s, v->indicator_id);
  if (!ind) return DecideOutcome::not_found;
  if (!may_decide(*ind, *v)) return DecideOutcome::forbidden;
  if (v->state != ValueState::submitted) return DecideOutcome::not_pending;
  if (d == Decision::reject && note.empty()) return DecideOutcome::note_required;
  const std::string now = auth::iso_utc(env.clock.now());
  const ValueState to = d == Decision::approve ? ValueState::approved : ValueState::rejected;
  if (!decide_value(env.s, value_id, to, by, now, note.substr(0, kMaxText))) return DecideOutcome::not_pending;
  if (to == ValueState::approved) supersede_others(env.s, v->indicator_id, v->agency_id, v->period, value_id);
  env.audit(env.s, {d == Decision::approve ? "indicator.value.approve" : "indicator.value.reject", "indicator_value",
                    std::to_string(value_id), "state=submitted",
                    "state=" + std::string(value_state_code(to)) + " " + ind->code + " period=" + v->period +
                        " version=" + std::to_string(v->version)});
  return DecideOutcome::done;
}

}  // namespace tinhso::indicators
