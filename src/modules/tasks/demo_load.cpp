#include "modules/tasks/demo_load.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/util/embedded.h"
#include "modules/audit/api.h"
#include "modules/directory/api.h"
#include "modules/tasks/store.h"

namespace tinhso {
const std::vector<EmbeddedFile>& embedded_tasks_data();
}

namespace tinhso::tasks {

namespace {

std::int64_t agency(soci::session& s, const std::string& code, const std::string& where) {
  auto id = directory::agency_id_by_code(s, code);
  if (!id) throw std::runtime_error("tasks demo: " + where + ": no agency " + code);
  return *id;
}

Deadline deadline_of(const demo::Deadline& d) {
  Deadline out;
  out.kind = parse_deadline_kind(d.kind).value_or(DeadlineKind::none);
  out.due = d.due;
  out.days = d.days;
  out.every = parse_every(d.every).value_or(Every::month);
  out.day = d.day;
  out.month = d.month;
  return out;
}

struct Loader {
  const Env& env;
  Date today;
  std::map<std::string, Task> by_key;  // the file's task keys → the task as stored now
  struct Pending {
    Date on;
    std::size_t order;  // file order, for steps of one day
    std::string key;
    const demo::Event* event;
  };
  std::vector<Pending> steps;

  void assign_task(const demo::Task& d, std::int64_t item, std::int64_t assigner, std::int64_t parent) {
    if (d.assigned_on > today) return;
    Task t;
    t.item_id = item;
    t.parent_id = parent;
    t.content = d.content;
    t.lead_agency_id = agency(env.s, d.lead, "task " + d.key);
    t.assigner_agency_id = assigner;
    for (const auto& c : d.coordinating) t.coordinators.push_back(agency(env.s, c, "task " + d.key));
    t.product = parse_product(d.product).value_or(Product::other);
    t.priority = parse_priority(d.priority).value_or(Priority::normal);
    t.assigned_on = calendar::format_date(d.assigned_on);
    t.deadline = deadline_of(d.deadline);
    TaskResult r = assign(env, t);
    if (!r.ok()) throw std::runtime_error("tasks demo: task " + d.key + ": " + std::string(error_code(r.error)));
    by_key[d.key] = r.task;
    for (const auto& e : d.events)
      if (e.on <= today) steps.push_back({e.on, steps.size(), d.key, &e});
    for (const auto& sub : d.subtasks) assign_task(sub, item, assigner, r.task.id);
  }

  // The part of the table's row for (the task's state, action).
  static std::optional<Part> part_for_step(State from, Action a) {
    for (const auto& row : transitions())
      if (row.from == from && row.action == a) return row.part;
    return std::nullopt;
  }

  void apply_step(const Pending& p) {
    Task& t = by_key.at(p.key);
    const demo::Event& e = *p.event;
    const std::string where = "task " + p.key + ", " + e.action + " on " + calendar::format_date(e.on);
    auto action = parse_action(e.action);
    auto part = action ? part_for_step(t.state, *action) : std::nullopt;
    if (!action || !part) throw std::runtime_error("tasks demo: " + where + ": not a step from " + std::string(state_code(t.state)));
    ApplyInput in;
    in.task_id = t.id;
    in.version = t.version;
    in.action = *action;
    in.part = *part;
    in.on = calendar::format_date(e.on);
    in.reason = e.reason;
    in.text = e.text;
    in.percent = e.percent;
    if (e.new_due) in.new_due = calendar::format_date(*e.new_due);
    if (!e.into.empty()) {
      auto into = by_key.find(e.into);
      if (into == by_key.end()) throw std::runtime_error("tasks demo: " + where + ": no task " + e.into);
      in.into = into->second.id;
    }
    TaskResult r = apply(env, in);
    if (!r.ok())
      throw std::runtime_error("tasks demo: " + where + ": " + std::string(error_code(r.error)) + " " +
                               std::string(refusal_code(r.refusal)));
    t = r.task;
  }
};

}  // namespace

void load_demo_file(const Env& env, const demo::DemoFile& file) {
  Loader l{env, calendar::to_local(env.clock.now()).day, {}, {}};
  for (const auto& d : file.documents) {
    if (d.issued_on > l.today) continue;
    DocumentInput in;
    in.document.kind = parse_document_kind(d.kind).value_or(DocumentKind::official_letter);
    in.document.number = d.number;
    in.document.issued_on = calendar::format_date(d.issued_on);
    in.document.issuer_agency_id = agency(env.s, d.issuer, "document " + d.key);
    in.document.signer = d.signer;
    in.document.subject = d.subject;
    in.document.is_public = d.is_public;
    for (const auto& it : d.items) in.items.push_back({0, 0, 0, it.clause, it.text});
    DocumentResult r = create_document(env, in);
    if (!r.ok()) throw std::runtime_error("tasks demo: document " + d.key + ": " + std::string(error_code(r.error)));
    for (std::size_t i = 0; i < d.items.size(); ++i)
      for (const auto& t : d.items[i].tasks) l.assign_task(t, r.items[i].id, r.document.issuer_agency_id, 0);
  }
  std::stable_sort(l.steps.begin(), l.steps.end(), [](const auto& a, const auto& b) { return a.on < b.on; });
  for (const auto& p : l.steps) l.apply_step(p);
}

void load_demo(app::Context& ctx) {
  const bool any = ctx.db.with_session([](soci::session& s) {
    long long n = 0;
    s << "SELECT COUNT(*) FROM task_documents", soci::into(n);
    return n > 0;
  });
  if (any) return;
  const auto& files = embedded_tasks_data();
  auto it = std::find_if(files.begin(), files.end(), [](const EmbeddedFile& f) { return f.path == "tasks/demo.json"; });
  if (it == files.end()) throw std::logic_error("data/tasks/demo.json is not embedded");
  const demo::DemoFile file = demo::parse(it->data);
  const auto calendar = ctx.calendar.current();
  const auto rec = audit::for_system(ctx.db.dialect(), ctx.clock, "demo");
  ctx.db.transaction([&](soci::session& s) {
    const Env env{s, ctx.clock, *calendar, rec};
    load_demo_file(env, file);
  });
}

}  // namespace tinhso::tasks
