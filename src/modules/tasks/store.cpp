// The tasks store (store.h).
#include "modules/tasks/store.h"

#include <algorithm>
#include <array>
#include <map>
#include <utility>

#include "core/util/codes.h"

namespace tinhso::tasks {

namespace {

constexpr std::array kDocumentKinds{
    std::pair{DocumentKind::conclusion_notice, std::string_view("conclusion_notice")},
    std::pair{DocumentKind::directive, std::string_view("directive")},
    std::pair{DocumentKind::plan, std::string_view("plan")},
    std::pair{DocumentKind::action_programme, std::string_view("action_programme")},
    std::pair{DocumentKind::official_letter, std::string_view("official_letter")},
};
constexpr std::array kProducts{
    std::pair{Product::report, std::string_view("report")},
    std::pair{Product::plan, std::string_view("plan")},
    std::pair{Product::draft_resolution, std::string_view("draft_resolution")},
    std::pair{Product::decision, std::string_view("decision")},
    std::pair{Product::proposal, std::string_view("proposal")},
    std::pair{Product::other, std::string_view("other")},
};
constexpr std::array kPriorities{
    std::pair{Priority::normal, std::string_view("normal")},
    std::pair{Priority::high, std::string_view("high")},
    std::pair{Priority::urgent, std::string_view("urgent")},
};

std::optional<Date> day_of_text(const std::string& s) { return s.empty() ? std::nullopt : calendar::parse_date(s); }

constexpr const char* kTaskColumns =
    "SELECT id, item_id, COALESCE(parent_id, 0), content, lead_agency_id, assigner_agency_id, product, priority,"
    " assigned_on, COALESCE(assigned_by, 0), deadline_kind, deadline_days, recurring_every, recurring_day,"
    " recurring_month, COALESCE(original_due, ''), COALESCE(due, ''), state, percent,"
    " COALESCE(completion_reported_on, ''), COALESCE(completed_on, ''), COALESCE(confirmed_on, ''),"
    " COALESCE(closed_on, ''), COALESCE(merged_into, 0), created_at, updated_at, version FROM tasks ";

struct TaskRow {
  long long id = 0, item = 0, parent = 0, lead = 0, assigner = 0, by = 0, merged = 0;
  std::string product, priority, kind, every, state;
  int days = 0, rday = 0, rmonth = 0;
  Task t;

  template <class Prepared>
  void bind(Prepared& q) {
    q, soci::into(id), soci::into(item), soci::into(parent), soci::into(t.content), soci::into(lead),
        soci::into(assigner), soci::into(product), soci::into(priority), soci::into(t.assigned_on), soci::into(by),
        soci::into(kind), soci::into(days), soci::into(every), soci::into(rday), soci::into(rmonth),
        soci::into(t.original_due), soci::into(t.due), soci::into(state), soci::into(t.percent),
        soci::into(t.completion_reported_on), soci::into(t.completed_on), soci::into(t.confirmed_on),
        soci::into(t.closed_on), soci::into(merged), soci::into(t.created_at), soci::into(t.updated_at),
        soci::into(t.version);
  }

  Task get() const {
    Task out = t;
    out.id = id;
    out.item_id = item;
    out.parent_id = parent;
    out.lead_agency_id = lead;
    out.assigner_agency_id = assigner;
    out.assigned_by = by;
    out.merged_into = merged;
    out.product = parse_product(product).value_or(Product::other);
    out.priority = parse_priority(priority).value_or(Priority::normal);
    out.state = parse_state(state).value_or(State::assigned);
    out.deadline.kind = parse_deadline_kind(kind).value_or(DeadlineKind::none);
    out.deadline.days = days;
    out.deadline.every = parse_every(every).value_or(Every::month);
    out.deadline.day = rday;
    out.deadline.month = rmonth;
    // A date deadline is kept as its version 0 (the day as written is in task_deadline_versions).
    if (out.deadline.kind == DeadlineKind::date) out.deadline.due = day_of_text(out.original_due);
    return out;
  }
};

std::vector<std::int64_t> coordinators_of(soci::session& s, long long task_id) {
  std::vector<std::int64_t> out;
  long long agency = 0;
  soci::statement st = (s.prepare << "SELECT agency_id FROM task_coordinators WHERE task_id = :id ORDER BY agency_id",
                        soci::use(task_id, "id"), soci::into(agency));
  st.execute();
  while (st.fetch()) out.push_back(agency);
  return out;
}

std::vector<Task> tasks_where(soci::session& s, const char* where, long long value) {
  TaskRow r;
  auto q = (s.prepare << std::string(kTaskColumns) + where, soci::use(value, "v"));
  r.bind(q);
  soci::statement st = q;
  st.execute();
  std::vector<Task> out;
  while (st.fetch()) out.push_back(r.get());
  for (Task& t : out) t.coordinators = coordinators_of(s, t.id);
  return out;
}

}  // namespace

std::string_view document_kind_code(DocumentKind k) { return util::code_of(kDocumentKinds, k); }
std::optional<DocumentKind> parse_document_kind(std::string_view code) { return util::parse_code(kDocumentKinds, code); }
std::string_view product_code(Product p) { return util::code_of(kProducts, p); }
std::optional<Product> parse_product(std::string_view code) { return util::parse_code(kProducts, code); }
std::string_view priority_code(Priority p) { return util::code_of(kPriorities, p); }
std::optional<Priority> parse_priority(std::string_view code) { return util::parse_code(kPriorities, code); }

std::int64_t insert_document(soci::session& s, const Document& d) {
  long long id = 0, issuer = d.issuer_agency_id, by = d.created_by;
  int pub = d.is_public ? 1 : 0;
  std::string kind(document_kind_code(d.kind));
  s << "INSERT INTO task_documents (kind, number, issued_on, issuer_agency_id, signer, subject, is_public, file_path,"
       " file_sha256, created_at, created_by)"
       " VALUES (:kind, :number, :issued, :issuer, :signer, :subject,"
       " CASE CAST(:pub AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END, :path, :sha, :created, NULLIF(:by, 0))"
       " RETURNING id",
      soci::use(kind, "kind"), soci::use(d.number, "number"), soci::use(d.issued_on, "issued"),
      soci::use(issuer, "issuer"), soci::use(d.signer, "signer"), soci::use(d.subject, "subject"), soci::use(pub, "pub"),
      soci::use(d.file_path, "path"), soci::use(d.file_sha256, "sha"), soci::use(d.created_at, "created"),
      soci::use(by, "by"), soci::into(id);
  return id;
}

std::optional<Document> find_document(soci::session& s, std::int64_t id) {
  long long v = id, issuer = 0, by = 0;
  int pub = 0;
  std::string kind;
  Document d;
  soci::statement st =
      (s.prepare << "SELECT kind, number, issued_on, issuer_agency_id, signer, subject,"
                    " CASE WHEN is_public THEN 1 ELSE 0 END, file_path, file_sha256, created_at, COALESCE(created_by, 0)"
                    " FROM task_documents WHERE id = :id",
       soci::use(v, "id"), soci::into(kind), soci::into(d.number), soci::into(d.issued_on), soci::into(issuer),
       soci::into(d.signer), soci::into(d.subject), soci::into(pub), soci::into(d.file_path), soci::into(d.file_sha256),
       soci::into(d.created_at), soci::into(by));
  st.execute();
  if (!st.fetch()) return std::nullopt;
  d.id = id;
  d.kind = parse_document_kind(kind).value_or(DocumentKind::official_letter);
  d.issuer_agency_id = issuer;
  d.is_public = pub != 0;
  d.created_by = by;
  return d;
}

StoredDocumentFile insert_document_file(soci::session& s, const DocumentFile& f, const std::string& content) {
  StoredDocumentFile out;
  long long doc = f.document_id, size = f.size, by = f.created_by, id = 0, old = 0;
  soci::statement lock = (s.prepare << "UPDATE task_documents SET file_sha256 = :sha WHERE id = :doc",
                          soci::use(f.sha256, "sha"), soci::use(doc, "doc"));
  lock.execute(true);
  if (lock.get_affected_rows() != 1) return out;
  s << "SELECT COALESCE(MAX(id), 0), COALESCE(MAX(sha256), '') FROM task_document_files"
       " WHERE document_id = :doc AND replaced_at IS NULL",
      soci::use(doc, "doc"), soci::into(old), soci::into(out.replaced_sha256);
  out.replaced = old;
  if (old != 0)
    s << "UPDATE task_document_files SET replaced_at = :at WHERE id = :old", soci::use(f.created_at, "at"),
        soci::use(old, "old");
  s << "INSERT INTO task_document_files (document_id, file_name, content_type, size, sha256, content, created_at,"
       " created_by) VALUES (:doc, :name, :type, :size, :sha, :content, :at, NULLIF(:by, 0)) RETURNING id",
      soci::use(doc, "doc"), soci::use(f.file_name, "name"), soci::use(f.content_type, "type"), soci::use(size, "size"),
      soci::use(f.sha256, "sha"), soci::use(content, "content"), soci::use(f.created_at, "at"), soci::use(by, "by"),
      soci::into(id);
  out.id = id;
  return out;
}

namespace {

constexpr const char* kDocumentFileColumns =
    "SELECT f.id, f.document_id, f.file_name, f.content_type, f.size, f.sha256, f.created_at,"
    " COALESCE(f.created_by, 0), COALESCE(f.replaced_at, '')";

// One row of kDocumentFileColumns.
struct DocumentFileRow {
  long long id = 0, doc = 0, size = 0, by = 0;
  DocumentFile f;
  template <class Prepared>
  void bind(Prepared& q) {
    q, soci::into(id), soci::into(doc), soci::into(f.file_name), soci::into(f.content_type), soci::into(size),
        soci::into(f.sha256), soci::into(f.created_at), soci::into(by), soci::into(f.replaced_at);
  }
  DocumentFile get() const {
    DocumentFile out = f;
    out.id = id;
    out.document_id = doc;
    out.size = size;
    out.created_by = by;
    return out;
  }
};

std::vector<DocumentFile> document_files_where(soci::session& s, const std::string& where, std::int64_t document_id) {
  long long doc = document_id;
  DocumentFileRow r;
  auto q = (s.prepare << std::string(kDocumentFileColumns) + " FROM task_document_files f WHERE f.document_id = :doc" + where,
            soci::use(doc, "doc"));
  r.bind(q);
  soci::statement st = q;
  st.execute();
  std::vector<DocumentFile> out;
  while (st.fetch()) out.push_back(r.get());
  return out;
}

}  // namespace

std::vector<DocumentFile> document_files(soci::session& s, std::int64_t document_id) {
  return document_files_where(s, " ORDER BY CASE WHEN f.replaced_at IS NULL THEN 0 ELSE 1 END, f.id DESC", document_id);
}

std::optional<DocumentFile> current_document_file(soci::session& s, std::int64_t document_id) {
  auto files = document_files_where(s, " AND f.replaced_at IS NULL", document_id);
  if (files.empty()) return std::nullopt;
  return files.front();
}

std::optional<std::pair<DocumentFile, std::string>> load_document_file(soci::session& s, std::int64_t document_id,
                                                                       std::int64_t id, bool public_only) {
  long long doc = document_id, file = id;
  DocumentFileRow r;
  std::string content;
  std::string sql = std::string(kDocumentFileColumns) +
                    ", f.content FROM task_document_files f JOIN task_documents d ON d.id = f.document_id"
                    " WHERE f.document_id = :doc AND f.id = :id";
  if (public_only) sql += " AND f.replaced_at IS NULL AND d.is_public";
  auto q = (s.prepare << sql, soci::use(doc, "doc"), soci::use(file, "id"));
  r.bind(q);
  q, soci::into(content);
  soci::statement st = q;
  st.execute(true);
  if (!st.got_data()) return std::nullopt;
  return std::make_pair(r.get(), content);
}

std::int64_t insert_item(soci::session& s, const Item& item) {
  long long id = 0, doc = item.document_id;
  s << "INSERT INTO task_items (document_id, seq, clause, text) VALUES (:doc, :seq, :clause, :text) RETURNING id",
      soci::use(doc, "doc"), soci::use(item.seq, "seq"), soci::use(item.clause, "clause"), soci::use(item.text, "text"),
      soci::into(id);
  return id;
}

std::optional<Item> find_item(soci::session& s, std::int64_t id) {
  long long v = id, doc = 0;
  Item it;
  soci::statement st = (s.prepare << "SELECT document_id, seq, clause, text FROM task_items WHERE id = :id",
                        soci::use(v, "id"), soci::into(doc), soci::into(it.seq), soci::into(it.clause),
                        soci::into(it.text));
  st.execute();
  if (!st.fetch()) return std::nullopt;
  it.id = id;
  it.document_id = doc;
  return it;
}

std::vector<Item> document_items(soci::session& s, std::int64_t document_id) {
  long long v = document_id, id = 0;
  Item it;
  std::vector<Item> out;
  soci::statement st = (s.prepare << "SELECT id, seq, clause, text FROM task_items WHERE document_id = :doc ORDER BY seq",
                        soci::use(v, "doc"), soci::into(id), soci::into(it.seq), soci::into(it.clause),
                        soci::into(it.text));
  st.execute();
  while (st.fetch()) {
    it.id = id;
    it.document_id = document_id;
    out.push_back(it);
  }
  return out;
}

std::int64_t insert_task(soci::session& s, const Task& t) {
  long long id = 0, item = t.item_id, parent = t.parent_id, lead = t.lead_agency_id, assigner = t.assigner_agency_id,
            by = t.assigned_by;
  std::string product(product_code(t.product)), priority(priority_code(t.priority)),
      kind(deadline_kind_code(t.deadline.kind)), state(state_code(t.state));
  std::string every = t.deadline.kind == DeadlineKind::recurring ? std::string(every_code(t.deadline.every)) : "";
  int days = t.deadline.days, rday = t.deadline.day, rmonth = t.deadline.month;
  s << "INSERT INTO tasks (item_id, parent_id, content, lead_agency_id, assigner_agency_id, product, priority,"
       " assigned_on, assigned_by, deadline_kind, deadline_days, recurring_every, recurring_day, recurring_month,"
       " original_due, due, state, percent, created_at, updated_at, version)"
       " VALUES (:item, NULLIF(:parent, 0), :content, :lead, :assigner, :product, :priority, :assigned,"
       " NULLIF(:by, 0), :kind, :days, :every, :rday, :rmonth, NULLIF(:original_due, ''), NULLIF(:due, ''), :state,"
       " :percent, :created, :updated, 0)"
       " RETURNING id",
      soci::use(item, "item"), soci::use(parent, "parent"), soci::use(t.content, "content"), soci::use(lead, "lead"),
      soci::use(assigner, "assigner"), soci::use(product, "product"), soci::use(priority, "priority"),
      soci::use(t.assigned_on, "assigned"), soci::use(by, "by"), soci::use(kind, "kind"), soci::use(days, "days"),
      soci::use(every, "every"), soci::use(rday, "rday"), soci::use(rmonth, "rmonth"),
      soci::use(t.original_due, "original_due"), soci::use(t.due, "due"), soci::use(state, "state"),
      soci::use(t.percent, "percent"), soci::use(t.created_at, "created"), soci::use(t.updated_at, "updated"),
      soci::into(id);
  for (std::int64_t a : t.coordinators) {
    long long agency = a;
    s << "INSERT INTO task_coordinators (task_id, agency_id) VALUES (:task, :agency)", soci::use(id, "task"),
        soci::use(agency, "agency");
  }
  return id;
}

std::optional<Task> find_task(soci::session& s, std::int64_t id) {
  auto found = tasks_where(s, "WHERE id = :v", id);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<Task> children(soci::session& s, std::int64_t parent_id) {
  return tasks_where(s, "WHERE parent_id = :v ORDER BY id", parent_id);
}

bool lock_task(soci::session& s, std::int64_t id, int version) {
  long long v = id;
  int ver = version;
  soci::statement st = (s.prepare << "UPDATE tasks SET version = version WHERE id = :id AND version = :version",
                        soci::use(v, "id"), soci::use(ver, "version"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool update_task(soci::session& s, const Task& t) {
  long long id = t.id, merged = t.merged_into;
  int version = t.version;
  std::string state(state_code(t.state));
  soci::statement st =
      (s.prepare << "UPDATE tasks SET state = :state, percent = :percent, due = NULLIF(:due, ''),"
                    " completion_reported_on = NULLIF(:reported, ''), completed_on = NULLIF(:completed, ''),"
                    " confirmed_on = NULLIF(:confirmed, ''), closed_on = NULLIF(:closed, ''),"
                    " merged_into = NULLIF(:merged, 0), updated_at = :updated, version = version + 1"
                    " WHERE id = :id AND version = :version",
       soci::use(state, "state"), soci::use(t.percent, "percent"), soci::use(t.due, "due"),
       soci::use(t.completion_reported_on, "reported"), soci::use(t.completed_on, "completed"),
       soci::use(t.confirmed_on, "confirmed"), soci::use(t.closed_on, "closed"), soci::use(merged, "merged"),
       soci::use(t.updated_at, "updated"), soci::use(id, "id"), soci::use(version, "version"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool agency_exists(soci::session& s, std::int64_t agency_id) {
  long long v = agency_id;
  long long n = 0;
  s << "SELECT COUNT(*) FROM directory_agencies WHERE id = :id", soci::use(v, "id"), soci::into(n);
  return n > 0;
}

void insert_deadline_version(soci::session& s, std::int64_t task_id, const DeadlineVersion& v, const std::string& given,
                             std::int64_t extension_id) {
  long long task = task_id, ext = extension_id;
  std::string due = calendar::format_date(v.due), approved = calendar::format_date(v.approved_on);
  s << "INSERT INTO task_deadline_versions (task_id, number, given, due, approved_on, extension_id)"
       " VALUES (:task, :number, :given, :due, :approved, NULLIF(:ext, 0))",
      soci::use(task, "task"), soci::use(v.number, "number"), soci::use(given, "given"), soci::use(due, "due"),
      soci::use(approved, "approved"), soci::use(ext, "ext");
}

std::vector<DeadlineVersion> deadline_versions(soci::session& s, std::int64_t task_id) {
  long long task = task_id;
  int number = 0;
  std::string due, approved;
  std::vector<DeadlineVersion> out;
  soci::statement st = (s.prepare << "SELECT number, due, approved_on FROM task_deadline_versions WHERE task_id = :task"
                                     " ORDER BY number",
                        soci::use(task, "task"), soci::into(number), soci::into(due), soci::into(approved));
  st.execute();
  while (st.fetch()) {
    auto d = calendar::parse_date(due);
    auto a = calendar::parse_date(approved);
    if (d && a) out.push_back({number, *d, *a});
  }
  return out;
}

std::int64_t insert_extension_request(soci::session& s, const ExtensionRequest& r) {
  long long id = 0, task = r.task_id, by = r.requested_by;
  s << "INSERT INTO task_extension_requests (task_id, requested_on, requested_by, new_due, reason, state)"
       " VALUES (:task, :on, NULLIF(:by, 0), :new_due, :reason, 'pending') RETURNING id",
      soci::use(task, "task"), soci::use(r.requested_on, "on"), soci::use(by, "by"), soci::use(r.new_due, "new_due"),
      soci::use(r.reason, "reason"), soci::into(id);
  return id;
}

std::optional<ExtensionRequest> pending_extension(soci::session& s, std::int64_t task_id) {
  long long task = task_id, id = 0, by = 0;
  ExtensionRequest r;
  soci::statement st =
      (s.prepare << "SELECT id, requested_on, COALESCE(requested_by, 0), new_due, reason FROM task_extension_requests"
                    " WHERE task_id = :task AND state = 'pending' ORDER BY id",
       soci::use(task, "task"), soci::into(id), soci::into(r.requested_on), soci::into(by), soci::into(r.new_due),
       soci::into(r.reason));
  st.execute();
  if (!st.fetch()) return std::nullopt;
  r.id = id;
  r.task_id = task_id;
  r.requested_by = by;
  r.state = "pending";
  return r;
}

void decide_extension(soci::session& s, const ExtensionRequest& r) {
  long long id = r.id, by = r.decided_by;
  s << "UPDATE task_extension_requests SET state = :state, decided_on = :on, decided_by = NULLIF(:by, 0),"
       " refusal_reason = :reason WHERE id = :id",
      soci::use(r.state, "state"), soci::use(r.decided_on, "on"), soci::use(by, "by"),
      soci::use(r.refusal_reason, "reason"), soci::use(id, "id");
}

void insert_report(soci::session& s, std::int64_t task_id, const std::string& kind, const std::string& on, int percent,
                   const std::string& text, std::int64_t by) {
  long long task = task_id, who = by;
  s << "INSERT INTO task_reports (task_id, kind, reported_on, percent, text, reported_by)"
       " VALUES (:task, :kind, :on, :percent, :text, NULLIF(:by, 0))",
      soci::use(task, "task"), soci::use(kind, "kind"), soci::use(on, "on"), soci::use(percent, "percent"),
      soci::use(text, "text"), soci::use(who, "by");
}

void insert_event(soci::session& s, const Event& e) {
  long long task = e.task_id, actor = e.actor_id;
  s << "INSERT INTO task_events (task_id, on_day, at, actor_id, part, action, from_state, to_state, note)"
       " VALUES (:task, :on, :at, NULLIF(:actor, 0), :part, :action, :from_state, :to_state, :note)",
      soci::use(task, "task"), soci::use(e.on_day, "on"), soci::use(e.at, "at"), soci::use(actor, "actor"),
      soci::use(e.part, "part"), soci::use(e.action, "action"), soci::use(e.from_state, "from_state"),
      soci::use(e.to_state, "to_state"), soci::use(e.note, "note");
}

std::vector<Event> events(soci::session& s, std::int64_t task_id) {
  long long task = task_id, id = 0, actor = 0;
  Event e;
  std::vector<Event> out;
  soci::statement st =
      (s.prepare << "SELECT id, on_day, at, COALESCE(actor_id, 0), part, action, from_state, to_state, note"
                    " FROM task_events WHERE task_id = :task ORDER BY id",
       soci::use(task, "task"), soci::into(id), soci::into(e.on_day), soci::into(e.at), soci::into(actor),
       soci::into(e.part), soci::into(e.action), soci::into(e.from_state), soci::into(e.to_state), soci::into(e.note));
  st.execute();
  while (st.fetch()) {
    e.id = id;
    e.task_id = task_id;
    e.actor_id = actor;
    out.push_back(e);
  }
  return out;
}

std::vector<TaskRecord> assigned_tasks_as_of(soci::session& s, const std::string& day) {
  std::vector<TaskRecord> out;
  std::map<std::int64_t, std::size_t> at;  // task id → index in out
  {
    long long id = 0, lead_id = 0;
    int days = 0, rday = 0, rmonth = 0;
    std::string number, lead, assigned, kind, every, completed, confirmed, closed;
    std::string d = day;
    soci::statement st =
        (s.prepare << "SELECT t.id, d.number, a.code, t.lead_agency_id, t.assigned_on, t.deadline_kind,"
                      " t.deadline_days, t.recurring_every, t.recurring_day, t.recurring_month,"
                      " COALESCE(t.completed_on, ''), COALESCE(t.confirmed_on, ''), COALESCE(t.closed_on, '')"
                      " FROM tasks t JOIN task_items i ON i.id = t.item_id JOIN task_documents d ON d.id = i.document_id"
                      " JOIN directory_agencies a ON a.id = t.lead_agency_id"
                      " WHERE t.parent_id IS NULL AND t.assigned_on <= :day ORDER BY t.id",
         soci::use(d, "day"), soci::into(id), soci::into(number), soci::into(lead), soci::into(lead_id),
         soci::into(assigned), soci::into(kind), soci::into(days), soci::into(every), soci::into(rday),
         soci::into(rmonth), soci::into(completed), soci::into(confirmed), soci::into(closed));
    st.execute();
    while (st.fetch()) {
      auto assigned_on = calendar::parse_date(assigned);
      if (!assigned_on) continue;
      TaskRecord r;
      r.id = id;
      r.document = number;
      r.lead = lead;
      r.lead_agency_id = lead_id;
      r.facts.assigned_on = *assigned_on;
      r.facts.deadline.kind = parse_deadline_kind(kind).value_or(DeadlineKind::none);
      r.facts.deadline.days = days;
      r.facts.deadline.every = parse_every(every).value_or(Every::month);
      r.facts.deadline.day = rday;
      r.facts.deadline.month = rmonth;
      r.facts.completed_on = day_of_text(completed);
      r.facts.confirmed_on = day_of_text(confirmed);
      r.facts.closed_on = day_of_text(closed);
      at[r.id] = out.size();
      out.push_back(std::move(r));
    }
  }
  {
    long long task = 0;
    int number = 0;
    std::string due, approved, d = day;
    soci::statement st =
        (s.prepare << "SELECT v.task_id, v.number, v.due, v.approved_on FROM task_deadline_versions v"
                      " JOIN tasks t ON t.id = v.task_id"
                      " WHERE t.parent_id IS NULL AND t.assigned_on <= :day AND v.approved_on <= :day2",
         soci::use(d, "day"), soci::use(d, "day2"), soci::into(task), soci::into(number), soci::into(due),
         soci::into(approved));
    st.execute();
    while (st.fetch()) {
      auto it = at.find(task);
      auto dd = calendar::parse_date(due);
      auto ad = calendar::parse_date(approved);
      if (it != at.end() && dd && ad) out[it->second].facts.versions.push_back({number, *dd, *ad});
    }
  }
  {
    long long task = 0;
    std::string on, d = day;
    soci::statement st =
        (s.prepare << "SELECT r.task_id, r.reported_on FROM task_reports r JOIN tasks t ON t.id = r.task_id"
                      " WHERE t.parent_id IS NULL AND t.deadline_kind = 'recurring' AND t.assigned_on <= :day"
                      " AND r.reported_on <= :day2 ORDER BY r.task_id, r.reported_on",
         soci::use(d, "day"), soci::use(d, "day2"), soci::into(task), soci::into(on));
    st.execute();
    while (st.fetch()) {
      auto it = at.find(task);
      auto od = calendar::parse_date(on);
      if (it != at.end() && od) out[it->second].facts.report_days.push_back(*od);
    }
  }
  return out;
}

}  // namespace tinhso::tasks
