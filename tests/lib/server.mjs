// Starts the real tinhso binary for black-box tests.
//
//   const srv = await startServer({ db, mode: 'demo' });   // migrate + demo data + serve
//   const srv = await startServer({ db, mode: 'serve' });  // `serve` only (no migrate)
//   const srv = await startServer({ db, mode: 'migrate+serve' });
//   srv.url      'http://127.0.0.1:PORT'  (no trailing slash)
//   srv.port, srv.accessLogPath, srv.uploadDir, srv.logs() (stdout + stderr so far)
//   await srv.stop()  SIGTERM, waits for the exit; resolves {code, signal, timedOut}
//   assertCleanExit(await srv.stop(), srv.logs())   in a file's after(): it stopped in time, by itself, code 0
//
// The binary comes from TINHSO_BIN (default: build/tinhso of this checkout). Every server gets a
// temporary directory for its access log and uploads; it is removed by stop() unless
// TINHSO_TEST_KEEP=1. Servers still running when the test process exits are killed.
//
// After a clean stop, the figures the modules keep incrementally for the indicators (the
// dossiers', the petitions') must equal their recount from the raw records: stop() runs
// `tinhso indicators recount --check` on the server's database and throws, naming the cells, if
// any differs — so every scenario of every suite checks them (issue 17 §4). A database left at
// another schema (exit 2) and an in-memory one are not checked.
//
// A server or CLI run that prints a sanitizer report (the ASan + UBSan build, tests/run-all) or dies
// of a crash signal (SIGABRT, SIGSEGV, ...) fails the test file: stop() throws, the report goes to
// stderr at once, and the test process exits non-zero whatever its tests said.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
export const BIN = process.env.TINHSO_BIN || join(ROOT, 'build', 'tinhso');

// The audit key and anchor file (issue 12 §9) of this test process, shared by its servers and CLI
// runs (a database one writes, another verifies) and kept out of the checkout's var/.
const AUDIT_DIR = mkdtempSync(join(tmpdir(), 'tinhso-audit-'));
process.env.TINHSO_AUDIT_KEY_FILE ||= join(AUDIT_DIR, 'audit-key');
process.env.TINHSO_AUDIT_ANCHOR_FILE ||= join(AUDIT_DIR, 'audit-anchors');
process.on('exit', () => rmSync(AUDIT_DIR, { recursive: true, force: true }));

// Generous limits: they only keep a broken server from hanging the suite, they never judge speed.
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;

// What ASan, UBSan and LSan print (with -fno-sanitize-recover=all the first report ends the process).
const SANITIZER_REPORT = /^==\d+==ERROR: \w+Sanitizer|^SUMMARY: \w+Sanitizer|: runtime error: /m;
const CRASH_SIGNALS = new Set(['SIGABRT', 'SIGSEGV', 'SIGBUS', 'SIGILL', 'SIGFPE', 'SIGTRAP', 'SIGSYS']);
const casualties = [];

// Records a sanitizer report or a crash of a tinhso process; returns the description, or null.
function checkCasualty(what, output, code, signal) {
  let why = null;
  if (SANITIZER_REPORT.test(output)) why = 'printed a sanitizer report';
  else if (signal && CRASH_SIGNALS.has(signal)) why = `died of ${signal}`;
  if (!why) return null;
  const text = `tinhso ${what} ${why} (exit code ${code}, signal ${signal})\n--- its output ---\n${output}`;
  if (!casualties.includes(text)) {
    casualties.push(text);
    process.stderr.write(`\n${text}\n`);
  }
  return text;
}
process.on('exit', () => {
  if (casualties.length) {
    process.stderr.write(`\n${casualties.length} tinhso process(es) crashed or printed a sanitizer report (see above)\n`);
    process.exitCode = 1;
  }
});

const live = new Set();
function killAll() {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.on('exit', killAll);
// The test runner ends a file's process with a signal on timeout or Ctrl+C: take the servers along.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    killAll();
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 })[sig]);
  });
}

function dbUrlOf(db) {
  return typeof db === 'string' ? db : db.url;
}

function checkBinary() {
  if (!existsSync(BIN)) {
    throw new Error(`tinhso binary not found at ${BIN}: build it, or set TINHSO_BIN`);
  }
}

// Runs a tinhso command to completion (e.g. migrate). Resolves {code, signal, stdout, stderr}.
// Under libfaketime (tests/lib/faketime.sh) tinhso keeps the real monotonic clocks even when the
// browser run shifts them for Chromium: a std::condition_variable's timed wait (the mail sender,
// the calendar refresher) never ends under a shifted monotonic clock.
const CLOCK_ENV = (process.env.LD_PRELOAD ?? '').includes('faketime') ? { FAKETIME_DONT_FAKE_MONOTONIC: '1' } : {};

// `input`: written to the command's standard input (else it has none).
export function runCli(args, { timeoutMs = 60_000, env = {}, input } = {}) {
  checkBinary();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(BIN, args, {
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], env: { ...process.env, ...CLOCK_ENV, ...env },
    });
    if (input !== undefined) child.stdin.end(input);
    live.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tinhso ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      live.delete(child);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      live.delete(child);
      checkCasualty(args.join(' '), stdout + stderr, code, signal);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

// Asserts that a server stopped cleanly: `result` is what stop() (or a fixture's close()) resolved
// to; it exited within the stop timeout, of itself (no signal, not killed) and with code 0. `logs`
// (the server's output) goes into the failure message.
export function assertCleanExit(result, logs = '') {
  assert.ok(result, `the server was stopped and its exit is known\n${logs}`);
  assert.equal(result.timedOut, false, `the server stopped on SIGTERM in time (stop() did not have to kill it)\n${logs}`);
  assert.equal(result.signal, null, `the server exited by itself, not by a signal\n${logs}`);
  assert.equal(result.code, 0, `the server's exit code\n${logs}`);
}

// Starts a server. Options:
//   db        database URL or {url} from createDatabase()
//   mode      'demo' (default), 'serve' or 'migrate+serve'
//   args      extra command-line arguments (e.g. ['--trusted-proxy', '127.0.0.1'])
//   env       extra environment variables
export async function startServer({ db, mode = 'demo', args = [], env = {} } = {}) {
  checkBinary();
  const url = dbUrlOf(db);
  if (!url) throw new Error('startServer: no database');
  if (mode === 'migrate+serve') {
    const m = await runCli(['migrate', '--db', url], { env });
    if (m.code !== 0) throw new Error(`tinhso migrate failed (exit ${m.code}):\n${m.stderr}`);
    mode = 'serve';
  }
  if (mode !== 'demo' && mode !== 'serve') throw new Error(`startServer: unknown mode ${mode}`);

  const dir = mkdtempSync(join(tmpdir(), 'tinhso-http-'));
  const accessLogPath = join(dir, 'access.log');
  const uploadDir = join(dir, 'uploads');
  // Nodes that must share the identity keys (as a deployment's do) pass their own --identity-keys-file.
  const keys = args.includes('--identity-keys-file') ? [] : ['--identity-keys-file', join(dir, 'identity-keys')];
  const argv = [mode, '--db', url, '--listen', '127.0.0.1:0', '--access-log', accessLogPath,
    '--upload-dir', uploadDir, ...keys, ...args];
  const child = spawn(BIN, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    // The task reminders job mails the demo's officers on the real clock's working days; suites
    // that are not about it keep it off so that what they count does not depend on the day. The
    // demo's past dossiers (--demo-history-months) are left out unless a suite asks for them: the
    // others count the demo's own dossiers.
    env: { ...process.env, ...CLOCK_ENV, TINHSO_LOG_LEVEL: 'info', TINHSO_TASKS_REMINDERS: 'off',
      TINHSO_DEMO_HISTORY_MONTHS: '0', ...env },
  });
  live.add(child);

  let out = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d) => {
    stderr += d;
    out += d;
  });
  const exited = new Promise((res) => {
    child.on('close', (code, signal) => {
      live.delete(child);
      checkCasualty(`${mode} (pid ${child.pid})`, out, code, signal);
      res({ code, signal });
    });
  });

  let listenUrl;
  try {
    listenUrl = await new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`tinhso did not print "listening on" within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      const check = () => {
        const m = /listening on (http:\/\/[^\s]+)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          res(m[1]);
        }
      };
      child.stderr.on('data', check);
      child.on('error', (e) => {
        clearTimeout(timer);
        rej(e);
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        rej(new Error(`tinhso ${mode} exited before listening (code ${code}, signal ${signal})`));
      });
      check();
    });
  } catch (e) {
    child.kill('SIGKILL');
    await exited;
    if (!process.env.TINHSO_TEST_KEEP) rmSync(dir, { recursive: true, force: true });
    e.message += `\n--- server output ---\n${out}`;
    throw e;
  }

  const u = new URL(listenUrl);
  let stopped = null;
  const server = {
    url: `${u.protocol}//${u.host}`,
    host: u.hostname,
    port: Number(u.port),
    dir,
    accessLogPath,
    uploadDir,
    process: child,
    pid: child.pid,
    exited,
    logs: () => out,
    stderr: () => stderr,
    accessLog() {
      if (!existsSync(accessLogPath)) return [];
      return readFileSync(accessLogPath, 'utf8').split('\n').filter((l) => l !== '');
    },
    // Sends `signal` and waits for the exit. Kills the server if it does not exit in time.
    async stop({ signal = 'SIGTERM', timeoutMs = STOP_TIMEOUT_MS } = {}) {
      if (!stopped) {
        stopped = (async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          let timer;
          const result = await Promise.race([
            exited,
            new Promise((res) => {
              timer = setTimeout(() => res(null), timeoutMs);
            }),
          ]);
          clearTimeout(timer);
          if (result === null) {
            child.kill('SIGKILL');
            const r = await exited;
            if (!process.env.TINHSO_TEST_KEEP) rmSync(dir, { recursive: true, force: true });
            return { ...r, timedOut: true };
          }
          if (!process.env.TINHSO_TEST_KEEP) rmSync(dir, { recursive: true, force: true });
          const casualty = checkCasualty(`${mode} (pid ${child.pid})`, out, result.code, result.signal);
          if (casualty) throw new Error(casualty);
          // An in-memory database is gone with its server: nothing to check.
          if (result.code === 0 && result.signal === null && !url.includes(':memory:')) {
            const r = await runCli(['indicators', 'recount', '--db', url, '--check'], { timeoutMs: 120_000 });
            if (r.code !== 0 && r.code !== 2) {
              throw new Error(`the kept figures differ from their recount after this scenario ` +
                `(tinhso indicators recount --check exited ${r.code}):\n${r.stdout}${r.stderr}`);
            }
          }
          return { ...result, timedOut: false };
        })();
      }
      return stopped;
    },
  };
  return server;
}
