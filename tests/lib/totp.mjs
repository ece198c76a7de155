// RFC 6238 TOTP (SHA-1, 30 s, 6 digits), for tests that sign in staff who need a second factor,
// and a helper that signs an Agent in all the way: password, then TOTP enrolment or a code.
import { createHmac } from 'node:crypto';
import assert from 'node:assert/strict';
import { Agent } from './agent.mjs';

export function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of s.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

export function totp(secretB32, now = Date.now()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 1000 / 30)));
  const h = createHmac('sha1', base32Decode(secretB32)).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

// Per server and e-mail: the TOTP secret and the unused recovery codes from enrolment. A TOTP
// code works once per 30 s step (replays are refused), so repeated sign-ins use recovery codes.
const enrolled = new Map();

// Signs in with the password and, when the account needs it, passes the second factor: enrols
// on first use (reading the secret from the page, as a person would type it), later with a
// recovery code. Returns the Agent, with this session's CSRF token.
export async function signInFully(base, email, password) {
  const a = new Agent(base);
  const r = await a.login(email, password);
  assert.equal(r.status, 303, `${email} signs in`);
  const key = `${base} ${email}`;
  if (r.headers.location === '/account/2fa') {
    const known = enrolled.get(key);
    if (!known) {
      const setup = await a.get('/account/2fa/setup');
      const secret = /id="totp-secret">([A-Z2-7=]+)</.exec(setup.text)?.[1];
      assert.ok(secret, `the enrolment page shows the secret (status ${setup.status})`);
      const done = await a.post('/account/2fa/setup', { code: totp(secret) });
      assert.equal(done.status, 200, 'TOTP enrolment accepted');
      const codes = [...done.text.matchAll(/<li><code>([a-z2-7]{4}-[a-z2-7]{4})<\/code><\/li>/g)].map((m) => m[1]);
      assert.equal(codes.length, 10, 'ten recovery codes shown');
      enrolled.set(key, { secret, codes });
    } else {
      await a.get('/account/2fa');
      const code = known.codes.shift();
      assert.ok(code, `${email}: recovery codes left for another sign-in`);
      const done = await a.post('/account/2fa', { code });
      assert.equal(done.status, 303, `${email}: recovery code accepted`);
    }
  }
  await a.get('/');  // this session's CSRF token
  return a;
}
