import { auth, startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 22's fact routes through a real Nest app on a loopback socket: a new fact (201), the same
 * again (200, nothing written), the key with other content (409), malformed input (400 naming the
 * field and why), a business rule (422), and a role or area the key does not have (403).
 */
describe('issue 22 fact routes over HTTP', () => {
  let server: TestServer;
  let clerk954: string;
  let inspector954: string;
  let finance954: string;
  let clerk465: string;
  beforeAll(async () => {
    server = await startTestServer();
    const register = (unitCode: string, areaCode: string, extra: object = {}) =>
      server.request('POST', '/api/employers', { unitCode, name: `Công ty ${unitCode}`, areaCode, registeredOn: '2019-03-01', ...extra });
    expect((await register('BL00001', '954')).status).toBe(201);
    expect((await register('QT00001', '465')).status).toBe(201);
    const key = async (role: string, area: string) => (await server.request('POST', '/api/keys', { name: `${role}-${area}`, role, areas: [area] })).body.key as string;
    clerk954 = await key('clerk', '954');
    inspector954 = await key('inspector', '954');
    finance954 = await key('finance', '954');
    clerk465 = await key('clerk', '465');
  });
  afterAll(async () => {
    await server.close();
  });

  const streamData = async (streamId: string) => (await server.request('GET', `/api/streams/${streamId}/events`)).body.events as { type: string; data: object; metadata: Record<string, unknown> }[];

  /** 201, then 200 with the same answer, then 409 for other content under the key; answers the first body. */
  async function recordsOnce(path: string, body: object, changed: object, type: string, headers: Record<string, string> = {}) {
    const first = await server.request('POST', path, body, headers);
    expect({ status: first.status, type: first.body.type }).toEqual({ status: 201, type });
    const before = await server.runtime.store.headPosition();
    const again = await server.request('POST', path, body, headers);
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: first.body });
    const conflict = await server.request('POST', path, changed, headers);
    expect({ status: conflict.status, code: conflict.body.code }).toEqual({ status: 409, code: 'IDEMPOTENCY_CONFLICT' });
    expect(await server.runtime.store.headPosition()).toBe(before);
    return first.body;
  }

  it('announces a rate k into rules-interest, admin only (key: year+fund+announcedOn)', async () => {
    const rate = { year: 2017, fund: 'social', monthlyPercent: '1.317', documentRef: 'TB 425/TB-BHXH (BHXH Việt Nam)', announcedOn: '2017-02-14' };
    const result = await recordsOnce('/api/interest-rates', rate, { ...rate, monthlyPercent: '1.3' }, 'InterestRateAnnounced');
    expect(result.streamId).toBe('rules-interest');
    const [event] = await streamData('rules-interest');
    expect(event.data).toEqual(rate);
    expect(event.metadata).toMatchObject({ role: 'admin', source: 'http', commandKey: 'AnnounceInterestRate:2017:social:2017-02-14', correlationId: expect.any(String), causationId: expect.any(String) });
    // A correction announced later is a fact of its own.
    expect((await server.request('POST', '/api/interest-rates', { ...rate, monthlyPercent: '1.3', announcedOn: '2017-03-01' })).status).toBe(201);
    expect((await server.request('POST', '/api/interest-rates', { ...rate, year: 2018 }, auth(clerk954))).status).toBe(403);
  });

  it.each([
    ['monthlyPercent', { monthlyPercent: 1.317 }, 'must be a percentage above 0 and below 100 as a decimal string with at most 6 decimals, e.g. "1.317"'],
    ['monthlyPercent', { monthlyPercent: '0' }, 'must be a percentage above 0 and below 100 as a decimal string with at most 6 decimals, e.g. "1.317"'],
    ['fund', { fund: 'pension' }, 'must be one of: social, health'],
    ['announcedOn', { announcedOn: '2017-02-30' }, 'must be a calendar date YYYY-MM-DD'],
  ])('refuses a rate with a bad %s (400), writing nothing', async (field, change, message) => {
    const before = await server.runtime.store.headPosition();
    const response = await server.request('POST', '/api/interest-rates', { year: 2016, fund: 'social', monthlyPercent: '1.065', documentRef: 'TB 619', announcedOn: '2016-03-08', ...change });
    expect({ status: response.status, code: response.body.code, errors: response.body.errors }).toEqual({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field, message }] });
    expect(await server.runtime.store.headPosition()).toBe(before);
  });

  it('records a reminder on the employer\'s stream, by a clerk or an inspector of its area (key: reminderRef)', async () => {
    const reminder = { reminderRef: 'ĐĐ-0123/BHXH', sentOn: '2025-10-08', amountLate: 10000000 };
    const result = await recordsOnce('/api/employers/BL00001/reminders', reminder, { ...reminder, amountLate: '9000000' }, 'EmployerReminded', auth(inspector954));
    expect(result.streamId).toBe('employer-BL00001');
    const events = await streamData('employer-BL00001');
    expect(events.at(-1)!.data).toEqual({ reminderRef: 'ĐĐ-0123/BHXH', unitCode: 'BL00001', areaCode: '954', sentOn: '2025-10-08', amountLate: '10000000' });
    expect((await server.request('POST', '/api/employers/BL00001/reminders', { ...reminder, reminderRef: 'ĐĐ-2' }, auth(clerk954))).status).toBe(201);
    expect((await server.request('POST', '/api/employers/BL00001/reminders', { ...reminder, reminderRef: 'ĐĐ-3' }, auth(finance954))).status).toBe(403);
    expect((await server.request('POST', '/api/employers/BL00001/reminders', { ...reminder, reminderRef: 'ĐĐ-4' }, auth(clerk465))).status).toBe(403);
    const unknown = await server.request('POST', '/api/employers/NOPE001/reminders', { ...reminder, reminderRef: 'ĐĐ-5' });
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 422, code: 'EMPLOYER_NOT_REGISTERED' });
    const bad = await server.request('POST', '/api/employers/BL00001/reminders', { ...reminder, reminderRef: 'ĐĐ-6', amountLate: '-1' });
    expect({ status: bad.status, fields: bad.body.errors.map((e: { field: string }) => e.field) }).toEqual({ status: 400, fields: ['amountLate'] });
  });

  it('records force majeure (key: unitCode+from) and refuses one that ends before it starts', async () => {
    const flood = { from: '2025-12-10', to: '2025-12-20', reason: 'Lũ lụt', documentRef: 'QĐ 77/QĐ-UBND' };
    await recordsOnce('/api/employers/BL00001/force-majeure', flood, { ...flood, to: '2025-12-21' }, 'ForceMajeureRecorded', auth(clerk954));
    const events = await streamData('employer-BL00001');
    expect(events.at(-1)!.data).toEqual({ unitCode: 'BL00001', areaCode: '954', ...flood });
    const backwards = await server.request('POST', '/api/employers/BL00001/force-majeure', { ...flood, from: '2026-01-10', to: '2026-01-09' });
    expect({ status: backwards.status, code: backwards.body.code, message: backwards.body.message })
      .toEqual({ status: 422, code: 'INVALID_PERIOD', message: 'employer BL00001: to 2026-01-09 is before from 2026-01-10' });
    expect((await server.request('POST', '/api/employers/QT00001/force-majeure', flood, auth(clerk954))).status).toBe(403);
  });

  it('records a dated profile change (key: unitCode+effectiveOn), the fields given only', async () => {
    const change = { effectiveOn: '2024-07-01', wageRegion: 2, highRiskApproval: { rate: '0.3', decisionRef: 'QĐ 1234/QĐ-BLĐTBXH' } };
    await recordsOnce('/api/employers/BL00001/profile-changes', change, { ...change, wageRegion: 3 }, 'EmployerProfileChanged', auth(clerk954));
    const events = await streamData('employer-BL00001');
    expect(events.at(-1)!.data).toEqual({ unitCode: 'BL00001', areaCode: '954', ...change });
    const bad = await server.request('POST', '/api/employers/BL00001/profile-changes', { effectiveOn: '2025-01-01', wageRegion: 5, sector: 'bank' });
    expect({ status: bad.status, errors: bad.body.errors }).toEqual({
      status: 400,
      errors: [
        { field: 'wageRegion', message: 'must be the wage region 1, 2, 3 or 4 (vùng I–IV)' },
        { field: 'sector', message: 'must be one of: enterprise, state-agency, budget-funded-unit, household-business, cooperative, other' },
      ],
    });
    const badRate = await server.request('POST', '/api/employers/BL00001/profile-changes', { effectiveOn: '2025-01-01', highRiskApproval: { rate: '0.5', decisionRef: 'x' } });
    expect({ status: badRate.status, fields: badRate.body.errors.map((e: { field: string }) => e.field) }).toEqual({ status: 400, fields: ['highRiskApproval.rate'] });
    const nothing = await server.request('POST', '/api/employers/BL00001/profile-changes', { effectiveOn: '2025-01-01' });
    expect({ status: nothing.status, code: nothing.body.code }).toEqual({ status: 422, code: 'NOTHING_TO_CHANGE' });
    expect((await server.request('POST', '/api/employers/BL00001/profile-changes', { effectiveOn: '2025-02-01', sector: 'other' }, auth(inspector954))).status).toBe(403);
  });

  it('grants a pension-fund suspension (key: decisionRef); only the pension fund', async () => {
    const grant = { fund: 'pension', from: '2021-07-01', to: '2022-06-30', decisionRef: 'QĐ 55/QĐ-BHXH' };
    await recordsOnce('/api/employers/BL00001/fund-suspensions', grant, { ...grant, to: '2022-03-31' }, 'FundSuspensionGranted', auth(clerk954));
    const events = await streamData('employer-BL00001');
    expect(events.at(-1)!.data).toEqual({ unitCode: 'BL00001', areaCode: '954', ...grant });
    const health = await server.request('POST', '/api/employers/BL00001/fund-suspensions', { ...grant, fund: 'health', decisionRef: 'QĐ 56' });
    expect({ status: health.status, errors: health.body.errors }).toEqual({ status: 400, errors: [{ field: 'fund', message: 'must be one of: pension' }] });
  });

  it('registers an employer with a wage region and a sector, and refuses region 0 (400)', async () => {
    const response = await server.request('POST', '/api/employers', { unitCode: 'BL00009', name: 'HTX Bạc Liêu', areaCode: '954', registeredOn: '2020-01-15', wageRegion: 2, sector: 'cooperative' });
    expect(response.status).toBe(201);
    expect((await streamData('employer-BL00009'))[0].data).toEqual({ unitCode: 'BL00009', name: 'HTX Bạc Liêu', areaCode: '954', registeredOn: '2020-01-15', wageRegion: 2, sector: 'cooperative' });
    const bad = await server.request('POST', '/api/employers', { unitCode: 'BL00010', name: 'X', areaCode: '954', registeredOn: '2020-01-15', wageRegion: 0 });
    expect({ status: bad.status, errors: bad.body.errors }).toEqual({ status: 400, errors: [{ field: 'wageRegion', message: 'must be the wage region 1, 2, 3 or 4 (vùng I–IV)' }] });
  });
});
