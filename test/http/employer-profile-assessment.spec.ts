import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 22 item 5 over HTTP (a real Nest app on a loopback socket): the assessment uses the employer's
 * profile as recorded: the BHTN cap of its own wage region, a relief only where its scope includes the
 * employer, 0.3 % TNLĐ with an approved high-risk decision, and no pension dues inside a pension-fund
 * suspension. Every figure is worked by hand beside its case.
 */
describe('the assessment with the employer\'s profile, over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const register = (unitCode: string, registeredOn: string, extra: object = {}) =>
    server.request('POST', '/api/employers', { unitCode, name: `Công ty ${unitCode}`, areaCode: '954', registeredOn, ...extra });
  /** Assesses `persons` persons on `payroll` for `period` and answers the recorded funds and due. */
  async function assess(unitCode: string, period: string, persons: number, payroll: string): Promise<Record<string, string>> {
    const headcount = { socialInsurance: persons, healthInsurance: persons, unemploymentInsurance: persons };
    const response = await server.request('POST', `/api/employers/${unitCode}/assessments`, { period, headcount, payroll, assessedOn: `${period}-01` });
    expect(response.status).toBe(201);
    const events = (await server.request('GET', `/api/streams/employer-${unitCode}/events?fromRevision=${response.body.revision}`)).body.events as { data: { funds: Record<string, string>; due: string } }[];
    return { ...events[0].data.funds, due: events[0].data.due };
  }

  it('registers without a region with a note that region 1 was assumed; with a region, no note', async () => {
    const plain = await register('BL00100', '2019-03-01');
    expect({ status: plain.status, notes: plain.body.notes }).toEqual({
      status: 201,
      notes: ['wageRegion not given: region 1 (vùng I) assumed, whose BHTN cap is the highest; record the real region with POST /api/employers/{unitCode}/profile-changes'],
    });
    const again = await register('BL00100', '2019-03-01');
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: plain.body });
    const regionTwo = await register('BL00102', '2019-03-01', { wageRegion: 2 });
    expect(regionTwo.status).toBe(201);
    expect(Object.keys(regionTwo.body).sort()).toEqual(['eventId', 'position', 'revision', 'streamId', 'type']);
  });

  it('caps a region II employer\'s BHTN at region II\'s minimum wage (August 2024, 2 persons, 200,000,000)', async () => {
    // Base salary 2,340,000 → BHXH/BHYT cap 2 × 46,800,000 = 93,600,000: pension 22 % 20,592,000; sickness 3 %
    // 2,808,000; TNLĐ 0.5 % 468,000; health 4.5 % 4,212,000. BHTN: region II 4,410,000 × 20 × 2 = 176,400,000
    // × 2 % = 3,528,000 (region I's 99,200,000 × 2 would give 3,968,000). Due 31,608,000.
    expect(await assess('BL00102', '2024-08', 2, '200000000')).toEqual({
      pension: '20592000', sickness: '2808000', accident: '468000', health: '4212000', unemployment: '3528000', due: '31608000',
    });
    // Region I (BL00100): 3,968,000 BHTN, due 32,048,000; moved to region II from 2024-09-01, September takes region II's cap.
    expect((await assess('BL00100', '2024-08', 2, '200000000')).unemployment).toBe('3968000');
    expect((await server.request('POST', '/api/employers/BL00100/profile-changes', { effectiveOn: '2024-09-01', wageRegion: 2 })).status).toBe(201);
    expect((await assess('BL00100', '2024-09', 2, '200000000')).unemployment).toBe('3528000');
  });

  it('leaves an employer registered 2022-01-10 outside NQ 116 in March 2022 (2 persons, 50,000,000)', async () => {
    // Under the caps (2 × 29,800,000; BHTN 2 × 88,400,000): pension 22 % 11,000,000; sickness 3 % 1,500,000; TNLĐ 0 %
    // (NQ 68 covers every enterprise); health 4.5 % 2,250,000; BHTN 1 % + 1 % = 1,000,000, as it joined BHTN after
    // 2021-10-01. Due 15,750,000; an employer registered in 2019 gets NQ 116 (BHTN 500,000) and owes 15,250,000.
    expect((await register('BL00122', '2022-01-10')).status).toBe(201);
    expect(await assess('BL00122', '2022-03', 2, '50000000')).toEqual({
      pension: '11000000', sickness: '1500000', accident: '0', health: '2250000', unemployment: '1000000', due: '15750000',
    });
    expect(await assess('BL00100', '2022-03', 2, '50000000')).toMatchObject({ unemployment: '500000', due: '15250000' });
  });

  it('charges TNLĐ at 0.3 % to an approved high-risk employer (May 2023, 2 persons, 40,000,000)', async () => {
    // Pension 22 % 8,800,000; sickness 3 % 1,200,000; TNLĐ 0.3 % 120,000 (0.5 % would be 200,000); health 4.5 %
    // 1,800,000; BHTN 2 % 800,000. Due 12,720,000.
    expect((await register('BL00130', '2019-03-01')).status).toBe(201);
    const approval = { effectiveOn: '2023-01-01', highRiskApproval: { rate: '0.3', decisionRef: 'QĐ 12/QĐ-LĐTBXH' } };
    expect((await server.request('POST', '/api/employers/BL00130/profile-changes', approval)).status).toBe(201);
    expect(await assess('BL00130', '2023-05', 2, '40000000')).toEqual({
      pension: '8800000', sickness: '1200000', accident: '120000', health: '1800000', unemployment: '800000', due: '12720000',
    });
  });

  it('owes no pension dues inside a pension-fund suspension (September 2021, 2 persons, 40,000,000)', async () => {
    // Suspended 2021-07-01..2021-12-31: pension 0 (22 % would be 8,800,000); sickness 1,200,000; TNLĐ 0 % (NQ 68);
    // health 1,800,000; BHTN 2 % 800,000 (NQ 116 starts in October). Due 3,800,000. January 2022, after it:
    // pension 8,800,000 again, BHTN 1 % (NQ 116) 400,000, due 12,200,000.
    expect((await register('BL00140', '2019-03-01')).status).toBe(201);
    const grant = { fund: 'pension', from: '2021-07-01', to: '2021-12-31', decisionRef: 'QĐ 55/QĐ-BHXH' };
    expect((await server.request('POST', '/api/employers/BL00140/fund-suspensions', grant)).status).toBe(201);
    expect(await assess('BL00140', '2021-09', 2, '40000000')).toEqual({
      pension: '0', sickness: '1200000', accident: '0', health: '1800000', unemployment: '800000', due: '3800000',
    });
    expect(await assess('BL00140', '2022-01', 2, '40000000')).toMatchObject({ pension: '8800000', unemployment: '400000', due: '12200000' });
  });
});
