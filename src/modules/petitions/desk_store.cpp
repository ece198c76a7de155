// The desk's store (desk_store.h). Booleans are read as integers and written through CASE, as in
// store.cpp, so the same SQL runs on SQLite and PostgreSQL.
#include "modules/petitions/desk_store.h"

namespace tinhso::petitions {

void insert_representative(soci::session& s, std::int64_t petition_id, const Representative& r) {
  long long id = petition_id;
  int position = r.position;
  std::string name = r.name, contact = r.contact, sealed = r.sealed;
  s << "INSERT INTO petition_representatives (petition_id, position, name, contact, sealed)"
       " VALUES (:id, :position, :name, :contact, NULLIF(:sealed, ''))",
      soci::use(id, "id"), soci::use(position, "position"), soci::use(name, "name"), soci::use(contact, "contact"),
      soci::use(sealed, "sealed");
}

std::vector<Representative> load_representatives(soci::session& s, std::int64_t petition_id) {
  long long id = petition_id;
  Representative r;
  soci::statement st = (s.prepare << "SELECT position, name, contact, COALESCE(sealed, '') FROM petition_representatives"
                                     " WHERE petition_id = :id ORDER BY position",
                        soci::use(id, "id"), soci::into(r.position), soci::into(r.name), soci::into(r.contact),
                        soci::into(r.sealed));
  st.execute();
  std::vector<Representative> out;
  while (st.fetch()) out.push_back(r);
  return out;
}

void seal_representative_row(soci::session& s, std::int64_t petition_id, int position, const std::string& sealed) {
  long long id = petition_id;
  int pos = position;
  s << "UPDATE petition_representatives SET name = '', contact = '', sealed = :sealed"
       " WHERE petition_id = :id AND position = :position",
      soci::use(sealed, "sealed"), soci::use(id, "id"), soci::use(pos, "position");
}

void set_late_filing_reason(soci::session& s, std::int64_t petition_id, const std::string& reason) {
  long long id = petition_id;
  std::string text = reason;
  s << "UPDATE petitions SET late_filing_reason = :reason WHERE id = :id", soci::use(text, "reason"), soci::use(id, "id");
}

void set_long_running(soci::session& s, std::int64_t petition_id, bool long_running) {
  long long id = petition_id;
  int flag = long_running ? 1 : 0;
  s << "UPDATE petitions SET long_running = CASE CAST(:flag AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END WHERE id = :id",
      soci::use(flag, "flag"), soci::use(id, "id");
}

bool insert_link(soci::session& s, const PetitionLink& link, std::int64_t actor_id) {
  long long later = link.petition_id, earlier = link.earlier_id, actor = actor_id, n = 0;
  s << "SELECT COUNT(*) FROM petition_links WHERE (petition_id = :a1 AND earlier_id = :b1)"
       " OR (petition_id = :b2 AND earlier_id = :a2)",
      soci::use(later, "a1"), soci::use(earlier, "b1"), soci::use(earlier, "b2"), soci::use(later, "a2"), soci::into(n);
  if (n > 0) return false;
  std::string kind = link.kind, at = link.created_at;
  s << "INSERT INTO petition_links (petition_id, earlier_id, kind, created_at, actor_id)"
       " VALUES (:later, :earlier, :kind, :at, NULLIF(:actor, 0))",
      soci::use(later, "later"), soci::use(earlier, "earlier"), soci::use(kind, "kind"), soci::use(at, "at"),
      soci::use(actor, "actor");
  return true;
}

bool delete_link(soci::session& s, std::int64_t a, std::int64_t b) {
  long long x = a, y = b;
  soci::statement st = (s.prepare << "DELETE FROM petition_links WHERE (petition_id = :a1 AND earlier_id = :b1)"
                                     " OR (petition_id = :b2 AND earlier_id = :a2)",
                        soci::use(x, "a1"), soci::use(y, "b1"), soci::use(y, "b2"), soci::use(x, "a2"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

std::vector<PetitionLink> links_of(soci::session& s, std::int64_t petition_id) {
  long long id = petition_id, later = 0, earlier = 0;
  PetitionLink l;
  soci::statement st = (s.prepare << "SELECT petition_id, earlier_id, kind, created_at FROM petition_links"
                                     " WHERE petition_id = :a OR earlier_id = :b ORDER BY id",
                        soci::use(id, "a"), soci::use(id, "b"), soci::into(later), soci::into(earlier),
                        soci::into(l.kind), soci::into(l.created_at));
  st.execute();
  std::vector<PetitionLink> out;
  while (st.fetch()) {
    l.petition_id = later;
    l.earlier_id = earlier;
    out.push_back(l);
  }
  return out;
}

std::vector<Candidate> repeat_candidates(soci::session& s, const Petition& x, const std::string& since,
                                         const std::vector<std::string>& words, int limit) {
  static const char* kWordNames[kMaxCandidateWords] = {"w0", "w1", "w2", "w3"};
  std::vector<std::string> patterns;
  for (const auto& w : words) {
    if (patterns.size() == kMaxCandidateWords) break;
    patterns.push_back("%" + w + "%");  // significant_words() holds letters and digits only: no LIKE wildcard
  }
  long long agency = x.agency_id, self = x.id, account = x.filer_account_id;
  std::string received = x.received_at, from = since, name = x.filer_name;
  std::string match = "1 = 0";
  for (std::size_t i = 0; i < patterns.size(); ++i) match += std::string(" OR search_folded LIKE :") + kWordNames[i];
  if (account) match += " OR filer_account_id = :account";
  if (!name.empty()) match += " OR filer_name = :name";
  Candidate c;
  long long id = 0, filer = 0;
  int long_running = 0;
  std::string kind, state;
  auto q = (s.prepare << "SELECT id, code, kind, state, subject, received_at, search_folded, COALESCE(filer_account_id, 0),"
                         " filer_name, filer_contact, CASE WHEN long_running THEN 1 ELSE 0 END FROM petitions"
                         " WHERE agency_id = :agency AND received_at >= :since AND received_at <= :received AND id <> :self"
                         " AND (" + match + ") ORDER BY received_at DESC, id DESC LIMIT :limit",
            soci::use(agency, "agency"), soci::use(from, "since"), soci::use(received, "received"), soci::use(self, "self"));
  for (std::size_t i = 0; i < patterns.size(); ++i) q, soci::use(patterns[i], kWordNames[i]);
  if (account) q, soci::use(account, "account");
  if (!name.empty()) q, soci::use(name, "name");
  q, soci::use(limit, "limit"), soci::into(id), soci::into(c.code), soci::into(kind), soci::into(state), soci::into(c.subject),
      soci::into(c.received_at), soci::into(c.folded), soci::into(filer), soci::into(c.filer_name),
      soci::into(c.filer_contact), soci::into(long_running);
  soci::statement st = q;
  st.execute();
  std::vector<Candidate> out;
  while (st.fetch()) {
    c.id = id;
    c.filer_account_id = filer;
    c.kind = parse_kind(kind).value_or(Kind::feedback);
    c.state = parse_state(state).value_or(State::received);
    c.long_running = long_running != 0;
    out.push_back(c);
  }
  return out;
}

std::map<std::int64_t, std::vector<Representative>> group_representatives(soci::session& s, std::int64_t agency_id,
                                                                          const std::string& since) {
  long long agency = agency_id, petition = 0;
  std::string from = since;
  Representative r;
  auto q = (s.prepare << std::string("SELECT r.petition_id, r.position, r.name, r.contact FROM petition_representatives r"
                                     " JOIN petitions p ON p.id = r.petition_id WHERE p.group_size > 1"
                                     " AND p.kind <> 'denunciation' AND p.received_at >= :since") +
                             (agency ? " AND p.agency_id = :agency" : "") + " ORDER BY r.petition_id, r.position",
            soci::use(from, "since"));
  if (agency) q, soci::use(agency, "agency");
  q, soci::into(petition), soci::into(r.position), soci::into(r.name), soci::into(r.contact);
  soci::statement st = q;
  st.execute();
  std::map<std::int64_t, std::vector<Representative>> out;
  while (st.fetch()) out[petition].push_back(r);
  return out;
}

std::vector<Related> related_petitions(soci::session& s, std::int64_t petition_id) {
  long long id = petition_id, other = 0, agency = 0;
  int long_running = 0;
  Related r;
  std::string kind, state;
  soci::statement st =
      (s.prepare << "SELECT p.id, p.code, p.kind, p.state, p.subject, p.received_at,"
                    " CASE WHEN p.long_running THEN 1 ELSE 0 END, x.relation, x.link_kind, p.agency_id FROM ("
                    "SELECT earlier_id AS other, 'earlier' AS relation, kind AS link_kind FROM petition_links WHERE petition_id = :a"
                    " UNION ALL SELECT petition_id, 'later', kind FROM petition_links WHERE earlier_id = :b"
                    " UNION ALL SELECT linked_petition_id, 'first', '' FROM petitions WHERE id = :c AND linked_petition_id IS NOT NULL"
                    " UNION ALL SELECT id, 'second', '' FROM petitions WHERE linked_petition_id = :d"
                    ") x JOIN petitions p ON p.id = x.other ORDER BY p.received_at, p.id",
       soci::use(id, "a"), soci::use(id, "b"), soci::use(id, "c"), soci::use(id, "d"), soci::into(other),
       soci::into(r.petition.code), soci::into(kind), soci::into(state), soci::into(r.petition.subject),
       soci::into(r.petition.received_at), soci::into(long_running), soci::into(r.relation), soci::into(r.link_kind),
       soci::into(agency));
  st.execute();
  std::vector<Related> out;
  while (st.fetch()) {
    r.petition.id = other;
    r.petition.agency_id = agency;
    r.petition.kind = parse_kind(kind).value_or(Kind::feedback);
    r.petition.state = parse_state(state).value_or(State::received);
    r.petition.long_running = long_running != 0;
    out.push_back(r);
  }
  return out;
}

}  // namespace tinhso::petitions
