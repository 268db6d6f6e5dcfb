import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 24, a voluntary payer's transfers through a real Nest app over a socket: one matched
 * automatically by the BHXH number in its text (scheme and cover from the person's latest collection),
 * one whose amount buys no whole month left in suspense and assigned by hand to the person, one naming
 * nobody assigned by hand to a household payer the ledger has never seen; the month-end proof still
 * ties to the đồng.
 */
const ACCOUNT = '0071000123456';
const PERSON = '4512345678';
const STATEMENT = [
  '\uFEFFSAO KÊ TÀI KHOẢN;;;;;;;',
  `Số tài khoản: ${ACCOUNT};;;;;;;`,
  'Từ ngày 01/11/2023 đến ngày 02/11/2023;;;;;;;',
  ';;;;;;;',
  'Ngày giao dịch;Ngày hiệu lực;Số tham chiếu;Mô tả;Tên đơn vị chuyển;Tài khoản đối ứng;Số tiền ghi có;Số tiền ghi nợ',
  '01/11/2023;01/11/2023;FT23305100001;Đóng BHXH tự nguyện BHXH 45 1234 5678;NGUYEN THI MAI;0101000999888;990.000;',
  '02/11/2023;02/11/2023;FT23306100002;ma so BHXH: 4512345678 nop tien;NGUYEN THI MAI;0101000999888;500.000;',
  '02/11/2023;02/11/2023;FT23306100003;nop BHYT ho gia dinh nam 2024;TRAN VAN BINH;0201000777666;1.134.000;',
  'Tổng cộng;;;;;;2.624.000;',
].join('\r\n');

describe('a voluntary payer\'s bank transfers (issue 24)', () => {
  let server: TestServer;
  const reach = async () => `minPosition=${await server.runtime.store.headPosition()}`;

  beforeAll(async () => {
    server = await startTestServer();
    // The person pays 330,000 a month: July to September 2023 typed at the office.
    const posts: [string, object][] = [
      ['/api/books', { personId: PERSON, areaCode: '465', issuedOn: '2023-06-01' }],
      ['/api/collections', {
        receiptNo: 'QT-TN-1', payer: { kind: 'person', personId: PERSON, scheme: 'voluntary-social-insurance', coverFrom: '2023-07', coverTo: '2023-09' }, amount: '990000', collectedOn: '2023-07-05',
      }],
    ];
    for (const [path, body] of posts) expect((await server.request('POST', path, body)).status).toBe(201);
  }, 60_000);
  afterAll(async () => server?.close());

  it('matches one transfer to the person, assigns the other by hand, and proves the month', async () => {
    const imported = await fetch(`${server.url}/api/bank-statements?account=${ACCOUNT}`, {
      method: 'POST', body: STATEMENT, headers: { 'content-type': 'text/csv', authorization: `Bearer ${server.adminKey}` },
    });
    expect(await imported.json()).toEqual({ account: ACCOUNT, lines: 3, debits: 0, newCredits: 3, duplicates: 0, matched: 1, suspense: 2, lastPosition: 7 });

    const credits = (await server.request('GET', `/api/bank-credits?account=${ACCOUNT}&${await reach()}`)).body.items as any[];
    expect(credits.map((c) => [c.bankRef, c.amount, c.status])).toEqual([
      ['FT23305100001', '990000', 'matched'], ['FT23306100002', '500000', 'unmatched'], ['FT23306100003', '1134000', 'unmatched'],
    ]);
    const personEvents = async () => (await server.request('GET', `/api/streams/person-${PERSON}/events`)).body.events as any[];
    const matched = (await personEvents()).find((e) => e.eventId === credits[0].collectionEventId);
    expect({ data: matched.data, causationId: matched.metadata.causationId }).toEqual({
      data: {
        receiptNo: `BANK-${ACCOUNT}-FT23305100001`, amount: '990000', collectedOn: '2023-11-01', areaCode: '465',
        payer: { kind: 'person', personId: PERSON, scheme: 'voluntary-social-insurance', coverFrom: '2023-10', coverTo: '2023-12' },
      },
      causationId: credits[0].id,
    });
    const bankEvents = async () => (await server.request('GET', `/api/streams/bank-${ACCOUNT}/events`)).body.events as any[];
    expect((await bankEvents()).find((e) => e.type === 'BankCreditMatched').data).toEqual({
      account: ACCOUNT, creditId: credits[0].id, personId: PERSON, scheme: 'voluntary-social-insurance', coverFrom: '2023-10', coverTo: '2023-12',
      reason: `BHXH number ${PERSON} in the transfer text; 2023-10..2023-12 at the monthly amount of the latest voluntary-social-insurance collection`,
      decidedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), collectionEventId: credits[0].collectionEventId, areaCode: '45',
    });

    // Bad assignments answer 400 naming the field, and write nothing.
    const before = await server.runtime.store.headPosition();
    const assign = (body: object) => server.request('POST', `/api/bank-credits/${credits[1].id}/assignments`, body);
    const bad = [
      await assign({ unitCode: 'TA0100A', personId: PERSON }),
      await assign({ personId: PERSON, scheme: 'voluntary-social-insurance', coverFrom: '2024-01' }),
      await assign({ personId: '45123', scheme: 'health', coverFrom: '2024-01', coverTo: '2024-01' }),
      await assign({}),
    ];
    expect(bad.map((r) => [r.status, r.body.errors.map((e: any) => e.field)])).toEqual([
      [400, ['personId']], [400, ['coverTo']], [400, ['personId', 'scheme']], [400, ['unitCode']],
    ]);
    expect(await server.runtime.store.headPosition()).toBe(before);

    // 500,000 is no whole number of 330,000 months: the clerk books it as January 2024.
    const person = { personId: PERSON, scheme: 'voluntary-social-insurance', coverFrom: '2024-01', coverTo: '2024-01' };
    const assigned = await assign({ ...person, reason: 'Người nộp xác nhận đóng tháng 1/2024' });
    expect({ status: assigned.status, type: assigned.body.type }).toEqual({ status: 201, type: 'BankCreditAssigned' });
    expect((await assign({ ...person, reason: 'Người nộp xác nhận đóng tháng 1/2024' })).status).toBe(200);
    const decision = (await bankEvents()).find((e) => e.type === 'BankCreditAssigned');
    expect({ ...decision.data, decidedOn: undefined }).toEqual({
      account: ACCOUNT, creditId: credits[1].id, ...person, reason: 'Người nộp xác nhận đóng tháng 1/2024', decidedOn: undefined,
      collectionEventId: decision.data.collectionEventId, areaCode: '45',
    });
    const byHand = (await personEvents()).find((e) => e.eventId === decision.data.collectionEventId);
    expect({ data: byHand.data, causationId: byHand.metadata.causationId }).toEqual({
      data: { receiptNo: `BANK-${ACCOUNT}-FT23306100002`, amount: '500000', collectedOn: '2023-11-02', areaCode: '465', payer: { kind: 'person', ...person } },
      causationId: credits[1].id,
    });

    // A household payer the ledger has never seen, by CCCD number: no home, no province in the number,
    // so the collection is placed in the account's area, where the money arrived.
    const household = { personId: '045123456789', scheme: 'household-health-insurance', coverFrom: '2024-01', coverTo: '2024-12' };
    const toHousehold = await server.request('POST', `/api/bank-credits/${credits[2].id}/assignments`, household);
    expect({ status: toHousehold.status, type: toHousehold.body.type }).toEqual({ status: 201, type: 'BankCreditAssigned' });
    const householdCollection = (await server.request('GET', `/api/streams/person-${household.personId}/events`)).body.events[0];
    expect(householdCollection.data).toEqual({ receiptNo: `BANK-${ACCOUNT}-FT23306100003`, amount: '1134000', collectedOn: '2023-11-02', areaCode: '45', payer: { kind: 'person', ...household } });

    const recon = (await server.request('GET', `/api/bank-reconciliations/${ACCOUNT}/2023-11?${await reach()}`)).body;
    expect(recon).toEqual({
      account: ACCOUNT, month: '2023-11', openingBalance: null, closingBalance: null,
      credits: { count: 3, amount: '2624000' },
      matched: { count: 1, amount: '990000' },
      assigned: { count: 2, amount: '1634000' },
      unmatched: { count: 0, amount: '0' },
      returned: { count: 0, amount: '0' },
      ledgerOnly: { count: 0, amount: '0', items: [] },
    });
  });
});
