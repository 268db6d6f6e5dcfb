import { auth, startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 20, item 4: a natural key held by a fact in an area the caller's key does not cover answers
 * exactly as a forbidden write to that area does (403 FORBIDDEN, the same message, no event id, no
 * hint whether the content matched), over HTTP and in the import; a key that covers the fact still
 * gets the contract's 200 duplicate or 409 IDEMPOTENCY_CONFLICT.
 *
 * Thị xã Quảng Trị (462) holds the facts; the caller is a clerk of Thành phố Đông Hà (461).
 */
const FORBIDDEN_462 = { statusCode: 403, code: 'FORBIDDEN', message: 'the key does not cover area 462' };
const REFUSED_462 = { code: 'FORBIDDEN', message: 'the key does not cover area 462' };
const ndjson = (...lines: object[]) => lines.map((line) => JSON.stringify(line)).join('\n') + '\n';

/** One fact per command whose natural key another area can name, as recorded in 462. */
const IN_462 = {
  RegisterEmployer: { unitCode: 'QT46201', name: 'Công ty Thành Cổ', areaCode: '462', registeredOn: '2020-01-15' },
  CollectContribution: { receiptNo: 'PT-462-1', payer: { kind: 'employer', unitCode: 'QT46201' }, amount: '5000000', collectedOn: '2024-04-10' },
  IssueBook: { personId: '4500000462', areaCode: '462', issuedOn: '2024-02-20' },
  IssueCard: { cardNo: 'HN3454512345462', personId: '4500000462', areaCode: '462', validFrom: '2024-01-01', validTo: '2024-12-31', issuedOn: '2023-12-20' },
  PayBenefit: { paymentRef: 'CT-462-1', personId: '4500000462', benefit: 'pension', payoutMonth: '2024-03', amount: '5460000', channel: 'post-office-cash', areaCode: '462', paidOn: '2024-03-05' },
  AssessClaim: { assessmentRef: 'GD-462-1', facilityCode: '45462', areaCode: '462', period: '2024-03', visits: { outpatient: 12, inpatient: 1 }, requested: '9000000', approved: '8500000', assessedOn: '2024-04-15' },
  RecordInspection: { inspectionId: 'TT-462-1', unitCode: 'QT46201', inspectedOn: '2024-04-20', unannounced: true, arrearsFound: '1000000' },
} as const;

/** The same keys sent by the 461 clerk with content of its own area (and other amounts). */
const FROM_461 = {
  RegisterEmployer: { ...IN_462.RegisterEmployer, name: 'Công ty Đông Hà', areaCode: '461' },
  CollectContribution: { ...IN_462.CollectContribution, payer: { kind: 'employer', unitCode: 'QT46101' }, amount: '5000001' },
  IssueBook: { ...IN_462.IssueBook, areaCode: '461' },
  IssueCard: { ...IN_462.IssueCard, areaCode: '461' },
  PayBenefit: { ...IN_462.PayBenefit, areaCode: '461', amount: '1' },
  AssessClaim: { ...IN_462.AssessClaim, areaCode: '461', approved: '1' },
  RecordInspection: { ...IN_462.RecordInspection, unitCode: 'QT46101', arrearsFound: '2' },
} as const;

const ROUTES: Record<keyof typeof IN_462, string> = {
  RegisterEmployer: '/api/employers',
  CollectContribution: '/api/collections',
  IssueBook: '/api/books',
  IssueCard: '/api/cards',
  PayBenefit: '/api/benefit-payments',
  AssessClaim: '/api/claim-assessments',
  RecordInspection: '/api/inspections',
};
const COMMANDS = Object.keys(IN_462) as (keyof typeof IN_462)[];

describe('natural keys held in another area', () => {
  let server: TestServer;
  let clerk461: Record<string, string>;
  let clerk462: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer();
    const own = await server.request('POST', '/api/employers', { unitCode: 'QT46101', name: 'Công ty Hiếu Giang', areaCode: '461', registeredOn: '2020-01-15' });
    expect(own.status).toBe(201);
    for (const command of COMMANDS) {
      const recorded = await server.request('POST', ROUTES[command], IN_462[command]);
      expect([command, recorded.status]).toEqual([command, 201]);
    }
    const key = async (name: string, areas: string[]) => auth((await server.request('POST', '/api/keys', { name, role: 'clerk', areas })).body.key);
    clerk461 = await key('clerk-461', ['461']);
    clerk462 = await key('clerk-462', ['462']);
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers a forbidden write to 462 as the reference: 403 FORBIDDEN naming 462', async () => {
    const fresh = { ...IN_462.CollectContribution, receiptNo: 'PT-462-NEW' };
    const response = await server.request('POST', '/api/collections', fresh, clerk461);
    expect([response.status, response.body]).toEqual([403, FORBIDDEN_462]);
  });

  it.each(COMMANDS)('%s over HTTP: the 461 clerk replaying a 462 key gets exactly that 403, whatever the content', async (command) => {
    const head = await server.runtime.store.headPosition();
    const otherContent = await server.request('POST', ROUTES[command], FROM_461[command], clerk461);
    expect([otherContent.status, otherContent.body]).toEqual([403, FORBIDDEN_462]);
    // The exact content names 462 itself, so the door refuses it the same way.
    const sameContent = await server.request('POST', ROUTES[command], IN_462[command], clerk461);
    expect([sameContent.status, sameContent.body]).toEqual([403, FORBIDDEN_462]);
    expect(await server.runtime.store.headPosition()).toBe(head);
  });

  it('import: a 462 key in a 461 clerk\'s file is refused as a forbidden line is, the same content or not, and the rest recorded', async () => {
    const head = await server.runtime.store.headPosition();
    const lines = [
      ...COMMANDS.map((command) => ({ command, data: IN_462[command] })),
      ...COMMANDS.map((command) => ({ command, data: FROM_461[command] })),
      // The reference: a fresh key written to 462.
      { command: 'PayBenefit', data: { ...IN_462.PayBenefit, paymentRef: 'CT-462-NEW' } },
      { command: 'PayBenefit', data: { ...FROM_461.PayBenefit, paymentRef: 'CT-461-1' } },
    ];
    const response = await server.request('POST', '/api/import', ndjson(...lines), clerk461);
    expect(response.status).toBe(200);
    const refused = lines.length - 1;
    expect(response.body).toMatchObject({ recorded: 1, duplicates: 0, refused, events: 1 });
    expect(response.body.refusals).toEqual(Array.from({ length: refused }, (_, index) => ({ line: index + 1, ...REFUSED_462 })));
    expect(await server.runtime.store.headPosition()).toBe(head + 1);
  });

  it('a key that covers the fact still gets 200 duplicate and 409 IDEMPOTENCY_CONFLICT', async () => {
    const same = await server.request('POST', '/api/benefit-payments', IN_462.PayBenefit, clerk462);
    expect(same.status).toBe(200);
    const conflict = await server.request('POST', '/api/benefit-payments', { ...IN_462.PayBenefit, amount: '5460001' }, clerk462);
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('IDEMPOTENCY_CONFLICT');
    const imported = await server.request('POST', '/api/import', ndjson({ command: 'PayBenefit', data: IN_462.PayBenefit }), clerk462);
    expect(imported.body).toMatchObject({ recorded: 0, duplicates: 1, refused: 0 });
  });

  it('a key freed by a reversal in 462 is free for the 461 clerk too', async () => {
    const payment = await server.request('POST', '/api/benefit-payments', { ...IN_462.PayBenefit, paymentRef: 'CT-462-REV' });
    expect((await server.request('POST', '/api/reversals', { eventId: payment.body.eventId, reason: 'Chi nhầm', reversedOn: '2024-03-06' })).status).toBe(201);
    const reused = await server.request('POST', '/api/benefit-payments', { ...FROM_461.PayBenefit, paymentRef: 'CT-462-REV' }, clerk461);
    expect(reused.status).toBe(201);
  });
});
