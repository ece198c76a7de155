// A database plus a server on it, for one test file.
//   const t = await serverFixture('pages');          // demo mode
//   t.srv.url ... ; await t.close();             // resolves what srv.stop() does
//   after(async () => { assert.ok(t, 'the server started'); assertCleanExit(await t.close(), t.srv.logs()); });
import { createDatabase } from './db.mjs';
import { startServer } from './server.mjs';

export { assertCleanExit } from './server.mjs';

export async function serverFixture(label, opts = {}) {
  const db = await createDatabase(label);
  let srv;
  try {
    srv = await startServer({ db, ...opts });
  } catch (e) {
    await db.drop().catch(() => {});
    throw e;
  }
  return {
    db,
    srv,
    async close() {
      const r = await srv.stop();
      await db.drop().catch(() => {});
      return r;
    },
  };
}
