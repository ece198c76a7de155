// The cluster test's SMTP sink (tests/lib/smtp-sink.mjs) and SMS webhook sink as a process of its
// own, so that every node can be started with --smtp 127.0.0.1:PORT and --sms-webhook
// http://127.0.0.1:PORT2/sms before the journeys run.
//   node cluster-sink.mjs PORTFILE LOGFILE SMSPORTFILE SMSLOG
// Writes the SMTP port to PORTFILE, then one JSON line per message received to LOGFILE:
// {to, subject, messageId}; the webhook's port to SMSPORTFILE, then each POSTed body (one JSON
// line each) to SMSLOG, answering 200. Runs until killed.
import { appendFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { startSmtpSink } from '../lib/smtp-sink.mjs';

const [portFile, logFile, smsPortFile, smsLog] = process.argv.slice(2);
writeFileSync(smsLog, '');
const sms = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (d) => (body += d));
  req.on('end', () => {
    appendFileSync(smsLog, `${JSON.stringify(JSON.parse(body))}\n`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
});
await new Promise((res) => sms.listen(0, '127.0.0.1', res));
writeFileSync(smsPortFile, String(sms.address().port));
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
