// Shared pieces of the browser tests: Debian's Chromium through playwright-core, pages that collect
// console errors, CSP violations and failed sub-resources, and axe checks.
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { createDatabase } from '../lib/db.mjs';
import { startServer } from '../lib/server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

export const launchBrowser = () => chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });

// The demo province on a fresh database `name`, served for the whole test file, and one browser:
// `site.base`, `site.browser`, `site.srv`, `site.db` once the file's tests run. The server must
// exit cleanly at the end.
export function demoSite(name, { env = {} } = {}) {
  const site = {};
  before(async () => {
    site.db = await createDatabase(name);
    site.srv = await startServer({ db: site.db, mode: 'demo', env });
    site.base = site.srv.url;
    site.browser = await launchBrowser();
  });
  after(async () => {
    await site.browser?.close();
    const r = await site.srv?.stop();
    await site.db?.drop();
    if (r) assert.equal(r.code, 0, `server exit code\n${site.srv.logs()}`);
  });
  return site;
}

// Pages opened with JavaScript off: axe cannot run inside them (see assertAccessible).
const withoutJs = new WeakSet();

// A new context and page; `problems` collects console errors and warnings, page errors, failed
// requests and sub-resources answered with 4xx/5xx, each with the page's URL.
export async function newPage(browser, { locale = 'vi-VN', javaScriptEnabled = true,
  viewport = { width: 1280, height: 800 }, acceptDownloads = false } = {}) {
  const context = await browser.newContext({ locale, javaScriptEnabled, viewport, acceptDownloads });
  const page = await context.newPage();
  if (!javaScriptEnabled) withoutJs.add(page);
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()} on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  // net::ERR_ABORTED is the browser cancelling a request itself (the page navigated on while the
  // favicon was still loading), not a failure of the server.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'document' && r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  return { context, page, problems };
}

// Fails on axe violations of impact serious or critical, printing each with its nodes. `only`
// limits the check to the given rules, `except` leaves rules out. Axe runs inside the page, so a
// page opened with JavaScript off is skipped: the same bytes are checked in the JavaScript-on pass.
export async function assertAccessible(page, label, { only, except } = {}) {
  if (withoutJs.has(page)) return undefined;
  let builder = new AxeBuilder({ page });
  if (only) builder = builder.withRules(only);
  if (except) builder = builder.disableRules(except);
  const results = await builder.analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const text = bad.map((v) => `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
      v.nodes.map((n) => `      ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`).join('\n')).join('\n');
    console.log(`axe violations on ${label}:\n${text}`);
    assert.fail(`${bad.length} serious/critical axe violation(s) on ${label}:\n${text}`);
  }
  return results;
}
