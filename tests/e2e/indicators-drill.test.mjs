// Issue 17 "Done when", in the browser with JavaScript on and off (the entry and approval:
// indicators.test.mjs): the province leader drills from the province's on-time rate to an agency
// and to its late dossiers, and the numbers match at every step; the meeting pack PDF is rendered
// and read back; the public scorecard and open data. Axe on every page (JavaScript on: axe runs in
// the page).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newPage } from './browser.mjs';
import { main } from './dossiers-journey.mjs';
import { indicatorsSite, monthBack, number } from './indicators-kit.mjs';

// The demo with its year of past dossiers, some returned late.
const { site, actor, visit } = indicatorsSite('e2e_indicators_drill');


test('a leader drills from the province\'s on-time rate to an agency to its late dossiers; the numbers match', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const tag = javaScriptEnabled ? 'JS on' : 'JS off';
    const { page: p, context } = await actor('province_leader', javaScriptEnabled);
    try {
      await visit(p, '/dashboard', `${tag}: the province leader's dashboard`);
      await visit(p, main(p).locator('#card-HS-DUNG-HAN h2 a'), `${tag}: the on-time rate by agency`);
      // A month with late dossiers: the demo's history has some in most months.
      let found = false;
      for (let back = 1; back <= 12 && !found; back++) {
        const period = monthBack(back);
        await visit(p, `/dashboard/HS-DUNG-HAN?period=${period}`, `${tag}: ${period} by agency`);
        const num = number(await main(p).locator('#whole-numerator').innerText());
        const den = number(await main(p).locator('#whole-denominator').innerText());
        if (num === den) continue;
        found = true;
        const nums = (await main(p).locator('td.numerator').allInnerTexts()).map(number);
        const dens = (await main(p).locator('td.denominator').allInnerTexts()).map(number);
        assert.equal(nums.reduce((a, b) => a + b, 0), num, `${tag}: the agencies' on-time dossiers add up`);
        assert.equal(dens.reduce((a, b) => a + b, 0), den, `${tag}: and their returned dossiers`);
        const rows = main(p).locator('#by-agency tbody tr');
        let late = -1;
        let link;
        for (let i = 0; i < await rows.count(); i++) {
          const n = number(await rows.nth(i).locator('td.numerator').innerText());
          const d = number(await rows.nth(i).locator('td.denominator').innerText());
          if (d > n) { late = d - n; link = rows.nth(i).locator('th a'); break; }
        }
        assert.ok(link, `${tag}: an agency with late dossiers in ${period}`);
        await visit(p, link, `${tag}: the agency's late dossiers`);
        assert.equal(number(await main(p).locator('#late-total').innerText()), late, `${tag}: the late count`);
        assert.equal(await main(p).locator('#late-dossiers tbody tr th a').count(), late, `${tag}: one row per late dossier`);
      }
      assert.ok(found, `${tag}: a month with late dossiers in the demo's history`);
    } finally {
      await context.close();
    }
  }
});

test('the meeting pack: one click makes the PDF, in Vietnamese, ready to print', async () => {
  const { page: p, context } = await actor('province_leader', true);
  const dir = mkdtempSync(join(tmpdir(), 'tinhso-pack-'));
  try {
    await visit(p, '/dashboard', 'the dashboard');
    await main(p).locator('#p-month').fill(monthBack(1));
    const [download] = await Promise.all([p.waitForEvent('download'),
      main(p).getByRole('button', { name: 'Tải báo cáo PDF' }).click()]);
    assert.equal(download.suggestedFilename(), `bao-cao-dieu-hanh-${monthBack(1)}.pdf`);
    const file = join(dir, 'pack.pdf');
    await download.saveAs(file);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    assert.match(info, /Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const want of ['BÁO CÁO CHỈ SỐ ĐIỀU HÀNH', 'Các chỉ số so với chỉ tiêu', 'Tỷ lệ văn bản đi được ký số',
      'Quyết định 766', 'Nhiệm vụ quá hạn'])
      assert.ok(text.includes(want), `the pack says "${want}"`);
    const [yyyy, mm] = monthBack(1).split('-');
    assert.ok(text.includes(`Tháng ${Number(mm)}/${yyyy}`), 'for the month chosen');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await context.close();
  }
});

test('the public scorecard and open data pass axe, with and without JavaScript', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const { page, context } = await newPage(site.browser, { javaScriptEnabled });
    try {
      for (const path of ['/scorecard', `/scorecard?period=${monthBack(1)}&span=ytd`, '/scorecard/province', '/indicators',
        '/indicators/HS-DUNG-HAN', '/open-data'])
        await visit(page, path, `${javaScriptEnabled ? 'JS on' : 'JS off'}: ${path}`);
    } finally {
      await context.close();
    }
  }
});
