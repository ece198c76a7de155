// The demo file data/tasks/demo.json and its reader (src/modules/tasks/demo_data.h, issue 16
// §10): the shipped file parses and replays; as of 30/6/2021 the seed's meeting has tasks in every
// bucket (computed naively here from the file's dates, with margins around the days a due day
// may move to) and as of 5/12/2026 the Phú Thọ programme too; malformed files are refused with
// the document, task and field named; no input makes the reader throw anything but DemoError.
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "calendar_fixtures.h"
#include "modules/tasks/demo_data.h"
#include "modules/tasks/rules.h"
#include "modules/tasks/workflow.h"

namespace tinhso::tasks::demo {
namespace {

using calendar::Date;
using nlohmann::json;

std::string shipped() {
  std::ifstream in(std::string(TINHSO_SOURCE_DIR) + "/data/tasks/demo.json", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Date day(const char* s) { return *calendar::parse_date(s); }

std::vector<const Task*> all_tasks(const Document& d) {
  std::vector<const Task*> out;
  for (const auto& item : d.items)
    for (const auto& t : item.tasks) {
      out.push_back(&t);
      for (const auto& s : t.subtasks) out.push_back(&s);
    }
  return out;
}

// ---- A naive bucket (the module's rules.h is the authority; this only checks the file's spread) ----
// Done = confirmed by `as_of`, completed on the day of the completion report that was confirmed;
// the due day in force = the last extension approved by `as_of`, else the original one, plus
// `shift` days (a due day on a day off moves to the next working day). `wd_due`: the due day
// assumed for a working-days deadline. Recurring tasks are left out ("recurring").
std::string naive_bucket(const Task& t, Date as_of, int shift, Date wd_due) {
  if (as_of < t.assigned_on) return "none";
  std::optional<Date> due;
  if (t.deadline.kind == "date") due = t.deadline.due;
  if (t.deadline.kind == "working_days") due = wd_due;
  std::optional<Date> pending, reported, completed;
  for (const auto& e : t.events) {
    if (e.on > as_of) break;
    if (e.action == "cancel" || e.action == "merge") return "none";
    if (e.action == "request_extension") pending = e.new_due;
    if (e.action == "approve_extension") due = pending;
    if (e.action == "report_completion") reported = e.on;
    if (e.action == "confirm") completed = reported;
  }
  if (t.deadline.kind == "recurring") return "recurring";
  if (completed) {
    if (!due) return "done_on_time";
    return *completed <= *due + std::chrono::days(shift) ? "done_on_time" : "done_late";
  }
  if (!due) return "ongoing";
  return as_of > *due + std::chrono::days(shift) ? "overdue" : "in_progress";
}

// The bucket, insisting it is the same wherever the due day may fall: a date due day as
// written or up to 4 days later (a weekend and a holiday), a working-days due day between N
// calendar days after the assignment and N × 7/5 + 14 days after it.
std::string bucket_with_margin(const Task& t, Date as_of) {
  Date lo = t.assigned_on + std::chrono::days(t.deadline.days);
  Date hi = t.assigned_on + std::chrono::days(t.deadline.days * 7 / 5 + 14);
  std::string a = naive_bucket(t, as_of, 0, lo);
  std::string b = naive_bucket(t, as_of, 4, hi);
  EXPECT_EQ(a, b) << "task " << t.key << " as of " << calendar::format_date(as_of)
                  << ": its bucket depends on where the due day falls; keep a margin";
  return a;
}

std::map<std::string, std::vector<std::string>> buckets(const Document& d, Date as_of) {
  std::map<std::string, std::vector<std::string>> out;
  for (const Task* t : all_tasks(d)) out[bucket_with_margin(*t, as_of)].push_back(t->key);
  return out;
}

const Document& document(const DemoFile& f, const std::string& key) {
  for (const auto& d : f.documents)
    if (d.key == key) return d;
  throw std::logic_error("no document " + key);
}

TEST(TasksDemoData, ShippedFileParsesAndReplays) {
  DemoFile f = parse(shipped());
  ASSERT_NO_THROW(replay_all(f));
  EXPECT_FALSE(f.note.empty()) << "the file says what in it is illustrative";
  ASSERT_EQ(f.documents.size(), 2u);
  const Document& meeting = document(f, "tb-27-04-2021");
  EXPECT_EQ(meeting.kind, "conclusion_notice");
  EXPECT_EQ(meeting.issuer, "TINH-UY");
  EXPECT_TRUE(meeting.number.ends_with("-TB/TU"));
  // Each conclusion goes to the body the seed report names.
  const std::map<std::string, std::string> named{
      {"t1", "BCSD-UBND-TINH"},  // "đề nghị Ban Cán sự Đảng UBND tỉnh tiếp tục chỉ đạo … hoàn thiện đề án"
      {"t2", "BCSD-UBND-TINH"},  // "giao Đảng Đoàn HĐND tỉnh và Ban Cán sự Đảng UBND tỉnh xây dựng kế hoạch"
      {"t3", "TT-TINH-UY"},      // "Thường trực Tỉnh ủy sẽ tiếp tục cho ý kiến"
      {"t4", "BCSD-UBND-TINH"},  // "yêu cầu Ban Cán sự Đảng UBND tỉnh đánh giá rõ những tác động"
      {"t5", "BTV-TINH-UY"},     // "Ban Thường vụ Tỉnh ủy sẽ thành lập các đoàn kiểm tra"
      {"t7", "UBBC-TINH"},       // "yêu cầu Ủy ban Bầu cử tỉnh tiếp tục chỉ đạo các huyện, thành phố"
      {"t8", "BTV-TINH-UY"},     // "các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy … chỉ đạo công tác bầu cử"
      {"t9", "BTV-TINH-UY"},     // "Ban Thường vụ Tỉnh ủy tập trung chỉ đạo giải quyết đơn thư KNTC"
      {"t10", "UBBC-TINH"},      // "đề nghị Ủy ban Bầu cử tỉnh chỉ đạo lực lượng chức năng"
  };
  std::map<std::string, const Task*> by_key;
  for (const Task* t : all_tasks(meeting)) by_key[t->key] = t;
  for (const auto& [key, lead] : named) {
    ASSERT_TRUE(by_key.contains(key)) << key;
    EXPECT_EQ(by_key[key]->lead, lead) << key;
  }
  std::set<std::string> coordinating_of_t2(by_key["t2"]->coordinating.begin(), by_key["t2"]->coordinating.end());
  EXPECT_TRUE(coordinating_of_t2.contains("DDOAN-HDND-TINH"));
  EXPECT_EQ(by_key["t1"]->subtasks.size(), 2u);
  EXPECT_EQ(replay(*by_key["t17"]), "merged");
}

TEST(TasksDemoData, EveryBucketAsOf30June2021WithExtensions) {
  DemoFile f = parse(shipped());
  const Document& meeting = document(f, "tb-27-04-2021");
  Date as_of = day("2021-06-30");
  auto b = buckets(meeting, as_of);
  for (const char* name : {"done_on_time", "done_late", "in_progress", "overdue", "ongoing"})
    EXPECT_FALSE(b[name].empty()) << name;
  int approved = 0, refused = 0, returned = 0;
  for (const Task* t : all_tasks(meeting))
    for (const auto& e : t->events) {
      if (e.on > as_of) continue;
      approved += e.action == "approve_extension";
      refused += e.action == "refuse_extension";
      returned += e.action == "return";
    }
  EXPECT_GE(approved, 1);
  EXPECT_GE(refused, 1);
  EXPECT_GE(returned, 1);
}

TEST(TasksDemoData, PhuThoProgrammeSpreadAsOf5December2026) {
  DemoFile f = parse(shipped());
  const Document& programme = document(f, "ctr-nq57-2025");
  EXPECT_EQ(programme.kind, "action_programme");
  auto b = buckets(programme, day("2026-12-05"));
  for (const char* name : {"done_on_time", "done_late", "in_progress", "overdue", "ongoing"})
    EXPECT_FALSE(b[name].empty()) << name;
  std::set<std::string> leads, every;
  for (const Task* t : all_tasks(programme)) {
    leads.insert(t->lead);
    if (t->deadline.kind == "recurring") every.insert(t->deadline.every);
    for (const auto& e : t->events) EXPECT_LE(e.on, day("2026-12-05")) << t->key << ": no event after the demo's today";
  }
  for (const char* code : {"SO-TC", "SO-NNMT", "SO-NV", "SO-YT", "SO-KHCN", "TTHCC", "UBND-P-VIET-TRI",
                           "UBND-P-VINH-YEN",
                           "UBND-X-VINH-TUONG"})
    EXPECT_TRUE(leads.contains(code)) << code;
  EXPECT_EQ(every, (std::set<std::string>{"month", "quarter", "year"}));
}

// ---- Against the module's own rules (rules.h, workflow.h: the authority) ----
tasks::Deadline module_deadline(const demo::Deadline& d) {
  tasks::Deadline out;
  out.kind = *parse_deadline_kind(d.kind);
  out.due = d.due;
  out.days = d.days;
  if (!d.every.empty()) out.every = *parse_every(d.every);
  out.day = d.day;
  out.month = d.month;
  return out;
}

// The facts rules.h reads, as the module would store them from the file's events.
TaskFacts facts(const Task& t, const calendar::WorkCalendar& cal) {
  TaskFacts f;
  f.assigned_on = t.assigned_on;
  f.deadline = module_deadline(t.deadline);
  if (auto due = first_due(f.deadline, t.assigned_on, cal); due && f.deadline.kind != DeadlineKind::recurring)
    f.versions.push_back({0, *due, t.assigned_on});
  std::optional<Date> pending, reported;
  for (const auto& e : t.events) {
    if (e.action == "request_extension") pending = e.new_due;
    if (e.action == "approve_extension" && pending)
      f.versions.push_back({static_cast<int>(f.versions.size()), *in_force_due(cal, *pending), e.on});
    if (e.action == "report_completion") reported = e.on;
    if (e.action == "report_progress" || e.action == "report_completion") f.report_days.push_back(e.on);
    if (e.action == "confirm") {
      f.completed_on = reported;
      f.confirmed_on = e.on;
    }
    if (e.action == "cancel" || e.action == "merge") f.closed_on = e.on;
  }
  return f;
}

// Every event of `t` through workflow.h's next_state, with the part that takes it.
void replay_with_the_module(const Task& t, const calendar::WorkCalendar& cal) {
  State state = State::assigned;
  bool pending = false;
  std::optional<Date> due = first_due(module_deadline(t.deadline), t.assigned_on, cal);
  if (t.deadline.kind == "recurring" || t.deadline.kind == "none") due.reset();
  std::optional<Date> asked;
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    const Event& e = t.events[i];
    Request r;
    r.from = state;
    r.action = *parse_action(e.action);
    bool by_assigner = e.action == "confirm" || e.action == "return" || e.action == "approve_extension" ||
                       e.action == "refuse_extension" || e.action == "cancel" || e.action == "merge";
    r.part = by_assigner ? Part::assigner : Part::lead;
    r.reason = e.reason;
    r.text = e.text;
    r.percent = e.percent;
    r.new_due = e.new_due;
    r.into = e.action == "merge" ? 1 : 0;
    r.due_in_force = due;
    r.extension_pending = pending;
    Next n = next_state(r);
    ASSERT_TRUE(n.ok()) << "task " << t.key << " events[" << i << "] " << e.action << ": " << refusal_code(n.refusal);
    state = n.to;
    if (e.action == "request_extension") {
      pending = true;
      asked = e.new_due;
    }
    if (e.action == "approve_extension" && asked) due = in_force_due(cal, *asked);
    if (e.action == "approve_extension" || e.action == "refuse_extension") pending = false;
  }
  EXPECT_EQ(state_code(state), replay(t)) << "task " << t.key;
}

TEST(TasksDemoData, TheModulesRulesAgree) {
  const calendar::WorkCalendar& cal = calendar::test::official_calendar();
  DemoFile f = parse(shipped());
  for (const auto& [key, as_of] : {std::pair{"tb-27-04-2021", "2021-06-30"}, std::pair{"ctr-nq57-2025", "2026-12-05"}}) {
    std::set<std::string> seen;
    for (const Task* t : all_tasks(document(f, key))) {
      replay_with_the_module(*t, cal);
      std::string b(bucket_code(bucket_as_of(facts(*t, cal), day(as_of), cal)));
      std::string naive = bucket_with_margin(*t, day(as_of));
      if (naive != "recurring") {
        EXPECT_EQ(b, naive == "none" ? "" : naive) << "task " << t->key << " as of " << as_of;
      }
      seen.insert(b);
    }
    for (const char* name : {"done_on_time", "done_late", "in_progress", "overdue", "ongoing"})
      EXPECT_TRUE(seen.contains(name)) << key << " as of " << as_of << ": no task " << name;
  }
}

// ---- Rejects ----
json minimal() {
  return json::parse(R"({"documents": [{"key": "d1", "kind": "directive", "number": "01/CT-UBND",
    "issued_on": "2021-04-28", "issuer": "UBND-TINH", "signer": "A", "subject": "S", "public": false,
    "items": [{"clause": "1", "text": "T", "tasks": [
      {"key": "a", "content": "C", "lead": "SO-TC", "coordinating": ["SO-NV"], "product": "report",
       "priority": "normal", "assigned_on": "2021-04-28", "deadline": {"kind": "date", "due": "2021-06-15"},
       "events": [{"on": "2021-05-03", "action": "acknowledge"},
                  {"on": "2021-05-20", "action": "report_progress", "percent": 40, "text": "P"}]},
      {"key": "b", "content": "C", "lead": "SO-YT", "product": "plan", "priority": "high",
       "assigned_on": "2021-04-29", "deadline": {"kind": "none"}, "events": []}]}]}]})");
}

json& task_a(json& j) { return j["documents"][0]["items"][0]["tasks"][0]; }
json merge_into(const char* key) { return {{"on", "2021-05-21"}, {"action", "merge"}, {"into", key}, {"reason", "R"}}; }

TEST(TasksDemoData, MinimalFileIsAccepted) {
  DemoFile f = parse(minimal().dump());
  ASSERT_EQ(f.documents.at(0).items.at(0).tasks.size(), 2u);
  EXPECT_EQ(replay(f.documents[0].items[0].tasks[0]), "acknowledged");
}

TEST(TasksDemoData, MalformedFilesAreRefusedNamingTheField) {
  struct Case {
    const char* name;
    std::function<void(json&)> change;
    const char* message;  // a part of what()
  };
  const Case cases[] = {
      {"impossible date", [](json& j) { task_a(j)["assigned_on"] = "2021-02-29"; }, "task a.assigned_on: not a day"},
      {"not ISO", [](json& j) { task_a(j)["events"][0]["on"] = "03/05/2021"; }, "task a.events[0].on: not a day"},
      {"unknown action", [](json& j) { task_a(j)["events"][0]["action"] = "approve"; },
       "events[0].action: must be one of"},
      {"event before assignment", [](json& j) { task_a(j)["events"][0]["on"] = "2021-04-27"; },
       "task a.events[0].on: before assigned_on"},
      {"events out of order", [](json& j) { task_a(j)["events"][1]["on"] = "2021-05-01"; },
       "task a.events[1].on: before the event above it"},
      {"duplicate task key", [](json& j) { j["documents"][0]["items"][0]["tasks"][1]["key"] = "a"; },
       "task a.key: used twice"},
      {"duplicate document key",
       [](json& j) {
         json d = j["documents"][0];
         d["items"][0]["tasks"][0]["key"] = "x";
         d["items"][0]["tasks"][1]["key"] = "y";
         j["documents"].push_back(d);
       },
       "document d1.key: used twice"},
      {"percent over 100", [](json& j) { task_a(j)["events"][1]["percent"] = 101; }, "percent: must be from 0 to 100"},
      {"percent negative", [](json& j) { task_a(j)["events"][1]["percent"] = -1; }, "percent: must be from 0 to 100"},
      {"percent missing", [](json& j) { task_a(j)["events"][1].erase("percent"); }, "events[1].percent: required"},
      {"percent not whole", [](json& j) { task_a(j)["events"][1]["percent"] = 40.5; }, "must be a whole number"},
      {"field of another action", [](json& j) { task_a(j)["events"][0]["reason"] = "R"; },
       "events[0].reason: not a field of acknowledge"},
      {"misspelt field", [](json& j) { task_a(j)["asigned_on"] = "2021-04-28"; }, "task a.asigned_on: unknown field"},
      {"empty lead", [](json& j) { task_a(j)["lead"] = ""; }, "task a.lead: must not be empty"},
      {"lead also coordinating", [](json& j) { task_a(j)["coordinating"] = {"SO-TC"}; }, "coordinating[0]: the lead"},
      {"unknown product", [](json& j) { task_a(j)["product"] = "memo"; }, "task a.product: must be one of"},
      {"unknown priority", [](json& j) { task_a(j)["priority"] = "low"; }, "task a.priority: must be one of"},
      {"unknown document kind", [](json& j) { j["documents"][0]["kind"] = "letter"; },
       "document d1.kind: must be one of"},
      {"unknown deadline kind", [](json& j) { task_a(j)["deadline"] = {{"kind", "weekly"}}; }, "deadline.kind"},
      {"zero working days", [](json& j) { task_a(j)["deadline"] = {{"kind", "working_days"}, {"days", 0}}; },
       "deadline.days: must be from 1"},
      {"due before assignment", [](json& j) { task_a(j)["deadline"]["due"] = "2021-04-01"; }, "deadline.due: before"},
      {"month on a monthly report",
       [](json& j) { task_a(j)["deadline"] = {{"kind", "recurring"}, {"every", "month"}, {"day", 15}, {"month", 3}}; },
       "deadline.month: only for a yearly report"},
      {"yearly report without month",
       [](json& j) { task_a(j)["deadline"] = {{"kind", "recurring"}, {"every", "year"}, {"day", 15}}; },
       "deadline.month: required"},
      {"assigned before the document", [](json& j) { task_a(j)["assigned_on"] = "2021-04-27"; },
       "task a.assigned_on: before the document"},
      {"merge into nothing",
       [](json& j) { task_a(j)["events"].push_back(merge_into("zz")); },
       "task a.events[2].into: no task zz"},
      {"merge into itself",
       [](json& j) { task_a(j)["events"].push_back(merge_into("a")); },
       "into: a task is not merged into itself"},
      {"subtask of a subtask",
       [](json& j) {
         json s = j["documents"][0]["items"][0]["tasks"][1];
         s["key"] = "s1";
         json s2 = s;
         s2["key"] = "s2";
         s["subtasks"] = json::array({s2});
         j["documents"][0]["items"][0]["tasks"][1]["subtasks"] = json::array({s});
       },
       "task s1.subtasks: unknown field"},
      {"parent reports progress",
       [](json& j) {
         json s = j["documents"][0]["items"][0]["tasks"][1];
         s["key"] = "s1";
         task_a(j)["subtasks"] = json::array({s});
       },
       "task a.events[1]: a task with subtasks reports no progress"},
      {"subtask before its parent",
       [](json& j) {
         json s = j["documents"][0]["items"][0]["tasks"][1];
         s["key"] = "s1";
         s["assigned_on"] = "2021-04-28";
         j["documents"][0]["items"][0]["tasks"][1]["subtasks"] = json::array({s});
       },
       "task s1.assigned_on: before its parent task"},
      {"no documents", [](json& j) { j["documents"] = json::array(); }, "file.documents: must not be empty"},
      {"public not a boolean", [](json& j) { j["documents"][0]["public"] = "yes"; }, "document d1.public"},
      {"clause twice",
       [](json& j) {
         json item = j["documents"][0]["items"][0];
         item["tasks"][0]["key"] = "x";
         item["tasks"][1]["key"] = "y";
         j["documents"][0]["items"].push_back(item);
       },
       "clause 1: clause used twice"},
  };
  for (const auto& c : cases) {
    json j = minimal();
    c.change(j);
    try {
      parse(j.dump());
      ADD_FAILURE() << c.name << ": accepted";
    } catch (const DemoError& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << c.name << ": " << e.what();
    }
  }
  for (const char* text : {"", "{", "[]", "null", "{\"documents\": {}}", "\xff\xfe"}) {
    EXPECT_THROW(parse(text), DemoError) << text;
  }
}

TEST(TasksDemoData, IllegalStepsAreRefusedByTheReplay) {
  struct Case {
    const char* name;
    std::function<void(json&)> change;
    const char* message;
  };
  auto event = [](const char* on, const char* action) { return json{{"on", on}, {"action", action}}; };
  const Case cases[] = {
      {"confirm before a completion report",
       [&](json& j) { task_a(j)["events"].push_back(event("2021-05-21", "confirm")); },
       "events[2] (confirm): not allowed from acknowledged"},
      {"progress before acknowledging",
       [&](json& j) { task_a(j)["events"].erase(task_a(j)["events"].begin()); },
       "events[0] (report_progress): not allowed from assigned"},
      {"approve without a request",
       [&](json& j) { task_a(j)["events"].push_back(event("2021-05-21", "approve_extension")); },
       "no extension request is pending"},
      {"two requests",
       [&](json& j) {
         json r = event("2021-05-21", "request_extension");
         r["new_due"] = "2021-07-01";
         r["reason"] = "R";
         task_a(j)["events"].push_back(r);
         r["on"] = "2021-05-22";
         task_a(j)["events"].push_back(r);
       },
       "already pending"},
      {"new day not later",
       [&](json& j) {
         json r = event("2021-05-21", "request_extension");
         r["new_due"] = "2021-06-15";
         r["reason"] = "R";
         task_a(j)["events"].push_back(r);
       },
       "new_due is not after the due day in force"},
      {"extension of an ongoing task",
       [&](json& j) {
         json r = event("2021-05-21", "request_extension");
         r["new_due"] = "2021-07-01";
         r["reason"] = "R";
         task_a(j)["deadline"] = {{"kind", "none"}};
         task_a(j)["events"].push_back(r);
       },
       "a none deadline has no due day to extend"},
      {"step after done",
       [&](json& j) {
         json c = event("2021-05-21", "report_completion");
         c["text"] = "X";
         task_a(j)["events"].push_back(c);
         task_a(j)["events"].push_back(event("2021-05-22", "confirm"));
         json x = event("2021-05-23", "cancel");
         x["reason"] = "R";
         task_a(j)["events"].push_back(x);
       },
       "events[4] (cancel): not allowed from done"},
  };
  for (const auto& c : cases) {
    json j = minimal();
    c.change(j);
    DemoFile f = parse(j.dump());
    try {
      replay_all(f);
      ADD_FAILURE() << c.name << ": accepted";
    } catch (const DemoError& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << c.name << ": " << e.what();
      EXPECT_NE(std::string(e.what()).find("task a"), std::string::npos) << c.name;
    }
  }
}

// Deterministic mutations of the shipped file: truncations, flipped bytes, and values replaced
// by values of other types. Only DemoError may come out of parse() and replay_all().
TEST(TasksDemoData, NothingButDemoErrorOnMutatedInput) {
  const std::string base = shipped();
  std::mt19937 rng(16);
  auto attempt = [](const std::string& text) {
    try {
      replay_all(parse(text));
    } catch (const DemoError&) {
    }
  };
  for (std::size_t n = 0; n < base.size(); n += 97) attempt(base.substr(0, n));
  attempt(std::string(100000, '[') + std::string(100000, ']'));  // deep nesting
  attempt("{\"documents\": " + std::string(100000, '[') + std::string(100000, ']') + "}");
  for (int i = 0; i < 300; ++i) {
    std::string m = base;
    for (int k = 0; k < 3; ++k) m[rng() % m.size()] = static_cast<char>(rng() % 256);
    attempt(m);
  }
  const json replacements[] = {nullptr, 0, -1, 4294967296LL, 1.5, true, "", "2021-02-30", json::array(),
                               json::object()};
  json root = json::parse(base);
  std::vector<json::json_pointer> pointers;
  std::function<void(const json&, const json::json_pointer&)> walk = [&](const json& v, const json::json_pointer& p) {
    pointers.push_back(p);
    if (v.is_object())
      for (const auto& [k, x] : v.items()) walk(x, p / k);
    if (v.is_array())
      for (std::size_t i = 0; i < v.size(); ++i) walk(v[i], p / i);
  };
  walk(root, json::json_pointer());
  for (std::size_t i = 1; i < pointers.size(); i += 3) {
    json m = root;
    m[pointers[i]] = replacements[i % std::size(replacements)];
    EXPECT_NO_THROW(attempt(m.dump())) << pointers[i].to_string();
  }
}

}  // namespace
}  // namespace tinhso::tasks::demo
