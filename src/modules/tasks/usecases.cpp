#include "modules/tasks/usecases.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "core/document/files.h"
#include "core/util/codes.h"
#include "modules/tasks/store.h"
#include "modules/tasks/store_board.h"

namespace tinhso::tasks {

namespace {

constexpr std::array kErrors{
    std::pair{Error::none, std::string_view("none")},
    std::pair{Error::not_found, std::string_view("not_found")},
    std::pair{Error::stale, std::string_view("stale")},
    std::pair{Error::refused, std::string_view("refused")},
    std::pair{Error::number_required, std::string_view("number_required")},
    std::pair{Error::subject_required, std::string_view("subject_required")},
    std::pair{Error::bad_date, std::string_view("bad_date")},
    std::pair{Error::day_in_future, std::string_view("day_in_future")},
    std::pair{Error::day_out_of_order, std::string_view("day_out_of_order")},
    std::pair{Error::unknown_agency, std::string_view("unknown_agency")},
    std::pair{Error::duplicate_document, std::string_view("duplicate_document")},
    std::pair{Error::items_required, std::string_view("items_required")},
    std::pair{Error::item_text_required, std::string_view("item_text_required")},
    std::pair{Error::content_required, std::string_view("content_required")},
    std::pair{Error::bad_deadline, std::string_view("bad_deadline")},
    std::pair{Error::due_before_assignment, std::string_view("due_before_assignment")},
    std::pair{Error::assigned_before_issue, std::string_view("assigned_before_issue")},
    std::pair{Error::coordinator_is_lead, std::string_view("coordinator_is_lead")},
    std::pair{Error::parent_closed, std::string_view("parent_closed")},
    std::pair{Error::parent_progress, std::string_view("parent_progress")},
    std::pair{Error::merge_target, std::string_view("merge_target")},
    std::pair{Error::signed_file_type, std::string_view("signed_file_type")},
    std::pair{Error::signed_file_size, std::string_view("signed_file_size")},
};

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

Date today(const Env& env) { return calendar::to_local(env.clock.now()).day; }
std::string now_text(const Env& env) { return auth::iso_utc(env.clock.now()); }

// A day in the calendar's range, or nullopt.
std::optional<Date> checked_day(const std::string& s) {
  auto d = calendar::parse_date(s);
  if (!d || !calendar::in_range(*d)) return std::nullopt;
  return d;
}

std::string task_summary(const Task& t) {
  std::string out = "state:" + std::string(state_code(t.state)) + " lead:" + std::to_string(t.lead_agency_id);
  if (!t.due.empty()) out += " due:" + t.due;
  out += " percent:" + std::to_string(t.percent) + " version:" + std::to_string(t.version);
  return out;
}

bool documents_clash(soci::session& s, const Document& d) {
  long long issuer = d.issuer_agency_id;
  long long n = 0;
  s << "SELECT COUNT(*) FROM task_documents WHERE issuer_agency_id = :issuer AND number = :number"
       " AND issued_on = :issued",
      soci::use(issuer, "issuer"), soci::use(d.number, "number"), soci::use(d.issued_on, "issued"), soci::into(n);
  return n > 0;
}

Error check_document(const Env& env, const DocumentInput& in) {
  const Document& d = in.document;
  if (blank(d.number)) return Error::number_required;
  if (blank(d.subject)) return Error::subject_required;
  auto issued = checked_day(d.issued_on);
  if (!issued) return Error::bad_date;
  if (*issued > today(env)) return Error::day_in_future;
  if (!agency_exists(env.s, d.issuer_agency_id)) return Error::unknown_agency;
  if (in.items.empty()) return Error::items_required;
  for (const auto& it : in.items)
    if (blank(it.text)) return Error::item_text_required;
  if (documents_clash(env.s, d)) return Error::duplicate_document;
  return Error::none;
}

// The parent's rules for a sub-task; sets its item and assigner.
Error adopt_parent(const Env& env, Task& t) {
  auto parent = find_task(env.s, t.parent_id);
  if (!parent) return Error::not_found;
  if (is_final(parent->state)) return Error::parent_closed;
  t.item_id = parent->item_id;
  t.assigner_agency_id = parent->lead_agency_id;
  return Error::none;
}

Error check_agencies(const Env& env, const Task& t) {
  if (!agency_exists(env.s, t.lead_agency_id) || !agency_exists(env.s, t.assigner_agency_id)) return Error::unknown_agency;
  for (std::int64_t c : t.coordinators) {
    if (c == t.lead_agency_id) return Error::coordinator_is_lead;
    if (!agency_exists(env.s, c)) return Error::unknown_agency;
  }
  return Error::none;
}

Error check_assignment_day(const Env& env, const Task& t, Date assigned) {
  if (assigned > today(env)) return Error::day_in_future;
  auto item = find_item(env.s, t.item_id);
  if (!item) return Error::not_found;
  auto doc = find_document(env.s, item->document_id);
  auto issued = doc ? calendar::parse_date(doc->issued_on) : std::nullopt;
  if (issued && assigned < *issued) return Error::assigned_before_issue;
  return Error::none;
}

// Sets t's original and current due day from its deadline; the version to store, if any.
Error set_first_due(const Env& env, Task& t, Date assigned, std::optional<DeadlineVersion>& version) {
  if (!valid(t.deadline)) return Error::bad_deadline;
  if (t.deadline.kind != DeadlineKind::date && t.deadline.kind != DeadlineKind::working_days) return Error::none;
  if (t.deadline.kind == DeadlineKind::date && t.deadline.due && *t.deadline.due < assigned)
    return Error::due_before_assignment;
  auto due = first_due(t.deadline, assigned, env.calendar);
  if (!due) return Error::bad_deadline;
  t.original_due = t.due = calendar::format_date(*due);
  version = DeadlineVersion{0, *due, assigned};
  return Error::none;
}

Error check_task(const Env& env, Task& t, std::optional<DeadlineVersion>& version) {
  if (blank(t.content)) return Error::content_required;
  auto assigned = checked_day(t.assigned_on);
  if (!assigned) return Error::bad_date;
  if (t.parent_id != 0) {
    if (Error e = adopt_parent(env, t); e != Error::none) return e;
  }
  std::sort(t.coordinators.begin(), t.coordinators.end());
  t.coordinators.erase(std::unique(t.coordinators.begin(), t.coordinators.end()), t.coordinators.end());
  if (Error e = check_agencies(env, t); e != Error::none) return e;
  if (Error e = check_assignment_day(env, t, *assigned); e != Error::none) return e;
  return set_first_due(env, t, *assigned, version);
}

// ---- apply ----

struct Step {
  const Env& env;
  const ApplyInput& in;
  Task before;
  Task after;
  Date on;
  std::optional<ExtensionRequest> pending;
  std::string note;
};

// The day the step counts for: not after today, nor before the assignment or the last step.
Error step_day(const Env& env, const ApplyInput& in, const Task& t, Date& on) {
  const Date now = today(env);
  if (in.on.empty()) {
    on = now;
  } else {
    auto d = checked_day(in.on);
    if (!d) return Error::bad_date;
    on = *d;
  }
  if (on > now) return Error::day_in_future;
  auto assigned = calendar::parse_date(t.assigned_on);
  if (assigned && on < *assigned) return Error::day_out_of_order;
  const auto history = events(env.s, t.id);
  if (!history.empty()) {
    auto last = calendar::parse_date(history.back().on_day);
    if (last && on < *last) return Error::day_out_of_order;
  }
  return Error::none;
}

Request workflow_request(const Step& st, const std::optional<Date>& new_due) {
  Request r;
  r.from = st.before.state;
  r.action = st.in.action;
  r.part = st.in.part;
  r.reason = st.in.reason;
  r.text = st.in.text;
  r.percent = st.in.percent;
  r.new_due = new_due;
  r.into = st.in.into;
  if (st.before.deadline.kind == DeadlineKind::date || st.before.deadline.kind == DeadlineKind::working_days)
    r.due_in_force = calendar::parse_date(st.before.due);
  r.extension_pending = st.pending.has_value();
  return r;
}

Error approve(Step& st, const ExtensionRequest& req) {
  auto given = calendar::parse_date(req.new_due);
  auto due = given ? in_force_due(st.env.calendar, *given) : std::nullopt;
  if (!due) return Error::bad_date;
  const auto versions = deadline_versions(st.env.s, st.before.id);
  int number = 0;
  for (const auto& v : versions) number = std::max(number, v.number + 1);
  insert_deadline_version(st.env.s, st.before.id, {number, *due, st.on}, req.new_due, req.id);
  ExtensionRequest decided = req;
  decided.state = "approved";
  decided.decided_on = calendar::format_date(st.on);
  decided.decided_by = st.in.actor_id;
  decide_extension(st.env.s, decided);
  st.after.due = calendar::format_date(*due);
  st.note = req.new_due;
  return Error::none;
}

void refuse(Step& st, const ExtensionRequest& req) {
  ExtensionRequest decided = req;
  decided.state = "refused";
  decided.decided_on = calendar::format_date(st.on);
  decided.decided_by = st.in.actor_id;
  decided.refusal_reason = st.in.reason;
  decide_extension(st.env.s, decided);
  st.note = st.in.reason;
}

Error merge(Step& st) {
  if (st.in.into == st.before.id) return Error::merge_target;
  auto target = find_task(st.env.s, st.in.into);
  if (!target || is_final(target->state)) return Error::merge_target;
  st.after.merged_into = st.in.into;
  st.after.closed_on = calendar::format_date(st.on);
  st.note = "#" + std::to_string(st.in.into) + " " + st.in.reason;
  return Error::none;
}

bool has_open_children(soci::session& s, std::int64_t id) {
  const auto kids = children(s, id);
  return std::any_of(kids.begin(), kids.end(),
                     [](const Task& k) { return k.state != State::cancelled && k.state != State::merged; });
}

// Writes what the action carries besides the state.
Error effects(Step& st) {
  const std::string day = calendar::format_date(st.on);
  const ApplyInput& in = st.in;
  switch (in.action) {
    case Action::acknowledge:
      return Error::none;
    case Action::report_progress:
      if (has_open_children(st.env.s, st.before.id)) return Error::parent_progress;
      insert_report(st.env.s, st.before.id, "progress", day, in.percent.value_or(0), in.text, in.actor_id);
      st.after.percent = in.percent.value_or(0);
      st.note = std::to_string(st.after.percent) + "% " + in.text;
      return Error::none;
    case Action::report_completion:
      insert_report(st.env.s, st.before.id, "completion", day, 100, in.text, in.actor_id);
      st.after.completion_reported_on = day;
      st.note = in.text;
      return Error::none;
    case Action::confirm:
      st.after.completed_on = st.before.completion_reported_on;
      st.after.confirmed_on = day;
      st.after.percent = 100;
      return Error::none;
    case Action::return_:
      st.after.completion_reported_on.clear();
      st.note = in.reason;
      return Error::none;
    case Action::request_extension: {
      ExtensionRequest r;
      r.task_id = st.before.id;
      r.requested_on = day;
      r.requested_by = in.actor_id;
      r.new_due = in.new_due;
      r.reason = in.reason;
      insert_extension_request(st.env.s, r);
      st.note = in.new_due + " " + in.reason;
      return Error::none;
    }
    // next_state refused both without a pending request.
    case Action::approve_extension:
      return st.pending ? approve(st, *st.pending) : Error::not_found;
    case Action::refuse_extension:
      if (st.pending) refuse(st, *st.pending);
      return st.pending ? Error::none : Error::not_found;
    case Action::cancel:
      st.after.closed_on = day;
      st.note = in.reason;
      return Error::none;
    case Action::merge:
      return merge(st);
  }
  return Error::none;
}

ProgressNode progress_tree(soci::session& s, const Task& t, int depth) {
  ProgressNode n;
  n.reported = t.percent;
  n.done = t.state == State::done;
  n.closed = t.state == State::cancelled || t.state == State::merged;
  // Sub-tasks nest a few levels at most (a body's units, then officers); the bound stops a cycle.
  if (depth < 8)
    for (const Task& c : children(s, t.id)) n.children.push_back(progress_tree(s, c, depth + 1));
  return n;
}

// Whether `f` may be a document's signed file: a PDF by its content, within the cap.
Error check_signed_file(const SignedFile& f) {
  if (f.bytes.size() > kMaxSignedFileBytes) return Error::signed_file_size;
  if (document::sniff_type(f.bytes) != document::FileType::pdf) return Error::signed_file_type;
  return Error::none;
}

// Stores `f` as the current file of document `document_id` (store.h insert_document_file); id 0
// when there is no such document.
std::pair<DocumentFile, StoredDocumentFile> store_signed_file(const Env& env, std::int64_t document_id,
                                                              const SignedFile& f, std::int64_t by) {
  DocumentFile out;
  out.document_id = document_id;
  out.file_name = document::display_name(f.name, document::FileType::pdf);
  out.content_type = std::string(document::content_type_of(document::FileType::pdf));
  out.size = static_cast<std::int64_t>(f.bytes.size());
  out.sha256 = document::sha256_hex(f.bytes);
  out.created_at = now_text(env);
  out.created_by = by;
  StoredDocumentFile stored = insert_document_file(env.s, out, document::to_base64(f.bytes));
  out.id = stored.id;
  return {out, stored};
}

// Issue 16 §3 (cancelled or merged with a reason): a sub-task is the lead body's own breakdown of
// its parent, so it ends with it — every open sub-task, at any depth, is cancelled on the same day
// with the parent's reason, each with its own event and audit record. Done ones stay done.
void cancel_open_children(const Env& env, const Task& parent, const std::string& day, const ApplyInput& in,
                          const std::string& why, int depth) {
  if (depth >= 8) return;  // sub-tasks nest a few levels at most; the bound stops a cycle
  for (Task k : children(env.s, parent.id)) {
    if (is_final(k.state)) continue;
    if (!lock_task(env.s, k.id, k.version)) throw std::logic_error("sub-task " + std::to_string(k.id) + " changed under its parent's lock");
    const Task before = k;
    k.state = State::cancelled;
    k.closed_on = day;
    k.updated_at = now_text(env);
    if (!update_task(env.s, k)) throw std::logic_error("sub-task " + std::to_string(k.id) + " changed under its lock");
    ++k.version;
    const std::string note = "#" + std::to_string(parent.id) + " " + why;
    insert_event(env.s, {0, k.id, day, k.updated_at, in.actor_id, std::string(part_code(in.part)),
                         std::string(action_code(Action::cancel)), std::string(state_code(before.state)),
                         std::string(state_code(k.state)), note});
    refresh_board_task(env.s, env.calendar, k.id);
    env.audit(env.s, {"task.cancel", "task", std::to_string(k.id), task_summary(before), task_summary(k)});
    cancel_open_children(env, k, day, in, why, depth + 1);
  }
}

TaskResult fail(Error e, Refusal r = Refusal::none) {
  TaskResult out;
  out.error = e;
  out.refusal = r;
  return out;
}

}  // namespace

std::string_view error_code(Error e) { return util::code_of(kErrors, e); }

DocumentResult create_document(const Env& env, DocumentInput in) {
  DocumentResult out;
  out.error = check_document(env, in);
  if (out.ok() && in.file) out.error = check_signed_file(*in.file);
  if (!out.ok()) return out;
  in.document.created_at = now_text(env);
  in.document.id = insert_document(env.s, in.document);
  int seq = 0;
  for (Item& it : in.items) {
    it.document_id = in.document.id;
    it.seq = ++seq;
    it.id = insert_item(env.s, it);
  }
  std::string file;
  if (in.file) {
    out.file = store_signed_file(env, in.document.id, *in.file, in.document.created_by).first;
    in.document.file_sha256 = out.file->sha256;
    file = " file:" + out.file->sha256;
  }
  env.audit(env.s, {"task_document.create", "task_document", std::to_string(in.document.id), "",
                    std::string(document_kind_code(in.document.kind)) + " " + in.document.number + " " +
                        in.document.issued_on + " items:" + std::to_string(in.items.size()) + file});
  out.document = std::move(in.document);
  out.items = std::move(in.items);
  return out;
}

DocumentFileResult attach_document_file(const Env& env, std::int64_t document_id, const SignedFile& file,
                                        std::int64_t actor_id) {
  DocumentFileResult out;
  out.error = check_signed_file(file);
  if (!out.ok()) return out;
  StoredDocumentFile stored;
  std::tie(out.file, stored) = store_signed_file(env, document_id, file, actor_id);
  if (out.file.id == 0) {
    out.error = Error::not_found;
    return out;
  }
  out.replaced = stored.replaced;
  const bool replaced = stored.replaced != 0;
  env.audit(env.s, {replaced ? "task_document.replace_file" : "task_document.attach_file", "task_document",
                    std::to_string(document_id), replaced ? "file:" + stored.replaced_sha256 : std::string(),
                    "file:" + out.file.sha256 + " " + out.file.file_name});
  return out;
}

TaskResult assign(const Env& env, Task in) {
  std::optional<DeadlineVersion> version;
  if (Error e = check_task(env, in, version); e != Error::none) return fail(e);
  in.state = State::assigned;
  in.percent = 0;
  in.created_at = in.updated_at = now_text(env);
  in.version = 0;
  in.id = insert_task(env.s, in);
  if (version) insert_deadline_version(env.s, in.id, *version, in.deadline.due ? calendar::format_date(*in.deadline.due) : in.due, 0);
  insert_event(env.s, {0, in.id, in.assigned_on, in.created_at, in.assigned_by, "assigner", "assign", "",
                       std::string(state_code(State::assigned)), in.content});
  refresh_board_task(env.s, env.calendar, in.id);  // the stored board (store_board.h), same transaction
  env.audit(env.s, {"task.assign", "task", std::to_string(in.id), "", task_summary(in)});
  TaskResult out;
  out.task = std::move(in);
  return out;
}

TaskResult apply(const Env& env, const ApplyInput& in) {
  auto found = find_task(env.s, in.task_id);
  if (!found) return fail(Error::not_found);
  if (found->version != in.version || !lock_task(env.s, in.task_id, in.version)) return fail(Error::stale);
  Step st{env, in, *found, *found, {}, pending_extension(env.s, in.task_id), ""};
  if (Error e = step_day(env, in, st.before, st.on); e != Error::none) return fail(e);
  std::optional<Date> new_due;
  if (!in.new_due.empty()) {
    new_due = checked_day(in.new_due);
    if (!new_due) return fail(Error::bad_date);
  }
  const Next next = next_state(workflow_request(st, new_due));
  if (!next.ok()) return fail(Error::refused, next.refusal);
  if (Error e = effects(st); e != Error::none) return fail(e);
  st.after.state = next.to;
  st.after.updated_at = now_text(env);
  // Cannot fail after lock_task: the reports written above stay consistent with the task.
  if (!update_task(env.s, st.after)) throw std::logic_error("task " + std::to_string(st.after.id) + " changed under its lock");
  st.after.version = st.before.version + 1;
  insert_event(env.s, {0, st.after.id, calendar::format_date(st.on), st.after.updated_at, in.actor_id,
                       std::string(part_code(in.part)), std::string(action_code(in.action)),
                       std::string(state_code(st.before.state)), std::string(state_code(st.after.state)), st.note});
  refresh_board_task(env.s, env.calendar, st.after.id);  // the stored board (store_board.h), same transaction
  env.audit(env.s, {"task." + std::string(action_code(in.action)), "task", std::to_string(st.after.id),
                    task_summary(st.before), task_summary(st.after)});
  if (in.action == Action::cancel || in.action == Action::merge)
    cancel_open_children(env, st.after, calendar::format_date(st.on), in, in.reason, 0);
  TaskResult out;
  out.task = std::move(st.after);
  return out;
}

int task_progress(soci::session& s, std::int64_t id) {
  auto t = find_task(s, id);
  if (!t) return 0;
  return progress(progress_tree(s, *t, 0));
}

}  // namespace tinhso::tasks
