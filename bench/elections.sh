#!/usr/bin/env bash
# Election night benchmark of issue 19 on SQLite: the demo province plus an election of AREAS
# polling areas (default 3,000: about a province's), each voting in one of 8 National Assembly
# constituencies (3 seats, 5 candidates) and one of 20 provincial council constituencies (4 seats,
# 7 candidates), 1,500 voters each; CLIENTS polling-team accounts (default 200, citizens: a team's
# members are residents the commune appoints) each on the team of AREAS/CLIENTS areas. Then
# bench/elections.mjs: CLIENTS clients enter every area's minutes for both constituencies at once
# (sequentially each, as fast as they can) while the committee's board is read in a loop; the
# board's latency during the entry and after it, and the entry's. Figures: docs/BENCHMARKS.md.
# Usage: bench/elections.sh   (env: BIN=build/tinhso AREAS=3000 CLIENTS=200 READERS=2)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/tinhso}
AREAS=${AREAS:-3000}
CLIENTS=${CLIENTS:-200}
for tool in sqlite3 node; do command -v $tool >/dev/null || { echo "missing $tool: run scripts/install-deps"; exit 1; }; done
work=$(mktemp -d)
pid=""
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/e.db"
"$BIN" migrate --db "sqlite:$db" --demo --identity-keys-file "$work/keys" >/dev/null 2>&1
start=$SECONDS
sqlite3 "$db" <<SQL
PRAGMA foreign_keys = ON;
BEGIN;
INSERT INTO elections (name, election_date, state, created_at)
  VALUES ('Bầu cử benchmark', '2026-12-06', 'counting', '2026-12-01T00:00:00Z');
CREATE TEMP TABLE e AS SELECT MAX(id) AS id FROM elections;
INSERT INTO election_committee_members (election_id, account_id)
  SELECT e.id, a.id FROM e, accounts a WHERE a.email = 'province@demo.tinhso.vn';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 28)
INSERT INTO election_constituencies (election_id, body, number, name, area, seats)
  SELECT e.id, CASE WHEN i <= 8 THEN 'national_assembly' ELSE 'provincial_council' END,
         CASE WHEN i <= 8 THEN i ELSE i - 8 END, 'Đơn vị bầu cử số ' || i, 'Khu vực ' || i,
         CASE WHEN i <= 8 THEN 3 ELSE 4 END
  FROM e, n;
WITH RECURSIVE n(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM n WHERE j < 7)
INSERT INTO election_candidates (constituency_id, list_order, name, birth_date, gender)
  SELECT k.id, j, 'Ứng viên ' || k.id || '-' || j, (1960 + j) || '-0' || j || '-1' || j, CASE j % 2 WHEN 0 THEN 'female' ELSE 'male' END
  FROM election_constituencies k, n, e WHERE k.election_id = e.id AND (k.body = 'provincial_council' OR j <= 5);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $AREAS)
INSERT INTO election_polling_areas (election_id, number, name, unit, registered)
  SELECT e.id, i, 'Khu vực bỏ phiếu số ' || i, 'Xã ' || (i % 150), 1500 FROM e, n;
INSERT INTO election_area_constituencies (area_id, constituency_id)
  SELECT a.id, k.id FROM election_polling_areas a JOIN e ON a.election_id = e.id
  JOIN election_constituencies k ON k.election_id = e.id
  WHERE (k.body = 'national_assembly' AND k.number = 1 + a.number % 8)
     OR (k.body = 'provincial_council' AND k.number = 1 + a.number % 20);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $CLIENTS)
INSERT INTO accounts (email, full_name, kind, password_hash, status, created_at, updated_at, confirmed_at)
  SELECT 'team' || i || '@bench.tinhso.vn', 'Tổ bầu cử ' || i, 'citizen', c.password_hash, 'active',
         '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'
  FROM n, accounts c WHERE c.email = 'citizen@demo.tinhso.vn';
INSERT INTO account_roles (account_id, role) SELECT id, 'citizen' FROM accounts WHERE email LIKE 'team%@bench.tinhso.vn';
INSERT INTO election_team_members (area_id, account_id)
  SELECT a.id, t.id FROM election_polling_areas a JOIN e ON a.election_id = e.id
  JOIN accounts t ON t.email = 'team' || (1 + (a.number - 1) % $CLIENTS) || '@bench.tinhso.vn';
COMMIT;
ANALYZE;
SQL
# What the clients need: the election, each team's areas and constituencies, the candidates.
sqlite3 -json "$db" "SELECT (SELECT MAX(id) FROM elections) AS election" > "$work/election.json"
sqlite3 -json "$db" "SELECT t.email, ac.area_id AS area, ac.constituency_id AS constituency FROM election_team_members m
  JOIN accounts t ON t.id = m.account_id JOIN election_area_constituencies ac ON ac.area_id = m.area_id
  JOIN election_polling_areas a ON a.id = m.area_id WHERE a.election_id = (SELECT MAX(id) FROM elections)" > "$work/work.json"
sqlite3 -json "$db" "SELECT c.constituency_id AS constituency, c.id, k.seats FROM election_candidates c
  JOIN election_constituencies k ON k.id = c.constituency_id ORDER BY c.constituency_id, c.list_order" > "$work/candidates.json"
echo "generated $AREAS areas, 28 constituencies, $CLIENTS team accounts in $((SECONDS - start)) s ($(du -h "$db" | cut -f1))"
# Every client here is 127.0.0.1: the cap per client address (which on election night applies to
# each polling team's own address) is lifted.
"$BIN" serve --db "sqlite:$db" --listen 127.0.0.1:0 --access-log off --upload-dir "$work/up" --smtp 127.0.0.1:9 \
  --identity-keys-file "$work/keys" --max-per-address 0 2>"$work/log" &
pid=$!
for _ in $(seq 1 1500); do grep -q 'listening on' "$work/log" 2>/dev/null && break; sleep 0.02; done
url=$(sed -n 's#.*listening on \(http://[^ ]*\)/.*#\1#p' "$work/log")
[[ -n $url ]] || { cat "$work/log"; exit 1; }
CLIENTS=$CLIENTS node bench/elections.mjs "$url" "$work"
echo "minutes stored for the election: $(sqlite3 "$db" "SELECT COUNT(*) FROM election_minutes m JOIN election_polling_areas a
  ON a.id = m.area_id WHERE a.election_id = (SELECT MAX(id) FROM elections)")"
