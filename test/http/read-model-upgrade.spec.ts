import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 28, item 2: a store projected before the homes (read-model migration 7) is marked for a
 * rebuild, which a server runs by itself when it starts: no `socai rebuild` by hand. The stale
 * layout is made by hand here (an old district's payment under its old province 45, as projected
 * before the reorganisation's change) with the request migration 7 leaves.
 */
describe('a server started on read models marked for a rebuild', () => {
  let server: TestServer | undefined;
  let dataDir: string;
  const totals = '/api/areas/44/totals?from=2025-01-01&to=2025-12-31';

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('rebuilds them from the log before answering for the position asked', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'socai-upgrade-'));
    server = await startTestServer({ dataDir });
    expect((await server.request('POST', '/api/employers', { unitCode: 'QT00001', name: 'Công ty Hướng Hóa', areaCode: '465', registeredOn: '2024-01-15' })).status).toBe(201);
    const payer = { kind: 'employer', unitCode: 'QT00001' };
    expect((await server.request('POST', '/api/collections', { receiptNo: 'R-03', payer, amount: '12500000', collectedOn: '2025-03-10' })).status).toBe(201);
    const last = await server.request('POST', '/api/collections', { receiptNo: 'R-09', payer, amount: '13750000', collectedOn: '2025-09-10' });
    expect(last.status).toBe(201);
    const position = last.body.position as number;
    const live = await server.request('GET', `${totals}&minPosition=${position}`);
    expect(live.body.collections).toEqual({ amount: '26250000', count: 2 });

    const db = server.runtime.readModels.store.db;
    for (const sql of [
      "UPDATE collections SET province = '45' WHERE area_code = '465'", "UPDATE area_flows SET province = '45' WHERE area_code = '465'",
      "INSERT INTO rebuild_requests (reason, requested_at) VALUES ('read-model version 7', '')",
    ]) await db.execute(sql);
    expect((await server.request('GET', totals)).body.collections).toEqual({ amount: '13750000', count: 1 });
    await server.close();

    server = await startTestServer({ dataDir });
    const rebuilt = await server.request('GET', `${totals}&minPosition=${position}`);
    expect([rebuilt.status, rebuilt.body]).toEqual([200, live.body]);
    expect(await server.runtime.readModels.store.rebuildRequested()).toBe(false);
  });
});
