// The queries of the working pages (pages_work.h) that the module's store (store.h) has no
// counterpart for: each is one statement, so that a page stays within the SQL bound of issue 5
// (at most 10 statements per page whatever its size). Named placeholders; SQLite and PostgreSQL.
#include "modules/tasks/pages_work.h"

namespace tinhso::tasks::work {

namespace {

constexpr const char* kRowColumns =
    "SELECT t.id, COALESCE(t.parent_id, 0), t.item_id, t.content, t.lead_agency_id, t.state, t.percent,"
    " COALESCE(t.due, ''), t.deadline_kind, d.number, COALESCE(r.last_report, ''), t.version,"
    " i.seq, i.clause, i.text, d.id, d.subject, d.issuer_agency_id"
    " FROM tasks t JOIN task_items i ON i.id = t.item_id JOIN task_documents d ON d.id = i.document_id"
    " LEFT JOIN (SELECT task_id, MAX(reported_on) AS last_report FROM task_reports GROUP BY task_id) r"
    " ON r.task_id = t.id ";

std::vector<TaskRow> rows_where(soci::session& s, const std::string& where, long long value) {
  TaskRow row;
  long long id = 0, parent = 0, item = 0, lead = 0, doc = 0, issuer = 0;
  std::string state, kind;
  soci::statement st = (s.prepare << std::string(kRowColumns) + where, soci::use(value, "v"), soci::into(id),
                        soci::into(parent), soci::into(item), soci::into(row.content), soci::into(lead),
                        soci::into(state), soci::into(row.percent), soci::into(row.due), soci::into(kind),
                        soci::into(row.document), soci::into(row.last_report), soci::into(row.version),
                        soci::into(row.item_seq), soci::into(row.clause), soci::into(row.item_text), soci::into(doc),
                        soci::into(row.document_subject), soci::into(issuer));
  st.execute();
  std::vector<TaskRow> out;
  while (st.fetch()) {
    row.id = id;
    row.parent_id = parent;
    row.item_id = item;
    row.lead_agency_id = lead;
    row.document_id = doc;
    row.issuer_agency_id = issuer;
    row.state = parse_state(state).value_or(State::assigned);
    row.deadline_kind = parse_deadline_kind(kind).value_or(DeadlineKind::none);
    out.push_back(row);
  }
  return out;
}

}  // namespace

std::optional<ItemWithDocument> item_with_document(soci::session& s, std::int64_t item_id) {
  ItemWithDocument out;
  long long id = item_id, doc = 0, issuer = 0;
  int is_public = 0;
  std::string kind;
  s << "SELECT i.seq, i.clause, i.text, d.id, d.kind, d.number, d.issued_on, d.issuer_agency_id, d.signer, d.subject,"
       " CASE WHEN d.is_public THEN 1 ELSE 0 END"
       " FROM task_items i JOIN task_documents d ON d.id = i.document_id WHERE i.id = :id",
      soci::use(id, "id"), soci::into(out.item.seq), soci::into(out.item.clause), soci::into(out.item.text),
      soci::into(doc), soci::into(kind), soci::into(out.document.number), soci::into(out.document.issued_on),
      soci::into(issuer), soci::into(out.document.signer), soci::into(out.document.subject), soci::into(is_public);
  if (!s.got_data()) return std::nullopt;
  out.item.id = item_id;
  out.item.document_id = doc;
  out.document.id = doc;
  out.document.kind = parse_document_kind(kind).value_or(DocumentKind::official_letter);
  out.document.issuer_agency_id = issuer;
  out.document.is_public = is_public != 0;
  return out;
}

std::vector<TaskRow> item_tasks(soci::session& s, std::int64_t item_id) {
  return rows_where(s, "WHERE t.item_id = :v ORDER BY t.id", item_id);
}

std::vector<TaskRow> document_tasks(soci::session& s, std::int64_t document_id) {
  return rows_where(s, "WHERE i.document_id = :v ORDER BY i.seq, t.id", document_id);
}

std::vector<TaskRow> agency_open_tasks(soci::session& s, std::int64_t agency_id) {
  return rows_where(s,
                    "WHERE t.lead_agency_id = :v AND t.state IN ('assigned', 'acknowledged', 'completion_reported')"
                    " ORDER BY COALESCE(t.due, '9999-12-31'), t.id",
                    agency_id);
}

std::vector<TaskRow> agency_coordinated_tasks(soci::session& s, std::int64_t agency_id) {
  return rows_where(s,
                    "WHERE t.id IN (SELECT task_id FROM task_coordinators WHERE agency_id = :v)"
                    " AND t.state IN ('assigned', 'acknowledged', 'completion_reported')"
                    " ORDER BY COALESCE(t.due, '9999-12-31'), t.id",
                    agency_id);
}

}  // namespace tinhso::tasks::work

namespace tinhso::tasks::work {

std::int64_t insert_report_file(soci::session& s, const ReportFile& f, const std::string& content) {
  long long task = f.task_id, size = f.size, by = f.created_by, id = 0;
  s << "INSERT INTO task_report_files (task_id, action, on_day, file_name, content_type, size, sha256, content,"
       " created_at, created_by) VALUES (:task, :action, :on, :name, :type, :size, :sha, :content, :at, NULLIF(:by, 0))"
       " RETURNING id",
      soci::use(task, "task"), soci::use(f.action, "action"), soci::use(f.on_day, "on"), soci::use(f.file_name, "name"),
      soci::use(f.content_type, "type"), soci::use(size, "size"), soci::use(f.sha256, "sha"),
      soci::use(content, "content"), soci::use(f.created_at, "at"), soci::use(by, "by"), soci::into(id);
  return id;
}

namespace {

constexpr const char* kFileColumns =
    "SELECT id, task_id, action, on_day, file_name, content_type, size, sha256, created_at, COALESCE(created_by, 0)";

struct FileRow {
  long long id = 0, task = 0, size = 0, by = 0;
  ReportFile f;
  template <class Prepared>
  void bind(Prepared& q) {
    q, soci::into(id), soci::into(task), soci::into(f.action), soci::into(f.on_day), soci::into(f.file_name),
        soci::into(f.content_type), soci::into(size), soci::into(f.sha256), soci::into(f.created_at), soci::into(by);
  }
  ReportFile get() const {
    ReportFile out = f;
    out.id = id;
    out.task_id = task;
    out.size = size;
    out.created_by = by;
    return out;
  }
};

}  // namespace

std::vector<ReportFile> report_files(soci::session& s, std::int64_t task_id) {
  long long task = task_id;
  FileRow r;
  auto q = (s.prepare << std::string(kFileColumns) + " FROM task_report_files WHERE task_id = :task ORDER BY id",
            soci::use(task, "task"));
  r.bind(q);
  soci::statement st = q;
  st.execute();
  std::vector<ReportFile> out;
  while (st.fetch()) out.push_back(r.get());
  return out;
}

std::optional<std::pair<ReportFile, std::string>> load_report_file(soci::session& s, std::int64_t task_id,
                                                                   std::int64_t id) {
  long long task = task_id, file = id;
  FileRow r;
  std::string content;
  auto q = (s.prepare << std::string(kFileColumns) + ", content FROM task_report_files WHERE task_id = :task AND id = :id",
            soci::use(task, "task"), soci::use(file, "id"));
  r.bind(q);
  q, soci::into(content);
  soci::statement st = q;
  st.execute(true);
  if (!st.got_data()) return std::nullopt;
  return std::make_pair(r.get(), content);
}

}  // namespace tinhso::tasks::work
