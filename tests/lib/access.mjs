// The access matrix's tables: each module declares the rows of its routes in its own folder,
// src/modules/<module>/access.mjs (or several: access-<part>.mjs), exporting `routes` and
// optionally `prepare` (format: tests/http/access-matrix.test.mjs). Read by the access-matrix,
// route-fuzz and sql-per-page tests.
import { readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const modulesDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'modules');

// [{ name, mod }] sorted by name: "<module>" for access.mjs, "<module>-<part>" for access-<part>.mjs.
export async function accessTables() {
  const found = [];
  for (const m of readdirSync(modulesDir, { withFileTypes: true })) {
    if (!m.isDirectory()) continue;
    const dir = join(modulesDir, m.name);
    for (const f of readdirSync(dir)) {
      const part = /^access(?:-([a-z0-9_]+))?\.mjs$/.exec(f);
      if (!part) continue;
      found.push({ name: part[1] ? `${m.name}-${part[1]}` : m.name, file: join(dir, f) });
    }
  }
  found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out = [];
  for (const { name, file } of found) {
    if (!existsSync(file)) continue;
    out.push({ name, mod: await import(pathToFileURL(file)) });
  }
  return out;
}
