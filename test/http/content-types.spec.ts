import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * A body of a type its route does not take is an error, not silence (issue 20, item 3): an import
 * sent as text/plain used to answer 200 with zero lines. 415, the accepted types in the body and in
 * `Accept`, and nothing written.
 */
describe('content types', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const line = JSON.stringify({ command: 'RegisterEmployer', data: { unitCode: 'CT00001', name: 'Công ty', areaCode: '465', registeredOn: '2022-01-05' } });
  const statementCsv = 'paymentRef,personId,amount\nP-1,4500000001,100000\n';
  const statementQuery = 'statementRef=CT-1&month=2023-10&areaCode=465&agent=VNPost';

  const post = async (path: string, body: string | Uint8Array, contentType?: string) => {
    const response = await fetch(server.url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminKey}`, ...(contentType === undefined ? {} : { 'content-type': contentType }) },
      body,
    });
    return { status: response.status, accept: response.headers.get('accept'), body: (await response.json()) as unknown };
  };

  it.each(['text/plain', 'text/csv', 'application/json', 'application/x-www-form-urlencoded', 'application/octet-stream'])(
    'POST /api/import as %s: 415 with the accepted type, nothing written',
    async (contentType) => {
      const answer = await post('/api/import', `${line}\n`, contentType);
      expect(answer).toEqual({
        status: 415,
        accept: 'application/x-ndjson',
        body: {
          statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', accepted: ['application/x-ndjson'],
          message: `POST /api/import takes application/x-ndjson, not ${contentType}`,
        },
      });
      expect(await server.runtime.store.headPosition()).toBe(0);
    },
  );

  it('POST /API/Import/ (routing ignores case and a trailing slash) as application/json: 415 too', async () => {
    const answer = await post('/API/Import/', `${line}\n`, 'application/json');
    expect(answer).toMatchObject({ status: 415, body: { accepted: ['application/x-ndjson'] } });
    expect(await server.runtime.store.headPosition()).toBe(0);
  });

  it('POST /api/import with no content type at all: 415', async () => {
    const answer = await post('/api/import', new TextEncoder().encode(`${line}\n`));
    expect(answer.status).toBe(415);
    expect(answer.body).toMatchObject({ message: 'POST /api/import takes application/x-ndjson, not a body without a content type' });
    expect(await server.runtime.store.headPosition()).toBe(0);
  });

  it('POST /api/import as application/x-ndjson, with or without a charset, records the line', async () => {
    expect(await post('/api/import', `${line}\n`, 'application/x-ndjson; charset=utf-8')).toMatchObject({ status: 200, body: { recorded: 1, refused: 0, lines: 1 } });
    expect(await post('/api/import', `${line}\n`, 'application/x-ndjson')).toMatchObject({ status: 200, body: { recorded: 0, duplicates: 1, lines: 1 } });
  });

  it.each(['text/plain', 'application/x-ndjson', 'application/x-www-form-urlencoded', 'application/xml'])(
    'POST /api/payout-reconciliations as %s: 415 with the accepted types',
    async (contentType) => {
      const before = await server.runtime.store.headPosition();
      const answer = await post(`/api/payout-reconciliations?${statementQuery}`, statementCsv, contentType);
      expect(answer).toEqual({
        status: 415,
        accept: 'application/json, text/csv',
        body: {
          statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', accepted: ['application/json', 'text/csv'],
          message: `POST /api/payout-reconciliations takes application/json or text/csv, not ${contentType}`,
        },
      });
      expect(await server.runtime.store.headPosition()).toBe(before);
    },
  );

  it('POST /api/payout-reconciliations still takes text/csv and JSON', async () => {
    expect((await post(`/api/payout-reconciliations?${statementQuery}`, statementCsv, 'text/csv; charset=utf-8')).status).toBe(201);
    const json = { statementRef: 'CT-2', month: '2023-10', areaCode: '465', agent: 'VNPost', lines: [{ paymentRef: 'P-1', personId: '4500000001', amount: '100000' }] };
    expect((await post('/api/payout-reconciliations', JSON.stringify(json), 'application/json')).status).toBe(201);
  });

  it('a JSON command route sent text/plain: 415 with application/json', async () => {
    const before = await server.runtime.store.headPosition();
    const answer = await post('/api/employers', JSON.stringify({ unitCode: 'CT00002', name: 'Công ty', areaCode: '465', registeredOn: '2022-01-05' }), 'text/plain');
    expect(answer).toEqual({
      status: 415,
      accept: 'application/json',
      body: { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', accepted: ['application/json'], message: 'POST /api/employers takes application/json, not text/plain' },
    });
    expect(await server.runtime.store.headPosition()).toBe(before);
  });
});
