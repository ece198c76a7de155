// The cluster test's SMTP sink (tests/lib/smtp-sink.mjs) as a process of its own, so that every
// node can be started with --smtp 127.0.0.1:PORT before the journeys run.
//   node cluster-sink.mjs PORTFILE LOGFILE
// Writes its port to PORTFILE, then one JSON line per message received to LOGFILE:
// {to, subject, messageId}. Runs until killed.
import { appendFileSync, writeFileSync } from 'node:fs';
import { startSmtpSink } from '../lib/smtp-sink.mjs';

const [portFile, logFile] = process.argv.slice(2);
const sink = await startSmtpSink();
writeFileSync(logFile, '');
let seen = 0;
setInterval(() => {
  const all = sink.messages();
  for (; seen < all.length; seen++) {
    const m = all[seen];
    const messageId = m.headers['message-id'] ?? '';
    appendFileSync(logFile, `${JSON.stringify({ to: m.to, subject: m.subject, messageId })}\n`);
  }
}, 100);
writeFileSync(portFile, String(sink.port));
