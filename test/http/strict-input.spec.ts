import { addMonths } from '../../libs/domain/src/index.js';
import { latestAssessablePeriod } from '../../libs/ledger/src/validation/field-rules.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 20, item 8, through a real Nest app on a loopback socket: input the contract refuses, or
 * that names nothing, is a 400 with its field and reason and writes nothing; an import refuses the
 * line by number and records the rest.
 */
const NOT_A_STRING = 'must be a decimal string of whole đồng';
const JSON_TYPE = { 'content-type': 'application/json' };

describe('stricter input over HTTP and in the import', () => {
  let server: TestServer;
  const employer = { unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', registeredOn: '2019-03-01' };
  const collectionText = (receiptNo: string, amount: string) =>
    `{"receiptNo":"${receiptNo}","payer":{"kind":"employer","unitCode":"BL00001"},"amount":${amount},"collectedOn":"2021-06-10","areaCode":"954"}`;

  beforeAll(async () => {
    server = await startTestServer();
    expect((await server.request('POST', '/api/employers', employer)).status).toBe(201);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function refusedWithoutWriting(send: () => Promise<{ status: number; body: any }>) {
    const before = await server.runtime.store.headPosition();
    const response = await send();
    expect(await server.runtime.store.headPosition()).toBe(before);
    return [response.status, response.body.code, response.body.errors];
  }

  it.each([
    ['1e3'], ['1E3'], ['1000.0'], ['2.5e-1'], ['-0'], ['-0.0'], ['1e15'],
  ])('refuses the JSON number %s as an amount like any non-string amount (400, nothing written)', async (literal) => {
    const answer = await refusedWithoutWriting(() => server.request('POST', '/api/collections', collectionText(`R-${literal}`, literal), JSON_TYPE));
    expect(answer).toEqual([400, 'VALIDATION_FAILED', [{ field: 'amount', message: NOT_A_STRING }]]);
  });

  it('still takes a plain safe JSON integer as an amount, as the contract says, normalised to a string', async () => {
    const response = await server.request('POST', '/api/collections', collectionText('R-PLAIN', '1000'), JSON_TYPE);
    expect(response.status).toBe(201);
    const stream = await server.request('GET', `/api/streams/employer-BL00001/events?fromRevision=${response.body.revision}`);
    expect(stream.body.events[0].data.amount).toBe('1000');
  });

  it('refuses a count written as 1e1, a statement amount written as 1e2 and a reference written as 1.5', async () => {
    const assessment = `{"period":"2021-05","headcount":{"socialInsurance":1e1,"healthInsurance":10,"unemploymentInsurance":10},"payroll":"10000000","assessedOn":"2021-06-01"}`;
    expect(await refusedWithoutWriting(() => server.request('POST', '/api/employers/BL00001/assessments', assessment, JSON_TYPE))).toEqual([
      400, 'VALIDATION_FAILED', [{ field: 'headcount.socialInsurance', message: 'must be a non-negative whole number' }],
    ]);
    const statement = `{"statementRef":"BD-1","month":"2021-06","areaCode":"954","agent":"Bưu điện","lines":[{"paymentRef":"CT-1","personId":"9501234567","amount":1e2}]}`;
    expect(await refusedWithoutWriting(() => server.request('POST', '/api/payout-reconciliations', statement, JSON_TYPE))).toEqual([
      400, 'VALIDATION_FAILED', [{ field: 'lines.0.amount', message: NOT_A_STRING }],
    ]);
    // Not read as the text "1.5" either: a number where a text belongs is refused, as before.
    expect(await refusedWithoutWriting(() => server.request('POST', '/api/collections', collectionText('R-X', '"5"').replace('"R-X"', '1.5'), JSON_TYPE))).toEqual([
      400, 'VALIDATION_FAILED', [{ field: 'receiptNo', message: 'must be a non-empty string of at most 64 characters' }],
    ]);
  });

  it.each([
    ['blank', '   ', 'must not be blank'],
    ['a NUL', 'Công ty\u0000 Bạc Liêu', 'must not contain a NUL character'],
    ['a lone high surrogate', 'Công ty \ud83d', 'must not contain a lone surrogate (it is not valid Unicode text)'],
    ['a lone low surrogate', '\udc00Công ty', 'must not contain a lone surrogate (it is not valid Unicode text)'],
  ])('refuses an employer name that is %s', async (_what, name, message) => {
    const answer = await refusedWithoutWriting(() => server.request('POST', '/api/employers', { ...employer, unitCode: 'BL00002', name }));
    expect(answer).toEqual([400, 'VALIDATION_FAILED', [{ field: 'name', message }]]);
  });

  it('refuses a blank reversal reason and a key name with a lone surrogate', async () => {
    const reversal = await refusedWithoutWriting(() => server.request('POST', '/api/reversals', { eventId: 'e-1', reason: '\t \n', reversedOn: '2021-06-20' }));
    expect(reversal).toEqual([400, 'VALIDATION_FAILED', [{ field: 'reason', message: 'must not be blank' }]]);
    const key = await server.request('POST', '/api/keys', { name: 'clerk \ud800', role: 'clerk', areas: ['954'] });
    expect([key.status, key.body.errors]).toEqual([400, [{ field: 'name', message: 'must not contain a lone surrogate (it is not valid Unicode text)' }]]);
  });

  it('assesses the current month + 12 and refuses the month after it', async () => {
    const latest = latestAssessablePeriod();
    const assessment = (period: string) => ({
      period, headcount: { socialInsurance: 1, healthInsurance: 1, unemploymentInsurance: 1 }, payroll: '10000000', assessedOn: '2021-06-01',
    });
    const tooFar = await refusedWithoutWriting(() => server.request('POST', '/api/employers/BL00001/assessments', assessment(addMonths(latest, 1))));
    expect(tooFar).toEqual([400, 'VALIDATION_FAILED', [{ field: 'period', message: `must not be later than ${latest} (the current month + 12)` }]]);
    const far = await refusedWithoutWriting(() => server.request('POST', '/api/employers/BL00001/assessments', assessment('2099-01')));
    expect(far[2]).toEqual([{ field: 'period', message: `must not be later than ${latest} (the current month + 12)` }]);
    expect((await server.request('POST', '/api/employers/BL00001/assessments', assessment(latest))).status).toBe(201);
  });

  it('refuses a cursor it never gave out (400), and pages with one it did', async () => {
    for (const cursor of ['garbage!', 'eyJvZmZzZXQiOi0xfQ', 'eyJvZmZzZXQiOjEuNX0', Buffer.from('{"offset": 1}').toString('base64url')]) {
      const response = await server.request('GET', `/api/arrears?cursor=${encodeURIComponent(cursor)}`);
      expect([response.status, response.body.errors]).toEqual([
        400, [{ field: 'cursor', message: 'must be a cursor exactly as a previous answer gave it (nextCursor)' }],
      ]);
    }
    const page = await server.request('GET', `/api/arrears?cursor=${Buffer.from('{"offset":0}').toString('base64url')}`);
    expect(page.status).toBe(200);
  });

  it('refuses from after to (400) on totals and the report; from = to is one day', async () => {
    for (const path of ['/api/areas/954/totals', '/api/reports/province/95']) {
      const response = await server.request('GET', `${path}?from=2021-12-31&to=2021-01-01`);
      expect([response.status, response.body.errors]).toEqual([400, [{ field: 'from', message: 'must not be after to (2021-12-31 is after 2021-01-01)' }]]);
    }
    const oneDay = await server.request('GET', '/api/areas/954/totals?from=2021-06-10&to=2021-06-10');
    expect([oneDay.status, oneDay.body.collections]).toEqual([200, { amount: '1000', count: 1 }]);
  });

  it('refuses in an import the lines with a loose number or an unknown top-level field, and records the others', async () => {
    const line = (receiptNo: string, amount: string, extra = '') => `{"command":"CollectContribution"${extra},"data":${collectionText(receiptNo, amount)}}`;
    const file = [
      line('R-IMP-1', '"2000"'),
      line('R-IMP-2', '2e3'),
      line('R-IMP-3', '"3000"', ',"comment":"paid at the counter"'),
      line('R-IMP-4', '-0'),
      line('R-IMP-5', '4000'),
    ].join('\n');
    const response = await server.request('POST', '/api/import', `${file}\n`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ recorded: 2, refused: 3, duplicates: 0, lines: 5 });
    expect(response.body.refusals).toEqual([
      { line: 2, code: 'VALIDATION_FAILED', message: `amount: ${NOT_A_STRING}`, errors: [{ field: 'amount', message: NOT_A_STRING }] },
      {
        line: 3, code: 'VALIDATION_FAILED', message: 'comment: is not allowed on an import line (only "command" and "data")',
        errors: [{ field: 'comment', message: 'is not allowed on an import line (only "command" and "data")' }],
      },
      { line: 4, code: 'VALIDATION_FAILED', message: `amount: ${NOT_A_STRING}`, errors: [{ field: 'amount', message: NOT_A_STRING }] },
    ]);
    const totals = await server.request('GET', `/api/areas/954/totals?from=2021-06-10&to=2021-06-10&minPosition=${await server.runtime.store.headPosition()}`);
    expect(totals.body.collections).toEqual({ amount: '7000', count: 3 });
  });
});
