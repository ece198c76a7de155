// Login-flood benchmark (issue 3): while FLOODERS clients post wrong passwords to /login as fast
// as they can, measure the latency of ordinary pages on fresh connections. Password hashing
// (argon2id, ~50 ms and 64 MiB each) runs on a bounded pool, so other pages should keep their
// p99. Usage: node bench/login_flood.mjs BASE_URL   (env: FLOODERS=32 SAMPLES=300 PAGE=/about)
// MODE=reset floods POST /password/reset with made-up tokens and a valid new password instead
// (issue 12 §3: the token must be checked before any hashing).
import { setTimeout as sleep } from 'node:timers/promises';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const FLOODERS = Number(process.env.FLOODERS ?? 32);
const SAMPLES = Number(process.env.SAMPLES ?? 300);
const PAGE = process.env.PAGE ?? '/about';
const MODE = process.env.MODE ?? 'login';
const FORM = MODE === 'reset' ? '/password/reset?token=made-up' : '/login';
const TARGET = MODE === 'reset' ? '/password/reset' : '/login';

// The anonymous CSRF pair for the login form: the cookie and the hidden field.
async function loginForm() {
  const res = await fetch(`${base}${FORM}`);
  const html = await res.text();
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const m = /name="_csrf" value="([^"]*)"/.exec(html);
  if (!m) throw new Error(`no _csrf field on ${FORM}`);
  return { cookies, csrf: m[1] };
}

async function timed(url) {
  const t0 = process.hrtime.bigint();
  const res = await fetch(url, { headers: { connection: 'close' } });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function sample(n) {
  const lat = [];
  for (let i = 0; i < n; i++) {
    lat.push(await timed(`${base}${PAGE}`));
    await sleep(10);
  }
  return lat.sort((a, b) => a - b);
}

const q = (s, p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
const f = (x) => x.toFixed(2);

const baseline = await sample(SAMPLES);
let stop = false;
const statuses = new Map();
let attempts = 0;
async function flooder(i) {
  const { cookies, csrf } = await loginForm();
  while (!stop) {
    const body = MODE === 'reset'
      ? new URLSearchParams({ token: `made-up-token-${i}-${attempts}`, password: 'Mật-khẩu-mới-rất-dài-2025', _csrf: csrf })
      : new URLSearchParams({ email: `victim${i % 4}@demo.tinhso.vn`, password: `wrong-password-${attempts}`, _csrf: csrf });
    try {
      const res = await fetch(`${base}${TARGET}`, {
        method: 'POST', body, redirect: 'manual',
        headers: { cookie: cookies, origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      });
      await res.arrayBuffer();
      attempts++;
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    } catch { /* connection trouble counts as nothing */ }
  }
}
const floods = Array.from({ length: FLOODERS }, (_, i) => flooder(i));
await sleep(1000);
const t0 = Date.now();
const before = attempts;
const loaded = await sample(SAMPLES);
const rate = ((attempts - before) / ((Date.now() - t0) / 1000)).toFixed(0);
stop = true;
await Promise.allSettled(floods);
console.log(`${PAGE} alone: median ${f(q(baseline, 0.5))} ms, p99 ${f(q(baseline, 0.99))} ms`);
console.log(`${PAGE} during a flood of ${MODE === 'reset' ? 'made-up reset tokens' : 'wrong passwords'} (${FLOODERS} clients, ${rate} attempts/s; answers ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}): ` +
  `median ${f(q(loaded, 0.5))} ms, p99 ${f(q(loaded, 0.99))} ms`);
console.log(`p99 ratio flood/alone: ${(q(loaded, 0.99) / q(baseline, 0.99)).toFixed(2)}`);
