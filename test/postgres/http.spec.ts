import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runSocai, socaiEnv } from '../reliability/support/socai-process.js';
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
  let readModels: string;
  let dataDir: string;

  beforeAll(async () => {
    cluster = await startPostgres();
    readModels = await cluster.createDatabase('api');
    dataDir = mkdtempSync(join(tmpdir(), 'socai-pg-api-'));
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
  it('rebuilds online into a new schema on POST /api/admin/rebuilds; both instances answer the same figures after the switch', async () => {
    const totals = '/api/areas/95/totals?from=2021-01-01&to=2021-06-30';
    const before = await a.request('GET', totals);
    expect(before.status).toBe(200);
    const started = await b.request('POST', '/api/admin/rebuilds');
    expect([started.status, started.body.status, started.body.from]).toEqual([202, 'started', 'public']);
    // The rebuild holds its advisory lock (first half 0x50ca3) until the old schema is dropped.
    const client = new pg.Client({ connectionString: readModels });
    await client.connect();
    try {
      const rebuilding = async () => (await client.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = ${0x50ca3}`)).rowCount! > 0;
      while (await rebuilding()) await new Promise((resolve) => setTimeout(resolve, 20));
      const schemas = await client.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'public%'`);
      expect(schemas.rows.map((r) => r.nspname)).toEqual(['public']);
    } finally {
      await client.end();
    }
    for (const server of [a, b]) expect(await server.request('GET', totals)).toMatchObject({ status: 200, body: before.body });
    // Writes after the switch are projected into the new schema by the instance holding the lease.
    const collected = await a.request('POST', '/api/collections', {
      receiptNo: 'BL-R-0002', payer: { kind: 'employer', unitCode: 'BL00001' }, amount: '1000000', collectedOn: '2021-06-11', areaCode: '954',
    });
    expect(collected.status).toBe(201);
    for (const server of [b, a]) {
      const after = await server.request('GET', `${totals}&minPosition=${collected.body.position as number}`);
      expect([after.status, after.body.collections]).toEqual([200, { amount: '17000000', count: 2 }]);
    }
  });
  it('socai rebuild --online rebuilds the PostgreSQL read models while both instances serve', async () => {
    const totals = '/api/areas/95/totals?from=2021-01-01&to=2021-06-30';
    const before = await b.request('GET', totals);
    expect([before.status, before.body.collections]).toEqual([200, { amount: '17000000', count: 2 }]);
    const online = await runSocai(['rebuild', '--online'], socaiEnv(dataDir, { SOCAI_READ_MODELS: readModels }));
    expect({ code: online.code, output: online.code === 0 ? '' : online.output }).toEqual({ code: 0, output: '' });
    expect(online.output).toMatch(/rebuilt read models online into public_next_\d+ up to position 3 in [\d.]+ s; it now serves \(public_prev_\d+ removed\)/);
    for (const server of [a, b]) expect(await server.request('GET', totals)).toMatchObject({ status: 200, body: before.body });
  });
});
