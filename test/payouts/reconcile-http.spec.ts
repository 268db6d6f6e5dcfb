import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * ReconcilePayouts over a real server: the statement of Bưu điện Hướng Hóa (district 465) for
 * October 2023, as CSV and as JSON, against payments recorded, reversed and recorded late.
 */
describe('POST /api/payout-reconciliations', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const pay = (paymentRef: string, personId: string, amount: string, extra: object = {}) =>
    server.request('POST', '/api/benefit-payments', {
      paymentRef, personId, benefit: 'pension', payoutMonth: '2023-10', amount, channel: 'post-office-cash', areaCode: '465', paidOn: '2023-10-05', ...extra,
    });
  const postCsv = (query: string, csv: string) =>
    server.request('POST', `/api/payout-reconciliations?${query}`, csv, { 'content-type': 'text/csv; charset=utf-8' });
  const QUERY = `statementRef=VNPOST-465-2023-10&month=2023-10&areaCode=465&agent=${encodeURIComponent('Bưu điện Hướng Hóa')}`;
  const STATEMENT = '\uFEFFpaymentRef;personId;amount;Họ tên\r\n'
    + 'Q-1;4500000001;2.150.000;Lê Văn Một\r\n'
    + 'Q-2;4500000002;1.850.000;Hồ Thị Hai\r\n'
    + '"Q-3";"4500000003";"3.456.789";"Nguyễn Ba"\r\n'
    + 'Q-7;4500000007;640000;Pả Kôi\r\n';
  let first: { status: number; body: any };

  it('records the payments of October 2023 and reverses Q-3', async () => {
    expect((await pay('Q-1', '4500000001', '2150000')).status).toBe(201);
    expect((await pay('Q-2', '4500000002', '1800000', { benefit: 'survivor' })).status).toBe(201);
    const q3 = await pay('Q-3', '4500000003', '3456789');
    expect(q3.status).toBe(201);
    expect((await pay('Q-4', '4500000004', '12000000', { benefit: 'one-off', channel: 'bank-account' })).status).toBe(201);
    // Neither of these belongs to the statement: another district, another month.
    expect((await pay('Q-5', '4500000005', '999000', { areaCode: '464' })).status).toBe(201);
    expect((await pay('Q-6', '4500000006', '777000', { payoutMonth: '2023-09', paidOn: '2023-09-05' })).status).toBe(201);
    const reversal = await server.request('POST', '/api/reversals', { eventId: q3.body.eventId, reason: 'Trả nhầm người', reversedOn: '2023-10-20' });
    expect(reversal.status).toBe(201);
  });

  it('reconciles a CSV statement (BOM, semicolons, thousands dots, quotes, an extra column): 201 with exact buckets', async () => {
    first = await postCsv(QUERY, STATEMENT);
    expect(first.status).toBe(201);
    expect(first.body).toStrictEqual({
      eventId: expect.any(String), type: 'PayoutsReconciled', streamId: 'payout-465-2023-10', revision: 0, position: 8,
      statementRef: 'VNPOST-465-2023-10', month: '2023-10', areaCode: '465', agent: 'Bưu điện Hướng Hóa', reconciledOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      matched: { count: 1, amount: '2150000' },
      amountMismatches: { count: 1, amount: '1850000', items: [{ paymentRef: 'Q-2', personId: '4500000002', statementAmount: '1850000', ledgerAmount: '1800000' }] },
      // Q-3 was reversed, so the ledger no longer holds it and the agent's line finds nothing.
      missingInLedger: {
        count: 2, amount: '4096789',
        items: [{ paymentRef: 'Q-3', personId: '4500000003', amount: '3456789' }, { paymentRef: 'Q-7', personId: '4500000007', amount: '640000' }],
      },
      missingInStatement: { count: 1, amount: '12000000', items: [{ paymentRef: 'Q-4', personId: '4500000004', amount: '12000000' }] },
    });
  });

  it('answers the same statement again with 200 and the original result, writing nothing', async () => {
    const again = await postCsv(QUERY, STATEMENT.replace('2.150.000', '2150000'));
    expect(again.status).toBe(200);
    expect(again.body).toStrictEqual(first.body);
    expect(await server.runtime.store.headPosition()).toBe(8);
  });

  it('answers the same statementRef with other lines with 409', async () => {
    const changed = await postCsv(QUERY, 'paymentRef,personId,amount\nQ-1,4500000001,2150000\n');
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('refuses a malformed file whole (400, line numbers), recording nothing', async () => {
    const refused = await postCsv(
      QUERY.replace('VNPOST-465-2023-10', 'BAD-1'),
      'paymentRef,personId,amount\nQ-1,4500000001,2150000\nQ-2,,1850000\nQ-4,4500000004,"12.000.000,50"\nQ-1,4500000001,1\n',
    );
    expect(refused.status).toBe(400);
    expect(refused.body).toStrictEqual({
      statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(String),
      errors: [
        { field: 'line 3', message: 'personId is empty' },
        { field: 'line 4', message: 'amount "12.000.000,50" has a decimal comma: amounts are whole đồng, written 1234000 or 1.234.000' },
        { field: 'line 5', message: 'paymentRef Q-1 repeats line 2' },
      ],
    });
    expect(await server.runtime.store.headPosition()).toBe(8);
  });

  it('refuses a CSV statement without its query parameters (400 per missing field)', async () => {
    const refused = await postCsv('statementRef=NO-MONTH&areaCode=465', 'paymentRef,personId,amount\nQ-1,4500000001,2150000\n');
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error: { field: string }) => error.field).sort()).toStrictEqual(['agent', 'month']);
  });

  it('shows a payment recorded after a reconciliation in the next one (JSON statement)', async () => {
    expect((await pay('Q-8', '4500000008', '2500000', { paidOn: '2023-10-25' })).status).toBe(201);
    const second = await server.request('POST', '/api/payout-reconciliations', {
      statementRef: 'VNPOST-465-2023-10-B', month: '2023-10', areaCode: '465', agent: 'Bưu điện Hướng Hóa',
      lines: [
        { paymentRef: 'Q-1', personId: '4500000001', amount: '2150000' },
        { paymentRef: 'Q-2', personId: '4500000002', amount: 1800000 },
        { paymentRef: 'Q-4', personId: '4500000004', amount: '12000000' },
      ],
    });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      streamId: 'payout-465-2023-10', revision: 1, position: 10,
      matched: { count: 3, amount: '15950000' },
      amountMismatches: { count: 0, amount: '0', items: [] },
      missingInLedger: { count: 0, amount: '0', items: [] },
      missingInStatement: { count: 1, amount: '2500000', items: [{ paymentRef: 'Q-8', personId: '4500000008', amount: '2500000' }] },
    });
    // The first reconciliation, recorded before Q-8, stays as it was.
    expect(first.body.missingInStatement.items.map((item: { paymentRef: string }) => item.paymentRef)).toStrictEqual(['Q-4']);
  });

  it('lists both reconciliations with the month\'s payouts', async () => {
    const payouts = await server.request('GET', '/api/payouts/2023-10?area=465&minPosition=10');
    expect(payouts.status).toBe(200);
    expect(payouts.body.total).toStrictEqual({ amount: '18450000', payments: 4, recipients: 4 });
    expect(payouts.body.reversed).toStrictEqual({ amount: '3456789', payments: 1 });
    expect(payouts.body.reconciliations.map((r: { statementRef: string; position: number }) => [r.statementRef, r.position]))
      .toStrictEqual([['VNPOST-465-2023-10', 8], ['VNPOST-465-2023-10-B', 10]]);
  });
});

describe('POST /api/payout-reconciliations over the body limit', () => {
  it('answers 413 for a CSV statement larger than SOCAI_BODY_LIMIT', async () => {
    const server = await startTestServer({ bodyLimit: '1kb' });
    try {
      const lines = Array.from({ length: 100 }, (_, index) => `Q-${index},4500000001,100000`).join('\n');
      const response = await server.request('POST', '/api/payout-reconciliations?statementRef=BIG&month=2023-10&areaCode=465&agent=VNPost',
        `paymentRef,personId,amount\n${lines}\n`, { 'content-type': 'text/csv' });
      expect(response.status).toBe(413);
      expect(await server.runtime.store.headPosition()).toBe(0);
    } finally {
      await server.close();
    }
  });
});
