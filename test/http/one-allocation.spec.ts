import { startTestServer, type TestServer } from '../support/test-server.js';
import { assessment, RATES_2017, recordAll, REGISTER_QT00001, type Post } from '../support/arrears-fixtures.js';

/**
 * One allocation everywhere, through a real Nest app: January and February 2017 (16,250,000 each:
 * pension 11,000,000, sickness 1,500,000, TNLĐ 500,000, health 2,250,000, BHTN 1,000,000), both late
 * when 20,000,000 is paid on 20 March. By fund: health 4,500,000, BHTN 2,000,000, sickness 3,000,000,
 * TNLĐ 1,000,000, then 9,500,000 of January's pension; January still owes 1,500,000 and February
 * 11,000,000, where period by period January would be settled and February owe 12,500,000. The arrears
 * headline, the March notice and the basis the month-end close of March recorded read it alike.
 */
describe('the arrears headline, the notice and the interest charged read a payment alike', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const posts: Post[] = [
      ...RATES_2017,
      REGISTER_QT00001,
      assessment('QT00001', '2017-01'),
      assessment('QT00001', '2017-02'),
      ['/api/collections', { receiptNo: 'QT-R-1', payer: { kind: 'employer', unitCode: 'QT00001' }, amount: '20000000', collectedOn: '2017-03-20' }],
      ['/api/month-end-closes', { month: '2017-03', areaCode: '45', closedOn: '2017-04-01' }],
    ];
    await recordAll(server, posts);
  });
  afterAll(async () => {
    await server.close();
  });

  it('agrees to the đồng on what is late after the payment, period by period', async () => {
    const position = await server.runtime.store.headPosition();
    const arrears = (await server.request('GET', `/api/employers/QT00001/arrears?asOf=2017-03-31&minPosition=${position}`)).body;
    expect(arrears.periods.map((p: { period: string; paid: string; outstanding: string }) => [p.period, p.paid, p.outstanding])).toEqual([
      ['2017-01', '14750000', '1500000'],
      ['2017-02', '5250000', '11000000'],
    ]);
    expect([arrears.overdue, arrears.monthsOverdue, arrears.oldestUnpaidPeriod]).toEqual(['12500000', 2, '2017-01']);

    const notice = (await server.request('GET', `/api/employers/QT00001/notices/2017-03?minPosition=${position}`)).body;
    expect(notice.lateAmount.periods.map((p: { period: string; amount: string }) => [p.period, p.amount])).toEqual([['2017-01', '1500000'], ['2017-02', '11000000']]);

    // The close's basis for March (the month whose end comes after the payment): what each period still owed, per fund.
    const events = (await server.request('GET', '/api/streams/employer-QT00001/events?fromRevision=0')).body.events as { type: string; data: { basis: { period: string; fund: string; lateAmount: string; to: string }[]; total: string } }[];
    const charge = events.find((e) => e.type === 'LateInterestCharged')!;
    const march = charge.data.basis.filter((line) => line.to === '2017-03-31');
    expect(march.map((line) => [line.period, line.fund, line.lateAmount])).toEqual([['2017-01', 'pension', '1500000'], ['2017-02', 'pension', '11000000']]);
    // February's end on all of January (health 2,250,000 × 0.967 % = 21,757.5; the rest 14,000,000 × 1.317 % = 184,380),
    // March's end on 1,500,000 and 11,000,000 of pension (19,755 + 144,870): 370,762.5, rounded per fund 370,763.
    // On 31 March the close (made on 1 April) is not yet a fact: the query accrues the same amount itself.
    expect([charge.data.total, arrears.interest, arrears.interestDetail.charged, arrears.interestDetail.accrued]).toEqual(['370763', '370763', '0', '370763']);
  });

  it('lets a payment settle charged interest before the next fund\'s contributions, in the close as in the query', async () => {
    // 10 April, 500,000: what is late that day by fund: March's charged interest of health 21,758, BHTN 13,170, sickness
    // 19,755 and TNLĐ 6,585 (61,268 in all; each fund's contributions are settled), then 438,732 of January's pension.
    for (const [path, body] of [
      ['/api/collections', { receiptNo: 'QT-R-2', payer: { kind: 'employer', unitCode: 'QT00001' }, amount: '500000', collectedOn: '2017-04-10' }],
      ['/api/month-end-closes', { month: '2017-04', areaCode: '45', closedOn: '2017-05-01' }],
    ] as [string, object][]) expect((await server.request('POST', path, body)).status).toBe(201);
    const position = await server.runtime.store.headPosition();
    const arrears = (await server.request('GET', `/api/employers/QT00001/arrears?asOf=2017-04-30&minPosition=${position}`)).body;
    expect(arrears.periods.map((p: { period: string; outstanding: string }) => [p.period, p.outstanding])).toEqual([['2017-01', '1061268'], ['2017-02', '11000000']]);
    const events = (await server.request('GET', '/api/streams/employer-QT00001/events?fromRevision=0')).body.events as { type: string; data: { month: string; basis: { period: string; fund: string; lateAmount: string }[]; total: string } }[];
    const april = events.find((e) => e.type === 'LateInterestCharged' && e.data.month === '2017-04')!;
    expect(april.data.basis.map((line) => [line.period, line.fund, line.lateAmount])).toEqual([['2017-01', 'pension', '1061268'], ['2017-02', 'pension', '11000000']]);
    // April on 1,061,268 and 11,000,000 of pension at 1.317 %: 13,976.9 + 144,870 = 158,847. Owed on 30 April:
    // 370,763 charged − 61,268 paid + 158,847 accrued (the April close is made on 1 May) = 468,342.
    expect(april.data.total).toBe('158847');
    expect(arrears.interestDetail).toMatchObject({ charged: '370763', paid: '61268', accrued: '158847', outstanding: '468342' });
  });
});
