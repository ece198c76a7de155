// What the cluster scripts' node helpers share (tests/cluster/lib.sh started the nodes):
//   env CL_TMP (the run's directory), CL_DB (database URL), CL_URL (nginx; optional),
//   CL_PORT_<N> (node N's port).
//   sql(text)             rows of tab-separated columns, on CL_DB (sqlite3 or psql)
//   one(text)             the first column of the first row
//   nodeUrl(n)            http://127.0.0.1:PORT of node N
//   killNode(n)           kill -9 node N (its pid from node-N.pid)
//   startNode(n)          restarts node N from node-N.sh (serve) and waits for /healthz
//   retry(fn, what)       calls fn until it resolves without a connection error or a 502/503/504
//                         answer (a node down, nginx finding none); returns its answer
//   fail(msg)             throws with the message
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { request } from '../lib/http.mjs';

export const TMP = process.env.CL_TMP;
export const DB = process.env.CL_DB;
export const URL_ = process.env.CL_URL;
export const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

export function fail(msg) {
  throw new Error(msg);
}

export function sql(text) {
  const r = DB.startsWith('sqlite:')
    ? spawnSync('sqlite3', ['-separator', '\t', '-cmd', '.timeout 10000', DB.slice('sqlite:'.length), text], { encoding: 'utf8' })
    : spawnSync('psql', ['-X', '-q', '-A', '-t', '-F', '\t', DB, '-c', text], { encoding: 'utf8' });
  if (r.status !== 0) fail(`SQL failed: ${text}\n${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}
export const one = (text) => sql(text)[0]?.[0];

export const nodeUrl = (n) => `http://127.0.0.1:${process.env[`CL_PORT_${n}`]}`;

function pidOf(n) {
  const f = join(TMP, `node-${n}.pid`);
  return existsSync(f) ? Number(readFileSync(f, 'utf8').trim()) : 0;
}

export function killNode(n) {
  const pid = pidOf(n);
  if (pid) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(join(TMP, `node-${n}.pid`), { force: true });
}

async function healthy(base) {
  try {
    const r = await request(base, '/healthz', { check: false, timeoutMs: 2000 });
    return r.status === 200;
  } catch {
    return false;
  }
}

export async function startNode(n) {
  const child = spawn('bash', [join(TMP, `node-${n}.sh`), 'serve'], { detached: true, stdio: 'ignore' });
  child.unref();
  for (let i = 0; i < 300; i++) {
    if (await healthy(nodeUrl(n))) return;
    await sleep(100);
  }
  fail(`node ${n} did not come back`);
}

const RETRYABLE = new Set([502, 503, 504]);
// Calls fn() until it answers with something else than a connection error or a 502/503/504;
// `log` collects what was retried. Gives up after `tries`.
export async function retry(fn, what, { tries = 200, log = [] } = {}) {
  let last = '';
  for (let i = 0; i < tries; i++) {
    try {
      const r = await fn();
      if (!RETRYABLE.has(r.status)) return r;
      last = `status ${r.status}`;
    } catch (e) {
      last = e.message.split('\n')[0];
    }
    log.push(`${what}: ${last}`);
    await sleep(100);
  }
  fail(`${what}: no answer after ${tries} tries (${last})`);
}
