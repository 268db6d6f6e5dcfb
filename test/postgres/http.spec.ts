import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * `SOCAI_READ_MODELS=postgres://…` through HTTP: two servers over one event log and one PostgreSQL
 * database. A client writes through one and reads its own write from the other with `minPosition`.
 */
describe('API instances with PostgreSQL read models', () => {
  let cluster: PostgresCluster;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    cluster = await startPostgres();
    const readModels = await cluster.createDatabase('api');
    const dataDir = mkdtempSync(join(tmpdir(), 'socai-pg-api-'));
    a = await startTestServer({ dataDir, readModels });
    b = await startTestServer({ dataDir, readModels });
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await cluster?.stop();
  });

  it('records through one instance and answers the same figures, with minPosition, from both', async () => {
    const registered = await a.request('POST', '/api/employers', {
      unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', registeredOn: '2019-03-01',
    });
    expect(registered.status).toBe(201);
    const collected = await a.request('POST', '/api/collections', {
      receiptNo: 'BL-R-0001', payer: { kind: 'employer', unitCode: 'BL00001' }, amount: '16000000', collectedOn: '2021-06-10', areaCode: '954',
    });
    expect(collected.status).toBe(201);
    const position = collected.body.position as number;
    for (const server of [b, a]) {
      const totals = await server.request('GET', `/api/areas/95/totals?from=2021-01-01&to=2021-06-30&minPosition=${position}`);
      expect([totals.status, totals.body.collections]).toEqual([200, { amount: '16000000', count: 1 }]);
      const health = await server.request('GET', '/health');
      expect(health.body.readModels.position).toBeGreaterThanOrEqual(position);
    }
    // Exactly one of the two projects.
    expect([a, b].filter((s) => s.runtime.readModels.projector.isProjecting())).toHaveLength(1);
    expect((await a.request('GET', '/api/employers/NOPE001/arrears')).status).toBe(404);
  });
});
