#include "modules/mail/store.h"
#include "core/util/strings.h"

namespace tinhso::mail {

void insert_message(soci::session& s, const std::string& to, const std::string& subject, const std::string& body,
                    const std::string& now, const std::optional<std::string>& body_after_send) {
  std::string after = body_after_send.value_or("");
  soci::indicator after_ind = body_after_send ? soci::i_ok : soci::i_null;
  s << "INSERT INTO mail_outbox (to_addr, subject, body, created_at, attempts, next_attempt_at, body_after_send)"
       " VALUES (:to, :subject, :body, :now, 0, :next, :after)",
      soci::use(to), soci::use(subject), soci::use(body), soci::use(now), soci::use(now), soci::use(after, after_ind);
}

std::vector<std::int64_t> due_messages(soci::session& s, const std::string& now, int limit) {
  std::vector<std::int64_t> ids;
  long long id = 0;
  soci::statement st = (s.prepare << "SELECT id FROM mail_outbox WHERE sent_at IS NULL AND next_attempt_at <= :now"
                                     " AND (claimed_until IS NULL OR claimed_until < :now2) ORDER BY id LIMIT :lim",
                        soci::into(id), soci::use(now), soci::use(now), soci::use(limit));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  return ids;
}

bool claim(soci::session& s, std::int64_t id, const std::string& node, const std::string& now,
           const std::string& until) {
  long long key = id;
  soci::statement st = (s.prepare << "UPDATE mail_outbox SET claimed_by = :node, claimed_until = :until"
                                     " WHERE id = :id AND sent_at IS NULL AND next_attempt_at IS NOT NULL"
                                     " AND (claimed_until IS NULL OR claimed_until < :now)",
                        soci::use(node), soci::use(until), soci::use(key), soci::use(now));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<Queued> load(soci::session& s, std::int64_t id) {
  Queued q;
  long long key = id;
  soci::indicator ind = soci::i_null;
  s << "SELECT to_addr, subject, body, created_at, attempts FROM mail_outbox WHERE id = :id", soci::into(q.to, ind),
      soci::into(q.subject), soci::into(q.body), soci::into(q.created_at), soci::into(q.attempts), soci::use(key);
  if (ind == soci::i_null || !s.got_data()) return std::nullopt;
  q.id = id;
  return q;
}

void mark_sent(soci::session& s, std::int64_t id, const std::string& now) {
  long long key = id;
  s << "UPDATE mail_outbox SET sent_at = :now, attempts = attempts + 1, next_attempt_at = NULL,"
       " claimed_by = NULL, claimed_until = NULL, last_error = NULL,"
       " body = COALESCE(body_after_send, body), body_after_send = NULL WHERE id = :id",
      soci::use(now), soci::use(key);
}

void mark_failed(soci::session& s, std::int64_t id, int attempts, const std::optional<std::string>& next_attempt,
                 const std::string& error) {
  long long key = id;
  std::string next = next_attempt.value_or("");
  soci::indicator next_ind = next_attempt ? soci::i_ok : soci::i_null;
  std::string err(utf8_prefix(error, 500));
  s << "UPDATE mail_outbox SET attempts = :attempts, next_attempt_at = :next, last_error = :err,"
       " claimed_by = NULL, claimed_until = NULL WHERE id = :id",
      soci::use(attempts), soci::use(next, next_ind), soci::use(err), soci::use(key);
  if (!next_attempt)
    s << "UPDATE mail_outbox SET body = COALESCE(body_after_send, body), body_after_send = NULL WHERE id = :id",
        soci::use(key);
}

}  // namespace tinhso::mail
