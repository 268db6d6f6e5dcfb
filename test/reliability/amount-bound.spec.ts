import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 20, item 2: an amount is at most 10^15 đồng (MAX_AMOUNT), so that no sum the read models
 * take in 64-bit integers can wrap (docs/decisions.md, "The amount bound"). Ten collections of
 * 10^18 used to read "1" in the area's totals and make the province answer 500 forever after; ten
 * at the bound read exactly, before and after reversals, on SQLite and on PostgreSQL.
 */
const BOUND = '1000000000000000';
const employer = { unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', registeredOn: '2019-03-01' };
const collection = (n: number, amount: string) => ({
  receiptNo: `BL-MAX-${n}`, payer: { kind: 'employer', unitCode: 'BL00001' }, amount, collectedOn: '2021-06-10', areaCode: '954',
});

async function figuresOf(server: TestServer, position: number) {
  const district = await server.request('GET', `/api/areas/954/totals?from=2021-01-01&to=2021-12-31&minPosition=${position}`);
  const province = await server.request('GET', `/api/areas/95/totals?from=2021-01-01&to=2021-12-31&minPosition=${position}`);
  const report = await server.request('GET', `/api/reports/province/95?from=2021-01-01&to=2021-12-31&minPosition=${position}`);
  const progress = await server.request('GET', `/api/plans/2021/progress?area=95&asOf=2021-12-31&minPosition=${position}`);
  return {
    statuses: [district.status, province.status, report.status, progress.status],
    district: district.body.collections,
    province: province.body.collections,
    report: report.body.collections?.amount?.value,
    progress: progress.body.collection?.actual,
  };
}

async function boundScenario(server: TestServer): Promise<void> {
  expect((await server.request('POST', '/api/employers', employer)).status).toBe(201);
  const plan = await server.request('POST', '/api/plans', {
    year: 2021, areaCode: '95', assignedOn: '2021-01-05', labourForce: 500000, population: 900000,
    targets: { collection: BOUND, participants: { mandatorySocialInsurance: 1, voluntarySocialInsurance: 1, unemploymentInsurance: 1, healthInsurance: 1 } },
  });
  expect(plan.status).toBe(201);
  // One đồng over the bound: 400 on the field, nothing written, over HTTP and in an import line.
  const before = await server.runtime.store.headPosition();
  const over = await server.request('POST', '/api/collections', collection(0, '1000000000000001'));
  expect([over.status, over.body.errors]).toEqual([400, [{ field: 'amount', message: 'must not exceed 10^15 đồng' }]]);
  const imported = await server.request('POST', '/api/import', `${JSON.stringify({ command: 'CollectContribution', data: collection(0, '1000000000000000000') })}\n`);
  expect(imported.status).toBe(200);
  expect(imported.body).toMatchObject({ recorded: 0, refused: 1, refusals: [{ line: 1, code: 'VALIDATION_FAILED', message: 'amount: must not exceed 10^15 đồng' }] });
  expect(await server.runtime.store.headPosition()).toBe(before);

  // Ten at the bound, five over HTTP and five in one import: exact.
  const ids: string[] = [];
  for (let n = 1; n <= 5; n++) {
    const response = await server.request('POST', '/api/collections', collection(n, BOUND));
    expect(response.status).toBe(201);
    ids.push(response.body.eventId);
  }
  const lines = [6, 7, 8, 9, 10].map((n) => JSON.stringify({ command: 'CollectContribution', data: collection(n, BOUND) })).join('\n');
  expect((await server.request('POST', '/api/import', `${lines}\n`)).body).toMatchObject({ recorded: 5, refused: 0 });
  let position = await server.runtime.store.headPosition();
  expect(await figuresOf(server, position)).toEqual({
    statuses: [200, 200, 200, 200],
    district: { amount: '10000000000000000', count: 10 },
    province: { amount: '10000000000000000', count: 10 },
    report: '10000000000000000',
    progress: '10000000000000000',
  });

  // Reversing three leaves seven, exactly (it used to read "-1").
  for (const eventId of ids.slice(0, 3)) {
    const reversed = await server.request('POST', '/api/reversals', { eventId, reason: 'recorded in error', reversedOn: '2021-06-20' });
    expect(reversed.status).toBe(201);
    position = reversed.body.position;
  }
  expect(await figuresOf(server, position)).toEqual({
    statuses: [200, 200, 200, 200],
    district: { amount: '7000000000000000', count: 7 },
    province: { amount: '7000000000000000', count: 7 },
    report: '7000000000000000',
    progress: '7000000000000000',
  });
}

describe('the amount bound (10^15 đồng), SQLite read models', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses one đồng over the bound and sums ten amounts at the bound exactly, reversals included', async () => {
    await boundScenario(server);
  });
});

describe('the amount bound (10^15 đồng), PostgreSQL read models', () => {
  let cluster: PostgresCluster;
  let server: TestServer;
  beforeAll(async () => {
    cluster = await startPostgres();
    const readModels = await cluster.createDatabase('bound');
    server = await startTestServer({ dataDir: mkdtempSync(join(tmpdir(), 'socai-pg-bound-')), readModels });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await cluster?.stop();
  });

  it('refuses one đồng over the bound and sums ten amounts at the bound exactly, reversals included', async () => {
    await boundScenario(server);
  });
});
