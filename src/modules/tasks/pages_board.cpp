#include "modules/tasks/pages_board.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include <mstch/mstch.hpp>

#include "core/auth/guard.h"
#include "core/document/chart.h"
#include "core/document/pdf.h"
#include "core/document/xlsx.h"
#include "core/http/form.h"
#include "core/text/format.h"
#include "core/text/vietnamese.h"
#include "core/web/fields.h"
#include "core/web/paging.h"
#include "core/web/routes.h"
#include "core/web/view.h"
#include "modules/tasks/api.h"
#include "modules/tasks/pages_board_query.h"
#include "modules/tasks/store_board.h"

namespace tinhso::tasks {

namespace {

using http::Request;
using http::Response;
constexpr std::size_t kBuckets = std::size(kCountedBuckets);
constexpr int kListPageSize = 100;

// ---- Parameters ----

struct Period {
  PeriodLength length = PeriodLength::year;
  std::string code = "year";
};

// What a list (and a cell of the board) selects: all of them must match; 0 / "" / nullopt: any.
struct BoardFilter {
  std::vector<std::int64_t> lead_scope;  // lead agencies the reader may see; empty: every one
  std::string lead;                      // a lead agency's code
  std::int64_t document = 0;
  std::int64_t assigner = 0;
  std::int64_t leader = 0;  // the assigning leader's account
  std::optional<Bucket> bucket;
};

struct BoardQuery {
  Date day;
  Period period;
  std::int64_t scope = 0;  // a lead agency chosen by the reader; 0: the reader's whole scope
  std::vector<std::int64_t> reader;  // the lead agencies the reader may see; empty: every one
  BoardFilter filter;      // lead_scope set from the reader and `scope`
};

Date day_param(const app::Context& ctx, const Request& req) {
  auto v = req.query_params.get("as_of");
  if (!v || v->empty()) return calendar::to_local(ctx.clock.now()).day;
  auto d = calendar::parse_date(*v);
  if (!d || !calendar::in_range(*d))
    throw http::Error(http::ErrorKind::bad_request, "bad as_of", "tasks_board.error.as_of");
  return *d;
}

Period period_param(const Request& req) {
  auto v = req.query_params.get("period");
  if (!v || v->empty()) return {};
  static const std::pair<const char*, PeriodLength> kCodes[] = {{"month", PeriodLength::month},
                                                                {"quarter", PeriodLength::quarter},
                                                                {"six_months", PeriodLength::six_months},
                                                                {"nine_months", PeriodLength::nine_months},
                                                                {"year", PeriodLength::year}};
  for (const auto& [code, length] : kCodes)
    if (*v == code) return {length, code};
  throw http::Error(http::ErrorKind::bad_request, "bad period", "tasks_board.error.period");
}

// The lead agencies `who` may see on the board: empty for every one (the province leader); an
// agency leader: its agency and those below it. Refuses everybody else (403).
std::vector<std::int64_t> reader_scope(const auth::Principal& who) {
  if (who.has(auth::Role::province_leader)) return {};
  if (who.has(auth::Role::agency_leader) && who.agency_id) {
    if (!who.agency_scope.empty()) return who.agency_scope;
    return {*who.agency_id};
  }
  auth::require(false, "view the task board");
  throw std::logic_error("auth::require(false) returned");
}

std::optional<Bucket> bucket_param(const Request& req) {
  auto v = req.query_params.get("bucket");
  if (!v || v->empty()) return std::nullopt;
  auto b = parse_bucket(*v);
  if (!b || *b == Bucket::none)
    throw http::Error(http::ErrorKind::bad_request, "bad bucket", "tasks_board.error.filter");
  return b;
}

std::int64_t id_param(const Request& req, std::string_view name) {
  auto v = req.query_params.get(name);
  if (!v || v->empty()) return 0;
  auto id = web::parse_id(*v);
  if (!id) throw http::Error(http::ErrorKind::bad_request, "bad filter", "tasks_board.error.filter");
  return *id;
}

BoardQuery query_of(const app::Context& ctx, const Request& req) {
  const auth::Principal& who = auth::require_login(req);
  BoardQuery q;
  q.reader = reader_scope(who);
  q.filter.lead_scope = q.reader;
  q.day = day_param(ctx, req);
  q.period = period_param(req);
  q.scope = id_param(req, "scope");
  if (q.scope != 0) {
    const auto& s = q.filter.lead_scope;
    auth::require(s.empty() || std::find(s.begin(), s.end(), q.scope) != s.end(), "view another body's tasks");
    q.filter.lead_scope = {q.scope};
  }
  return q;
}

// ---- Links: every count's list carries exactly the filter that count was made with ----

std::string list_href(const BoardQuery& q, Date day, const BoardFilter& f) {
  std::string h = "/tasks/list?as_of=" + calendar::format_date(day);
  if (q.scope != 0) h += "&scope=" + std::to_string(q.scope);
  if (!f.lead.empty()) h += "&lead=" + http::percent_encode(f.lead);
  if (f.document != 0) h += "&document=" + std::to_string(f.document);
  if (f.assigner != 0) h += "&assigner=" + std::to_string(f.assigner);
  if (f.leader != 0) h += "&leader=" + std::to_string(f.leader);
  if (const Bucket b = f.bucket.value_or(Bucket::none); b != Bucket::none) h += "&bucket=" + std::string(bucket_code(b));
  return h;
}

std::size_t bucket_index(Bucket b) {
  for (std::size_t i = 0; i < kBuckets; ++i)
    if (kCountedBuckets[i] == b) return i;
  return kBuckets;
}

using Counts = std::array<long long, kBuckets>;
long long sum(const Counts& c) {
  long long n = 0;
  for (long long x : c) n += x;
  return n;
}

// One group of the board (a lead body, a document, an assigning office, a month): its label, the
// filter its cells add, and its counts.
struct Group {
  std::string label;
  BoardFilter filter;
  Date day;
  Counts counts{};
};

const std::string& bucket_label(const web::View& v, Bucket b) {
  return v.t("tasks_board.bucket." + std::string(bucket_code(b)));
}

mstch::map cell(const web::View& v, const BoardQuery& q, const Group& g, std::optional<Bucket> b, long long n) {
  BoardFilter f = g.filter;
  f.bucket = b;
  return mstch::map{{"n", text::format_integer(n, v.req.lang)},
                    {"label", b ? bucket_label(v, *b) : v.t("tasks_board.col.total")},
                    {"href", list_href(q, g.day, f)},
                    {"late", b == Bucket::overdue && n > 0}};
}

mstch::map group_row(const web::View& v, const BoardQuery& q, const Group& g) {
  mstch::array cells;
  for (std::size_t i = 0; i < kBuckets; ++i) cells.push_back(cell(v, q, g, kCountedBuckets[i], g.counts[i]));
  return mstch::map{{"label", g.label}, {"cells", cells}, {"total", cell(v, q, g, std::nullopt, sum(g.counts))}};
}

// Most overdue first, then by name in Vietnamese order.
void sort_groups(std::vector<Group>& gs) {
  const std::size_t od = bucket_index(Bucket::overdue);
  std::stable_sort(gs.begin(), gs.end(), [&](const Group& a, const Group& b) {
    if (a.counts[od] != b.counts[od]) return a.counts[od] > b.counts[od];
    return text::compare_vi(a.label, b.label) < 0;
  });
}

// The trend: one point per reporting month of the chosen period up to the board's day, each the
// counts as of the month's closing day (the 14th, LEADERS.md §1 M; Decree 09/2019/NĐ-CP Art. 12)
// or the board's day when earlier.
struct TrendPoint {
  int year = 0, month = 0;
  Group group;
};

std::pair<int, int> period_months(PeriodLength length, int month) {
  switch (length) {
    case PeriodLength::month: return {month, month};
    case PeriodLength::quarter: {
      const int first = (month - 1) / 3 * 3 + 1;
      return {first, first + 2};
    }
    case PeriodLength::six_months: return {1, 6};
    case PeriodLength::nine_months: return {1, 9};
    case PeriodLength::year: return {1, 12};
  }
  return {1, 12};
}

std::optional<ReportingPeriod> period_of(const BoardQuery& q) {
  const PeriodMonth pm = period_month_of(q.day);
  int index = 1;
  if (q.period.length == PeriodLength::month) index = pm.month;
  if (q.period.length == PeriodLength::quarter) index = (pm.month - 1) / 3 + 1;
  return reporting_period(q.period.length, pm.year, index);
}

std::vector<TrendPoint> trend_points(const BoardQuery& q) {
  const PeriodMonth pm = period_month_of(q.day);
  const auto [first, last] = period_months(q.period.length, pm.month);
  std::vector<TrendPoint> out;
  for (int m = first; m <= std::min(last, pm.month); ++m) {
    const Date close = calendar::make_date(pm.year, static_cast<unsigned>(m), 14);
    TrendPoint p{pm.year, m, {}};
    p.group.day = std::min(close, q.day);
    out.push_back(std::move(p));
  }
  return out;
}

constexpr long long kOverdueShown = 50;    // the board's overdue list; the rest on its list page
constexpr long long kDocumentsShown = 20;  // documents per page of the per-document table

// Everything the board shows, computed once for the page and the exports. Every count comes
// from the stored board (store_board.h): the Fenwick tree for the whole province, the spans of
// the lead bodies for a scope, and the spans of one page of documents.
struct Board {
  BoardQuery q;
  Group total;
  std::vector<Group> leads, documents, assigners, leaders;
  int documents_page = 1;
  bool more_documents = false;
  std::vector<TrendPoint> months;
  std::vector<BoardTask> overdue;  // the longest overdue first, at most kOverdueShown
  std::vector<std::pair<std::int64_t, std::string>> bodies;  // the lead bodies the reader may choose
};

// The groups of one dimension, labelled from `names`.
std::vector<Group> groups_of(const std::vector<DimCount>& counts, BoardDim dim, Date day, const BoardNames& names) {
  std::vector<Group> out;
  for (const DimCount& c : counts) {
    if (c.dim != dim) continue;
    Group g;
    g.day = day;
    g.counts = c.counts;
    if (dim == BoardDim::leader) {
      const auto it = names.leaders.find(c.key);
      g.label = it == names.leaders.end() ? std::to_string(c.key) : it->second;
      g.filter.leader = c.key;
    } else {
      const auto it = names.agencies.find(c.key);
      g.label = it == names.agencies.end() ? std::to_string(c.key) : it->second.name;
      if (dim == BoardDim::lead) g.filter.lead = it == names.agencies.end() ? std::string() : it->second.code;
      else g.filter.assigner = c.key;
    }
    out.push_back(std::move(g));
  }
  sort_groups(out);
  return out;
}

Counts all_counts(const std::vector<DimCount>& counts) {
  for (const DimCount& c : counts)
    if (c.dim == BoardDim::all) return c.counts;
  return Counts{};
}

int documents_page_param(const Request& req) {
  auto v = req.query_params.get("documents_page");
  if (!v || v->empty()) return 1;
  auto n = web::parse_id(*v);
  if (!n || *n > 100000) throw http::Error(http::ErrorKind::bad_request, "bad page", "tasks_board.error.filter");
  return static_cast<int>(*n);
}

// The per-document table: one page of documents, the latest issued first, from their spans holding the day.
std::vector<Group> document_groups(const std::vector<BoardDocument>& docs, const std::vector<BoardSpan>& spans, Date day) {
  const std::string d = calendar::format_date(day);
  std::vector<Group> out;
  for (const BoardDocument& doc : docs) {
    Group g;
    g.day = day;
    g.label = doc.number;
    g.filter.document = doc.id;
    for (const BoardSpan& sp : spans)
      if (sp.document == doc.id && sp.holds(d) && sp.bucket >= 0 && sp.bucket < static_cast<int>(kBuckets))
        ++g.counts[static_cast<std::size_t>(sp.bucket)];
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<std::pair<std::int64_t, std::string>> bodies_of(const std::vector<DimCount>& counts, const BoardNames& names) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const DimCount& c : counts) {
    if (c.dim != BoardDim::lead) continue;
    const auto it = names.agencies.find(c.key);
    out.emplace_back(c.key, it == names.agencies.end() ? std::to_string(c.key) : it->second.name);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return text::compare_vi(x.second, y.second) < 0; });
  return out;
}

// An agency leader's lead bodies to choose from: the agencies of its scope, by name.
std::vector<std::pair<std::int64_t, std::string>> reader_bodies(const std::vector<std::int64_t>& reader,
                                                                const BoardNames& names) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (std::int64_t id : reader)
    if (const auto it = names.agencies.find(id); it != names.agencies.end()) out.emplace_back(id, it->second.name);
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return text::compare_vi(x.second, y.second) < 0; });
  return out;
}

Board board_of(app::Context& ctx, const Request& req) {
  Board b;
  b.q = query_of(ctx, req);
  b.documents_page = documents_page_param(req);
  b.months = trend_points(b.q);
  const auto cal = ctx.calendar.current();
  const OnTimeRule rule = settings(ctx).on_time;
  const Date day = b.q.day;
  std::vector<Date> series;
  for (const auto& p : b.months) series.push_back(p.group.day);
  ctx.db.with_session([&](soci::session& s) {
    ensure_board(s, *cal);
    const BoardNames names = board_names(s);
    std::vector<DimCount> counts;
    std::vector<std::int64_t> overdue;
    std::vector<BoardDocument> docs;
    std::vector<BoardSpan> doc_spans;
    // The whole province reads the tree; a scope (an agency leader's bodies, or the one chosen)
    // counts its lead bodies' spans in the database.
    const bool whole = b.q.reader.empty() && b.q.scope == 0;
    const std::vector<std::int64_t> leads =
        whole ? std::vector<std::int64_t>{} : b.q.scope != 0 ? std::vector<std::int64_t>{b.q.scope} : b.q.reader;
    BoardFigures f = whole ? board_figures(s, day, rule, series) : scope_figures(s, day, rule, leads, series);
    counts = std::move(f.counts);
    for (std::size_t i = 0; i < b.months.size() && i < f.series.size(); ++i) b.months[i].group.counts = f.series[i];
    if (whole) b.bodies = bodies_of(counts, names);
    else if (b.q.reader.empty()) b.bodies = bodies_of(board_counts(s, day, rule, {BoardDim::lead}), names);
    else b.bodies = reader_bodies(b.q.reader, names);
    overdue = overdue_ids(s, day, rule, leads, kOverdueShown);
    docs = documents_page(s, day, rule, leads, (b.documents_page - 1) * kDocumentsShown, kDocumentsShown + 1, doc_spans);
    b.more_documents = static_cast<long long>(docs.size()) > kDocumentsShown;
    if (b.more_documents) docs.pop_back();
    b.total.day = day;
    b.total.counts = all_counts(counts);
    b.leads = groups_of(counts, BoardDim::lead, day, names);
    b.assigners = groups_of(counts, BoardDim::assigner, day, names);
    b.leaders = groups_of(counts, BoardDim::leader, day, names);
    b.documents = document_groups(docs, doc_spans, day);
    b.overdue = board_task_details(s, overdue, day, *cal, rule);
  });
  return b;
}

std::string month_label(const web::View& v, int year, int month) {
  return v.f("tasks_board.month", {{"month", std::to_string(month)}, {"year", std::to_string(year)}});
}

mstch::map task_row(const web::View& v, const BoardTask& t) {
  return mstch::map{{"id", std::to_string(t.id)},
                    {"content", t.content},
                    {"document", t.document},
                    {"lead", t.lead_name},
                    {"assigner", t.assigner_name},
                    {"assigned_on", v.date(t.assigned_on)},
                    {"due", t.due ? v.date(*t.due) : v.t("tasks_board.no_due")},
                    {"completed_on", t.completed_on ? v.date(*t.completed_on) : std::string()},
                    {"bucket", bucket_label(v, t.bucket)},
                    {"bucket_code", std::string(bucket_code(t.bucket))},
                    {"late", t.bucket == Bucket::overdue || t.bucket == Bucket::done_late}};
}

std::string chart_svg(const web::View& v, const Board& b) {
  if (b.months.empty()) return "";
  document::BarChart chart;
  chart.id = "tasks-trend";
  chart.title = v.t("tasks_board.trend.title");
  chart.description = v.t("tasks_board.trend.description");
  chart.lang = v.req.lang;
  chart.stacked = true;
  const Bucket shown[] = {Bucket::done_on_time, Bucket::done_late, Bucket::in_progress, Bucket::overdue};
  for (Bucket bk : shown) chart.series.push_back({bucket_label(v, bk), {}});
  for (const auto& p : b.months) {
    chart.categories.push_back(month_label(v, p.year, p.month));
    for (std::size_t i = 0; i < std::size(shown); ++i)
      chart.series[i].values.push_back(static_cast<double>(p.group.counts[bucket_index(shown[i])]));
  }
  return document::render_svg(chart);
}

std::string export_suffix(const BoardQuery& q) {
  std::string s = "?as_of=" + calendar::format_date(q.day) + "&period=" + q.period.code;
  if (q.scope != 0) s += "&scope=" + std::to_string(q.scope);
  return s;
}

BoardFilter overdue_filter() {
  BoardFilter f;
  f.bucket = Bucket::overdue;
  return f;
}

std::string documents_href(const BoardQuery& q, int page) {
  return "/tasks/board" + export_suffix(q) + "&documents_page=" + std::to_string(page) + "#h-documents";
}

Response board_page(app::Context& ctx, const Request& req) {
  const Board b = board_of(ctx, req);
  web::View v{ctx, req};
  auto rows = [&](const std::vector<Group>& gs) {
    mstch::array out;
    for (const auto& g : gs) out.push_back(group_row(v, b.q, g));
    return out;
  };
  mstch::array heads;
  for (Bucket bk : kCountedBuckets) heads.push_back(mstch::map{{"label", bucket_label(v, bk)}});
  mstch::array months;
  for (const auto& p : b.months) {
    Group g = p.group;
    g.label = month_label(v, p.year, p.month);
    mstch::map row = group_row(v, b.q, g);
    row["as_of"] = v.date(calendar::format_date(g.day));
    months.push_back(std::move(row));
  }
  mstch::array overdue;
  for (const auto& t : b.overdue) overdue.push_back(task_row(v, t));
  mstch::array periods;
  for (const char* code : {"month", "quarter", "six_months", "nine_months", "year"})
    periods.push_back(mstch::map{{"code", std::string(code)},
                                 {"label", v.t(std::string("tasks_board.period.") + code)},
                                 {"selected", b.q.period.code == code}});
  mstch::array bodies;
  for (const auto& [id, name] : b.bodies)
    bodies.push_back(mstch::map{{"id", std::to_string(id)}, {"name", name}, {"selected", id == b.q.scope}});
  const auto period = period_of(b.q);
  const long long all = sum(b.total.counts);
  const long long late = b.total.counts[bucket_index(Bucket::overdue)];
  const std::string day = calendar::format_date(b.q.day);
  mstch::map c{{"title", v.t("tasks_board.title")},
               {"as_of_iso", day},
               {"as_of", v.date(day)},
               {"bodies", bodies},
               {"whole_scope", b.q.scope == 0},
               {"periods", periods},
               {"period_from", period ? v.date(calendar::format_date(period->from)) : std::string()},
               {"period_to", period ? v.date(calendar::format_date(period->to)) : std::string()},
               {"heads", heads},
               {"total", group_row(v, b.q, b.total)},
               {"overdue_rate", all ? text::format_decimal(100.0 * static_cast<double>(late) / static_cast<double>(all), 1,
                                                           req.lang) + " %"
                                    : std::string("–")},
               {"overdue", overdue},
               {"has_overdue", !b.overdue.empty()},
               {"leads", rows(b.leads)},
               {"documents", rows(b.documents)},
               {"assigners", rows(b.assigners)},
               {"leaders", rows(b.leaders)},
               {"has_leaders", !b.leaders.empty()},
               {"months", months},
               {"empty", all == 0},
               {"overdue_more", late > static_cast<long long>(b.overdue.size())},
               {"overdue_all", v.f("tasks_board.overdue.all", {{"n", text::format_integer(late, req.lang)}})},
               {"overdue_href", list_href(b.q, b.q.day, overdue_filter())},
               {"documents_prev", b.documents_page > 1 ? documents_href(b.q, b.documents_page - 1) : std::string()},
               {"documents_next", b.more_documents ? documents_href(b.q, b.documents_page + 1) : std::string()},
               {"chart", chart_svg(v, b)},
               {"xlsx_url", "/tasks/board.xlsx" + export_suffix(b.q)},
               {"pdf_url", "/tasks/board.pdf" + export_suffix(b.q)}};
  Response r = ctx.pages.render(req, "tasks_board_board", std::move(c));
  r.headers.set("Cache-Control", "no-store");
  return r;
}

// ---- The list one count counts ----

std::string agency_label(const BoardNames& names, std::int64_t id) {
  const auto it = names.agencies.find(id);
  return it == names.agencies.end() ? std::to_string(id) : it->second.name;
}

std::string leader_label(const BoardNames& names, std::int64_t id) {
  const auto it = names.leaders.find(id);
  return it == names.leaders.end() ? std::to_string(id) : it->second;
}

std::string lead_label(const BoardNames& names, const std::string& code) {
  for (const auto& [id, a] : names.agencies)
    if (a.code == code) return a.name;
  return code;
}

std::string filter_label(const web::View& v, const BoardFilter& f, const BoardNames& names,
                         const std::vector<BoardDocument>& docs) {
  std::vector<std::string> parts;
  if (!f.lead.empty()) parts.push_back(v.f("tasks_board.list.lead_body", {{"name", lead_label(names, f.lead)}}));
  if (f.document != 0)
    parts.push_back(v.f("tasks_board.list.document",
                        {{"number", docs.empty() ? std::to_string(f.document) : docs.front().number}}));
  if (f.assigner != 0) parts.push_back(v.f("tasks_board.list.assigner", {{"name", agency_label(names, f.assigner)}}));
  if (f.leader != 0) parts.push_back(v.f("tasks_board.list.leader", {{"name", leader_label(names, f.leader)}}));
  if (const Bucket b = f.bucket.value_or(Bucket::none); b != Bucket::none) parts.push_back(bucket_label(v, b));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : " · ") + p;
  return out;
}

// The agency of `code` among the board's names; 0 when there is none. (Loops with structured
// bindings stay out of functions that read an optional: clang-tidy-16's optional-access check
// crashes on the two together.)
std::int64_t lead_id(const BoardNames& names, const std::string& code) {
  std::int64_t out = 0;
  for (const auto& [id, a] : names.agencies)
    if (a.code == code) out = id;
  return out;
}

// The stored board's filter of a list: the reader's scope and the count's own filter.
CellFilter cell_filter(const BoardQuery& q, const BoardNames& names, bool& unknown_lead) {
  CellFilter f;
  f.leads = q.filter.lead_scope;
  f.document = q.filter.document;
  f.assigner = q.filter.assigner;
  f.leader = q.filter.leader;
  if (const Bucket b = q.filter.bucket.value_or(Bucket::none); b != Bucket::none) f.bucket = static_cast<int>(bucket_index(b));
  unknown_lead = false;
  if (!q.filter.lead.empty()) {
    f.lead = lead_id(names, q.filter.lead);
    unknown_lead = f.lead == 0;
  }
  return f;
}

struct ListData {
  BoardNames names;
  std::vector<BoardDocument> docs;  // the filter's document
  long long total = 0;
  std::vector<BoardTask> rows;
};

Response list_page(app::Context& ctx, const Request& req) {
  BoardQuery q = query_of(ctx, req);
  q.filter.lead = std::string(req.query_params.get("lead").value_or(""));
  if (q.filter.lead.size() > 64) throw http::Error(http::ErrorKind::bad_request, "bad lead", "tasks_board.error.filter");
  q.filter.document = id_param(req, "document");
  q.filter.assigner = id_param(req, "assigner");
  q.filter.leader = id_param(req, "leader");
  q.filter.bucket = bucket_param(req);
  const auto cal = ctx.calendar.current();
  const OnTimeRule rule = settings(ctx).on_time;
  // The page's rows of the list; the count stated is the whole list's (the board's number).
  const web::Paging paging = web::paging(req, kListPageSize);
  const ListData data = ctx.db.with_session([&](soci::session& s) {
    ensure_board(s, *cal);
    ListData d;
    d.names = board_names(s);
    if (q.filter.document != 0) d.docs = documents_by_id(s, {q.filter.document});
    bool unknown_lead = false;
    const CellFilter f = cell_filter(q, d.names, unknown_lead);
    if (unknown_lead) return d;
    d.total = cell_count(s, q.day, rule, f);
    if (paging.offset() < d.total)
      d.rows = board_task_details(s, cell_ids(s, q.day, rule, f, paging.offset(), paging.size), q.day, *cal, rule);
    return d;
  });
  web::View v{ctx, req};
  mstch::array rows;
  for (const auto& t : data.rows) rows.push_back(task_row(v, t));
  const std::string day = calendar::format_date(q.day);
  std::string back = "/tasks/board?as_of=" + day;
  if (q.scope != 0) back += "&scope=" + std::to_string(q.scope);
  mstch::map c{{"title", v.t("tasks_board.list.title")},
               {"as_of", v.date(day)},
               {"as_of_iso", day},
               {"filter", filter_label(v, q.filter, data.names, data.docs)},
               {"count", text::format_integer(data.total, req.lang)},
               {"rows", rows},
               {"empty", data.total == 0},
               {"has_pages", data.total > paging.size},
               {"board_href", back}};
  c.merge(web::pager_of_total(req, "/tasks/list", paging, data.total));
  Response r = ctx.pages.render(req, "tasks_board_list", std::move(c));
  r.headers.set("Cache-Control", "no-store");
  return r;
}

// ---- Exports ----

document::Sheet count_sheet(const web::View& v, std::string name, const std::string& first,
                            const std::vector<Group>& groups) {
  document::Sheet sh;
  sh.name = std::move(name);
  sh.columns.push_back({first, 48, 1});
  for (Bucket bk : kCountedBuckets) sh.columns.push_back({bucket_label(v, bk), 0, 1});
  sh.columns.push_back({v.t("tasks_board.col.total"), 0, 1});
  sh.columns.push_back({v.t("tasks_board.col.overdue_rate"), 0, 1});
  for (const auto& g : groups) {
    std::vector<document::Cell> row{g.label};
    for (long long n : g.counts) row.emplace_back(static_cast<std::int64_t>(n));
    const long long all = sum(g.counts);
    row.emplace_back(static_cast<std::int64_t>(all));
    const long long late = g.counts[bucket_index(Bucket::overdue)];
    row.emplace_back(document::Percent{all ? static_cast<double>(late) / static_cast<double>(all) : 0.0});
    sh.rows.push_back(std::move(row));
  }
  return sh;
}

Response board_xlsx(app::Context& ctx, const Request& req) {
  Board b = board_of(ctx, req);
  web::View v{ctx, req};
  Group total = b.total;
  total.label = v.t("tasks_board.col.total");
  std::vector<Group> leads = b.leads;
  leads.push_back(total);
  std::vector<Group> months;
  for (const auto& p : b.months) {
    Group g = p.group;
    g.label = month_label(v, p.year, p.month);
    months.push_back(std::move(g));
  }
  document::Workbook book;
  book.title = v.f("tasks_board.export.title", {{"day", v.date(calendar::format_date(b.q.day))}});
  book.created = ctx.clock.now();
  book.sheets.push_back(count_sheet(v, v.t("tasks_board.sheet.leads"), v.t("tasks_board.col.lead"), leads));
  book.sheets.push_back(count_sheet(v, v.t("tasks_board.sheet.documents"), v.t("tasks_board.col.document"), b.documents));
  book.sheets.push_back(count_sheet(v, v.t("tasks_board.sheet.assigners"), v.t("tasks_board.col.assigner"), b.assigners));
  if (!b.leaders.empty())
    book.sheets.push_back(count_sheet(v, v.t("tasks_board.sheet.leaders"), v.t("tasks_board.col.leader"), b.leaders));
  book.sheets.push_back(count_sheet(v, v.t("tasks_board.sheet.trend"), v.t("tasks_board.col.month"), months));
  document::Sheet od;
  od.name = v.t("tasks_board.sheet.overdue");
  for (const char* id : {"id", "content", "document", "lead", "assigned_on", "due"})
    od.columns.push_back({v.t(std::string("tasks_board.col.") + id), std::string(id) == "content" ? 60.0 : 0.0, 1});
  for (const auto& t : b.overdue)
    od.rows.push_back({static_cast<std::int64_t>(t.id), t.content, t.document, t.lead_name, t.assigned_on,
                       t.due.value_or("")});
  book.sheets.push_back(std::move(od));
  Response r = Response::text(document::write_xlsx(book),
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  r.headers.set("Content-Disposition", "attachment; filename=\"tasks-board-" + calendar::format_date(b.q.day) + ".xlsx\"");
  r.headers.set("Cache-Control", "no-store");
  return r;
}

std::string counts_text(const web::View& v, const Counts& c) {
  std::string out;
  for (std::size_t i = 0; i < kBuckets; ++i)
    out += (i ? "; " : "") + bucket_label(v, kCountedBuckets[i]) + ": " + text::format_integer(c[i], v.req.lang);
  return out + "; " + v.t("tasks_board.col.total") + ": " + text::format_integer(sum(c), v.req.lang);
}

Response board_pdf(app::Context& ctx, const Request& req) {
  const Board b = board_of(ctx, req);
  web::View v{ctx, req};
  const std::string day = v.date(calendar::format_date(b.q.day));
  document::Document doc;
  doc.title = v.f("tasks_board.export.title", {{"day", day}});
  doc.created = ctx.clock.now();
  doc.blocks.push_back(document::Title{v.t("tasks_board.pdf.title"), v.f("tasks_board.pdf.subtitle", {{"day", day}})});
  doc.blocks.push_back(document::Paragraph{v.t("tasks_board.pdf.rules"), {.italic = true}});
  doc.blocks.push_back(document::Paragraph{counts_text(v, b.total.counts), {.bold = true}});
  auto table = [&](const std::string& heading, const std::vector<Group>& gs) {
    if (gs.empty()) return;
    doc.blocks.push_back(document::Paragraph{heading, {.bold = true}});
    document::KeyValueTable kv;
    for (const auto& g : gs) kv.rows.emplace_back(g.label, counts_text(v, g.counts));
    doc.blocks.push_back(std::move(kv));
  };
  table(v.t("tasks_board.by_lead"), b.leads);
  table(v.t("tasks_board.by_document"), b.documents);
  doc.blocks.push_back(document::Paragraph{v.t("tasks_board.overdue.title"), {.bold = true}});
  document::List list;
  list.numbered = true;
  for (const auto& t : b.overdue)
    list.items.push_back(t.content + " — " + t.lead_name + " (" + t.document + "; " +
                         v.f("tasks_board.pdf.due", {{"day", t.due ? v.date(*t.due) : std::string()}}) + ")");
  if (list.items.empty()) list.items.push_back(v.t("tasks_board.overdue.none"));
  doc.blocks.push_back(std::move(list));
  Response r = Response::text(document::render_pdf(doc), "application/pdf");
  r.headers.set("Content-Disposition", "attachment; filename=\"tasks-board-" + calendar::format_date(b.q.day) + ".pdf\"");
  r.headers.set("Cache-Control", "no-store");
  return r;
}

}  // namespace

void add_board_routes(http::Router& router, app::Context& ctx) {
  // Handlers run on the worker pool (never run_inline): the board reads the database and the
  // exports render XLSX and PDF, both blocking.
  web::Routes on(router, ctx);
  on.add("GET", "/tasks/board", board_page);
  on.add("GET", "/tasks/board.xlsx", board_xlsx, {.long_running = true});
  on.add("GET", "/tasks/board.pdf", board_pdf, {.long_running = true});
  on.add("GET", "/tasks/list", list_page);
}

std::vector<app::NavEntry> board_nav() {
  // The agency leader's menu is full on one line at 1280 px: it reaches the board from its home
  // /overview (the overview module's link) instead.
  return {{"/tasks/board", "tasks_board.nav", false, {auth::Role::province_leader}},
          {"/tasks/public", "tasks_board.public.nav", true, {}}};
}

}  // namespace tinhso::tasks
