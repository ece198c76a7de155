// Issue 17 "Done when", in the browser with JavaScript on and off: the department (the demo
// specialist of SO-KHCN) enters a month's value with its file, the department's leader approves it
// and the leaders' dashboard moves to it (JavaScript off: a correction of it, with its reason);
// the drill-down, the meeting pack and the public pages: indicators-drill.test.mjs. Axe on every
// page (JavaScript on: axe runs in the page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from './dossiers-journey.mjs';
import { indicatorsSite, monthBack, number } from './indicators-kit.mjs';

// The demo with its year of past dossiers, some returned late.
const { site, actor, visit } = indicatorsSite('e2e_indicators');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

// The big number of the dashboard card of `code`.
async function cardValue(page, code) {
  return (await main(page).locator(`#card-${code} [data-value]`).innerText()).trim();
}

async function enterAndApprove(javaScriptEnabled, value, reason) {
  const tag = javaScriptEnabled ? 'JS on' : 'JS off';
  const specialist = await actor('specialist', javaScriptEnabled);
  const leader = await actor('agency_leader', javaScriptEnabled);
  try {
    const l = leader.page;
    await visit(l, '/dashboard', `${tag}: the agency leader's dashboard before`);
    const before = await cardValue(l, 'CDS-KY-SO');

    const s = specialist.page;
    await visit(s, '/indicators/CDS-KY-SO', `${tag}: the indicator, as the department`);
    const form = main(s).locator('form[enctype="multipart/form-data"]');
    await form.locator('#f-period').fill(monthBack(1));
    await form.locator('#f-value').fill(value);
    await form.locator('#f-source').fill('Báo cáo tháng của Sở Khoa học và Công nghệ');
    if (reason) await form.locator('#f-reason').fill(reason);
    await form.locator('#f-file').setInputFiles({ name: 'bao-cao.pdf', mimeType: 'application/pdf', buffer: PDF });
    await visit(s, form.locator('button[type="submit"]'), `${tag}: the value entered`);
    assert.match(await main(s).locator('[role="status"]').first().innerText(), /Đã gửi số liệu/);

    await visit(l, '/indicators/CDS-KY-SO', `${tag}: the indicator, as the leader`);
    const approve = main(l).locator('button[id^="approve-"]');
    assert.equal(await approve.count(), 1, `${tag}: one version waits for the leader`);
    await visit(l, approve, `${tag}: approved`);
    assert.match(await main(l).locator('[role="status"]').first().innerText(), /Đã ghi nhận quyết định/);
    await visit(l, '/dashboard', `${tag}: the dashboard after`);
    const after = await cardValue(l, 'CDS-KY-SO');
    assert.notEqual(after, before, `${tag}: the dashboard moved`);
    assert.equal(number(after), number(value), `${tag}: to the approved value`);
  } finally {
    await specialist.context.close();
    await leader.context.close();
  }
}

test('a department enters a value, its leader approves it, the dashboard moves (JavaScript on)', async () => {
  await enterAndApprove(true, '95,7');
});

test('the same without JavaScript: a correction with its reason', async () => {
  await enterAndApprove(false, '96,1', 'Số liệu rà soát lại theo báo cáo chính thức');
});

