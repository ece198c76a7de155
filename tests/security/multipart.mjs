// Hostile multipart bodies (issue 12, `make security`): wapiti sends every multipart field as a
// file, so each multipart form found by targets.mjs gets its own cases here. For each form and
// session: every field as a file part, repeated and blank fields, SQL metacharacters, invalid
// UTF-8 and NUL in values, names and file names, very long values and names, path traversal and
// CRLF in file names, a part without a name, a wrong or missing boundary, an unterminated body,
// and a file whose declared type is not its content. The server must never answer 5xx nor die.
// Prints "ok CASE" / "FAIL CASE: why" per case; exits 1 on any FAIL.
//
// node multipart.mjs BASE TARGETS_JSONL COOKIES_TSV
import { readFileSync } from 'node:fs';
import { request } from 'node:http';

const [base, targetsFile, cookiesFile] = process.argv.slice(2);
const cookies = new Map(readFileSync(cookiesFile, 'utf8').trim().split('\n').map((l) => l.split('\t')));
const targets = readFileSync(targetsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((t) => t.multipart);

function send(url, headers, body) {
  return new Promise((resolve) => {
    const u = new URL(url);
    const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST', headers, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve(`error ${e.code || e.message}`));
    req.end(body);
  });
}
const alive = () => fetch(base + '/healthz').then((r) => r.status === 200).catch(() => false);

const B = 'scanBoundary7MA4YWxkTrZu0gW';
const part = (name, value, { filename, type } = {}) => {
  const disp = `form-data; name="${name}"` + (filename !== undefined ? `; filename="${filename}"` : '');
  return Buffer.concat([Buffer.from(`--${B}\r\nContent-Disposition: ${disp}\r\n` + (type ? `Content-Type: ${type}\r\n` : '') + '\r\n'),
    Buffer.isBuffer(value) ? value : Buffer.from(value), Buffer.from('\r\n')]);
};
const end = Buffer.from(`--${B}--\r\n`);
const body = (parts, close = true) => Buffer.concat([...parts, ...(close ? [end] : [])]);
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d605a40000000049454e44ae426082', 'hex');

function cases(fields, files) {
  const csrf = fields.get('_csrf') || '';
  const names = [...fields.keys()].filter((k) => k !== '_csrf');
  const base = (over = {}) => names.map((n) => part(n, over[n] ?? fields.get(n)));
  const token = [part('_csrf', csrf)];
  const out = {
    'every field as a file (wapiti)': body([...token, ...names.map((n) => part(n, fields.get(n), { filename: `${n}.txt`, type: 'text/plain' }))]),
    'every field repeated': body([...token, ...base(), ...base(Object.fromEntries(names.map((n) => [n, 'second'])))]),
    'blank fields': body([...token, ...base(Object.fromEntries(names.map((n) => [n, ''])))]),
    'whitespace fields': body([...token, ...base(Object.fromEntries(names.map((n) => [n, ' \t\r\n ']))) ]),
    'SQL metacharacters': body([...token, ...base(Object.fromEntries(names.map((n) => [n, "x' OR '1'='1'; DROP TABLE audit_log;--\"\\"])))]),
    'invalid UTF-8 values': body([...token, ...names.map((n) => part(n, Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80])))]),
    'NUL and U+0001 in values': body([...token, ...base(Object.fromEntries(names.map((n) => [n, 'a\u0000b\u0001c'])))]),
    'NUL in a field name': body([...token, part('na\u0000me', 'x'), ...base()]),
    'very long values (200 kB each)': body([...token, ...base(Object.fromEntries(names.map((n) => [n, 'v'.repeat(200_000)])))]),
    'very long field name (10 kB)': body([...token, part('n'.repeat(10_000), 'x'), ...base()]),
    'out-of-range numbers': body([...token, ...base(Object.fromEntries(names.map((n) => [n, '-99999999999999999999999'])))]),
    'part without a name': body([...token, Buffer.from(`--${B}\r\nContent-Disposition: form-data\r\n\r\nx\r\n`), ...base()]),
    'part without Content-Disposition': body([...token, Buffer.from(`--${B}\r\nContent-Type: text/plain\r\n\r\nx\r\n`), ...base()]),
    'unterminated body': body([...token, ...base()], false),
    'garbage after the last boundary': Buffer.concat([body([...token, ...base()]), Buffer.from('trailing garbage\r\n--' + B + '\r\n')]),
    'nested multipart part': body([...token, part(names[0] || 'x', `--inner\r\n\r\nx\r\n--inner--`, { type: 'multipart/mixed; boundary=inner' }), ...base()]),
  };
  for (const f of files.length ? files : ['file']) {
    out[`file ${f}: path traversal name`] = body([...token, ...base(), part(f, 'x', { filename: '../../../../etc/passwd', type: 'application/pdf' })]);
    out[`file ${f}: CRLF and quote in name`] = body([...token, ...base(), Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="${f}"; filename="a\\"b\r\nX-Injected: 1.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n`)]);
    out[`file ${f}: invalid UTF-8 and NUL in name`] = body([...token, ...base(), part(f, PNG, { filename: Buffer.from([0x61, 0x00, 0xff, 0x2e, 0x70, 0x6e, 0x67]).toString('latin1'), type: 'image/png' })]);
    out[`file ${f}: declared PDF, content HTML`] = body([...token, ...base(), part(f, '<script>alert(1)</script>', { filename: 'x.pdf', type: 'application/pdf' })]);
    out[`file ${f}: declared PNG, content PNG, 300 files`] = body([...token, ...base(), ...Array.from({ length: 300 }, (_, i) => part(f, PNG, { filename: `${i}.png`, type: 'image/png' }))]);
    out[`file ${f}: empty file`] = body([...token, ...base(), part(f, '', { filename: 'empty.pdf', type: 'application/pdf' })]);
  }
  return out;
}

let failed = 0;
const seen = new Set();
for (const t of targets) {
  const key = `${t.who} ${t.route}`;
  if (seen.has(key)) continue;
  seen.add(key);
  const fields = new URLSearchParams(t.data);
  const cookie = cookies.get(t.who) || '';
  const extra = { 'wrong boundary': null, 'no boundary': null };
  for (const [name, b] of Object.entries({ ...cases(fields, t.files || []), ...extra })) {
    const type = name === 'wrong boundary' ? 'multipart/form-data; boundary=other' : name === 'no boundary' ? 'multipart/form-data' : `multipart/form-data; boundary=${B}`;
    const payload = b ?? body([part('_csrf', fields.get('_csrf') || ''), part('x', 'y')]);
    const status = await send(t.url, { 'content-type': type, 'content-length': payload.length, origin: base, ...(cookie ? { cookie } : {}) }, payload);
    const ok = typeof status === 'number' ? status < 500 : /ECONNRESET|EPIPE/.test(status);
    const up = await alive();
    if (ok && up) console.log(`ok ${key}: ${name} → ${status}`);
    else {
      failed++;
      console.log(`FAIL ${key}: ${name} → ${status}${up ? '' : ' and the server no longer answers /healthz'}`);
      if (!up) process.exit(1);
    }
  }
}
console.log(`${seen.size} multipart forms, ${failed} failures`);
process.exit(failed ? 1 : 0);
