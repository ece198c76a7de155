// The leaders' board of tasks, its lists and the public page (issue 16 §6, §8) at a 390 px phone
// and at 1280 px: no sideways scroll, a small header, no ISO dates shown, axe clean
// (tests/e2e/layout-checks.mjs).
import { test } from 'node:test';
import { demoSite } from './browser.mjs';
import { checkPages, signedIn } from './layout-checks.mjs';

const site = demoSite('e2e_tasks_board');

test('the public page of conclusions and the leaders\' board fit a phone and a desktop, and pass axe', async () => {
  await checkPages(site, 'visitor', ['/tasks/public', '/tasks/public/1']);
  const province = await signedIn(site, 'province@demo.tinhso.vn');
  await checkPages(site, 'province leader', ['/tasks/board?as_of=2021-06-30&period=quarter',
    '/tasks/list?as_of=2021-06-30&bucket=overdue', '/tasks/board'], province.state);
});
