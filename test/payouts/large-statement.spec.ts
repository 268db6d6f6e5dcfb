import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { paymentsFromLog } from '#ledger';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { socai } from './support/socai-cli.js';
import {
  EXPECTED, PAYMENTS, ledgerAmount, leftOut, misreported, paymentCommands, paymentRef, statementCsv, withThousandsDots,
} from './large-statement.fixture.js';

/**
 * A statement of 100,000 lines against 100,000 recorded payments, through the HTTP import and the
 * CSV route of a real server. Times are printed, not asserted; the figures are exact.
 */
describe('a 100,000-line statement over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('works out the expected figures from the fixture\'s rules', () => {
    const sum = (predicate: (i: number) => boolean, amount: (i: number) => bigint) => {
      let total = 0n;
      let count = 0;
      for (let i = 1; i <= PAYMENTS; i++) if (predicate(i)) { total += amount(i); count++; }
      return { count, amount: total.toString() };
    };
    expect(sum((i) => !leftOut(i) && !misreported(i), (i) => BigInt(ledgerAmount(i)))).toStrictEqual(EXPECTED.matched);
    expect(sum(misreported, (i) => BigInt(ledgerAmount(i)) + 1000n)).toStrictEqual(EXPECTED.amountMismatches);
    expect(sum(leftOut, (i) => BigInt(ledgerAmount(i)))).toStrictEqual(EXPECTED.missingInStatement);
    expect(withThousandsDots('1501001')).toBe('1.501.001');
  });

  it('imports 100,000 PayBenefit commands through POST /api/import', async () => {
    const started = performance.now();
    const response = await server.request('POST', '/api/import', [...paymentCommands()].join(''));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ recorded: PAYMENTS, duplicates: 0, refused: 0, lastPosition: PAYMENTS });
    process.stdout.write(`import of ${PAYMENTS} payments: ${Math.round(performance.now() - started)} ms\n`);
  }, 900_000); // a safety net on a loaded 2-core machine (≈ 300 s at load 10), not a speed claim (bench/ measures speed)

  it('reconciles the CSV statement of 100,000 lines (about 3 MB) with exact counts and sums', async () => {
    const csv = [...statementCsv()].join('');
    const rssBefore = process.resourceUsage().maxRSS;
    const started = performance.now();
    const response = await server.request('POST', `/api/payout-reconciliations?statementRef=HH-2023-10&month=2023-10&areaCode=465&agent=VNPost`, csv, {
      'content-type': 'text/csv',
    });
    const elapsed = Math.round(performance.now() - started);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      streamId: 'payout-465-2023-10', position: PAYMENTS + 1,
      matched: EXPECTED.matched,
      amountMismatches: { ...EXPECTED.amountMismatches, items: expect.any(Array) },
      missingInLedger: { ...EXPECTED.missingInLedger, items: expect.any(Array) },
      missingInStatement: { ...EXPECTED.missingInStatement, items: expect.any(Array) },
    });
    expect(response.body.amountMismatches.items[1]).toStrictEqual({ paymentRef: 'HH-004001', personId: '4500004001', statementAmount: '1505001', ledgerAmount: '1504001' });
    expect(response.body.missingInStatement.items.map((item: { paymentRef: string }) => item.paymentRef))
      .toStrictEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100].map((k) => paymentRef(k * 1000)));
    expect(response.body.missingInLedger.items[9]).toStrictEqual({ paymentRef: 'XX-10', personId: '4599999910', amount: '700000' });
    process.stdout.write(`HTTP CSV reconciliation of ${Buffer.byteLength(csv)} bytes: ${elapsed} ms; test process peak RSS ${Math.round(rssBefore / 1024)} → ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);
  });

  it('reads the 100,000 payments of the month from the whole log and from read models plus the tail: the same list', async () => {
    const { store, readModels, areas } = server.runtime;
    await readModels.projector.catchUp(store);
    const timed = async (label: string, read: () => Promise<unknown[]>) => {
      const started = performance.now();
      const payments = await read();
      process.stdout.write(`payments of the month, ${label}: ${Math.round(performance.now() - started)} ms\n`);
      return payments;
    };
    const whole = await timed('whole log (type-filtered scan)', () => paymentsFromLog(store)('2023-10', '465'));
    const snapshot = {
      payments: { position: () => readModels.projector.position(), ledgerPayments: (month: string, area: string) => readModels.queries.ledgerPayments(month, area) },
      isWithin: (code: string, area: string) => areas.isWithin(code, area),
    };
    const fromReadModels = await timed('read models + log tail', () => paymentsFromLog(store, { snapshot })('2023-10', '465'));
    expect(whole).toHaveLength(PAYMENTS);
    expect(fromReadModels).toStrictEqual(whole);
  });

  it('reconciles the same statement as a file with `socai reconcile`, streamed: the same figures', () => {
    const file = join(server.dataDir, '..', `statement-${process.pid}.csv`);
    writeFileSync(file, [...statementCsv()].join(''));
    try {
      const run = socai(['reconcile', '--month', '2023-10', '--area', '465', '--agent', 'VNPost', '--statement', file], { ...process.env, SOCAI_DATA_DIR: server.dataDir },
        pathToFileURL(join(process.cwd(), 'test/payouts/support/peak-rss.mjs')).href);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^statement 465-2023-10-sha256-[0-9a-f]{16} of VNPost, area 465, 2023-10: recorded \(position 100002,/);
      expect(run.stdout).toMatch(/^matched +99965 lines +154\.945\.799\.975 đ$/m);
      expect(run.stdout).toMatch(/^amount mismatches +25 lines +38\.725\.025 đ$/m);
      expect(run.stdout).toMatch(/^missing in ledger +10 lines +7\.000\.000 đ$/m);
      expect(run.stdout).toMatch(/^missing in statement +10 payments +15\.550\.000 đ$/m);
      const peak = /peak-rss-kib=(\d+)/.exec(run.stderr);
      process.stdout.write(`socai reconcile of a 100,000-line file: peak RSS ${peak ? Math.round(Number(peak[1]) / 1024) : '?'} MB\n`);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
