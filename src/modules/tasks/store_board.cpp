#include "modules/tasks/store_board.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "modules/tasks/board.h"

namespace tinhso::tasks {

namespace {

constexpr long long kNodes = 65536;  // day numbers 1..65536: 1990-01-01 .. 2169
constexpr Date kOrigin = std::chrono::sys_days{std::chrono::year{1990} / 1 / 1};
constexpr const char* kOpen = "9999-12-31";
constexpr OnTimeRule kRules[] = {OnTimeRule::deadline_in_force, OnTimeRule::original_deadline};

int rule_number(OnTimeRule r) { return r == OnTimeRule::original_deadline ? 1 : 0; }

// The day number of `d`, clamped to 0 (before the origin: nothing counted yet) .. kNodes.
long long day_number(Date d) { return std::clamp<long long>((d - kOrigin).count() + 1, 0, kNodes); }

int bucket_number(Bucket b) {
  for (std::size_t i = 0; i < std::size(kCountedBuckets); ++i)
    if (kCountedBuckets[i] == b) return static_cast<int>(i);
  return -1;
}

using Sums = std::array<long long, std::size(kCountedBuckets)>;

std::optional<Date> day_of(const std::string& s) { return s.empty() ? std::nullopt : calendar::parse_date(s); }

struct Loaded {
  std::int64_t id = 0;
  std::int64_t lead = 0;
  TaskFacts facts;
};

// The tasks the assigner gave (no parent) with ids first..last and every fact bucket_as_of reads.
std::vector<Loaded> load_facts(soci::session& s, long long first, long long last) {
  std::vector<Loaded> out;
  std::map<std::int64_t, std::size_t> at;
  {
    long long id = 0, lead = 0, a = first, b = last;
    int days = 0, rday = 0, rmonth = 0;
    std::string assigned, kind, every, completed, confirmed, closed;
    soci::statement st =
        (s.prepare << "SELECT id, lead_agency_id, assigned_on, deadline_kind, deadline_days, recurring_every,"
                      " recurring_day, recurring_month, COALESCE(completed_on, ''), COALESCE(confirmed_on, ''),"
                      " COALESCE(closed_on, '') FROM tasks WHERE parent_id IS NULL AND id BETWEEN :a AND :b ORDER BY id",
         soci::use(a, "a"), soci::use(b, "b"), soci::into(id), soci::into(lead), soci::into(assigned), soci::into(kind),
         soci::into(days), soci::into(every), soci::into(rday), soci::into(rmonth), soci::into(completed),
         soci::into(confirmed), soci::into(closed));
    st.execute();
    while (st.fetch()) {
      const auto on = calendar::parse_date(assigned);
      if (!on) continue;
      Loaded l;
      l.id = id;
      l.lead = lead;
      l.facts.assigned_on = *on;
      l.facts.deadline.kind = parse_deadline_kind(kind).value_or(DeadlineKind::none);
      l.facts.deadline.days = days;
      l.facts.deadline.every = parse_every(every).value_or(Every::month);
      l.facts.deadline.day = rday;
      l.facts.deadline.month = rmonth;
      l.facts.completed_on = day_of(completed);
      l.facts.confirmed_on = day_of(confirmed);
      l.facts.closed_on = day_of(closed);
      at[l.id] = out.size();
      out.push_back(std::move(l));
    }
  }
  if (out.empty()) return out;
  {
    long long task = 0, a = first, b = last;
    int number = 0;
    std::string due, approved;
    soci::statement st = (s.prepare << "SELECT v.task_id, v.number, v.due, v.approved_on FROM task_deadline_versions v"
                                       " WHERE v.task_id BETWEEN :a AND :b",
                          soci::use(a, "a"), soci::use(b, "b"), soci::into(task), soci::into(number), soci::into(due),
                          soci::into(approved));
    st.execute();
    while (st.fetch()) {
      const auto it = at.find(task);
      const auto dd = calendar::parse_date(due);
      const auto ad = calendar::parse_date(approved);
      if (it != at.end() && dd && ad) out[it->second].facts.versions.push_back({number, *dd, *ad});
    }
  }
  {
    long long task = 0, a = first, b = last;
    std::string on;
    soci::statement st =
        (s.prepare << "SELECT r.task_id, r.reported_on FROM task_reports r JOIN tasks t ON t.id = r.task_id"
                      " WHERE t.deadline_kind = 'recurring' AND r.task_id BETWEEN :a AND :b ORDER BY r.task_id, r.reported_on",
         soci::use(a, "a"), soci::use(b, "b"), soci::into(task), soci::into(on));
    st.execute();
    while (st.fetch()) {
      const auto it = at.find(task);
      const auto od = calendar::parse_date(on);
      if (it != at.end() && od) out[it->second].facts.report_days.push_back(*od);
    }
  }
  return out;
}

// One stored span row.
struct SpanRow {
  int rule = 0;
  int bucket = 0;
  std::string from, to;
  friend bool operator==(const SpanRow&, const SpanRow&) = default;
};

std::vector<SpanRow> span_rows(const TaskFacts& f, const calendar::WorkCalendar& cal) {
  std::vector<SpanRow> out;
  for (OnTimeRule r : kRules)
    for (const BucketSpan& sp : bucket_spans(f, cal, r))
      out.push_back({rule_number(r), bucket_number(sp.bucket), calendar::format_date(sp.from),
                     sp.to ? calendar::format_date(*sp.to) : std::string(kOpen)});
  return out;
}

// Adds the span's +1 at its first day and −1 after its last to every tree node above them.
template <typename Add>
void span_deltas(const SpanRow& r, long long sign, Add&& add) {
  auto point = [&](long long i, long long n) {
    for (; i >= 1 && i <= kNodes; i += i & -i) add(r.rule, i, r.bucket, n);
  };
  const auto from = calendar::parse_date(r.from);
  if (!from) return;
  point(std::max<long long>(day_number(*from), 1), sign);
  if (r.to == kOpen) return;
  const auto to = calendar::parse_date(r.to);
  if (to && day_number(*to) < kNodes) point(std::max<long long>(day_number(*to + std::chrono::days{1}), 1), -sign);
}

bool built(soci::session& s) {
  int b = 1;
  s << "SELECT built FROM task_board_state WHERE id = 1", soci::into(b);
  return b != 0;
}

void insert_spans(soci::session& s, std::vector<long long>& task, std::vector<int>& rule, std::vector<int>& seq,
                  std::vector<long long>& lead, std::vector<int>& bucket, std::vector<std::string>& from,
                  std::vector<std::string>& to) {
  if (task.empty()) return;
  soci::statement st = (s.prepare << "INSERT INTO task_board_spans (task_id, rule, seq, lead_agency_id, bucket, from_day,"
                                     " to_day) VALUES (:t, :r, :q, :l, :b, :f, :o)",
                        soci::use(task), soci::use(rule), soci::use(seq), soci::use(lead), soci::use(bucket),
                        soci::use(from), soci::use(to));
  st.execute(true);
  for (auto* v : {&task, &lead}) v->clear();
  for (auto* v : {&rule, &seq, &bucket}) v->clear();
  for (auto* v : {&from, &to}) v->clear();
}

}  // namespace

void refresh_board_task(soci::session& s, const calendar::WorkCalendar& cal, std::int64_t task_id) {
  if (!built(s)) return;
  long long id = task_id;
  std::vector<SpanRow> old;
  long long old_lead = 0;
  {
    SpanRow r;
    long long lead = 0;
    soci::statement st = (s.prepare << "SELECT rule, bucket, lead_agency_id, from_day, to_day FROM task_board_spans"
                                       " WHERE task_id = :id ORDER BY rule, seq",
                          soci::use(id, "id"), soci::into(r.rule), soci::into(r.bucket), soci::into(lead),
                          soci::into(r.from), soci::into(r.to));
    st.execute();
    while (st.fetch()) {
      old.push_back(r);
      old_lead = lead;
    }
  }
  const auto loaded = load_facts(s, id, id);
  const std::vector<SpanRow> now = loaded.empty() ? std::vector<SpanRow>{} : span_rows(loaded[0].facts, cal);
  const long long lead = loaded.empty() ? 0 : loaded[0].lead;
  if (now == old && lead == old_lead) return;
  std::map<std::tuple<int, long long, long long>, Sums> delta;  // rule, node, lead → per bucket
  for (const auto& r : old)
    span_deltas(r, -1, [&](int rule, long long node, int b, long long n) { delta[{rule, node, old_lead}][b] += n; });
  for (const auto& r : now)
    span_deltas(r, 1, [&](int rule, long long node, int b, long long n) { delta[{rule, node, lead}][b] += n; });
  s << "DELETE FROM task_board_spans WHERE task_id = :id", soci::use(id, "id");
  std::vector<long long> tv, lv;
  std::vector<int> rv, qv, bv;
  std::vector<std::string> fv, ov;
  int seq = 0;
  for (const auto& r : now) {
    tv.push_back(id);
    rv.push_back(r.rule);
    qv.push_back(seq++);
    lv.push_back(lead);
    bv.push_back(r.bucket);
    fv.push_back(r.from);
    ov.push_back(r.to);
  }
  insert_spans(s, tv, rv, qv, lv, bv, fv, ov);
  int rule = 0;
  long long node = 0, agency = 0;
  Sums n{};
  soci::statement up =
      (s.prepare << "INSERT INTO task_board_tree (rule, node, lead_agency_id, done_on_time, done_late, in_progress,"
                    " overdue, ongoing) VALUES (:r, :node, :l, :b0, :b1, :b2, :b3, :b4)"
                    " ON CONFLICT (rule, node, lead_agency_id) DO UPDATE SET"
                    " done_on_time = task_board_tree.done_on_time + excluded.done_on_time,"
                    " done_late = task_board_tree.done_late + excluded.done_late,"
                    " in_progress = task_board_tree.in_progress + excluded.in_progress,"
                    " overdue = task_board_tree.overdue + excluded.overdue,"
                    " ongoing = task_board_tree.ongoing + excluded.ongoing",
       soci::use(rule, "r"), soci::use(node, "node"), soci::use(agency, "l"), soci::use(n[0], "b0"),
       soci::use(n[1], "b1"), soci::use(n[2], "b2"), soci::use(n[3], "b3"), soci::use(n[4], "b4"));
  for (const auto& [key, value] : delta) {
    if (value == Sums{}) continue;
    std::tie(rule, node, agency) = key;
    n = value;
    up.execute(true);
  }
}

void rebuild_board(soci::session& s, const calendar::WorkCalendar& cal,
                   const std::function<void(long long, long long)>& progress) {
  s << "DELETE FROM task_board_spans";
  s << "DELETE FROM task_board_tree";
  long long lo = 0, hi = 0, total = 0;
  soci::indicator ind = soci::i_ok;
  s << "SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0), COUNT(*) FROM tasks WHERE parent_id IS NULL", soci::into(lo),
      soci::into(hi), soci::into(total, ind);
  // key: rule (1 bit) | node (17 bits) | lead (46 bits)
  std::unordered_map<std::uint64_t, Sums> tree;
  auto key = [](int rule, long long node, long long lead) {
    return (static_cast<std::uint64_t>(rule) << 63) | (static_cast<std::uint64_t>(node) << 46) |
           static_cast<std::uint64_t>(lead);
  };
  std::vector<long long> tv, lv;
  std::vector<int> rv, qv, bv;
  std::vector<std::string> fv, ov;
  long long done = 0;
  constexpr long long kChunk = 20000;
  for (long long first = lo; total > 0 && first <= hi; first += kChunk) {
    for (const Loaded& l : load_facts(s, first, first + kChunk - 1)) {
      int seq = 0;
      for (const SpanRow& r : span_rows(l.facts, cal)) {
        span_deltas(r, 1, [&](int rule, long long node, int b, long long n) { tree[key(rule, node, l.lead)][b] += n; });
        tv.push_back(l.id);
        rv.push_back(r.rule);
        qv.push_back(seq++);
        lv.push_back(l.lead);
        bv.push_back(r.bucket);
        fv.push_back(r.from);
        ov.push_back(r.to);
      }
      ++done;
    }
    insert_spans(s, tv, rv, qv, lv, bv, fv, ov);
    if (progress) progress(done, total);
  }
  std::vector<int> rule;
  std::vector<long long> node, lead, b0, b1, b2, b3, b4;
  auto flush = [&] {
    if (rule.empty()) return;
    soci::statement st = (s.prepare << "INSERT INTO task_board_tree (rule, node, lead_agency_id, done_on_time, done_late,"
                                       " in_progress, overdue, ongoing) VALUES (:r, :node, :l, :b0, :b1, :b2, :b3, :b4)",
                          soci::use(rule), soci::use(node), soci::use(lead), soci::use(b0), soci::use(b1), soci::use(b2),
                          soci::use(b3), soci::use(b4));
    st.execute(true);
    rule.clear();
    for (auto* v : {&node, &lead, &b0, &b1, &b2, &b3, &b4}) v->clear();
  };
  for (const auto& [k, v] : tree) {
    if (v == Sums{}) continue;
    rule.push_back(static_cast<int>(k >> 63));
    node.push_back(static_cast<long long>((k >> 46) & 0x1FFFF));
    lead.push_back(static_cast<long long>(k & ((1ULL << 46) - 1)));
    b0.push_back(v[0]);
    b1.push_back(v[1]);
    b2.push_back(v[2]);
    b3.push_back(v[3]);
    b4.push_back(v[4]);
    if (rule.size() >= 50000) flush();
  }
  flush();
  s << "UPDATE task_board_state SET built = 1 WHERE id = 1";
}

void ensure_board(soci::session& s, const calendar::WorkCalendar& cal) {
  if (built(s)) return;
  soci::transaction tr(s);
  if (!built(s)) rebuild_board(s, cal);
  tr.commit();
}

std::vector<BoardLead> board_leads(soci::session& s, Date day, OnTimeRule rule) {
  std::array<long long, 17> nodes{};  // 0 = no node
  std::size_t k = 0;
  for (long long i = day_number(day); i > 0 && k < nodes.size(); i -= i & -i) nodes[k++] = i;
  int r = rule_number(rule);
  std::vector<BoardLead> out;
  BoardLead c;
  soci::statement st =
      (s.prepare << "SELECT a.code, x.b0, x.b1, x.b2, x.b3, x.b4 FROM (SELECT lead_agency_id,"
                    " CAST(SUM(done_on_time) AS BIGINT) AS b0, CAST(SUM(done_late) AS BIGINT) AS b1,"
                    " CAST(SUM(in_progress) AS BIGINT) AS b2, CAST(SUM(overdue) AS BIGINT) AS b3,"
                    " CAST(SUM(ongoing) AS BIGINT) AS b4"
                    " FROM task_board_tree WHERE rule = :r AND node IN (:n0, :n1, :n2, :n3, :n4, :n5, :n6, :n7, :n8,"
                    " :n9, :n10, :n11, :n12, :n13, :n14, :n15, :n16) GROUP BY lead_agency_id) x"
                    " JOIN directory_agencies a ON a.id = x.lead_agency_id",
       soci::use(r, "r"), soci::use(nodes[0], "n0"), soci::use(nodes[1], "n1"), soci::use(nodes[2], "n2"),
       soci::use(nodes[3], "n3"), soci::use(nodes[4], "n4"), soci::use(nodes[5], "n5"), soci::use(nodes[6], "n6"),
       soci::use(nodes[7], "n7"), soci::use(nodes[8], "n8"), soci::use(nodes[9], "n9"), soci::use(nodes[10], "n10"),
       soci::use(nodes[11], "n11"), soci::use(nodes[12], "n12"), soci::use(nodes[13], "n13"),
       soci::use(nodes[14], "n14"), soci::use(nodes[15], "n15"), soci::use(nodes[16], "n16"), soci::into(c.lead),
       soci::into(c.counts[0]), soci::into(c.counts[1]), soci::into(c.counts[2]), soci::into(c.counts[3]),
       soci::into(c.counts[4]));
  st.execute();
  while (st.fetch())
    if (c.counts != Sums{}) out.push_back(c);
  return out;
}

std::vector<std::int64_t> board_cell_tasks(soci::session& s, Date day, OnTimeRule rule, const std::string& lead,
                                           int bucket) {
  std::vector<std::int64_t> out;
  int r = rule_number(rule), b = bucket;
  std::string code = lead, d = calendar::format_date(day);
  long long id = 0;
  soci::statement st =
      (s.prepare << "SELECT sp.task_id FROM task_board_spans sp JOIN directory_agencies a ON a.id = sp.lead_agency_id"
                    " WHERE a.code = :lead AND sp.rule = :r AND sp.bucket = :b AND sp.from_day <= :d AND sp.to_day >= :d2"
                    " ORDER BY sp.task_id",
       soci::use(code, "lead"), soci::use(r, "r"), soci::use(b, "b"), soci::use(d, "d"), soci::use(d, "d2"),
       soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

}  // namespace tinhso::tasks
