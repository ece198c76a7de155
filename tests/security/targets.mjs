// The scanners' targets (issue 12, `make security`): every route of `tinhso routes` that takes
// parameters, as each session sees it. Crawls the running demo from / (same origin, at most
// --max-pages pages per session), and prints one JSON line per target:
//   {"who": "anonymous", "method": "GET", "route": "GET /procedures/{code}", "url": "...", "data": "..."}
// GET targets carry their query string; path parameters are marked for sqlmap with `*` after the
// value; POST targets carry the form's own field names and defaults (with the session's _csrf).
// Multipart forms are listed with "multipart": true (sqlmap skips them; multipart.mjs attacks them).
// Routes with parameters that no page links to or has a form for are printed with "uncovered": true.
//
// node targets.mjs BASE ROUTES_FILE WHO COOKIE [--max-pages N]
import { readFileSync } from 'node:fs';

const [base, routesFile, who, cookie = '', ...rest] = process.argv.slice(2);
const maxPages = Number(rest[rest.indexOf('--max-pages') + 1] || 400);
const SKIP = /^\/(logout|static\/|account\/sessions\/revoke-others|account\/2fa|metrics)|\.(csv|xlsx|pdf|json|png|jpg|js|css)$|\/files\//;

const routes = readFileSync(routesFile, 'utf8').trim().split('\n').map((l) => {
  const [method, pattern] = l.split(' ');
  const names = [];
  const re = new RegExp('^' + pattern.replace(/[.]/g, '\\.').replace(/\{([a-z_]+)(\.\.\.)?\}/g, (_, n, all) => {
    names.push(n);
    return all ? '(.+)' : '([^/]+)';
  }) + '$');
  return { method, pattern, re, names, key: `${method} ${pattern}` };
});
const routeOf = (method, path) => routes.find((r) => r.method === method && r.re.test(path));

const decode = (s) => s.replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16))).replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const attr = (tag, name) => {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decode(m[2] ?? m[3] ?? m[4] ?? '') : null;
};

async function fetchPage(path) {
  const r = await fetch(base + path, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  const type = r.headers.get('content-type') || '';
  return { status: r.status, text: type.startsWith('text/html') ? await r.text() : '' };
}

const seen = new Set();
// Every parameterless GET route is a starting page, so forms no link leads to are found too.
const queue = ['/', ...routes.filter((r) => r.method === 'GET' && !r.names.length && !SKIP.test(r.pattern)).map((r) => r.pattern)];
for (const p of queue) seen.add(p);
const out = new Map();
const emit = (t) => {
  const k = `${t.method} ${t.route} ${t.params}`;
  if (!out.has(k)) out.set(k, t);
};

function formTargets(html, pagePath) {
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, open, body] = m;
    const method = (attr(open, 'method') || 'get').toUpperCase();
    const action = new URL(attr(open, 'action') || pagePath, base + pagePath);
    if (action.origin !== new URL(base).origin || SKIP.test(action.pathname)) continue;
    const fields = new URLSearchParams();
    const files = [];
    for (const f of body.matchAll(/<(input|select|textarea)\b([^>]*)>/gi)) {
      const name = attr(f[2], 'name');
      if (!name) continue;
      const type = (attr(f[2], 'type') || '').toLowerCase();
      if (type === 'file') files.push(name);
      if (type === 'submit' || type === 'button' || type === 'file') continue;
      if ((type === 'checkbox' || type === 'radio') && fields.has(name)) continue;
      let value = attr(f[2], 'value') ?? '';
      if (f[1].toLowerCase() === 'select') value = /<option\b[^>]*value="([^"]*)"/i.exec(body.slice(f.index))?.[1] ?? '';
      if (value === '' && name !== '_csrf') value = type === 'email' || /email/.test(name) ? 'scan@example.vn' : type === 'date' ? '2026-01-05' : type === 'number' ? '1' : 'x';
      if (!fields.has(name)) fields.set(name, value);
    }
    const route = routeOf(method, action.pathname);
    if (!route) continue;
    const multipart = /multipart\/form-data/i.test(attr(open, 'enctype') || '');
    const params = [...fields.keys()].filter((k) => k !== '_csrf').sort().join(',');
    if (method === 'GET') {
      for (const [k, v] of fields) action.searchParams.set(k, v);
      emit({ who, method, route: route.key, url: action.href, params, data: '' });
    } else {
      emit({ who, method, route: route.key, url: action.href, params, data: fields.toString(), multipart, files });
    }
  }
}

function linkTargets(html, pagePath) {
  for (const m of html.matchAll(/<a\b[^>]*\shref\s*=\s*"([^"]*)"/gi)) {
    let u;
    try {
      u = new URL(decode(m[1]).replace(/#.*/, ''), base + pagePath);
    } catch {
      continue;
    }
    if (u.origin !== new URL(base).origin || SKIP.test(u.pathname)) continue;
    const route = routeOf('GET', u.pathname);
    if (!route) continue;
    const params = [...u.searchParams.keys()].sort().join(',') + (route.names.length ? `|path:${route.names}` : '');
    if (u.search || route.names.length) {
      // Path parameters: the value of each {name} segment is marked for injection.
      let marked = u.pathname;
      if (route.names.length) {
        const vals = route.re.exec(u.pathname).slice(1);
        const last = vals[vals.length - 1];
        marked = u.pathname.slice(0, u.pathname.lastIndexOf(last) + last.length) + '*' + u.pathname.slice(u.pathname.lastIndexOf(last) + last.length);
      }
      emit({ who, method: 'GET', route: route.key, url: base + marked + u.search, params, data: '' });
    }
    const path = u.pathname + u.search;
    if (!seen.has(u.pathname + [...u.searchParams.keys()].sort()) && seen.size < maxPages) {
      seen.add(u.pathname + [...u.searchParams.keys()].sort());
      queue.push(path);
    }
  }
}

while (queue.length) {
  const path = queue.shift();
  let page;
  try {
    page = await fetchPage(path);
  } catch {
    continue;
  }
  if (!page.text) continue;
  formTargets(page.text, path.split('?')[0]);
  linkTargets(page.text, path.split('?')[0]);
}
const covered = new Set([...out.values()].map((t) => t.route));
for (const t of out.values()) console.log(JSON.stringify(t));
for (const r of routes) {
  const takesParams = r.names.length || r.method === 'POST';
  if (takesParams && !covered.has(r.key) && !SKIP.test(r.pattern)) console.log(JSON.stringify({ who, route: r.key, uncovered: true }));
}
