// The elections module (issue 19) for the access and CSRF matrices (format:
// tests/http/access-matrix.test.mjs). Permissions are the election's own tables, not roles: a
// polling area's minutes are its team's (the demo's one-stop officer is on every demo team), the
// board, the tally, certification, opening the count and the announcement are the election
// committee's (the province leader's demo account); the elections and announced results are
// everyone's. prepare() adds a "matrix" election being counted — an area the officer's team enters,
// one whose minutes (entered by tobaucu@) the officer checks, one whose minutes the committee checks,
// and a second constituency whose only area is checked, ready to certify —, one being counted with
// every constituency certified (to announce) and one still in preparation (to open its count).
const TEAM = ['one_stop_officer'];
const COMMITTEE = ['province_leader'];

export async function prepare(t) {
  const one = async (sql) => (await t.db.exec(sql)).trim().split('\n')[0]?.split('\t')[0];
  const account = (email) => one(`SELECT id FROM accounts WHERE email = '${email}'`);
  const officer = await account('officer@demo.tinhso.vn');
  const second = await account('tobaucu@demo.tinhso.vn');
  const boss = await account('province@demo.tinhso.vn');
  const election = async (state, name) => {
    const id = await one(`INSERT INTO elections (name, election_date, state, created_at) VALUES ('${name}', '2026-12-01',`
      + ` '${state}', '2000-01-01T00:00:00Z') RETURNING id`);
    await t.db.exec(`INSERT INTO election_committee_members (election_id, account_id) VALUES (${id}, ${boss})`);
    return id;
  };
  const constituency = async (e, number) => {
    const c = await one('INSERT INTO election_constituencies (election_id, body, number, name, area, seats)'
      + ` VALUES (${e}, 'commune_council', ${number}, 'Đơn vị ma trận ${number}', 'Thôn ma trận', 1) RETURNING id`);
    const a = await one('INSERT INTO election_candidates (constituency_id, list_order, name, birth_date, gender)'
      + ` VALUES (${c}, 1, 'Ứng viên A', '1980-01-01', 'male') RETURNING id`);
    const b = await one('INSERT INTO election_candidates (constituency_id, list_order, name, birth_date, gender)'
      + ` VALUES (${c}, 2, 'Ứng viên B', '1985-01-01', 'female') RETURNING id`);
    return { c, a, b };
  };
  const area = async (e, number, cons, team) => {
    const id = await one('INSERT INTO election_polling_areas (election_id, number, name, unit, registered)'
      + ` VALUES (${e}, ${number}, 'Khu vực ma trận ${number}', 'Xã ma trận', 100) RETURNING id`);
    await t.db.exec(`INSERT INTO election_area_constituencies (area_id, constituency_id) VALUES (${id}, ${cons})`);
    for (const who of team) await t.db.exec(`INSERT INTO election_team_members (area_id, account_id) VALUES (${id}, ${who})`);
    return id;
  };
  const minutes = async (a, k, checkedBy) => {
    const id = await one('INSERT INTO election_minutes (area_id, constituency_id, round, version, voted, issued, received,'
      + ' valid, invalid, entered_by, entered_at, checked_by, checked_at, current)'
      + ` VALUES (${a}, ${k.c}, 'first', 1, 50, 50, 50, 48, 2, ${second}, '2026-12-01T13:00:00Z',`
      + ` ${checkedBy ?? 'NULL'}, ${checkedBy ? "'2026-12-01T13:30:00Z'" : 'NULL'}, 1) RETURNING id`);
    await t.db.exec(`INSERT INTO election_minute_votes (minutes_id, candidate_id, votes) VALUES (${id}, ${k.a}, 30), (${id}, ${k.b}, 18)`);
    return id;
  };
  const m = await election('counting', 'Bầu cử ma trận');
  const k = await constituency(m, 1);
  const enter = await area(m, 1, k.c, [officer]);
  const officerCheck = await area(m, 2, k.c, [officer, second]);
  const committeeCheck = await area(m, 3, k.c, [second]);
  const ready = await constituency(m, 2);
  const readyArea = await area(m, 4, ready.c, [second]);
  await minutes(readyArea, ready, boss);
  const announce = await election('counting', 'Bầu cử ma trận đã xác nhận');
  const done = await constituency(announce, 1);
  await t.db.exec('INSERT INTO election_results (constituency_id, round, version, registered, voted, valid, recognised,'
    + ` next, outcome, certified_by, certified_at, current) VALUES (${done.c}, 'first', 1, 100, 50, 48, 1, 'none', '{}',`
    + ` ${boss}, '2026-12-02T00:00:00Z', 1)`);
  return {
    eMatrix: m,
    eCons: k.c,
    eCandA: k.a,
    eCandB: k.b,
    eEnterArea: enter,
    eOfficerMinutes: await minutes(officerCheck, k, null),
    eCommitteeMinutes: await minutes(committeeCheck, k, null),
    eReady: ready.c,
    eAnnounce: announce,
    eAnnounceCons: done.c,
    ePreparing: await election('preparing', 'Bầu cử ma trận chuẩn bị'),
    eGeneral: await one("SELECT id FROM elections WHERE election_date = '2026-03-15'"),
  };
}

const figures = (fx) => ({ voted: '50', issued: '50', received: '50', valid: '48', invalid: '2',
  [`votes_${fx.eCandA}`]: '30', [`votes_${fx.eCandB}`]: '18' });

export const routes = [
  { method: 'GET', path: () => '/elections', allow: 'everyone' },
  { method: 'GET', path: (fx) => `/elections/${fx.eGeneral}`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/elections/${fx.eMatrix}`, allow: 'everyone' },
  { method: 'GET', path: (fx) => `/elections/${fx.eMatrix}/areas`, allow: [...TEAM, ...COMMITTEE] },
  { method: 'GET', path: (fx) => `/elections/${fx.eMatrix}/areas/${fx.eEnterArea}/minutes/${fx.eCons}`, allow: TEAM },
  { method: 'POST', path: (fx) => `/elections/${fx.eMatrix}/areas/${fx.eEnterArea}/minutes/${fx.eCons}`, allow: TEAM,
    stateChanging: true, form: figures },
  { method: 'POST', path: (fx) => `/elections/${fx.eMatrix}/minutes/${fx.role === 'province_leader' ? fx.eCommitteeMinutes : fx.eOfficerMinutes}/check`,
    allow: [...TEAM, ...COMMITTEE], stateChanging: true, form: () => ({}) },
  { method: 'GET', path: (fx) => `/elections/${fx.eMatrix}/board`, allow: COMMITTEE },
  { method: 'GET', path: (fx) => `/elections/${fx.eMatrix}/constituencies/${fx.eCons}`, allow: COMMITTEE },
  // Every area checked: the page computes the tally's preview (within the 10 statements of a GET).
  { method: 'GET', path: (fx) => `/elections/${fx.eMatrix}/constituencies/${fx.eReady}`, allow: COMMITTEE },
  { method: 'POST', path: (fx) => `/elections/${fx.eMatrix}/constituencies/${fx.eReady}/certify`, allow: COMMITTEE,
    stateChanging: true, form: () => ({ round: 'first' }) },
  { method: 'GET', path: (fx) => `/elections/${fx.eAnnounce}/constituencies/${fx.eAnnounceCons}/result.pdf`, allow: COMMITTEE },
  { method: 'POST', path: (fx) => `/elections/${fx.ePreparing}/count`, allow: COMMITTEE, stateChanging: true, form: () => ({}) },
  { method: 'POST', path: (fx) => `/elections/${fx.eAnnounce}/announce`, allow: COMMITTEE, stateChanging: true, form: () => ({}) },
];
