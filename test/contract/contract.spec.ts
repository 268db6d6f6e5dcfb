import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentedRoutes } from '../support/api-doc-routes.js';
import { RELIABILITY_ADMIN_KEY as KEY, SEED_EVENTS, startServer, type ServerProcess } from '../reliability/support/socai-process.js';

/**
 * The outside-in contract test: the real `socai serve` (node bin/socai.js, the compiled app) on a
 * free port over a fresh data directory, driven over HTTP as a client would, every route of
 * docs/api.md once, with a tiny Bạc Liêu 2021 ledger whose figures are computed by hand below.
 * Needs `npm run build` first (`npm test` does it).
 */

const OPENAPI = new URL('../../docs/openapi.json', import.meta.url);
const headcount = { socialInsurance: 10, healthInsurance: 10, unemploymentInsurance: 10 };

describe('the public contract, outside in', () => {
  let dir: string;
  let server: ServerProcess;
  /** Routes exercised, as docs/api.md names them; the last test checks none was left out. */
  const exercised = new Set<string>();
  let position = 0;

  async function call(route: string, path: string, options: { body?: unknown; key?: string | null; type?: string } = {}) {
    exercised.add(route);
    const method = route.split(' ')[0];
    const key = options.key === undefined ? KEY : options.key;
    const text = typeof options.body === 'string';
    const response = await fetch(server.url + path, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': options.type ?? (text ? 'application/x-ndjson' : 'application/json') }),
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: options.body === undefined ? undefined : text ? (options.body as string) : JSON.stringify(options.body),
    });
    const raw = await response.text();
    let body: any = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // Text answers (the prose report, the PEM key, HTML) stay text.
    }
    return { status: response.status, body, type: response.headers.get('content-type') ?? '' };
  }

  /** A command that must record a new event: 201 and the contract's result, its position kept for minPosition. */
  async function record(route: string, path: string, body: unknown) {
    const answer = await call(route, path, { body });
    expect({ route, status: answer.status }).toEqual({ route, status: 201 });
    expect(Object.keys(answer.body)).toEqual(expect.arrayContaining(['eventId', 'type', 'streamId', 'revision', 'position']));
    position = Math.max(position, answer.body.position);
    return answer.body;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'socai-contract-'));
    server = await startServer(join(dir, 'data'));
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers GET /health without a key, with both positions', async () => {
    const { status, body } = await call('GET /health', '/health', { key: null });
    expect(status).toBe(200);
    // A new ledger starts with its seed facts: the 4 verified rates k (2016, 2017) at positions 1–4.
    expect(body).toEqual({ status: 'ok', eventStore: { position: SEED_EVENTS }, readModels: { position: SEED_EVENTS } });
  });

  it('records every command with 201 {eventId, type, streamId, revision, position}', async () => {
    const registered = await record('POST /api/employers', '/api/employers', { unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', registeredOn: '2019-03-01' });
    expect(registered).toMatchObject({ type: 'EmployerRegistered', streamId: 'employer-BL00001', revision: 0, position: SEED_EVENTS + 1 });
    // 2021-05: TNLĐ–BNN 0.5 % still in force (the NQ 68 relief began 2021-07-01): 32 % of 50,000,000 = 16,000,000.
    await record('POST /api/employers/:unitCode/assessments', '/api/employers/BL00001/assessments', { period: '2021-05', headcount, payroll: '50000000', assessedOn: '2021-05-01' });
    await record('POST /api/employers/:unitCode/assessments', '/api/employers/BL00001/assessments', { period: '2021-06', headcount, payroll: '50000000', assessedOn: '2021-06-01' });
    const collected = await record('POST /api/collections', '/api/collections', { receiptNo: 'BL-R-0001', payer: { kind: 'employer', unitCode: 'BL00001' }, amount: '16000000', collectedOn: '2021-06-10' });
    expect(collected).toMatchObject({ type: 'ContributionCollected', streamId: 'employer-BL00001', revision: 3 });
    await record('POST /api/collections', '/api/collections', {
      receiptNo: 'BL-V-0001', payer: { kind: 'person', personId: '9512345678', scheme: 'voluntary-social-insurance', coverFrom: '2021-01', coverTo: '2021-12' },
      amount: '3960000', collectedOn: '2021-02-01', areaCode: '956',
    });
    await record('POST /api/books', '/api/books', { personId: '9512345679', areaCode: '954', issuedOn: '2021-03-03' });
    await record('POST /api/cards', '/api/cards', { cardNo: 'DN4959512345679', personId: '9512345679', areaCode: '954', validFrom: '2021-01-01', validTo: '2021-12-31', issuedOn: '2020-12-20' });
    const payment = { personId: '9500000001', benefit: 'pension', payoutMonth: '2021-06', amount: '4500000', channel: 'post-office-cash', areaCode: '954' };
    await record('POST /api/benefit-payments', '/api/benefit-payments', { paymentRef: 'BL-P-2021-06-1', ...payment, paidOn: '2021-06-05' });
    await record('POST /api/claim-assessments', '/api/claim-assessments', {
      assessmentRef: 'BL-GD-2021-06-95001', facilityCode: '95001', areaCode: '954', period: '2021-06',
      visits: { outpatient: 1200, inpatient: 80 }, requested: '900000000', approved: '850000000', assessedOn: '2021-07-15',
    });
    await record('POST /api/plans', '/api/plans', {
      year: 2021, areaCode: '95',
      targets: { collection: '2000000000000', participants: { mandatorySocialInsurance: 40000, voluntarySocialInsurance: 15670, unemploymentInsurance: 35000, healthInsurance: 774200 } },
      labourForce: 500000, population: 917000, assignedOn: '2021-01-10',
    });
    await record('POST /api/inspections', '/api/inspections', { inspectionId: 'BL-TT-01', unitCode: 'BL00001', inspectedOn: '2021-04-20', unannounced: true, arrearsFound: '848452815' });
    await record('POST /api/employers/:unitCode/status-changes', '/api/employers/BL00001/status-changes', { status: 'active', effectiveOn: '2021-06-30', reason: 'Xác nhận hoạt động' });
    // Issue 22's facts: a rate k, a reminder, force majeure, a dated profile change, a pension-fund suspension.
    const rate = await record('POST /api/interest-rates', '/api/interest-rates', { year: 2021, fund: 'health', monthlyPercent: '0.5133', documentRef: 'TB 123/TB-BHXH (BHXH Việt Nam)', announcedOn: '2021-01-14' });
    // The fifth event of `rules-interest`: the four seed rates came first.
    expect(rate).toMatchObject({ type: 'InterestRateAnnounced', streamId: 'rules-interest', revision: SEED_EVENTS });
    await record('POST /api/employers/:unitCode/reminders', '/api/employers/BL00001/reminders', { reminderRef: 'BL-DD-01', sentOn: '2021-07-05', amountLate: '16000000' });
    await record('POST /api/employers/:unitCode/force-majeure', '/api/employers/BL00001/force-majeure', { from: '2021-07-19', to: '2021-09-15', reason: 'Giãn cách xã hội (COVID-19)', documentRef: 'CT 16/CT-TTg' });
    await record('POST /api/employers/:unitCode/profile-changes', '/api/employers/BL00001/profile-changes', { effectiveOn: '2021-01-01', wageRegion: 3, sector: 'enterprise' });
    await record('POST /api/employers/:unitCode/fund-suspensions', '/api/employers/BL00001/fund-suspensions', { fund: 'pension', from: '2021-07-01', to: '2022-06-30', decisionRef: 'BL-QD-TN-01' });
    // The 16,000,000 paid on 2021-06-10 settles May, the one period late that day (June is not due until
    // 30 June), so nothing is late at the end of June; June is late at the end of July: charged, at 2021's
    // health k, but 2021's BHXH k is not in this ledger, so the social funds' month is recorded as not computed.
    const closed = await call('POST /api/month-end-closes', '/api/month-end-closes', { body: { month: '2021-07', areaCode: '954', closedOn: '2021-08-01' } });
    expect([closed.status, closed.body.employers, closed.body.charged, closed.body.nothingToCharge]).toEqual([201, 1, 1, 0]);
    position = closed.body.lastPosition;
    const duplicate = await record('POST /api/benefit-payments', '/api/benefit-payments', { paymentRef: 'BL-P-DUP', ...payment, paidOn: '2021-06-06' });
    const reversal = await record('POST /api/reversals', '/api/reversals', { eventId: duplicate.eventId, reason: 'Chi trùng', reversedOn: '2021-06-07' });
    expect(reversal).toMatchObject({ type: 'EntryReversed', streamId: duplicate.streamId });
    const reconciled = await record('POST /api/payout-reconciliations', '/api/payout-reconciliations', {
      statementRef: 'BL-VNPOST-954-2021-06', month: '2021-06', areaCode: '954', agent: 'Bưu điện Bạc Liêu',
      lines: [{ paymentRef: 'BL-P-2021-06-1', personId: '9500000001', amount: '4500000' }],
    });
    expect(reconciled).toMatchObject({
      type: 'PayoutsReconciled', streamId: 'payout-954-2021-06', statementRef: 'BL-VNPOST-954-2021-06',
      matched: { count: 1, amount: '4500000' }, amountMismatches: { count: 0, amount: '0' },
      missingInLedger: { count: 0, amount: '0' }, missingInStatement: { count: 0, amount: '0' },
    });
    expect(position).toBe(SEED_EVENTS + 21);
  });

  it('imports NDJSON: new lines recorded, known ones counted as duplicates, bad ones refused by line number', async () => {
    const lines = [
      { command: 'IssueBook', data: { personId: '9512345680', areaCode: '954', issuedOn: '2021-08-02' } },
      { command: 'IssueBook', data: { personId: '9512345679', areaCode: '954', issuedOn: '2021-03-03' } },
      { command: 'CollectContribution', data: { receiptNo: 'BL-R-X', payer: { kind: 'employer', unitCode: 'BL00001' }, amount: '12.5', collectedOn: '2021-08-10' } },
    ];
    const { status, body } = await call('POST /api/import', '/api/import', { body: lines.map((line) => JSON.stringify(line)).join('\n') + '\n' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ recorded: 1, duplicates: 1, refused: 1, lines: 3, events: 1, lastPosition: SEED_EVENTS + 22 });
    expect(body.refusals).toEqual([expect.objectContaining({ line: 3, code: 'VALIDATION_FAILED' })]);
    position = body.lastPosition;
  });

  it('answers idempotency, validation, business rules and missing keys with the contract\'s codes', async () => {
    const again = await call('POST /api/books', '/api/books', { body: { personId: '9512345679', areaCode: '954', issuedOn: '2021-03-03' } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ type: 'BookIssued', streamId: 'person-9512345679', revision: 0 });
    const conflict = await call('POST /api/collections', '/api/collections', { body: { receiptNo: 'BL-R-0001', payer: { kind: 'employer', unitCode: 'BL00001' }, amount: '1', collectedOn: '2021-06-10' } });
    expect([conflict.status, conflict.body.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
    const fraction = await call('POST /api/collections', '/api/collections', { body: { receiptNo: 'BL-R-X', payer: { kind: 'employer', unitCode: 'BL00001' }, amount: '12.5', collectedOn: '2021-06-10' } });
    expect([fraction.status, fraction.body.code, fraction.body.errors.map((error: { field: string }) => error.field)]).toEqual([400, 'VALIDATION_FAILED', ['amount']]);
    const overlap = await call('POST /api/cards', '/api/cards', {
      body: { cardNo: 'DN4959512345679', personId: '9512345679', areaCode: '954', validFrom: '2021-06-01', validTo: '2022-05-31', issuedOn: '2021-05-20' },
    });
    expect([overlap.status, overlap.body.code]).toEqual([422, 'CARD_PERIOD_OVERLAP']);
    const noKey = await call('GET /api/areas/:areaCode/totals', '/api/areas/95/totals?from=2021-01-01&to=2021-06-30', { key: null });
    expect([noKey.status, noKey.body.code]).toEqual([401, 'UNAUTHORIZED']);
  });

  it('totals Bạc Liêu (95) for the first half of 2021 to the đồng', async () => {
    const { status, body } = await call('GET /api/areas/:areaCode/totals', `/api/areas/95/totals?from=2021-01-01&to=2021-06-30&minPosition=${position}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      areaCode: '95', from: '2021-01-01', to: '2021-06-30',
      collections: { amount: '19960000', count: 2 },
      assessments: { due: '32000000' },
      participants: { mandatorySocialInsurance: 10, voluntarySocialInsurance: 1, unemploymentInsurance: 10, healthInsurance: 1 },
      books: { issued: 1 },
      // The card was issued on 2020-12-20, before the period: it counts as a participant, not as issued.
      cards: { issued: 0 },
      benefits: { amount: '4500000', payments: 1, recipients: 1 },
      claims: { visits: 1280, outpatientVisits: 1200, inpatientVisits: 80, requested: '900000000', approved: '850000000', refused: '50000000' },
      inspections: { count: 1, unannounced: 1, arrearsFound: '848452815' },
      arrears: { overdue: '0', employers: 0 },
    });
  });

  it('traces the employer\'s arrears: June (16,000,000) overdue since 2021-06-30', async () => {
    const { status, body } = await call('GET /api/employers/:unitCode/arrears', `/api/employers/BL00001/arrears?asOf=2021-07-31&minPosition=${position}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      unitCode: 'BL00001', areaCode: '954', status: 'active', asOf: '2021-07-31',
      due: '32000000', paid: '16000000', outstanding: '16000000', overdue: '16000000',
      oldestUnpaidPeriod: '2021-06', bucket: '1-to-3-months',
    });
    // May was settled by the payment of 2021-06-10 (FIFO): nothing of it is late on asOf.
    expect(body.periods.map((period: { period: string; outstanding: string; dueDate: string; daysLate: number }) => [period.period, period.outstanding, period.dueDate, period.daysLate]))
      .toEqual([['2021-05', '0', '2021-05-31', 0], ['2021-06', '16000000', '2021-06-30', 31]]);
    expect(body.trace.map((entry: { type: string }) => entry.type)).toEqual(expect.arrayContaining(['ContributionAssessed', 'ContributionCollected']));
  });

  it('issues the monthly notice (C12-TS) of July 2021: 16,000,000 still owed and late, in JSON and as a PDF', async () => {
    const { status, body } = await call('GET /api/employers/:unitCode/notices/:month', `/api/employers/BL00001/notices/2021-07?minPosition=${position}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      unitCode: 'BL00001', month: '2021-07', from: '2021-07-01', to: '2021-07-31',
      opening: { principal: { total: '16000000' }, interest: { total: '0' } },
      paid: { amount: '0' },
      // The close of July charged June's health for July: 2,250,000 × 0.5133 % = 11,549 (BHXH's k of 2021 is not known).
      closing: { principal: { total: '16000000' }, interest: { health: '11549', total: '11549' }, total: '16011549' },
      // The payment of 2021-06-10 settled May (late that day) fund by fund; June, not yet due then, is late whole,
      // as the arrears query says.
      lateAmount: { principal: '16000000', periods: [{ period: '2021-06', dueDate: '2021-06-30', amount: '16000000' }] },
      evasion: null,
    });
    const pdf = await fetch(`${server.url}/api/employers/BL00001/notices/2021-07?format=pdf`, { headers: { authorization: `Bearer ${KEY}` } });
    expect({ status: pdf.status, type: pdf.headers.get('content-type'), magic: Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString() })
      .toEqual({ status: 200, type: 'application/pdf', magic: '%PDF-' });
  });

  it('lists the arrears worklist with its totals', async () => {
    const { status, body } = await call('GET /api/arrears', `/api/arrears?area=95&asOf=2021-07-31&minPosition=${position}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ asOf: '2021-07-31', totals: { overdue: '16000000', employers: 1 } });
    expect(body.items.map((item: { unitCode: string; overdue: string }) => [item.unitCode, item.overdue])).toEqual([['BL00001', '16000000']]);
  });

  it('lists the employers still homed in an area that ceased on 2025-07-01 (district 954 → 96)', async () => {
    const { status, body } = await call('GET /api/employers', `/api/employers?area=95&homedIn=abolished&minPosition=${position}`);
    expect([status, body]).toEqual([200, {
      items: [{ unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', homedIn: 'abolished', successorAreaCode: '96' }],
      nextCursor: null,
    }]);
  });

  it('reports plan progress against the 2021 plan', async () => {
    const { status, body } = await call('GET /api/plans/:year/progress', `/api/plans/2021/progress?area=95&asOf=2021-06-30&minPosition=${position}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      year: 2021, areaCode: '95', asOf: '2021-06-30',
      collection: { target: '2000000000000', actual: '19960000', percent: 0 },
      participants: {
        mandatorySocialInsurance: { target: 40000, actual: 10, percentOfPlan: 0.03, percentOfLabourForce: 0 },
        healthInsurance: { target: 774200, actual: 1, percentOfPlan: 0, percentOfPopulation: 0 },
      },
      arrears: { overdue: '0', percentOfCollectionPlan: 0 },
    });
  });

  it('sums the payouts of June 2021: 4,500,000 paid, 4,500,000 reversed, one reconciliation', async () => {
    const { status, body } = await call('GET /api/payouts/:month', `/api/payouts/2021-06?area=954&minPosition=${position}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ month: '2021-06', areaCode: '954', total: { amount: '4500000', payments: 1, recipients: 1 }, reversed: { amount: '4500000', payments: 1 } });
    expect(body.reconciliations).toHaveLength(1);
  });

  it('writes the provincial report as JSON and as Vietnamese prose', async () => {
    const json = await call('GET /api/reports/province/:code', `/api/reports/province/95?from=2021-01-01&to=2021-06-30&minPosition=${position}`);
    expect(json.status).toBe(200);
    const text = await call('GET /api/reports/province/:code', `/api/reports/province/95?from=2021-01-01&to=2021-06-30&format=text&minPosition=${position}`);
    expect([text.status, text.type]).toEqual([200, 'text/plain; charset=utf-8']);
    expect(text.body).toMatch(/triệu đồng|tỷ đồng/);
  });

  it('serves the raw log with full metadata for auditors', async () => {
    const stream = await call('GET /api/streams/:streamId/events', '/api/streams/employer-BL00001/events');
    expect(stream.status).toBe(200);
    expect(stream.body.events.map((event: { revision: number; type: string }) => [event.revision, event.type]).slice(0, 3))
      .toEqual([[0, 'EmployerRegistered'], [1, 'ContributionAssessed'], [2, 'ContributionAssessed']]);
    expect(Object.keys(stream.body.events[0].metadata)).toEqual(expect.arrayContaining([
      'eventId', 'recordedAt', 'actor', 'role', 'source', 'correlationId', 'causationId', 'commandKey', 'schemaVersion', 'prevHash', 'hash',
    ]));
    expect(stream.body.events[0].metadata.prevHash).toBe('0'.repeat(64));
    const page = await call('GET /api/events', '/api/events?fromPosition=1&limit=3');
    expect([page.status, page.body.events.map((event: { position: number; type: string }) => [event.position, event.type]), page.body.nextPosition])
      .toEqual([200, [[1, 'InterestRateAnnounced'], [2, 'InterestRateAnnounced'], [3, 'InterestRateAnnounced']], 4]);
  });

  it('verifies the ledger and shows the signing key and checkpoints', async () => {
    const verify = await call('GET /api/audit/verify', '/api/audit/verify');
    expect([verify.status, verify.body.ok, verify.body.eventsChecked]).toEqual([200, true, SEED_EVENTS + 22]);
    const checkpoints = await call('GET /api/audit/checkpoints', '/api/audit/checkpoints?limit=1000');
    expect(checkpoints.status).toBe(200);
    expect(checkpoints.body.checkpoints).toHaveLength(verify.body.checkpointsChecked);
    const key = await call('GET /api/audit/public-key', '/api/audit/public-key');
    expect([key.status, String(key.body).startsWith('-----BEGIN PUBLIC KEY-----')]).toEqual([200, true]);
  });

  it('creates, lists and revokes keys; a key reaches only its areas', async () => {
    const created = await call('POST /api/keys', '/api/keys', { body: { name: 'clerk-954', role: 'clerk', areas: ['954'] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'clerk-954', role: 'clerk', areas: ['954'] });
    const outside = await call('GET /api/areas/:areaCode/totals', '/api/areas/956/totals?from=2021-01-01&to=2021-06-30', { key: created.body.key });
    expect([outside.status, outside.body.code]).toEqual([403, 'FORBIDDEN']);
    const listed = await call('GET /api/keys', '/api/keys');
    expect(listed.status).toBe(200);
    expect(listed.body.keys.map((key: { name: string }) => key.name)).toEqual(['admin', 'clerk-954']);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    const revoked = await call('DELETE /api/keys/:id', `/api/keys/${created.body.id}`);
    expect(revoked.status).toBe(204);
    const after = await call('GET /api/areas/:areaCode/totals', '/api/areas/954/totals?from=2021-01-01&to=2021-06-30', { key: created.body.key });
    expect(after.status).toBe(401);
  });

  it('rebuilds the read models online (admin only) and answers the same totals from the new generation', async () => {
    const before = await call('GET /api/areas/:areaCode/totals', '/api/areas/95/totals?from=2021-01-01&to=2021-06-30');
    const started = await call('POST /api/admin/rebuilds', '/api/admin/rebuilds');
    expect(started).toMatchObject({ status: 202, body: { status: 'started', from: 'read-models.sqlite' } });
    // The switch is the pointer file naming the new generation; the lock goes once the old one is removed.
    const data = join(dir, 'data');
    while (!existsSync(join(data, 'read-models.current')) || existsSync(join(data, 'read-models.rebuilding'))) await new Promise((resolve) => setTimeout(resolve, 20));
    const after = await call('GET /api/areas/:areaCode/totals', '/api/areas/95/totals?from=2021-01-01&to=2021-06-30');
    expect(after).toEqual(before);
    expect(existsSync(join(data, 'read-models.sqlite'))).toBe(false);
  });

  it('serves the dashboard and the OpenAPI document without a key', async () => {
    const page = await call('GET /', '/', { key: null });
    expect([page.status, page.type.startsWith('text/html')]).toEqual([200, true]);
    const areas = await call('GET /dashboard/areas.json', '/dashboard/areas.json', { key: null });
    expect(areas.status).toBe(200);
    expect(areas.body.find((province: { code: string }) => province.code === '95')).toBeDefined();
    expect((await call('GET /dashboard/vendor/chart.umd.min.js', '/dashboard/vendor/chart.umd.min.js', { key: null })).status).toBe(200);
    expect((await call('GET /dashboard/:file', '/dashboard/app.js', { key: null })).status).toBe(200);
    expect((await call('GET /docs', '/docs', { key: null })).status).toBe(200);
    const json = await call('GET /docs-json', '/docs-json', { key: null });
    expect(json.body).toEqual(JSON.parse(readFileSync(OPENAPI, 'utf8')));
    const yaml = await call('GET /docs-yaml', '/docs-yaml', { key: null });
    expect([yaml.status, String(yaml.body).startsWith('openapi: 3')]).toEqual([200, true]);
  });

  it('answers readiness without a key, and the metrics to the admin key only', async () => {
    const ready = await call('GET /health/ready', '/health/ready', { key: null });
    expect([ready.status, ready.body.status, ready.body.info.eventStore]).toEqual([200, 'ok', { status: 'up', writable: true }]);
    expect((await call('GET /metrics', '/metrics', { key: null })).status).toBe(401);
    const metrics = await call('GET /metrics', '/metrics');
    expect([metrics.status, metrics.type]).toEqual([200, 'text/plain; version=0.0.4; charset=utf-8']);
    expect(String(metrics.body).split('\n')).toContain(`socai_event_store_position ${position}`);
  });

  it('relocates an employer and a person (issue 28), dated and idempotent by their date', async () => {
    const moved = await record('POST /api/employers/:unitCode/relocations', '/api/employers/BL00001/relocations', { areaCode: '31942', effectiveOn: '2025-09-01', reason: 'Sắp xếp đơn vị hành chính' });
    expect(moved).toMatchObject({ type: 'EmployerRelocated', streamId: 'employer-BL00001' });
    const person = await record('POST /api/persons/:personId/relocations', '/api/persons/9512345679/relocations', { areaCode: '31942', effectiveOn: '2025-09-01', reason: 'Sắp xếp đơn vị hành chính' });
    expect(person).toMatchObject({ type: 'PersonRelocated', streamId: 'person-9512345679' });
  });

  it('loads a bank statement, keeps the unknown credit in suspense, assigns it and proves the month (issue 24)', async () => {
    await record('POST /api/employers', '/api/employers', { unitCode: 'TA0100A', name: 'Công ty TNHH Mía đường Quảng Trị', areaCode: '465', registeredOn: '2020-01-01' });
    const csv = '\uFEFFNgày giao dịch;Ngày hiệu lực;Số tham chiếu;Mô tả;Tên đơn vị chuyển;Tài khoản đối ứng;Số tiền ghi có;Số tiền ghi nợ\r\n'
      + '01/11/2023;01/11/2023;FT1;BHXH T10/2023 TA0100A;CONG TY MIA DUONG;0451;32.635.000;\r\n'
      + '01/11/2023;01/11/2023;FT2;nop tien;NGUYEN VAN A;0999;1.000.000;\r\n';
    // Today's province 44 reaches the old 45's collection account.
    const accounts = await call('GET /api/bank-accounts', '/api/bank-accounts?area=44');
    expect([accounts.status, accounts.body.items]).toEqual([200, [{ account: '0071000123456', areaCode: '45', bank: 'vietcombank' }]]);
    const loaded = await call('POST /api/bank-statements', '/api/bank-statements?account=0071000123456', { body: csv, type: 'text/csv' });
    expect(loaded).toMatchObject({ status: 201, body: { lines: 2, newCredits: 2, duplicates: 0, matched: 1, suspense: 1 } });
    position = loaded.body.lastPosition;
    const queue = await call('GET /api/bank-credits', `/api/bank-credits?status=unmatched&area=45&minPosition=${position}`);
    expect(queue.body.items.map((c: any) => [c.bankRef, c.amount, c.status])).toEqual([['FT2', '1000000', 'unmatched']]);
    const assigned = await record('POST /api/bank-credits/:id/assignments', `/api/bank-credits/${queue.body.items[0].id}/assignments`, { unitCode: 'TA0100A', period: '2023-10', reason: 'Giám đốc nộp hộ' });
    expect(assigned).toMatchObject({ type: 'BankCreditAssigned', streamId: 'bank-0071000123456' });
    const returned = await call('POST /api/bank-credits/:id/returns', `/api/bank-credits/${queue.body.items[0].id}/returns`, { body: { reason: 'nhầm' } });
    expect({ status: returned.status, code: returned.body.code }).toEqual({ status: 422, code: 'CREDIT_ALREADY_DECIDED' });
    const recon = await call('GET /api/bank-reconciliations/:account/:month', `/api/bank-reconciliations/0071000123456/2023-11?minPosition=${assigned.position}`);
    expect(recon.body).toMatchObject({ credits: { count: 2, amount: '33635000' }, matched: { count: 1, amount: '32635000' }, assigned: { count: 1, amount: '1000000' }, unmatched: { count: 0, amount: '0' }, returned: { count: 0, amount: '0' } });
  });

  it('has exercised every route of docs/api.md', () => {
    const missing = documentedRoutes().map(({ route }) => route).filter((route) => !exercised.has(route));
    expect(missing.map((route) => `route ${route} is documented but the contract test never calls it — add a call`)).toEqual([]);
  });
});
