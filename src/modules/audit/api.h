#pragma once
// The audit module: the tamper-evident audit log every state change writes to, the security
// event log, and the auditors' pages over both.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/app/module.h"
#include "core/auth/clock.h"
#include "core/db/database.h"
#include "core/http/errors.h"
#include "core/http/request.h"
#include "modules/audit/chain.h"

namespace tinhso::audit {

app::Module module();

// The audit module's settings.
struct Settings {
  // The audit key that MACs every audit record (--audit-key-file; load_key_file): made with a new key,
  // mode 0600, when missing. The same file on every node.
  std::string key_file = "var/audit-key";
  // This node's append-only file of audit chain heads (--audit-anchor-file), written every
  // anchor_interval (--audit-anchor-seconds); `chain` names the database in it (chain_label of
  // --db, set when the module is configured).
  std::string anchor_file = "var/audit-anchors";
  std::chrono::seconds anchor_interval{300};
  std::string chain;
  // Security events older than this are deleted (--security-event-retention-days); audit records
  // are kept.
  int security_event_retention_days = 365;
};
inline const Settings& settings(const app::Context& ctx) { return ctx.settings.modules.get<Settings>(); }

// The audit keys (load_keys): every key that ever MACed a record, by id (1–255), and the id this
// node MACs new records with. A record carries its key's id (audit_log.mac_key; NULL = 1, the
// records of the one-key format). Ids only grow along the chain: an appender MACs with the larger of
// its current id and the id of the chain's head, so once any node wrote under a new key every node
// that has it follows, and `verify` refuses a record under a smaller id than the one before it —
// a leaked retired key cannot append or rewrite anything after the rotation (OPERATIONS §12).
struct AuditKeys {
  std::map<int, crypto::SecretBytes> keys;
  int current = 0;
  const crypto::SecretBytes* find(int id) const {
    auto it = keys.find(id);
    return it == keys.end() ? nullptr : &it->second;
  }
};

// The keys every record appended from now on is MACed with, for the whole process; nullptr: records
// get no MAC (unit tests of other modules). main() sets it before any command that writes to the
// database, so a node never writes an unkeyed record after keyed ones.
void use_keys(std::shared_ptr<const AuditKeys> keys);

// The audit key file (Settings::key_file, --audit-key-file): outside the database, the same on every
// node. Lines: comments (#); keys `ID:KEY` (ID 1–255, KEY 32 bytes in standard base64, as
// `tinhso keys generate` prints); at most one `current=ID` (default: the highest id). A bare KEY line
// is key 1 (the file as first made). When `create` and the file is missing, makes it first with one
// new random key, mode 0600, atomically (a concurrent reader never sees half a file). Throws
// std::runtime_error naming the file and line, never a key. (key.cpp)
AuditKeys load_keys(const std::string& file, bool create);
// The file's first key (lowest id), which never leaves it: what other secrets derive from (the
// recovery-code key of mfa/recovery.h), so that rotating the MAC key does not change them.
crypto::SecretBytes load_key_file(const std::string& file, bool create);

// One state change: what was done to which object, with short before/after summaries
// (never secrets: no passwords, tokens or codes).
struct Change {
  std::string action;       // "account.register", "agency.update", ...
  std::string object_type;  // "account", "agency", ...
  std::string object_id;
  std::string before;
  std::string after;
};

// Appends one record inside the caller's transaction, so the change and its record commit or
// roll back together. Actor, role, address and request id come from `req`.
void record(soci::session& s, db::Dialect dialect, const auth::Clock& clock, const http::Request& req,
            const Change& change);
// The same for changes made outside a request (command line, demo data): actor is `actor`.
void record_system(soci::session& s, db::Dialect dialect, const auth::Clock& clock, std::string_view actor,
                   const Change& change);

// Appends audit records as one actor, inside the caller's transaction: the one way a module
// writes its audit trail. Bound once per request (for_request) or per system actor (for_system)
// and handed to the use cases, which call it for every change they make.
using Recorder = std::function<void(soci::session&, const Change&)>;
// Records as the request's principal (anonymous without one), with its address and request id.
// Keeps references to `ctx` and `req`: use it only while the request is handled.
Recorder for_request(db::Dialect dialect, const auth::Clock& clock, const http::Request& req);
inline Recorder for_request(const app::Context& ctx, const http::Request& req) {
  return for_request(ctx.db.dialect(), ctx.clock, req);
}
// Records as the system under the name `actor` ("demo", "cli", "job:lateness", ...).
Recorder for_system(db::Dialect dialect, const auth::Clock& clock, std::string actor);

struct VerifyResult {
  bool ok = true;
  bool needs_key = false;  // keyed records and no key given: nothing could be concluded
  std::int64_t checked = 0;
  std::int64_t keyed = 0;     // records whose MAC was checked
  std::map<int, std::int64_t> keyed_by_key;  // of those, per key id
  std::int64_t anchored = 0;  // anchors of this chain that matched
  std::optional<std::int64_t> first_bad_seq;
  std::string problem;  // readable, e.g. "record 42 was changed"
};
struct VerifyInput {
  const AuditKeys* keys = nullptr;  // the audit keys; without a record's key it cannot be checked
  std::vector<Anchor> anchors;               // this chain's anchors (read_anchors)
};
// Walks the whole chain: each record's hash link and, when it has one, its MAC under the key it names
// (records without a MAC may only precede the first keyed one; key ids never decrease); then every anchor: the anchored record must still be
// there with the anchored hash and MAC. `progress` is told the number checked every 100,000 records.
VerifyResult verify(db::Database& db, const VerifyInput& in = {},
                    const std::function<void(std::int64_t)>& progress = {});

// The anchors of chain `chain` in the anchor file (other chains' and damaged lines are skipped);
// none if the file does not exist.
std::vector<Anchor> read_anchors(const std::string& file, const std::string& chain);
// The current head (the last record), or nullopt for an empty log.
std::optional<Anchor> read_head(db::Database& db);

// Security events (failed sign-ins, cool-downs, permission denials, CSRF failures). Written in a
// transaction of their own, so they survive the failing request's rollback.
void security_event(db::Database& db, const auth::Clock& clock, const http::Request& req, std::string_view kind,
                    std::string_view subject, std::string_view detail);

// Records a refused request (an http::Error of kind forbidden) as a security event:
// "csrf_failure" for a cross-site request (error.forbidden.cross_site), else
// "permission_denied". CSRF token failures (error.forbidden.csrf) are recorded by the identity
// module itself, and a pending second factor is a sign-in step: both are skipped here. Never
// throws: a failure to record is logged.
void record_forbidden(db::Database& db, const auth::Clock& clock, const http::Request& req, const http::Error& e);

}  // namespace tinhso::audit
