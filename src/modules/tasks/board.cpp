#include "modules/tasks/board.h"

#include <map>

#include <nlohmann/json.hpp>

#include "modules/tasks/store.h"

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

}  // namespace tinhso::tasks
