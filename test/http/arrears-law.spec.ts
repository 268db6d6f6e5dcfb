import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 22's read side through a real Nest app, on SQLite and on a real PostgreSQL cluster: interest
 * as the law charges it (charged by a month-end close, accrued since, paid by allocation in the
 * verified order), a month whose k is unknown, and evasion after a reminder, suspended by force majeure.
 */
const headcount = { socialInsurance: 10, healthInsurance: 10, unemploymentInsurance: 10 };
const STORES: [string, boolean][] = [['sqlite', false], ['postgres', true]];

describe.each(STORES)('the arrears law over HTTP [%s]', (_name, onPostgres) => {
  let server: TestServer;
  let cluster: PostgresCluster | undefined;
  let position = 0;
  const post = async (path: string, body: object) => {
    const response = await server.request('POST', path, body);
    expect([path, response.status]).toEqual([path, 201]);
    position = Math.max(position, response.body.position ?? response.body.lastPosition ?? 0);
  };
  const get = async (path: string) => {
    const response = await server.request('GET', `${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`);
    expect([path, response.status]).toEqual([path, 200]);
    return response.body;
  };

  beforeAll(async () => {
    if (onPostgres) {
      cluster = await startPostgres();
      server = await startTestServer({ dataDir: mkdtempSync(join(tmpdir(), 'socai-arrears-law-')), readModels: await cluster.createDatabase('arrears') });
    } else {
      server = await startTestServer();
    }
    // QT00001: 2017-01 (16,250,000, due 2017-01-31) paid on day 89, charged by the close of April.
    await post('/api/interest-rates', { year: 2017, fund: 'social', monthlyPercent: '1.317', documentRef: 'TB 425/TB-BHXH (BHXH Việt Nam)', announcedOn: '2017-02-14' });
    await post('/api/interest-rates', { year: 2017, fund: 'health', monthlyPercent: '0.967', documentRef: 'TB 67/TB-BHXH (BHXH TP. Hồ Chí Minh)', announcedOn: '2017-01-17' });
    await post('/api/employers', { unitCode: 'QT00001', name: 'Công ty Gỗ Hướng Hóa', areaCode: '465', registeredOn: '2016-12-01' });
    await post('/api/employers/QT00001/assessments', { period: '2017-01', headcount, payroll: '50000000', assessedOn: '2017-01-01' });
    await post('/api/collections', { receiptNo: 'QT-R-1', payer: { kind: 'employer', unitCode: 'QT00001' }, amount: '16250000', collectedOn: '2017-04-30' });
    await post('/api/month-end-closes', { month: '2017-04', areaCode: '45', closedOn: '2017-05-02' });
    await post('/api/collections', { receiptNo: 'QT-R-2', payer: { kind: 'employer', unitCode: 'QT00001' }, amount: '500000', collectedOn: '2017-05-10' });
    // BL00003: 2025-05 due 2025-05-31, late across 2025-07-01 (k 2025 unknown).
    await post('/api/employers', { unitCode: 'BL00003', name: 'Công ty Muối Bạc Liêu', areaCode: '954', registeredOn: '2025-01-01' });
    await post('/api/employers/BL00003/assessments', { period: '2025-05', headcount, payroll: '50000000', assessedOn: '2025-05-01' });
    // BL00004: 2025-08 due 2025-09-30, reminded on 2025-10-08, force majeure 2025-12-01..2025-12-10.
    await post('/api/employers', { unitCode: 'BL00004', name: 'Công ty Tôm Giá Rai', areaCode: '954', registeredOn: '2025-01-01' });
    await post('/api/employers/BL00004/assessments', { period: '2025-08', headcount, payroll: '50000000', assessedOn: '2025-08-01' });
    await post('/api/employers/BL00004/reminders', { reminderRef: 'ĐĐ-0123/BHXH', sentOn: '2025-10-08', amountLate: '16250000' });
    await post('/api/employers/BL00004/force-majeure', { from: '2025-12-01', to: '2025-12-10', reason: 'bão số 3', documentRef: 'QĐ 12/QĐ-UBND' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await cluster?.stop();
  });

  it('a period paid on day 89 before 2025 still owes the interest charged for it; a later payment settles it in the verified order', async () => {
    // Charged by the close of 2017-04: February and March, each 14,000,000 × 1.317 % + 2,250,000 × 0.967 % = 206,137.5: 412,275.
    const charged = await get('/api/employers/QT00001/arrears?asOf=2017-05-02');
    expect([charged.outstanding, charged.overdue, charged.interest, charged.interestDetail, charged.evasion]).toEqual([
      '0', '0', '412275', { charged: '412275', accrued: '0', paid: '0', outstanding: '412275', notComputed: [] }, null,
    ]);
    expect(charged.periods[0]).toMatchObject({ period: '2017-01', outstanding: '0', interest: '412275', lateHistory: [{ from: '2017-02-01', to: '2017-04-30', lateAmount: '16250000' }] });
    // 500,000 on 2017-05-10: nothing principal is owed, so each fund's interest in the order health, BHTN, sickness, accident, pension.
    const paid = await get('/api/employers/QT00001/arrears?asOf=2017-05-31');
    expect([paid.interest, paid.interestDetail]).toEqual(['0', { charged: '412275', accrued: '0', paid: '412275', outstanding: '0', notComputed: [] }]);
    const receipt = paid.trace.find((t: { detail: string }) => t.detail === 'QT-R-2');
    const byFund = (await server.request('GET', '/api/streams/employer-QT00001/events?fromRevision=3')).body.events[0].data.byFund;
    expect(receipt.allocation).toEqual({
      lines: ['health', 'unemployment', 'sickness', 'accident', 'pension'].map((fund) => ({ period: '2017-04', fund, kind: 'interest', amount: byFund[fund] })),
      unallocated: '87725',
    });
    expect(paid.trace.map((t: { type: string }) => t.type)).toEqual(['ContributionAssessed', 'ContributionCollected', 'LateInterestCharged', 'ContributionCollected']);
  });

  it('a period late across 2025-07-01: June needs k 2025 (not computed, alone), the days from 1 July are charged', async () => {
    const a = await get('/api/employers/BL00003/arrears?asOf=2025-07-10');
    expect(a.interestDetail.notComputed).toEqual([
      { period: '2025-05', month: '2025-06', reason: 'k for 2025 (health) not announced' },
      { period: '2025-05', month: '2025-06', reason: 'k for 2025 (social) not announced' },
    ]);
    // 10 days at 0.03 % on 16,000,000 (every fund's part × 0.003 is a whole đồng, so no rounding): 48,000.
    expect([a.periods[0].due, a.interestComputed, a.periods[0].interest, a.interest]).toEqual(['16000000', false, '48000', '48000']);
    expect(a.interestDetail).toMatchObject({ charged: '0', paid: '0', accrued: '48000', outstanding: '48000' });
  });

  it.each([
    ['2025-11-29', null, 'day 60 after the deadline: not yet'],
    ['2025-11-30', '2025-11-30', 'day 61, after the reminder of 2025-10-08'],
    ['2025-12-05', null, 'under force majeure'],
    ['2025-12-20', '2025-12-11', 'resumed the day after force majeure'],
  ] as [string, string | null, string][])('evasion on %s: since %s (%s)', async (asOf, since) => {
    const a = await get(`/api/employers/BL00004/arrears?asOf=${asOf}`);
    expect(a.evasion === null ? null : [a.evasion.since, a.evasion.reminderRef]).toEqual(since === null ? null : [since, 'ĐĐ-0123/BHXH']);
    // Bạc Liêu (95) ended on 2025-06-30: its employers count in Cà Mau (96) since.
    const list = await get(`/api/arrears?area=96&status=evasion&asOf=${asOf}`);
    expect(list.items.map((i: { unitCode: string }) => i.unitCode)).toEqual(since === null ? [] : ['BL00004']);
    expect(list.totals.evasion).toEqual(since === null ? { employers: 0, overdue: '0' } : { employers: 1, overdue: a.overdue });
  });

  it('the evasion basis names the period, the reminder and the rule', async () => {
    const a = await get('/api/employers/BL00004/arrears?asOf=2025-12-20');
    expect(a.evasion.basis).toMatch(/^period 2025-08 due 2025-09-30 still unpaid more than 60 days after its deadline, 10 day\(s\) of force majeure not counted; reminder ĐĐ-0123\/BHXH sent 2025-10-08; Luật BHXH 2024/);
    const all = await get('/api/arrears?area=96&asOf=2025-12-20');
    expect(all.items.map((i: { unitCode: string; evasion: unknown }) => [i.unitCode, i.evasion !== null])).toEqual([['BL00003', false], ['BL00004', true]]);
    // The province report's arrears line: how much of it is interest, and how many employers are in evasion.
    const report = await get('/api/reports/province/96?from=2025-07-01&to=2025-12-20');
    expect(report.arrears.evasion).toEqual({ employers: 1, overdue: a.overdue });
    const text = await server.request('GET', `/api/reports/province/96?from=2025-07-01&to=2025-12-20&format=text&minPosition=${position}`);
    expect(String(text.body).split('\n').at(-2)).toMatch(/; 1 đơn vị trốn đóng, nợ quá hạn 16 triệu đồng\.$/);
    const bad = await server.request('GET', '/api/arrears?status=late');
    expect({ status: bad.status, errors: bad.body.errors }).toEqual({ status: 400, errors: [{ field: 'status', message: 'must be one of evasion' }] });
  });
});
