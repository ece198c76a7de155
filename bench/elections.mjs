// Election night (issue 19 "Done when"): CLIENTS polling-team clients enter their areas' minutes at
// once while the committee's board is read in a loop by READERS readers; prints the board's latency
// during the entry and after it (quiet), and the entry's. Run by bench/elections.sh, which makes
// the election and passes its files. Usage: node bench/elections.mjs BASE_URL WORK_DIR
// (env: CLIENTS=200 READERS=2 QUIET_SAMPLES=300)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent } from '../tests/lib/agent.mjs';
import { signInFully } from '../tests/lib/totp.mjs';

const [base, work] = process.argv.slice(2);
const READERS = Number(process.env.READERS ?? 2);
const QUIET = Number(process.env.QUIET_SAMPLES ?? 300);
const PASSWORD = 'Demo-Phu-Tho-2025';
const election = JSON.parse(readFileSync(join(work, 'election.json'), 'utf8'))[0].election;
const jobs = JSON.parse(readFileSync(join(work, 'work.json'), 'utf8'));
const candidates = new Map();
for (const c of JSON.parse(readFileSync(join(work, 'candidates.json'), 'utf8'))) {
  if (!candidates.has(c.constituency)) candidates.set(c.constituency, { seats: c.seats, ids: [] });
  candidates.get(c.constituency).ids.push(c.id);
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const fmt = (xs) => `n=${xs.length} p50 ${pct(xs, 50).toFixed(1)} ms  p99 ${pct(xs, 99).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms`;
const now = () => Number(process.hrtime.bigint()) / 1e6;

// Consistent minutes: 1,300 of 1,500 voted, 1,280 valid; the votes within valid × seats.
function minutes(constituency) {
  const { ids } = candidates.get(constituency);
  const shares = [900, 850, 800, 700, 500, 400, 300];
  const f = { voted: '1300', issued: '1300', received: '1300', valid: '1280', invalid: '20', complaints: '' };
  ids.forEach((id, i) => { f[`votes_${id}`] = String(shares[i] - (ids.length === 5 && i >= 3 ? 200 : 0)); });
  return f;
}

async function signIn(email) {
  for (;;) {
    const a = new Agent(base);
    const r = await a.login(email, PASSWORD);
    if (r.status === 303) { await a.get('/'); return a; }
    if (r.status !== 429) throw new Error(`${email}: sign-in answered ${r.status}`);
    await sleep(50);
  }
}

const byEmail = new Map();
for (const j of jobs) (byEmail.get(j.email) ?? byEmail.set(j.email, []).get(j.email)).push(j);
console.log(`election ${election}: ${jobs.length} minutes to enter by ${byEmail.size} clients; signing in…`);
const t0 = now();
const committee = await signInFully(base, 'province@demo.tinhso.vn', PASSWORD);
const clients = [];
for (const email of byEmail.keys()) clients.push({ email, agent: await signIn(email) });
console.log(`signed in ${clients.length} clients in ${((now() - t0) / 1000).toFixed(1)} s`);

const boardDuring = [];
let entering = true;
const board = `/elections/${election}/board`;
async function reader() {
  while (entering) {
    const s = now();
    const r = await committee.get(board);
    if (r.status !== 200) throw new Error(`board answered ${r.status}`);
    boardDuring.push(now() - s);
  }
}
const posts = [];
let refused = 0;
async function client({ email, agent }) {
  for (const j of byEmail.get(email)) {
    const s = now();
    const r = await agent.post(`/elections/${election}/areas/${j.area}/minutes/${j.constituency}`, minutes(j.constituency));
    posts.push(now() - s);
    if (r.status !== 303) refused += 1;
  }
}
const readers = Array.from({ length: READERS }, reader);
const e0 = now();
await Promise.all(clients.map(client));
const entryMs = now() - e0;
entering = false;
await Promise.all(readers);
console.log(`entry: ${posts.length} minutes in ${(entryMs / 1000).toFixed(1)} s (${(posts.length / (entryMs / 1000)).toFixed(0)}/s), ${refused} not 303`);
console.log(`  POST minutes        ${fmt(posts)}`);
console.log(`  board during entry  ${fmt(boardDuring)}  (${READERS} readers)`);
const quiet = [];
for (let i = 0; i < QUIET; i++) {
  const s = now();
  await committee.get(board);
  quiet.push(now() - s);
}
console.log(`  board after entry   ${fmt(quiet)}  (one reader)`);
const last = await committee.get(board);
const m = /(\d[\d.]*) \/ (\d[\d.]*)/.exec(last.text.replace(/<[^>]*>/g, ' '));
console.log(`  the board's total line: ${m ? m[0] : '?'} checked / areas`);
