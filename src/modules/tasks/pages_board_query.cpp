#include "modules/tasks/pages_board_query.h"

#include <algorithm>

namespace tinhso::tasks {

namespace {

std::optional<std::string> text_of(const std::optional<Date>& d) {
  if (!d) return std::nullopt;
  return calendar::format_date(*d);
}

// The facts of `t` as they stood at the end of `day`: later deadline versions and reports dropped.
TaskFacts facts_at(const TaskFacts& t, Date day) {
  TaskFacts f = t;
  std::erase_if(f.versions, [&](const DeadlineVersion& v) { return v.approved_on > day; });
  std::erase_if(f.report_days, [&](Date d) { return d > day; });
  return f;
}

bool in_scope(const BoardFilter& f, std::int64_t lead) {
  return f.lead_scope.empty() || std::find(f.lead_scope.begin(), f.lead_scope.end(), lead) != f.lead_scope.end();
}

bool selected(const BoardFilter& f, const TaskRecord& r, const TaskNames& n) {
  if (!in_scope(f, r.lead_agency_id)) return false;
  if (!f.lead.empty() && f.lead != r.lead) return false;
  if (f.document != 0 && f.document != n.document_id) return false;
  if (f.leader != 0 && f.leader != n.assigned_by) return false;
  return f.assigner == 0 || f.assigner == n.assigner_agency_id;
}

}  // namespace

BoardSource load_board_source(soci::session& s, Date day) {
  BoardSource src;
  src.day = day;
  const std::string d = calendar::format_date(day);
  src.records = assigned_tasks_as_of(s, d);
  long long id = 0, document = 0, assigner = 0, by = 0;
  TaskNames n;
  soci::statement st =
      (s.prepare << "SELECT t.id, i.document_id, t.content, a.name, t.assigner_agency_id, b.name,"
                    " COALESCE(t.assigned_by, 0), COALESCE(u.full_name, '')"
                    " FROM tasks t JOIN task_items i ON i.id = t.item_id"
                    " JOIN directory_agencies a ON a.id = t.lead_agency_id"
                    " JOIN directory_agencies b ON b.id = t.assigner_agency_id"
                    " LEFT JOIN accounts u ON u.id = t.assigned_by"
                    " WHERE t.parent_id IS NULL AND t.assigned_on <= :day",
       soci::use(d, "day"), soci::into(id), soci::into(document), soci::into(n.content), soci::into(n.lead_name),
       soci::into(assigner), soci::into(n.assigner_name), soci::into(by), soci::into(n.assigned_by_name));
  st.execute();
  while (st.fetch()) {
    n.document_id = document;
    n.assigner_agency_id = assigner;
    n.assigned_by = by;
    src.names[id] = n;
  }
  return src;
}

std::vector<BoardTask> board_tasks(const BoardSource& src, Date day, const calendar::WorkCalendar& cal, OnTimeRule rule,
                                   const BoardFilter& f) {
  static const TaskNames kNone;
  std::vector<BoardTask> out;
  for (const TaskRecord& r : src.records) {
    if (r.facts.assigned_on > day) continue;
    auto it = src.names.find(r.id);
    const TaskNames& n = it == src.names.end() ? kNone : it->second;
    if (!selected(f, r, n)) continue;
    const TaskFacts facts = facts_at(r.facts, day);
    const Bucket b = bucket_as_of(facts, day, cal, rule);
    if (b == Bucket::none || (f.bucket && *f.bucket != b)) continue;
    BoardTask t;
    t.id = r.id;
    t.document_id = n.document_id;
    t.document = r.document;
    t.lead_agency_id = r.lead_agency_id;
    t.lead = r.lead;
    t.lead_name = n.lead_name;
    t.assigner_agency_id = n.assigner_agency_id;
    t.assigner_name = n.assigner_name;
    t.assigned_by = n.assigned_by;
    t.assigned_by_name = n.assigned_by_name;
    t.content = n.content;
    t.assigned_on = calendar::format_date(r.facts.assigned_on);
    t.due = text_of(shown_due_as_of(facts, day, cal));
    if (b == Bucket::done_on_time || b == Bucket::done_late)
      t.completed_on = text_of(facts.completed_on ? facts.completed_on : facts.confirmed_on);
    t.bucket = b;
    out.push_back(std::move(t));
  }
  return out;
}

namespace {

const char* const kPublicColumns =
    "SELECT d.id, d.kind, d.number, d.issued_on, a.name, d.signer, d.subject"
    " FROM task_documents d JOIN directory_agencies a ON a.id = d.issuer_agency_id WHERE d.is_public";

}  // namespace

std::vector<PublicDocument> public_documents(soci::session& s) {
  std::vector<PublicDocument> out;
  PublicDocument d;
  long long id = 0;
  soci::statement st = (s.prepare << std::string(kPublicColumns) + " ORDER BY d.issued_on DESC, d.id DESC",
                        soci::into(id), soci::into(d.kind), soci::into(d.number), soci::into(d.issued_on),
                        soci::into(d.issuer), soci::into(d.signer), soci::into(d.subject));
  st.execute();
  while (st.fetch()) {
    d.id = id;
    out.push_back(d);
  }
  return out;
}

std::optional<PublicDocument> public_document(soci::session& s, std::int64_t id) {
  PublicDocument d;
  long long key = id, got = 0;
  soci::indicator ind = soci::i_ok;
  s << std::string(kPublicColumns) + " AND d.id = :id", soci::use(key, "id"), soci::into(got, ind),
      soci::into(d.kind), soci::into(d.number), soci::into(d.issued_on), soci::into(d.issuer), soci::into(d.signer),
      soci::into(d.subject);
  if (!s.got_data() || ind != soci::i_ok) return std::nullopt;
  d.id = got;
  return d;
}

std::vector<PublicTask> public_tasks(soci::session& s, std::int64_t document_id) {
  std::vector<PublicTask> out;
  long long doc = document_id;
  {
    long long id = 0, item = 0;
    PublicTask t;
    soci::statement st =
        (s.prepare << "SELECT t.id, t.item_id, t.content, a.name FROM tasks t JOIN task_items i ON i.id = t.item_id"
                      " JOIN directory_agencies a ON a.id = t.lead_agency_id"
                      " WHERE i.document_id = :doc AND t.parent_id IS NULL ORDER BY i.seq, t.id",
         soci::use(doc, "doc"), soci::into(id), soci::into(item), soci::into(t.content), soci::into(t.lead_name));
    st.execute();
    while (st.fetch()) {
      t.id = id;
      t.item_id = item;
      out.push_back(t);
    }
  }
  long long task = 0;
  std::string name;
  soci::statement st =
      (s.prepare << "SELECT c.task_id, a.name FROM task_coordinators c JOIN tasks t ON t.id = c.task_id"
                    " JOIN task_items i ON i.id = t.item_id JOIN directory_agencies a ON a.id = c.agency_id"
                    " WHERE i.document_id = :doc AND t.parent_id IS NULL ORDER BY c.task_id, a.name",
       soci::use(doc, "doc"), soci::into(task), soci::into(name));
  st.execute();
  while (st.fetch())
    for (auto& t : out)
      if (t.id == task) t.coordinators.push_back(name);
  return out;
}

}  // namespace tinhso::tasks
