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
  // A report that became a petition, a queued one (its token) and a photo, for the public pages.
  const cityReport = (await t.db.exec(`SELECT p.code FROM open311_reports r JOIN channel_petitions p
    ON p.id = r.petition_id ORDER BY r.id LIMIT 1`)).trim();
  await t.db.exec(`INSERT INTO open311_reports (token, service_id, api_key_id, address, requested_at)
    SELECT 'matrix-token-${stamp}', s.id, k.id, 'Ma trận', '2026-11-27T00:00:00Z'
    FROM open311_services s, open311_api_keys k WHERE s.code = 'TREE' AND k.key_hash = 'matrix-${stamp}'`);
  const report = (await t.db.exec(`SELECT id FROM open311_reports WHERE token = 'matrix-token-${stamp}'`)).trim();
  // A 1×1 PNG, as base64.
  await t.db.exec(`INSERT INTO open311_photos (name, report_id, content_type, size, sha256, content, created_at)
    VALUES ('matrix-${stamp}.png', ${report}, 'image/png', 67, 'x',
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    '2026-11-27T00:00:00Z')`);
  return { open311Key: key, cityReport, cityToken: `matrix-token-${stamp}`, cityPhoto: `matrix-${stamp}.png` };
}

export const routes = [
  { method: 'GET', path: () => '/city-reports', allow: 'everyone' },
  { method: 'GET', path: () => '/city-reports?service=ROAD&status=open&page=2', allow: 'everyone' },
  { method: 'GET', path: () => '/city-reports/new', allow: 'everyone' },
  { method: 'GET', path: () => '/city-reports/new?service_code=ROAD', allow: 'everyone' },
  {
    method: 'POST', path: () => '/city-reports', allow: 'everyone', stateChanging: true,
    formPage: () => '/city-reports/new?service_code=ROAD',
    form: (fx) => ({ service_code: 'ROAD', 'attribute[severity]': 'minor', address_string: `Trước nhà ${fx.name}`,
      description: 'Ổ gà nhỏ' }),
  },
  { method: 'GET', path: (fx) => `/city-reports/${fx.cityReport}`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/city-reports/tokens/${fx.cityToken}`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/city-reports/photos/${fx.cityPhoto}`, allow: 'everyone' },
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
