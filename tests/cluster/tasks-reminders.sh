#!/usr/bin/env bash
# Task reminders run once across nodes (issue 16 §5, "Done when": two nodes on PostgreSQL and a
# fixed clock show each reminder sent once). A throwaway PostgreSQL with the demo province, an
# SMTP sink, and two tinhso nodes started together with the same fixed clock (--fake-now
# Tuesday 15/12/2026 09:00 in Viet Nam), each running the reminder pass at once on start. Then:
#   - both nodes ran a pass as of 2026-12-15 (their debug log says so);
#   - every (task, threshold) row of task_reminders_sent exists once, and the reminders the
#     nodes report having sent add up to exactly those rows (no reminder claimed twice);
#   - the demo's quarterly report of SO-KHCN (due Friday 18/12/2026, last report 17/9) got
#     "before:2026-12-18", with one notice for each of its focal officers (its leader and its
#     specialist) and one mail_outbox message each — no (task, threshold, account) twice;
#   - the SMTP sink received every reminder message once (to + subject), as many as the outbox
#     holds, all marked sent;
#   - both nodes restarted together at the same clock send nothing more; restarted on the due day
#     (Friday 18/12/2026) they send "due:2026-12-18" of that task once, to the same two officers.
# Usage: bash tests/cluster/tasks-reminders.sh   (exit 0 = pass; TINHSO_BIN, TINHSO_TEST_KEEP=1)
set -euo pipefail
# shellcheck source=tests/cluster/lib.sh
source "$(dirname "$0")/lib.sh"
cl_init tasks-reminders
started=$SECONDS
export TINHSO_TEST_CLOCK=1
NOW=2026-12-15T02:00:00Z  # Tuesday 15/12/2026 09:00 in Viet Nam, a working day
LOAD_NOW=2026-12-12T02:00:00Z  # Saturday: the loading node's pass sends nothing (days off)

cl_pg_start
cl_migrate
node "$CL_ROOT/tests/cluster/cluster-sink.mjs" "$CL_TMP/sink.port" "$CL_TMP/sink.log" "$CL_TMP/sms.port" "$CL_TMP/sms.log" &
CL_EXTRA_PIDS+=($!)
for _ in $(seq 100); do [[ -s $CL_TMP/sink.port ]] && break; sleep 0.1; done
[[ -s $CL_TMP/sink.port ]] || cl_fail "the SMTP sink did not start"
smtp="127.0.0.1:$(cat "$CL_TMP/sink.port")"

# Node 1 loads the demo on a Saturday, so that no reminder exists before both nodes race.
cl_node 1 demo --smtp "$smtp" --fake-now "$LOAD_NOW"
cl_stop 1
[[ $(cl_sql "SELECT COUNT(*) FROM task_reminders_sent") == 0 ]] || cl_fail "reminders were sent on a day off"
export TINHSO_LOG_LEVEL=debug  # the pass's own line (reminders.cpp run_reminder_pass)

# start_both NOW: both nodes started together at the fixed clock NOW, each running a pass at once.
start_both() {
  local n
  for n in 1 2; do
    mark[$n]=0
    if [[ -f $CL_TMP/node-$n.log ]]; then mark[$n]=$(wc -l <"$CL_TMP/node-$n.log"); fi
  done
  CL_NOWAIT=1 cl_node 1 serve --smtp "$smtp" --fake-now "$1"
  CL_NOWAIT=1 cl_node 2 serve --smtp "$smtp" --fake-now "$1"
  cl_wait_node 1
  cl_wait_node 2
}
# passes DAY: waits for both nodes' first pass since start_both; prints the sum they report sent.
passes() {
  local n k line total=0
  for n in 1 2; do
    line=""
    for _ in $(seq 300); do
      line=$(tail -n +"$((mark[$n] + 1))" "$CL_TMP/node-$n.log" | grep -o "tasks: reminder pass as of $1: [0-9]* open tasks looked at, [0-9]* reminders sent" | head -1 || true)
      [[ -n $line ]] && break
      sleep 0.1
    done
    [[ -n $line ]] || cl_fail "node $n ran no reminder pass as of $1"
    k=$(sed -E 's/.*, ([0-9]+) reminders sent/\1/' <<<"$line")
    echo "tasks-reminders: $1, node $n sent $k" >&2
    total=$((total + k))
  done
  echo "$total"
}
declare -A mark=()

start_both "$NOW"
echo "tasks-reminders: 2 nodes (ports ${CL_PORT[1]} ${CL_PORT[2]}) on PostgreSQL at $NOW ($((SECONDS - started)) s)"
reported=$(passes 2026-12-15)
sent=$(cl_sql "SELECT COUNT(*) FROM task_reminders_sent")
distinct=$(cl_sql "SELECT COUNT(*) FROM (SELECT DISTINCT task_id, threshold FROM task_reminders_sent) x")
((sent > 0)) || cl_fail "no reminder was sent"
[[ $sent == "$distinct" ]] || cl_fail "task_reminders_sent: $sent rows, $distinct distinct (task, threshold)"
# Together the nodes sent each row once.
[[ $reported == "$sent" ]] || cl_fail "the nodes report $reported reminders sent, the table holds $sent"

khcn=$(cl_sql "SELECT t.id FROM tasks t JOIN agencies g ON g.id = t.lead_agency_id WHERE g.code = 'SO-KHCN' AND t.deadline_kind = 'recurring' AND t.state = 'acknowledged'")
[[ $khcn =~ ^[0-9]+$ ]] || cl_fail "the demo's recurring SO-KHCN task is missing ($khcn)"
[[ $(cl_sql "SELECT COUNT(*) FROM task_reminders_sent WHERE task_id = $khcn AND threshold = 'before:2026-12-18'") == 1 ]] ||
  cl_fail "task $khcn: no before:2026-12-18 reminder ($(cl_sql "SELECT threshold FROM task_reminders_sent WHERE task_id = $khcn"))"
officers=$(cl_sql "SELECT a.email FROM task_reminder_notices n JOIN accounts a ON a.id = n.account_id WHERE n.task_id = $khcn AND n.threshold = 'before:2026-12-18' ORDER BY a.email" | tr '\n' ' ')
[[ $officers == "leader@demo.tinhso.vn specialist@demo.tinhso.vn " ]] || cl_fail "task $khcn reminded: '$officers'"
notices=$(cl_sql "SELECT COUNT(*) FROM task_reminder_notices")
[[ $notices == $(cl_sql "SELECT COUNT(*) FROM (SELECT DISTINCT task_id, threshold, account_id FROM task_reminder_notices) x") ]] ||
  cl_fail "a (task, threshold, account) notice twice"

# One outbox message per notice (every focal officer of the demo has an address), none twice.
reminder_mail="subject LIKE 'Nhắc việc:%'"
outbox=$(cl_sql "SELECT COUNT(*) FROM mail_outbox WHERE $reminder_mail")
[[ $outbox == "$notices" ]] || cl_fail "mail_outbox holds $outbox reminder messages for $notices notices"
[[ $(cl_sql "SELECT COUNT(*) FROM (SELECT DISTINCT to_addr, subject, body FROM mail_outbox WHERE $reminder_mail) x") == "$outbox" ]] ||
  cl_fail "a reminder message queued twice"
# check_sink: every queued reminder is sent, and the SMTP sink received each once ($outbox of them).
check_sink() {
  for _ in $(seq 300); do
    [[ $(cl_sql "SELECT COUNT(*) FROM mail_outbox WHERE $reminder_mail AND sent_at IS NULL") == 0 ]] && break
    sleep 0.1
  done
  [[ $(cl_sql "SELECT COUNT(*) FROM mail_outbox WHERE $reminder_mail AND sent_at IS NULL") == 0 ]] || cl_fail "reminder mail not sent"
  sleep 0.5  # the sink appends what it received every 100 ms
  python3 - "$CL_TMP/sink.log" "$outbox" <<'PY' || cl_fail "the SMTP sink's reminders (above)"
import collections, json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
rem = [(str(r["to"]), r["subject"]) for r in rows if r["subject"].startswith("Nhắc việc:")]
twice = [k for k, n in collections.Counter(rem).items() if n > 1]
ids = collections.Counter(r["messageId"] for r in rows)
if twice or any(n > 1 for n in ids.values()) or len(rem) != int(sys.argv[2]):
    print(f"sink: {len(rem)} reminders (outbox {sys.argv[2]}), twice: {twice}", file=sys.stderr)
    sys.exit(1)
PY
}
check_sink

# Restarted together at the same clock: nothing more.
cl_stop 1
cl_stop 2
start_both "$NOW"
again=$(passes 2026-12-15)
[[ $again == 0 && $(cl_sql "SELECT COUNT(*) FROM task_reminders_sent") == "$sent" &&
  $(cl_sql "SELECT COUNT(*) FROM mail_outbox WHERE $reminder_mail") == "$outbox" ]] ||
  cl_fail "restarted at the same clock, the nodes sent $again more"

# Restarted on the due day: "due:2026-12-18" once, to the same officers.
cl_stop 1
cl_stop 2
start_both 2026-12-18T02:00:00Z
due_sent=$(passes 2026-12-18)
[[ $due_sent == $(($(cl_sql "SELECT COUNT(*) FROM task_reminders_sent") - sent)) ]] ||
  cl_fail "on the due day the nodes report $due_sent, the table grew by another number"
officers=$(cl_sql "SELECT a.email FROM task_reminder_notices n JOIN accounts a ON a.id = n.account_id WHERE n.task_id = $khcn AND n.threshold = 'due:2026-12-18' ORDER BY a.email" | tr '\n' ' ')
[[ $officers == "leader@demo.tinhso.vn specialist@demo.tinhso.vn " ]] || cl_fail "task $khcn on its due day: '$officers'"
notices=$(cl_sql "SELECT COUNT(*) FROM task_reminder_notices")
outbox=$(cl_sql "SELECT COUNT(*) FROM mail_outbox WHERE $reminder_mail")
sent=$(cl_sql "SELECT COUNT(*) FROM task_reminders_sent")
[[ $outbox == "$notices" && $(cl_sql "SELECT COUNT(*) FROM (SELECT DISTINCT to_addr, subject, body FROM mail_outbox WHERE $reminder_mail) x") == "$outbox" ]] ||
  cl_fail "after the due day: $outbox reminder messages for $notices notices, or one twice"
check_sink
echo "tasks-reminders: $sent reminders, $notices notices, $outbox messages, each once; passed in $((SECONDS - started)) s"
