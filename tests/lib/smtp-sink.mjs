// A small SMTP server for tests (RFC 5321 subset): 220 greeting, EHLO/HELO, MAIL, RCPT, DATA
// (dot-unstuffed), RSET, NOOP, QUIT. Every message is kept with its envelope, raw data, decoded
// Subject (RFC 2047 B and Q words) and decoded text body (base64, quoted-printable, 7bit/8bit).
//
//   const sink = await startSmtpSink();          // port 0: a free port
//   srv = await startServer({ db, args: ['--smtp', `127.0.0.1:${sink.port}`] });
//   const m = await sink.waitFor((m) => m.to.includes('dan@example.org'), 10_000);
//   m.subject, m.text, m.headers['message-id'], sink.messages(), await sink.stop()
import net from 'node:net';

export function decodeWords(value) {
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  return joined.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, enc, text) => {
    const bytes = enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (__, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  });
}

// Splits raw message text into {headers (lower-case names, unfolded), body}.
export function parseMessage(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const cte = (headers['content-transfer-encoding'] || '7bit').toLowerCase();
  let text;
  if (cte === 'base64') text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (cte === 'quoted-printable') {
    text = Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  } else text = body;
  return { headers, subject: decodeWords(headers.subject || ''), text };
}

export async function startSmtpSink({ port = 0, host = '127.0.0.1' } = {}) {
  const received = [];
  const waiters = [];
  const sockets = new Set();

  const deliver = (msg) => {
    received.push(msg);
    for (const w of [...waiters]) {
      if (w.predicate(msg)) {
        waiters.splice(waiters.indexOf(w), 1);
        clearTimeout(w.timer);
        w.resolve(msg);
      }
    }
  };

  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    let buf = Buffer.alloc(0);
    let env = { from: null, to: [] };
    let inData = false;
    const reply = (line) => sock.write(`${line}\r\n`);
    reply('220 smtp-sink ESMTP ready');

    const command = (line) => {
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') {
        reply('250-smtp-sink greets you');
        reply('250-8BITMIME');
        reply('250 SMTPUTF8');
      } else if (verb === 'HELO') reply('250 smtp-sink');
      else if (verb === 'MAIL') {
        const m = /^MAIL FROM:\s*<([^>]*)>/i.exec(line);
        if (!m) return reply('501 syntax: MAIL FROM:<address>');
        env = { from: m[1], to: [] };
        reply('250 OK');
      } else if (verb === 'RCPT') {
        const m = /^RCPT TO:\s*<([^>]+)>/i.exec(line);
        if (env.from === null) return reply('503 MAIL first');
        if (!m) return reply('501 syntax: RCPT TO:<address>');
        env.to.push(m[1]);
        reply('250 OK');
      } else if (verb === 'DATA') {
        if (!env.to.length) return reply('503 RCPT first');
        inData = true;
        reply('354 end with <CRLF>.<CRLF>');
      } else if (verb === 'RSET') {
        env = { from: null, to: [] };
        reply('250 OK');
      } else if (verb === 'NOOP') reply('250 OK');
      else if (verb === 'QUIT') {
        reply('221 bye');
        sock.end();
      } else reply('502 command not implemented');
    };

    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          const emptyBody = buf.indexOf('.\r\n') === 0;
          if (end < 0 && !emptyBody) return;
          const rawBytes = emptyBody ? Buffer.alloc(0) : buf.subarray(0, end + 2);
          buf = buf.subarray(emptyBody ? 3 : end + 5);
          const raw = rawBytes.toString('utf8').replace(/^\.\./gm, '.');
          inData = false;
          deliver({ from: env.from, to: env.to, raw, ...parseMessage(raw), at: new Date() });
          env = { from: null, to: [] };
          reply('250 OK queued');
          continue;
        }
        const eol = buf.indexOf('\r\n');
        if (eol < 0) return;
        const line = buf.subarray(0, eol).toString('utf8');
        buf = buf.subarray(eol + 2);
        command(line);
      }
    });
  });

  await new Promise((res, rej) => {
    server.once('error', rej);
    server.listen(port, host, res);
  });

  return {
    port: server.address().port,
    host,
    messages: () => [...received],
    // Resolves with the first message (already received or arriving) for which predicate is true.
    waitFor(predicate = () => true, timeoutMs = 15_000) {
      const found = received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { predicate, resolve };
        w.timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`smtp-sink: no matching message within ${timeoutMs} ms (${received.length} received)`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise((res) => server.close(() => res()));
      for (const w of waiters.splice(0)) {
        clearTimeout(w.timer);
      }
    },
  };
}
