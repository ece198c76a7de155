// The tasks use cases (issue 16 §1–§3; modules/tasks/usecases.h) and the store's as-of read
// (store.h assigned_tasks_as_of) on a temporary database of each dialect: a document with its
// items, a task walked through its whole life with an extension approved after the original due
// day (every deadline version kept, one event and one audit record per step), refusals that write
// nothing, sub-tasks and the computed progress of their parent, cancel and merge.
#include <gtest/gtest.h>

#include <map>

#include <nlohmann/json.hpp>

#include "calendar_fixtures.h"
#include "modules/tasks/board.h"
#include "modules/tasks/store.h"
#include "modules/tasks/usecases.h"
#include "temp_db.h"

namespace tinhso::tasks {
namespace {

using namespace std::chrono_literals;
using calendar::test::day;

// 1: the leaders' office (the assigner), 2: the lead department, 3: a coordinating one, 4: a unit
// of department 2.
constexpr std::int64_t kOffice = 1, kLead = 2, kOther = 3, kUnit = 4;
constexpr std::int64_t kLeader = 1, kOfficer = 2;

class TasksUseCases : public ::testing::TestWithParam<db::Dialect> {
 protected:
  void SetUp() override {
    TINHSO_SKIP_UNLESS_AVAILABLE(GetParam());
    tmp = std::make_unique<testing::TempDb>(GetParam());
    const std::string ids = tmp->dialect() == db::Dialect::postgresql ? " OVERRIDING SYSTEM VALUE" : "";
    tmp->exec("INSERT INTO admin_units (id, code, name, level, valid_from)" + ids +
              " VALUES (1, '25', 'Tỉnh Phú Thọ', 'province', '2025-07-01');"
              "INSERT INTO agencies (id, code, name, kind, admin_unit_id, parent_id)" + ids +
              " VALUES (1, 'VP-UBND', 'Văn phòng UBND tỉnh', 'peoples_committee', 1, NULL),"
              " (2, 'SO-KHCN', 'Sở Khoa học và Công nghệ', 'department', 1, NULL),"
              " (3, 'SO-TC', 'Sở Tài chính', 'department', 1, NULL),"
              " (4, 'TT-CDS', 'Trung tâm Chuyển đổi số', 'other', 1, 2);");
    for (std::int64_t id : {kLeader, kOfficer}) {
      const std::string n = std::to_string(id);
      tmp->exec("INSERT INTO accounts (id, email, full_name, kind, agency_id, status, created_at, updated_at)" + ids +
                " VALUES (" + n + ", 'a" + n + "@example.vn', 'Cán bộ " + n + "', 'staff', " +
                std::to_string(id == kLeader ? kOffice : kLead) +
                ", 'active', '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z');");
    }
  }

  template <class Fn>
  decltype(auto) run(Fn&& fn) {
    return tmp->db().transaction([&](soci::session& s) {
      const Env env{s, clock, calendar, recorder};
      return fn(env);
    });
  }

  long long count(const std::string& sql) {
    long long n = 0;
    tmp->db().with_session([&](soci::session& s) { s << sql, soci::into(n); });
    return n;
  }

  DocumentInput notice(const std::string& number = "12-TB/TU") {
    DocumentInput in;
    in.document.kind = DocumentKind::conclusion_notice;
    in.document.number = number;
    in.document.issued_on = "2021-04-27";
    in.document.issuer_agency_id = kOffice;
    in.document.signer = "Bí thư Tỉnh ủy";
    in.document.subject = "Kết luận của Ban Thường vụ Tỉnh ủy";
    in.document.is_public = true;
    for (const char* text : {"Đề án chuyển đổi số", "Nghị quyết 12", "Bầu cử"}) in.items.push_back({0, 0, 0, "", text});
    return in;
  }

  std::int64_t first_item() {
    auto r = run([&](const Env& env) { return create_document(env, notice()); });
    EXPECT_TRUE(r.ok()) << error_code(r.error);
    return r.items.at(0).id;
  }

  Task task_of(std::int64_t item, const std::string& due = "2021-06-15") {
    Task t;
    t.item_id = item;
    t.content = "Trình đề án chuyển đổi số";
    t.lead_agency_id = kLead;
    t.assigner_agency_id = kOffice;
    t.coordinators = {kOther};
    t.product = Product::proposal;
    t.assigned_on = "2021-04-28";
    t.assigned_by = kLeader;
    t.deadline.kind = DeadlineKind::date;
    t.deadline.due = day(due);
    return t;
  }

  Task assigned(const Task& t) {
    auto r = run([&](const Env& env) { return assign(env, t); });
    EXPECT_TRUE(r.ok()) << error_code(r.error);
    return r.task;
  }

  TaskResult step(const Task& t, Action a, Part p, const std::string& on, ApplyInput extra = {}) {
    extra.task_id = t.id;
    extra.version = t.version;
    extra.action = a;
    extra.part = p;
    extra.on = on;
    if (!extra.actor_id) extra.actor_id = p == Part::lead ? kOfficer : kLeader;
    return run([&](const Env& env) { return apply(env, extra); });
  }

  Task ok_step(const Task& t, Action a, Part p, const std::string& on, ApplyInput extra = {}) {
    auto r = step(t, a, p, on, std::move(extra));
    EXPECT_TRUE(r.ok()) << action_code(a) << ": " << error_code(r.error) << " " << refusal_code(r.refusal);
    return r.task;
  }

  Bucket bucket_on(std::int64_t id, const std::string& on) {
    auto rows = tmp->db().with_session([&](soci::session& s) { return assigned_tasks_as_of(s, on); });
    for (const auto& r : rows)
      if (r.id == id) return bucket_as_of(r.facts, day(on), calendar);
    return Bucket::none;
  }

  std::unique_ptr<testing::TempDb> tmp;
  auth::FakeClock clock{std::chrono::sys_days{std::chrono::year{2021} / 8 / 2} + 3h};  // 10:00 in Viet Nam
  calendar::WorkCalendar calendar{calendar::HolidayRules{}, {}};
  audit::Recorder recorder = [this](soci::session& s, const audit::Change& c) {
    audit::for_system(tmp->dialect(), clock, "test")(s, c);
  };
};

TEST_P(TasksUseCases, TheWholeLifeWithAnExtensionApprovedAfterTheDueDay) {
  Task t = assigned(task_of(first_item()));
  EXPECT_EQ(t.state, State::assigned);
  EXPECT_EQ(t.original_due, "2021-06-15");
  EXPECT_EQ(t.due, "2021-06-15");
  EXPECT_EQ(t.assigner_agency_id, kOffice);

  t = ok_step(t, Action::acknowledge, Part::lead, "2021-05-03");
  ApplyInput progress;
  progress.text = "Đã xây dựng dự thảo";
  progress.percent = 40;
  t = ok_step(t, Action::report_progress, Part::lead, "2021-05-20", progress);
  EXPECT_EQ(t.percent, 40);
  ApplyInput ext;
  ext.reason = "Chờ ý kiến các sở";
  ext.new_due = "2021-07-15";
  t = ok_step(t, Action::request_extension, Part::lead, "2021-06-10", ext);
  EXPECT_EQ(t.due, "2021-06-15");
  t = ok_step(t, Action::approve_extension, Part::assigner, "2021-06-20");
  EXPECT_EQ(t.due, "2021-07-15");
  EXPECT_EQ(t.original_due, "2021-06-15");
  ApplyInput done;
  done.text = "Tờ trình số 45/TTr-SKHCN";
  t = ok_step(t, Action::report_completion, Part::lead, "2021-07-10", done);
  EXPECT_EQ(t.state, State::completion_reported);
  t = ok_step(t, Action::confirm, Part::assigner, "2021-07-12");
  EXPECT_EQ(t.state, State::done);
  EXPECT_EQ(t.completed_on, "2021-07-10");
  EXPECT_EQ(t.confirmed_on, "2021-07-12");
  EXPECT_EQ(t.version, 6);

  auto stored = *tmp->db().with_session([&](soci::session& s) { return find_task(s, t.id); });
  EXPECT_EQ(stored.version, 6);
  EXPECT_EQ(stored.coordinators, std::vector<std::int64_t>{kOther});
  auto versions = tmp->db().with_session([&](soci::session& s) { return deadline_versions(s, t.id); });
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(calendar::format_date(versions[1].approved_on), "2021-06-20");
  EXPECT_EQ(count("SELECT COUNT(*) FROM task_extension_requests WHERE state = 'approved'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM task_reports"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM task_events"), 7);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'task%'"), 8);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'task.approve_extension'"), 1);

  EXPECT_EQ(bucket_on(t.id, "2021-04-27"), Bucket::none);
  EXPECT_EQ(bucket_on(t.id, "2021-06-15"), Bucket::in_progress);
  EXPECT_EQ(bucket_on(t.id, "2021-06-16"), Bucket::overdue);
  EXPECT_EQ(bucket_on(t.id, "2021-06-20"), Bucket::in_progress);
  EXPECT_EQ(bucket_on(t.id, "2021-07-11"), Bucket::in_progress);
  EXPECT_EQ(bucket_on(t.id, "2021-07-12"), Bucket::done_on_time);
}

TEST_P(TasksUseCases, RefusalsWriteNothing) {
  Task t = assigned(task_of(first_item()));
  const long long audited = count("SELECT COUNT(*) FROM audit_log");
  struct Case {
    Action action;
    Part part;
    std::string on;
    int version_delta;
    Error error;
    Refusal refusal;
  };
  const Case cases[] = {
      {Action::confirm, Part::assigner, "2021-05-01", 0, Error::refused, Refusal::no_transition},
      {Action::acknowledge, Part::assigner, "2021-05-01", 0, Error::refused, Refusal::part_not_allowed},
      {Action::acknowledge, Part::coordinator, "2021-05-01", 0, Error::refused, Refusal::part_not_allowed},
      {Action::acknowledge, Part::lead, "2021-05-01", -1, Error::stale, Refusal::none},
      {Action::acknowledge, Part::lead, "2021-04-27", 0, Error::day_out_of_order, Refusal::none},
      {Action::acknowledge, Part::lead, "2021-08-03", 0, Error::day_in_future, Refusal::none},
      {Action::acknowledge, Part::lead, "2021-13-01", 0, Error::bad_date, Refusal::none},
      {Action::cancel, Part::assigner, "2021-05-01", 0, Error::refused, Refusal::reason_required},
      {Action::approve_extension, Part::assigner, "2021-05-01", 0, Error::refused, Refusal::no_pending_extension},
  };
  for (const auto& c : cases) {
    Task seen = t;
    seen.version += c.version_delta;
    auto r = step(seen, c.action, c.part, c.on);
    EXPECT_EQ(error_code(r.error), error_code(c.error)) << action_code(c.action) << " " << c.on;
    EXPECT_EQ(refusal_code(r.refusal), refusal_code(c.refusal)) << action_code(c.action);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log"), audited);
  EXPECT_EQ(count("SELECT COUNT(*) FROM task_events"), 1);

  // A second request while one is pending; a new day not after the due day in force.
  ApplyInput ext;
  ext.reason = "Thêm thời gian";
  ext.new_due = "2021-06-15";
  EXPECT_EQ(step(t, Action::request_extension, Part::lead, "2021-05-01", ext).refusal, Refusal::new_due_not_later);
  ext.new_due = "2021-06-30";
  t = ok_step(t, Action::request_extension, Part::lead, "2021-05-01", ext);
  EXPECT_EQ(step(t, Action::request_extension, Part::lead, "2021-05-02", ext).refusal, Refusal::extension_pending);
  // A later step may not be dated before the last one.
  EXPECT_EQ(step(t, Action::acknowledge, Part::lead, "2021-04-30").error, Error::day_out_of_order);
  ApplyInput no;
  no.reason = "Không đủ căn cứ";
  t = ok_step(t, Action::refuse_extension, Part::assigner, "2021-05-04", no);
  EXPECT_EQ(t.due, "2021-06-15");
  EXPECT_EQ(count("SELECT COUNT(*) FROM task_extension_requests WHERE state = 'refused' AND refusal_reason <> ''"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM task_deadline_versions"), 1);
}

TEST_P(TasksUseCases, InputChecks) {
  auto doc = notice();
  doc.document.number = " ";
  EXPECT_EQ(run([&](const Env& env) { return create_document(env, doc); }).error, Error::number_required);
  doc = notice();
  doc.items.clear();
  EXPECT_EQ(run([&](const Env& env) { return create_document(env, doc); }).error, Error::items_required);
  doc = notice();
  doc.document.issued_on = "2021-09-01";
  EXPECT_EQ(run([&](const Env& env) { return create_document(env, doc); }).error, Error::day_in_future);
  doc = notice();
  doc.document.issuer_agency_id = 99;
  EXPECT_EQ(run([&](const Env& env) { return create_document(env, doc); }).error, Error::unknown_agency);
  const std::int64_t item = first_item();
  EXPECT_EQ(run([&](const Env& env) { return create_document(env, notice()); }).error, Error::duplicate_document);
  EXPECT_EQ(count("SELECT COUNT(*) FROM task_documents"), 1);

  auto refused = [&](Task t) { return run([&](const Env& env) { return assign(env, t); }).error; };
  Task t = task_of(item);
  t.coordinators = {kLead};
  EXPECT_EQ(refused(t), Error::coordinator_is_lead);
  t = task_of(item, "2021-04-01");
  EXPECT_EQ(refused(t), Error::due_before_assignment);
  t = task_of(item);
  t.assigned_on = "2021-04-26";
  EXPECT_EQ(refused(t), Error::assigned_before_issue);
  t = task_of(item);
  t.deadline = Deadline{DeadlineKind::working_days};
  EXPECT_EQ(refused(t), Error::bad_deadline);
  t = task_of(item);
  t.content = "";
  EXPECT_EQ(refused(t), Error::content_required);
  t = task_of(item);
  t.item_id = 999;
  EXPECT_EQ(refused(t), Error::not_found);
  EXPECT_EQ(count("SELECT COUNT(*) FROM tasks"), 0);

  // Working days from the assignment (Tuesday 1/6/2021): the 5th is Tuesday 8/6.
  t = task_of(item);
  t.assigned_on = "2021-06-01";
  t.deadline = Deadline{DeadlineKind::working_days};
  t.deadline.days = 5;
  EXPECT_EQ(assigned(t).due, "2021-06-08");
}

TEST_P(TasksUseCases, SubTasksAndTheParentsComputedProgress) {
  Task parent = assigned(task_of(first_item()));
  parent = ok_step(parent, Action::acknowledge, Part::lead, "2021-05-03");
  Task sub = task_of(0);
  sub.parent_id = parent.id;
  sub.lead_agency_id = kOther;
  sub.coordinators = {};
  sub.assigned_on = "2021-05-04";
  sub.parent_id = 999;
  EXPECT_EQ(run([&](const Env& env) { return assign(env, sub); }).error, Error::not_found);
  sub.parent_id = parent.id;
  sub.lead_agency_id = kUnit;
  Task a = assigned(sub);
  EXPECT_EQ(a.item_id, parent.item_id);
  EXPECT_EQ(a.assigner_agency_id, kLead);  // the lead body assigns its units
  sub.lead_agency_id = kLead;              // and itself, for its own officers
  Task b = assigned(sub);

  a = ok_step(a, Action::acknowledge, Part::lead, "2021-05-05");
  ApplyInput p;
  p.text = "Đang triển khai";
  p.percent = 40;
  a = ok_step(a, Action::report_progress, Part::lead, "2021-05-06", p);
  b = ok_step(b, Action::acknowledge, Part::lead, "2021-05-05");
  ApplyInput c;
  c.text = "Xong";
  b = ok_step(b, Action::report_completion, Part::lead, "2021-05-07", c);
  b = ok_step(b, Action::confirm, Part::assigner, "2021-05-08");
  auto progress_of = [&](std::int64_t id) { return tmp->db().with_session([&](soci::session& s) { return task_progress(s, id); }); };
  EXPECT_EQ(progress_of(parent.id), 70);  // (40 + 100) / 2
  // The parent's own figure is never typed while it has sub-tasks.
  EXPECT_EQ(step(parent, Action::report_progress, Part::lead, "2021-05-09", p).error, Error::parent_progress);
  ApplyInput why;
  why.reason = "Gộp vào nhiệm vụ chung";
  a = ok_step(a, Action::cancel, Part::assigner, "2021-05-10", why);
  EXPECT_EQ(progress_of(parent.id), 100);  // the cancelled sub-task is left out
  // Sub-tasks are the lead body's breakdown: not on the assigner's board.
  auto rows = tmp->db().with_session([&](soci::session& s) { return assigned_tasks_as_of(s, "2021-06-01"); });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].id, parent.id);
  EXPECT_EQ(rows[0].document, "12-TB/TU");
  EXPECT_EQ(rows[0].lead, "SO-KHCN");
}

TEST_P(TasksUseCases, CancellingAParentEndsItsOpenSubTasks) {
  Task parent = assigned(task_of(first_item()));
  parent = ok_step(parent, Action::acknowledge, Part::lead, "2021-05-03");
  Task sub = task_of(0);
  sub.parent_id = parent.id;
  sub.lead_agency_id = kUnit;
  sub.coordinators = {};
  sub.assigned_on = "2021-05-04";
  Task open = assigned(sub);
  Task done = assigned(sub);
  done = ok_step(done, Action::acknowledge, Part::lead, "2021-05-05");
  ApplyInput c;
  c.text = "Xong";
  done = ok_step(done, Action::report_completion, Part::lead, "2021-05-06", c);
  done = ok_step(done, Action::confirm, Part::assigner, "2021-05-07");
  Task deeper = task_of(0);
  deeper.parent_id = open.id;
  deeper.lead_agency_id = kUnit;
  deeper.coordinators = {};
  deeper.assigned_on = "2021-05-05";
  deeper = assigned(deeper);
  const long long audited = count("SELECT COUNT(*) FROM audit_log WHERE action = 'task.cancel'");
  ApplyInput why;
  why.reason = "Không còn phù hợp";
  parent = ok_step(parent, Action::cancel, Part::assigner, "2021-05-10", why);
  auto now = [&](std::int64_t id) {
    return tmp->db().with_session([&](soci::session& s) { return find_task(s, id); });
  };
  for (std::int64_t id : {open.id, deeper.id}) {
    const auto t = now(id);
    ASSERT_TRUE(t);
    EXPECT_EQ(t->state, State::cancelled) << id;
    EXPECT_EQ(t->closed_on, "2021-05-10") << id;
    const auto evs = tmp->db().with_session([&](soci::session& s) { return events(s, id); });
    ASSERT_FALSE(evs.empty());
    EXPECT_EQ(evs.back().action, "cancel");
    EXPECT_NE(evs.back().note.find("Không còn phù hợp"), std::string::npos) << evs.back().note;
  }
  const auto kept = now(done.id);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->state, State::done);  // a confirmed sub-task stays done
  // One audit record for the parent and one per sub-task it ended.
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'task.cancel'"), audited + 3);
  // The ended sub-task refuses further steps as any cancelled task does.
  Task stale = *now(open.id);
  EXPECT_EQ(step(stale, Action::acknowledge, Part::lead, "2021-05-11").error, Error::refused);
}

TEST_P(TasksUseCases, CancelAndMerge) {
  const std::int64_t item = first_item();
  Task x = assigned(task_of(item));
  Task y = assigned(task_of(item));
  ApplyInput m;
  m.reason = "Trùng nội dung";
  m.into = x.id;
  EXPECT_EQ(step(x, Action::merge, Part::assigner, "2021-05-01", m).error, Error::merge_target);
  m.into = 999;
  EXPECT_EQ(step(y, Action::merge, Part::assigner, "2021-05-01", m).error, Error::merge_target);
  m.into = x.id;
  y = ok_step(y, Action::merge, Part::assigner, "2021-05-01", m);
  EXPECT_EQ(y.state, State::merged);
  EXPECT_EQ(y.merged_into, x.id);
  EXPECT_EQ(y.closed_on, "2021-05-01");
  EXPECT_EQ(bucket_on(y.id, "2021-04-30"), Bucket::in_progress);
  EXPECT_EQ(bucket_on(y.id, "2021-05-01"), Bucket::none);
  m.into = y.id;
  EXPECT_EQ(step(x, Action::merge, Part::assigner, "2021-05-02", m).error, Error::merge_target);
  ApplyInput c;
  c.reason = "Không còn phù hợp";
  x = ok_step(x, Action::cancel, Part::assigner, "2021-06-20", c);
  EXPECT_EQ(bucket_on(x.id, "2021-06-19"), Bucket::overdue);
  EXPECT_EQ(bucket_on(x.id, "2021-06-20"), Bucket::none);
}

// The figures of `tinhso tasks summary` and `export` (board.h) as of a day: one task in each
// bucket for one lead body, a cancelled one in none, another lead's; the counts are the rows'.
TEST_P(TasksUseCases, BoardAsOfADay) {
  const std::int64_t item = first_item();
  auto with = [&](const std::string& due, std::int64_t lead = kLead) {
    Task t = task_of(item, due);
    t.lead_agency_id = lead;
    t.coordinators = {};
    return assigned(t);
  };
  ApplyInput report;
  report.text = "Báo cáo";
  auto complete = [&](Task t, const std::string& reported, const std::string& confirmed) {
    t = ok_step(t, Action::acknowledge, Part::lead, "2021-05-03");
    t = ok_step(t, Action::report_completion, Part::lead, reported, report);
    return ok_step(t, Action::confirm, Part::assigner, confirmed);
  };
  const Task on_time = complete(with("2021-06-15"), "2021-06-10", "2021-06-12");
  const Task overdue = with("2021-05-31");
  const Task in_progress = with("2021-07-30");
  Task ongoing_task = task_of(item);
  ongoing_task.deadline = Deadline{};
  const Task ongoing = assigned(ongoing_task);
  const Task late = complete(with("2021-06-15"), "2021-06-20", "2021-06-21");
  ApplyInput why;
  why.reason = "Không còn phù hợp";
  const Task cancelled = ok_step(with("2021-06-15"), Action::cancel, Part::assigner, "2021-06-01", why);
  const Task other = with("2021-07-15", kOther);

  const Date june30 = day("2021-06-30");
  auto rows = tmp->db().with_session([&](soci::session& s) { return rows_as_of(s, june30, calendar, OnTimeRule::deadline_in_force); });
  ASSERT_EQ(rows.size(), 7u);
  auto leads = counts_by_lead(rows);
  ASSERT_EQ(leads.size(), 2u);
  EXPECT_EQ(leads[0].lead, "SO-KHCN");
  EXPECT_EQ(leads[0].counts, (std::array<long long, 5>{1, 1, 1, 1, 1}));
  EXPECT_EQ(leads[1].lead, "SO-TC");
  EXPECT_EQ(leads[1].counts, (std::array<long long, 5>{0, 0, 1, 0, 0}));

  auto json = nlohmann::json::parse(rows_json(rows));
  ASSERT_EQ(json.size(), 7u);
  std::map<std::int64_t, nlohmann::json> by_id;
  for (const auto& r : json) by_id[r["id"].get<std::int64_t>()] = r;
  EXPECT_EQ(by_id[on_time.id]["bucket"], "done_on_time");
  EXPECT_EQ(by_id[on_time.id]["completed_on"], "2021-06-10");
  EXPECT_EQ(by_id[on_time.id]["document"], "12-TB/TU");
  EXPECT_EQ(by_id[on_time.id]["lead"], "SO-KHCN");
  EXPECT_EQ(by_id[on_time.id]["assigned_on"], "2021-04-28");
  EXPECT_EQ(by_id[late.id]["bucket"], "done_late");
  EXPECT_EQ(by_id[overdue.id]["bucket"], "overdue");
  EXPECT_TRUE(by_id[overdue.id]["completed_on"].is_null());
  EXPECT_EQ(by_id[in_progress.id]["due"], "2021-07-30");
  EXPECT_EQ(by_id[ongoing.id]["bucket"], "ongoing");
  EXPECT_TRUE(by_id[ongoing.id]["due"].is_null());
  EXPECT_TRUE(by_id[ongoing.id]["original_due"].is_null());
  EXPECT_TRUE(by_id[cancelled.id]["bucket"].is_null());
  EXPECT_EQ(by_id[cancelled.id]["closed_on"], "2021-06-01");
  EXPECT_EQ(by_id[other.id]["lead"], "SO-TC");

  // Before the confirmations: the completions do not count yet.
  rows = tmp->db().with_session([&](soci::session& s) { return rows_as_of(s, day("2021-06-11"), calendar, OnTimeRule::deadline_in_force); });
  json = nlohmann::json::parse(rows_json(rows));
  for (const auto& r : json)
    if (r["id"] == on_time.id) {
      EXPECT_EQ(r["bucket"], "in_progress");
      EXPECT_TRUE(r["completed_on"].is_null());
    }
  auto summary = nlohmann::json::parse(summary_json(counts_by_lead(rows), day("2021-06-11"), OnTimeRule::deadline_in_force));
  EXPECT_EQ(summary["as_of"], "2021-06-11");
  EXPECT_EQ(summary["total"]["total"], 6);  // the cancelled task is in no bucket
  EXPECT_EQ(summary["total"]["overdue"], 1);
  EXPECT_EQ(summary["total"]["in_progress"], 4);
  // Before any assignment: nothing.
  EXPECT_TRUE(tmp->db().with_session([&](soci::session& s) { return rows_as_of(s, day("2021-04-27"), calendar, OnTimeRule::deadline_in_force); }).empty());
}

INSTANTIATE_TEST_SUITE_P(Dialects, TasksUseCases, ::testing::ValuesIn(testing::dialects()), testing::dialect_name);

}  // namespace
}  // namespace tinhso::tasks
