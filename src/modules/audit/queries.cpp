// Read-only SQL of the auditors' pages. Each optional filter is written as
// "(:x = '' OR column = :x)" so the statement text is fixed and every value is bound.
#include "modules/audit/queries.h"

namespace tinhso::audit {

namespace {

constexpr const char* kLogWhere =
    " WHERE (:f1 = '' OR at >= :f2) AND (:t1 = '' OR at < :t2)"
    " AND (:a1 = '' OR actor_name = :a2 OR CAST(actor_id AS TEXT) = :a3)"
    " AND (:c1 = '' OR action = :c2) AND (:o1 = '' OR object_type = :o2) AND (:i1 = '' OR object_id = :i2)"
    " AND (CAST(:b1 AS BIGINT) = 0 OR seq < :b2)";

constexpr const char* kEventWhere =
    " WHERE (:f1 = '' OR at >= :f2) AND (:t1 = '' OR at < :t2)"
    " AND (:k1 = '' OR kind = :k2) AND (:d1 = '' OR address = :d2)";

}  // namespace

void each_record(soci::session& s, const LogFilter& f, int limit, const std::function<void(const LogRecord&)>& fn) {
  LogRecord r;
  long long seq = 0, actor_id = 0, before = f.before;
  soci::indicator actor_ind = soci::i_ok;
  soci::statement st =
      (s.prepare << std::string("SELECT seq, at, actor_id, actor_name, role, address, action, object_type,"
                                " object_id, before_summary, after_summary, request_id, hash FROM audit_log") +
                        kLogWhere + " ORDER BY seq DESC LIMIT :lim",
       soci::into(seq), soci::into(r.at), soci::into(actor_id, actor_ind), soci::into(r.actor_name), soci::into(r.role),
       soci::into(r.address), soci::into(r.action), soci::into(r.object_type), soci::into(r.object_id),
       soci::into(r.before), soci::into(r.after), soci::into(r.request_id), soci::into(r.hash), soci::use(f.from),
       soci::use(f.from), soci::use(f.to), soci::use(f.to), soci::use(f.actor), soci::use(f.actor),
       soci::use(f.actor), soci::use(f.action), soci::use(f.action), soci::use(f.object_type),
       soci::use(f.object_type), soci::use(f.object_id), soci::use(f.object_id), soci::use(before),
       soci::use(before), soci::use(limit));
  st.execute();
  while (st.fetch()) {
    r.seq = seq;
    r.actor_id = actor_ind == soci::i_null ? std::nullopt : std::optional<std::int64_t>(actor_id);
    fn(r);
  }
}

std::vector<SecurityEvent> list_events(soci::session& s, const EventFilter& f, int limit) {
  std::vector<SecurityEvent> out;
  SecurityEvent e;
  long long id = 0, account = 0, before = f.before;
  soci::indicator account_ind = soci::i_ok;
  soci::statement st =
      (s.prepare << std::string("SELECT id, at, kind, address, account_id, subject, detail, request_id"
                                " FROM security_events") +
                        kEventWhere + " AND (CAST(:b1 AS BIGINT) = 0 OR id < :b2) ORDER BY id DESC LIMIT :lim",
       soci::into(id), soci::into(e.at), soci::into(e.kind), soci::into(e.address), soci::into(account, account_ind),
       soci::into(e.subject), soci::into(e.detail), soci::into(e.request_id), soci::use(f.from), soci::use(f.from),
       soci::use(f.to), soci::use(f.to), soci::use(f.kind), soci::use(f.kind), soci::use(f.address),
       soci::use(f.address), soci::use(before), soci::use(before), soci::use(limit));
  st.execute();
  while (st.fetch()) {
    e.id = id;
    e.account_id = account_ind == soci::i_null ? std::nullopt : std::optional<std::int64_t>(account);
    out.push_back(e);
  }
  return out;
}

namespace {

std::vector<std::pair<std::string, std::int64_t>> count_by(soci::session& s, const EventFilter& f,
                                                           const std::string& column, int limit) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  std::string key;
  long long n = 0;
  soci::statement st = (s.prepare << "SELECT " + column + ", COUNT(*) FROM security_events" + kEventWhere +
                                         " GROUP BY " + column + " ORDER BY COUNT(*) DESC, " + column + " LIMIT :lim",
                        soci::into(key), soci::into(n), soci::use(f.from), soci::use(f.from), soci::use(f.to),
                        soci::use(f.to), soci::use(f.kind), soci::use(f.kind), soci::use(f.address),
                        soci::use(f.address), soci::use(limit));
  st.execute();
  while (st.fetch()) out.emplace_back(key, n);
  return out;
}

}  // namespace

std::vector<std::pair<std::string, std::int64_t>> count_events_by_kind(soci::session& s, const EventFilter& f) {
  return count_by(s, f, "kind", 100);
}

std::vector<std::pair<std::string, std::int64_t>> count_events_by_address(soci::session& s, const EventFilter& f,
                                                                          int limit) {
  return count_by(s, f, "address", limit);
}

}  // namespace tinhso::audit
