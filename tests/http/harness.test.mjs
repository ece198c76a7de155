// The test harness itself (tests/lib/server.mjs): a tinhso process that prints a sanitizer report
// (the ASan + UBSan run of tests/run-all) or dies of a crash signal fails its test file, even when
// the test swallowed every error and asserted nothing. Stand-in binaries play the server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const serverModule = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), '..', 'lib', 'server.mjs')).href;
let dir;

// A stand-in for tinhso: announces a listening address like the real one, then behaves per `mode`.
const FAKE = `#!/usr/bin/env bash
if [[ $1 == version ]]; then
  [[ $FAKE_MODE == report ]] && echo "t.cpp:1:2: runtime error: signed integer overflow" >&2
  exit 0
fi
echo "listening on http://127.0.0.1:9" >&2
trap 'exit 0' TERM
case $FAKE_MODE in
  report)
    echo "==4242==ERROR: AddressSanitizer: heap-use-after-free on address 0x602000000010" >&2
    echo "SUMMARY: AddressSanitizer: heap-use-after-free t.cpp:1 in f" >&2 ;;
  abort) sleep 0.2; kill -ABRT $$ ;;
esac
while :; do sleep 0.05; done
`;

// A test file that starts the stand-in, waits, and stops it, swallowing any error.
const INNER = `import { test } from 'node:test';
import { startServer, runCli } from '${serverModule}';
test('inner', async () => {
  const srv = await startServer({ db: 'sqlite::memory:', mode: 'serve' });
  await new Promise((r) => setTimeout(r, 600));
  try { await srv.stop(); } catch {}
  if (process.env.FAKE_CLI) await runCli(['version']);
});
`;

function runInner(mode, extraEnv = {}) {
  // Run as a plain script: node:test runs it in-process, and the exit status is the verdict.
  const env = { ...process.env, TINHSO_BIN: join(dir, 'tinhso'), FAKE_MODE: mode, ...extraEnv };
  delete env.NODE_TEST_CONTEXT;
  const r = spawnSync(process.execPath, [join(dir, 'inner.test.mjs')], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tinhso-harness-'));
  writeFileSync(join(dir, 'tinhso'), FAKE, { mode: 0o755 });
  writeFileSync(join(dir, 'inner.test.mjs'), INNER);
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('a server that starts and stops cleanly passes (the control)', () => {
  const r = runInner('clean');
  assert.equal(r.status, 0, r.output);
});

test('a server that printed a sanitizer report fails its test file', () => {
  const r = runInner('report');
  assert.notEqual(r.status, 0, r.output);
  assert.match(r.output, /printed a sanitizer report/);
  assert.match(r.output, /heap-use-after-free/);
});

test('a server that died of SIGABRT fails its test file', () => {
  const r = runInner('abort');
  assert.notEqual(r.status, 0, r.output);
  assert.match(r.output, /died of SIGABRT/);
});

test('a CLI run that printed a UBSan report fails its test file', () => {
  const r = runInner('report', { FAKE_CLI: '1' });
  assert.notEqual(r.status, 0, r.output);
  assert.match(r.output, /runtime error: signed integer overflow/);
});
