// SQL of the processing side (store_processing.h). Reads identity's accounts/account_roles,
// directory's agencies and the procedures catalogue read-only, joined in the same statement so a
// page costs a fixed number of statements.
#include "modules/dossiers/store_processing.h"

#include <array>

#include "core/util/strings.h"

namespace tinhso::dossiers {

namespace {

// The open states of the queue. The literal must equal the WHERE clause of the partial indexes
// dossiers_open_agency and dossiers_open_desk (migrations/005_open_queue.sql): both engines use a
// partial index only when the statement repeats its predicate.
constexpr const char* kOpen =
    "d.received_at IS NOT NULL AND d.state IN ('received', 'processing', 'proposed', 'approved',"
    " 'supplement_requested')";
constexpr std::array<const char*, 5> kOpenStates{"received", "processing", "proposed", "approved",
                                                 "supplement_requested"};
// Above this many arms (agencies × states × 2) the page is one sorted statement instead.
constexpr std::size_t kMaxArms = 200;
// Up to this many matching dossiers one sorted statement is cheaper than planning the arms
// (≈ 1 ms of CPU on SQLite): its sort stays bounded by this number.
constexpr long long kSortAtMost = 500;

std::string escaped_prefix(const std::string& prefix) {
  std::string like = prefix;
  for (char c : std::string("\\%_"))
    for (std::size_t p = like.find(c); p != std::string::npos; p = like.find(c, p + 2)) like.insert(p, 1, '\\');
  return like + "%";
}

// The WHERE clause of the queue and its bound values; agency ids become :a0, :a1, ...
struct QueueWhere {
  std::string sql;
  std::vector<long long> agencies;
  long long assignee = 0;
  std::string state, due_by, code_like;

  explicit QueueWhere(const QueueFilter& f) {
    sql = std::string(" WHERE ") + kOpen + " AND ";
    sql += f.by_desk ? "d.desk_agency_id IN (" : "d.agency_id IN (";
    for (std::size_t i = 0; i < f.agencies.size(); ++i) {
      sql += (i ? ", :a" : ":a") + std::to_string(i);
      agencies.push_back(f.agencies[i]);
    }
    sql += ")";
    assignee = f.assignee_id;
    if (assignee) sql += " AND d.assignee_id = :assignee";
    state = f.state;
    if (!state.empty()) sql += " AND d.state = :state";
    due_by = f.due_by;
    if (!due_by.empty()) sql += " AND d.due_date <= :due_by";
    if (!f.code_prefix.empty()) {
      code_like = escaped_prefix(f.code_prefix);
      sql += " AND d.code LIKE :code ESCAPE '\\'";
    }
  }

  template <class Prepared>
  void bind(Prepared& p) {
    for (std::size_t i = 0; i < agencies.size(); ++i) p, soci::use(agencies[i], "a" + std::to_string(i));
    if (assignee) p, soci::use(assignee, "assignee");
    if (!state.empty()) p, soci::use(state, "state");
    if (!due_by.empty()) p, soci::use(due_by, "due_by");
    if (!code_like.empty()) p, soci::use(code_like, "code");
  }
};

// One arm per (agency, state, dated or not): each reads its partial index in the page's order
// and stops at offset + limit rows. Values live here so the statement's bindings stay valid.
struct QueueArms {
  struct Arm {
    long long agency = 0;
    std::string state;
    bool dated = true;
  };
  std::vector<Arm> arms;
  long long assignee = 0;
  std::string due_by, code_like;
  int reach = 0;
  std::string sql;

  explicit QueueArms(const QueueFilter& f) {
    std::vector<std::string> states;
    if (f.state.empty())
      states.assign(kOpenStates.begin(), kOpenStates.end());
    else
      states.push_back(f.state);
    for (auto a : f.agencies)
      for (const auto& st : states) {
        arms.push_back({a, st, true});
        // Undated (paused) dossiers are never due by a day.
        if (f.due_by.empty()) arms.push_back({a, st, false});
      }
    assignee = f.assignee_id;
    due_by = f.due_by;
    if (!f.code_prefix.empty()) code_like = escaped_prefix(f.code_prefix);
    reach = f.offset + f.limit;
    std::string filters;
    if (assignee) filters += " AND d.assignee_id = :assignee";
    if (!code_like.empty()) filters += " AND d.code LIKE :code ESCAPE '\\'";
    for (std::size_t i = 0; i < arms.size(); ++i) {
      std::string k = std::to_string(i);
      std::string arm = std::string("SELECT d.id, d.code, d.due_date FROM dossiers d WHERE ") + kOpen +
                        (f.by_desk ? " AND d.desk_agency_id = :a" : " AND d.agency_id = :a") + k +
                        " AND d.state = :s" + k + filters;
      if (arms[i].dated)
        arm += std::string(due_by.empty() ? "" : " AND d.due_date <= :due" + k) +
               " AND d.due_date IS NOT NULL ORDER BY d.due_date, d.code";
      else
        arm += " AND d.due_date IS NULL ORDER BY d.code";
      sql += std::string(i ? " UNION ALL " : "") + "SELECT * FROM (" + arm + " LIMIT :m" + k + ") arm" + k;
    }
  }

  template <class Prepared>
  void bind(Prepared& p) {
    for (std::size_t i = 0; i < arms.size(); ++i) {
      std::string k = std::to_string(i);
      p, soci::use(arms[i].agency, "a" + k), soci::use(arms[i].state, "s" + k), soci::use(reach, "m" + k);
      if (arms[i].dated && !due_by.empty()) p, soci::use(due_by, "due" + k);
    }
    if (assignee) p, soci::use(assignee, "assignee");
    if (!code_like.empty()) p, soci::use(code_like, "code");
  }
};

constexpr const char* kQueueColumns =
    "SELECT d.id, d.code, d.state, COALESCE(d.due_date, ''), COALESCE(d.appointment_date, ''), d.received_at,"
    " d.applicant_name, p.code, p.name, COALESCE(a.full_name, ''), d.agency_id, COALESCE(d.assignee_id, 0),"
    " CASE WHEN d.paused_at IS NULL THEN 0 ELSE 1 END,"
    " CASE WHEN EXISTS (SELECT 1 FROM dossier_risk_flags f WHERE f.dossier_id = d.id AND f.due_date = d.due_date)"
    " THEN 1 ELSE 0 END,"
    " CASE WHEN EXISTS (SELECT 1 FROM dossier_apologies x WHERE x.dossier_id = d.id) THEN 1 ELSE 0 END";

template <class Prepared>
std::vector<QueueRow> fetch_queue(Prepared&& p, QueueRow& r, long long& id, long long& agency, long long& assignee,
                                  int& paused, int& flagged, int& apologised) {
  soci::statement st = p;
  st.execute();
  std::vector<QueueRow> out;
  while (st.fetch()) {
    r.id = id;
    r.agency_id = agency;
    r.assignee_id = assignee;
    r.paused = paused;
    r.flagged = flagged;
    r.apologised = apologised;
    out.push_back(r);
  }
  return out;
}

}  // namespace

// Issue 15 §7: a large queue's page merges index-ordered arms (QueueArms) and joins the other
// tables for its own rows only, so its cost follows the page, not the number of open dossiers; a
// small queue (kSortAtMost) or a scope with more agencies than kMaxArms allows is one sorted
// statement with the same rows.
std::vector<QueueRow> list_queue(soci::session& s, const QueueFilter& f, long long total) {
  if (f.offset >= total) return {};
  long long id = 0, agency = 0, assignee = 0;
  int paused = 0, flagged = 0, apologised = 0, offset = f.offset, limit = f.limit;
  QueueRow r;
  auto into = [&](auto& p) {
    p, soci::into(id), soci::into(r.code), soci::into(r.state), soci::into(r.due_date),
        soci::into(r.appointment_date), soci::into(r.received_at), soci::into(r.applicant_name),
        soci::into(r.procedure_code), soci::into(r.procedure_name), soci::into(r.assignee_name), soci::into(agency),
        soci::into(assignee), soci::into(paused), soci::into(flagged), soci::into(apologised);
    p, soci::use(limit, "limit"), soci::use(offset, "offset");
  };
  std::size_t arms = f.agencies.size() * (f.state.empty() ? kOpenStates.size() : 1) * 2;
  if (arms <= kMaxArms && total > kSortAtMost) {
    QueueArms q(f);
    // The page is cut from the arms' ids before the joins, which then read its rows only.
    const std::string order = " ORDER BY CASE WHEN q.due_date IS NULL THEN 1 ELSE 0 END, q.due_date, q.code";
    auto p = (s.prepare << std::string(kQueueColumns) + " FROM (SELECT * FROM (" + q.sql + ") q" + order +
                               " LIMIT :limit OFFSET :offset) q JOIN dossiers d ON d.id = q.id"
                               " JOIN procedures p ON p.id = d.procedure_id LEFT JOIN accounts a ON a.id = d.assignee_id" +
                               order);
    into(p);
    q.bind(p);
    return fetch_queue(std::move(p), r, id, agency, assignee, paused, flagged, apologised);
  }
  QueueWhere w(f);
  auto p = (s.prepare << std::string(kQueueColumns) +
                             " FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
                             " LEFT JOIN accounts a ON a.id = d.assignee_id" +
                             w.sql +
                             " ORDER BY CASE WHEN d.due_date IS NULL THEN 1 ELSE 0 END, d.due_date, d.code"
                             " LIMIT :limit OFFSET :offset");
  into(p);
  w.bind(p);
  return fetch_queue(std::move(p), r, id, agency, assignee, paused, flagged, apologised);
}

// Without an assignee, due-day or code filter, the sum of the trigger-kept counts
// (migration 006_open_counts: one row per agency or desk and open state, whatever the number of
// dossiers); otherwise counted from the partial index alone (its columns cover every filter).
long long count_queue(soci::session& s, const QueueFilter& f) {
  if (!f.assignee_id && f.due_by.empty() && f.code_prefix.empty() && !f.agencies.empty()) {
    std::string kind = f.by_desk ? "desk" : "agency", state = f.state;
    std::string sql = "SELECT COALESCE(SUM(n), 0) FROM dossier_open_counts WHERE kind = :kind AND agency_id IN (";
    for (std::size_t i = 0; i < f.agencies.size(); ++i) sql += (i ? ", :a" : ":a") + std::to_string(i);
    sql += ")";
    if (!state.empty()) sql += " AND state = :state";
    long long n = 0;
    std::vector<long long> ids(f.agencies.begin(), f.agencies.end());
    auto p = (s.prepare << sql, soci::into(n), soci::use(kind, "kind"));
    for (std::size_t i = 0; i < ids.size(); ++i) p, soci::use(ids[i], "a" + std::to_string(i));
    if (!state.empty()) p, soci::use(state, "state");
    soci::statement st = p;
    st.execute(true);
    return n;
  }
  QueueWhere w(f);
  long long n = 0;
  auto p = (s.prepare << "SELECT COUNT(*) FROM dossiers d" + w.sql, soci::into(n));
  w.bind(p);
  soci::statement st = p;
  st.execute(true);
  return n;
}

ProcedureRef procedure_ref(soci::session& s, std::int64_t procedure_id) {
  long long id = procedure_id;
  ProcedureRef p;
  s << "SELECT code, name FROM procedures WHERE id = :id", soci::use(id, "id"), soci::into(p.code), soci::into(p.name);
  return p;
}

std::optional<Apology> find_apology(soci::session& s, std::int64_t dossier_id) {
  long long id = dossier_id, by = 0;
  Apology a;
  s << "SELECT issued_at, issued_by, reason, old_date, new_date, reschedules FROM dossier_apologies"
       " WHERE dossier_id = :d",
      soci::use(id, "d"), soci::into(a.issued_at), soci::into(by), soci::into(a.reason), soci::into(a.old_date),
      soci::into(a.new_date), soci::into(a.count);
  if (!s.got_data()) return std::nullopt;
  a.issued_by = by;
  return a;
}

bool insert_apology(soci::session& s, std::int64_t dossier_id, const Apology& a, int max) {
  long long id = dossier_id, by = a.issued_by;
  soci::statement st =
      (s.prepare << "INSERT INTO dossier_apologies (dossier_id, issued_at, issued_by, reason, old_date, new_date, reschedules)"
                    " VALUES (:d, :at, :by, :reason, :old, :new, 1) ON CONFLICT (dossier_id) DO UPDATE SET"
                    " issued_at = excluded.issued_at, issued_by = excluded.issued_by, reason = excluded.reason,"
                    " old_date = excluded.old_date, new_date = excluded.new_date,"
                    " reschedules = dossier_apologies.reschedules + 1 WHERE dossier_apologies.reschedules < :max",
       soci::use(id, "d"), soci::use(a.issued_at, "at"), soci::use(by, "by"), soci::use(a.reason, "reason"),
       soci::use(a.old_date, "old"), soci::use(a.new_date, "new"), soci::use(max, "max"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::vector<DueRow> unflagged_due(soci::session& s, const std::string& limit, int max) {
  long long id = 0, agency = 0;
  DueRow r;
  soci::statement st =
      (s.prepare << "SELECT d.id, d.agency_id, d.code, d.due_date FROM dossiers d"
                    " WHERE d.state IN ('received', 'processing', 'proposed', 'approved') AND d.paused_at IS NULL"
                    " AND d.due_date IS NOT NULL AND d.due_date <= :limit AND NOT EXISTS (SELECT 1 FROM"
                    " dossier_risk_flags f WHERE f.dossier_id = d.id AND f.due_date = d.due_date)"
                    " ORDER BY d.due_date, d.id LIMIT :max",
       soci::use(limit, "limit"), soci::use(max, "max"), soci::into(id), soci::into(agency), soci::into(r.code),
       soci::into(r.due_date));
  st.execute();
  std::vector<DueRow> out;
  while (st.fetch()) {
    r.id = id;
    r.agency_id = agency;
    out.push_back(r);
  }
  return out;
}

bool insert_flag(soci::session& s, std::int64_t dossier_id, const std::string& due_date, const std::string& now) {
  long long id = dossier_id;
  soci::statement st = (s.prepare << "INSERT INTO dossier_risk_flags (dossier_id, due_date, flagged_at)"
                                     " VALUES (:d, :due, :now) ON CONFLICT (dossier_id, due_date) DO NOTHING",
                        soci::use(id, "d"), soci::use(due_date, "due"), soci::use(now, "now"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool claim_job(soci::session& s, const std::string& job, const std::string& node, const std::string& now,
               const std::string& until) {
  soci::statement st = (s.prepare << "UPDATE dossier_job_leases SET claimed_by = :node, claimed_until = :until"
                                     " WHERE job = :job AND claimed_until < :now",
                        soci::use(node, "node"), soci::use(until, "until"), soci::use(job, "job"),
                        soci::use(now, "now"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void finish_job(soci::session& s, const std::string& job, const std::string& node, const std::string& now) {
  s << "UPDATE dossier_job_leases SET last_run_at = :now WHERE job = :job AND claimed_by = :node",
      soci::use(now, "now"), soci::use(job, "job"), soci::use(node, "node");
}

void release_job(soci::session& s, const std::string& job, const std::string& node) {
  s << "UPDATE dossier_job_leases SET claimed_until = '1970-01-01T00:00:00Z' WHERE job = :job AND claimed_by = :node",
      soci::use(job, "job"), soci::use(node, "node");
}

void insert_sms(soci::session& s, const std::string& to, const std::string& text, const std::string& code,
                const std::string& now) {
  s << "INSERT INTO sms_outbox (to_phone, text, dossier_code, created_at, attempts, next_attempt_at)"
       " VALUES (:to, :text, :code, :now, 0, :next)",
      soci::use(to, "to"), soci::use(text, "text"), soci::use(code, "code"), soci::use(now, "now"),
      soci::use(now, "next");
}

std::vector<std::int64_t> due_sms(soci::session& s, const std::string& now, int limit) {
  std::vector<std::int64_t> ids;
  long long id = 0;
  soci::statement st = (s.prepare << "SELECT id FROM sms_outbox WHERE next_attempt_at IS NOT NULL"
                                     " AND next_attempt_at <= :now AND (claimed_until IS NULL OR claimed_until < :now2)"
                                     " ORDER BY id LIMIT :lim",
                        soci::into(id), soci::use(now, "now"), soci::use(now, "now2"), soci::use(limit, "lim"));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  return ids;
}

bool claim_sms(soci::session& s, std::int64_t id, const std::string& node, const std::string& now,
               const std::string& until) {
  long long key = id;
  soci::statement st = (s.prepare << "UPDATE sms_outbox SET claimed_by = :node, claimed_until = :until"
                                     " WHERE id = :id AND next_attempt_at IS NOT NULL"
                                     " AND (claimed_until IS NULL OR claimed_until < :now)",
                        soci::use(node, "node"), soci::use(until, "until"), soci::use(key, "id"),
                        soci::use(now, "now"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<QueuedSms> load_sms(soci::session& s, std::int64_t id) {
  long long key = id;
  QueuedSms q;
  s << "SELECT to_phone, text, dossier_code, created_at, attempts FROM sms_outbox WHERE id = :id", soci::use(key, "id"),
      soci::into(q.to), soci::into(q.text), soci::into(q.dossier_code), soci::into(q.created_at),
      soci::into(q.attempts);
  if (!s.got_data()) return std::nullopt;
  q.id = id;
  return q;
}

void mark_sms_sent(soci::session& s, std::int64_t id, const std::string& now) {
  long long key = id;
  s << "UPDATE sms_outbox SET sent_at = :now, attempts = attempts + 1, next_attempt_at = NULL, claimed_by = NULL,"
       " claimed_until = NULL, last_error = NULL WHERE id = :id",
      soci::use(now, "now"), soci::use(key, "id");
}

void mark_sms_failed(soci::session& s, std::int64_t id, int attempts, const std::optional<std::string>& next,
                     const std::string& error) {
  long long key = id;
  std::string n = next.value_or("");
  std::string err(utf8_prefix(error, 500));
  s << "UPDATE sms_outbox SET attempts = :attempts, next_attempt_at = NULLIF(:next, ''), last_error = :err,"
       " claimed_by = NULL, claimed_until = NULL WHERE id = :id",
      soci::use(attempts, "attempts"), soci::use(n, "next"), soci::use(err, "err"), soci::use(key, "id");
}

}  // namespace tinhso::dossiers
