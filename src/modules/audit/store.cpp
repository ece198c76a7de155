// All SQL of the audit module.
#include <sodium.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <map>
#include <mutex>

#include <nlohmann/json.hpp>

#include "core/auth/principal.h"
#include "core/db/prepared.h"
#include "core/util/strings.h"
#include "core/util/unavailable.h"
#include "modules/audit/api.h"

namespace tinhso::audit {

namespace {

struct Actor {
  std::optional<std::int64_t> id;
  std::string name, role, address, request_id;
};

using Record = ChainRecord;

std::mutex key_mu;
std::shared_ptr<const AuditKeys> installed_keys;

std::shared_ptr<const AuditKeys> current_keys() {
  std::lock_guard lock(key_mu);
  return installed_keys;
}

// The append's statements, prepared once per pooled connection (core/db/prepared.h, issue 15 §7):
// they run under the write lock on every state change of every module.
struct LockChain : db::Prepared {
  explicit LockChain(soci::session& s) { prepare((s.prepare << "SELECT pg_advisory_xact_lock(7285102)")); }
};

struct ReadHead : db::Prepared {
  long long seq = 0;
  std::string hash;
  int mac_key = 1;
  explicit ReadHead(soci::session& s) {
    prepare((s.prepare << "SELECT seq, hash, mac_key FROM audit_head WHERE id = 1", soci::into(seq),
             soci::into(hash), soci::into(mac_key)));
  }
};

struct InsertRecord : db::Prepared {
  Record r;
  long long seq = 0, actor_id = 0;
  std::string prev_hash, hash, mac;
  int mac_key = 0;
  soci::indicator actor_ind = soci::i_null, mac_ind = soci::i_null;
  explicit InsertRecord(soci::session& s) {
    prepare((s.prepare << "INSERT INTO audit_log (seq, at, actor_id, actor_name, role, address, action, object_type,"
                          " object_id, before_summary, after_summary, request_id, prev_hash, hash, mac, mac_key)"
                          " VALUES (:seq, :at, :actor_id, :actor_name, :role, :address, :action, :object_type,"
                          " :object_id, :before, :after, :request_id, :prev_hash, :hash, :mac, :mac_key)",
             soci::use(seq, "seq"), soci::use(r.at, "at"), soci::use(actor_id, actor_ind, "actor_id"),
             soci::use(r.actor_name, "actor_name"), soci::use(r.role, "role"), soci::use(r.address, "address"),
             soci::use(r.action, "action"), soci::use(r.object_type, "object_type"),
             soci::use(r.object_id, "object_id"), soci::use(r.before, "before"), soci::use(r.after, "after"),
             soci::use(r.request_id, "request_id"), soci::use(prev_hash, "prev_hash"), soci::use(hash, "hash"),
             soci::use(mac, mac_ind, "mac"), soci::use(mac_key, mac_ind, "mac_key")));
  }
};

struct WriteHead : db::Prepared {
  long long seq = 0;
  std::string hash;
  int mac_key = 1;
  explicit WriteHead(soci::session& s) {
    prepare((s.prepare << "UPDATE audit_head SET seq = :seq, hash = :hash, mac_key = :mac_key WHERE id = 1",
             soci::use(seq, "seq"), soci::use(hash, "hash"), soci::use(mac_key, "mac_key")));
  }
};

// The key a new record is MACed with: the node's current key, or the head's if that is newer (and
// the node has it), so key ids never decrease along the chain (api.h AuditKeys).
int mac_key_for(const AuditKeys& keys, int head_key) {
  int id = std::max(keys.current, head_key);
  if (!keys.find(id))
    throw util::Unavailable("the audit chain is MACed with audit key " + std::to_string(id) +
                                ", which this node's audit key file lacks: give every node the same file"
                                " (docs/OPERATIONS.md §12)",
                            60);
  return id;
}

void append(soci::session& s, db::Dialect dialect, const auth::Clock& clock, const Actor& actor, const Change& c) {
  // Serialise appenders: SQLite write transactions already are (BEGIN IMMEDIATE).
  if (dialect == db::Dialect::postgresql) db::prepared<LockChain>(s).execute(true);
  long long head_seq = 0;
  std::string head_hash;
  int head_key = 1;
  {
    auto h = db::prepared<ReadHead>(s);
    if (h.execute(true)) {
      head_seq = h->seq;
      head_hash = h->hash;
      head_key = h->mac_key;
    }
  }
  auto ins = db::prepared<InsertRecord>(s);
  Record& r = ins->r;
  r = Record{head_seq + 1, auth::iso_utc(clock.now()), actor.id, actor.name, actor.role, actor.address,
             c.action, c.object_type, c.object_id, c.before, c.after, actor.request_id};
  ins->hash = chain_hash(head_hash, canonical(r));
  auto keys = current_keys();
  ins->mac_key = keys ? mac_key_for(*keys, head_key) : head_key;
  ins->mac = keys ? record_mac(*keys->find(ins->mac_key), ins->hash) : std::string();
  ins->mac_ind = keys ? soci::i_ok : soci::i_null;
  ins->actor_ind = r.actor_id ? soci::i_ok : soci::i_null;
  ins->actor_id = r.actor_id.value_or(0);
  ins->seq = r.seq;
  ins->prev_hash = head_hash;
  ins.execute(true);
  auto head = db::prepared<WriteHead>(s);
  head->seq = ins->seq;
  head->hash = ins->hash;
  head->mac_key = ins->mac_key;
  head.execute(true);
}

Actor actor_of(const http::Request& req) {
  Actor a;
  a.address = req.remote_addr;
  a.request_id = req.request_id;
  if (req.principal) {
    a.id = req.principal->account_id;
    a.name = req.principal->display_name;
    a.role = std::string(req.principal->primary_role());
  } else {
    a.name = "";
    a.role = "anonymous";
  }
  return a;
}

}  // namespace

void use_keys(std::shared_ptr<const AuditKeys> keys) {
  std::lock_guard lock(key_mu);
  installed_keys = std::move(keys);
}

void record(soci::session& s, db::Dialect dialect, const auth::Clock& clock, const http::Request& req,
            const Change& change) {
  append(s, dialect, clock, actor_of(req), change);
}

void record_system(soci::session& s, db::Dialect dialect, const auth::Clock& clock, std::string_view actor,
                   const Change& change) {
  append(s, dialect, clock, Actor{std::nullopt, std::string(actor), "system", "local", ""}, change);
}

Recorder for_request(db::Dialect dialect, const auth::Clock& clock, const http::Request& req) {
  return [dialect, &clock, &req](soci::session& s, const Change& c) { record(s, dialect, clock, req, c); };
}

Recorder for_system(db::Dialect dialect, const auth::Clock& clock, std::string actor) {
  return [dialect, &clock, actor = std::move(actor)](soci::session& s, const Change& c) {
    record_system(s, dialect, clock, actor, c);
  };
}

VerifyResult verify(db::Database& db, const VerifyInput& in, const std::function<void(std::int64_t)>& progress) {
  std::multimap<std::int64_t, const Anchor*> anchors;
  for (const auto& a : in.anchors)
    if (a.seq > 0) anchors.emplace(a.seq, &a);
  return db.with_session([&](soci::session& s) {
    VerifyResult res;
    std::string expected_prev(64, '0');
    long long head_seq = 0;
    std::string head_hash;
    s << "SELECT seq, hash FROM audit_head WHERE id = 1", soci::into(head_seq), soci::into(head_hash);
    Record r;
    long long seq = 0, actor_id = 0;
    int mac_key = 1, last_key = 0;
    soci::indicator actor_ind = soci::i_ok, mac_ind = soci::i_ok, key_ind = soci::i_ok;
    std::string prev_hash, hash, mac;
    soci::statement st =
        (s.prepare << "SELECT seq, at, actor_id, actor_name, role, address, action, object_type, object_id,"
                      " before_summary, after_summary, request_id, prev_hash, hash, mac, mac_key FROM audit_log"
                      " ORDER BY seq",
         soci::into(seq), soci::into(r.at), soci::into(actor_id, actor_ind), soci::into(r.actor_name),
         soci::into(r.role), soci::into(r.address), soci::into(r.action), soci::into(r.object_type),
         soci::into(r.object_id), soci::into(r.before), soci::into(r.after), soci::into(r.request_id),
         soci::into(prev_hash), soci::into(hash), soci::into(mac, mac_ind), soci::into(mac_key, key_ind));
    st.execute();
    std::int64_t want = 1;
    auto fail = [&](std::int64_t at_seq, std::string why) {
      res.ok = false;
      res.first_bad_seq = at_seq;
      res.problem = std::move(why);
      return res;
    };
    while (st.fetch()) {
      const std::string n = std::to_string(seq);
      if (seq != want) {
        return fail(want, seq > want ? "record " + std::to_string(want) + " is missing (removed)"
                                     : "record " + n + " is out of order");
      }
      r.seq = seq;
      r.actor_id = actor_ind == soci::i_null ? std::nullopt : std::optional<std::int64_t>(actor_id);
      if (prev_hash != expected_prev) return fail(seq, "record " + n + " does not follow the record before it");
      if (chain_hash(prev_hash, canonical(r)) != hash) return fail(seq, "record " + n + " was changed");
      bool has_mac = mac_ind != soci::i_null;
      if (has_mac) {
        const int id = key_ind == soci::i_null ? 1 : mac_key;
        if (!in.keys) {
          res.needs_key = true;
          return fail(seq, "record " + n + " has a MAC and no audit key was given (--audit-key-file)");
        }
        if (id < last_key)
          return fail(seq, "record " + n + " is MACed with audit key " + std::to_string(id) + " after key " +
                               std::to_string(last_key) + " took over: written or rewritten with a retired key");
        const crypto::SecretBytes* key = in.keys->find(id);
        if (!key) {
          res.needs_key = true;
          return fail(seq, "record " + n + " is MACed with audit key " + std::to_string(id) +
                               ", which the audit key file lacks (--audit-key-file)");
        }
        if (!same_mac(record_mac(*key, hash), mac))
          return fail(seq, "record " + n + " has a wrong MAC: the log was rewritten (or this is not its audit key)");
        last_key = id;
        ++res.keyed;
        ++res.keyed_by_key[id];
      } else if (res.keyed > 0) {
        return fail(seq, "record " + n + " has no MAC after keyed records: written or rewritten without the key");
      }
      auto [lo, hi] = anchors.equal_range(seq);
      for (auto it = lo; it != hi; ++it) {
        const Anchor& a = *it->second;
        if (a.hash != hash || !same_mac(a.mac, has_mac ? mac : std::string()))
          return fail(seq, "record " + n + " differs from the head anchored at " + a.at + ": the log was rewritten");
        ++res.anchored;
      }
      expected_prev = hash;
      ++want;
      ++res.checked;
      if (progress && res.checked % 100000 == 0) progress(res.checked);
    }
    if (!anchors.empty() && anchors.rbegin()->first > want - 1) {
      const Anchor& a = *anchors.rbegin()->second;
      return fail(want, "the log ends at record " + std::to_string(want - 1) + " but record " + std::to_string(a.seq) +
                            " was anchored at " + a.at + " (records removed or the table truncated)");
    }
    if (head_seq != want - 1 || head_hash != expected_prev)
      return fail(want, "the log ends at record " + std::to_string(want - 1) + " but " + std::to_string(head_seq) +
                            " were written (records removed from the end)");
    return res;
  });
}

std::vector<Anchor> read_anchors(const std::string& file, const std::string& chain) {
  std::vector<Anchor> out;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line))
    if (auto a = parse_anchor(line); a && a->chain == chain) out.push_back(std::move(*a));
  return out;
}

std::optional<Anchor> read_head(db::Database& db) {
  return db.with_session([&](soci::session& s) -> std::optional<Anchor> {
    Anchor a;
    long long seq = 0;
    std::string mac;
    soci::indicator mac_ind = soci::i_ok;
    s << "SELECT seq, hash, mac FROM audit_log ORDER BY seq DESC LIMIT 1", soci::into(seq), soci::into(a.hash),
        soci::into(mac, mac_ind);
    if (!s.got_data()) return std::nullopt;
    a.seq = seq;
    if (mac_ind != soci::i_null) a.mac = mac;
    return a;
  });
}

void security_event(db::Database& db, const auth::Clock& clock, const http::Request& req, std::string_view kind,
                    std::string_view subject, std::string_view detail) {
  std::string at = auth::iso_utc(clock.now()), k(kind), subj(subject), det(detail);
  long long account = req.principal ? req.principal->account_id : 0;
  soci::indicator ind = req.principal ? soci::i_ok : soci::i_null;
  db.transaction([&](soci::session& s) {
    s << "INSERT INTO security_events (at, kind, address, account_id, subject, detail, request_id)"
         " VALUES (:at, :kind, :address, :account, :subject, :detail, :request_id)",
        soci::use(at), soci::use(k), soci::use(req.remote_addr), soci::use(account, ind), soci::use(subj),
        soci::use(det), soci::use(req.request_id);
  });
}

}  // namespace tinhso::audit
