import { LedgerReadings } from '../../apps/api/src/observability/index.js';
import { auth, NO_KEY, startTestServer, type TestServer } from '../support/test-server.js';

/** The log lines a server writes, read back as objects; `next` waits for the line a request id names. */
class LogLines {
  readonly lines: Record<string, any>[] = [];
  private readonly waiting = new Map<string, (line: Record<string, any>) => void>();

  write(text: string): void {
    const line = JSON.parse(text) as Record<string, any>;
    this.lines.push(line);
    if (typeof line.requestId === 'string' && line.msg === 'request') this.waiting.get(line.requestId)?.(line);
  }

  /** The request line of `requestId`: it is written when the answer is sent, which may be after the client has it. */
  requestLine(requestId: string): Promise<Record<string, any>> {
    const written = this.lines.find((line) => line.requestId === requestId && line.msg === 'request');
    if (written) return Promise.resolve(written);
    return new Promise((resolve) => this.waiting.set(requestId, resolve));
  }
}

const EMPLOYER = { unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', registeredOn: '2019-03-01' };
const BOOK = { personId: '9512345679', areaCode: '954', issuedOn: '2021-03-03' };

describe('structured request logs (issue 25)', () => {
  const logs = new LogLines();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ logLevel: 'info', logFormat: 'json' }, { logDestination: logs });
  });
  afterAll(async () => {
    await server.close();
  });

  it('writes one JSON line for a write: ids, route, status, duration, key id and role, the natural key with the person id masked', async () => {
    const created = await server.request('POST', '/api/keys', { name: 'clerk-95', role: 'clerk', areas: ['95'] });
    expect(created.status).toBe(201);
    const response = await server.request('POST', '/api/books', BOOK, { ...auth(created.body.key), 'x-request-id': 'req-0001', 'x-correlation-id': 'corr-0001' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('req-0001');
    const line = await logs.requestLine('req-0001');
    expect(line).toEqual({
      level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), pid: process.pid, hostname: expect.any(String), name: 'socai', msg: 'request',
      requestId: 'req-0001', correlationId: 'corr-0001', method: 'POST', route: '/api/books', path: '/api/books', status: 201,
      durationMs: expect.any(Number), keyId: created.body.id, role: 'clerk', commandKey: 'IssueBook:******5679:2021-03-03',
    });
    expect(logs.lines.filter((entry) => entry.requestId === 'req-0001')).toHaveLength(1);
    // The request's ids are the event's correlation and causation.
    const event = (await server.runtime.store.findEvent(response.body.eventId))!;
    expect([event.metadata.correlationId, event.metadata.causationId]).toEqual(['corr-0001', 'req-0001']);
  });

  it('never writes a key nor a person id in clear, whatever the route', async () => {
    const response = await server.request('GET', '/api/streams/person-9512345679/events', undefined, { 'x-request-id': 'req-0002' });
    expect(response.status).toBe(200);
    const line = await logs.requestLine('req-0002');
    expect(line).toMatchObject({ route: '/api/streams/:streamId/events', path: '/api/streams/person-******5679/events', status: 200, role: 'admin' });
    const everything = logs.lines.map((entry) => JSON.stringify(entry)).join('\n');
    expect(everything).not.toContain('9512345679');
    expect(everything).not.toContain(server.adminKey);
    expect(everything).not.toContain('sk_');
  });

  it('logs a refused request at warn, with no key id when no key was given, and a fresh request id', async () => {
    const response = await server.request('GET', '/api/arrears', undefined, NO_KEY);
    expect(response.status).toBe(401);
    const requestId = response.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await logs.requestLine(requestId)).toMatchObject({ level: 'warn', route: '/api/arrears', status: 401, keyId: null, role: null });
  });
});

describe('GET /metrics (issue 25)', () => {
  const METRICS_TOKEN = 'metrics-token-for-specs-0001';
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ metricsToken: METRICS_TOKEN });
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses no token (401), an unknown one (401) and a key that is not admin (403)', async () => {
    const clerk = await server.request('POST', '/api/keys', { name: 'clerk', role: 'clerk', areas: ['*'] });
    expect((await server.request('GET', '/metrics', undefined, NO_KEY)).status).toBe(401);
    expect((await server.request('GET', '/metrics', undefined, auth('not-the-token'))).status).toBe(401);
    const refused = await server.request('GET', '/metrics', undefined, auth(clerk.body.key));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  });

  it('counts commands by type and outcome, requests by route and status, and reads the positions', async () => {
    const answers = [
      await server.request('POST', '/api/employers', EMPLOYER),
      await server.request('POST', '/api/books', BOOK),
      await server.request('POST', '/api/books', { ...BOOK, personId: '9512345680' }),
      await server.request('POST', '/api/books', BOOK),
      await server.request('POST', '/api/employers', { ...EMPLOYER, name: 'Another name' }),
      await server.request('POST', '/api/employers/NOPE001/assessments', {
        period: '2023-05', headcount: { socialInsurance: 1, healthInsurance: 1, unemploymentInsurance: 1 }, payroll: '1234567', assessedOn: '2023-06-01',
      }),
      await server.request('POST', '/api/books', { ...BOOK, personId: 'not-an-id' }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 200, 409, 422, 400]);
    expect(await server.runtime.readModels.projector.waitFor(3)).toBe(true);

    const scraped = await server.request('GET', '/metrics', undefined, auth(METRICS_TOKEN));
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const series = seriesOf(scraped.body);
    expect(series).toMatchObject({
      'socai_commands_total{type="RegisterEmployer",outcome="recorded"}': 1,
      'socai_commands_total{type="IssueBook",outcome="recorded"}': 2,
      'socai_commands_total{type="IssueBook",outcome="duplicate"}': 1,
      'socai_commands_total{type="RegisterEmployer",outcome="conflict"}': 1,
      'socai_commands_total{type="AssessContribution",outcome="refused"}': 1,
      'socai_commands_total{type="IssueBook",outcome="refused"}': 1,
      'socai_http_requests_total{method="POST",route="/api/books",status="201"}': 2,
      'socai_http_requests_total{method="POST",route="/api/books",status="200"}': 1,
      'socai_http_requests_total{method="POST",route="/api/books",status="400"}': 1,
      'socai_http_requests_total{method="POST",route="/api/employers/:unitCode/assessments",status="422"}': 1,
      'socai_http_requests_total{method="GET",route="/metrics",status="401"}': 2,
      'socai_http_requests_total{method="GET",route="/metrics",status="403"}': 1,
      'socai_http_request_duration_seconds_count{method="POST",route="/api/books",status="201"}': 2,
      socai_event_store_position: 3,
      socai_projector_position: 3,
      socai_projector_lag_events: 0,
      socai_projector_lag_seconds: 0,
      socai_import_running: 0,
    });
    expect(Object.keys(series).filter((name) => name.startsWith('socai_commands_total'))).toHaveLength(6);
    // Node's default metrics and the SQLite write-ahead logs are there too.
    expect(Object.keys(series)).toEqual(expect.arrayContaining(['process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds', 'socai_sqlite_wal_bytes{file="events"}']));
  });

  it('opens to an admin key as well, and counts the bulk import by outcome', async () => {
    const lines = [
      JSON.stringify({ command: 'IssueBook', data: { ...BOOK, personId: '9512345681' } }),
      JSON.stringify({ command: 'IssueBook', data: BOOK }),
      JSON.stringify({ command: 'IssueBook', data: { ...BOOK, areaCode: 'nowhere' } }),
    ].join('\n');
    const imported = await server.request('POST', '/api/import', lines);
    expect(imported.body).toMatchObject({ recorded: 1, duplicates: 1, refused: 1, lines: 3 });
    const scraped = await server.request('GET', '/metrics');
    expect(scraped.status).toBe(200);
    expect(seriesOf(scraped.body)).toMatchObject({
      socai_import_lines_read_total: 3,
      'socai_import_commands_total{outcome="recorded"}': 1,
      'socai_import_commands_total{outcome="duplicate"}': 1,
      'socai_import_commands_total{outcome="refused"}': 1,
      socai_import_running: 0,
      socai_event_store_position: 4,
    });
  });

  it('follows an online rebuild: running while it builds, its position, and how it ended', async () => {
    const before = seriesOf((await server.request('GET', '/metrics')).body);
    expect([before.socai_rebuild_running, before.socai_rebuild_position]).toEqual([0, 0]);
    const started = await server.request('POST', '/api/admin/rebuilds');
    expect(started.status).toBe(202);
    // The rebuild runs in the background: wait (bounded, not timed) for the scrape that says it ended.
    let after = seriesOf((await server.request('GET', '/metrics')).body);
    for (let tries = 0; tries < 600 && after['socai_rebuilds_total{outcome="switched"}'] !== 1; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = seriesOf((await server.request('GET', '/metrics')).body);
    }
    // Four events in the log (three commands and the import's one recorded line): all applied to the new generation.
    expect(after).toMatchObject({ socai_rebuild_running: 0, socai_rebuild_position: 4, 'socai_rebuilds_total{outcome="switched"}': 1 });
    expect(after['socai_rebuilds_total{outcome="failed"}']).toBeUndefined();
  });
});

describe('GET /health/ready (issue 25)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ readyMaxLag: 2 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers 200 when the read models are caught up, without a key', async () => {
    const ready = await server.request('GET', '/health/ready', undefined, NO_KEY);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ok',
      info: { readModels: { status: 'up', position: 0, eventStorePosition: 0, lag: 0, maxLag: 2 }, eventStore: { status: 'up', writable: true } },
      error: {},
      details: { readModels: { status: 'up', position: 0, eventStorePosition: 0, lag: 0, maxLag: 2 }, eventStore: { status: 'up', writable: true } },
    });
  });

  it('answers 503 while the read models are more than SOCAI_READY_MAX_LAG events behind, 200 once they catch up', async () => {
    // The projector paused: the log grows and the read models stay where they are.
    await server.runtime.readModels.projector.stop();
    for (const personId of ['9512345679', '9512345680']) expect((await server.request('POST', '/api/books', { ...BOOK, personId })).status).toBe(201);
    const atTheLimit = await server.request('GET', '/health/ready', undefined, NO_KEY);
    expect(atTheLimit.status).toBe(200);
    expect(atTheLimit.body.info.readModels).toEqual({ status: 'up', position: 0, eventStorePosition: 2, lag: 2, maxLag: 2 });

    expect((await server.request('POST', '/api/books', { ...BOOK, personId: '9512345681' })).status).toBe(201);
    const behind = await server.request('GET', '/health/ready', undefined, NO_KEY);
    expect(behind.status).toBe(503);
    expect(behind.headers.get('retry-after')).toBe('1');
    expect(behind.body).toMatchObject({
      statusCode: 503, code: 'NOT_READY', status: 'error',
      error: { readModels: { status: 'down', position: 0, eventStorePosition: 3, lag: 3, maxLag: 2 } },
      info: { eventStore: { status: 'up', writable: true } },
    });
    // The lag in seconds is the age of the oldest event not yet projected (here 90 s after it was recorded);
    // no checkpointer runs in a test server, so it is also the age of the oldest unsigned event.
    const [oldest] = await server.runtime.store.readAll({ fromPosition: 1, limit: 1 });
    const reading = await server.app.get(LedgerReadings).read(Date.parse(oldest!.metadata.recordedAt) + 90_000);
    expect(reading).toMatchObject({
      eventStorePosition: 3, projectorPosition: 0, projectorLagSeconds: 90, checkpoint: { position: 0, ageSeconds: 0, unsignedAgeSeconds: 90 },
    });
    // Liveness is not readiness: /health still answers 200.
    expect((await server.request('GET', '/health', undefined, NO_KEY)).status).toBe(200);

    server.runtime.readModels.projector.start(server.runtime.store, 20);
    expect(await server.runtime.readModels.projector.waitFor(3)).toBe(true);
    const caughtUp = await server.request('GET', '/health/ready', undefined, NO_KEY);
    expect(caughtUp.status).toBe(200);
    expect(caughtUp.body.info.readModels).toEqual({ status: 'up', position: 3, eventStorePosition: 3, lag: 0, maxLag: 2 });
  });
});

/** `name{labels} value` lines of the Prometheus text format, as a map from the series to its value. */
function seriesOf(text: string): Record<string, number> {
  const series: Record<string, number> = {};
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    series[line.slice(0, cut)] = Number(line.slice(cut + 1));
  }
  return series;
}
