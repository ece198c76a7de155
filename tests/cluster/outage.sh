#!/usr/bin/env bash
# Database outages (issue 15 §4), black-box against one node:
#  (a) PostgreSQL stopped (pg_ctl stop -m fast) under a load of concurrent GETs of a page that
#      reads the database, started again ~3 s later: while it is down every answer is 503 with
#      Retry-After (never 500, never a hang), /healthz stays 200 throughout, and 5 s after
#      PostgreSQL is back every answer is 200 again, without restarting the node.
#  (b) SQLite on a full disk (a small tmpfs filled up): a write (an anonymous registration)
#      answers 503 with Retry-After and a plain page, a read still answers 200; with the space
#      back the same write succeeds; PRAGMA integrity_check says ok and `tinhso audit verify`
#      passes. Needs root for mount; without it part (b) prints SKIP and passes.
# Prints what it measured (how long the 503s took, when the node recovered). Exit 0 = pass.
#   bash tests/cluster/outage.sh        (TINHSO_BIN: the binary, default build/tinhso)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bin=$(realpath "${TINHSO_BIN:-build/tinhso}")
[[ -x $bin ]] || { echo "outage: $bin not built" >&2; exit 1; }

tmp=$(mktemp -d /tmp/tinhso-outage.XXXXXX)
pgdir=$(mktemp -d /tmp/tinhso-outage-pg.XXXXXX)  # pg.sh chowns it to postgres
mnt=""
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [[ -d $pgdir ]] && { "$root/tests/lib/pg.sh" stop "$pgdir" >/dev/null 2>&1 || rm -rf "$pgdir"; }
  if [[ -n $mnt ]] && mountpoint -q "$mnt"; then umount "$mnt" || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { echo "outage: FAIL: $*" >&2; for f in "$tmp"/node-*.log; do [[ -f $f ]] && tail -20 "$f" >&2; done; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_node NAME DB_URL: migrates and serves DB_URL on a free port; sets $base.
start_node() {
  local name=$1 db=$2 port
  "$bin" migrate --db "$db" --audit-key-file "$tmp/audit-key" --identity-keys-file "$tmp/identity-keys" \
    --audit-anchor-file "$tmp/anchors-$name" >"$tmp/migrate-$name.log" 2>&1 || fail "migrate $name: $(tail -3 "$tmp/migrate-$name.log")"
  port=$(free_port)
  "$bin" serve --db "$db" --listen "127.0.0.1:$port" --access-log off --upload-dir "$tmp/uploads-$name" \
    --audit-key-file "$tmp/audit-key" --identity-keys-file "$tmp/identity-keys" \
    --audit-anchor-file "$tmp/anchors-$name" --smtp log >"$tmp/node-$name.log" 2>&1 &
  pids+=($!)
  base="http://127.0.0.1:$port"
  for _ in $(seq 100); do curl -fs -o /dev/null "$base/healthz" && return 0; sleep 0.1; done
  fail "node $name did not start"
}

# ---- (a) PostgreSQL stopped and started under load ----------------------------------------------
pg_url=$("$root/tests/lib/pg.sh" start "$pgdir") || fail "could not start PostgreSQL"
pg_bin=""
for v in 15 16 17; do [[ -x /usr/lib/postgresql/$v/bin/pg_ctl ]] && { pg_bin=/usr/lib/postgresql/$v/bin; break; }; done
[[ -n $pg_bin ]] || fail "pg_ctl not found"
pg_port=$(cat "$pgdir/port")
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
start_node pg "$pg_url"
code=$(curl -s -o /dev/null -w '%{http_code}' "$base/procedures")
[[ $code == 200 ]] || fail "GET /procedures before the outage: $code"

# The load: 6 clients GET /procedures back to back, one GET /healthz, each answer logged as a JSON
# line {path, start, end (ms since the epoch), status, retryAfter} ("status": 0 = no answer).
cat >"$tmp/load.mjs" <<'JS'
import http from 'node:http';
import fs from 'node:fs';
const [base, out, stopFile] = process.argv.slice(2);
const log = fs.createWriteStream(out);
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
function get(path) {
  return new Promise((resolve) => {
    const start = Date.now();
    const req = http.get(base + path, { agent, timeout: 15000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ path, start, end: Date.now(), status: res.statusCode,
        retryAfter: res.headers['retry-after'] ?? null, type: res.headers['content-type'] ?? '' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ path, start, end: Date.now(), status: 0, error: String(e.message) }));
  });
}
async function loop(path) {
  while (!fs.existsSync(stopFile)) {
    log.write(JSON.stringify(await get(path)) + '\n');
    if (path === '/healthz') await new Promise((r) => setTimeout(r, 20));
  }
}
await Promise.all([...Array(6)].map(() => loop('/procedures')).concat([loop('/healthz')]));
log.end();
agent.destroy();
JS
now_ms() { date +%s%3N; }
node "$tmp/load.mjs" "$base" "$tmp/load.jsonl" "$tmp/stop-load" &
load_pid=$!
pids+=("$load_pid")
sleep 2
t_stop=$(now_ms)
as_pg "$pg_bin/pg_ctl" -D "$pgdir/data" -m fast -w -t 30 stop >/dev/null || fail "pg_ctl stop"
t_stopped=$(now_ms)
sleep 3
t_start=$(now_ms)
as_pg "$pg_bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pgdir/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null || fail "pg_ctl start"
t_back=$(now_ms)
sleep 8
touch "$tmp/stop-load"
wait "$load_pid" || fail "the load script failed"

node - "$tmp/load.jsonl" "$t_stop" "$t_stopped" "$t_start" "$t_back" <<'JS' || fail "PostgreSQL outage: see above"
const fs = require('fs');
const [file, tStop, tStopped, tStart, tBack] = process.argv.slice(2).map((x, i) => (i ? Number(x) : x));
const rows = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const pages = rows.filter((r) => r.path === '/procedures');
const health = rows.filter((r) => r.path === '/healthz');
const problems = [];
const bad = (what, r) => problems.push(`${what}: ${JSON.stringify(r)}`);
const HANG_MS = 10000;  // a generous functional bound: an answer, not a queue of timeouts
for (const r of health) if (r.status !== 200) bad('/healthz not 200', r);
for (const r of pages) {
  if (r.status !== 200 && r.status !== 503) bad('neither 200 nor 503', r);
  if (r.status === 503 && !/^\d+$/.test(r.retryAfter ?? '')) bad('503 without Retry-After', r);
  if (r.end - r.start > HANG_MS) bad('slow answer', r);
}
const down = pages.filter((r) => r.status === 503);
if (down.length === 0) problems.push('no 503 while PostgreSQL was down');
// 5 s after PostgreSQL is back, every answer is 200 again.
for (const r of pages.filter((r) => r.start >= tBack + 5000)) if (r.status !== 200) bad('not recovered 5 s after PostgreSQL returned', r);
const lastBad = Math.max(...down.map((r) => r.end), tBack);
const after = pages.filter((r) => r.start >= tBack);
const ms = (xs) => xs.map((r) => r.end - r.start).sort((a, b) => a - b);
const pct = (xs, p) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] : NaN);
const d = ms(down);
console.log(`outage (a): ${pages.length} page GETs, ${health.length} /healthz; PostgreSQL stopped in ${tStopped - tStop} ms, down ${tBack - tStopped} ms (restart took ${tBack - tStart} ms)`);
console.log(`outage (a): ${down.length} answers 503 (Retry-After ${[...new Set(down.map((r) => r.retryAfter))].join(',')}), latency median ${pct(d, 0.5)} ms, p99 ${pct(d, 0.99)} ms, max ${d[d.length - 1]} ms`);
console.log(`outage (a): last 503 ended ${lastBad - tBack} ms after PostgreSQL was back; ${after.filter((r) => r.status === 200).length}/${after.length} answers 200 since it was back; /healthz max ${Math.max(...ms(health))} ms`);
if (problems.length) {
  console.error(problems.slice(0, 10).join('\n') + (problems.length > 10 ? `\n… ${problems.length - 10} more` : ''));
  process.exit(1);
}
JS
kill "${pids[0]}" 2>/dev/null || true
wait "${pids[0]}" 2>/dev/null || true
pids=()
"$root/tests/lib/pg.sh" stop "$pgdir" >/dev/null 2>&1 || true
echo "outage (a): PostgreSQL stopped and started under load: 503 + Retry-After while down, 200 again after: ok"

# ---- (b) SQLite on a full disk --------------------------------------------------------------------
mnt=$tmp/disk
mkdir -p "$mnt"
if ! out=$(mount -t tmpfs -o size=48m tmpfs "$mnt" 2>&1); then
  mnt=""
  echo "outage (b): SKIP: cannot mount a tmpfs to fill ($out); SQLite full-disk part not run"
  exit 0
fi
db_file=$mnt/tinhso.db
start_node sqlite "sqlite:$db_file"
cat >"$tmp/write.mjs" <<JS
import { Agent } from '$root/tests/lib/agent.mjs';
const [base, mode] = process.argv.slice(2);
const a = new Agent(base);
const form = await a.get('/register');
if (form.status !== 200 || !a.csrf) { console.log(JSON.stringify({ status: form.status, step: 'form' })); process.exit(0); }
if (mode === 'form') { console.log(JSON.stringify({ status: form.status })); process.exit(0); }
// The form was read with space left; the caller fills the disk, then says so on stdin.
await new Promise((r) => process.stdin.once('data', r));
// The form's token, not one from the error page in between.
const fields = { _csrf: a.csrf, full_name: 'Nguyễn Văn Đầy', email: 'day.nguyen@example.vn', phone: '0912345678', citizen_id: '025190007777', password: 'ổ đĩa đầy rồi lại trống' };
const out = [];
for (let i = 0; i < 2; i++) {
  const r = await a.post('/register', fields);
  out.push({ status: r.status, retryAfter: r.headers['retry-after'] ?? null, type: r.headers['content-type'] ?? '', body: r.text });
  if (i === 0) { console.log(JSON.stringify(out[0])); await new Promise((r) => process.stdin.once('data', r)); }
}
console.log(JSON.stringify(out[1]));
process.exit(0);
JS
# Read the registration form while there is space; then checkpoint the WAL down to nothing so the
# next write must grow a file, and fill the disk.
coproc WRITER { node "$tmp/write.mjs" "$base" write; }
writer_pid=$WRITER_PID
pids+=("$writer_pid")
sleep 1
sqlite3 "$db_file" 'PRAGMA busy_timeout=5000; PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null || fail "checkpoint"
dd if=/dev/zero of="$mnt/filler" bs=1M status=none 2>/dev/null || true
free_kb=$(df -k --output=avail "$mnt" | tail -1 | tr -d ' ')
[[ $free_kb -lt 64 ]] || fail "the disk did not fill ($free_kb KiB free)"
echo go >&"${WRITER[1]}"
IFS= read -r -t 30 first <&"${WRITER[0]}" || fail "no answer to the write on a full disk"
node -e '
const r = JSON.parse(process.argv[1]);
const text = r.body.replace(/<[^>]*>/g, " ");
const problems = [];
if (r.status !== 503) problems.push(`status ${r.status}`);
if (!/^\d+$/.test(r.retryAfter ?? "")) problems.push("no Retry-After");
if (!/^text\/html/.test(r.type)) problems.push(`content-type ${r.type}`);
if (/sqlite|database or disk is full|SQLITE_|soci|exception/i.test(text)) problems.push("internal error text shown");
if (problems.length) { console.error("write on a full disk: " + problems.join(", ")); process.exit(1); }
console.log(`outage (b): write on a full disk: 503, Retry-After ${r.retryAfter}, ${r.type}: "${text.replace(/\s+/g, " ").trim().slice(0, 300)}"`);
' "$first" || fail "write on a full disk"
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$base/procedures")
[[ $code == 200 ]] || fail "GET /procedures (a read) on a full disk: $code"
echo "outage (b): read on a full disk: 200"
rm -f "$mnt/filler"
echo go >&"${WRITER[1]}"
IFS= read -r -t 30 second <&"${WRITER[0]}" || fail "no answer to the write with space back"
status=$(node -e 'console.log(JSON.parse(process.argv[1]).status)' "$second")
[[ $status == 200 ]] || fail "the same write with space back: $status: $(node -e 'console.log(JSON.parse(process.argv[1]).body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").slice(0, 400))' "$second")"
echo "outage (b): the same write with space back: 200"
wait "$writer_pid" 2>/dev/null || true
n=$(sqlite3 "$db_file" "PRAGMA busy_timeout=5000; SELECT COUNT(*) FROM accounts WHERE email = 'day.nguyen@example.vn';" | tail -1)
[[ $n == 1 ]] || fail "the registration is stored $n times"
kill "${pids[0]}" 2>/dev/null || true
wait "${pids[0]}" 2>/dev/null || true
pids=()
check=$(sqlite3 "$db_file" 'PRAGMA integrity_check;')
[[ $check == ok ]] || fail "integrity_check: $check"
"$bin" audit verify --db "sqlite:$db_file" --audit-key-file "$tmp/audit-key" --audit-anchor-file "$tmp/anchors-sqlite" \
  >"$tmp/verify.log" 2>&1 || fail "audit verify: $(tail -3 "$tmp/verify.log")"
echo "outage (b): integrity_check ok, audit verify ok"
echo "outage: ok"
