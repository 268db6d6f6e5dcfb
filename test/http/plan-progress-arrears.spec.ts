import type { TestServer } from '../support/test-server.js';
import { startHandLedgerServer } from '../support/hand-ledger-server.js';
import { ARREARS_ON_2024_06_30, BL00002_ON_2017_10_30, HAND_LEDGER_EVENTS, PROGRESS_2024_ON_2024_06_30 } from '../support/hand-ledger.js';

/**
 * GET /api/plans/{year}/progress and GET /api/arrears over a real socket, on the hand-made ledger
 * (test/support/hand-ledger.ts, where every expected figure is worked out by hand). The browser spec
 * reads these routes too, but takes its expected values from them; here they are stated.
 */
describe('plan progress and the arrears worklist over HTTP', () => {
  let server: TestServer;
  const reached = `minPosition=${HAND_LEDGER_EVENTS}`;
  const { QT00001, QT00002, QT00003, BL00001, BL00002 } = ARREARS_ON_2024_06_30;
  const zero = { overdue: '0', employers: 0 };

  beforeAll(async () => {
    server = await startHandLedgerServer();
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  it('states Quảng Trị’s 2024 progress on 2024-06-30 against the plan assigned last', async () => {
    const response = await server.request('GET', `/api/plans/2024/progress?area=45&asOf=2024-06-30&${reached}`);
    expect(response.status).toBe(200);
    const { plan, ...figures } = response.body;
    expect(figures).toEqual(PROGRESS_2024_ON_2024_06_30);
    expect(plan).toEqual({ eventId: expect.any(String), assignedOn: '2024-02-15' });
  });

  it('uses the plan in force on asOf: before 2024-02-15 the first assignment (900,000,000)', async () => {
    const response = await server.request('GET', `/api/plans/2024/progress?area=45&asOf=2024-01-31&${reached}`);
    expect(response.status).toBe(200);
    // January: only the voluntary receipt of 2024-01-15, 3,960,000 of 900,000,000 = 0.44 %.
    expect([response.body.plan.assignedOn, response.body.collection]).toEqual(['2023-12-20', { target: '900000000', actual: '3960000', percent: 0.44 }]);
  });

  it('answers 404 PLAN_NOT_FOUND for a year without a plan', async () => {
    const response = await server.request('GET', `/api/plans/2023/progress?area=45&asOf=2023-06-30&${reached}`);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'PLAN_NOT_FOUND' });
  });

  it('lists Quảng Trị’s employers that owe on 2024-06-30, largest overdue first, with totals by bucket', async () => {
    const response = await server.request('GET', `/api/arrears?area=45&asOf=2024-06-30&${reached}`);
    expect(response.status).toBe(200);
    // 63,200,000 + 48,000,000 + 0 = 111,200,000 overdue; QT00005 holds only a credit, so it owes nothing.
    expect(response.body).toEqual({
      asOf: '2024-06-30',
      totals: {
        overdue: '111200000', interest: '0', employers: 3, evasion: { employers: 0, overdue: '0' },
        byBucket: {
          current: { overdue: '0', employers: 1 }, 'under-1-month': zero, '1-to-3-months': { overdue: '63200000', employers: 1 },
          '3-months-plus': zero, 'hard-to-collect': { overdue: '48000000', employers: 1 },
        },
      },
      items: [QT00001, QT00002, QT00003],
      nextCursor: null,
    });
  });

  it('pages the whole country two at a time; the totals cover every page', async () => {
    // 63,200,000 + 48,000,000 + 6,400,000 + 3,200,000 + 0 = 120,800,000 overdue at five employers; interest only
    // BL00002's 493,460 (its 2017 and 2020 months; see hand-ledger.ts).
    const totals = {
      overdue: '120800000', interest: '493460', employers: 5, evasion: { employers: 0, overdue: '0' },
      byBucket: {
        current: { overdue: '0', employers: 1 }, 'under-1-month': { overdue: '6400000', employers: 1 },
        '1-to-3-months': { overdue: '63200000', employers: 1 }, '3-months-plus': { overdue: '3200000', employers: 1 },
        'hard-to-collect': { overdue: '48000000', employers: 1 },
      },
    };
    const pages: unknown[][] = [];
    let cursor = '';
    do {
      const response = await server.request('GET', `/api/arrears?asOf=2024-06-30&limit=2&${reached}${cursor ? `&cursor=${cursor}` : ''}`);
      expect([response.status, response.body.totals]).toEqual([200, totals]);
      pages.push(response.body.items);
      cursor = response.body.nextCursor ?? '';
    } while (cursor && pages.length < 10);
    expect(pages).toEqual([[QT00001, QT00002], [BL00001, BL00002], [QT00003]]);
  });

  it('keeps to one bucket when asked, totals included', async () => {
    const response = await server.request('GET', `/api/arrears?bucket=hard-to-collect&asOf=2024-06-30&${reached}`);
    expect(response.body).toEqual({
      asOf: '2024-06-30',
      totals: {
        overdue: '48000000', interest: '0', employers: 1, evasion: { employers: 0, overdue: '0' },
        byBucket: { current: zero, 'under-1-month': zero, '1-to-3-months': zero, '3-months-plus': zero, 'hard-to-collect': { overdue: '48000000', employers: 1 } },
      },
      items: [QT00002],
      nextCursor: null,
    });
  });

  it('charges late interest at 2017’s k: 40,570 đồng on BL00002 on 2017-10-30', async () => {
    const response = await server.request('GET', `/api/arrears?area=95&asOf=2017-10-30&${reached}`);
    expect(response.body).toEqual({
      asOf: '2017-10-30',
      totals: {
        overdue: '3200000', interest: '40570', employers: 1, evasion: { employers: 0, overdue: '0' },
        byBucket: { current: zero, 'under-1-month': zero, '1-to-3-months': { overdue: '3200000', employers: 1 }, '3-months-plus': zero, 'hard-to-collect': zero },
      },
      items: [BL00002_ON_2017_10_30],
      nextCursor: null,
    });
  });
});
