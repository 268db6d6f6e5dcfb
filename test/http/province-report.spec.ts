import type { TestServer } from '../support/test-server.js';
import { startHandLedgerServer } from '../support/hand-ledger-server.js';
import { HAND_LEDGER_EVENTS, REPORT_45_H1_2024, REPORT_45_H1_2024_TEXT } from '../support/hand-ledger.js';

/**
 * GET /api/reports/province/{code} over a real socket, on the hand-made ledger (test/support/hand-ledger.ts,
 * where every expected figure is worked out by hand): the JSON body, the Vietnamese prose, and 404 for
 * a province the reference data does not hold.
 */
describe('GET /api/reports/province/{code}', () => {
  let server: TestServer;
  const query = `from=2024-01-01&to=2024-06-30&minPosition=${HAND_LEDGER_EVENTS}`;

  beforeAll(async () => {
    server = await startHandLedgerServer();
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  it('states every headline figure of Quảng Trị, H1 2024 against H1 2023, as JSON', async () => {
    const response = await server.request('GET', `/api/reports/province/45?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toEqual(REPORT_45_H1_2024);
  });

  it('renders the same figures as Vietnamese prose with format=text', async () => {
    const response = await server.request('GET', `/api/reports/province/45?${query}&format=text`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.body).toBe(REPORT_45_H1_2024_TEXT);
  });

  it('says how much interest is owed beside the overdue principal: Bạc Liêu on 2017-10-30 (BL00002_ON_2017_10_30)', async () => {
    const range = `from=2017-01-01&to=2017-10-30&minPosition=${HAND_LEDGER_EVENTS}`;
    const json = await server.request('GET', `/api/reports/province/95?${range}`);
    expect(json.status).toBe(200);
    // BL00002's 2017-08 (3,200,000) is 60 days late: September charged at 2017's k, 40,570 (hand-ledger.ts), fully computed;
    // 40,570 of the 3,240,570 owed is interest: 1.2519… → 1.25 %.
    expect(json.body.arrears).toEqual({
      overdue: { value: '3200000', previousYear: null, change: null, changePercent: null },
      employers: { value: 1, previousYear: null, change: null, changePercent: null },
      percentOfCollectionPlan: null,
      interest: { value: '40570', previousYear: null, change: null, changePercent: null },
      interestComputed: true, interestPercentOfTotal: 1.25, evasion: { employers: 0, overdue: '0' },
    });
    const text = await server.request('GET', `/api/reports/province/95?${range}&format=text`);
    expect(text.body.split('\n').at(-2)).toBe(
      'Số tiền chậm đóng quá hạn đến ngày 30/10/2017 là 3,2 triệu đồng của 1 đơn vị; tiền lãi chậm đóng 40.570 đồng, tổng số nợ 3,241 triệu đồng '
      + '(tiền lãi chiếm 1,25%); không có đơn vị trốn đóng.',
    );
  });

  it('answers 404 UNKNOWN_AREA for a province code that does not exist, and 400 for one that is not a code', async () => {
    const unknown = await server.request('GET', `/api/reports/province/99?${query}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, code: 'UNKNOWN_AREA', message: 'no province 99' });
    const malformed = await server.request('GET', `/api/reports/province/4x?${query}`);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'code', message: 'must be a GSO area code of 2, 3 or 5 digits' }] });
  });
});
