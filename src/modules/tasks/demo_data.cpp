#include "modules/tasks/demo_data.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <set>

#include <nlohmann/json.hpp>

namespace tinhso::tasks::demo {

namespace {

using nlohmann::json;

// The agreed names (issue 16; the tasks module's rules.h and workflow.h use the same codes).
constexpr std::array<std::string_view, 5> kDocumentKinds{"conclusion_notice", "directive", "plan",
                                                         "action_programme", "official_letter"};
constexpr std::array<std::string_view, 6> kProducts{"report",   "plan",     "draft_resolution",
                                                    "decision", "proposal", "other"};
constexpr std::array<std::string_view, 3> kPriorities{"normal", "high", "urgent"};
constexpr std::array<std::string_view, 3> kEvery{"month", "quarter", "year"};

// What each action carries besides "on" and "action"; anything else is an error.
struct ActionFields {
  std::string_view action;
  bool text = false;
  bool percent = false;
  bool reason = false;
  bool new_due = false;
  bool into = false;
};
constexpr std::array<ActionFields, 10> kActions{{
    {"acknowledge"},
    {"report_progress", true, true},
    {"report_completion", true},
    {"confirm"},
    {"return", false, false, true},
    {"request_extension", false, false, true, true},
    {"approve_extension"},
    {"refuse_extension", false, false, true},
    {"cancel", false, false, true},
    {"merge", false, false, true, false, true},
}};

constexpr std::size_t kMaxText = 4000;
constexpr std::size_t kMaxCode = 40;
constexpr int kMaxWorkingDays = 3650;

[[noreturn]] void fail(const std::string& where, const std::string& why) { throw DemoError(where + ": " + why); }

template <std::size_t N>
bool known(const std::array<std::string_view, N>& names, std::string_view v) {
  return std::find(names.begin(), names.end(), v) != names.end();
}

template <std::size_t N>
std::string one_of(const std::array<std::string_view, N>& names) {
  std::string s = "must be one of ";
  for (std::size_t i = 0; i < N; ++i) s += (i ? ", " : "") + std::string(names[i]);
  return s;
}

// Rejects the keys of `o` outside `allowed`, except comments ("_…").
void only_keys(const json& o, std::initializer_list<std::string_view> allowed, const std::string& where) {
  for (const auto& [k, v] : o.items()) {
    if (k.starts_with('_')) continue;
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) fail(where + "." + k, "unknown field");
  }
}

const json* member(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string str(const json& o, const char* key, const std::string& where, bool required = true) {
  const json* v = member(o, key);
  if (v == nullptr) {
    if (required) fail(where + "." + key, "required");
    return {};
  }
  if (!v->is_string()) fail(where + "." + key, "must be a string");
  std::string s = v->get<std::string>();
  if (required && s.find_first_not_of(" \t\r\n") == std::string::npos) fail(where + "." + key, "must not be empty");
  if (s.size() > kMaxText) fail(where + "." + key, "longer than 4000 bytes");
  return s;
}

std::string checked_code(std::string c, const std::string& where) {
  if (c.size() > kMaxCode) fail(where, "an agency code is at most 40 bytes");
  for (char ch : c)
    if (static_cast<unsigned char>(ch) <= ' ') fail(where, "an agency code holds no spaces");
  return c;
}

std::string code(const json& o, const char* key, const std::string& where) {
  return checked_code(str(o, key, where), where + "." + key);
}

template <std::size_t N>
std::string name_in(const json& o, const char* key, const std::array<std::string_view, N>& names,
                    const std::string& where) {
  std::string v = str(o, key, where);
  if (!known(names, v)) fail(where + "." + key, one_of(names));
  return v;
}

calendar::Date date(const json& o, const char* key, const std::string& where) {
  std::string s = str(o, key, where);
  auto d = calendar::parse_date(s);
  if (!d || !calendar::in_range(*d)) fail(where + "." + key, "not a day YYYY-MM-DD between 1900 and 2199");
  return *d;
}

int integer(const json& o, const char* key, int lo, int hi, const std::string& where) {
  const json* v = member(o, key);
  if (v == nullptr) fail(where + "." + key, "required");
  if (!v->is_number_integer()) fail(where + "." + key, "must be a whole number");
  // Non-negative numbers parse as unsigned: compare them as such before any narrowing.
  bool too_big = v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(hi);
  if (too_big || v->get<std::int64_t>() < lo || v->get<std::int64_t>() > hi)
    fail(where + "." + key, "must be from " + std::to_string(lo) + " to " + std::to_string(hi));
  return static_cast<int>(v->get<std::int64_t>());
}

const json& array(const json& o, const char* key, const std::string& where, bool required) {
  static const json kEmpty = json::array();
  const json* v = member(o, key);
  if (v == nullptr) {
    if (required) fail(where + "." + key, "required");
    return kEmpty;
  }
  if (!v->is_array()) fail(where + "." + key, "must be an array");
  if (required && v->empty()) fail(where + "." + key, "must not be empty");
  return *v;
}

void object(const json& o, const std::string& where) {
  if (!o.is_object()) fail(where, "must be an object");
}

const ActionFields* action_fields(std::string_view action) {
  for (const auto& a : kActions)
    if (a.action == action) return &a;
  return nullptr;
}

Deadline read_deadline(const json& o, calendar::Date assigned_on, const std::string& where) {
  object(o, where);
  Deadline d;
  d.kind = str(o, "kind", where);
  if (d.kind == "date") {
    only_keys(o, {"kind", "due"}, where);
    d.due = date(o, "due", where);
    if (*d.due < assigned_on) fail(where + ".due", "before assigned_on");
  } else if (d.kind == "working_days") {
    only_keys(o, {"kind", "days"}, where);
    d.days = integer(o, "days", 1, kMaxWorkingDays, where);
  } else if (d.kind == "recurring") {
    only_keys(o, {"kind", "every", "day", "month"}, where);
    d.every = name_in(o, "every", kEvery, where);
    d.day = integer(o, "day", 1, 31, where);
    if (d.every == "year") d.month = integer(o, "month", 1, 12, where);
    else if (member(o, "month") != nullptr) fail(where + ".month", "only for a yearly report");
  } else if (d.kind == "none") {
    only_keys(o, {"kind"}, where);
  } else {
    fail(where + ".kind", "must be one of date, working_days, recurring, none");
  }
  return d;
}

Event read_event(const json& o, const std::string& where) {
  object(o, where);
  Event e;
  e.on = date(o, "on", where);
  e.action = str(o, "action", where);
  const ActionFields* f = action_fields(e.action);
  if (f == nullptr)
    fail(where + ".action", "must be one of acknowledge, report_progress, report_completion, confirm, return, "
                            "request_extension, approve_extension, refuse_extension, cancel, merge");
  std::vector<std::string_view> allowed{"on", "action"};
  if (f->text) allowed.emplace_back("text");
  if (f->percent) allowed.emplace_back("percent");
  if (f->reason) allowed.emplace_back("reason");
  if (f->new_due) allowed.emplace_back("new_due");
  if (f->into) allowed.emplace_back("into");
  for (const auto& [k, v] : o.items())
    if (!k.starts_with('_') && std::find(allowed.begin(), allowed.end(), k) == allowed.end())
      fail(where + "." + k, "not a field of " + e.action);
  if (f->text) e.text = str(o, "text", where);
  if (f->percent) e.percent = integer(o, "percent", 0, 100, where);
  if (f->reason) e.reason = str(o, "reason", where);
  if (f->new_due) e.new_due = date(o, "new_due", where);
  if (f->into) e.into = str(o, "into", where);
  return e;
}

std::vector<std::string> codes(const json& o, const std::string& lead, const std::string& where) {
  std::vector<std::string> out;
  const json& list = array(o, "coordinating", where, false);
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::string at = where + ".coordinating[" + std::to_string(i) + "]";
    if (!list[i].is_string() || list[i].get<std::string>().empty()) fail(at, "must be an agency code");
    std::string c = checked_code(list[i].get<std::string>(), at);
    if (c == lead) fail(at, "the lead body is not also a coordinating body");
    if (std::find(out.begin(), out.end(), c) != out.end()) fail(at, "named twice");
    out.push_back(std::move(c));
  }
  return out;
}

// Reads one task; `where` names the document and the task's position until its key is known.
Task read_task(const json& o, calendar::Date not_before, bool may_have_subtasks, const std::string& doc_where,
               const std::string& position, std::set<std::string>& keys) {
  object(o, doc_where + ", " + position);
  Task t;
  t.key = str(o, "key", doc_where + ", " + position);
  const std::string where = doc_where + ", task " + t.key;
  if (!keys.insert(t.key).second) fail(where + ".key", "used twice in the file");
  if (may_have_subtasks)
    only_keys(o, {"key", "content", "lead", "coordinating", "product", "priority", "assigned_on", "deadline", "events",
                  "subtasks"},
              where);
  else
    only_keys(o, {"key", "content", "lead", "coordinating", "product", "priority", "assigned_on", "deadline", "events"},
              where);
  t.content = str(o, "content", where);
  t.lead = code(o, "lead", where);
  t.coordinating = codes(o, t.lead, where);
  t.product = name_in(o, "product", kProducts, where);
  t.priority = name_in(o, "priority", kPriorities, where);
  t.assigned_on = date(o, "assigned_on", where);
  if (t.assigned_on < not_before)
    fail(where + ".assigned_on", may_have_subtasks ? "before the document was issued" : "before its parent task");
  const json* deadline = member(o, "deadline");
  if (deadline == nullptr) fail(where + ".deadline", "required");
  t.deadline = read_deadline(*deadline, t.assigned_on, where + ".deadline");
  const json& events = array(o, "events", where, false);
  for (std::size_t i = 0; i < events.size(); ++i) {
    std::string at = where + ".events[" + std::to_string(i) + "]";
    Event e = read_event(events[i], at);
    if (e.on < t.assigned_on) fail(at + ".on", "before assigned_on");
    if (!t.events.empty() && e.on < t.events.back().on) fail(at + ".on", "before the event above it");
    t.events.push_back(std::move(e));
  }
  const json& subtasks = array(o, "subtasks", where, false);
  for (std::size_t i = 0; i < subtasks.size(); ++i)
    t.subtasks.push_back(
        read_task(subtasks[i], t.assigned_on, false, doc_where, "subtasks of " + t.key + "[" + std::to_string(i) + "]",
                  keys));
  if (!t.subtasks.empty())
    for (std::size_t i = 0; i < t.events.size(); ++i)
      if (t.events[i].action == "report_progress")
        fail(where + ".events[" + std::to_string(i) + "]",
             "a task with subtasks reports no progress: it is computed from them (issue 16 §2)");
  return t;
}

Item read_item(const json& o, const Document& doc, const std::string& position, std::set<std::string>& clauses,
               std::set<std::string>& keys) {
  const std::string doc_where = "document " + doc.key;
  object(o, doc_where + ", " + position);
  only_keys(o, {"clause", "text", "tasks"}, doc_where + ", " + position);
  Item item;
  item.clause = str(o, "clause", doc_where + ", " + position);
  const std::string where = doc_where + ", clause " + item.clause;
  if (!clauses.insert(item.clause).second) fail(where, "clause used twice in the document");
  item.text = str(o, "text", where);
  const json& tasks = array(o, "tasks", where, true);
  for (std::size_t i = 0; i < tasks.size(); ++i)
    item.tasks.push_back(read_task(tasks[i], doc.issued_on, true, doc_where,
                                   "clause " + item.clause + " tasks[" + std::to_string(i) + "]", keys));
  return item;
}

Document read_document(const json& o, const std::string& position, std::set<std::string>& doc_keys,
                       std::set<std::string>& task_keys) {
  object(o, position);
  Document d;
  d.key = str(o, "key", position);
  const std::string where = "document " + d.key;
  if (!doc_keys.insert(d.key).second) fail(where + ".key", "used twice in the file");
  only_keys(o, {"key", "kind", "number", "issued_on", "issuer", "signer", "subject", "public", "items"}, where);
  d.kind = name_in(o, "kind", kDocumentKinds, where);
  d.number = str(o, "number", where);
  d.issued_on = date(o, "issued_on", where);
  d.issuer = code(o, "issuer", where);
  d.signer = str(o, "signer", where);
  d.subject = str(o, "subject", where);
  const json* pub = member(o, "public");
  if (pub == nullptr || !pub->is_boolean()) fail(where + ".public", "must be true or false");
  d.is_public = pub->get<bool>();
  const json& items = array(o, "items", where, true);
  std::set<std::string> clauses;
  for (std::size_t i = 0; i < items.size(); ++i)
    d.items.push_back(read_item(items[i], d, "items[" + std::to_string(i) + "]", clauses, task_keys));
  return d;
}

void for_each_task(const DemoFile& f, const std::function<void(const Task&)>& fn) {
  for (const auto& d : f.documents)
    for (const auto& item : d.items)
      for (const auto& t : item.tasks) {
        fn(t);
        for (const auto& s : t.subtasks) fn(s);
      }
}

// Merges point at another task of the file.
void check_merges(const DemoFile& f, const std::set<std::string>& keys) {
  for_each_task(f, [&keys](const Task& t) {
    for (std::size_t i = 0; i < t.events.size(); ++i) {
      const Event& e = t.events[i];
      if (e.action != "merge") continue;
      std::string at = "task " + t.key + ".events[" + std::to_string(i) + "].into";
      if (e.into == t.key) fail(at, "a task is not merged into itself");
      if (!keys.contains(e.into)) fail(at, "no task " + e.into + " in the file");
    }
  });
}

DemoFile parse_checked(std::string_view text) {
  json root = json::parse(text, nullptr, false);
  if (root.is_discarded()) fail("file", "not valid JSON (UTF-8)");
  object(root, "file");
  only_keys(root, {"documents"}, "file");
  DemoFile f;
  f.note = str(root, "_note", "file", false);
  const json& documents = array(root, "documents", "file", true);
  std::set<std::string> doc_keys;
  std::set<std::string> task_keys;
  for (std::size_t i = 0; i < documents.size(); ++i)
    f.documents.push_back(read_document(documents[i], "documents[" + std::to_string(i) + "]", doc_keys, task_keys));
  check_merges(f, task_keys);
  return f;
}

// The due day a new extension must pass: the date deadline (or the last approved extension),
// else the request day itself.
calendar::Date extension_floor(const Task& t, const std::optional<calendar::Date>& approved, calendar::Date on) {
  if (approved) return *approved;
  if (t.deadline.due) return *t.deadline.due;
  return on;
}

}  // namespace

DemoFile parse(std::string_view text) {
  try {
    return parse_checked(text);
  } catch (const DemoError&) {
    throw;
  } catch (const std::exception&) {
    // nlohmann's type and range errors, allocation failures: the file is unusable either way.
    throw DemoError("file: cannot be read");
  }
}

std::string replay(const Task& t) {
  std::string state = "assigned";
  std::optional<calendar::Date> pending;   // the requested day of a pending extension
  std::optional<calendar::Date> approved;  // the last approved extension
  auto final_state = [](const std::string& s) { return s == "done" || s == "cancelled" || s == "merged"; };
  for (std::size_t i = 0; i < t.events.size(); ++i) {
    const Event& e = t.events[i];
    const std::string at = "task " + t.key + ".events[" + std::to_string(i) + "] (" + e.action + ")";
    auto from = [&](std::initializer_list<std::string_view> states) {
      if (std::find(states.begin(), states.end(), state) == states.end()) fail(at, "not allowed from " + state);
    };
    if (e.action == "acknowledge") {
      from({"assigned"});
      state = "acknowledged";
    } else if (e.action == "report_progress") {
      from({"acknowledged"});
    } else if (e.action == "report_completion") {
      from({"acknowledged"});
      state = "completion_reported";
    } else if (e.action == "confirm") {
      from({"completion_reported"});
      state = "done";
    } else if (e.action == "return") {
      from({"completion_reported"});
      state = "acknowledged";
    } else if (e.action == "request_extension") {
      from({"assigned", "acknowledged"});
      if (pending) fail(at, "an extension request is already pending");
      if (t.deadline.kind != "date" && t.deadline.kind != "working_days")
        fail(at, "a " + t.deadline.kind + " deadline has no due day to extend");
      if (!e.new_due || *e.new_due <= extension_floor(t, approved, e.on))
        fail(at, "new_due is not after the due day in force");
      pending = e.new_due;
    } else if (e.action == "approve_extension" || e.action == "refuse_extension") {
      if (final_state(state)) fail(at, "not allowed from " + state);
      if (!pending) fail(at, "no extension request is pending");
      if (e.action == "approve_extension") approved = pending;
      pending.reset();
    } else if (e.action == "cancel" || e.action == "merge") {
      if (final_state(state)) fail(at, "not allowed from " + state);
      state = e.action == "cancel" ? "cancelled" : "merged";
    } else {
      fail(at, "unknown action");
    }
  }
  return state;
}

void replay_all(const DemoFile& f) {
  for_each_task(f, [](const Task& t) { (void)replay(t); });
}

}  // namespace tinhso::tasks::demo
