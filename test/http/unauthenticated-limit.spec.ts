import { request as httpRequest } from 'node:http';
import { configFromEnv } from '#runtime';
import { NO_KEY, auth, startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 20, item 6: requests without a valid key are limited per client address
 * (`SOCAI_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE`), so that key guessing is bounded: past the limit
 * 429 TOO_MANY_REQUESTS with Retry-After, for every keyed request from that address until the minute
 * ends, a right key included (else a guess would still be told right). Valid requests never count;
 * the public routes stay open; another address has its own count.
 */
describe('requests without a valid key, per client address', () => {
  let server: TestServer;
  const LIMIT = 3;

  /** GET over a connection from another loopback address (127.0.0.2): another client as the server sees it. */
  const fromOtherAddress = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const url = new URL(server.url + path);
      const sent = httpRequest({ host: url.hostname, port: url.port, path, localAddress: '127.0.0.2', headers: { authorization: 'Bearer sk_guess' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      sent.on('error', reject);
      sent.end();
    });

  beforeAll(async () => {
    server = await startTestServer({ unauthenticatedRateLimitPerMinute: LIMIT });
  });
  afterAll(async () => {
    await server.close();
  });

  it('counts only requests without a valid key: valid ones go on unlimited by it', async () => {
    for (let n = 0; n < 2 * LIMIT; n++) expect((await server.request('GET', '/api/keys')).status).toBe(200);
    expect((await server.request('GET', '/health', undefined, NO_KEY)).status).toBe(200);
  });

  it(`answers 401 to the first ${LIMIT}, then 429 with Retry-After to every keyed request from the address, a right key included`, async () => {
    // A guess at the metrics token counts like a guess at a key.
    const attempts: [string, Record<string, string>][] = [['/api/keys', NO_KEY], ['/metrics', auth('sk_wrong-guess-1')], ['/api/keys', { authorization: 'Basic abc' }]];
    const statuses: number[] = [];
    for (const [path, headers] of attempts) statuses.push((await server.request('GET', path, undefined, headers)).status);
    expect(statuses).toEqual([401, 401, 401]);
    const guess = await server.request('GET', '/api/keys', undefined, auth('sk_wrong-guess-2'));
    expect(guess.status).toBe(429);
    expect(guess.body).toEqual({
      statusCode: 429, code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/^more than 3 requests a minute without a valid key from this address; retry in \d+ s$/),
    });
    const retryAfter = Number(guess.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const rightKey = await server.request('GET', '/api/keys');
    expect(rightKey.status).toBe(429);
    expect(rightKey.headers.get('retry-after')).not.toBeNull();
    expect((await server.request('GET', '/metrics', undefined, auth('sk_wrong-guess-3'))).status).toBe(429);
  });

  it('leaves the public routes and other addresses alone', async () => {
    expect((await server.request('GET', '/health', undefined, NO_KEY)).status).toBe(200);
    expect(await fromOtherAddress('/api/keys')).toBe(401);
  });
});

describe('SOCAI_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE', () => {
  it('defaults to 600, takes 0 to turn the limit off, and refuses what is not a whole number at start-up', () => {
    expect(configFromEnv({}).unauthenticatedRateLimitPerMinute).toBe(600);
    expect(configFromEnv({ SOCAI_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: '0' }).unauthenticatedRateLimitPerMinute).toBe(0);
    expect(configFromEnv({ SOCAI_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: '25' }).unauthenticatedRateLimitPerMinute).toBe(25);
    expect(() => configFromEnv({ SOCAI_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(
      'SOCAI_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE=-1: expected a whole number (0 turns the limit off)',
    );
  });
});
