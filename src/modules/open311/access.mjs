// The open311 module's pages for the access and CSRF matrices (format: tests/http/access-matrix.test.mjs).
// The GeoReport v2 API itself (/open311/v2/…) is outside the matrix: it ignores sessions and
// roles and is authorised by API key — tests/http/open311.test.mjs covers its 403s.
const ADMIN = ['administrator'];

export async function prepare(t) {
  const stamp = `${process.pid}${Date.now()}`;
  // A key to revoke in every cell (only the hash is kept; the key itself is never needed here).
  await t.db.exec(`INSERT INTO open311_api_keys (name, key_hash, key_prefix, created_at)
    VALUES ('Ma trận', 'matrix-${stamp}', 'o311_matr', '2026-11-27T00:00:00Z')`);
  const key = (await t.db.exec(`SELECT id FROM open311_api_keys WHERE key_hash = 'matrix-${stamp}'`)).trim();
  return { open311Key: key };
}

export const routes = [
  { method: 'GET', path: () => '/city-reports', allow: 'everyone' },
  { method: 'GET', path: () => '/city-reports?service=ROAD&status=open&page=2', allow: 'everyone' },
  { method: 'GET', path: () => '/admin/open311', allow: ADMIN },
  {
    method: 'POST', path: () => '/admin/open311/keys', allow: ADMIN, stateChanging: true,
    form: (fx) => ({ name: `Khóa của ${fx.name}` }),
  },
  {
    method: 'POST', path: (fx) => `/admin/open311/keys/${fx.open311Key}/revoke`, allow: ADMIN, stateChanging: true,
    form: () => ({}),
  },
];
