#include "modules/tasks/pages_board_query.h"

#include <algorithm>

#include "modules/tasks/sql_query.h"

namespace tinhso::tasks {

namespace {

std::optional<std::string> text_of(const std::optional<Date>& d) {
  if (!d.has_value()) return std::nullopt;
  return calendar::format_date(d.value());
}

std::optional<Date> day_of(const std::string& s) { return s.empty() ? std::nullopt : calendar::parse_date(s); }

}  // namespace

namespace {

using Details = std::map<std::int64_t, std::pair<BoardTask, TaskFacts>>;

// The task row's facts as bucket_as_of reads them (dates not yet parsed are skipped by the caller).
TaskFacts facts_of(Date assigned, const std::string& kind, int days, const std::string& every, int rday, int rmonth,
                   const std::string& completed, const std::string& confirmed, const std::string& closed) {
  TaskFacts f;
  f.assigned_on = assigned;
  f.deadline.kind = parse_deadline_kind(kind).value_or(DeadlineKind::none);
  f.deadline.days = days;
  f.deadline.every = parse_every(every).value_or(Every::month);
  f.deadline.day = rday;
  f.deadline.month = rmonth;
  f.completed_on = day_of(completed);
  f.confirmed_on = day_of(confirmed);
  f.closed_on = day_of(closed);
  return f;
}

// The tasks `ids` (no sub-tasks) with their names and facts, in one statement.
Details load_details(soci::session& s, const std::vector<std::int64_t>& ids) {
  Details by_id;
  Query q("SELECT t.id, i.document_id, d.number, t.lead_agency_id, a.code, a.name, t.assigner_agency_id, b.name,"
          " COALESCE(t.assigned_by, 0), COALESCE(u.full_name, ''), t.content, t.assigned_on, t.deadline_kind,"
          " t.deadline_days, t.recurring_every, t.recurring_day, t.recurring_month, COALESCE(t.completed_on, ''),"
          " COALESCE(t.confirmed_on, ''), COALESCE(t.closed_on, '')"
          " FROM tasks t JOIN task_items i ON i.id = t.item_id JOIN task_documents d ON d.id = i.document_id"
          " JOIN directory_agencies a ON a.id = t.lead_agency_id JOIN directory_agencies b ON b.id = t.assigner_agency_id"
          " LEFT JOIN accounts u ON u.id = t.assigned_by WHERE t.parent_id IS NULL AND t.id IN ");
  q.in("id", ids);
  long long id = 0, document = 0, lead = 0, assigner = 0, by = 0;
  int days = 0, rday = 0, rmonth = 0;
  BoardTask t;
  std::string kind, every, completed, confirmed, closed;
  soci::statement st = q.prepare(
      s, soci::into(id), soci::into(document), soci::into(t.document), soci::into(lead), soci::into(t.lead),
      soci::into(t.lead_name), soci::into(assigner), soci::into(t.assigner_name), soci::into(by),
      soci::into(t.assigned_by_name), soci::into(t.content), soci::into(t.assigned_on), soci::into(kind),
      soci::into(days), soci::into(every), soci::into(rday), soci::into(rmonth), soci::into(completed),
      soci::into(confirmed), soci::into(closed));
  st.execute();
  while (st.fetch()) {
    const std::optional<Date> on = calendar::parse_date(t.assigned_on);
    if (!on.has_value()) continue;
    t.id = id;
    t.document_id = document;
    t.lead_agency_id = lead;
    t.assigner_agency_id = assigner;
    t.assigned_by = by;
    by_id[id] = {t, facts_of(on.value(), kind, days, every, rday, rmonth, completed, confirmed, closed)};
  }
  return by_id;
}

// One version (number ≥ 0) or report (number −1) row onto its task's facts.
void add_dated(Details& by_id, long long task, int number, const std::string& due, const std::string& approved) {
  const auto it = by_id.find(task);
  const std::optional<Date> dd = calendar::parse_date(due);
  const std::optional<Date> ad = calendar::parse_date(approved);
  if (it == by_id.end() || !dd.has_value() || !ad.has_value()) return;
  TaskFacts& f = it->second.second;
  if (number >= 0) f.versions.push_back({number, dd.value(), ad.value()});
  else if (f.deadline.kind == DeadlineKind::recurring) f.report_days.push_back(dd.value());
}

// The deadline versions approved by `d` and the reports made by it, in one statement.
void load_dated(soci::session& s, Details& by_id, const std::vector<std::int64_t>& ids, const std::string& d) {
  Query q("SELECT v.task_id, v.number, v.due, v.approved_on FROM task_deadline_versions v WHERE v.approved_on <= ");
  q.value("day", d).text(" AND v.task_id IN ").in("v", ids);
  q.text(" UNION ALL SELECT r.task_id, -1, r.reported_on, r.reported_on FROM task_reports r WHERE r.reported_on <= ");
  q.value("day2", d).text(" AND r.task_id IN ").in("r", ids).text(" ORDER BY 1, 3");
  long long task = 0;
  int number = 0;
  std::string due, approved;
  soci::statement st = q.prepare(s, soci::into(task), soci::into(number), soci::into(due), soci::into(approved));
  st.execute();
  while (st.fetch()) add_dated(by_id, task, number, due, approved);
}

// The task's bucket, due day and completion as of `day`; false when it is not counted that day.
bool settle(BoardTask& t, TaskFacts& f, Date day, const calendar::WorkCalendar& cal, OnTimeRule rule) {
  if (f.assigned_on > day) return false;
  std::sort(f.versions.begin(), f.versions.end(),
            [](const DeadlineVersion& x, const DeadlineVersion& y) { return x.number < y.number; });
  t.bucket = bucket_as_of(f, day, cal, rule);
  if (t.bucket == Bucket::none) return false;
  t.due = text_of(shown_due_as_of(f, day, cal));
  if (t.bucket == Bucket::done_on_time || t.bucket == Bucket::done_late)
    t.completed_on = text_of(f.completed_on.has_value() ? f.completed_on : f.confirmed_on);
  return true;
}

}  // namespace

std::vector<BoardTask> board_task_details(soci::session& s, const std::vector<std::int64_t>& ids, Date day,
                                          const calendar::WorkCalendar& cal, OnTimeRule rule) {
  if (ids.empty()) return {};
  Details by_id = load_details(s, ids);
  load_dated(s, by_id, ids, calendar::format_date(day));
  std::vector<BoardTask> out;
  for (std::int64_t id : ids) {
    const auto it = by_id.find(id);
    if (it == by_id.end()) continue;
    if (settle(it->second.first, it->second.second, day, cal, rule)) out.push_back(it->second.first);
  }
  return out;
}

namespace {

// The number of the scope's spans holding `day` (its counted tasks on that day), read from the
// covering index by lead body.
long long scope_spans(soci::session& s, const std::string& day, int rule, const std::vector<std::int64_t>& leads) {
  Query q("SELECT COUNT(*) FROM task_board_spans x WHERE x.rule = ");
  q.value("r", rule).text(" AND x.lead_agency_id IN ").in("x", leads).text(" AND x.from_day <= ").value("d", day);
  q.text(" AND x.to_day >= ").value("d2", day);
  long long n = 0;
  soci::statement st = q.prepare(s, soci::into(n));
  st.execute(true);
  return n;
}

}  // namespace

std::vector<BoardDocument> documents_page(soci::session& s, Date day, OnTimeRule rule,
                                          const std::vector<std::int64_t>& leads, long long offset, long long limit,
                                          std::vector<BoardSpan>& spans, long long few_spans) {
  // kFewScopeSpans: above it, reading the documents newest first costs a quarter of a millisecond
  // against 7 ms from the spans (2,351 spans at 1 M tasks); ≈ 1 ms either way near it (50,000
  // documents).
  const std::string d = calendar::format_date(day);
  const int r = rule == OnTimeRule::original_deadline ? 1 : 0;
  Query q("SELECT p.id, p.number, p.issued_on, COALESCE(sp.task_id, 0), COALESCE(sp.lead_agency_id, 0),"
          " COALESCE(sp.assigner_agency_id, 0), COALESCE(sp.assigned_by, 0), COALESCE(sp.bucket, -1),"
          " COALESCE(sp.from_day, ''), COALESCE(sp.to_day, '') FROM (SELECT d.id, d.number, d.issued_on"
          " FROM task_documents d WHERE ");
  if (leads.empty()) {
    q.text("d.issued_on <= ").value("day", d);
    q.text(" AND EXISTS (SELECT 1 FROM task_items i JOIN tasks t ON t.item_id = i.id"
           " WHERE i.document_id = d.id AND t.parent_id IS NULL AND t.assigned_on <= ").value("day2", d).text(")");
  } else if (scope_spans(s, d, r, leads) <= few_spans) {
    // Few of the scope's tasks on the day: their documents, then the newest (∝ those spans).
    q.text("d.id IN (SELECT x.document_id FROM task_board_spans x WHERE x.rule = ").value("r0", r);
    q.text(" AND x.lead_agency_id IN ").in("x", leads).text(" AND x.from_day <= ").value("day", d);
    q.text(" AND x.to_day >= ").value("day2", d).text(")");
  } else {
    // Many: the documents newest first, each probed for one of the scope's spans (∝ the
    // documents read until a page is full: few when the scope has many tasks).
    q.text("d.issued_on <= ").value("day", d);
    q.text(" AND EXISTS (SELECT 1 FROM task_board_spans x WHERE x.rule = ").value("r0", r);
    q.text(" AND x.document_id = d.id AND x.lead_agency_id IN ").in("x", leads).text(" AND x.from_day <= ").value("day2", d);
    q.text(" AND x.to_day >= ").value("day3", d).text(")");
  }
  q.text(" ORDER BY d.issued_on DESC, d.id DESC LIMIT ").value("lim", limit).text(" OFFSET ").value("off", offset);
  q.text(") p LEFT JOIN task_board_spans sp ON sp.document_id = p.id AND sp.rule = ").value("r", r);
  q.text(" AND sp.from_day <= ").value("d3", d).text(" AND sp.to_day >= ").value("d4", d);
  if (!leads.empty()) q.text(" AND sp.lead_agency_id IN ").in("y", leads);
  q.text(" ORDER BY p.issued_on DESC, p.id DESC");
  std::vector<BoardDocument> out;
  long long id = 0, task = 0, lead = 0, assigner = 0, leader = 0;
  BoardDocument doc;
  BoardSpan sp;
  soci::statement st = q.prepare(s, soci::into(id), soci::into(doc.number), soci::into(doc.issued_on), soci::into(task),
                                 soci::into(lead), soci::into(assigner), soci::into(leader), soci::into(sp.bucket),
                                 soci::into(sp.from), soci::into(sp.to));
  st.execute();
  while (st.fetch()) {
    if (out.empty() || out.back().id != id) {
      doc.id = id;
      out.push_back(doc);
    }
    if (task == 0) continue;  // a document none of whose tasks is counted on the day
    sp.task = task;
    sp.lead = lead;
    sp.document = id;
    sp.assigner = assigner;
    sp.leader = leader;
    spans.push_back(sp);
  }
  return out;
}

std::vector<BoardDocument> documents_by_id(soci::session& s, const std::vector<std::int64_t>& ids) {
  std::vector<BoardDocument> out;
  if (ids.empty()) return out;
  Query q("SELECT d.id, d.number, d.issued_on FROM task_documents d WHERE d.id IN ");
  q.in("id", ids);
  long long id = 0;
  BoardDocument doc;
  soci::statement st = q.prepare(s, soci::into(id), soci::into(doc.number), soci::into(doc.issued_on));
  st.execute();
  while (st.fetch()) {
    doc.id = id;
    out.push_back(doc);
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
