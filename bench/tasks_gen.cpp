// Generates tasks for the leaders' board benchmark (bench/tasks.sh, issue 16: 1 M tasks over
// 5 years and 200 bodies): source documents with their items, tasks of every deadline kind
// (a date, working days, a recurring report, none) assigned by the demo's assigning office to
// --bodies lead bodies over the last --years years, with the deadline versions (extensions
// approved before and after the due day), the extension requests, progress and completion
// reports, completions confirmed days later, cancels, and one task_events row per step; then the
// stored board (store_board.h rebuild_board) from those rows. Progress bars on stderr.
// The database must be migrated with the demo (`tinhso migrate --db URL --demo`).
//
//   tasks_gen --db sqlite:var/bench/tasks.db --count 1000000 [--years 5] [--bodies 200] [--seed 1]
//
// It writes the module's tables directly with explicit ids in transactions of --batch tasks (not
// through the use cases: this is test data, made fast): on SQLite prepared statements re-run over
// column vectors, on PostgreSQL one INSERT … SELECT FROM unnest(array parameters) per table and
// batch (sql_query.h bulk_insert); the same rows for the same seed on both. The stored board is computed by the module's
// own code, as the use cases keep it.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench/progress.h"
#include "core/auth/clock.h"
#include "core/calendar/working_calendar.h"
#include "core/db/database.h"
#include "modules/calendar/api.h"
#include "modules/tasks/rules.h"
#include "modules/tasks/sql_query.h"
#include "modules/tasks/store_board.h"

using namespace tinhso;
using namespace tinhso::tasks;
using std::chrono::days;

namespace {

long long max_id(soci::session& s, const std::string& table) {
  long long v = 0;
  s << "SELECT COALESCE(MAX(id), 0) FROM " + table, soci::into(v);
  return v;
}

// Column vectors of one batch, per table.
struct Batch {
  std::vector<long long> doc_id, doc_issuer;
  std::vector<std::string> doc_kind, doc_number, doc_on, doc_subject;
  std::vector<long long> item_id, item_doc;
  std::vector<int> item_seq;
  std::vector<std::string> item_text;
  std::vector<long long> t_id, t_item, t_lead, t_assigner;
  std::vector<std::string> t_product, t_on, t_kind, t_every, t_odue, t_due, t_state, t_reported, t_completed, t_confirmed,
      t_closed;
  std::vector<int> t_days, t_rday, t_rmonth, t_percent, t_version;
  std::vector<long long> v_task, v_ext;
  std::vector<int> v_number;
  std::vector<std::string> v_given, v_due, v_approved;
  std::vector<long long> x_id, x_task;
  std::vector<std::string> x_on, x_new, x_decided;
  std::vector<long long> r_task;
  std::vector<std::string> r_kind, r_on;
  std::vector<int> r_percent;
  std::vector<long long> e_task;
  std::vector<std::string> e_on, e_part, e_action, e_from, e_to;
};

void flush(soci::session& s, Batch& b, bool pg, const std::string& now) {
  const std::string ov = pg ? " OVERRIDING SYSTEM VALUE" : "";
  const std::vector<std::string> at(std::max({b.doc_id.size(), b.t_id.size(), b.e_task.size()}), now);
  auto now_for = [&](std::size_t n) { return std::vector<std::string>(at.begin(), at.begin() + static_cast<long>(n)); };
  bulk_insert(s, pg,
         "INSERT INTO task_documents (id, kind, number, issued_on, issuer_agency_id, subject, is_public, created_at)" + ov,
         ":id, :k, :n, :o, :i, :s, FALSE, :c", {"id", "k", "n", "o", "i", "s", "c"}, b.doc_id, b.doc_kind, b.doc_number,
         b.doc_on, b.doc_issuer, b.doc_subject, now_for(b.doc_id.size()));
  bulk_insert(s, pg, "INSERT INTO task_items (id, document_id, seq, clause, text)" + ov, ":id, :d, :q, '', :t",
         {"id", "d", "q", "t"}, b.item_id, b.item_doc, b.item_seq, b.item_text);
  const auto t_at = now_for(b.t_id.size());
  bulk_insert(s, pg,
         "INSERT INTO tasks (id, item_id, content, lead_agency_id, assigner_agency_id, product, assigned_on,"
         " deadline_kind, deadline_days, recurring_every, recurring_day, recurring_month, original_due, due,"
         " state, percent, completion_reported_on, completed_on, confirmed_on, closed_on, created_at,"
         " updated_at, version)" + ov,
         ":id, :i, 'Nhiệm vụ được giao (dữ liệu đo hiệu năng)', :l, :a, :p, :o, :k, :d, :e,"
         " :rd, :rm, NULLIF(:od, ''), NULLIF(:du, ''), :st, :pc, NULLIF(:rp, ''), NULLIF(:cp, ''),"
         " NULLIF(:cf, ''), NULLIF(:cl, ''), :c, :u, :v",
         {"id", "i", "l", "a", "p", "o", "k", "d", "e", "rd", "rm", "od", "du", "st", "pc", "rp", "cp", "cf", "cl", "c", "u",
          "v"},
         b.t_id, b.t_item, b.t_lead, b.t_assigner, b.t_product, b.t_on, b.t_kind, b.t_days, b.t_every, b.t_rday, b.t_rmonth,
         b.t_odue, b.t_due, b.t_state, b.t_percent, b.t_reported, b.t_completed, b.t_confirmed, b.t_closed, t_at, t_at,
         b.t_version);
  bulk_insert(s, pg,
         "INSERT INTO task_extension_requests (id, task_id, requested_on, new_due, reason, state, decided_on)" + ov,
         ":id, :t, :o, :n, 'Cần thêm thời gian phối hợp', 'approved', :d", {"id", "t", "o", "n", "d"}, b.x_id, b.x_task,
         b.x_on, b.x_new, b.x_decided);
  bulk_insert(s, pg, "INSERT INTO task_deadline_versions (task_id, number, given, due, approved_on, extension_id)",
         ":t, :n, :g, :d, :a, NULLIF(:x, 0)", {"t", "n", "g", "d", "a", "x"}, b.v_task, b.v_number, b.v_given, b.v_due,
         b.v_approved, b.v_ext);
  bulk_insert(s, pg, "INSERT INTO task_reports (task_id, kind, reported_on, percent, text)",
         ":t, :k, :o, :p, 'Báo cáo kết quả thực hiện'", {"t", "k", "o", "p"}, b.r_task, b.r_kind, b.r_on, b.r_percent);
  bulk_insert(s, pg, "INSERT INTO task_events (task_id, on_day, at, part, action, from_state, to_state)",
         ":t, :o, :a, :p, :c, :f, :s", {"t", "o", "a", "p", "c", "f", "s"}, b.e_task, b.e_on, now_for(b.e_task.size()),
         b.e_part, b.e_action, b.e_from, b.e_to);
  b = Batch{};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Generate tasks for the leaders' board benchmark"};
  std::string url;
  long long count = 0;
  int years = 5, bodies = 200;
  unsigned long long seed = 1;
  long long batch_size = 20000;
  cli.add_option("--db", url, "Database URL (sqlite:PATH or postgresql://…)")->required();
  cli.add_option("--count", count, "How many tasks to add")->required()->check(CLI::Range(1LL, 100'000'000LL));
  cli.add_option("--years", years, "Spread assignments over the last Y years")->check(CLI::Range(1, 10));
  cli.add_option("--bodies", bodies, "Lead bodies (agencies BENCH-CQ-NNN, made once)")->check(CLI::Range(1, 5000));
  cli.add_option("--seed", seed, "Random seed");
  cli.add_option("--batch", batch_size, "Tasks per transaction")->check(CLI::Range(1LL, 1'000'000LL));
  CLI11_PARSE(cli, argc, argv);

  db::Database database(url, 2);
  const bool pg = database.dialect() == db::Dialect::postgresql;
  const auto started = std::chrono::steady_clock::now();
  const std::string now = auth::iso_utc(std::chrono::system_clock::now());
  const calendar::WorkCalendar cal(calendar::HolidayRules{}, calendar::stored_schedules(database));
  const Date today = calendar::to_local(std::chrono::system_clock::now()).day;
  const Date first_day = today - days{365 * years};

  // The assigning office: the demo's, else the first agency; the lead bodies: BENCH-CQ-001…
  long long assigner = 0;
  std::vector<long long> leads;
  database.transaction([&](soci::session& s) {
    soci::indicator ind = soci::i_null;
    s << "SELECT assigner_agency_id FROM tasks ORDER BY id LIMIT 1", soci::into(assigner, ind);
    if (ind != soci::i_ok) s << "SELECT MIN(id) FROM agencies", soci::into(assigner);
    long long unit = 0;
    s << "SELECT MIN(id) FROM admin_units", soci::into(unit);
    for (int i = 1; i <= bodies; ++i) {
      char code[32];
      std::snprintf(code, sizeof code, "BENCH-CQ-%03d", i);
      std::string c = code, name = "Cơ quan chủ trì " + std::to_string(i);
      long long id = 0;
      soci::indicator got = soci::i_null;
      s << "SELECT id FROM agencies WHERE code = :c", soci::use(c, "c"), soci::into(id, got);
      if (got != soci::i_ok) {
        s << "INSERT INTO agencies (code, name, kind, admin_unit_id) VALUES (:c, :n, 'department', :u)", soci::use(c, "c"),
            soci::use(name, "n"), soci::use(unit, "u");
        s << "SELECT id FROM agencies WHERE code = :c", soci::use(c, "c"), soci::into(id);
      }
      leads.push_back(id);
    }
  });
  if (assigner == 0 || leads.empty()) {
    std::fprintf(stderr, "tasks_gen: no agencies: run `tinhso migrate --db URL --demo` first\n");
    return 2;
  }

  long long doc = 0, item = 0, task = 0, ext = 0;
  database.with_session([&](soci::session& s) {
    doc = max_id(s, "task_documents");
    item = max_id(s, "task_items");
    task = max_id(s, "tasks");
    ext = max_id(s, "task_extension_requests");
  });

  std::mt19937_64 rng(seed);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  auto text = [](Date d) { return calendar::format_date(d); };
  const char* const kinds[] = {"conclusion_notice", "directive", "plan", "action_programme", "official_letter"};
  const char* const products[] = {"report", "plan", "draft_resolution", "decision", "proposal", "other"};
  const auto span = static_cast<int>((today - first_day).count());

  bench::Progress progress(count, "tasks");
  Batch b;
  long long made = 0, doc_items = 0, item_tasks = 0, doc_seq = 0;
  Date doc_day = first_day;
  while (made < count) {
    database.transaction([&](soci::session& s) {
      const long long until = std::min(count, made + batch_size);
      for (; made < until; ++made) {
        // Documents in assignment order: ~20 tasks each, ~4 per item.
        if (doc_items == 0 || (item_tasks == 0 && doc_items >= 5)) {
          ++doc;
          doc_day = first_day + days{static_cast<int>(static_cast<long long>(span) * made / count)};
          b.doc_id.push_back(doc);
          b.doc_kind.emplace_back(kinds[pick(0, 4)]);
          b.doc_number.push_back(std::to_string(++doc_seq) + "-TB/BENCH");
          b.doc_on.push_back(text(doc_day));
          b.doc_issuer.push_back(assigner);
          b.doc_subject.emplace_back("Kết luận của Thường trực (dữ liệu đo hiệu năng)");
          doc_items = 0;
        }
        if (item_tasks == 0) {
          ++item;
          b.item_id.push_back(item);
          b.item_doc.push_back(doc);
          b.item_seq.push_back(static_cast<int>(++doc_items));
          b.item_text.emplace_back("Giao cơ quan chủ trì thực hiện kết luận");
          item_tasks = pick(2, 6);
        }
        --item_tasks;
        const long long id = ++task;
        const Date assigned = std::min(today, doc_day + days{pick(0, 3)});
        const int k = pick(0, 99);  // 65 date, 15 working days, 5 recurring, 15 none
        DeadlineKind kind = k < 65 ? DeadlineKind::date : k < 80 ? DeadlineKind::working_days
                            : k < 85                     ? DeadlineKind::recurring
                                                         : DeadlineKind::none;
        std::optional<Date> due;
        int wdays = 0, rday = 0, rmonth = 0;
        std::string every;
        if (kind == DeadlineKind::date) due = in_force_due(cal, assigned + days{pick(7, 180)});
        if (kind == DeadlineKind::working_days) {
          Deadline d;
          d.kind = kind;
          d.days = wdays = pick(5, 60);
          due = first_due(d, assigned, cal);
        }
        if (kind == DeadlineKind::recurring) {
          every = pick(0, 2) == 0 ? "quarter" : "month";
          rday = pick(0, 1) ? 15 : 25;
        }
        if ((kind == DeadlineKind::date || kind == DeadlineKind::working_days) && !due) kind = DeadlineKind::none;
        std::string state = "assigned";
        int percent = 0, version = 0;
        b.e_task.push_back(id);
        b.e_on.push_back(text(assigned));
        b.e_part.emplace_back("assigner");
        b.e_action.emplace_back("assign");
        b.e_from.emplace_back("");
        b.e_to.emplace_back("assigned");
        auto event = [&](Date on, const char* part, const char* action, const std::string& to) {
          b.e_task.push_back(id);
          b.e_on.push_back(text(on));
          b.e_part.emplace_back(part);
          b.e_action.emplace_back(action);
          b.e_from.push_back(state);
          b.e_to.push_back(to);
          state = to;
          ++version;
        };
        const Date ack = assigned + days{pick(0, 5)};
        if (ack <= today) event(ack, "lead", "acknowledge", "acknowledged");
        std::optional<Date> current = due;
        if (due) {
          b.v_task.push_back(id);
          b.v_number.push_back(0);
          b.v_given.push_back(text(*due));
          b.v_due.push_back(text(*due));
          b.v_approved.push_back(text(assigned));
          b.v_ext.push_back(0);
          if (pick(0, 99) < 15 && state == "acknowledged") {  // an extension, sometimes approved after the due day
            const Date approved = *due + days{pick(-20, 10)};
            const auto next = in_force_due(cal, std::max(*due, approved) + days{pick(10, 60)});
            if (approved > ack && approved <= today && next) {
              ++ext;
              b.x_id.push_back(ext);
              b.x_task.push_back(id);
              b.x_on.push_back(text(std::max(ack, approved - days{pick(0, 5)})));
              b.x_new.push_back(text(*next));
              b.x_decided.push_back(text(approved));
              b.v_task.push_back(id);
              b.v_number.push_back(1);
              b.v_given.push_back(text(*next));
              b.v_due.push_back(text(*next));
              b.v_approved.push_back(text(approved));
              b.v_ext.push_back(ext);
              event(approved, "lead", "request_extension", "acknowledged");
              event(approved, "assigner", "approve_extension", "acknowledged");
              current = next;
            }
          }
        }
        if (kind == DeadlineKind::recurring) {  // reports about monthly, some missed
          for (Date r = assigned + days{pick(10, 40)}; r <= today; r += days{pick(20, 45)}) {
            b.r_task.push_back(id);
            b.r_kind.emplace_back("progress");
            b.r_on.push_back(text(r));
            b.r_percent.push_back(50);
            event(r, "lead", "report_progress", state);
          }
        }
        std::string reported, completed, confirmed, closed;
        const int fate = pick(0, 99);
        const int took = current ? static_cast<int>((*current - assigned).count()) : 120;
        const Date done = assigned + days{std::max(1, took * pick(40, 140) / 100)};
        if (fate < 3) {
          const Date c = assigned + days{pick(1, 120)};
          if (c <= today && state == "acknowledged") {
            event(c, "assigner", "cancel", "cancelled");
            closed = text(c);
          }
        } else if (fate < 90 && state == "acknowledged" && done <= today) {
          b.r_task.push_back(id);
          b.r_kind.emplace_back("completion");
          b.r_on.push_back(text(done));
          b.r_percent.push_back(100);
          event(done, "lead", "report_completion", "completion_reported");
          reported = text(done);
          percent = 100;
          const Date conf = done + days{pick(0, 10)};
          if (conf <= today) {
            event(conf, "assigner", "confirm", "done");
            completed = reported;
            confirmed = text(conf);
          }
        } else if (state == "acknowledged") {
          percent = pick(0, 9) * 10;
        }
        b.t_id.push_back(id);
        b.t_item.push_back(item);
        b.t_lead.push_back(leads[static_cast<std::size_t>(pick(0, static_cast<int>(leads.size()) - 1))]);
        b.t_assigner.push_back(assigner);
        b.t_product.emplace_back(products[pick(0, 5)]);
        b.t_on.push_back(text(assigned));
        b.t_kind.emplace_back(deadline_kind_code(kind));
        b.t_days.push_back(wdays);
        b.t_every.push_back(every);
        b.t_rday.push_back(rday);
        b.t_rmonth.push_back(rmonth);
        b.t_odue.push_back(due ? text(*due) : "");
        b.t_due.push_back(current ? text(*current) : "");
        b.t_state.push_back(state);
        b.t_percent.push_back(percent);
        b.t_reported.push_back(reported);
        b.t_completed.push_back(completed);
        b.t_confirmed.push_back(confirmed);
        b.t_closed.push_back(closed);
        b.t_version.push_back(version);
      }
      flush(s, b, pg, now);
    });
    progress.show(made);
  }
  if (pg)
    database.with_session([&](soci::session& s) {
      for (const char* t : {"task_documents", "task_items", "tasks", "task_extension_requests"})
        s << std::string("SELECT setval(pg_get_serial_sequence('") + t + "', 'id'), (SELECT MAX(id) FROM " + t + "))";
    });
  const double rows_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::fprintf(stderr, "tasks_gen: the stored board (rebuild_board)\n");
  long long total = 0;
  database.with_session([&](soci::session& s) { s << "SELECT COUNT(*) FROM tasks WHERE parent_id IS NULL", soci::into(total); });
  bench::Progress board(total, "tasks on the board");
  database.transaction([&](soci::session& s) { rebuild_board(s, cal, [&](long long done, long long) { board.show(done); }); });
  const double all_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::fprintf(stderr, "tasks_gen: %lld tasks added over %d years and %d bodies: rows %.1f s, board %.1f s, total %.1f s\n",
               count, years, bodies, rows_s, all_s - rows_s, all_s);
  return 0;
}
