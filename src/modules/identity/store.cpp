#include "modules/identity/store.h"

#include <algorithm>
#include <map>

#include "core/db/prepared.h"
#include "modules/identity/account.h"
#include "core/util/strings.h"
#include "core/util/work_counter.h"

namespace tinhso::identity {

namespace {

constexpr const char* kAccountColumns =
    "SELECT id, email, phone, full_name, citizen_id, kind, status, password_hash, created_at, agency_id"
    " FROM accounts ";

struct AccountRow {
  long long id = 0, agency = 0;
  soci::indicator agency_ind = soci::i_null;
  Account a;
};

void bind(soci::statement& st, AccountRow& r) {
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.a.email));
  st.exchange(soci::into(r.a.phone));
  st.exchange(soci::into(r.a.full_name));
  st.exchange(soci::into(r.a.citizen_id));
  st.exchange(soci::into(r.a.kind));
  st.exchange(soci::into(r.a.status));
  st.exchange(soci::into(r.a.password_hash));
  st.exchange(soci::into(r.a.created_at));
  st.exchange(soci::into(r.agency, r.agency_ind));
}

// The roles of an account; prepared once per pooled connection (core/db/prepared.h): every
// signed-in request reads its account (issue 15 §7).
struct RolesOf : db::Prepared {
  long long id = 0;
  std::string role;
  explicit RolesOf(soci::session& s) {
    prepare((s.prepare << "SELECT role FROM account_roles WHERE account_id = :id ORDER BY role", soci::into(role),
             soci::use(id, "id")));
  }
};

Account finish(soci::session& s, AccountRow& r) {
  Account a = r.a;
  a.id = r.id;
  if (r.agency_ind == soci::i_ok) a.agency_id = r.agency;
  auto q = db::prepared<RolesOf>(s);
  q->id = r.id;
  for (bool row = q.execute(true); row; row = q.fetch())
    if (auto parsed = auth::parse_role(q->role)) a.roles.push_back(*parsed);
  return a;
}

struct AccountById : db::Prepared {
  long long id = 0;
  AccountRow row;
  explicit AccountById(soci::session& s) {
    soci::statement st(s);
    st.alloc();
    st.prepare(std::string(kAccountColumns) + "WHERE id = :v");
    bind(st, row);
    st.exchange(soci::use(id));
    st.define_and_bind();
    prepare(st);
  }
};

std::optional<Account> find_where(soci::session& s, const std::string& where, const auto& value) {
  AccountRow r;
  soci::statement st(s);
  st.alloc();
  st.prepare(std::string(kAccountColumns) + where);
  bind(st, r);
  st.exchange(soci::use(value));
  st.define_and_bind();
  ++util::sql_statements;  // a statement prepared by hand bypasses the session's counting
  st.execute(true);
  if (!st.got_data()) return std::nullopt;
  return finish(s, r);
}

std::vector<std::string> times(soci::session& s, const std::string& sql, const std::string& a, const std::string& b) {
  std::vector<std::string> out;
  std::string at;
  soci::statement st = (s.prepare << sql, soci::into(at), soci::use(a), soci::use(b));
  st.execute();
  while (st.fetch()) out.push_back(at);
  return out;
}

}  // namespace

std::optional<Account> find_account_by_email(soci::session& s, const std::string& email) {
  return find_where(s, "WHERE email = :v", email);
}

std::optional<Account> find_account(soci::session& s, std::int64_t id) {
  AccountRow r;
  {
    auto q = db::prepared<AccountById>(s);
    q->id = id;
    if (!q.execute(true)) return std::nullopt;
    r = q->row;
  }
  return finish(s, r);
}

std::int64_t insert_account(soci::session& s, const NewAccount& a, const std::string& now) {
  long long id = 0, agency = a.agency_id.value_or(0);
  soci::indicator ind = a.agency_id ? soci::i_ok : soci::i_null;
  s << "INSERT INTO accounts (email, phone, full_name, citizen_id, kind, agency_id, password_hash, status,"
       " created_at, updated_at, confirmed_at) VALUES (:email, :phone, :name, :cid, :kind, :agency, :hash, :status,"
       " :now, :now2, CASE WHEN :status2 = 'active' THEN :now3 ELSE NULL END) RETURNING id",
      soci::use(a.email), soci::use(a.phone), soci::use(a.full_name), soci::use(a.citizen_id), soci::use(a.kind),
      soci::use(agency, ind), soci::use(a.password_hash), soci::use(a.status), soci::use(now), soci::use(now),
      soci::use(a.status), soci::use(now), soci::into(id);
  for (auth::Role r : a.roles) {
    std::string name(auth::role_name(r));
    s << "INSERT INTO account_roles (account_id, role) VALUES (:id, :role)", soci::use(id), soci::use(name);
  }
  return id;
}

void set_password(soci::session& s, std::int64_t account, const std::string& hash, const std::string& now) {
  long long id = account;
  s << "UPDATE accounts SET password_hash = :h, updated_at = :now WHERE id = :id", soci::use(hash), soci::use(now),
      soci::use(id);
}

void activate(soci::session& s, std::int64_t account, const std::string& now) {
  long long id = account;
  s << "UPDATE accounts SET status = 'active', confirmed_at = :now, updated_at = :now2"
       " WHERE id = :id AND status = 'unconfirmed'",
      soci::use(now), soci::use(now), soci::use(id);
}

void update_profile(soci::session& s, std::int64_t account, const std::string& name, const std::string& phone,
                    const std::string& now) {
  long long id = account;
  s << "UPDATE accounts SET full_name = :n, phone = :p, updated_at = :now WHERE id = :id", soci::use(name),
      soci::use(phone), soci::use(now), soci::use(id);
}

std::vector<Account> list_staff(soci::session& s, const std::optional<std::vector<std::int64_t>>& scope) {
  // Two statements whatever the number of staff: the accounts, then all their roles.
  std::vector<Account> all;
  {
    AccountRow r;
    soci::statement st(s);
    st.alloc();
    st.prepare(std::string(kAccountColumns) + "WHERE kind = 'staff' ORDER BY id DESC");
    bind(st, r);
    st.define_and_bind();
    ++util::sql_statements;
    st.execute(false);
    while (st.fetch()) {
      Account a = r.a;
      a.id = r.id;
      if (r.agency_ind == soci::i_ok) a.agency_id = r.agency;
      all.push_back(std::move(a));
    }
  }
  std::map<long long, std::vector<auth::Role>> roles;
  {
    long long id = 0;
    std::string role;
    soci::statement st = (s.prepare << "SELECT r.account_id, r.role FROM account_roles r JOIN accounts a"
                                       " ON a.id = r.account_id WHERE a.kind = 'staff' ORDER BY r.account_id, r.role",
                          soci::into(id), soci::into(role));
    st.execute();
    while (st.fetch())
      if (auto parsed = auth::parse_role(role)) roles[id].push_back(*parsed);
  }
  std::vector<Account> out;
  for (auto& a : all) {
    if (scope && (!a.agency_id || std::find(scope->begin(), scope->end(), *a.agency_id) == scope->end())) continue;
    if (auto it = roles.find(a.id); it != roles.end()) a.roles = it->second;
    out.push_back(std::move(a));
  }
  return out;
}

void insert_token(soci::session& s, std::int64_t account, const std::string& purpose, const std::string& hash,
                  const std::string& now, const std::string& expires) {
  long long id = account;
  s << "INSERT INTO account_tokens (account_id, purpose, token_hash, created_at, expires_at)"
       " VALUES (:a, :p, :h, :now, :exp)",
      soci::use(id), soci::use(purpose), soci::use(hash), soci::use(now), soci::use(expires);
}

bool token_live(soci::session& s, const std::string& purpose, const std::string& hash, const std::string& now) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM account_tokens WHERE token_hash = :h AND purpose = :p AND used_at IS NULL"
       " AND expires_at > :now",
      soci::use(hash), soci::use(purpose), soci::use(now), soci::into(n);
  return n > 0;
}

std::optional<std::int64_t> take_token(soci::session& s, const std::string& purpose, const std::string& hash,
                                       const std::string& now) {
  long long account = 0;
  s << "UPDATE account_tokens SET used_at = :now WHERE token_hash = :h AND purpose = :p AND used_at IS NULL"
       " AND expires_at > :now2 RETURNING account_id",
      soci::use(now), soci::use(hash), soci::use(purpose), soci::use(now), soci::into(account);
  if (!s.got_data()) return std::nullopt;
  return account;
}

std::int64_t insert_session(soci::session& s, const Session& r, const std::string& token_hash) {
  long long id = 0, account = r.account_id;
  int idle = r.idle_minutes, passed = r.second_factor_passed ? 1 : 0;
  s << "INSERT INTO sessions (account_id, token_hash, csrf_token, created_at, last_seen_at, absolute_expires_at,"
       " idle_minutes, ip, user_agent, second_factor_passed) VALUES (:a, :h, :c, :cr, :ls, :abs, :idle, :ip, :ua,"
       " :sf) RETURNING id",
      soci::use(account), soci::use(token_hash), soci::use(r.csrf_token), soci::use(r.created_at),
      soci::use(r.last_seen_at), soci::use(r.absolute_expires_at), soci::use(idle), soci::use(r.ip),
      soci::use(r.user_agent), soci::use(passed), soci::into(id);
  return id;
}

namespace {
constexpr const char* kSessionColumns =
    "SELECT id, account_id, csrf_token, created_at, last_seen_at, absolute_expires_at, idle_minutes, ip,"
    " user_agent, second_factor_passed FROM sessions ";

struct SessionRow {
  long long id = 0, account = 0;
  int idle = 0, passed = 0;
  Session r;
};

void bind(soci::statement& st, SessionRow& x) {
  st.exchange(soci::into(x.id));
  st.exchange(soci::into(x.account));
  st.exchange(soci::into(x.r.csrf_token));
  st.exchange(soci::into(x.r.created_at));
  st.exchange(soci::into(x.r.last_seen_at));
  st.exchange(soci::into(x.r.absolute_expires_at));
  st.exchange(soci::into(x.idle));
  st.exchange(soci::into(x.r.ip));
  st.exchange(soci::into(x.r.user_agent));
  st.exchange(soci::into(x.passed));
}

Session finish(SessionRow& x) {
  Session r = x.r;
  r.id = x.id;
  r.account_id = x.account;
  r.idle_minutes = x.idle;
  r.second_factor_passed = x.passed != 0;
  return r;
}
}  // namespace

namespace {
// Every signed-in request finds its session: prepared once per pooled connection.
struct SessionByHash : db::Prepared {
  std::string hash;
  SessionRow row;
  explicit SessionByHash(soci::session& s) {
    soci::statement st(s);
    st.alloc();
    st.prepare(std::string(kSessionColumns) + "WHERE token_hash = :h AND revoked_at IS NULL");
    bind(st, row);
    st.exchange(soci::use(hash));
    st.define_and_bind();
    prepare(st);
  }
};
}  // namespace

namespace {
// A live session with its account and roles in ONE statement (issue 15 §7: every signed-in
// request runs it), prepared once per pooled connection; the roles come as one comma-separated
// column (group_concat / string_agg), sorted here.
struct SignedInByHash : db::Prepared {
  std::string hash, roles;
  SessionRow session;
  AccountRow account;
  explicit SignedInByHash(soci::session& s) {
    std::string agg = s.get_backend_name() == "postgresql" ? "string_agg(role, ',')" : "group_concat(role, ',')";
    soci::statement st(s);
    st.alloc();
    st.prepare(
        "SELECT s.id, s.account_id, s.csrf_token, s.created_at, s.last_seen_at, s.absolute_expires_at, s.idle_minutes,"
        " s.ip, s.user_agent, s.second_factor_passed,"
        " a.id, a.email, a.phone, a.full_name, a.citizen_id, a.kind, a.status, a.password_hash, a.created_at, a.agency_id,"
        " COALESCE((SELECT " + agg + " FROM account_roles r WHERE r.account_id = a.id), '')"
        " FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = :h AND s.revoked_at IS NULL");
    bind(st, session);
    bind(st, account);
    st.exchange(soci::into(roles));
    st.exchange(soci::use(hash));
    st.define_and_bind();
    prepare(st);
  }
};
}  // namespace

std::optional<SignedIn> find_signed_in(soci::session& s, const std::string& token_hash) {
  auto q = db::prepared<SignedInByHash>(s);
  q->hash = token_hash;
  if (!q.execute(true)) return std::nullopt;
  SignedIn out{finish(q->session), q->account.a};
  out.account.id = q->account.id;
  if (q->account.agency_ind == soci::i_ok) out.account.agency_id = q->account.agency;
  for (auto role : split(q->roles, ','))
    if (auto parsed = auth::parse_role(role)) out.account.roles.push_back(*parsed);
  std::sort(out.account.roles.begin(), out.account.roles.end(),
            [](auth::Role a, auth::Role b) { return auth::role_name(a) < auth::role_name(b); });
  return out;
}

std::optional<Session> find_session(soci::session& s, const std::string& token_hash) {
  auto q = db::prepared<SessionByHash>(s);
  q->hash = token_hash;
  if (!q.execute(true)) return std::nullopt;
  return finish(q->row);
}

void touch_session(soci::session& s, std::int64_t id, const std::string& now) {
  long long v = id;
  s << "UPDATE sessions SET last_seen_at = :now WHERE id = :id", soci::use(now), soci::use(v);
}

void revoke_session(soci::session& s, std::int64_t id, const std::string& now) {
  long long v = id;
  s << "UPDATE sessions SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL", soci::use(now), soci::use(v);
}

int revoke_sessions(soci::session& s, std::int64_t account, std::int64_t keep, const std::string& now) {
  long long a = account, k = keep;
  soci::statement st = (s.prepare << "UPDATE sessions SET revoked_at = :now WHERE account_id = :a AND id <> :k"
                                     " AND revoked_at IS NULL",
                        soci::use(now), soci::use(a), soci::use(k));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

std::vector<Session> list_sessions(soci::session& s, std::int64_t account) {
  std::vector<Session> out;
  SessionRow x;
  long long a = account;
  soci::statement st(s);
  st.alloc();
  st.prepare(std::string(kSessionColumns) + "WHERE account_id = :a AND revoked_at IS NULL ORDER BY id DESC");
  bind(st, x);
  st.exchange(soci::use(a));
  st.define_and_bind();
  ++util::sql_statements;
  st.execute();
  while (st.fetch()) out.push_back(finish(x));
  return out;
}

void set_second_factor_passed(soci::session& s, std::int64_t session_id) {
  long long v = session_id;
  s << "UPDATE sessions SET second_factor_passed = 1 WHERE id = :id", soci::use(v);
}

void record_failure(soci::session& s, const std::string& at, const std::string& key, const std::string& address,
                    const std::string& prune_before) {
  int batch = kPruneBatch;
  s << "DELETE FROM login_failures WHERE id IN (SELECT id FROM login_failures WHERE at < :before ORDER BY at"
       " LIMIT :n)",
      soci::use(prune_before), soci::use(batch);
  s << "INSERT INTO login_failures (at, email_key, address) VALUES (:at, :k, :a)", soci::use(at), soci::use(key),
      soci::use(address);
}

std::vector<std::string> failures_by_key(soci::session& s, const std::string& key, const std::string& since) {
  return times(s, "SELECT at FROM login_failures WHERE email_key = :k AND at >= :since", key, since);
}

std::vector<std::string> failures_by_address(soci::session& s, const std::string& address, const std::string& since) {
  return times(s, "SELECT at FROM login_failures WHERE address = :a AND at >= :since", address, since);
}

std::vector<std::string> failures_by_key_and_address(soci::session& s, const std::string& key,
                                                     const std::string& address, const std::string& since) {
  std::vector<std::string> out;
  std::string at;
  soci::statement st = (s.prepare << "SELECT at FROM login_failures WHERE email_key = :k AND address = :a AND at >= :since",
                        soci::use(key), soci::use(address), soci::use(since), soci::into(at));
  st.execute();
  while (st.fetch()) out.push_back(at);
  return out;
}

void clear_failures(soci::session& s, const std::string& key, const std::string& address) {
  s << "DELETE FROM login_failures WHERE email_key = :k AND address = :a", soci::use(key), soci::use(address);
}

void lock_mail_requests(soci::session& s, db::Dialect dialect) {
  if (dialect != db::Dialect::postgresql) return;
  long long key = 0x74696e68736f0012LL;  // "tinhso" + issue 12: this table's lock, nothing else's
  s << "SELECT pg_advisory_xact_lock(:k)", soci::use(key);
}

int mail_requests_to(soci::session& s, const std::string& recipient, const std::string& since) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM identity_mail_requests WHERE recipient = :r AND at >= :since", soci::use(recipient),
      soci::use(since), soci::into(n);
  return static_cast<int>(n);
}

int mail_requests_from(soci::session& s, const std::string& address, const std::string& since) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM identity_mail_requests WHERE address = :a AND at >= :since", soci::use(address),
      soci::use(since), soci::into(n);
  return static_cast<int>(n);
}

void record_mail_request(soci::session& s, const std::string& at, const std::string& recipient,
                         const std::string& address, const std::string& prune_before) {
  int batch = kPruneBatch;
  s << "DELETE FROM identity_mail_requests WHERE id IN (SELECT id FROM identity_mail_requests WHERE at < :before"
       " ORDER BY at LIMIT :n)",
      soci::use(prune_before), soci::use(batch);
  s << "INSERT INTO identity_mail_requests (at, recipient, address) VALUES (:at, :r, :a)", soci::use(at),
      soci::use(recipient), soci::use(address);
}

}  // namespace tinhso::identity
