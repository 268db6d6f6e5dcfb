import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROLES, type Role } from '#runtime';
import { controllerHandlers } from '../support/controller-handlers.js';
import { NO_KEY, auth, startTestServer, type TestServer } from '../support/test-server.js';

/**
 * The contract's "Access" section, walked route by route: every route × every role × a key for the
 * province of Bạc Liêu (95) and a key for every area, each against data inside 95 (district 954) and
 * outside it (Quảng Trị, district 465). A route registered in the app but missing from the table
 * fails the suite, so a new route cannot ship without a decision on who may call it.
 */

type Scope = 'in' | 'out';
type Outcome = 'allowed' | '401' | '403';
interface Call {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}
interface Row {
  /** `METHOD /path/:param` as Nest registers it. */
  route: string;
  /** Roles allowed besides admin, or `public` for no key at all. */
  roles: readonly Role[] | 'public';
  /** `area`: the request names an area or an employer; `everywhere`: only `*` keys; `ledger`: the ledger checks each line. */
  spans: 'area' | 'everywhere' | 'ledger';
  call(scope: Scope): Call;
}

const EVERY_ROLE: Role[] = ['clerk', 'inspector', 'finance', 'auditor'];
const KEY_SCOPES = ['95', '*'] as const;
const seeded: { payment954?: string; payment465?: string; credit954?: string; credit465?: string } = {};
/** Issue 24: a collection account in each place, and a one-credit statement of it (the Vietcombank CSV layout). */
const account = (scope: Scope) => (scope === 'in' ? '9540000000001' : '4650000000001');
const statement = (scope: Scope, ref: string) => 'Ngày giao dịch;Ngày hiệu lực;Số tham chiếu;Mô tả;Tên đơn vị chuyển;Tài khoản đối ứng;Số tiền ghi có;Số tiền ghi nợ\n'
  + `01/06/2021;01/06/2021;${ref};nop tien;NGUYEN VAN A;1;1.000.000;\n`;

/** In-scope data lies in Bạc Liêu (district 954 of province 95); out-of-scope data in Quảng Trị (465 of 45). */
const place = (scope: Scope) =>
  scope === 'in'
    ? { district: '954', province: '95', unitCode: 'BL00001', person: '95', facility: '95001', card: 'DN4959512345679' }
    : { district: '465', province: '45', unitCode: 'QT00001', person: '45', facility: '45001', card: 'HN3454512345678' };
const headcount = { socialInsurance: 10, healthInsurance: 10, unemploymentInsurance: 10 };
const ndjson = (...lines: object[]) => lines.map((line) => JSON.stringify(line)).join('\n') + '\n';

const ROUTES: Row[] = [
  { route: 'GET /health', roles: 'public', spans: 'everywhere', call: () => ({ method: 'GET', path: '/health' }) },
  { route: 'GET /health/ready', roles: 'public', spans: 'everywhere', call: () => ({ method: 'GET', path: '/health/ready' }) },
  // Or SOCAI_METRICS_TOKEN, which test/http/observability.spec.ts tries.
  { route: 'GET /metrics', roles: [], spans: 'everywhere', call: () => ({ method: 'GET', path: '/metrics' }) },
  { route: 'GET /', roles: 'public', spans: 'everywhere', call: () => ({ method: 'GET', path: '/' }) },
  { route: 'GET /dashboard/areas.json', roles: 'public', spans: 'everywhere', call: () => ({ method: 'GET', path: '/dashboard/areas.json' }) },
  { route: 'GET /dashboard/vendor/chart.umd.min.js', roles: 'public', spans: 'everywhere', call: () => ({ method: 'GET', path: '/dashboard/vendor/chart.umd.min.js' }) },
  { route: 'GET /dashboard/:file', roles: 'public', spans: 'everywhere', call: () => ({ method: 'GET', path: '/dashboard/api.js' }) },
  {
    route: 'POST /api/employers', roles: ['clerk'], spans: 'area',
    call: (s) => ({ method: 'POST', path: '/api/employers', body: { unitCode: `${place(s).unitCode.slice(0, 2)}00002`, name: 'Công ty B', areaCode: place(s).district, registeredOn: '2020-01-01' } }),
  },
  {
    route: 'POST /api/employers/:unitCode/status-changes', roles: ['clerk'], spans: 'area',
    call: (s) => ({ method: 'POST', path: `/api/employers/${place(s).unitCode}/status-changes`, body: { status: 'active', effectiveOn: '2021-06-30', reason: 'Xác nhận hoạt động' } }),
  },
  {
    route: 'POST /api/employers/:unitCode/assessments', roles: ['clerk'], spans: 'area',
    call: (s) => ({ method: 'POST', path: `/api/employers/${place(s).unitCode}/assessments`, body: { period: '2021-05', headcount, payroll: '50000000', assessedOn: '2021-05-01' } }),
  },
  {
    route: 'POST /api/employers/:unitCode/relocations', roles: ['clerk'], spans: 'area',
    call: (s) => ({ method: 'POST', path: `/api/employers/${place(s).unitCode}/relocations`, body: { areaCode: s === 'in' ? '956' : '466', effectiveOn: '2021-07-01', reason: 'Chuyển trụ sở' } }),
  },
  {
    route: 'POST /api/persons/:personId/relocations', roles: ['clerk'], spans: 'area',
    call: (s) => ({ method: 'POST', path: `/api/persons/${place(s).person}00000001/relocations`, body: { areaCode: s === 'in' ? '956' : '466', effectiveOn: '2021-07-01', reason: 'Chuyển nơi cư trú' } }),
  },
  {
    route: 'POST /api/collections', roles: ['clerk'], spans: 'area',
    call: (s) => ({ method: 'POST', path: '/api/collections', body: { receiptNo: `ACC-R-${place(s).district}`, payer: { kind: 'employer', unitCode: place(s).unitCode }, amount: '1000000', collectedOn: '2021-06-10' } }),
  },
  {
    route: 'POST /api/books', roles: ['clerk'], spans: 'area',
    call: (s) => ({ method: 'POST', path: '/api/books', body: { personId: `${place(s).person}12345679`, areaCode: place(s).district, issuedOn: '2021-03-03' } }),
  },
  {
    route: 'POST /api/cards', roles: ['clerk'], spans: 'area',
    call: (s) => ({
      method: 'POST', path: '/api/cards',
      body: { cardNo: place(s).card, personId: `${place(s).person}12345679`, areaCode: place(s).district, validFrom: '2021-01-01', validTo: '2021-12-31', issuedOn: '2020-12-20' },
    }),
  },
  {
    route: 'POST /api/benefit-payments', roles: ['clerk'], spans: 'area',
    call: (s) => ({
      method: 'POST', path: '/api/benefit-payments',
      body: { paymentRef: `ACC-P2-${place(s).district}`, personId: `${place(s).person}00000002`, benefit: 'pension', payoutMonth: '2021-06', amount: '4500000', channel: 'bank-account', areaCode: place(s).district, paidOn: '2021-06-05' },
    }),
  },
  {
    route: 'POST /api/claim-assessments', roles: ['clerk'], spans: 'area',
    call: (s) => ({
      method: 'POST', path: '/api/claim-assessments',
      body: { assessmentRef: `ACC-GD-${place(s).facility}`, facilityCode: place(s).facility, areaCode: place(s).district, period: '2021-06', visits: { outpatient: 12, inpatient: 1 }, requested: '9000000', approved: '8500000', assessedOn: '2021-07-15' },
    }),
  },
  {
    route: 'POST /api/plans', roles: ['clerk'], spans: 'area',
    call: (s) => ({
      method: 'POST', path: '/api/plans',
      body: { year: 2022, areaCode: place(s).province, targets: { collection: '2000000000000', participants: { mandatorySocialInsurance: 40000, voluntarySocialInsurance: 15670, unemploymentInsurance: 35000, healthInsurance: 774200 } }, labourForce: 500000, population: 917000, assignedOn: '2022-01-10' },
    }),
  },
  {
    route: 'POST /api/inspections', roles: ['clerk', 'inspector'], spans: 'area',
    call: (s) => ({ method: 'POST', path: '/api/inspections', body: { inspectionId: `ACC-TT-${place(s).unitCode}`, unitCode: place(s).unitCode, inspectedOn: '2021-04-20', unannounced: true, arrearsFound: '1000000' } }),
  },
  {
    route: 'POST /api/interest-rates', roles: [], spans: 'everywhere',
    call: () => ({ method: 'POST', path: '/api/interest-rates', body: { year: 2019, fund: 'social', monthlyPercent: '0.9', documentRef: 'ACC-TB', announcedOn: '2019-01-10' } }),
  },
  {
    route: 'POST /api/employers/:unitCode/reminders', roles: ['clerk', 'inspector'], spans: 'area',
    call: (s) => ({ method: 'POST', path: `/api/employers/${place(s).unitCode}/reminders`, body: { reminderRef: `ACC-DD-${place(s).unitCode}`, sentOn: '2021-07-05', amountLate: '1000000' } }),
  },
  {
    route: 'POST /api/employers/:unitCode/force-majeure', roles: ['clerk', 'inspector'], spans: 'area',
    call: (s) => ({ method: 'POST', path: `/api/employers/${place(s).unitCode}/force-majeure`, body: { from: '2021-07-01', to: '2021-07-10', reason: 'Lũ lụt', documentRef: 'QĐ 77/QĐ-UBND' } }),
  },
  {
    route: 'POST /api/employers/:unitCode/profile-changes', roles: ['clerk'], spans: 'area',
    call: (s) => ({ method: 'POST', path: `/api/employers/${place(s).unitCode}/profile-changes`, body: { effectiveOn: '2021-01-01', wageRegion: 2 } }),
  },
  {
    route: 'POST /api/employers/:unitCode/fund-suspensions', roles: ['clerk'], spans: 'area',
    call: (s) => ({ method: 'POST', path: `/api/employers/${place(s).unitCode}/fund-suspensions`, body: { fund: 'pension', from: '2021-07-01', to: '2022-06-30', decisionRef: `ACC-QD-${place(s).unitCode}` } }),
  },
  {
    route: 'POST /api/month-end-closes', roles: ['clerk'], spans: 'area',
    call: (s) => ({ method: 'POST', path: '/api/month-end-closes', body: { month: '2021-05', areaCode: place(s).district, closedOn: '2021-06-01' } }),
  },
  {
    route: 'POST /api/bank-statements', roles: ['finance', 'clerk'], spans: 'area',
    call: (s) => ({ method: 'POST', path: `/api/bank-statements?account=${account(s)}`, body: statement(s, 'ACC-FT-2'), headers: { 'content-type': 'text/csv' } }),
  },
  {
    route: 'GET /api/bank-accounts', roles: ['finance', 'clerk', 'auditor'], spans: 'area',
    call: (s) => ({ method: 'GET', path: `/api/bank-accounts?area=${place(s).district}` }),
  },
  {
    route: 'GET /api/bank-credits', roles: ['finance', 'clerk', 'auditor'], spans: 'area',
    call: (s) => ({ method: 'GET', path: `/api/bank-credits?status=unmatched&area=${place(s).district}` }),
  },
  {
    route: 'POST /api/bank-credits/:id/assignments', roles: ['finance', 'clerk'], spans: 'area',
    call: (s) => ({ method: 'POST', path: `/api/bank-credits/${s === 'in' ? seeded.credit954 : seeded.credit465}/assignments`, body: { unitCode: place(s).unitCode, reason: 'Đối chiếu UNC' } }),
  },
  {
    route: 'POST /api/bank-credits/:id/returns', roles: ['finance', 'clerk'], spans: 'area',
    call: (s) => ({ method: 'POST', path: `/api/bank-credits/${s === 'in' ? seeded.credit954 : seeded.credit465}/returns`, body: { reason: 'Trả lại người nộp' } }),
  },
  {
    route: 'GET /api/bank-reconciliations/:account/:month', roles: ['finance', 'clerk', 'auditor'], spans: 'area',
    call: (s) => ({ method: 'GET', path: `/api/bank-reconciliations/${account(s)}/2021-06` }),
  },
  {
    route: 'POST /api/reversals', roles: ['clerk'], spans: 'area',
    call: (s) => ({ method: 'POST', path: '/api/reversals', body: { eventId: s === 'in' ? seeded.payment954 : seeded.payment465, reason: 'Chi trùng', reversedOn: '2021-06-07' } }),
  },
  {
    route: 'POST /api/payout-reconciliations', roles: ['clerk', 'finance'], spans: 'area',
    call: (s) => ({
      method: 'POST', path: '/api/payout-reconciliations',
      body: { statementRef: `ACC-ST-${place(s).district}`, month: '2021-06', areaCode: place(s).district, agent: 'Bưu điện', lines: [{ paymentRef: `ACC-P-${place(s).district}`, personId: `${place(s).person}00000001`, amount: '4500000' }] },
    }),
  },
  {
    route: 'POST /api/import', roles: ['clerk'], spans: 'ledger',
    call: (s) => ({ method: 'POST', path: '/api/import', body: ndjson({ command: 'IssueBook', data: { personId: `${place(s).person}00000077`, areaCode: place(s).district, issuedOn: '2021-03-04' } }) }),
  },
  {
    route: 'GET /api/areas/:areaCode/totals', roles: EVERY_ROLE, spans: 'area',
    call: (s) => ({ method: 'GET', path: `/api/areas/${place(s).district}/totals?from=2021-01-01&to=2021-06-30` }),
  },
  {
    route: 'GET /api/employers/:unitCode/arrears', roles: ['inspector', 'auditor'], spans: 'area',
    call: (s) => ({ method: 'GET', path: `/api/employers/${place(s).unitCode}/arrears?asOf=2021-07-31` }),
  },
  {
    route: 'GET /api/employers/:unitCode/notices/:month', roles: ['clerk', 'inspector', 'auditor'], spans: 'area',
    call: (s) => ({ method: 'GET', path: `/api/employers/${place(s).unitCode}/notices/2021-07` }),
  },
  { route: 'GET /api/arrears', roles: ['inspector', 'auditor'], spans: 'area', call: (s) => ({ method: 'GET', path: `/api/arrears?area=${place(s).district}` }) },
  { route: 'GET /api/employers', roles: ['clerk', 'inspector', 'auditor'], spans: 'area', call: (s) => ({ method: 'GET', path: `/api/employers?area=${place(s).district}` }) },
  {
    route: 'GET /api/plans/:year/progress', roles: EVERY_ROLE, spans: 'area',
    call: (s) => ({ method: 'GET', path: `/api/plans/2021/progress?area=${place(s).province}&asOf=2021-06-30` }),
  },
  { route: 'GET /api/payouts/:month', roles: ['finance', 'auditor'], spans: 'area', call: (s) => ({ method: 'GET', path: `/api/payouts/2021-06?area=${place(s).district}` }) },
  {
    route: 'GET /api/reports/province/:code', roles: EVERY_ROLE, spans: 'area',
    call: (s) => ({ method: 'GET', path: `/api/reports/province/${place(s).province}?from=2021-01-01&to=2021-06-30` }),
  },
  { route: 'GET /api/streams/:streamId/events', roles: ['auditor'], spans: 'everywhere', call: () => ({ method: 'GET', path: '/api/streams/employer-BL00001/events' }) },
  { route: 'GET /api/events', roles: ['auditor'], spans: 'everywhere', call: () => ({ method: 'GET', path: '/api/events?limit=5' }) },
  { route: 'GET /api/audit/verify', roles: ['auditor'], spans: 'everywhere', call: () => ({ method: 'GET', path: '/api/audit/verify' }) },
  { route: 'GET /api/audit/checkpoints', roles: ['auditor'], spans: 'everywhere', call: () => ({ method: 'GET', path: '/api/audit/checkpoints' }) },
  { route: 'GET /api/audit/public-key', roles: ['auditor'], spans: 'everywhere', call: () => ({ method: 'GET', path: '/api/audit/public-key' }) },
  { route: 'POST /api/keys', roles: [], spans: 'everywhere', call: () => ({ method: 'POST', path: '/api/keys', body: { name: 'made-by-the-walk', role: 'clerk', areas: ['954'] } }) },
  { route: 'GET /api/keys', roles: [], spans: 'everywhere', call: () => ({ method: 'GET', path: '/api/keys' }) },
  { route: 'DELETE /api/keys/:id', roles: [], spans: 'everywhere', call: () => ({ method: 'DELETE', path: `/api/keys/${victimKeyId}` }) },
  // The first admin call starts an online rebuild (202); the next ones while it runs answer 409 REBUILD_IN_PROGRESS.
  { route: 'POST /api/admin/rebuilds', roles: [], spans: 'everywhere', call: () => ({ method: 'POST', path: '/api/admin/rebuilds' }) },
];

let victimKeyId = '';

/** Every route the Nest app registered, as `METHOD /path`, with whether its handler carries an access rule. */
function registeredRoutes(server: TestServer): { route: string; ruled: boolean }[] {
  return controllerHandlers(server)
    .map(({ route, rule }) => ({ route, ruled: rule !== undefined }))
    .sort((a, b) => a.route.localeCompare(b.route));
}

function outcomeOf(status: number, body: { code?: string }): string {
  if (status === 401) return body?.code === 'UNAUTHORIZED' ? '401' : `401 without code UNAUTHORIZED`;
  if (status === 403) return body?.code === 'FORBIDDEN' ? '403' : `403 without code FORBIDDEN`;
  return status < 500 ? 'allowed' : `server error ${status}`;
}

function expected(row: Row, role: Role, keyScope: (typeof KEY_SCOPES)[number], scope: Scope): Outcome {
  if (row.roles === 'public') return 'allowed';
  const roleAllowed = role === 'admin' || row.roles.includes(role);
  const areaAllowed = keyScope === '*' || row.spans === 'ledger' || (row.spans === 'area' && scope === 'in');
  return roleAllowed && areaAllowed ? 'allowed' : '403';
}

describe('access: API keys, roles and areas', () => {
  let server: TestServer;
  const keys = new Map<string, string>();
  const keyOf = (role: Role, scope: string) => keys.get(`${role}@${scope}`) as string;
  let registered: { route: string; ruled: boolean }[] = [];

  const send = (call: Call, headers: Record<string, string>) => server.request(call.method, call.path, call.body, { ...call.headers, ...headers });
  const created = async (response: Promise<{ status: number; body: any }>) => {
    const { status, body } = await response;
    expect(status).toBe(201);
    return body;
  };

  beforeAll(async () => {
    const accounts = join(mkdtempSync(join(tmpdir(), 'socai-accounts-')), 'bank-accounts.csv');
    writeFileSync(accounts, `account,areaCode,bank\n${account('in')},954,vietcombank\n${account('out')},465,vietcombank\n`);
    process.env.SOCAI_BANK_ACCOUNTS_FILE = accounts;
    server = await startTestServer();
    for (const scope of ['in', 'out'] as const) {
      const where = place(scope);
      await created(server.request('POST', '/api/employers', { unitCode: where.unitCode, name: `Công ty ${where.unitCode}`, areaCode: where.district, registeredOn: '2019-03-01' }));
      const payment = await created(server.request('POST', '/api/benefit-payments', {
        paymentRef: `ACC-P-${where.district}`, personId: `${where.person}00000001`, benefit: 'pension', payoutMonth: '2021-06', amount: '4500000',
        channel: 'post-office-cash', areaCode: where.district, paidOn: '2021-06-05',
      }));
      seeded[scope === 'in' ? 'payment954' : 'payment465'] = payment.eventId;
      await created(server.request('POST', '/api/plans', {
        year: 2021, areaCode: where.province, targets: { collection: '2000000000000', participants: { mandatorySocialInsurance: 1, voluntarySocialInsurance: 1, unemploymentInsurance: 1, healthInsurance: 1 } },
        labourForce: 500000, population: 917000, assignedOn: '2021-01-10',
      }));
    }
    for (const role of ROLES) {
      for (const scope of [...KEY_SCOPES, '954']) {
        const key = await created(server.request('POST', '/api/keys', { name: `${role}-${scope}`, role, areas: [scope] }));
        keys.set(`${role}@${scope}`, key.key);
      }
    }
    victimKeyId = (await created(server.request('POST', '/api/keys', { name: 'victim', role: 'clerk', areas: ['954'] }))).id;
    for (const scope of ['in', 'out'] as const) {
      const loaded = await created(server.request('POST', `/api/bank-statements?account=${account(scope)}`, statement(scope, 'ACC-FT-1'), { 'content-type': 'text/csv' }));
      const credits = await server.request('GET', `/api/bank-credits?account=${account(scope)}&minPosition=${loaded.lastPosition}`);
      seeded[scope === 'in' ? 'credit954' : 'credit465'] = credits.body.items[0].id;
    }
    registered = registeredRoutes(server);
  });
  afterAll(async () => {
    delete process.env.SOCAI_BANK_ACCOUNTS_FILE;
    await server.close();
  });

  it('has a rule on every registered route, and a row in this table for each', () => {
    expect(registered.filter(({ ruled }) => !ruled).map(({ route }) => route)).toEqual([]);
    const table = new Set(ROUTES.map(({ route }) => route));
    expect(registered.map(({ route }) => route).filter((route) => !table.has(route))).toEqual([]);
    expect(ROUTES.map(({ route }) => route).filter((route) => !registered.some((r) => r.route === route))).toEqual([]);
  });

  describe.each(ROUTES.map((row) => [row.route, row] as const))('%s', (_, row) => {
    it('answers 401 without a key, with a malformed header, with an unknown key and with a revoked key (unless public)', async () => {
      const revoked = await created(server.request('POST', '/api/keys', { name: `revoked-${row.route}`, role: 'admin', areas: ['*'] }));
      expect((await server.request('DELETE', `/api/keys/${revoked.id}`)).status).toBe(204);
      const attempts = {
        'no key': NO_KEY,
        'Basic scheme': { authorization: `Basic ${server.adminKey}` },
        'unknown key': auth('sk_not-a-key-of-this-ledger'),
        'revoked key': auth(revoked.key),
      };
      const want = row.roles === 'public' ? 'allowed' : '401';
      const outcomes: Record<string, string> = {};
      for (const [name, headers] of Object.entries(attempts)) {
        const { status, body } = await send(row.call('in'), headers);
        outcomes[name] = outcomeOf(status, body);
      }
      expect(outcomes).toEqual({ 'no key': want, 'Basic scheme': want, 'unknown key': want, 'revoked key': want });
    });

    it('answers every role and area as the matrix says', async () => {
      const wanted: Record<string, string> = {};
      const actual: Record<string, string> = {};
      for (const role of ROLES) {
        for (const keyScope of KEY_SCOPES) {
          for (const scope of ['in', 'out'] as const) {
            const label = `${role} key for ${keyScope}, data ${scope}side`;
            wanted[label] = expected(row, role, keyScope, scope);
            const { status, body } = await send(row.call(scope), auth(keyOf(role, keyScope)));
            actual[label] = outcomeOf(status, body);
          }
        }
      }
      expect(actual).toEqual(wanted);
    });
  });

  describe('area scopes', () => {
    it('lets a province key read its districts, and a district key neither its province nor a neighbour', async () => {
      const totals = (area: string, key: string) => server.request('GET', `/api/areas/${area}/totals?from=2021-01-01&to=2021-06-30`, undefined, auth(key));
      expect((await totals('954', keyOf('clerk', '95'))).status).toBe(200);
      expect((await totals('95', keyOf('clerk', '95'))).status).toBe(200);
      expect((await totals('954', keyOf('clerk', '954'))).status).toBe(200);
      const province = await totals('95', keyOf('clerk', '954'));
      expect(province.status).toBe(403);
      expect(province.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: 'the key does not cover area 95' });
      expect((await totals('956', keyOf('clerk', '954'))).status).toBe(403);
    });

    it('answers the arrears worklist without `area` only to a key for every area', async () => {
      const scoped = await server.request('GET', '/api/arrears', undefined, auth(keyOf('inspector', '95')));
      expect(scoped.status).toBe(403);
      expect(scoped.body.code).toBe('FORBIDDEN');
      expect((await server.request('GET', '/api/arrears', undefined, auth(keyOf('inspector', '*')))).status).toBe(200);
      expect((await server.request('GET', '/api/arrears?area=', undefined, auth(keyOf('inspector', '95')))).status).toBe(403);
    });

    it("checks a person's collection by the areaCode it names, and a CSV statement by its query", async () => {
      const collect = (areaCode: string) => server.request('POST', '/api/collections', {
        receiptNo: `ACC-V-${areaCode}`, payer: { kind: 'person', personId: '9512345678', scheme: 'voluntary-social-insurance', coverFrom: '2021-01', coverTo: '2021-12' },
        amount: '3960000', collectedOn: '2021-02-01', areaCode,
      }, auth(keyOf('clerk', '95')));
      expect((await collect('465')).status).toBe(403);
      expect((await collect('956')).status).toBe(201);
      const csv = (areaCode: string) => server.request('POST', `/api/payout-reconciliations?statementRef=ACC-CSV-${areaCode}&month=2021-06&areaCode=${areaCode}&agent=VNPost`,
        `paymentRef,personId,amount\nACC-P-${areaCode},${areaCode === '954' ? '95' : '45'}00000001,4500000\n`, { ...auth(keyOf('finance', '95')), 'content-type': 'text/csv' });
      expect((await csv('465')).status).toBe(403);
      expect((await csv('954')).status).toBe(201);
    });

    it('lets the route answer for an employer it does not know', async () => {
      const unknown = await server.request('GET', '/api/employers/NOPE001/arrears', undefined, auth(keyOf('inspector', '95')));
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('EMPLOYER_NOT_REGISTERED');
    });

    it('lets a scoped clerk import, and the ledger refuses the lines outside its areas', async () => {
      const file = ndjson(
        { command: 'IssueBook', data: { personId: '9500000088', areaCode: '954', issuedOn: '2021-03-05' } },
        { command: 'IssueBook', data: { personId: '4500000088', areaCode: '465', issuedOn: '2021-03-05' } },
      );
      const response = await server.request('POST', '/api/import', file, auth(keyOf('clerk', '95')));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ recorded: 1, refused: 1 });
      expect(response.body.refusals).toEqual([expect.objectContaining({ line: 2, code: 'FORBIDDEN' })]);
    });
  });

  describe('the caller', () => {
    it("records the key's id (actor), name and role in the metadata of the events it writes", async () => {
      const book = await created(server.request('POST', '/api/books', { personId: '9500000099', areaCode: '954', issuedOn: '2021-03-06' }, auth(keyOf('clerk', '95'))));
      const event = (await server.runtime.store.findEvent(book.eventId))!;
      expect(event.metadata).toMatchObject({ actor: expect.stringMatching(/^key_[0-9a-f]{16}$/), actorName: 'clerk-95', role: 'clerk', source: 'http' });
      const byAdmin = await created(server.request('POST', '/api/books', { personId: '9500000098', areaCode: '954', issuedOn: '2021-03-06' }));
      expect((await server.runtime.store.findEvent(byAdmin.eventId))!.metadata).toMatchObject({ actor: expect.stringMatching(/^key_/), actorName: 'admin', role: 'admin' });
    });
  });

  describe('keys', () => {
    it('creates a key shown once, lists keys without secrets, and revokes a key at once', async () => {
      const made = await server.request('POST', '/api/keys', { name: 'finance-954-payouts', role: 'finance', areas: ['954'] });
      expect(made.status).toBe(201);
      expect(made.body).toEqual({ id: expect.stringMatching(/^key_/), name: 'finance-954-payouts', role: 'finance', areas: ['954'], key: expect.stringMatching(/^sk_[A-Za-z0-9_-]{43}$/) });
      expect((await server.request('GET', '/api/payouts/2021-06?area=954', undefined, auth(made.body.key))).status).toBe(200);

      const listed = await server.request('GET', '/api/keys');
      expect(listed.status).toBe(200);
      expect(listed.body.keys).toContainEqual({ id: made.body.id, name: 'finance-954-payouts', role: 'finance', areas: ['954'], createdAt: expect.any(String), revokedAt: null });
      expect(JSON.stringify(listed.body)).not.toContain(made.body.key);
      expect(JSON.stringify(listed.body)).not.toMatch(/sk_|hash/);

      expect((await server.request('DELETE', `/api/keys/${made.body.id}`)).status).toBe(204);
      const refused = await server.request('GET', '/api/payouts/2021-06?area=954', undefined, auth(made.body.key));
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({ statusCode: 401, code: 'UNAUTHORIZED', message: 'the API key is unknown or revoked' });
      const listedAgain = await server.request('GET', '/api/keys');
      expect(listedAgain.body.keys).toContainEqual(expect.objectContaining({ id: made.body.id, revokedAt: expect.any(String) }));
    });

    it('answers 404 for revoking an unknown key', async () => {
      const response = await server.request('DELETE', '/api/keys/key_0000000000000000');
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'KEY_NOT_FOUND' });
    });

    it('refuses a malformed key request with 400 and the fields at fault', async () => {
      const response = await server.request('POST', '/api/keys', { name: 'x', role: 'root', areas: ['954', '999'], extra: true });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(['extra', 'role', 'areas[1]']);
    });

    it('keeps key management to admin keys for every area', async () => {
      const response = await server.request('POST', '/api/keys', { name: 'escalate', role: 'admin', areas: ['*'] }, auth(keyOf('admin', '95')));
      expect(response.status).toBe(403);
      expect(response.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: 'this request spans every area; the key is limited to some' });
    });

    it('says why a role is refused', async () => {
      const response = await server.request('GET', '/api/events', undefined, auth(keyOf('clerk', '*')));
      expect(response.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: 'the role clerk may not call this route' });
    });
  });

  describe('public pages', () => {
    it('serves health and the OpenAPI document without a key', async () => {
      expect((await server.request('GET', '/health', undefined, NO_KEY)).status).toBe(200);
      expect((await server.request('GET', '/docs', undefined, NO_KEY)).status).toBe(200);
      const document = await server.request('GET', '/docs-json', undefined, NO_KEY);
      expect(document.status).toBe(200);
      expect(Object.keys(document.body.paths)).toContain('/api/keys');
    });
  });
});
