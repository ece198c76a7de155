// One task's page and its steps (issue 16 §2–§3), and a body's view of its tasks (§7). Every step
// is one POST form with the version the viewer saw: the transition table and the actor's part
// (permissions.h part_for) decide whether it is offered and accepted; usecases.h apply writes it
// with its event and audit record in one transaction. A version that moved on is a 409 page; a
// refused input shows the page again with the problem at its field (422).
#include <algorithm>
#include <map>

#include "core/auth/guard.h"
#include "core/document/files.h"
#include "core/http/errors.h"
#include "core/web/fields.h"
#include "core/web/form_errors.h"
#include "core/web/routes.h"
#include "modules/audit/api.h"
#include "modules/tasks/pages_work.h"
#include "modules/tasks/pages_work_form.h"
#include "modules/tasks/permissions.h"
#include "modules/tasks/store.h"
#include "modules/tasks/usecases.h"

namespace tinhso::tasks::work {

namespace {

using auth::Role;
using http::Request;
using http::Response;
using web::field;

[[noreturn]] void not_found() { throw http::Error(http::ErrorKind::not_found, "no such task"); }

std::string task_url(std::int64_t id) { return "/tasks/" + std::to_string(id); }

// What the page shows besides the task (8 statements with find_task's two).
struct Loaded {
  bool found = false;
  Task task;
  std::optional<ItemWithDocument> item;
  std::vector<directory::AgencyRef> agencies;
  std::vector<DeadlineVersion> versions;
  std::vector<Event> events;
  std::optional<ExtensionRequest> pending;
  std::vector<TaskRow> item_rows;  // the item's tasks: sub-tasks and progress
  std::vector<ReportFile> files;
};

// The item and document of task `id`, read off its row among its item's tasks.
std::optional<ItemWithDocument> item_of(const std::vector<TaskRow>& rows, std::int64_t id) {
  for (const TaskRow& r : rows) {
    if (r.id != id) continue;
    ItemWithDocument out;
    out.item.id = r.item_id;
    out.item.document_id = r.document_id;
    out.item.seq = r.item_seq;
    out.item.clause = r.clause;
    out.item.text = r.item_text;
    out.document.id = r.document_id;
    out.document.number = r.document;
    out.document.subject = r.document_subject;
    out.document.issuer_agency_id = r.issuer_agency_id;
    return out;
  }
  return std::nullopt;
}

Loaded load(app::Context& ctx, const auth::Principal& p, std::int64_t id) {
  Loaded l = ctx.db.with_session([&](soci::session& s) {
    Loaded out;
    auto found = find_task(s, id);
    if (!found) return out;
    out.found = true;
    out.task = *found;
    if (!may_view(p, out.task)) return out;
    out.agencies = directory::all_agencies(s);
    out.versions = deadline_versions(s, id);
    out.events = events(s, id);
    out.pending = pending_extension(s, id);
    out.item_rows = item_tasks(s, out.task.item_id);
    out.item = item_of(out.item_rows, id);  // from the same rows: the page stays within 10 statements
    out.files = report_files(s, id);
    return out;
  });
  if (!l.found) not_found();
  auth::require(may_view(p, l.task), "see a task of another body");
  return l;
}

// The progress of `id` over the item's tasks (rules.h progress: computed for a parent).
ProgressNode progress_node(const std::multimap<std::int64_t, const TaskRow*>& kids, const TaskRow& r, int depth) {
  ProgressNode n;
  n.reported = r.percent;
  n.done = r.state == State::done;
  n.closed = r.state == State::cancelled || r.state == State::merged;
  if (depth < 8) {
    auto [b, e] = kids.equal_range(r.id);
    for (auto it = b; it != e; ++it) n.children.push_back(progress_node(kids, *it->second, depth + 1));
  }
  return n;
}

// What a step's form held when it was refused, shown again in that form.
struct ActForm {
  std::string action, reason, text, percent, new_due, into;
  std::string on;  // the day the step counts for (issue 16 §4: a step recorded afterwards); empty: today
};

std::string deadline_text(const View& v, const Task& t) {
  const Deadline& d = t.deadline;
  switch (d.kind) {
    case DeadlineKind::date: return v.f("tasks.work.deadline.date", {{"due", v.date(t.original_due)}});
    case DeadlineKind::working_days:
      return v.f("tasks.work.deadline.working_days", {{"days", std::to_string(d.days)}, {"due", v.date(t.original_due)}});
    case DeadlineKind::recurring:
      if (d.every == Every::year)
        return v.f("tasks.work.deadline.recurring_year",
                   {{"day", std::to_string(d.day)}, {"month", std::to_string(d.month)}});
      return v.f(d.every == Every::month ? "tasks.work.deadline.recurring_month" : "tasks.work.deadline.recurring_quarter",
                 {{"day", std::to_string(d.day)}});
    case DeadlineKind::none: return v.t("tasks.work.deadline.none");
  }
  return "";
}

mstch::array action_forms(const View& v, const auth::Principal& p, const Loaded& l, const ActForm& kept) {
  const Task& t = l.task;
  mstch::array out;
  for (Action a : kAllActions) {
    if (!part_for(p, t, a)) continue;
    // The table allows approve/refuse whenever it is the assigner's turn; offer them only with a
    // request waiting, and a request only without one.
    const bool pending = l.pending.has_value();
    if ((a == Action::approve_extension || a == Action::refuse_extension) && !pending) continue;
    if (a == Action::request_extension && (pending || t.due.empty())) continue;
    if (a == Action::report_progress && std::any_of(l.item_rows.begin(), l.item_rows.end(),
                                                    [&](const TaskRow& r) { return r.parent_id == t.id; }))
      continue;  // a parent's progress is computed from its sub-tasks
    const std::string code(action_code(a));
    const unsigned need = needs(a);
    const bool failed = kept.action == code;
    mstch::map f{{"code", code},
                 {"id", "act-" + code},
                 {"label", action_label(v, code)},
                 {"help", v.t("tasks.work.help." + code)},
                 {"needs_reason", (need & kNeedReason) != 0},
                 {"needs_text", (need & kNeedText) != 0},
                 {"needs_percent", (need & kNeedPercent) != 0},
                 {"needs_new_due", (need & kNeedNewDue) != 0},
                 {"needs_into", (need & kNeedInto) != 0},
                 {"text_label", v.t(a == Action::report_completion ? "tasks.work.field.product_text" : "tasks.work.field.text")},
                 {"failed", failed},
                 {"version", std::to_string(t.version)}};
    if (failed) {
      f["reason"] = kept.reason;
      f["text"] = kept.text;
      f["percent"] = kept.percent;
      f["new_due"] = kept.new_due;
      f["into"] = kept.into;
      f["on"] = kept.on;
    } else if (a == Action::report_progress) {
      f["percent"] = std::to_string(t.percent);
    }
    out.push_back(f);
  }
  return out;
}

web::FieldRefs act_fields(const std::string& code) {
  return {{"reason", {"f-" + code + "-reason", "tasks.work.field.reason"}},
          {"text", {"f-" + code + "-text", "tasks.work.field.text"}},
          {"percent", {"f-" + code + "-percent", "tasks.work.field.percent"}},
          {"new_due", {"f-" + code + "-new_due", "tasks.work.field.new_due"}},
          {"into", {"f-" + code + "-into", "tasks.work.field.into"}},
          {"on", {"f-" + code + "-on", "tasks.work.field.on"}},
          {"file", {"f-" + code + "-file", "tasks.work.field.file"}}};
}

Response task_page(app::Context& ctx, const Request& req, const auth::Principal& p, const Loaded& l,
                   const ActForm& kept, const std::vector<web::FieldProblem>& problems, const TaskForm* split,
                   int status) {
  View v{ctx, req};
  const Task& t = l.task;
  auto names = agency_names(l.agencies);
  // Sub-tasks and the computed progress.
  std::multimap<std::int64_t, const TaskRow*> kids;
  const TaskRow* self = nullptr;
  for (const TaskRow& r : l.item_rows) {
    if (r.parent_id) kids.emplace(r.parent_id, &r);
    if (r.id == t.id) self = &r;
  }
  mstch::array subtasks;
  auto [kb, ke] = kids.equal_range(t.id);
  for (auto it = kb; it != ke; ++it) {
    const TaskRow& r = *it->second;
    subtasks.push_back(mstch::map{{"url", task_url(r.id)},
                                  {"content", r.content},
                                  {"lead", names[r.lead_agency_id]},
                                  {"state", state_label(v, r.state)},
                                  {"state_tag", state_tag(r.state)},
                                  {"percent", std::to_string(progress(progress_node(kids, r, 0)))},
                                  {"due", r.due.empty() ? v.t("tasks.work.no_due") : v.date(r.due)}});
  }
  const int percent = self ? progress(progress_node(kids, *self, 0)) : t.percent;
  mstch::array coordinators;
  for (auto id : t.coordinators) coordinators.push_back(mstch::map{{"name", names[id]}});
  mstch::array versions;
  for (const auto& dv : l.versions)
    versions.push_back(mstch::map{{"number", std::to_string(dv.number)},
                                  {"due", v.date(calendar::format_date(dv.due))},
                                  {"approved_on", v.date(calendar::format_date(dv.approved_on))},
                                  {"original", dv.number == 0}});
  mstch::array history;
  for (const auto& e : l.events)
    history.push_back(mstch::map{{"on", v.date(e.on_day)},
                                 {"at", v.time(e.at)},
                                 {"action", action_label(v, e.action)},
                                 {"part", part_label(v, e.part)},
                                 {"state", e.to_state.empty() ? std::string() : v.t("tasks.work.state." + e.to_state)},
                                 {"note", e.note}});
  mstch::array files;
  for (const auto& f : l.files)
    files.push_back(mstch::map{{"url", task_url(t.id) + "/files/" + std::to_string(f.id)},
                               {"name", f.file_name},
                               {"on", v.date(f.on_day)},
                               {"action", action_label(v, f.action)},
                               {"size", std::to_string((f.size + 1023) / 1024)}});
  std::string done = web::query(req, "done");
  const bool done_known = parse_action(done).has_value() || done == "assign" || done == "split";
  const bool leads_doc = l.item && may_assign(p, l.item->document.issuer_agency_id);
  mstch::map c{{"title", v.f("tasks.work.task.title", {{"id", std::to_string(t.id)}})},
               {"task_id", std::to_string(t.id)},
               {"done", done_known && problems.empty() ? v.f("tasks.work.done", {{"action", action_label(v, done)}})
                                                       : std::string()},
               {"content", t.content},
               {"state", state_label(v, t.state)},
               {"state_tag", state_tag(t.state)},
               {"lead", names[t.lead_agency_id]},
               {"assigner", names[t.assigner_agency_id]},
               {"coordinators", coordinators},
               {"has_coordinators", !coordinators.empty()},
               {"product", product_label(v, t.product)},
               {"priority", priority_label(v, t.priority)},
               {"assigned_on", v.date(t.assigned_on)},
               {"deadline", deadline_text(v, t)},
               {"due", t.due.empty() ? v.t("tasks.work.no_due") : v.date(t.due)},
               {"versions", versions},
               {"has_versions", !versions.empty()},
               {"percent", std::to_string(percent)},
               {"computed", kb != ke},
               {"subtasks", subtasks},
               {"has_subtasks", !subtasks.empty()},
               {"history", history},
               {"files", files},
               {"has_files", !files.empty()},
               {"actions", action_forms(v, p, l, kept)},
               {"version", std::to_string(t.version)}};
  if (t.parent_id) c["parent_url"] = task_url(t.parent_id);
  // The lead body's officers find their body's view from here (the agency leader's menu is full).
  const auto parts = parts_of(p, t);
  c["our_tasks"] = p.agency_id && std::find(parts.begin(), parts.end(), Part::lead) != parts.end();
  if (t.merged_into) c["merged_url"] = task_url(t.merged_into);
  if (l.item) {
    c["document"] = l.item->document.number;
    c["document_subject"] = l.item->document.subject;
    c["clause"] = l.item->item.clause;
    c["item_text"] = l.item->item.text;
    if (leads_doc) c["document_url"] = "/tasks/documents/" + std::to_string(l.item->document.id);
  }
  if (l.pending)
    c["pending"] = mstch::map{{"new_due", v.date(l.pending->new_due)},
                              {"requested_on", v.date(l.pending->requested_on)},
                              {"reason", l.pending->reason}};
  if (may_split(p, t)) {
    TaskForm f;
    if (split) f = *split;
    f.assigned_on = today_text(ctx);
    mstch::map sf{{"action", task_url(t.id) + "/subtasks"}, {"submit", v.t("tasks.work.split.submit")}};
    put_task_form(sf, v, f, l.agencies, false);
    c["split"] = sf;
  }
  if (split)
    web::put_field_errors(c, v, problems, kTaskFields);
  else
    web::put_field_errors(c, v, problems, act_fields(kept.action));
  return ctx.pages.render(req, "tasks_work_task", std::move(c), status);
}

Response show(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  Loaded l = load(ctx, p, web::path_id(req));
  return task_page(ctx, req, p, l, {}, {}, nullptr, 200);
}

Response conflict_page(app::Context& ctx, const Request& req, std::int64_t id) {
  View v{ctx, req};
  mstch::map c{{"title", v.t("tasks.work.conflict.title")}, {"url", task_url(id)}};
  return ctx.pages.render(req, "tasks_work_conflict", std::move(c), 409);
}

// The field a refusal or an error of `apply` belongs to.
std::string act_error_field(Error e, Refusal r) {
  if (e == Error::refused) switch (r) {
      case Refusal::reason_required: return "reason";
      case Refusal::text_required: return "text";
      case Refusal::percent_invalid: return "percent";
      case Refusal::new_due_required:
      case Refusal::no_due_to_extend:
      case Refusal::new_due_not_later: return "new_due";
      case Refusal::into_required: return "into";
      default: return "";
    }
  switch (e) {
    case Error::bad_date: return "new_due";  // `on` is checked before the step (act)
    case Error::day_in_future:
    case Error::day_out_of_order: return "on";
    case Error::merge_target: return "into";
    case Error::parent_progress: return "percent";
    default: return "";
  }
}

// A report's file (issue 16 §3): at most one, PDF, JPEG or PNG by its content, like petitions'
// attachments (core/document/files.h).
constexpr std::uint64_t kMaxReportFileBytes = 5u << 20;
constexpr http::RouteOptions kReportUpload{.multipart = true,
                                           .uploads = {.max_file_bytes = kMaxReportFileBytes + (1u << 20),
                                                       .max_total_bytes = 2 * kMaxReportFileBytes + (1u << 20),
                                                       .max_field_bytes = 64u << 10,
                                                       .max_files = 2}};

struct Upload {
  std::string name, content_type, bytes;
};

// The file sent with a report, nullopt when none; a problem for a second file, a file over the cap
// or of another type.
std::optional<Upload> read_upload(app::Context& ctx, const Request& req, std::vector<web::FieldProblem>& problems) {
  std::vector<const http::UploadedFile*> sent;
  for (const auto& f : req.files)
    if (f.size > 0) sent.push_back(&f);
  if (sent.empty()) return std::nullopt;
  if (sent.size() > 1) {
    problems.push_back({"file", "tasks.work.error.file_count"});
    return std::nullopt;
  }
  const http::UploadedFile& f = *sent.front();
  if (f.size > kMaxReportFileBytes) {
    problems.push_back({"file", "tasks.work.error.file_size"});
    return std::nullopt;
  }
  std::string bytes = ctx.files.read(f.path, kMaxReportFileBytes);
  auto type = document::sniff_type(bytes);
  if (!type) {
    problems.push_back({"file", "tasks.work.error.file_type"});
    return std::nullopt;
  }
  return Upload{document::display_name(f.filename, *type), std::string(document::content_type_of(*type)),
                std::move(bytes)};
}

bool takes_file(Action a) { return a == Action::report_progress || a == Action::report_completion; }

Response act(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  const std::int64_t id = web::path_id(req);
  ActForm f{field(req, "action"), field(req, "reason"), field(req, "text"), field(req, "percent"),
            field(req, "new_due"), field(req, "into"), field(req, "on")};
  auto action = parse_action(f.action);
  if (!action) throw http::Error(http::ErrorKind::bad_request, "bad task action", "tasks.work.error.bad_action");
  auto version = parse_int(field(req, "version"));
  if (!version) throw http::Error(http::ErrorKind::bad_request, "bad task version", "tasks.work.error.bad_version");
  auto into = web::optional_id(f.into);
  Loaded l = load(ctx, p, id);
  if (*version != l.task.version) return conflict_page(ctx, req, id);
  auto part = part_for(p, l.task, *action);
  auth::require(part.has_value(), "take this step on the task");
  ApplyInput in;
  in.task_id = id;
  in.version = *version;
  in.action = *action;
  in.part = part.value_or(Part::lead);
  in.actor_id = p.account_id;
  in.reason = f.reason;
  in.text = f.text;
  in.percent = parse_int(f.percent);
  in.new_due = f.new_due;
  in.into = into.value_or(0);
  in.on = f.on;
  std::vector<web::FieldProblem> file_problems;
  if (!f.on.empty() && !calendar::parse_date(f.on)) file_problems.push_back({"on", "tasks.work.error.bad_date"});
  std::optional<Upload> upload;
  if (takes_file(*action) && file_problems.empty()) upload = read_upload(ctx, req, file_problems);
  if (!file_problems.empty()) return task_page(ctx, req, p, l, f, file_problems, nullptr, 422);
  const auto cal = ctx.calendar.current();
  const auto rec = audit::for_request(ctx, req);
  TaskResult r = ctx.db.transaction([&](soci::session& s) {
    const Env env{s, ctx.clock, *cal, rec};
    TaskResult out = apply(env, in);
    // The file is part of the step: stored in its transaction, or not at all.
    if (out.ok() && upload) {
      ReportFile rf;
      rf.task_id = id;
      rf.action = std::string(action_code(in.action));
      rf.on_day = in.on.empty() ? today_text(ctx) : in.on;
      rf.file_name = upload->name;
      rf.content_type = upload->content_type;
      rf.size = static_cast<std::int64_t>(upload->bytes.size());
      rf.sha256 = document::sha256_hex(upload->bytes);
      rf.created_at = auth::iso_utc(ctx.clock.now());
      rf.created_by = p.account_id;
      insert_report_file(s, rf, document::to_base64(upload->bytes));
    }
    return out;
  });
  if (r.error == Error::not_found) not_found();
  if (r.error == Error::stale) return conflict_page(ctx, req, id);
  if (!r.ok()) {
    const std::string msg = r.error == Error::refused ? refusal_message_id(r.refusal) : error_message_id(r.error);
    return task_page(ctx, req, p, load(ctx, p, id), f, {{act_error_field(r.error, r.refusal), msg}}, nullptr, 422);
  }
  const std::string done = "?done=" + std::string(action_code(*action));
  if (field(req, "back") == "mine") return Response::redirect("/tasks/mine" + done);
  return Response::redirect(task_url(id) + done);
}

Response split(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  const std::int64_t id = web::path_id(req);
  Loaded l = load(ctx, p, id);
  auth::require(may_split(p, l.task), "split the task");
  TaskForm f = read_task_form(req, l.agencies);
  std::vector<web::FieldProblem> problems;
  auto in = task_of_form(f, problems);
  if (!in) return task_page(ctx, req, p, l, {}, problems, &f, 422);
  in->parent_id = id;
  in->item_id = l.task.item_id;
  in->assigned_on = today_text(ctx);
  in->assigned_by = p.account_id;
  const auto cal = ctx.calendar.current();
  const auto rec = audit::for_request(ctx, req);
  TaskResult r = ctx.db.transaction([&](soci::session& s) {
    const Env env{s, ctx.clock, *cal, rec};
    return assign(env, *in);
  });
  if (r.error == Error::not_found) not_found();
  if (!r.ok()) return task_page(ctx, req, p, l, {}, {{assign_error_field(r.error), error_message_id(r.error)}}, &f, 422);
  return Response::redirect(task_url(r.task.id) + "?done=split");
}

Response send_file(const ReportFile& meta, const std::string& content) {
  auto bytes = document::from_base64(content);
  if (!bytes) throw http::Error(http::ErrorKind::internal, "task report file " + std::to_string(meta.id) + " unreadable");
  Response r = Response::text(std::move(*bytes), meta.content_type);
  r.headers.set("Content-Disposition", document::attachment_disposition(meta.file_name));
  r.headers.set("Cache-Control", "private, no-store");
  return r;
}

Response download(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  const std::int64_t id = web::path_id(req);
  const std::int64_t file_id = web::path_id(req, "file");
  struct Found {
    bool task = false, visible = false;
    std::optional<std::pair<ReportFile, std::string>> file;
  };
  Found found = ctx.db.with_session([&](soci::session& s) {
    Found out;
    auto t = find_task(s, id);
    if (!t) return out;
    out.task = true;
    out.visible = may_view(p, *t);
    if (out.visible) out.file = load_report_file(s, id, file_id);
    return out;
  });
  if (!found.task) not_found();
  auth::require(found.visible, "a task's file");
  if (found.file) return send_file(found.file->first, found.file->second);
  not_found();
}

// ---- a body's view (§7) ----

// The first day of the reporting month `day` falls in: the 15th of this month from the 15th on,
// else the 15th of the month before (LEADERS.md §1: monthly figures run from the 15th of one
// month to the 14th of the next).
calendar::Date period_start(calendar::Date day) {
  int y = calendar::year_of(day);
  unsigned m = calendar::month_of(day);
  if (calendar::day_of(day) >= 15) return calendar::make_date(y, m, 15);
  if (m == 1) return calendar::make_date(y - 1, 12, 15);
  return calendar::make_date(y, m - 1, 15);
}

constexpr int kDueSoonDays = 7;

Response mine(app::Context& ctx, const Request& req) {
  const auto& p = auth::require_login(req);
  auth::require(p.agency_id && (p.has(Role::agency_leader) || p.has(Role::specialist)), "a body's tasks");
  const std::int64_t agency = p.agency_id.value_or(0);
  View v{ctx, req};
  struct Mine {
    std::vector<TaskRow> rows, coordinated;
    std::optional<directory::AgencyName> name;
  };
  Mine m = ctx.db.with_session([&](soci::session& s) {
    return Mine{agency_open_tasks(s, agency), agency_coordinated_tasks(s, agency), directory::agency_name(s, agency)};
  });
  const calendar::Date day = today(ctx);
  const std::string today_s = calendar::format_date(day);
  const std::string soon = calendar::format_date(day + std::chrono::days{kDueSoonDays});
  const std::string since = calendar::format_date(period_start(day));
  mstch::array overdue, due_soon, waiting, other;
  for (const TaskRow& r : m.rows) {
    mstch::map row{{"url", task_url(r.id)},
                   {"content", r.content},
                   {"document", r.document},
                   {"state", state_label(v, r.state)},
                   {"state_tag", state_tag(r.state)},
                   {"percent", std::to_string(r.percent)},
                   {"due", r.due.empty() ? v.t("tasks.work.no_due") : v.date(r.due)},
                   {"last_report", r.last_report.empty() ? v.t("tasks.work.mine.never") : v.date(r.last_report)},
                   {"version", std::to_string(r.version)},
                   {"id", std::to_string(r.id)}};
    // Officers report from here: progress on an acknowledged task of our own (not a parent's,
    // which is computed; the task page says so).
    const bool reportable = r.state == State::acknowledged;
    row["reportable"] = reportable;
    row["report_label"] = v.f("tasks.work.mine.report_label", {{"id", std::to_string(r.id)}});
    if (!r.due.empty() && r.due < today_s && r.state != State::completion_reported)
      overdue.push_back(row);
    else if (!r.due.empty() && r.due <= soon && r.state != State::completion_reported)
      due_soon.push_back(row);
    else if (r.state == State::assigned || (reportable && r.last_report < since))
      waiting.push_back(row);
    else
      other.push_back(row);
  }
  auto section = [&](const std::string& key, mstch::array rows) {
    const bool empty = rows.empty();
    return mstch::map{{"id", "s-" + key},
                      {"heading", v.f("tasks.work.mine." + key, {{"count", std::to_string(rows.size())}})},
                      {"rows", std::move(rows)},
                      {"empty", empty}};
  };
  // The tasks we coordinate: seen, not reported on (the lead body reports, workflow.h).
  mstch::array coordinated;
  for (const TaskRow& r : m.coordinated)
    coordinated.push_back(mstch::map{{"url", task_url(r.id)},
                                     {"content", r.content},
                                     {"document", r.document},
                                     {"state", state_label(v, r.state)},
                                     {"state_tag", state_tag(r.state)},
                                     {"percent", std::to_string(r.percent)},
                                     {"due", r.due.empty() ? v.t("tasks.work.no_due") : v.date(r.due)},
                                     {"last_report", r.last_report.empty() ? v.t("tasks.work.mine.never") : v.date(r.last_report)},
                                     {"reportable", false},
                                     {"id", std::to_string(r.id)}});
  mstch::array sections{section("overdue", std::move(overdue)), section("due_soon", std::move(due_soon)),
                        section("waiting", std::move(waiting)), section("other", std::move(other)),
                        section("coordinated", std::move(coordinated))};
  std::string done = web::query(req, "done");
  mstch::map c{{"title", v.f("tasks.work.mine.title", {{"agency", m.name ? m.name->name : std::string()}})},
               {"intro", v.f("tasks.work.mine.intro", {{"since", v.date(since)}, {"days", std::to_string(kDueSoonDays)}})},
               {"done", parse_action(done) ? v.f("tasks.work.done", {{"action", action_label(v, done)}}) : std::string()},
               {"sections", sections}};
  return ctx.pages.render(req, "tasks_work_mine", std::move(c));
}

}  // namespace

void add_task_routes(web::Routes& on) {
  on.add("GET", "/tasks/mine", mine);
  on.add("GET", "/tasks/{id}", show);
  on.add("POST", "/tasks/{id}/act", act, kReportUpload);
  on.add("GET", "/tasks/{id}/files/{file}", download);
  on.add("POST", "/tasks/{id}/subtasks", split);
}

}  // namespace tinhso::tasks::work
