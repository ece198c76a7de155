#include "modules/dossiers/store_intake.h"

#include "core/db/prepared.h"
#include "modules/dossiers/store_files.h"

namespace tinhso::dossiers {

namespace {

constexpr const char* kListColumns =
    "SELECT d.id, COALESCE(d.code, ''), d.state, d.channel, p.code, p.name, p.name_en, d.applicant_name,"
    " d.created_at, COALESCE(d.submitted_at, ''), COALESCE(d.appointment_date, '')"
    " FROM dossiers d JOIN procedures p ON p.id = d.procedure_id ";

template <class Prepared>
std::vector<ListedDossier> fetch_list(Prepared&& p) {
  long long id = 0;
  ListedDossier r;
  p, soci::into(id), soci::into(r.code), soci::into(r.state), soci::into(r.channel), soci::into(r.procedure_code),
      soci::into(r.procedure_name), soci::into(r.procedure_name_en), soci::into(r.applicant_name),
      soci::into(r.created_at), soci::into(r.submitted_at), soci::into(r.appointment_date);
  soci::statement st = p;
  st.execute();
  std::vector<ListedDossier> out;
  while (st.fetch()) {
    r.id = id;
    out.push_back(r);
  }
  return out;
}

}  // namespace

std::vector<ListedDossier> list_applicant_dossiers(soci::session& s, std::int64_t account_id, int limit, int offset) {
  long long a = account_id;
  int n = limit + 1;
  return fetch_list((s.prepare << std::string(kListColumns) +
                                      "WHERE d.applicant_account_id = :a ORDER BY d.created_at DESC, d.id DESC"
                                      " LIMIT :n OFFSET :o",
                     soci::use(a, "a"), soci::use(n, "n"), soci::use(offset, "o")));
}

// One arm per (desk, state), each read in index order (dossiers_desk_queue: desk, state,
// submitted_at) and cut at offset + limit + 1 rows, then merged: no sort of every open dossier of
// the desk, so the first pages cost the same at 10 k and 1 M dossiers.
std::vector<ListedDossier> list_desk_dossiers(soci::session& s, const std::vector<std::int64_t>& desks,
                                              const std::vector<std::string>& states, int limit, int offset) {
  if (desks.empty() || states.empty()) return {};
  std::vector<long long> ids(desks.begin(), desks.end());
  std::string sql;
  for (std::size_t i = 0; i < ids.size(); ++i)
    for (std::size_t j = 0; j < states.size(); ++j) {
      std::string k = std::to_string(i) + "_" + std::to_string(j);
      sql += std::string(sql.empty() ? "" : " UNION ALL ") + "SELECT * FROM (" + kListColumns +
             "WHERE d.desk_agency_id = :a" + k + " AND d.state = :s" + k +
             " ORDER BY d.submitted_at, d.id LIMIT :m" + k + ") arm" + k;
    }
  sql += " ORDER BY 10, 1 LIMIT :n OFFSET :o";
  int n = limit + 1, m = offset + limit + 1;
  auto p = (s.prepare << sql, soci::use(n, "n"), soci::use(offset, "o"));
  for (std::size_t i = 0; i < ids.size(); ++i)
    for (std::size_t j = 0; j < states.size(); ++j) {
      std::string k = std::to_string(i) + "_" + std::to_string(j);
      p, soci::use(ids[i], "a" + k), soci::use(states[j], "s" + k), soci::use(m, "m" + k);
    }
  return fetch_list(std::move(p));
}

void insert_supplement(soci::session& s, std::int64_t dossier_id, const Supplement& sup) {
  long long d = dossier_id, by = sup.requested_by;
  int late = sup.late ? 1 : 0;
  s << "INSERT INTO dossier_supplements (dossier_id, requested_at, requested_by, items, late)"
       " VALUES (:d, :at, :by, :items, CASE CAST(:late AS INTEGER) WHEN 1 THEN TRUE ELSE FALSE END)",
      soci::use(d, "d"), soci::use(sup.requested_at, "at"), soci::use(by, "by"), soci::use(sup.items, "items"),
      soci::use(late, "late");
}

std::optional<Supplement> open_supplement(soci::session& s, std::int64_t dossier_id) {
  long long d = dossier_id, id = 0, by = 0;
  int late = 0;
  Supplement sup;
  s << "SELECT id, requested_at, requested_by, items, CASE WHEN late THEN 1 ELSE 0 END FROM dossier_supplements"
       " WHERE dossier_id = :d AND completed_at IS NULL ORDER BY id DESC LIMIT 1",
      soci::use(d, "d"), soci::into(id), soci::into(sup.requested_at), soci::into(by), soci::into(sup.items),
      soci::into(late);
  if (!s.got_data()) return std::nullopt;
  sup.id = id;
  sup.requested_by = by;
  sup.late = late == 1;
  return sup;
}

void complete_supplement(soci::session& s, std::int64_t dossier_id, const std::string& at, const std::string& note) {
  long long d = dossier_id;
  s << "UPDATE dossier_supplements SET completed_at = :at, note = :note WHERE dossier_id = :d AND completed_at IS NULL",
      soci::use(at, "at"), soci::use(note, "note"), soci::use(d, "d");
}

std::optional<Rating> find_rating(soci::session& s, std::int64_t dossier_id) {
  long long d = dossier_id;
  Rating r;
  s << "SELECT score, comment, rated_at FROM dossier_ratings WHERE dossier_id = :d", soci::use(d, "d"),
      soci::into(r.score), soci::into(r.comment), soci::into(r.rated_at);
  if (!s.got_data()) return std::nullopt;
  return r;
}

bool insert_rating(soci::session& s, std::int64_t dossier_id, const Rating& r) {
  long long d = dossier_id;
  soci::statement st = (s.prepare << "INSERT INTO dossier_ratings (dossier_id, score, comment, rated_at)"
                                     " VALUES (:d, :score, :comment, :at) ON CONFLICT (dossier_id) DO NOTHING",
                        soci::use(d, "d"), soci::use(r.score, "score"), soci::use(r.comment, "comment"),
                        soci::use(r.rated_at, "at"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void delete_draft(soci::session& s, std::int64_t dossier_id) {
  long long d = dossier_id;
  delete_all_files(s, dossier_id);
  s << "DELETE FROM dossiers WHERE id = :d AND state = 'draft'", soci::use(d, "d");
}

void record_lookup_failure(soci::session& s, const std::string& at, const std::string& code, const std::string& bucket) {
  s << "INSERT INTO dossier_lookup_failures (at, code, address) VALUES (:at, :code, :address)", soci::use(at, "at"),
      soci::use(code, "code"), soci::use(bucket, "address");
}

namespace {

struct LookupFailures : db::Prepared {
  std::string bucket, code, since;
  LookupCounts c;
  explicit LookupFailures(soci::session& s) {
    prepare((s.prepare << "SELECT (SELECT COUNT(*) FROM dossier_lookup_failures WHERE code = :code_p"
                          " AND address = :address_p AND at >= :since_p),"
                          " (SELECT COUNT(*) FROM dossier_lookup_failures WHERE address = :address AND at >= :since_a),"
                          " (SELECT COUNT(*) FROM dossier_lookup_failures WHERE code = :code AND at >= :since_c)",
             soci::use(code, "code_p"), soci::use(bucket, "address_p"), soci::use(since, "since_p"),
             soci::use(bucket, "address"), soci::use(since, "since_a"), soci::use(code, "code"),
             soci::use(since, "since_c"), soci::into(c.pair), soci::into(c.bucket), soci::into(c.code)));
  }
};

}  // namespace

// Prepared once per connection: every public look-up runs it (issue 15 §7).
LookupCounts lookup_failures(soci::session& s, const std::string& bucket, const std::string& code,
                             const std::string& since) {
  auto q = db::prepared<LookupFailures>(s);
  q->bucket = bucket;
  q->code = code;
  q->since = since;
  q->c = LookupCounts{};
  q.execute(true);
  return q->c;
}

namespace {

struct ReadPublicLookup : db::Prepared {
  std::string bucket, code, since;
  PublicLookup row;
  long long id = 0;
  PublicLookupEvent e;
  explicit ReadPublicLookup(soci::session& s) {
    prepare((s.prepare << "SELECT (SELECT COUNT(*) FROM dossier_lookup_failures WHERE code = :code_p"
                          " AND address = :address_p AND at >= :since_p),"
                          " (SELECT COUNT(*) FROM dossier_lookup_failures WHERE address = :address AND at >= :since_a),"
                          " (SELECT COUNT(*) FROM dossier_lookup_failures WHERE code = :code AND at >= :since_c),"
                          " d.id, d.code, d.state, d.applicant_phone, d.applicant_id_number,"
                          " COALESCE(d.received_at, ''), COALESCE(d.appointment_date, ''),"
                          " COALESCE(p.name, ''), COALESCE(p.name_en, ''),"
                          " COALESCE(e.at, ''), COALESCE(e.action, ''), COALESCE(e.to_state, '')"
                          " FROM dossiers d LEFT JOIN procedures p ON p.id = d.procedure_id"
                          " LEFT JOIN dossier_events e ON e.dossier_id = d.id WHERE d.code = :code_d ORDER BY e.id",
             soci::use(code, "code_p"), soci::use(bucket, "address_p"), soci::use(since, "since_p"),
             soci::use(bucket, "address"), soci::use(since, "since_a"), soci::use(code, "code"),
             soci::use(since, "since_c"), soci::use(code, "code_d"), soci::into(row.failures.pair),
             soci::into(row.failures.bucket), soci::into(row.failures.code), soci::into(id), soci::into(row.code),
             soci::into(row.state), soci::into(row.applicant_phone), soci::into(row.applicant_id_number),
             soci::into(row.received_at), soci::into(row.appointment_date), soci::into(row.procedure),
             soci::into(row.procedure_en), soci::into(e.at), soci::into(e.action), soci::into(e.to_state)));
  }
};

}  // namespace

// Prepared once per connection: every public look-up runs it (issue 15 §7).
PublicLookup read_public_lookup(soci::session& s, const std::string& bucket, const std::string& code,
                                const std::string& since) {
  auto q = db::prepared<ReadPublicLookup>(s);
  q->bucket = bucket;
  q->code = code;
  q->since = since;
  PublicLookup out;
  bool first = true;
  for (bool got = q.execute(true); got; got = q.fetch(), first = false) {
    if (first) {
      out = q->row;
      out.id = q->id;
    }
    if (!q->e.action.empty()) out.events.push_back(q->e);
  }
  // No dossier has the code (no row): its failures are read alone.
  if (first) out.failures = lookup_failures(s, bucket, code, since);
  return out;
}

namespace {

// Advisory lock namespaces (the first key of pg_advisory_xact_lock(int, int)).
constexpr int kLockCode = 0x4c4b0001, kLockBucket = 0x4c4b0002, kLockPrune = 0x4c4b0003;

// FNV-1a, folded to 32 bits: the same on every node (std::hash is not).
int lock_key(const std::string& text) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return static_cast<int>(static_cast<std::uint32_t>(h ^ (h >> 32)));
}

}  // namespace

void lock_lookup_counts(soci::session& s, db::Dialect dialect, const std::string& code, const std::string& bucket) {
  if (dialect != db::Dialect::postgresql) return;
  int ns_code = kLockCode, ns_bucket = kLockBucket, code_key = lock_key(code), bucket_key = lock_key(bucket);
  s << "SELECT pg_advisory_xact_lock(:ns, :key)", soci::use(ns_code, "ns"), soci::use(code_key, "key");
  s << "SELECT pg_advisory_xact_lock(:ns, :key)", soci::use(ns_bucket, "ns"), soci::use(bucket_key, "key");
}

long long prune_lookup_failures(soci::session& s, db::Dialect dialect, const std::string& before, int max) {
  if (dialect == db::Dialect::postgresql) {
    int ns = kLockPrune, zero = 0, got = 0;
    s << "SELECT CASE WHEN pg_try_advisory_xact_lock(:ns, :zero) THEN 1 ELSE 0 END", soci::use(ns, "ns"),
        soci::use(zero, "zero"), soci::into(got);
    if (!got) return 0;
  }
  soci::statement st = (s.prepare << "DELETE FROM dossier_lookup_failures WHERE id IN (SELECT id FROM"
                                     " dossier_lookup_failures WHERE at < :before ORDER BY at LIMIT :max)",
                        soci::use(before, "before"), soci::use(max, "max"));
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace tinhso::dossiers
