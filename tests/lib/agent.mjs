// A minimal browser-like client for black-box tests: keeps cookies, sends a same-origin Origin
// on POSTs, and fills in the `_csrf` field from the last page that carried one.
//
//   const a = new Agent(srv.url);
//   await a.get('/login');                      // remembers cookies and the form's _csrf
//   await a.post('/login', { email, password }); // _csrf added unless given
//   await a.login(email, password)              // GET /login + POST /login; returns the response
//   await a.postMultipart('/x', { k: 'v' }, { name: 'a.pdf', content: buf, type: 'application/pdf' })
import { randomBytes } from 'node:crypto';
import { request } from './http.mjs';

export class Agent {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
    this.csrf = '';
  }

  #remember(r) {
    for (const c of [].concat(r.headers['set-cookie'] || [])) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const m = /name="_csrf"\s+value="([^"]*)"/.exec(r.text) || /value="([^"]*)"\s+name="_csrf"/.exec(r.text);
    if (m) this.csrf = m[1];
    return r;
  }

  #headers(extra = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return cookie ? { cookie, ...extra } : { ...extra };
  }

  async get(path, opts = {}) {
    return this.#remember(await request(this.base, path, { ...opts, headers: this.#headers(opts.headers) }));
  }

  // `fields`: an object, or a list of [name, value] pairs to send a name more than once.
  async post(path, fields = {}, opts = {}) {
    const body = (Array.isArray(fields) ? new URLSearchParams([['_csrf', this.csrf], ...fields])
      : new URLSearchParams({ _csrf: this.csrf, ...fields })).toString();
    return this.#remember(await request(this.base, path, {
      ...opts,
      method: 'POST',
      body,
      headers: this.#headers({
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(body),
        origin: this.base,
        ...opts.headers,
      }),
    }));
  }

  // POSTs multipart/form-data: the fields (with _csrf unless given), then each file — one object or
  // a list of { name, content (string or Buffer), type = 'text/csv', field = 'file' }.
  async postMultipart(path, fields = {}, files = [], opts = {}) {
    const boundary = `----tinhso${randomBytes(8).toString('hex')}`;
    const parts = [];
    for (const [k, v] of Object.entries({ _csrf: this.csrf, ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    for (const f of [].concat(files || [])) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field || 'file'}"; `
        + `filename="${f.name}"\r\nContent-Type: ${f.type || 'text/csv'}\r\n\r\n`));
      parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content, 'utf8'));
      parts.push(Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const body = Buffer.concat(parts);
    return this.#remember(await request(this.base, path, {
      ...opts,
      method: 'POST',
      body,
      headers: this.#headers({
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': body.length,
        origin: this.base,
        ...opts.headers,
      }),
    }));
  }

  // POSTs a JSON body (a string) with the agent's cookies; the caller adds X-CSRF-Token.
  async postJson(path, body, opts = {}) {
    return this.#remember(await request(this.base, path, {
      ...opts,
      method: 'POST',
      body,
      headers: this.#headers({
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        origin: this.base,
        ...opts.headers,
      }),
    }));
  }

  async login(email, password) {
    await this.get('/login');
    return this.post('/login', { email, password });
  }
}
