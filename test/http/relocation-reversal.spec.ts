import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSocai, socaiEnv } from '../reliability/support/socai-process.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 28, a relocation undone, through a real Nest app on SQLite and on PostgreSQL read models: an
 * employer of district 465 (the old Quảng Trị, today's 44) is moved to Xã Khe Sanh (19429) from
 * 2025-09-01 and pays on 2025-09-10; the move is reversed; `socai rebuild` then answers as the live
 * projection did.
 */
describe.each(['sqlite', 'postgres'] as const)('a relocation reversed, live and rebuilt [%s]', (kind) => {
  let cluster: PostgresCluster | undefined;
  let readModels = 'sqlite';
  let dataDir: string;
  let server: TestServer | undefined;
  const year = 'from=2025-01-01&to=2025-12-31';
  const figures = async (s: TestServer, area: string, minPosition = 0) => {
    const answer = await s.request('GET', `/api/areas/${area}/totals?${year}&minPosition=${minPosition}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'socai-relocation-'));
    if (kind === 'postgres') {
      cluster = await startPostgres();
      readModels = await cluster.createDatabase('relocations');
    }
    server = await startTestServer({ dataDir, readModels });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await cluster?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts the payment in the commune, then, reversed, in the successor province; a rebuild agrees', async () => {
    const s = server!;
    expect((await s.request('POST', '/api/employers', { unitCode: 'QT00001', name: 'Công ty Hướng Hóa', areaCode: '465', registeredOn: '2024-01-15' })).status).toBe(201);
    const moved = await s.request('POST', '/api/employers/QT00001/relocations', { areaCode: '19429', effectiveOn: '2025-09-01', reason: 'Trụ sở thuộc xã Khe Sanh' });
    expect(moved.status).toBe(201);
    const paid = await s.request('POST', '/api/collections', { receiptNo: 'QT-R-2025-09', payer: { kind: 'employer', unitCode: 'QT00001' }, amount: '13750000', collectedOn: '2025-09-10' });
    expect(paid.status).toBe(201);
    expect((await figures(s, '19429', paid.body.position)).collections).toEqual({ amount: '13750000', count: 1 });

    const reversed = await s.request('POST', '/api/reversals', { eventId: moved.body.eventId, reason: 'Quyết định di dời bị hủy', reversedOn: '2025-11-01' });
    expect(reversed.status).toBe(201);
    const live = { commune: await figures(s, '19429', reversed.body.position), province: await figures(s, '44', reversed.body.position) };
    expect([live.commune.collections, live.province.collections]).toEqual([{ amount: '0', count: 0 }, { amount: '13750000', count: 1 }]);
    const worklist = await s.request('GET', '/api/employers?area=44&homedIn=abolished');
    expect(worklist.body.items.map((item: { unitCode: string; areaCode: string }) => [item.unitCode, item.areaCode])).toEqual([['QT00001', '465']]);

    await s.close();
    server = undefined;
    const rebuild = await runSocai(['rebuild'], socaiEnv(dataDir, { SOCAI_READ_MODELS: readModels }));
    expect([rebuild.code, rebuild.output]).toEqual([0, expect.any(String)]);
    server = await startTestServer({ dataDir, readModels });
    expect({ commune: await figures(server, '19429', reversed.body.position), province: await figures(server, '44', reversed.body.position) }).toEqual(live);
  });
});
