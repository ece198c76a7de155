#include "modules/tasks/store_board.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "modules/tasks/api.h"
#include "modules/tasks/board.h"
#include "modules/tasks/sql_query.h"

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
  std::int64_t lead = 0, document = 0, assigner = 0, leader = 0;
  TaskFacts facts;
};

// The tasks the assigner gave (no parent) with ids first..last and every fact bucket_as_of reads.
std::vector<Loaded> load_facts(soci::session& s, long long first, long long last) {
  std::vector<Loaded> out;
  std::map<std::int64_t, std::size_t> at;
  {
    long long id = 0, lead = 0, document = 0, assigner = 0, leader = 0, a = first, b = last;
    int days = 0, rday = 0, rmonth = 0;
    std::string assigned, kind, every, completed, confirmed, closed;
    soci::statement st =
        (s.prepare << "SELECT t.id, t.lead_agency_id, i.document_id, t.assigner_agency_id, COALESCE(t.assigned_by, 0),"
                      " t.assigned_on, t.deadline_kind, t.deadline_days, t.recurring_every,"
                      " t.recurring_day, t.recurring_month, COALESCE(t.completed_on, ''), COALESCE(t.confirmed_on, ''),"
                      " COALESCE(t.closed_on, '') FROM tasks t JOIN task_items i ON i.id = t.item_id"
                      " WHERE t.parent_id IS NULL AND t.id BETWEEN :a AND :b ORDER BY t.id",
         soci::use(a, "a"), soci::use(b, "b"), soci::into(id), soci::into(lead), soci::into(document),
         soci::into(assigner), soci::into(leader), soci::into(assigned), soci::into(kind), soci::into(days),
         soci::into(every), soci::into(rday), soci::into(rmonth), soci::into(completed), soci::into(confirmed),
         soci::into(closed));
    st.execute();
    while (st.fetch()) {
      const auto on = calendar::parse_date(assigned);
      if (!on) continue;
      Loaded l;
      l.id = id;
      l.lead = lead;
      l.document = document;
      l.assigner = assigner;
      l.leader = leader;
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

// The dimensions a task is counted under in the tree: (dim, key) pairs.
struct TaskDims {
  std::int64_t lead = 0, assigner = 0, leader = 0;
  friend bool operator==(const TaskDims&, const TaskDims&) = default;
  // f(dim, key, scope): the province-wide cells (scope 0), and the assigning office's and
  // leader's cells within the lead body (scope = lead; a scoped board's figures).
  template <typename F>
  void each(F&& f) const {
    f(BoardDim::lead, lead, 0);
    f(BoardDim::assigner, assigner, 0);
    f(BoardDim::assigner, assigner, lead);
    if (leader != 0) {
      f(BoardDim::leader, leader, 0);
      f(BoardDim::leader, leader, lead);
    }
    f(BoardDim::all, 0, 0);
  }
};

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

// A tree cell: rule (1 bit) | dim (3 bits) | node (17 bits) | key (43 bits).
std::uint64_t tree_key(int rule, BoardDim dim, long long node, std::int64_t key) {
  return (static_cast<std::uint64_t>(rule) << 63) | (static_cast<std::uint64_t>(dim) << 60) |
         (static_cast<std::uint64_t>(node) << 43) | static_cast<std::uint64_t>(key);
}
// A cell of the tree: its packed key and its lead body (0: task_board_counts; a lead body:
// task_board_lead_counts).
using Cell = std::pair<std::uint64_t, std::int64_t>;
struct CellHash {
  std::size_t operator()(const Cell& c) const noexcept {
    return std::hash<std::uint64_t>{}(c.first ^ (static_cast<std::uint64_t>(c.second) * 0x9E3779B97F4A7C15ULL));
  }
};
using Tree = std::unordered_map<Cell, Sums, CellHash>;

void add_to_tree(Tree& tree, const SpanRow& r, const TaskDims& d, long long sign) {
  span_deltas(r, sign, [&](int rule, long long node, int b, long long n) {
    d.each([&](BoardDim dim, std::int64_t key, std::int64_t scope) {
      tree[{tree_key(rule, dim, node, key), scope}][b] += n;
    });
  });
}

// The layout of the stored tables this code reads and writes (task_board_state.layout, set by a
// rebuild): 2 = the dimensions of migrations/005_board_dims.sql, 3 = and the assigning
// office's and leader's counts within each lead body (008_board_lead_counts.sql). A layout below it (a database
// upgraded from a release that kept another layout) is rebuilt before use; one above it (a newer
// release's, while an upgrade rolls) is used as it is.
constexpr int kLayout = 3;

}  // namespace

bool board_built(soci::session& s) {
  int b = 1, layout = kLayout;
  s << "SELECT built, layout FROM task_board_state WHERE id = 1", soci::into(b), soci::into(layout);
  return b != 0 && layout >= kLayout;
}

namespace {

// Rows to insert into task_board_spans, column by column.
struct SpanBatch {
  std::vector<long long> task, lead, document, assigner, leader;
  std::vector<int> rule, seq, bucket;
  std::vector<std::string> from, to;
  void add(const Loaded& l, const SpanRow& r, int q) {
    task.push_back(l.id);
    lead.push_back(l.lead);
    document.push_back(l.document);
    assigner.push_back(l.assigner);
    leader.push_back(l.leader);
    rule.push_back(r.rule);
    seq.push_back(q);
    bucket.push_back(r.bucket);
    from.push_back(r.from);
    to.push_back(r.to);
  }
  void flush(soci::session& s) {
    bulk_insert(s, s.get_backend_name() == "postgresql",
                "INSERT INTO task_board_spans (task_id, rule, seq, lead_agency_id, document_id, assigner_agency_id,"
                " assigned_by, bucket, from_day, to_day)",
                ":t, :r, :q, :l, :d, :a, :by, :b, :f, :o", {"t", "r", "q", "l", "d", "a", "by", "b", "f", "o"}, task, rule,
                seq, lead, document, assigner, leader, bucket, from, to);
    for (auto* v : {&task, &lead, &document, &assigner, &leader}) v->clear();
    for (auto* v : {&rule, &seq, &bucket}) v->clear();
    for (auto* v : {&from, &to}) v->clear();
  }
};

// Adds `tree`'s non-zero cells to task_board_counts and task_board_lead_counts (`accumulate`:
// onto the stored sums).
void write_tree(soci::session& s, const Tree& tree, bool accumulate) {
  std::vector<int> rule, dim;
  std::vector<long long> node, key, b0, b1, b2, b3, b4;
  std::vector<long long> lead;
  auto flush = [&](bool scoped) {
    if (rule.empty()) return;
    const std::string table = scoped ? "task_board_lead_counts" : "task_board_counts";
    const std::string pk = scoped ? "rule, dim, lead_agency_id, node, key_id" : "rule, dim, node, key_id";
    std::string tail;
    if (accumulate) {
      tail = " ON CONFLICT (" + pk + ") DO UPDATE SET";
      const char* sep = " ";
      for (const char* c : {"done_on_time", "done_late", "in_progress", "overdue", "ongoing"}) {
        tail += std::string(sep) + c + " = " + table + "." + c + " + excluded." + c;
        sep = ", ";
      }
    }
    const bool pg = s.get_backend_name() == "postgresql";
    const std::string into = "INSERT INTO " + table + " (" + pk + ", done_on_time, done_late, in_progress, overdue, ongoing)";
    if (scoped)
      bulk_upsert(s, pg, into, ":r, :dim, :lead, :node, :k, :b0, :b1, :b2, :b3, :b4", tail,
                  {"r", "dim", "lead", "node", "k", "b0", "b1", "b2", "b3", "b4"}, rule, dim, lead, node, key, b0, b1, b2,
                  b3, b4);
    else
      bulk_upsert(s, pg, into, ":r, :dim, :node, :k, :b0, :b1, :b2, :b3, :b4", tail,
                  {"r", "dim", "node", "k", "b0", "b1", "b2", "b3", "b4"}, rule, dim, node, key, b0, b1, b2, b3, b4);
    for (auto* v : {&rule, &dim}) v->clear();
    for (auto* v : {&node, &key, &lead, &b0, &b1, &b2, &b3, &b4}) v->clear();
  };
  for (const bool scoped : {false, true}) {
    for (const auto& [cell, v] : tree) {
      if (v == Sums{} || (cell.second != 0) != scoped) continue;
      const std::uint64_t k = cell.first;
      rule.push_back(static_cast<int>(k >> 63));
      dim.push_back(static_cast<int>((k >> 60) & 0x7));
      node.push_back(static_cast<long long>((k >> 43) & 0x1FFFF));
      key.push_back(static_cast<long long>(k & ((1ULL << 43) - 1)));
      lead.push_back(cell.second);
      b0.push_back(v[0]);
      b1.push_back(v[1]);
      b2.push_back(v[2]);
      b3.push_back(v[3]);
      b4.push_back(v[4]);
      if (rule.size() >= 20000) flush(scoped);
    }
    flush(scoped);
  }
}

// " AND sp.<column> = :name" when `v` is set.
void equal_if(Query& q, const char* column, std::int64_t v) {
  if (v != 0) q.text(std::string(" AND sp.") + column + " = ").value(column, v);
}

// The spans of the cell as of `day`: FROM … WHERE … of both cell queries.
void cell_where(Query& q, Date day, OnTimeRule rule, const CellFilter& f, bool rule_indexed = true) {
  const std::string d = calendar::format_date(day);
  q.text(rule_indexed ? " FROM task_board_spans sp WHERE sp.rule = " : " FROM task_board_spans sp WHERE +sp.rule = ")
      .value("r", rule_number(rule));
  if (!f.leads.empty()) q.text(" AND sp.lead_agency_id IN ").in("s", f.leads);
  equal_if(q, "lead_agency_id", f.lead);
  equal_if(q, "document_id", f.document);
  equal_if(q, "assigner_agency_id", f.assigner);
  equal_if(q, "assigned_by", f.leader);
  if (f.bucket >= 0) q.text(" AND sp.bucket = ").value("b", f.bucket);
  q.text(" AND sp.from_day <= ").value("d", d).text(" AND sp.to_day >= ").value("d2", d);
}

std::vector<BoardSpan> read_spans(soci::statement& st, BoardSpan& sp, long long& task, long long& lead,
                                  long long& document, long long& assigner, long long& leader) {
  std::vector<BoardSpan> out;
  st.execute();
  while (st.fetch()) {
    sp.task = task;
    sp.lead = lead;
    sp.document = document;
    sp.assigner = assigner;
    sp.leader = leader;
    out.push_back(sp);
  }
  return out;
}

const char* const kSpanColumns =
    "SELECT sp.task_id, sp.lead_agency_id, sp.document_id, sp.assigner_agency_id, sp.assigned_by, sp.bucket,"
    " sp.from_day, sp.to_day";

}  // namespace

void refresh_board_task(soci::session& s, const calendar::WorkCalendar& cal, std::int64_t task_id) {
  if (!board_built(s)) return;
  long long id = task_id;
  std::vector<SpanRow> old;
  TaskDims old_dims;
  {
    SpanRow r;
    long long lead = 0, assigner = 0, leader = 0;
    soci::statement st =
        (s.prepare << "SELECT rule, bucket, lead_agency_id, assigner_agency_id, assigned_by, from_day, to_day"
                      " FROM task_board_spans WHERE task_id = :id ORDER BY rule, seq",
         soci::use(id, "id"), soci::into(r.rule), soci::into(r.bucket), soci::into(lead), soci::into(assigner),
         soci::into(leader), soci::into(r.from), soci::into(r.to));
    st.execute();
    while (st.fetch()) {
      old.push_back(r);
      old_dims = {lead, assigner, leader};
    }
  }
  const auto loaded = load_facts(s, id, id);
  const std::vector<SpanRow> now = loaded.empty() ? std::vector<SpanRow>{} : span_rows(loaded[0].facts, cal);
  const TaskDims dims = loaded.empty() ? TaskDims{} : TaskDims{loaded[0].lead, loaded[0].assigner, loaded[0].leader};
  // A task's document never changes (its item is fixed), so equal spans and tree keys mean nothing to do.
  if (now == old && dims == old_dims) return;
  Tree delta;
  for (const auto& r : old) add_to_tree(delta, r, old_dims, -1);
  for (const auto& r : now) add_to_tree(delta, r, dims, 1);
  s << "DELETE FROM task_board_spans WHERE task_id = :id", soci::use(id, "id");
  SpanBatch batch;
  int seq = 0;
  for (const auto& r : now) batch.add(loaded[0], r, seq++);
  batch.flush(s);
  write_tree(s, delta, true);
}

void rebuild_board(soci::session& s, const calendar::WorkCalendar& cal,
                   const std::function<void(long long, long long)>& progress) {
  s << "DELETE FROM task_board_spans";
  s << "DELETE FROM task_board_counts";
  s << "DELETE FROM task_board_lead_counts";
  long long lo = 0, hi = 0, total = 0;
  soci::indicator ind = soci::i_ok;
  s << "SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0), COUNT(*) FROM tasks WHERE parent_id IS NULL", soci::into(lo),
      soci::into(hi), soci::into(total, ind);
  Tree tree;
  SpanBatch batch;
  long long done = 0;
  constexpr long long kChunk = 20000;
  for (long long first = lo; total > 0 && first <= hi; first += kChunk) {
    for (const Loaded& l : load_facts(s, first, first + kChunk - 1)) {
      int seq = 0;
      const TaskDims dims{l.lead, l.assigner, l.leader};
      for (const SpanRow& r : span_rows(l.facts, cal)) {
        add_to_tree(tree, r, dims, 1);
        batch.add(l, r, seq++);
      }
      ++done;
    }
    batch.flush(s);
    if (progress) progress(done, total);
  }
  write_tree(s, tree, false);
  int layout = kLayout;
  s << "UPDATE task_board_state SET built = 1, layout = :l WHERE id = 1", soci::use(layout, "l");
}

void ensure_board(soci::session& s, const calendar::WorkCalendar& cal) {
  if (board_built(s)) return;
  soci::transaction tr(s);
  if (!board_built(s)) rebuild_board(s, cal);
  tr.commit();
}

namespace {

std::vector<std::int64_t> prefix_nodes(Date day) {
  std::vector<std::int64_t> nodes;
  for (long long i = day_number(day); i > 0; i -= i & -i) nodes.push_back(i);
  return nodes;
}

}  // namespace

std::vector<DimCount> board_counts(soci::session& s, Date day, OnTimeRule rule, const std::vector<BoardDim>& dims) {
  const std::vector<std::int64_t> nodes = prefix_nodes(day);
  std::vector<DimCount> out;
  if (nodes.empty() || dims.empty()) return out;
  std::vector<std::int64_t> ds;
  for (BoardDim d : dims) ds.push_back(static_cast<int>(d));
  Query q("SELECT dim, key_id, CAST(SUM(done_on_time) AS BIGINT), CAST(SUM(done_late) AS BIGINT),"
          " CAST(SUM(in_progress) AS BIGINT), CAST(SUM(overdue) AS BIGINT), CAST(SUM(ongoing) AS BIGINT)"
          " FROM task_board_counts WHERE rule = ");
  q.value("r", rule_number(rule)).text(" AND dim IN ").in("dim", ds).text(" AND node IN ").in("n", nodes);
  q.text(" GROUP BY dim, key_id ORDER BY dim, key_id");
  int dim = 0;
  long long key = 0;
  Sums c{};
  soci::statement st = q.prepare(s, soci::into(dim), soci::into(key), soci::into(c[0]), soci::into(c[1]),
                                 soci::into(c[2]), soci::into(c[3]), soci::into(c[4]));
  st.execute();
  while (st.fetch())
    if (c != Sums{}) out.push_back({static_cast<BoardDim>(dim), key, c});
  return out;
}

std::optional<std::vector<LeadDayCounts>> lead_counts(soci::session& s, OnTimeRule rule,
                                                      const std::vector<Date>& days) {
  std::vector<std::int64_t> nodes;
  for (Date d : days)
    for (std::int64_t n : prefix_nodes(d)) nodes.push_back(n);
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  if (nodes.empty()) nodes.push_back(0);  // no day: only the board's state is read
  // Part 0: the board's state (built, layout in the first two columns); part 1: the lead
  // dimension's nodes.
  Query q("SELECT 0, CAST(built AS BIGINT), CAST(layout AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT),"
          " CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT) FROM task_board_state WHERE id = 1"
          " UNION ALL SELECT 1, key_id, node, done_on_time, done_late, in_progress, overdue, ongoing"
          " FROM task_board_counts WHERE rule = ");
  q.value("r", rule_number(rule)).text(" AND dim = 0 AND node IN ").in("n", nodes);
  int part = 0;
  long long a = 0, b = 0;
  Sums c{};
  soci::statement st = q.prepare(s, soci::into(part), soci::into(a), soci::into(b), soci::into(c[0]),
                                 soci::into(c[1]), soci::into(c[2]), soci::into(c[3]), soci::into(c[4]));
  st.execute();
  bool built = false;
  std::map<long long, std::map<long long, Sums>> by_node;  // node → lead → sums
  while (st.fetch()) {
    if (part == 0) {
      built = a != 0 && b >= kLayout;
      continue;
    }
    Sums& to = by_node[b][a];
    for (std::size_t i = 0; i < c.size(); ++i) to[i] += c[i];
  }
  if (!built) return std::nullopt;
  std::vector<LeadDayCounts> out;
  for (Date d : days) {
    std::map<long long, Sums> per_lead;
    for (std::int64_t n : prefix_nodes(d)) {
      const auto node = by_node.find(n);
      if (node == by_node.end()) continue;
      for (const auto& [lead, sums] : node->second)
        for (std::size_t i = 0; i < sums.size(); ++i) per_lead[lead][i] += sums[i];
    }
    for (const auto& [lead, sums] : per_lead)
      if (sums != Sums{}) out.push_back({d, lead, sums});
  }
  return out;
}

BoardFigures board_figures(soci::session& s, Date day, OnTimeRule rule, const std::vector<Date>& series) {
  BoardFigures out;
  out.series.resize(series.size());
  std::vector<std::int64_t> nodes = prefix_nodes(day);
  std::vector<std::int64_t> series_nodes;
  for (Date d : series)
    for (std::int64_t n : prefix_nodes(d)) series_nodes.push_back(n);
  std::sort(series_nodes.begin(), series_nodes.end());
  series_nodes.erase(std::unique(series_nodes.begin(), series_nodes.end()), series_nodes.end());
  const char* const columns = ", done_on_time, done_late, in_progress, overdue, ongoing FROM task_board_counts WHERE rule = ";
  Query q(std::string("SELECT 0, dim, key_id, node") + columns);
  q.value("r", rule_number(rule)).text(" AND dim IN (0, 1, 2, 4) AND node IN ").in("n", nodes);
  q.text(std::string(" UNION ALL SELECT 1, dim, key_id, node") + columns);
  q.value("r2", rule_number(rule)).text(" AND dim = 4 AND key_id = 0 AND node IN ").in("m", series_nodes);
  int part = 0, dim = 0;
  long long key = 0, node = 0;
  Sums c{};
  soci::statement st = q.prepare(s, soci::into(part), soci::into(dim), soci::into(key), soci::into(node),
                                 soci::into(c[0]), soci::into(c[1]), soci::into(c[2]), soci::into(c[3]), soci::into(c[4]));
  st.execute();
  std::map<std::pair<int, long long>, Sums> by_key;
  std::map<long long, Sums> all_by_node;
  while (st.fetch()) {
    Sums& to = part == 0 ? by_key[{dim, key}] : all_by_node[node];
    for (std::size_t i = 0; i < c.size(); ++i) to[i] += c[i];
  }
  for (const auto& [k, v] : by_key)
    if (v != Sums{}) out.counts.push_back({static_cast<BoardDim>(k.first), k.second, v});
  for (std::size_t i = 0; i < series.size(); ++i)
    for (std::int64_t n : prefix_nodes(series[i])) {
      const auto it = all_by_node.find(n);
      if (it == all_by_node.end()) continue;
      for (std::size_t b = 0; b < it->second.size(); ++b) out.series[i][b] += it->second[b];
    }
  return out;
}

BoardFigures scope_figures(soci::session& s, Date day, OnTimeRule rule, const std::vector<std::int64_t>& leads,
                           const std::vector<Date>& series) {
  // Per lead body, in all and the series from the tree's lead dimension (the scope's keys); per
  // assigning office and leader from their counts within each of the scope's lead bodies — at
  // most 17 nodes per key either way, whatever the number of tasks.
  BoardFigures out;
  out.series.resize(series.size());
  const std::vector<std::int64_t> day_nodes = prefix_nodes(day);
  std::vector<std::int64_t> nodes = day_nodes;
  for (Date d : series)
    for (std::int64_t n : prefix_nodes(d)) nodes.push_back(n);
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  if (leads.empty() || nodes.empty()) return out;
  const char* const sums = ", done_on_time, done_late, in_progress, overdue, ongoing";
  Query q(std::string("SELECT 0, key_id, node") + sums + " FROM task_board_counts WHERE rule = ");
  q.value("r", rule_number(rule)).text(" AND dim = 0 AND key_id IN ").in("k", leads).text(" AND node IN ").in("n", nodes);
  q.text(std::string(" UNION ALL SELECT dim, key_id, node") + sums + " FROM task_board_lead_counts WHERE rule = ");
  q.value("r2", rule_number(rule)).text(" AND dim IN (1, 2) AND lead_agency_id IN ").in("s", leads);
  if (!day_nodes.empty()) q.text(" AND node IN ").in("m", day_nodes);
  else q.text(" AND node < 0");
  int dim = 0;
  long long key = 0, node = 0;
  Sums n{};
  soci::statement st = q.prepare(s, soci::into(dim), soci::into(key), soci::into(node), soci::into(n[0]),
                                 soci::into(n[1]), soci::into(n[2]), soci::into(n[3]), soci::into(n[4]));
  st.execute();
  std::map<std::pair<long long, long long>, Sums> by_lead_node;  // (lead, node)
  std::map<std::pair<int, std::int64_t>, Sums> by_key;
  while (st.fetch()) {
    if (dim == 0) {
      by_lead_node[{key, node}] = n;
      continue;
    }
    Sums& to = by_key[{dim, key}];
    for (std::size_t i = 0; i < to.size(); ++i) to[i] += n[i];
  }
  auto as_of = [&](std::int64_t lead, const std::vector<std::int64_t>& prefix) {
    Sums sum{};
    for (std::int64_t p : prefix)
      if (const auto it = by_lead_node.find({lead, p}); it != by_lead_node.end())
        for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += it->second[i];
    return sum;
  };
  Sums all{};
  for (std::int64_t lead : leads) {
    const Sums c0 = as_of(lead, day_nodes);
    if (c0 == Sums{}) continue;
    by_key[{static_cast<int>(BoardDim::lead), lead}] = c0;
    for (std::size_t i = 0; i < all.size(); ++i) all[i] += c0[i];
  }
  if (all != Sums{}) by_key[{static_cast<int>(BoardDim::all), 0}] = all;
  for (std::size_t k = 0; k < series.size(); ++k) {
    const auto prefix = prefix_nodes(series[k]);
    for (std::int64_t lead : leads) {
      const Sums c0 = as_of(lead, prefix);
      for (std::size_t i = 0; i < c0.size(); ++i) out.series[k][i] += c0[i];
    }
  }
  for (const auto& [k, v] : by_key)
    if (v != Sums{}) out.counts.push_back({static_cast<BoardDim>(k.first), k.second, v});
  return out;
}

BoardNames board_names(soci::session& s) {
  BoardNames out;
  int kind = 0;
  long long id = 0;
  std::string code, name;
  soci::statement st =
      (s.prepare << "SELECT 0, id, code, name FROM directory_agencies UNION ALL SELECT 1, id, '', full_name FROM accounts"
                    " WHERE id IN (SELECT DISTINCT key_id FROM task_board_counts WHERE rule = 0 AND dim = 2)",
       soci::into(kind), soci::into(id), soci::into(code), soci::into(name));
  st.execute();
  while (st.fetch()) {
    if (kind == 0) out.agencies[id] = {code, name};
    else out.leaders[id] = name;
  }
  return out;
}

std::vector<BoardSpan> board_spans(soci::session& s, OnTimeRule rule, const std::vector<std::int64_t>& leads,
                                   Date until) {
  Query q(kSpanColumns);
  q.text(" FROM task_board_spans sp WHERE sp.rule = ").value("r", rule_number(rule));
  if (!leads.empty()) q.text(" AND sp.lead_agency_id IN ").in("s", leads);
  q.text(" AND sp.from_day <= ").value("d", calendar::format_date(until));
  BoardSpan sp;
  long long task = 0, lead = 0, document = 0, assigner = 0, leader = 0;
  soci::statement st = q.prepare(s, soci::into(task), soci::into(lead), soci::into(document), soci::into(assigner),
                                 soci::into(leader), soci::into(sp.bucket), soci::into(sp.from), soci::into(sp.to));
  return read_spans(st, sp, task, lead, document, assigner, leader);
}

std::vector<BoardSpan> document_spans(soci::session& s, Date day, OnTimeRule rule,
                                      const std::vector<std::int64_t>& documents) {
  if (documents.empty()) return {};
  const std::string d = calendar::format_date(day);
  Query q(kSpanColumns);
  q.text(" FROM task_board_spans sp WHERE sp.rule = ").value("r", rule_number(rule));
  q.text(" AND sp.document_id IN ").in("doc", documents);
  q.text(" AND sp.from_day <= ").value("d", d).text(" AND sp.to_day >= ").value("d2", d);
  BoardSpan sp;
  long long task = 0, lead = 0, document = 0, assigner = 0, leader = 0;
  soci::statement st = q.prepare(s, soci::into(task), soci::into(lead), soci::into(document), soci::into(assigner),
                                 soci::into(leader), soci::into(sp.bucket), soci::into(sp.from), soci::into(sp.to));
  return read_spans(st, sp, task, lead, document, assigner, leader);
}

std::map<std::int64_t, AgencyName> agency_names(soci::session& s) {
  std::map<std::int64_t, AgencyName> out;
  long long id = 0;
  AgencyName a;
  soci::statement st =
      (s.prepare << "SELECT id, code, name FROM directory_agencies", soci::into(id), soci::into(a.code), soci::into(a.name));
  st.execute();
  while (st.fetch()) out[id] = a;
  return out;
}

namespace {

// The count of a cell the tree holds: every lead body, no document, at most one of lead body,
// assigning office and leader. nullopt for the other cells.
std::optional<long long> tree_count(soci::session& s, Date day, OnTimeRule rule, const CellFilter& f) {
  if (!f.leads.empty() || f.document != 0 || (f.lead != 0) + (f.assigner != 0) + (f.leader != 0) > 1) return std::nullopt;
  BoardDim dim = BoardDim::all;
  std::int64_t key = 0;
  if (f.lead != 0) dim = BoardDim::lead, key = f.lead;
  if (f.assigner != 0) dim = BoardDim::assigner, key = f.assigner;
  if (f.leader != 0) dim = BoardDim::leader, key = f.leader;
  long long n = 0;
  for (const DimCount& c : board_counts(s, day, rule, {dim})) {
    if (c.key != key) continue;
    for (std::size_t b = 0; b < c.counts.size(); ++b)
      if (f.bucket < 0 || static_cast<std::size_t>(f.bucket) == b) n += c.counts[b];
  }
  return n;
}

}  // namespace

long long cell_count(soci::session& s, Date day, OnTimeRule rule, const CellFilter& f) {
  if (const auto n = tree_count(s, day, rule, f)) return *n;
  Query q("SELECT COUNT(*)");
  cell_where(q, day, rule, f);
  long long n = 0;
  soci::statement st = q.prepare(s, soci::into(n));
  st.execute(true);
  return n;
}

std::vector<std::int64_t> cell_ids(soci::session& s, Date day, OnTimeRule rule, const CellFilter& f, long long offset,
                                   long long limit) {
  // A cell narrowed to a bucket, a lead body or a document reads its index in the order of the
  // day each task entered its bucket (the longest overdue first); a wider one (the province, an
  // assigning office or leader in all buckets) walks the spans in task order, so that a page
  // costs its rows, not the cell's size. "+sp.rule" keeps both planners off the bucket index.
  const bool narrow = f.bucket >= 0 || f.lead != 0 || f.document != 0;
  Query q("SELECT sp.task_id");
  cell_where(q, day, rule, f, narrow);
  q.text(narrow ? " ORDER BY sp.from_day, sp.task_id" : " ORDER BY sp.task_id");
  q.text(" LIMIT ").value("lim", limit).text(" OFFSET ").value("off", offset);
  std::vector<std::int64_t> out;
  long long id = 0;
  soci::statement st = q.prepare(s, soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

std::vector<std::int64_t> overdue_ids(soci::session& s, Date day, OnTimeRule rule, const std::vector<std::int64_t>& leads,
                                      long long limit) {
  CellFilter f;
  f.leads = leads;
  f.bucket = bucket_number(Bucket::overdue);
  Query q("SELECT sp.task_id");
  cell_where(q, day, rule, f);
  q.text(" ORDER BY sp.from_day, sp.task_id LIMIT ").value("lim", limit);
  std::vector<std::int64_t> out;
  long long id = 0;
  soci::statement st = q.prepare(s, soci::into(id));
  st.execute();
  while (st.fetch()) out.push_back(id);
  return out;
}

std::vector<OverdueTask> overdue_tasks(soci::session& s, const calendar::WorkCalendar& cal, OnTimeRule rule,
                                       const std::string& day, const std::vector<std::int64_t>& leads, int limit) {
  const auto d = calendar::parse_date(day);
  if (!d) return {};
  // The overdue span of a task starts the day after its due day in force (store_board.h), so the
  // due day shown is the span's first day less one: the list needs no deadline history. The
  // conditions are cell_where's for the overdue bucket. The board's state comes in the same
  // statement (part 0, first): only when it is not built is it built and the list read again.
  const std::string dd = calendar::format_date(*d);
  for (int attempt = 0; attempt < 2; ++attempt) {
    Query q("SELECT 0, '', '', '', '', CAST(built AS BIGINT), CAST(layout AS BIGINT), CAST(0 AS BIGINT)"
            " FROM task_board_state WHERE id = 1"
            " UNION ALL SELECT 1, t.content, COALESCE(a.name, ''), COALESCE(doc.number, ''), sp.from_day,"
            " CAST(0 AS BIGINT), CAST(0 AS BIGINT), sp.task_id FROM task_board_spans sp"
            " JOIN tasks t ON t.id = sp.task_id LEFT JOIN task_documents doc ON doc.id = sp.document_id"
            " LEFT JOIN directory_agencies a ON a.id = sp.lead_agency_id WHERE sp.rule = ");
    q.value("r", rule_number(rule));
    if (!leads.empty()) q.text(" AND sp.lead_agency_id IN ").in("s", leads);
    q.text(" AND sp.bucket = ").value("b", bucket_number(Bucket::overdue));
    q.text(" AND sp.from_day <= ").value("d", dd).text(" AND sp.to_day >= ").value("d2", dd);
    q.text(" ORDER BY 1, 5, 8 LIMIT ").value("lim", limit + 1);
    int part = 0;
    long long built = 0, layout = 0, task = 0;
    OverdueTask o;
    std::string from_day;
    soci::statement st =
        q.prepare(s, soci::into(part), soci::into(o.content), soci::into(o.lead_name), soci::into(o.document),
                  soci::into(from_day), soci::into(built), soci::into(layout), soci::into(task));
    st.execute();
    bool ready = false;
    std::vector<OverdueTask> out;
    while (st.fetch()) {
      if (part == 0) {
        ready = built != 0 && layout >= kLayout;
        continue;
      }
      const auto first = calendar::parse_date(from_day);
      o.due = first ? calendar::format_date(*first - std::chrono::days(1)) : "";
      out.push_back(o);
    }
    if (ready || attempt == 1) return out;
    ensure_board(s, cal);
  }
  return {};
}

}  // namespace tinhso::tasks
