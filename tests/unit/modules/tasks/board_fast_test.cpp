// The stored board (store_board.h; issue 16 bench line) against the C++ rules it replaces on the
// hot path: for many days and both on-time rules, counts_as_of equals
// counts_by_lead(rows_as_of(...)), every cell's task ids are exactly the rows of that cell, and the
// other dimensions (assigning office, leader, all, the trend series, documents, a scope) count
// the same rows —
// over the demo (kept by the use cases' refresh_board_task, step by step) and over randomised
// tasks written straight to the tables (refreshed one by one, then rebuilt), on both dialects.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "calendar_fixtures.h"
#include "demo_fixture.h"
#include "modules/tasks/board.h"
#include "modules/tasks/demo_load.h"
#include "modules/tasks/store.h"
#include "modules/tasks/pages_board_query.h"
#include "modules/tasks/store_board.h"
#include "temp_db.h"

namespace tinhso::tasks {
namespace {

using namespace std::chrono_literals;
using calendar::test::day;

class TasksBoardFast : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    TINHSO_SKIP_UNLESS_AVAILABLE(GetParam());
    tmp = std::make_unique<testing::TempDb>(GetParam());
    test::add_demo_agencies(*tmp, file);
    ASSERT_NO_THROW(tmp->db().transaction([&](soci::session& s) {
      const Env env{s, clock, calendar, recorder};
      load_demo_file(env, file);
    }));
  }

  // Compares the fast figures with the C++ rules on `days`; returns the number of cells seen.
  long long compare(const std::vector<Date>& days) {
    long long cells = 0;
    for (Date d : days) {
      for (OnTimeRule rule : {OnTimeRule::deadline_in_force, OnTimeRule::original_deadline}) {
        SCOPED_TRACE(calendar::format_date(d) + " " + std::string(on_time_rule_code(rule)));
        tmp->db().with_session([&](soci::session& s) {
          const auto rows = rows_as_of(s, d, calendar, rule);
          const auto slow = counts_by_lead(rows);
          const auto fast = counts_as_of(s, d, calendar, rule);
          EXPECT_EQ(fast.size(), slow.size());
          for (std::size_t i = 0; i < std::min(fast.size(), slow.size()); ++i) {
            EXPECT_EQ(fast[i].lead, slow[i].lead);
            EXPECT_EQ(fast[i].counts, slow[i].counts) << fast[i].lead;
          }
          compare_dimensions(s, d, rule, rows);
          std::map<std::pair<std::string, Bucket>, std::vector<std::int64_t>> lists;
          for (const auto& r : rows)
            if (r.bucket != Bucket::none) lists[{r.lead, r.bucket}].push_back(r.id);
          for (const auto& [cell, ids] : lists) {
            EXPECT_EQ(cell_task_ids(s, d, calendar, rule, cell.first, cell.second), ids)
                << cell.first << " " << bucket_code(cell.second);
            ++cells;
          }
        });
      }
    }
    return cells;
  }

  // The other dimensions of the stored board against the same rows: per assigning office,
  // assigning leader and in all (the tree, board_counts and board_figures), per document
  // (document_spans) and per lead body through a scope (board_spans).
  void compare_dimensions(soci::session& s, Date d, OnTimeRule rule, const std::vector<AsOfRow>& rows) {
    struct Dims {
      long long assigner = 0, leader = 0, document = 0, lead = 0;
    };
    std::map<std::int64_t, Dims> dims;
    {
      long long id = 0;
      Dims x;
      soci::statement st = (s.prepare << "SELECT t.id, t.assigner_agency_id, COALESCE(t.assigned_by, 0), i.document_id,"
                                         " t.lead_agency_id FROM tasks t JOIN task_items i ON i.id = t.item_id",
                            soci::into(id), soci::into(x.assigner), soci::into(x.leader), soci::into(x.document),
                            soci::into(x.lead));
      st.execute();
      while (st.fetch()) dims[id] = x;
    }
    auto index = [](Bucket b) {
      for (std::size_t i = 0; i < std::size(kCountedBuckets); ++i)
        if (kCountedBuckets[i] == b) return i;
      return std::size(kCountedBuckets);
    };
    std::map<std::pair<int, std::int64_t>, BucketCounts> want;
    std::map<std::int64_t, BucketCounts> by_document, by_lead;
    for (const auto& r : rows) {
      const std::size_t b = index(r.bucket);
      if (b == std::size(kCountedBuckets)) continue;
      const Dims& x = dims.at(r.id);
      ++want[{static_cast<int>(BoardDim::assigner), x.assigner}][b];
      if (x.leader != 0) ++want[{static_cast<int>(BoardDim::leader), x.leader}][b];
      ++want[{static_cast<int>(BoardDim::all), 0}][b];
      ++by_document[x.document][b];
      ++by_lead[x.lead][b];
    }
    std::map<std::pair<int, std::int64_t>, BucketCounts> got;
    for (const DimCount& c : board_counts(s, d, rule, {BoardDim::assigner, BoardDim::leader, BoardDim::all}))
      got[{static_cast<int>(c.dim), c.key}] = c.counts;
    EXPECT_EQ(got, want);
    const BoardFigures f = board_figures(s, d, rule, {d, d - std::chrono::days{40}});
    std::map<std::pair<int, std::int64_t>, BucketCounts> figures;
    for (const DimCount& c : f.counts)
      if (c.dim != BoardDim::lead) figures[{static_cast<int>(c.dim), c.key}] = c.counts;
    EXPECT_EQ(figures, want);
    ASSERT_EQ(f.series.size(), 2U);
    EXPECT_EQ(f.series[0], (want[{static_cast<int>(BoardDim::all), 0}]));
    const Date earlier = d - std::chrono::days{40};
    BucketCounts then{};
    for (const auto& r : rows_as_of(s, earlier, calendar, rule))
      if (std::size_t b = index(r.bucket); b < std::size(kCountedBuckets)) ++then[b];
    EXPECT_EQ(f.series[1], then) << "the series as of " << calendar::format_date(earlier);
    std::vector<std::int64_t> documents;
    for (const auto& [id, x] : dims) documents.push_back(x.document);
    std::map<std::int64_t, BucketCounts> docs;
    for (const BoardSpan& sp : document_spans(s, d, rule, documents)) ++docs[sp.document][static_cast<std::size_t>(sp.bucket)];
    EXPECT_EQ(docs, by_document);
    std::vector<std::int64_t> leads;
    for (const auto& [id, x] : by_lead) leads.push_back(id);
    if (leads.size() > 2) leads.resize(2);
    std::map<std::int64_t, BucketCounts> scoped;
    const std::string day = calendar::format_date(d);
    for (const BoardSpan& sp : board_spans(s, rule, leads, d))
      if (sp.holds(day)) ++scoped[sp.lead][static_cast<std::size_t>(sp.bucket)];
    for (std::int64_t l : leads) EXPECT_EQ(scoped[l], by_lead[l]) << "lead " << l;
    // The scope's figures counted in the database: per lead body, in all, and the series.
    const BoardFigures sf = scope_figures(s, d, rule, leads, {earlier});
    BucketCounts all{}, all_then{};
    std::map<std::int64_t, BucketCounts> scope_leads;
    std::map<std::pair<int, std::int64_t>, BucketCounts> scope_others, want_others;
    for (const DimCount& c : sf.counts)
      if (c.dim == BoardDim::lead) scope_leads[c.key] = c.counts;
      else if (c.dim == BoardDim::all) all = c.counts;
      else scope_others[{static_cast<int>(c.dim), c.key}] = c.counts;
    // Per assigning office and leader within the scope (task_board_lead_counts).
    for (const auto& r : rows) {
      const std::size_t b = index(r.bucket);
      const Dims& x = dims.at(r.id);
      if (b == std::size(kCountedBuckets) || std::find(leads.begin(), leads.end(), x.lead) == leads.end()) continue;
      ++want_others[{static_cast<int>(BoardDim::assigner), x.assigner}][b];
      if (x.leader != 0) ++want_others[{static_cast<int>(BoardDim::leader), x.leader}][b];
    }
    EXPECT_EQ(scope_others, want_others) << "scope_figures: per assigning office and leader";
    // The scope's documents: the same pages whichever way they are found.
    std::vector<BoardSpan> spans_few, spans_many;
    const auto few = documents_page(s, d, rule, leads, 0, 1000, spans_few, 1'000'000);
    const auto many = documents_page(s, d, rule, leads, 0, 1000, spans_many, 0);
    std::vector<std::int64_t> few_ids, many_ids;
    for (const auto& x : few) few_ids.push_back(x.id);
    for (const auto& x : many) many_ids.push_back(x.id);
    EXPECT_EQ(few_ids, many_ids) << "documents_page of a scope";
    EXPECT_EQ(spans_few.size(), spans_many.size());
    std::set<std::int64_t> scope_docs;
    for (const auto& r : rows)
      if (index(r.bucket) < std::size(kCountedBuckets) &&
          std::find(leads.begin(), leads.end(), dims.at(r.id).lead) != leads.end())
        scope_docs.insert(dims.at(r.id).document);
    EXPECT_EQ(std::set<std::int64_t>(few_ids.begin(), few_ids.end()), scope_docs);
    for (long long offset : {0, 5}) {
      std::vector<BoardSpan> unused;
      std::vector<std::int64_t> a, b;
      for (const auto& x : documents_page(s, d, rule, leads, offset, 5, unused, 1'000'000)) a.push_back(x.id);
      for (const auto& x : documents_page(s, d, rule, leads, offset, 5, unused, 0)) b.push_back(x.id);
      EXPECT_EQ(a, b) << "documents_page of a scope from " << offset;
      EXPECT_EQ(a, std::vector<std::int64_t>(few_ids.begin() + std::min<long>(offset, std::ssize(few_ids)),
                                             few_ids.begin() + std::min<long>(offset + 5, std::ssize(few_ids))));
    }
    for (std::int64_t l : leads) {
      EXPECT_EQ(scope_leads[l], by_lead[l]) << "scope_figures, lead " << l;
      for (std::size_t b = 0; b < all.size(); ++b) all[b] -= by_lead[l][b];
    }
    EXPECT_EQ(all, BucketCounts{}) << "scope_figures: the scope's total is its lead bodies' sum";
    for (const auto& r : rows_as_of(s, earlier, calendar, rule))
      if (std::size_t b = index(r.bucket); b < std::size(kCountedBuckets) && std::find(leads.begin(), leads.end(), dims.at(r.id).lead) != leads.end())
        ++all_then[b];
    ASSERT_EQ(sf.series.size(), 1U);
    EXPECT_EQ(sf.series[0], all_then) << "scope_figures: the series as of " << calendar::format_date(earlier);
  }

  std::unique_ptr<testing::TempDb> tmp;
  const demo::DemoFile file = test::shipped_demo();
  auth::FakeClock clock{std::chrono::sys_days{std::chrono::year{2026} / 12 / 5} + 3h};
  calendar::WorkCalendar calendar{calendar::HolidayRules{},
                                  {calendar::test::official_2024(), calendar::test::official_2025(),
                                   calendar::test::official_2026()}};
  audit::Recorder recorder = [this](soci::session& s, const audit::Change& c) {
    audit::for_system(tmp->dialect(), clock, "demo")(s, c);
  };
};

TEST_P(TasksBoardFast, TheDemoCountsAndListsAreTheRules) {
  std::vector<Date> days;
  for (Date d = day("2021-04-20"); d <= day("2027-01-31"); d += std::chrono::days{3}) days.push_back(d);
  for (const char* d : {"2021-06-30", "2026-12-05", "2019-01-01", "2040-01-01"}) days.push_back(day(d));
  EXPECT_GT(compare(days), 100);
  // A rebuild from the tables gives the same figures as the step-by-step refreshes.
  tmp->db().transaction([&](soci::session& s) { rebuild_board(s, calendar); });
  EXPECT_GT(compare(days), 100);
  // A database that had tasks before migration 003 (built = 0, empty tables): the first read
  // rebuilds.
  tmp->exec("DELETE FROM task_board_counts");
  tmp->exec("DELETE FROM task_board_spans");
  tmp->exec("UPDATE task_board_state SET built = 0");
  EXPECT_GT(compare(days), 100);
}

// Random tasks of every deadline kind, extensions approved before and after the due day, reports,
// completions confirmed later, cancels, written with plain SQL as bench/tasks_gen does.
TEST_P(TasksBoardFast, RandomTasksCountsAndListsAreTheRules) {
  std::mt19937 rng(GetParam() == db::Dialect::sqlite ? 16 : 61);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  const Date base = day("2022-01-01");
  auto text = [](Date d) { return calendar::format_date(d); };
  std::vector<std::int64_t> ids;
  tmp->db().transaction([&](soci::session& s) {
    std::vector<long long> leads, items;
    {
      soci::rowset<long long> r = (s.prepare << "SELECT id FROM agencies ORDER BY id");
      for (long long v : r) leads.push_back(v);
      // Twelve more documents of two items each, issued in 2021, so that a scope's documents
      // come a page at a time in issue order.
      for (int k = 1; k <= 12; ++k) {
        std::string number = std::to_string(k) + "-KH/UBND", on = "2021-" + std::string(k < 10 ? "0" : "") +
                                                                  std::to_string(k) + "-1" + std::to_string(k % 10);
        long long issuer = leads.front();
        s << "INSERT INTO task_documents (kind, number, issued_on, issuer_agency_id, subject, is_public, created_at)"
             " VALUES ('plan', :n, :o, :i, 'Kế hoạch thử', FALSE, '2021-01-01T00:00:00Z')",
            soci::use(number, "n"), soci::use(on, "o"), soci::use(issuer, "i");
        for (int seq = 1; seq <= 2; ++seq)
          s << "INSERT INTO task_items (document_id, seq, clause, text) SELECT id, :q, '', 'Nội dung'"
               " FROM task_documents WHERE number = :n",
              soci::use(seq, "q"), soci::use(number, "n");
      }
      // The items of documents issued before the random assignments (a task is never assigned
      // before its document: usecases.cpp check_assignment_day).
      soci::rowset<long long> i = (s.prepare << "SELECT i.id FROM task_items i JOIN task_documents d ON d.id = i.document_id"
                                                " WHERE d.issued_on < '2022-01-01' ORDER BY i.id");
      for (long long v : i) items.push_back(v);
    }
    std::vector<long long> leaders{0};
    for (const char* who : {"a@example.vn", "b@example.vn"}) {
      std::string e = who;
      s << "INSERT INTO accounts (email, full_name, kind, status, created_at, updated_at) VALUES"
           " (:e, 'Lãnh đạo', 'staff', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
          soci::use(e, "e");
      long long id = 0;
      s << "SELECT id FROM accounts WHERE email = :e", soci::use(e, "e"), soci::into(id);
      leaders.push_back(id);
    }
    for (int n = 0; n < 300; ++n) {
      const Date assigned = base + std::chrono::days{pick(0, 900)};
      const int kind = pick(0, 9);  // 0..5 date, 6..7 working days, 8 recurring, 9 none
      std::string k = kind <= 5 ? "date" : kind <= 7 ? "working_days" : kind == 8 ? "recurring" : "none";
      std::optional<Date> due;
      if (kind <= 5) due = *in_force_due(calendar, assigned + std::chrono::days{pick(1, 120)});
      if (kind == 6 || kind == 7) {
        Deadline wd;
        wd.kind = DeadlineKind::working_days;
        wd.days = pick(1, 60);
        due = first_due(wd, assigned, calendar);
      }
      std::string every = kind == 8 ? (pick(0, 1) ? "month" : "quarter") : "";
      const int rday = kind == 8 ? pick(1, 31) : 0;
      std::optional<Date> completed, confirmed, closed;
      const int fate = pick(0, 9);
      if (fate <= 5) {
        completed = assigned + std::chrono::days{pick(0, 200)};
        confirmed = *completed + std::chrono::days{pick(0, 20)};
      } else if (fate == 6) {
        closed = assigned + std::chrono::days{pick(0, 200)};
      }
      const std::string state = confirmed ? "done" : closed ? "cancelled" : "acknowledged";
      long long lead = leads[static_cast<std::size_t>(pick(0, static_cast<int>(leads.size()) - 1))];
      long long item = items[static_cast<std::size_t>(pick(0, static_cast<int>(items.size()) - 1))];
      long long assigner = leads[static_cast<std::size_t>(pick(0, 2))];
      long long leader = leaders[static_cast<std::size_t>(pick(0, 2))];
      std::string a = text(assigned), d = due ? text(*due) : "", c = completed ? text(*completed) : "",
                  f = confirmed ? text(*confirmed) : "", x = closed ? text(*closed) : "";
      int days = kind == 6 || kind == 7 ? 1 : 0;
      s << "INSERT INTO tasks (item_id, content, lead_agency_id, assigner_agency_id, product, assigned_on,"
           " deadline_kind, deadline_days, recurring_every, recurring_day, original_due, due, state,"
           " completed_on, confirmed_on, closed_on, created_at, updated_at) VALUES (:i, 'x', :l, :l2, 'report', :a,"
           " :k, :days, :e, :rd, NULLIF(:d, ''), NULLIF(:d2, ''), :st, NULLIF(:c, ''), NULLIF(:f, ''),"
           " NULLIF(:x, ''), '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
          soci::use(item, "i"), soci::use(lead, "l"), soci::use(assigner, "l2"), soci::use(a, "a"), soci::use(k, "k"),
          soci::use(days, "days"), soci::use(every, "e"), soci::use(rday, "rd"), soci::use(d, "d"),
          soci::use(d, "d2"), soci::use(state, "st"), soci::use(c, "c"), soci::use(f, "f"), soci::use(x, "x");
      long long id = 0;
      s << "SELECT MAX(id) FROM tasks", soci::into(id);
      ids.push_back(id);
      if (leader != 0) s << "UPDATE tasks SET assigned_by = :b WHERE id = :id", soci::use(leader, "b"), soci::use(id, "id");
      if (due) {
        insert_deadline_version(s, id, {0, *due, assigned}, d, 0);
        Date last = *due;
        for (int v = 1; v <= pick(0, 2); ++v) {  // extensions, some approved after the due day
          const Date approved = assigned + std::chrono::days{pick(1, 150)};
          last = *in_force_due(calendar, std::max(last, approved) + std::chrono::days{pick(1, 60)});
          insert_deadline_version(s, id, {v, last, approved}, text(last), 0);
        }
      }
      if (kind == 8)
        for (int r = 0; r < pick(0, 8); ++r)
          insert_report(s, id, "progress", text(assigned + std::chrono::days{pick(0, 400)}), 10, "r", 0);
      refresh_board_task(s, calendar, id);
    }
  });
  std::vector<Date> days;
  for (int n = 0; n < 40; ++n) days.push_back(base + std::chrono::days{pick(-10, 1400)});
  EXPECT_GT(compare(days), 200);
  tmp->db().transaction([&](soci::session& s) { rebuild_board(s, calendar); });
  EXPECT_GT(compare(days), 200);
}

INSTANTIATE_TEST_SUITE_P(Dialects, TasksBoardFast, ::testing::ValuesIn(testing::dialects()), testing::dialect_name);

}  // namespace
}  // namespace tinhso::tasks
