#include "modules/tasks/board.h"

#include <algorithm>
#include <limits>
#include <map>

#include <nlohmann/json.hpp>

#include "modules/tasks/api.h"
#include "modules/tasks/store.h"
#include "modules/tasks/store_board.h"

namespace tinhso::tasks {

namespace {

std::optional<std::string> text_of(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return calendar::format_date(*d);
}

nlohmann::json or_null(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

std::size_t bucket_index(Bucket b) {
  for (std::size_t i = 0; i < std::size(kCountedBuckets); ++i)
    if (kCountedBuckets[i] == b) return i;
  return std::size(kCountedBuckets);
}

nlohmann::json counts_json(const std::array<long long, std::size(kCountedBuckets)>& counts) {
  nlohmann::json out = nlohmann::json::object();
  long long total = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    out[std::string(bucket_code(kCountedBuckets[i]))] = counts[i];
    total += counts[i];
  }
  out["total"] = total;
  return out;
}

// `t` as rows_as_of reads it on `day`: versions approved and reports made by then.
TaskFacts facts_on(const TaskFacts& t, Date day) {
  TaskFacts out = t;
  std::erase_if(out.versions, [&](const DeadlineVersion& v) { return v.approved_on > day; });
  std::erase_if(out.report_days, [&](Date r) { return r > day; });
  return out;
}

// Every day the bucket of `t` may change on (see bucket_spans), on or after its assignment.
std::vector<Date> change_days(const TaskFacts& t, const calendar::WorkCalendar& cal) {
  const std::chrono::days one{1};
  std::vector<Date> out{t.assigned_on};
  Date last = t.assigned_on;
  auto add = [&](Date d) {
    out.push_back(d);
    last = std::max(last, d);
  };
  for (const auto& v : t.versions) {
    add(v.approved_on);
    add(v.due + one);
  }
  for (const auto& d : {t.completed_on, t.confirmed_on, t.closed_on})
    if (d) add(*d);
  for (Date r : t.report_days) add(r);
  if (t.deadline.kind == DeadlineKind::recurring) {
    // Past the last fact, a missing report stays missing: two more occurrences settle the bucket.
    Date from = t.assigned_on + one;
    int after = 0;
    for (int i = 0; i < 10000 && after < 2; ++i) {
      const auto o = next_occurrence(t.deadline, from, cal);
      if (!o) break;
      if (*o > last) ++after;
      out.push_back(*o + one);
      from = *o + one;
    }
  }
  std::erase_if(out, [&](Date d) { return d < t.assigned_on; });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

}  // namespace

std::vector<AsOfRow> rows_as_of(soci::session& s, Date day, const calendar::WorkCalendar& cal, OnTimeRule rule) {
  std::vector<AsOfRow> out;
  for (const TaskRecord& r : assigned_tasks_as_of(s, calendar::format_date(day))) {
    AsOfRow row;
    row.id = r.id;
    row.document = r.document;
    row.lead = r.lead;
    row.assigned_on = calendar::format_date(r.facts.assigned_on);
    row.original_due = text_of(shown_original_due(r.facts, cal));
    row.due = text_of(shown_due_as_of(r.facts, day, cal));
    if (r.facts.confirmed_on && *r.facts.confirmed_on <= day)
      row.completed_on = text_of(r.facts.completed_on.value_or(*r.facts.confirmed_on));
    if (r.facts.closed_on && *r.facts.closed_on <= day) row.closed_on = text_of(r.facts.closed_on);
    row.bucket = bucket_as_of(r.facts, day, cal, rule);
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<BucketSpan> bucket_spans(const TaskFacts& t, const calendar::WorkCalendar& cal, OnTimeRule rule) {
  std::vector<BucketSpan> out;
  Bucket current = Bucket::none;
  for (Date d : change_days(t, cal)) {
    const Bucket b = bucket_as_of(facts_on(t, d), d, cal, rule);
    if (b == current) continue;
    if (current != Bucket::none) out.back().to = d - std::chrono::days{1};
    if (b != Bucket::none) out.push_back({b, d, std::nullopt});
    current = b;
  }
  return out;
}

std::vector<LeadCounts> counts_as_of(soci::session& s, Date day, const calendar::WorkCalendar& cal, OnTimeRule rule) {
  ensure_board(s, cal);
  const auto counts = board_counts(s, day, rule, {BoardDim::lead});
  if (counts.empty()) return {};
  const auto agencies = agency_names(s);
  std::map<std::string, LeadCounts> by_lead;
  for (const DimCount& c : counts) {
    const auto it = agencies.find(c.key);
    if (it == agencies.end()) continue;
    LeadCounts& l = by_lead[it->second.code];
    l.lead = it->second.code;
    for (std::size_t i = 0; i < c.counts.size(); ++i) l.counts[i] += c.counts[i];
  }
  std::vector<LeadCounts> out;
  for (auto& [lead, c] : by_lead)
    if (c.total() > 0) out.push_back(std::move(c));
  return out;
}

std::vector<std::int64_t> cell_task_ids(soci::session& s, Date day, const calendar::WorkCalendar& cal, OnTimeRule rule,
                                        const std::string& lead, Bucket bucket) {
  ensure_board(s, cal);
  const std::size_t i = bucket_index(bucket);
  if (i == std::size(kCountedBuckets)) return {};
  CellFilter f;
  for (const auto& [id, a] : agency_names(s))
    if (a.code == lead) f.lead = id;
  if (f.lead == 0) return {};
  f.bucket = static_cast<int>(i);
  auto ids = cell_ids(s, day, rule, f, 0, std::numeric_limits<long long>::max() / 2);
  std::sort(ids.begin(), ids.end());
  return ids;
}

long long LeadCounts::total() const {
  long long n = 0;
  for (long long c : counts) n += c;
  return n;
}

std::vector<LeadCounts> counts_by_lead(const std::vector<AsOfRow>& rows) {
  std::map<std::string, LeadCounts> by_lead;
  for (const auto& r : rows) {
    const std::size_t i = bucket_index(r.bucket);
    if (i == std::size(kCountedBuckets)) continue;
    LeadCounts& c = by_lead[r.lead];
    c.lead = r.lead;
    ++c.counts[i];
  }
  std::vector<LeadCounts> out;
  for (auto& [lead, c] : by_lead) out.push_back(std::move(c));
  return out;
}

std::string rows_json(const std::vector<AsOfRow>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : rows) {
    const std::string_view bucket = bucket_code(r.bucket);
    out.push_back({{"id", r.id},
                   {"document", r.document},
                   {"lead", r.lead},
                   {"assigned_on", r.assigned_on},
                   {"original_due", or_null(r.original_due)},
                   {"due", or_null(r.due)},
                   {"completed_on", or_null(r.completed_on)},
                   {"closed_on", or_null(r.closed_on)},
                   {"bucket", bucket.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::string(bucket))}});
  }
  return dump(out);
}

std::string summary_json(const std::vector<LeadCounts>& leads, Date day, OnTimeRule rule) {
  nlohmann::json list = nlohmann::json::array();
  std::array<long long, std::size(kCountedBuckets)> total{};
  for (const auto& l : leads) {
    nlohmann::json one = counts_json(l.counts);
    one["lead"] = l.lead;
    list.push_back(std::move(one));
    for (std::size_t i = 0; i < total.size(); ++i) total[i] += l.counts[i];
  }
  nlohmann::json out = {{"as_of", calendar::format_date(day)},
                        {"on_time_rule", std::string(on_time_rule_code(rule))},
                        {"leads", std::move(list)},
                        {"total", counts_json(total)}};
  return dump(out);
}

std::vector<BoardDifference> check_board(soci::session& s, const calendar::WorkCalendar& cal, OnTimeRule rule,
                                         Date day) {
  ensure_board(s, cal);
  std::map<std::string, std::int64_t> ids;  // every agency, ended ones too (a lead body's code)
  {
    long long id = 0;
    std::string code;
    soci::statement st = (s.prepare << "SELECT id, code FROM directory_agencies", soci::into(id), soci::into(code));
    st.execute();
    while (st.fetch()) ids[code] = id;
  }
  std::map<std::int64_t, BoardDifference> by_lead;
  for (const auto& c : counts_by_lead(rows_as_of(s, day, cal, rule))) {
    const auto it = ids.find(c.lead);
    const std::int64_t id = it == ids.end() ? -1 : it->second;
    by_lead[id].lead = id;
    by_lead[id].recounted = c.counts;
  }
  for (const auto& c : lead_counts(s, rule, {day}).value_or(std::vector<LeadDayCounts>{})) {
    by_lead[c.lead].lead = c.lead;
    by_lead[c.lead].stored = c.counts;
  }
  std::vector<BoardDifference> out;
  for (const auto& [id, d] : by_lead)
    if (d.stored != d.recounted) out.push_back(d);
  return out;
}

}  // namespace tinhso::tasks
