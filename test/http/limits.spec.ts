import { startTestServer, type TestServer } from '../support/test-server.js';

/** Hardening: per-key rate limits, body and import limits, page caps, timeouts, headers, no CORS. */
describe('limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ rateLimitPerMinute: 5, bodyLimit: '1kb', importLimitBytes: 100, responseTimeoutMs: 300 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 429 with Retry-After once a key has used its requests for the minute, counting each key apart', async () => {
    const created = await server.request('POST', '/api/keys', { name: 'auditor-all', role: 'auditor', areas: ['*'] });
    expect(created.status).toBe(201);
    const auditor = { authorization: `Bearer ${created.body.key}` };
    const statuses: number[] = [];
    for (let n = 0; n < 6; n++) statuses.push((await server.request('GET', '/api/events?limit=1', undefined, auditor)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await server.request('GET', '/api/events?limit=1', undefined, auditor);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The admin key has used only one request (creating the key): it is not limited by the auditor's use.
    expect((await server.request('GET', '/api/events?limit=1')).status).toBe(200);
  });

  it('refuses a JSON body over the limit with 413 and writes nothing', async () => {
    const response = await server.request('POST', '/api/employers', { unitCode: 'BIG0001', name: 'x'.repeat(2000), areaCode: '954', registeredOn: '2021-01-01' });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await server.runtime.store.headPosition()).toBe(0);
  });

  it('refuses an import declared larger than the import limit with 413', async () => {
    const line = JSON.stringify({ command: 'RegisterEmployer', data: { unitCode: 'IMP0001', name: 'Công ty', areaCode: '954', registeredOn: '2021-01-01' } });
    const response = await server.request('POST', '/api/import', `${line}\n${line}\n`);
    expect(response.status).toBe(413);
    expect(await server.runtime.store.headPosition()).toBe(0);
  });

  it('caps page sizes', async () => {
    const response = await server.request('GET', '/api/events?limit=5000');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'limit', message: 'must be a whole number from 1 to 1000' }]);
  });

  it('answers 503 with Retry-After when an answer takes longer than the response timeout', async () => {
    const response = await server.request('GET', '/api/areas/95/totals?minPosition=999999');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(response.body).toEqual({ statusCode: 503, code: 'TIMEOUT', message: 'no answer within 300 ms; retry later' });
    // The query itself gives up later (503 READ_MODELS_BEHIND after 5 s); that late answer is dropped
    // and the server goes on answering.
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect((await server.request('GET', '/health')).status).toBe(200);
  });

  it('sends security headers and no CORS headers', async () => {
    const response = await fetch(`${server.url}/health`, { headers: { origin: 'https://elsewhere.example' } });
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
