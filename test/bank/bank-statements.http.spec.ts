import { readFileSync } from 'node:fs';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';
import { auth, startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 24 through a real Nest app over a socket on SQLite: a statement with every kind of line, loaded
 * twice, the same credits as CSV, an overlapping statement, a refused file, a wrong match reversed and
 * re-assigned, a return, and the month-end proof tying to the đồng.
 */
const fixture = (name: string) => readFileSync(new URL(`../../libs/bank/src/fixtures/${name}`, import.meta.url));
const ACCOUNT = '0071000123456';
const CAMT = fixture('vcb-2023-11.camt053.xml');
const CSV = fixture('vietcombank-2023-11.csv').toString('utf8');
// The same export a day later: its four lines again, and two new credits (one coded, one that names nobody).
const OVERLAP = CSV.replace(
  'Tổng cộng;',
  '03/11/2023;03/11/2023;FT23307000010;BHXH T10/2023 TB0200B;CONG TY TNHH THANH BINH;0881000777888;20.000.000;\r\n' +
  '03/11/2023;03/11/2023;FT23307000011;ung ho;NGUYEN VAN A;0991000111222;5.000.000;\r\nTổng cộng;',
);

// The same scenario with the read models on SQLite and on a real PostgreSQL (the queue and the proof are SQL on both).
describe.each(['sqlite', 'postgres'] as const)('bank statements over HTTP (issue 24), read models on %s', (readModels) => {
  let server: TestServer;
  let cluster: PostgresCluster | undefined;
  const post = (body: string | Buffer, type: string, query = '', key?: string) =>
    fetch(`${server.url}/api/bank-statements?account=${ACCOUNT}${query}`, { method: 'POST', body, headers: { 'content-type': type, authorization: `Bearer ${key ?? server.adminKey}` } })
      .then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
  const reach = async () => `minPosition=${await server.runtime.store.headPosition()}`;

  beforeAll(async () => {
    if (readModels === 'postgres') cluster = await startPostgres();
    server = await startTestServer(cluster ? { readModels: await cluster.createDatabase('bank') } : {});
    const posts: [string, object][] = [
      ['/api/employers', { unitCode: 'TA0100A', name: 'Công ty TNHH Mía đường Quảng Trị', areaCode: '465', registeredOn: '2020-01-01' }],
      ['/api/employers', { unitCode: 'TB0200B', name: 'Công ty TNHH Thanh Bình', areaCode: '465', registeredOn: '2020-01-01' }],
      ['/api/employers', { unitCode: 'TC0300C', name: 'Công ty Cổ phần Thủy sản Sao Mai', areaCode: '465', taxCode: '0101234567', registeredOn: '2020-01-01' }],
      ['/api/collections', { receiptNo: 'QT-CASH-1', payer: { kind: 'employer', unitCode: 'TB0200B' }, amount: '3000000', collectedOn: '2023-11-15' }],
    ];
    for (const [path, body] of posts) expect((await server.request('POST', path, body)).status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await cluster?.stop();
  });

  it('imports, matches, refuses, reverses and reassigns, and proves the month to the đồng', async () => {
    const first = await post(CAMT, 'application/xml');
    expect(first).toEqual({ status: 201, body: { account: ACCOUNT, lines: 4, debits: 1, newCredits: 3, duplicates: 0, matched: 2, suspense: 1, lastPosition: 12 } });
    const again = await post(CAMT, 'application/xml');
    expect(again).toEqual({ status: 200, body: { account: ACCOUNT, lines: 4, debits: 1, newCredits: 0, duplicates: 3, matched: 0, suspense: 0, lastPosition: 0 } });
    // camt.053 and the bank's CSV of the same credits are the same facts: nothing new.
    const sameAsCsv = await post(CSV, 'text/csv');
    expect(sameAsCsv.body).toMatchObject({ lines: 4, newCredits: 0, duplicates: 3 });
    // The MT940 of the same days: the three credits again, and one paid in cash without a bank reference.
    const mt940 = await post(fixture('vcb-2023-11.mt940'), 'text/plain');
    expect(mt940).toEqual({ status: 201, body: { account: ACCOUNT, lines: 5, debits: 1, newCredits: 1, duplicates: 3, matched: 0, suspense: 1, lastPosition: 14 } });
    const head = await server.runtime.store.headPosition();

    const contradicts = await post(CSV.replace('15.200.000', '15.300.000'), 'text/csv');
    expect({ status: contradicts.status, errors: contradicts.body.errors }).toEqual({
      status: 400, errors: [{ field: 'bankRef', message: 'FT23305000002 was recorded with 15200000 on 2023-11-01; this file says 15300000 on 2023-11-01' }],
    });
    const refused = await post(CSV.replace('15.200.000', '15.200,5'), 'text/csv');
    expect({ status: refused.status, code: refused.body.code, line: refused.body.line }).toEqual({ status: 422, code: 'STATEMENT_UNPARSEABLE', line: 7 });
    const unknown = await post(CAMT, 'application/xml', '&account=999');
    expect(unknown.status).toBe(400);
    expect(await server.runtime.store.headPosition()).toBe(head);

    const overlap = await post(OVERLAP, 'text/csv');
    expect(overlap.body).toMatchObject({ lines: 6, debits: 1, newCredits: 2, duplicates: 3, matched: 1, suspense: 1 });

    const credits = (await server.request('GET', `/api/bank-credits?account=${ACCOUNT}&${await reach()}`)).body.items as any[];
    expect(credits.map((c) => [c.bankRef, c.amount, c.status, c.unitCode ?? null])).toEqual([
      ['FT23305000001', '32635000', 'matched', 'TA0100A'],
      ['FT23305000002', '15200000', 'matched', 'TC0300C'],
      ['FT23306000004', '48000000', 'unmatched', null],
      [expect.stringMatching(/^[0-9a-f:-]+|^[A-Z0-9-]+/), '250000', 'unmatched', null],
      ['FT23307000010', '20000000', 'matched', 'TB0200B'],
      ['FT23307000011', '5000000', 'unmatched', null],
    ]);
    const collection = (await server.request('GET', '/api/streams/employer-TC0300C/events')).body.events.find((e: any) => e.eventId === credits[1].collectionEventId);
    expect({ receiptNo: collection.data.receiptNo, amount: collection.data.amount, causationId: collection.metadata.causationId })
      .toEqual({ receiptNo: `BANK-${ACCOUNT}-FT23305000002`, amount: '15200000', causationId: credits[1].id });

    // The tax code's match was wrong: reverse the collection and the match, then assign it by hand.
    const matchEvent = (await server.request('GET', `/api/streams/bank-${ACCOUNT}/events`)).body.events
      .find((e: any) => e.type === 'BankCreditMatched' && e.data.creditId === credits[1].id);
    for (const eventId of [credits[1].collectionEventId, matchEvent.eventId]) {
      expect((await server.request('POST', '/api/reversals', { eventId, reason: 'Khớp nhầm', reversedOn: '2023-11-20' })).status).toBe(201);
    }
    const assigned = await server.request('POST', `/api/bank-credits/${credits[1].id}/assignments`, { unitCode: 'TB0200B', period: '2023-10', reason: 'Kế toán đối chiếu UNC' });
    expect({ status: assigned.status, type: assigned.body.type }).toEqual({ status: 201, type: 'BankCreditAssigned' });
    expect((await server.request('POST', `/api/bank-credits/${credits[1].id}/assignments`, { unitCode: 'TB0200B', period: '2023-10', reason: 'Kế toán đối chiếu UNC' })).status).toBe(200);
    expect((await server.request('POST', `/api/bank-credits/${credits[1].id}/returns`, { reason: 'nhầm' })).body.code).toBe('CREDIT_ALREADY_DECIDED');
    const returned = await server.request('POST', `/api/bank-credits/${credits[2].id}/returns`, { reason: 'Hai đơn vị trong một lệnh: trả lại để chuyển riêng', returnedOn: '2023-11-21' });
    expect({ status: returned.status, type: returned.body.type }).toEqual({ status: 201, type: 'BankCreditReturned' });
    const badAssign = await server.request('POST', `/api/bank-credits/${credits[4].id}/assignments`, { period: '2023-13' });
    expect({ status: badAssign.status, fields: badAssign.body.errors.map((e: any) => e.field) }).toEqual({ status: 400, fields: ['unitCode', 'period'] });

    const queue = (await server.request('GET', `/api/bank-credits?status=unmatched&area=45&${await reach()}`)).body;
    expect(queue.items.map((c: any) => [c.bankRef, c.amount])).toEqual([[credits[3].bankRef, '250000'], ['FT23307000011', '5000000']]);
    expect(queue.items[0].ageDays).toBeGreaterThan(1000);

    const recon = (await server.request('GET', `/api/bank-reconciliations/${ACCOUNT}/2023-11?${await reach()}`)).body;
    expect({ ...recon, ledgerOnly: { ...recon.ledgerOnly, items: recon.ledgerOnly.items.map((k: any) => k.receiptNo) } }).toEqual({
      account: ACCOUNT, month: '2023-11', openingBalance: '500000000', closingBalance: '596074000',
      credits: { count: 6, amount: '121085000' },
      matched: { count: 2, amount: '52635000' },
      assigned: { count: 1, amount: '15200000' },
      unmatched: { count: 2, amount: '5250000' },
      returned: { count: 1, amount: '48000000' },
      ledgerOnly: { count: 1, amount: '3000000', items: ['QT-CASH-1'] },
    });
    const csv = await fetch(`${server.url}/api/bank-reconciliations/${ACCOUNT}/2023-11?format=csv`, { headers: auth(server.adminKey) });
    const lines = (await csv.text()).trim().split('\n');
    expect([csv.headers.get('content-type'), lines.length, lines[1], lines[7]]).toEqual(['text/csv; charset=utf-8', 14, 'total,credits,,,121085000,6', 'matched,' + credits[0].id + ',FT23305000001,2023-11-01,32635000,TA0100A,CONG TY TNHH MIA DUONG QUANG TRI,BHXH T10/2023 TA0100A']);

    // Bad input answers 4xx with the field or place at fault, never 500, and writes nothing.
    const before = await server.runtime.store.headPosition();
    const bad = [
      await post('', 'application/xml'),
      await post(Buffer.from('not a zip'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      await post('<Document/>', 'application/xml'),
      await post(CSV, 'text/csv', '&bank=acb'),
      await post(CSV, 'text/csv', '&format=pdf'),
      await post(CSV, 'application/json'),
    ];
    expect(bad.map((r) => [r.status, r.body.code, r.body.errors?.[0]?.field ?? r.body.element ?? null])).toEqual([
      [422, 'STATEMENT_UNPARSEABLE', 'line 1'],
      [422, 'STATEMENT_UNPARSEABLE', 'workbook'],
      [422, 'STATEMENT_UNPARSEABLE', 'Document'],
      [400, 'VALIDATION_FAILED', 'bank'],
      [400, 'VALIDATION_FAILED', 'format'],
      [415, 'UNSUPPORTED_MEDIA_TYPE', null],
    ]);
    const nobody = await server.request('POST', '/api/bank-credits/no-such-credit/assignments', { unitCode: 'TA0100A' });
    expect([nobody.status, nobody.body.code]).toEqual([422, 'EVENT_NOT_FOUND']);
    expect(await server.runtime.store.headPosition()).toBe(before);

    const key = async (role: string, area: string) => (await server.request('POST', '/api/keys', { name: `${role}-${area}`, role, areas: [area] })).body.key as string;
    expect((await post(CAMT, 'application/xml', '', await key('finance', '95'))).status).toBe(403);
    expect((await post(CAMT, 'application/xml', '', await key('inspector', '45'))).status).toBe(403);
    expect((await post(CAMT, 'application/xml', '', await key('finance', '45'))).status).toBe(200);
  });
});
