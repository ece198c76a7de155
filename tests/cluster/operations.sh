#!/usr/bin/env bash
# docs/OPERATIONS.md followed step by step on loopback, without containers (issue 15 §1, "Done
# when": an operator who has never seen the project installs two nodes and a database by following
# it). Each block below names the section of the document it follows. What differs from a real
# host, and only that: paths live under a temporary directory instead of /etc/tinhso, /var/lib/tinhso
# and /var/log/tinhso; the PostgreSQL server is a throwaway cluster (tests/lib/pg.sh) with password
# authentication switched on for the roles setup.sh makes; the nodes run as the invoking user, on
# free ports, started with exactly the unit's Environment= lines, its EnvironmentFile= files and its
# ExecStart (not through systemd); nginx runs the shipped site with the test's ports.
# Checks: both nodes' /readyz; a citizen registers, confirms by the mailed link and signs in through
# nginx; the app role is refused TRUNCATE, ALTER, DROP, and UPDATE/DELETE on the audit tables; a
# rolling restart (node 1, then node 2) during which no request through nginx fails and the session
# stays signed in; the upgrade window's promises (section 9); a pg_dump restored as documented keeps the rows, the limits and a verifying
# audit chain.
# Usage: bash tests/cluster/operations.sh   (TINHSO_BIN, default build/tinhso; exit 0 = pass)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/lib/nginx.sh
source "$root/tests/lib/nginx.sh"
bin=$(realpath "${TINHSO_BIN:-$root/build/tinhso}")
[[ -x $bin ]] || { echo "operations: $bin is not built" >&2; exit 1; }
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $nginx ]] || { echo "operations: nginx is missing (scripts/install-deps deploy)" >&2; exit 1; }
command -v psql >/dev/null || { echo "operations: psql is missing (scripts/install-deps test)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/tinhso-ops-XXXXXX)
chmod 0755 "$tmp"  # the postgres user makes its cluster inside
declare -A node_pid=()
loop_pid=""
cleanup() {
  if [[ -n $loop_pid ]]; then kill "$loop_pid" 2>/dev/null || true; fi
  for p in "${node_pid[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${node_pid[@]}"; do wait "$p" 2>/dev/null || true; done
  if [[ -f $tmp/nginx.pid ]]; then kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true; fi
  if [[ -d $tmp/pg ]]; then "$root/tests/lib/pg.sh" stop "$tmp/pg" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "operations: FAIL: $*" >&2
  for f in "$tmp"/node-*.log; do [[ -f $f ]] && { echo "--- $f (tail)" >&2; tail -5 "$f" >&2; }; done
  exit 1
}
say() { echo "operations: $*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
p1=$(free_port); p2=$(free_port); pn=$(free_port)
node_port() { if [[ $1 == 1 ]]; then echo "$p1"; else echo "$p2"; fi; }

# The unit and site with this sandbox's paths and ports (nothing else changed).
etc=$tmp/etc/tinhso; opt=$tmp/opt/tinhso
sandbox() { sed -e "s#/etc/tinhso#$etc#g; s#/var/lib/tinhso#$tmp/var/lib/tinhso#g; s#/var/log/tinhso#$tmp/var/log/tinhso#g" \
                -e "s#/opt/tinhso#$opt#g" "$@"; }

# ---- OPERATIONS.md "1. Install" — the files (the packages are scripts/install-deps deploy's)
install -d -m 0750 "$tmp/var/lib/tinhso" "$tmp/var/lib/tinhso/uploads" "$tmp/var/log/tinhso"
install -d -m 0750 "$etc"
install -d "$opt/bin"
# The binary is copied, not linked: it finds templates/, static/ and locales/ beside its real path.
ln "$bin" "$opt/bin/tinhso" 2>/dev/null || install -m 0755 "$bin" "$opt/bin/tinhso"
(cd "$root" && cp -r --parents templates static locales src/modules/*/templates src/modules/*/locales deploy docs "$opt/")
bin=$opt/bin/tinhso

# ---- "2. Keys": made once, the same files on every node
"$bin" keys generate | sed 's/^/1:/' >"$etc/identity-keys"
"$bin" keys generate >"$etc/audit-key"
chmod 0640 "$etc/identity-keys" "$etc/audit-key"

# ---- "3. The database": roles and database made by setup.sh as the PostgreSQL superuser
"$root/tests/lib/pg.sh" start "$tmp/pg" >/dev/null
pgport=$(cat "$tmp/pg/port")
pgbin=$(dirname "$(find /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -1)")
# A real server asks the roles setup.sh makes for their passwords; the throwaway cluster trusted
# every local connection: make it ask (the superuser, as `sudo -u postgres` locally, still trusted).
cat >"$tmp/pg/data/pg_hba.conf" <<HBA
local all postgres trust
host  all postgres 127.0.0.1/32 trust
host  all all      127.0.0.1/32 scram-sha-256
HBA
runuser -u postgres -- "$pgbin/pg_ctl" -D "$tmp/pg/data" reload >/dev/null
sleep 0.3
psql -X -q -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -c 'DROP DATABASE tinhso' # pg.sh's own
(cd / && runuser -u postgres -- env PGHOST=127.0.0.1 PGPORT="$pgport" TINHSO_PG_PORT="$pgport" \
  "$opt/deploy/postgresql/setup.sh") >"$tmp/urls" || fail "setup.sh"
app_url=$(sed -n 's/^TINHSO_DB=//p' "$tmp/urls")
owner_url=$(sed -n 's/^TINHSO_MIGRATE_DB=//p' "$tmp/urls")
[[ $app_url == postgresql://tinhso_app:*@127.0.0.1:$pgport/tinhso ]] || fail "setup.sh printed no app URL with a password: $app_url"
[[ $owner_url == postgresql://tinhso_owner:*@127.0.0.1:$pgport/tinhso ]] || fail "setup.sh printed no owner URL"
# Passwords are asked for: the app role without one is refused.
psql -X -q -h 127.0.0.1 -p "$pgport" -U tinhso_app -d tinhso -w -c 'SELECT 1' >/dev/null 2>&1 &&
  fail "the app role connected without its password"
say "setup.sh made tinhso_owner, tinhso_app and database tinhso (passwords required)"

# ---- "4. Configuration": /etc/tinhso/tinhso.env (every node) and migrate.env (root only)
cat >"$etc/tinhso.env" <<ENV
TINHSO_DB=$app_url
TINHSO_PUBLIC_URL=http://127.0.0.1:$pn
TINHSO_SMTP=log
TINHSO_IDENTITY_KEYS_FILE=$etc/identity-keys
TINHSO_AUDIT_KEY_FILE=$etc/audit-key
ENV
echo "TINHSO_MIGRATE_DB=$owner_url" >"$etc/migrate.env"
chmod 0640 "$etc/tinhso.env"; chmod 0600 "$etc/migrate.env"
# This sandbox's ports instead of the unit's 8081/8082 (the per-node file the unit reads last).
for n in 1 2; do echo "TINHSO_LISTEN=127.0.0.1:$(node_port $n)" >"$etc/tinhso-$n.env"; done

# ---- "5. Migrate": as the owner, then the app role's rights
TINHSO_BIN=$bin "$opt/deploy/postgresql/migrate.sh" "$etc/tinhso.env" "$etc/migrate.env" >"$tmp/migrate.log" 2>&1 ||
  { cat "$tmp/migrate.log" >&2; fail "migrate.sh"; }
grep -q 'schema current' "$tmp/migrate.log" || fail "migrate.sh did not report a current schema"
# The app role cannot migrate (it may not create anything).
TINHSO_DB=$app_url "$bin" migrate --audit-key-file "$etc/audit-key" --identity-keys-file "$etc/identity-keys" \
  >"$tmp/app-migrate.log" 2>&1 && fail "tinhso migrate succeeded as the app role"
say "migrate.sh: schema current as tinhso_owner; tinhso migrate as tinhso_app refused"

# ---- "6. Two nodes": tinhso@1 and tinhso@2, as systemd would start them
sandbox "$root/deploy/tinhso@.service" >"$tmp/tinhso@.service"
# env_of N: as systemd builds it, the unit's Environment= lines, then its EnvironmentFile= files
# in order, which override them (a later setting wins; a file named with a leading '-' may be
# missing).
env_of() {
  local n=$1 line file
  sed -n 's/^Environment=//p' "$tmp/tinhso@.service" | sed "s/%i/$n/g"
  while IFS= read -r line; do
    file=${line//%i/$n}
    if [[ $file == -* ]]; then file=${file#-}; [[ -f $file ]] || continue; fi
    grep -E '^[A-Z_][A-Z0-9_]*=' "$file"
  done < <(sed -n 's/^EnvironmentFile=//p' "$tmp/tinhso@.service")
}
start_node() {
  local n=$1 exec workdir
  exec=$(sed -n 's/^ExecStart=//p' "$tmp/tinhso@.service"); exec=${exec//%i/$n}
  workdir=$(sed -n 's/^WorkingDirectory=//p' "$tmp/tinhso@.service")
  mapfile -t vars < <(env_of "$n")
  # shellcheck disable=SC2086 # ExecStart is a command line: split it as systemd does
  (cd "$workdir" && exec env -i PATH="$PATH" "${vars[@]}" $exec) >>"$tmp/node-$n.log" 2>&1 &
  node_pid[$n]=$!
}
stop_node() {
  kill -TERM "${node_pid[$1]}"
  wait "${node_pid[$1]}" 2>/dev/null || true
  unset "node_pid[$1]"
}
wait_ready() {  # N: until /readyz answers 200 "ready"
  local port; port=$(node_port "$1")
  for _ in $(seq 150); do
    curl -fs "http://127.0.0.1:$port/readyz" 2>/dev/null | grep -q '"status":"ready"' && return 0
    kill -0 "${node_pid[$1]}" 2>/dev/null || fail "node $1 exited"
    sleep 0.1
  done
  fail "node $1: /readyz not ready: $(curl -s "http://127.0.0.1:$port/readyz")"
}
start_node 1; start_node 2
wait_ready 1; wait_ready 2
say "both nodes answer /readyz 200 ready, as tinhso_app"

# ---- "7. nginx": the shipped site, this sandbox's ports, nginx run unprivileged
sed -e "s#127.0.0.1:8081#127.0.0.1:$p1#; s#127.0.0.1:8082#127.0.0.1:$p2#" \
    -e "s#listen 80;#listen 127.0.0.1:$pn;#; /listen \[::\]:80;/d" "$root/deploy/nginx/tinhso.conf" >"$tmp/site.conf"
nginx_main_conf "$tmp" "$tmp/site.conf" "$tmp/nginx-access.log"
"$nginx" -t -q -p "$tmp" -c "$tmp/nginx.conf" || fail "nginx -t"
"$nginx" -p "$tmp" -c "$tmp/nginx.conf" || fail "nginx did not start"
base="http://127.0.0.1:$pn"
for _ in $(seq 50); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done

# ---- "8. Check the installation": a citizen registers, confirms the mailed link and signs in
jar=$tmp/cookies
csrf_of() { grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
post() {  # PATH FIELD... (urlencoded, with the page's _csrf): prints the status
  local path=$1; shift
  local args=(--data-urlencode "_csrf=$csrf")
  for f in "$@"; do args+=(--data-urlencode "$f"); done
  curl -s -o "$tmp/page" -w '%{http_code}' -b "$jar" -c "$jar" -H "Origin: $base" "${args[@]}" "$base$path"
}
email="ops.$(date +%s)@example.vn"; password='chè Thái Nguyên thơm ngon 2026'
csrf=$(curl -fs -b "$jar" -c "$jar" "$base/register" | csrf_of)
[[ -n $csrf ]] || fail "GET /register through nginx: no form"
code=$(post /register "full_name=Vận Hành Thử" "email=$email" "phone=0912345678" "citizen_id=025190001234" "password=$password")
[[ $code == 200 ]] || fail "POST /register through nginx: $code"
token=""
for _ in $(seq 100); do  # the outbox is sent by whichever node's job claims it
  token=$(grep -ho '/register/confirm?token=[A-Za-z0-9_%-]*' "$tmp"/node-*.log 2>/dev/null | head -1 | sed 's/.*token=//') || true
  [[ -n $token ]] && break
  sleep 0.1
done
[[ -n $token ]] || fail "no confirmation mail in the nodes' logs"
csrf=$(curl -fs -b "$jar" -c "$jar" "$base/register/confirm?token=$token" | csrf_of)
code=$(post /register/confirm "token=$token"); [[ $code == 200 ]] || fail "POST /register/confirm: $code"
csrf=$(curl -fs -b "$jar" -c "$jar" "$base/login" | csrf_of)
code=$(post /login "email=$email" "password=$password"); [[ $code == 303 ]] || fail "POST /login through nginx: $code"
code=$(curl -s -o "$tmp/page" -w '%{http_code}' -b "$jar" "$base/account")
[[ $code == 200 ]] || fail "GET /account after sign-in: $code"
grep -q 'Vận Hành Thử' "$tmp/page" || fail "GET /account after sign-in does not show the account's name"
say "through nginx: registered, confirmed the mailed link, signed in, /account shows the name"

# ---- "8." the first administrator: tinhso accounts create-admin as the app role, the password on
# standard input; it signs in through nginx and is sent to set up its second factor.
admin_email="quan.tri.$(date +%s)@example.vn"; admin_password='Quản-trị-tỉnh-Phú-Thọ-2026'
printf '%s\n' "$admin_password" | env -i PATH="$PATH" sh -c "set -a; . '$etc/tinhso.env'; '$bin' accounts create-admin \
  --db \"\$TINHSO_DB\" --email $admin_email --name 'Quản trị hệ thống'" >"$tmp/admin.log" 2>&1 ||
  { cat "$tmp/admin.log" >&2; fail "tinhso accounts create-admin as in OPERATIONS §8"; }
grep -q "$admin_password" "$tmp/admin.log" && fail "create-admin printed the password"
ajar=$tmp/admin-cookies
csrf=$(curl -fs -b "$ajar" -c "$ajar" "$base/login" | csrf_of)
read -r code where < <(curl -s -o /dev/null -w '%{http_code} %{redirect_url}\n' -b "$ajar" -c "$ajar" -H "Origin: $base" \
  --data-urlencode "_csrf=$csrf" --data-urlencode "email=$admin_email" --data-urlencode "password=$admin_password" "$base/login")
[[ $code == 303 && $where == "$base/account/2fa"* ]] || fail "POST /login as the new administrator: $code $where"
code=$(curl -s -o "$tmp/page" -w '%{http_code}' -b "$ajar" "$base/account/2fa/setup")
if [[ $code != 200 ]] || ! grep -q 'id="totp-secret"' "$tmp/page"; then fail "the new administrator's second-factor set-up: $code"; fi
say "create-admin as in §8: the administrator signs in through nginx and sets up its second factor"

# ---- "3. The database" (what the app role may not do): psql as tinhso_app
refused() {  # SQL: must fail with a privilege error
  local out
  out=$(psql -X -q "$app_url" -v ON_ERROR_STOP=1 -c "$1" 2>&1) && fail "tinhso_app was allowed: $1"
  grep -qE 'permission denied|must be owner' <<<"$out" || fail "tinhso_app: $1: not a privilege error: $out"
}
for t in audit_log audit_head dossiers accounts; do refused "TRUNCATE $t"; done
refused "ALTER TABLE audit_log DISABLE TRIGGER ALL"
refused "ALTER TABLE dossiers ADD COLUMN x INTEGER"
refused "DROP TABLE audit_log"
refused "DROP TRIGGER audit_log_no_change ON audit_log"
refused "UPDATE audit_log SET actor_name = 'x'"
refused "DELETE FROM audit_log"
refused "DELETE FROM audit_head"
refused "UPDATE security_events SET detail = 'x'"
refused "INSERT INTO schema_migrations (module, version, name, checksum, applied_at) VALUES ('x', 1, 'x', 'x', 'x')"
refused "CREATE TABLE x (id INTEGER)"
# Section 8's check, as the operator types it.
privs=$(psql -X -qtA "$app_url" -c "SELECT has_table_privilege('audit_log', 'UPDATE'),
  has_table_privilege('audit_log', 'DELETE'), has_table_privilege('audit_log', 'TRUNCATE')")
[[ $privs == 'f|f|f' ]] || fail "section 8's privilege check answers $privs, not f|f|f"
n=$(psql -X -qtA "$app_url" -c "SELECT count(*) FROM audit_log") || fail "tinhso_app cannot read audit_log"
((n > 0)) || fail "the registration wrote no audit record"
say "tinhso_app: TRUNCATE, ALTER, DROP, CREATE and UPDATE/DELETE of the audit tables refused; $n audit records"

# ---- "10. Rolling restart": one node at a time; requests through nginx meanwhile never fail
: >"$tmp/statuses"
(
  i=0
  while [[ ! -f $tmp/stop-loop ]]; do
    if ((i++ % 2)); then path=/account; else path=/procedures; fi
    curl -s -o /dev/null -w "%{http_code} $path\n" -b "$jar" "$base$path" >>"$tmp/statuses"
    sleep 0.1
  done
) &
loop_pid=$!
sleep 1
for n in 1 2; do
  stop_node "$n"                  # systemctl stop tinhso@N (SIGTERM; in-flight requests finish)
  sleep 2                         # traffic goes to the other node
  start_node "$n"                 # systemctl start tinhso@N
  wait_ready "$n"                 # curl -fs http://127.0.0.1:808N/readyz
  sleep 6                         # nginx tries a failed node again after fail_timeout (5 s)
done
touch "$tmp/stop-loop"; wait "$loop_pid"; loop_pid=""
total=$(wc -l <"$tmp/statuses")
bad=$(grep -vc '^200 ' "$tmp/statuses" || true)
((total >= 50)) || fail "only $total requests during the rolling restart"
((bad == 0)) || fail "$bad of $total requests failed during the rolling restart: $(grep -v '^200 ' "$tmp/statuses" | sort | uniq -c | tr '\n' ';')"
retried=$(grep -c 'connect() failed' "$tmp/nginx-error.log" 2>/dev/null || true)
for n in 1 2; do
  grep -q '/procedures' "$tmp/var/log/tinhso/access-$n.log" || fail "node $n served none of the requests"
done
say "rolling restart: $total requests through nginx, all 200, signed in throughout ($retried retried on the other node)"
wait_ready 1; wait_ready 2

# ---- "13. Monitoring": /metrics on loopback, never through nginx; every metric the shipped alert
# rules use exists, now that each node has written its audit anchor file at its restart (the nodes' own, and audit-verify.sh's for node_exporter's textfile collector)
curl -fs "http://127.0.0.1:$p1/metrics" >"$tmp/metrics" || fail "GET /metrics on loopback"
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/metrics"); [[ $code == 404 ]] || fail "/metrics through nginx: $code"
mkdir -p "$tmp/textfile"
TINHSO_ENV_FILE=$etc/tinhso.env TINHSO_BIN=$bin TINHSO_ANCHORS="$tmp/var/lib/tinhso/audit-anchors-*" \
  TEXTFILE_DIR=$tmp/textfile "$opt/deploy/prometheus/audit-verify.sh" || fail "audit-verify.sh"
grep -q '^tinhso_audit_verify_exit_code{anchor_file="[^"]*"} 0$' "$tmp/textfile/tinhso-audit.prom" ||
  fail "audit-verify.sh: $(grep exit_code "$tmp/textfile/tinhso-audit.prom")"
cat "$tmp/metrics" "$tmp/textfile/tinhso-audit.prom" >"$tmp/all-metrics"
while read -r m; do
  grep -q "^${m}[{ ]" "$tmp/all-metrics" || fail "the alert rules use $m, which no node or audit-verify.sh exports"
done < <(grep -o 'tinhso_[a-z][a-z_]*' "$opt/deploy/prometheus/tinhso-alerts.yml" | sort -u)
say "/metrics: loopback only (404 through nginx); every tinhso_ metric of tinhso-alerts.yml is exported"

# ---- "9. Upgrade", what holds between `migrate.sh` and the restart onto the new binary: with one
# migration the running binary does not know, the nodes keep serving through nginx, /readyz says
# 503 (conflicts), and a node (re)started on that schema refuses to start
psql -X -q -v ON_ERROR_STOP=1 "$owner_url" -c "INSERT INTO schema_migrations (module, version, name, checksum, applied_at)
  VALUES ('zz_next_release', 1, 'next', 'x', '2026-01-01T00:00:00Z')" || fail "inserting a newer migration as the owner"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base/account"); [[ $code == 200 ]] || fail "old nodes on a newer schema: $code"
ready=$(curl -s -w ' %{http_code}' "http://127.0.0.1:$p1/readyz")
[[ $ready == *conflicts*' 503' ]] || fail "/readyz of an old node on a newer schema: $ready"
stop_node 2
start_node 2
rc=0; wait "${node_pid[2]}" || rc=$?; unset "node_pid[2]"
((rc != 0)) || fail "a node started on a newer schema did not refuse"
grep -q 'newer than this binary' "$tmp/node-2.log" || fail "node 2 refused without naming the newer migration"
# A table a later migration creates (as the owner) is usable by the app role at once (default
# privileges, section 3) and, like every table, not truncatable; migrate.sh runs again harmlessly.
psql -X -q -v ON_ERROR_STOP=1 "$owner_url" \
  -c "CREATE TABLE zz_next_release (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note TEXT NOT NULL)"
psql -X -q -v ON_ERROR_STOP=1 "$app_url" -c "INSERT INTO zz_next_release (note) VALUES ('x'); UPDATE zz_next_release SET note = 'y'; DELETE FROM zz_next_release" ||
  fail "the app role cannot use a table created after grants.sql ran"
refused "TRUNCATE zz_next_release"
psql -X -q -v ON_ERROR_STOP=1 "$owner_url" -c "DROP TABLE zz_next_release; DELETE FROM schema_migrations WHERE module = 'zz_next_release'"
TINHSO_BIN=$bin "$opt/deploy/postgresql/migrate.sh" "$etc/tinhso.env" "$etc/migrate.env" >"$tmp/migrate2.log" 2>&1 ||
  { cat "$tmp/migrate2.log" >&2; fail "migrate.sh run a second time"; }
grep -q 'migrations: 0 applied' "$tmp/migrate2.log" || fail "migrate.sh a second time applied something"
start_node 2; wait_ready 2; wait_ready 1
say "upgrade window: old nodes serve a newer schema with /readyz 503, a restarted old node refuses to start; a new table is the app role's at once; migrate.sh re-runs"

# ---- "11. Backup and restore" (PostgreSQL): pg_dump as the owner while serving, restore into a
# new database made by setup.sh, grants.sql; the restored copy serves the app role and its audit
# chain verifies
pg_dump -Fc -f "$tmp/tinhso.dump" "$owner_url" || fail "pg_dump as the owner"
(cd / && runuser -u postgres -- env PGHOST=127.0.0.1 PGPORT="$pgport" TINHSO_PG_PORT="$pgport" TINHSO_PG_DB=tinhso_restored \
  "$opt/deploy/postgresql/setup.sh") >/dev/null 2>&1 || fail "setup.sh for the restore database"
pg_restore --no-owner --exit-on-error -d "${owner_url%/*}/tinhso_restored" "$tmp/tinhso.dump" || fail "pg_restore"
psql -X -q -v ON_ERROR_STOP=1 "${owner_url%/*}/tinhso_restored" -v owner=tinhso_owner -v app=tinhso_app \
  -f "$opt/deploy/postgresql/grants.sql" || fail "grants.sql on the restored database"
restored_app=${app_url%/*}/tinhso_restored
[[ $(psql -X -qtA "$restored_app" -c "SELECT count(*) FROM accounts WHERE email = '$email'") == 1 ]] ||
  fail "the restored database lacks the account"
(psql -X -q "$restored_app" -c 'TRUNCATE audit_log' 2>&1 || true) | grep -q 'permission denied' ||
  fail "the app role may truncate the restored audit log"
TINHSO_DB=$restored_app "$bin" audit verify --audit-key-file "$etc/audit-key" \
  --audit-anchor-file "$tmp/var/lib/tinhso/audit-anchors-1" >"$tmp/verify.log" 2>&1 ||
  { cat "$tmp/verify.log" >&2; fail "tinhso audit verify on the restored database"; }
say "pg_dump/pg_restore as documented: the account is there, the app role's limits hold, $(grep -o 'OK: [0-9]* audit records' "$tmp/verify.log")"

# ---- "12. Key rotation" of the audit key, the three steps as written, each followed by the
# restart of section 10; a registration after step 2 is MACed with key 2 by whichever node takes it
restart_nodes() { for n in 1 2; do stop_node "$n"; start_node "$n"; wait_ready "$n"; done; }
{ echo "2:$("$bin" keys generate)"; echo "current=1"; } >>"$etc/audit-key"
restart_nodes
sed -i '/^current=/d' "$etc/audit-key"
restart_nodes
rm -f "$jar"
csrf=$(curl -fs -b "$jar" -c "$jar" "$base/register" | csrf_of)
code=$(post /register "full_name=Sau Đổi Khóa" "email=rotated.$(date +%s)@example.vn" "phone=0912345679" \
  "citizen_id=025190001235" "password=$password")
[[ $code == 200 ]] || fail "POST /register after the key rotation: $code"
TINHSO_DB=$app_url "$bin" audit verify --audit-key-file "$etc/audit-key" \
  --audit-anchor-file "$tmp/var/lib/tinhso/audit-anchors-1" >"$tmp/verify2.log" 2>&1 ||
  { cat "$tmp/verify2.log" >&2; fail "tinhso audit verify after the key rotation"; }
grep -qE 'with a valid MAC \([0-9]+ under key 1, [0-9]+ under key 2\)' "$tmp/verify2.log" ||
  fail "after the rotation: $(cat "$tmp/verify2.log")"
say "audit key rotated as in §12: $(grep -o 'OK: .* under key 2)' "$tmp/verify2.log")"
say "PASS"
