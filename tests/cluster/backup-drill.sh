#!/usr/bin/env bash
# The backup drill (issue 15 §5, docs/BACKUP.md), on SQLite and on a throwaway PostgreSQL:
#   1. a node on the demo province, and clients of the demo citizen creating dossiers through the
#      JSON API with an Idempotency-Key each, every second one with two uploaded PDFs, submitted;
#      each acknowledgement is logged with the client's clock;
#   2. while they write: a backup (SQLite: `tinhso backup`; PostgreSQL: `pg_dump -Fc`, the
#      documented procedure), its start instant T0 taken before the command starts;
#   3. a restore elsewhere (a new file and upload directory / a new database: `tinhso restore`,
#      `pg_restore`), `tinhso audit verify` on it, a node started on it;
#   4. every record acknowledged before T0 is there (its key replayed on the restored node answers
#      200 with the same dossier, not 201 with a new one), and every file acknowledged before T0
#      downloads with the SHA-256 of the bytes the client sent.
# Prints the backup's time and size for each database. Usage: bash tests/cluster/backup-drill.sh
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
BIN=${TINHSO_BIN:-build/tinhso}
[[ $BIN = /* ]] || BIN=$root/$BIN
[[ -x $BIN ]] || { echo "backup-drill: no binary at $BIN (build first)" >&2; exit 1; }
PG_BIN=${PG_BIN:-}
for v in 15 16 17; do
  [[ -z $PG_BIN && -x /usr/lib/postgresql/$v/bin/pg_dump ]] && PG_BIN=/usr/lib/postgresql/$v/bin
done

work=$(mktemp -d /tmp/tinhso-backup-drill-XXXXXX)
chmod 755 "$work"  # the PostgreSQL server (user postgres) needs to reach its directory inside
pids=()
cleanup() {
  local rc=$?
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [[ -d $work/pg ]] && bash tests/lib/pg.sh stop "$work/pg" >/dev/null 2>&1 || true
  if ((rc)); then
    echo "backup-drill: FAILED (rc $rc); logs:" >&2
    for f in "$work"/*.log; do [[ -f $f ]] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }; done
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
fail() { echo "backup-drill: $*" >&2; exit 1; }
now_ms() { date +%s%3N; }

common=(--audit-key-file "$work/audit-key" --identity-keys-file "$work/identity-keys")

# start_node NAME DB_URL UPLOAD_DIR: serves on a free port; sets NODE_URL and NODE_PID.
start_node() {
  local log=$work/$1.log url=""
  "$BIN" serve --db "$2" --listen 127.0.0.1:0 --upload-dir "$3" --smtp log --access-log off \
    --audit-anchor-file "$work/$1.anchors" "${common[@]}" >"$log" 2>&1 &
  NODE_PID=$!
  pids+=("$NODE_PID")
  for _ in $(seq 300); do
    url=$(grep -o 'listening on http://[^ ]*' "$log" | head -n 1 | cut -d' ' -f3 || true)
    [[ -n $url ]] && break
    kill -0 "$NODE_PID" 2>/dev/null || fail "node $1 exited while starting"
    sleep 0.1
  done
  [[ -n $url ]] || fail "node $1 did not start"
  NODE_URL=$url
}
stop_node() {
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# The clients (load) and the check (check), in node with the black-box tests' helpers.
cat >"$work/drill.mjs" <<EOF
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { Agent } from '$root/tests/lib/agent.mjs';

const [mode, base, acks, arg] = process.argv.slice(2);
const PW = 'Demo-Phu-Tho-2025';
const PROC = 'XB-TLHC'; // 2 mandatory documents (tests/http/dossiers-intake.test.mjs)
const body = JSON.stringify({ procedure: PROC, applicant_name: 'Nguyễn Thị Lan', applicant_phone: '0912 345 678',
  applicant_id_number: '001190012345', applicant_email: 'citizen@demo.tinhso.vn', applicant_address: 'Việt Trì, Phú Thọ',
  details: 'Diễn tập sao lưu' });
const sha = (buf) => createHash('sha256').update(buf).digest('hex');

async function citizen() {
  const a = new Agent(base);
  const r = await a.login('citizen@demo.tinhso.vn', PW);
  if (r.status !== 303) throw new Error('sign-in: ' + r.status);
  await a.get('/');
  return a;
}
const create = (a, key) => a.postJson('/api/v1/dossiers', body, { headers: { 'x-csrf-token': a.csrf, 'idempotency-key': key }, check: false });

// One client: until the stop file appears, creates a draft (acknowledged: key, id), and every
// second time adds a PDF per mandatory document and submits it (acknowledged: code, files).
async function client(a, n, stop, deadline) {
  const form = await a.get('/dossiers/new?procedure=' + PROC);
  const docs = [...form.text.matchAll(/name="(doc_\d+)"/g)].map((m) => m[1]);
  if (docs.length === 0) throw new Error('no document fields on the form');
  let errors = 0;
  for (let i = 0; !existsSync(stop) && Date.now() < deadline; i++) {
    const key = 'drill-' + n + '-' + i + '-' + randomBytes(6).toString('hex');
    let r = await create(a, key);
    if (r.status !== 201) { errors++; continue; }
    const id = r.json().id;
    appendFileSync(acks, JSON.stringify({ key, id, t: Date.now() }) + '\n');
    if (i % 2 === 0) continue;
    const files = docs.map((field, j) => ({ field, name: 'scan' + j + '.pdf', type: 'application/pdf',
      content: Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(3000), Buffer.from('\n%%EOF\n')]) }));
    r = await a.postMultipart('/api/v1/dossiers/drafts/' + id + '/files', {}, files, { headers: { 'x-csrf-token': a.csrf }, check: false });
    if (r.status !== 201) { errors++; continue; }
    r = await a.postJson('/api/v1/dossiers/drafts/' + id + '/submit', '{}', { headers: { 'x-csrf-token': a.csrf }, check: false });
    if (r.status !== 200) { errors++; continue; }
    const d = r.json();
    const stored = new Map(d.files.map((f) => [f.sha256, f.id]));
    const sent = files.map((f) => ({ sha: sha(f.content), id: stored.get(sha(f.content)) }));
    if (sent.some((f) => f.id === undefined)) throw new Error('a file came back with another SHA-256: ' + d.code);
    appendFileSync(acks, JSON.stringify({ key, id, code: d.code, files: sent, t: Date.now() }) + '\n');
  }
  return errors;
}

async function load() {
  const deadline = Date.now() + 60_000;
  const agents = [];
  for (let n = 0; n < 4; n++) agents.push(await citizen()); // one at a time: sign-ins share a hashing cap
  const errors = await Promise.all(agents.map((a, n) => client(a, n, arg, deadline)));
  console.log('load: ' + errors.reduce((x, y) => x + y, 0) + ' requests not acknowledged');
}

// Everything acknowledged before T0 (arg) must be on the restored node at base.
async function check() {
  const t0 = Number(arg);
  const lines = readFileSync(acks, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const a = await citizen();
  let records = 0, files = 0, later = 0;
  const problems = [];
  for (const l of lines) {
    if (l.t >= t0) { later++; continue; }
    if (!l.files) {
      const r = await create(a, l.key);
      if (r.status !== 200 || r.json().id !== l.id) problems.push('dossier ' + l.id + ' (key ' + l.key + '): ' + r.status);
      else records++;
      continue;
    }
    for (const f of l.files) {
      const r = await a.get('/dossiers/' + l.code + '/files/' + f.id, { check: false });
      if (r.status !== 200 || sha(r.body) !== f.sha) problems.push('file ' + f.id + ' of ' + l.code + ': ' + r.status);
      else files++;
    }
  }
  console.log('check: ' + records + ' records and ' + files + ' files acknowledged before the backup are intact; '
    + later + ' acknowledgements came after it');
  if (records === 0 || files === 0) problems.push('nothing was acknowledged before the backup: the drill proves nothing');
  if (later === 0) problems.push('no write was acknowledged after the backup began: it did not run under load');
  for (const p of problems.slice(0, 20)) console.log('MISSING: ' + p);
  process.exit(problems.length ? 1 : 0);
}

await (mode === 'load' ? load() : check());
EOF

# drill KIND: the whole drill on "sqlite" or "postgresql".
drill() {
  local kind=$1 dir=$work/$1 live restored backup t0 t1 size load_pid
  mkdir -p "$dir/uploads" "$dir/restored-uploads"
  if [[ $kind = sqlite ]]; then
    live=sqlite:$dir/live.db
    restored=sqlite:$dir/restored/restored.db
  else
    [[ -n $PG_BIN ]] || fail "PostgreSQL client binaries not found"
    live=$(bash tests/lib/pg.sh start "$work/pg" 2>"$work/pg-start.log")
    restored=${live%/tinhso}/restored
  fi
  "$BIN" migrate --demo --db "$live" "${common[@]}" >"$work/$kind-migrate.log" 2>&1
  start_node "$kind-live" "$live" "$dir/uploads"
  local live_pid=$NODE_PID
  node "$work/drill.mjs" load "$NODE_URL" "$dir/acks" "$dir/stop" >"$work/$kind-load.log" 2>&1 &
  load_pid=$!
  pids+=("$load_pid")
  for _ in $(seq 300); do
    [[ -f $dir/acks && $(wc -l <"$dir/acks") -ge 40 ]] && break
    kill -0 "$load_pid" 2>/dev/null || fail "$kind: the clients stopped"
    sleep 0.1
  done
  [[ $(wc -l <"$dir/acks") -ge 40 ]] || fail "$kind: the clients wrote too little"

  t0=$(now_ms)
  if [[ $kind = sqlite ]]; then
    backup=$dir/backup/tinhso.db
    "$BIN" backup --db "$live" --to "$backup" --upload-dir "$dir/uploads" >"$work/$kind-backup.log" 2>&1
    size=$(du -cb "$backup" "$backup.sha256" "$backup.files" 2>/dev/null | tail -n 1 | cut -f1)
  else
    backup=$dir/backup/tinhso.dump
    mkdir -p "$dir/backup"
    "$PG_BIN/pg_dump" -Fc -f "$backup" "$live" 2>"$work/$kind-backup.log"
    size=$(stat -c %s "$backup")
  fi
  t1=$(now_ms)
  echo "backup-drill: $kind backup under load: $((t1 - t0)) ms, $size bytes, $(wc -l <"$dir/acks") acknowledgements so far"
  grep '^backup:.*manifest' "$work/$kind-backup.log" || true
  # The clients go on for a while after the backup, then stop.
  local n
  n=$(wc -l <"$dir/acks")
  for _ in $(seq 100); do
    (($(wc -l <"$dir/acks") >= n + 10)) && break
    sleep 0.1
  done
  touch "$dir/stop"
  wait "$load_pid" || fail "$kind: the clients failed"
  cat "$work/$kind-load.log"
  stop_node "$live_pid"

  if [[ $kind = sqlite ]]; then
    "$BIN" restore --from "$backup" --check-only >"$work/$kind-restore.log" 2>&1 || fail "$kind: the backup does not check"
    "$BIN" restore --from "$backup" --db "$restored" --upload-dir "$dir/restored-uploads" >>"$work/$kind-restore.log" 2>&1 ||
      fail "$kind: restore failed"
    # A second restore onto the now non-empty target is refused (exit 2) without --force.
    local rc=0
    "$BIN" restore --from "$backup" --db "$restored" >>"$work/$kind-restore.log" 2>&1 || rc=$?
    ((rc == 2)) || fail "$kind: restore over a non-empty database answered $rc, not 2"
  else
    # tinhso backup/restore refuse PostgreSQL (exit 2) and point to docs/BACKUP.md.
    local rc=0
    "$BIN" backup --db "$live" --to "$dir/refused.db" >"$work/$kind-refused.log" 2>&1 || rc=$?
    ((rc == 2)) && grep -q 'docs/BACKUP.md' "$work/$kind-refused.log" || fail "$kind: tinhso backup answered $rc for PostgreSQL"
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$(cat "$work/pg/port")" -U postgres restored
    "$PG_BIN/pg_restore" --exit-on-error --no-owner -d "$restored" "$backup" >"$work/$kind-restore.log" 2>&1 ||
      fail "$kind: pg_restore failed"
  fi
  "$BIN" audit verify --db "$restored" --audit-key-file "$work/audit-key" \
    --audit-anchor-file "$work/$kind-restored.anchors" >"$work/$kind-verify.log" 2>&1 ||
    fail "$kind: tinhso audit verify failed on the restored database: $(cat "$work/$kind-verify.log")"
  echo "backup-drill: $kind restored: $(grep '^OK' "$work/$kind-verify.log")"
  start_node "$kind-restored" "$restored" "$dir/restored-uploads"
  local restored_pid=$NODE_PID
  node "$work/drill.mjs" check "$NODE_URL" "$dir/acks" "$t0" || fail "$kind: acknowledged records or files are missing"
  stop_node "$restored_pid"
}

drill sqlite
drill postgresql
echo "backup-drill: ok"
