import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { call } from './support/http.js';
import { FORMULA_STRINGS, hostileAuthorization, hostileKeyName } from './support/hostile.js';
import { scaled, timeoutMs } from './support/soak.js';
import { runSocai, socaiEnv, startServer, type ServerProcess } from './support/socai-process.js';

/**
 * Hostile input against access and exports (issue 20, items 4-7), on a real `socai serve`:
 * natural keys of another area replayed with any content answer exactly as a forbidden write;
 * hostile key names answer 201, 400 or 409; formula texts recorded in payments never reach a CSV
 * cell as formulas; hostile Authorization headers answer 401, then 429 with Retry-After once the
 * address has used its allowance. Nothing refused writes anything; no 5xx.
 */
const runs = scaled(60, 600);
const UNAUTHENTICATED_LIMIT = 40;
const FORBIDDEN_462 = { statusCode: 403, code: 'FORBIDDEN', message: 'the key does not cover area 462' };

describe('hostile input on access and exports', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'socai-hostile-access-'));
  let server: ServerProcess;
  let clerk461: string;
  const head = async () => (await call(server.url, 'GET', '/health')).body.eventStore.position as number;

  const PAYMENT_462 = {
    paymentRef: 'CT-462-H', personId: '4500000462', benefit: 'pension', payoutMonth: '2024-03', amount: '5460000',
    channel: 'post-office-cash', areaCode: '462', paidOn: '2024-03-05',
  };

  beforeAll(async () => {
    server = await startServer(dataDir, { SOCAI_UNAUTHENTICATED_RATE_LIMIT_PER_MINUTE: String(UNAUTHENTICATED_LIMIT) });
    expect((await call(server.url, 'POST', '/api/benefit-payments', PAYMENT_462)).status).toBe(201);
    const key = await call(server.url, 'POST', '/api/keys', { name: 'clerk-461', role: 'clerk', areas: ['461'] });
    expect(key.status).toBe(201);
    clerk461 = key.body.key;
  }, 60_000);

  afterAll(async () => {
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a 462 payment's reference replayed by a 461 clerk with any valid content: exactly the forbidden answer, over HTTP and in an import", async () => {
    const variant = fc.record({
      amount: fc.bigInt({ min: 0n, max: 10n ** 15n }).map(String),
      areaCode: fc.constantFrom('461', '462'),
      benefit: fc.constantFrom('pension', 'sickness', 'one-off'),
      paidOn: fc.constantFrom('2024-03-05', '2024-03-06'),
    });
    await fc.assert(
      fc.asyncProperty(variant, fc.boolean(), async (change, exact) => {
        const payment = exact ? PAYMENT_462 : { ...PAYMENT_462, ...change };
        const before = await head();
        const direct = await call(server.url, 'POST', '/api/benefit-payments', payment, { key: clerk461 });
        expect([direct.status, direct.body]).toEqual([403, FORBIDDEN_462]);
        const imported = await call(server.url, 'POST', '/api/import', JSON.stringify({ command: 'PayBenefit', data: payment }) + '\n', { key: clerk461 });
        expect(imported.body).toMatchObject({ recorded: 0, duplicates: 0, refused: 1, refusals: [{ line: 1, code: 'FORBIDDEN', message: FORBIDDEN_462.message }] });
        expect(await head()).toBe(before);
      }),
      { numRuns: runs },
    );
  }, timeoutMs(120, 900));

  it('hostile key names answer 201, 400 or 409 (never 5xx), and a name taken answers 409 the second time', async () => {
    await fc.assert(
      fc.asyncProperty(hostileKeyName, async (name) => {
        const first = await call(server.url, 'POST', '/api/keys', { name, role: 'auditor', areas: ['*'] });
        expect([201, 400, 409]).toContain(first.status);
        expect(typeof first.body.code === 'string' || first.status === 201).toBe(true);
        if (first.status !== 201) return;
        const again = await call(server.url, 'POST', '/api/keys', { name, role: 'clerk', areas: ['461'] });
        expect([again.status, again.body.code]).toEqual([409, 'KEY_NAME_TAKEN']);
      }),
      { numRuns: runs },
    );
  }, timeoutMs(120, 900));

  it('formula texts recorded in payments never start a CSV cell of the payout export', async () => {
    const reference = fc.tuple(fc.constantFrom(...FORMULA_STRINGS), fc.string({ unit: 'grapheme-ascii', maxLength: 12 })).map(([start, rest]) => start + rest);
    const refs = fc.sample(fc.uniqueArray(reference, { minLength: 20, maxLength: 20 }), { numRuns: 1, seed: 20 })[0]!;
    for (const [index, paymentRef] of refs.entries()) {
      const answer = await call(server.url, 'POST', '/api/benefit-payments', { ...PAYMENT_462, paymentRef, personId: `45000001${String(index).padStart(2, '0')}` });
      expect([paymentRef, answer.status === 201 || answer.status === 400]).toEqual([paymentRef, true]);
    }
    const output = join(dataDir, 'payouts.csv');
    const run = await runSocai(['export', 'payouts', '--month', '2024-03', '--area', '462', '--format', 'csv', '--output', output], socaiEnv(dataDir));
    expect(run.code).toBe(0);
    const cells = (parse(readFileSync(output, 'utf8'), { bom: true, relax_column_count: true }) as string[][]).flat();
    const formulas = cells.filter((cell) => /^[=+\-@\t\r＝＋－＠]/.test(cell) && !/^[+-]?\d+(\.\d+)?$/.test(cell));
    expect(formulas).toEqual([]);
    expect(cells.filter((cell) => cell.startsWith("'")).length).toBeGreaterThan(0);
  }, 120_000);

  // Last: once the address has used its allowance, every keyed request from it waits, the admin's too.
  it(`hostile Authorization headers answer 401, then 429 with Retry-After past ${UNAUTHENTICATED_LIMIT} a minute; nothing is written`, async () => {
    const before = await head();
    const statuses: number[] = [];
    await fc.assert(
      fc.asyncProperty(hostileAuthorization, fc.constantFrom('/api/keys', '/api/events?limit=1', '/api/areas/462/totals'), async (authorization, path) => {
        const response = await fetch(server.url + path, { headers: authorization === undefined ? {} : { authorization }, signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
        // A header fetch itself refuses to send (a NUL, say) never reaches the server.
        if (!response) return;
        const body = (await response.json()) as { code?: unknown };
        statuses.push(response.status);
        expect([401, 429]).toContain(response.status);
        expect(typeof body.code).toBe('string');
        if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: Math.max(runs, 2 * UNAUTHENTICATED_LIMIT) },
    );
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(UNAUTHENTICATED_LIMIT);
    expect(statuses.slice(UNAUTHENTICATED_LIMIT).every((status) => status === 429)).toBe(true);
    expect(await head()).toBe(before);
    expect(server.hasExited).toBe(false);
  }, timeoutMs(60, 600));
});
