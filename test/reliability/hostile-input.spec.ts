import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { VALID_COMMANDS } from '../../libs/ledger/src/validation/valid-commands.fixture.js';
import { call } from './support/http.js';
import { bodyText, hostileValue, LOOSE_LITERALS, mutate, mutation, ROUTE_CASES } from './support/hostile.js';
import { scaled, timeoutMs } from './support/soak.js';
import { RELIABILITY_ADMIN_KEY, startServer, type ServerProcess } from './support/socai-process.js';

/**
 * Hostile input (issue 9, part 4). fast-check generates malformed, oversized, wrongly typed,
 * unicode-tricky and boundary payloads from a valid base for every command route, and hostile lines
 * for the bulk import. Whatever arrives: no 5xx, a refused request writes no event (the head
 * position stays where it was), an accepted one writes exactly one, and the server stays up.
 */
const runsPerRoute = scaled(220, 2_500);
const strictRuns = scaled(60, 600);

/** A valid base line with one more top-level field beside command and data (issue 20): always refused. */
const topLevelExtra = fc
  .record({
    route: fc.constantFrom(...ROUTE_CASES),
    key: fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('comment', 'Command', 'id', 'metadata', '__proto__', 'constructor')),
    value: hostileValue,
  })
  .filter(({ key }) => key !== 'command' && key !== 'data')
  .map(({ route, key, value }) => ({
    line: `{"command":${JSON.stringify(route.command)},"data":${JSON.stringify(route.base)},${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}}`,
  }));
const importRuns = scaled(120, 1_500);

describe('hostile input over HTTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'socai-hostile-'));
  let server: ServerProcess;
  let events: Database.Database;
  const head = () => (events.prepare('SELECT coalesce(max(position), 0) AS head FROM events').get() as { head: number }).head;
  const statuses = new Map<number, number>();

  const send = async (path: string, text: string, contentType = 'application/json') => {
    const response = await fetch(server.url + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${RELIABILITY_ADMIN_KEY}`, 'content-type': contentType },
      body: text,
      signal: AbortSignal.timeout(30_000),
    });
    const answer = await response.text();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    let body: any = answer;
    try {
      body = JSON.parse(answer);
    } catch {
      // Left as text; a 4xx must still carry a JSON code, checked below.
    }
    return { status: response.status, body };
  };

  beforeAll(async () => {
    server = await startServer(dataDir);
    // The valid bases, recorded once, so that mutated copies meet a registered employer and existing facts.
    for (const valid of VALID_COMMANDS) {
      const route = ROUTE_CASES.find((r) => r.command === valid.name)!;
      await send(route.path(String(valid.data.unitCode ?? '')), JSON.stringify(valid.data));
    }
    events = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  }, 60_000);

  afterAll(async () => {
    events?.close();
    console.log(`hostile input: answers by status ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Sends one hostile request and checks the answer against the head of the log. */
  const probe = async (path: string, text: string, contentType?: string) => {
    const before = head();
    const { status, body } = await send(path, text, contentType);
    const after = head();
    const context = { path, text: text.slice(0, 300), status, body: typeof body === 'string' ? body.slice(0, 300) : body };
    if (status >= 500) throw new Error(`5xx: ${JSON.stringify(context)}`);
    if (status === 201 && after - before !== 1) throw new Error(`201 wrote ${after - before} events: ${JSON.stringify(context)}`);
    if (status !== 201 && after !== before) throw new Error(`a ${status} wrote ${after - before} events: ${JSON.stringify(context)}`);
    if (status >= 400 && (typeof body !== 'object' || typeof body?.code !== 'string')) throw new Error(`a ${status} without a code: ${JSON.stringify(context)}`);
  };

  it.each(ROUTE_CASES.map((route) => [route.command, route] as const))('%s: no 5xx, and a refused request writes nothing', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(mutation, fc.oneof(fc.constant('TA0100A'), fc.string({ unit: 'binary', maxLength: 30 })), fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'), async (change, unitCode, contentType) => {
        const payload = mutate(route.base, change);
        const path = route.path(route.nested ? unitCode : '');
        await probe(path, bodyText(payload), contentType);
      }),
      { numRuns: runsPerRoute },
    );
  }, timeoutMs(60, 600));

  it('import: hostile lines are refused one by one, no 5xx, and the log grows by exactly the events reported', async () => {
    const hostileLine = fc.oneof(
      fc.record({ route: fc.constantFrom(...ROUTE_CASES), change: mutation }).map(({ route, change }) => {
        const payload = mutate({ ...route.base, ...(route.nested ? {} : {}) }, change);
        // A `raw` or `literal` mutation is text: it goes in as the line's data, as it is.
        if (change.op === 'raw' || change.op === 'literal') return `{"command":${JSON.stringify(route.command)},"data":${bodyText(payload).replace(/[\r\n]/g, ' ')}}`;
        return JSON.stringify({ command: route.command, data: payload }) ?? 'null';
      }),
      topLevelExtra.map(({ line }) => line),
      fc.record({ command: hostileValue, data: hostileValue }).map((line) => JSON.stringify(line)),
      fc.string({ unit: 'binary', maxLength: 120 }).map((text) => text.replace(/\n/g, ' ')),
      fc.constantFrom('{', '[]', 'null', '"CollectContribution"', '{"command":"CollectContribution"}', '{"command":"CollectContribution","data":[]}', ' ', '\r'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(hostileLine, { minLength: 1, maxLength: 30 }), async (lines) => {
        const before = head();
        const text = lines.join('\n');
        const { status, body } = await send('/api/import', text, 'application/x-ndjson');
        const after = head();
        if (status >= 500) throw new Error(`5xx on import: ${JSON.stringify({ lines, body })}`);
        expect(status).toBe(200);
        expect(after - before).toBe(body.events);
        // Every non-blank line is accounted for; like Node's readline, a lone CR also ends a line.
        expect(body.recorded + body.duplicates + body.refused).toBe(text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '').length);
      }),
      { numRuns: importRuns },
    );
  }, timeoutMs(60, 600));

  it('import: a line with a field beside command and data, or a loose number literal in its data, is refused, never recorded', async () => {
    const looseLine = fc.record({ route: fc.constantFrom(...ROUTE_CASES), at: fc.nat(), text: fc.constantFrom(...LOOSE_LITERALS) }).map(({ route, at, text }) => {
      // Wherever it lands (a scalar, a nested object, a statement line), no field takes a loose literal.
      const payload = mutate(route.base, { op: 'literal', at, text });
      return `{"command":${JSON.stringify(route.command)},"data":${bodyText(payload)}}`;
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(topLevelExtra.map(({ line }) => line), looseLine), { minLength: 1, maxLength: 20 }), async (lines) => {
        const before = head();
        const { status, body } = await send('/api/import', lines.join('\n'), 'application/x-ndjson');
        expect([status, body.recorded, body.duplicates, body.refused, head()]).toEqual([200, 0, 0, lines.length, before]);
      }),
      { numRuns: strictRuns },
    );
  }, timeoutMs(60, 600));

  it('queries: from after to is a 400, a cursor never handed out is a 400, and neither is ever a 5xx', async () => {
    const day = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const get = async (path: string) => {
      const response = await fetch(server.url + path, { headers: { authorization: `Bearer ${RELIABILITY_ADMIN_KEY}` }, signal: AbortSignal.timeout(30_000) });
      return { status: response.status, body: (await response.json()) as any };
    };
    await fc.assert(
      fc.asyncProperty(day, day, fc.constantFrom('/api/areas/46/totals', '/api/reports/province/46'), async (from, to, route) => {
        const { status, body } = await get(`${route}?from=${from}&to=${to}`);
        if (from > to) expect([status, body.errors?.[0]?.field]).toEqual([400, 'from']);
        else expect(status).toBe(200);
      }),
      { numRuns: strictRuns },
    );
    const cursor = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url')));
    await fc.assert(
      fc.asyncProperty(cursor, async (text) => {
        const { status, body } = await get(`/api/arrears?cursor=${encodeURIComponent(text)}`);
        const offset = /^[A-Za-z0-9_-]+$/.test(text) ? (() => { try { return JSON.parse(Buffer.from(text, 'base64url').toString()).offset; } catch { return undefined; } })() : undefined;
        const ours = Number.isSafeInteger(offset) && offset >= 0 && Buffer.from(JSON.stringify({ offset })).toString('base64url') === text;
        expect(status >= 500 ? body : status).toBe(ours ? 200 : 400);
      }),
      { numRuns: strictRuns },
    );
  }, timeoutMs(60, 600));

  it('refuses oversized bodies with 413 and a giant import line as one refused line, writing nothing', async () => {
    const before = head();
    const huge = JSON.stringify({ ...ROUTE_CASES.find((r) => r.command === 'PayBenefit')!.base, paymentRef: 'x'.repeat(11 * 1024 * 1024) });
    const tooLarge = await send('/api/benefit-payments', huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe('PAYLOAD_TOO_LARGE');
    const giantLine = JSON.stringify({ command: 'PayBenefit', data: { ...ROUTE_CASES.find((r) => r.command === 'PayBenefit')!.base, paymentRef: 'y'.repeat(20 * 1024 * 1024) } });
    const imported = await send('/api/import', giantLine, 'application/x-ndjson');
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ recorded: 0, refused: 1 });
    expect(head()).toBe(before);
  }, 60_000);

  it('is still up and answering after all of it', async () => {
    expect(server.hasExited).toBe(false);
    const health = await call(server.url, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.eventStore.position).toBe(head());
  });
});
