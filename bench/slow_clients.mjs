// Resilience benchmark: while 1,000 keep-alive connections sit idle and 100 connections send
// their request headers one byte at a time (slowloris), measure /healthz latency on fresh
// connections. Goal (issue 2): p99 under 50 ms. Usage: node bench/slow_clients.mjs HOST PORT
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

const [host = '127.0.0.1', port = '8080'] = process.argv.slice(2);
const IDLE = Number(process.env.IDLE ?? 1000);
const SLOW = Number(process.env.SLOW ?? 100);
const SAMPLES = Number(process.env.SAMPLES ?? 300);
const sockets = [];
let stopping = false;

function connect() {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port: Number(port) }, () => resolve(s));
    s.on('error', reject);
  });
}

// One full keep-alive request, then the connection stays open and idle.
async function idleClient() {
  const s = await connect();
  s.on('error', () => {});
  s.on('data', () => {});
  s.write(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
  sockets.push(s);
}

// Sends a request header byte by byte, reconnecting when the server times it out.
async function slowClient() {
  const req = `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: slow-client-${'x'.repeat(200)}\r\n\r\n`;
  while (!stopping) {
    let s;
    try { s = await connect(); } catch { await sleep(100); continue; }
    let closed = false;
    s.on('error', () => {});
    s.on('close', () => { closed = true; });
    sockets.push(s);
    for (let i = 0; i < req.length && !closed && !stopping; i++) {
      s.write(req[i]);
      await sleep(50);
    }
    s.destroy();
  }
}

function timedRequest() {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const s = net.connect({ host, port: Number(port) }, () => {
      s.write(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    });
    let buf = '';
    s.on('data', (d) => { buf += d; });
    s.on('end', () => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      buf.startsWith('HTTP/1.1 200') ? resolve(ms) : reject(new Error('bad response: ' + buf.slice(0, 40)));
    });
    s.on('error', reject);
  });
}

const q = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

const base = [];
for (let i = 0; i < 50; i++) base.push(await timedRequest());
base.sort((a, b) => a - b);

for (let i = 0; i < IDLE; i += 50) await Promise.all(Array.from({ length: Math.min(50, IDLE - i) }, idleClient));
const slow = Array.from({ length: SLOW }, slowClient);
await sleep(2000);  // slow clients are mid-header now

const lat = [];
let errors = 0;
for (let i = 0; i < SAMPLES; i++) {
  try { lat.push(await timedRequest()); } catch { errors++; }
  await sleep(10);
}
stopping = true;
for (const s of sockets) s.destroy();
await Promise.allSettled(slow);
lat.sort((a, b) => a - b);
const f = (x) => x.toFixed(2);
console.log(`baseline /healthz (no load): median ${f(q(base, 0.5))} ms, p99 ${f(q(base, 0.99))} ms`);
console.log(`with ${IDLE} idle keep-alive + ${SLOW} byte-by-byte clients: ${lat.length} samples, ${errors} errors, ` +
  `median ${f(q(lat, 0.5))} ms, p99 ${f(q(lat, 0.99))} ms, max ${f(lat[lat.length - 1])} ms`);
console.log(`goal p99 < 50 ms: ${q(lat, 0.99) < 50 && errors === 0 ? 'MET' : 'NOT MET'}`);
process.exit(0);
