import { auth, startTestServer, type TestServer } from '../support/test-server.js';
import { assessment, RATES_2017, recordAll, REGISTER_QT00001, type Post } from '../support/arrears-fixtures.js';

/** POST /api/month-end-closes through a real Nest app: 201 with charges, 200 recording nothing, 400, 403. */
describe('month-end close over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const posts: Post[] = [
      ...RATES_2017,
      REGISTER_QT00001,
      assessment('QT00001', '2017-01'),
      ['/api/collections', { receiptNo: 'QT-R-1', payer: { kind: 'employer', unitCode: 'QT00001' }, amount: '16250000', collectedOn: '2017-04-30' }],
    ];
    await recordAll(server, posts);
  });
  afterAll(async () => {
    await server.close();
  });

  it('charges day-89 lateness once (201), records nothing the second time (200), and refuses bad input and other areas', async () => {
    const close = { month: '2017-04', areaCode: '45', closedOn: '2017-05-02' };
    const first = await server.request('POST', '/api/month-end-closes', close);
    expect({ status: first.status, body: first.body }).toEqual({
      status: 201,
      body: { ...close, employers: 1, charged: 1, duplicates: 0, nothingToCharge: 0, refused: [], lastPosition: 6 },
    });
    const [charge] = (await server.request('GET', '/api/streams/employer-QT00001/events?fromRevision=3')).body.events;
    expect({ type: charge.type, total: charge.data.total, pension: charge.data.byFund.pension, health: charge.data.byFund.health, role: charge.metadata.role, source: charge.metadata.source })
      .toEqual({ type: 'LateInterestCharged', total: '412275', pension: '289740', health: '43515', role: 'admin', source: 'http' });
    const again = await server.request('POST', '/api/month-end-closes', close);
    expect({ status: again.status, charged: again.body.charged, duplicates: again.body.duplicates }).toEqual({ status: 200, charged: 0, duplicates: 1 });
    expect(await server.runtime.store.headPosition()).toBe(6);

    const bad = await server.request('POST', '/api/month-end-closes', { ...close, month: '2017-13' });
    expect({ status: bad.status, errors: bad.body.errors }).toEqual({ status: 400, errors: [{ field: 'month', message: 'must be a month YYYY-MM' }] });
    const key = async (role: string, area: string) => (await server.request('POST', '/api/keys', { name: `${role}-${area}`, role, areas: [area] })).body.key as string;
    expect((await server.request('POST', '/api/month-end-closes', close, auth(await key('clerk', '95')))).status).toBe(403);
    expect((await server.request('POST', '/api/month-end-closes', close, auth(await key('inspector', '45')))).status).toBe(403);
    const clerk = await server.request('POST', '/api/month-end-closes', { ...close, month: '2017-05', closedOn: '2017-06-01' }, auth(await key('clerk', '45')));
    expect({ status: clerk.status, charged: clerk.body.charged }).toEqual({ status: 200, charged: 0 });
  });
});
