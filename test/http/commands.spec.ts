import { startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Every command route through a real Nest app on a loopback socket: allowed (201), repeated
 * (200, nothing written), same key other content (409), malformed (400), refused (422).
 */
describe('commands over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const employer = { unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', registeredOn: '2019-03-01' };
  const assessment = {
    period: '2023-05', headcount: { socialInsurance: 1, healthInsurance: 1, unemploymentInsurance: 1 }, payroll: '1234567', assessedOn: '2023-06-01',
  };

  it('registers an employer (201), answers a repeat with the original (200) and a changed repeat with 409', async () => {
    const first = await server.request('POST', '/api/employers', employer);
    expect(first.status).toBe(201);
    // Registered without a wage region, the answer notes that region 1 was assumed (issue 22 item 5).
    expect(first.body).toEqual({
      eventId: expect.any(String), type: 'EmployerRegistered', streamId: 'employer-BL00001', revision: 0, position: 1,
      notes: ['wageRegion not given: region 1 (vùng I) assumed, whose BHTN cap is the highest; record the real region with POST /api/employers/{unitCode}/profile-changes'],
    });
    const again = await server.request('POST', '/api/employers', employer);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const changed = await server.request('POST', '/api/employers', { ...employer, name: 'Another name' });
    expect(changed.status).toBe(409);
    expect(changed.body.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await server.runtime.store.headPosition()).toBe(1);
  });

  it('assesses a 2023 payroll of 1,234,567 đ at 395,062 đ due, fund by fund, due at the end of the month', async () => {
    const response = await server.request('POST', '/api/employers/BL00001/assessments', assessment);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ type: 'ContributionAssessed', streamId: 'employer-BL00001', revision: 1 });
    const stream = await server.request('GET', '/api/streams/employer-BL00001/events?fromRevision=1');
    expect(stream.status).toBe(200);
    expect(stream.body.events[0].data).toMatchObject({
      unitCode: 'BL00001', areaCode: '954', period: '2023-05', payroll: '1234567', dueDate: '2023-05-31', due: '395062',
      funds: { pension: '271605', sickness: '37037', accident: '6173', health: '55556', unemployment: '24691' },
    });
    expect(stream.body.events[0].metadata).toMatchObject({
      actor: expect.any(String), role: expect.any(String), source: 'http', commandKey: 'AssessContribution:BL00001:2023-05', schemaVersion: 1,
      prevHash: stream.body.events[0].metadata.prevHash, hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('refuses a second assessment of the same period with other content (409) and of an unknown employer (422)', async () => {
    const conflict = await server.request('POST', '/api/employers/BL00001/assessments', { ...assessment, payroll: '2000000' });
    expect(conflict.status).toBe(409);
    const unknown = await server.request('POST', '/api/employers/NOPE001/assessments', assessment);
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'EMPLOYER_NOT_REGISTERED', message: expect.any(String) });
  });

  it.each([
    ['a fractional string', '12.5'],
    ['a fractional number', 12.5],
    ['a negative amount', '-5'],
    ['an exponent', '1e5'],
    ['more than 10^15', '1000000000000001'],
    ['more than 10^18', '1000000000000000001'],
    ['an unsafe integer', 2 ** 53],
  ])('refuses %s as an amount with 400 on the field, writing nothing', async (_, amount) => {
    const before = await server.runtime.store.headPosition();
    const response = await server.request('POST', '/api/collections', {
      receiptNo: `R-BAD-${String(amount)}`, payer: { kind: 'employer', unitCode: 'BL00001' }, amount, collectedOn: '2023-06-10',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'amount' })]));
    expect(await server.runtime.store.headPosition()).toBe(before);
  });

  it('normalises a safe-integer JSON amount to a decimal string', async () => {
    const response = await server.request('POST', '/api/collections', {
      receiptNo: 'R-0001', payer: { kind: 'employer', unitCode: 'BL00001' }, amount: 395062, collectedOn: '2023-06-10',
    });
    expect(response.status).toBe(201);
    const stream = await server.request('GET', `/api/streams/employer-BL00001/events?fromRevision=${response.body.revision}`);
    expect(stream.body.events[0].data).toEqual({
      receiptNo: 'R-0001', payer: { kind: 'employer', unitCode: 'BL00001' }, amount: '395062', collectedOn: '2023-06-10', areaCode: '954',
    });
  });

  it('refuses unknown fields, unreadable JSON and a wrong enum with 400', async () => {
    const unknownField = await server.request('POST', '/api/employers', { ...employer, unitCode: 'X000001', extra: 1 });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors).toEqual([expect.objectContaining({ field: 'extra' })]);
    const response = await fetch(`${server.url}/api/employers`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminKey}` }, body: '{"unitCode":' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    const badStatus = await server.request('POST', '/api/employers/BL00001/status-changes', { status: 'sleeping', effectiveOn: '2023-07-01', reason: 'x' });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
  });

  it('refuses an area code that is not in force on the business date (422 UNKNOWN_AREA)', async () => {
    const unknown = await server.request('POST', '/api/employers', { ...employer, unitCode: 'X000002', areaCode: '999' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('UNKNOWN_AREA');
    // Districts were abolished on 2025-07-01: 954 no longer exists then.
    const abolished = await server.request('POST', '/api/employers', { ...employer, unitCode: 'X000003', registeredOn: '2025-07-01' });
    expect(abolished.status).toBe(422);
    expect(abolished.body.code).toBe('UNKNOWN_AREA');
  });

  it('records books, cards, benefits, claims, plans, inspections and status changes (201)', async () => {
    const cases: [string, object, string][] = [
      ['/api/books', { personId: '9512345679', areaCode: '954', issuedOn: '2021-03-03' }, 'BookIssued'],
      ['/api/cards', { cardNo: 'DN4959512345679', personId: '9512345679', areaCode: '954', validFrom: '2021-01-01', validTo: '2021-12-31', issuedOn: '2020-12-20' }, 'CardIssued'],
      ['/api/benefit-payments', { paymentRef: 'P-1', personId: '9500000001', benefit: 'pension', payoutMonth: '2021-06', amount: '4500000', channel: 'post-office-cash', areaCode: '954', paidOn: '2021-06-05' }, 'BenefitPaid'],
      ['/api/claim-assessments', { assessmentRef: 'GD-1', facilityCode: '95001', areaCode: '954', period: '2021-06', visits: { outpatient: 1200, inpatient: 80 }, requested: '900000000', approved: '850000000', assessedOn: '2021-07-15' }, 'ClaimAssessed'],
      ['/api/plans', { year: 2021, areaCode: '95', targets: { collection: '2000000000000', participants: { mandatorySocialInsurance: 40000, voluntarySocialInsurance: 15670, unemploymentInsurance: 35000, healthInsurance: 774200 } }, labourForce: 500000, population: 917000, assignedOn: '2021-01-10' }, 'PlanAssigned'],
      ['/api/inspections', { inspectionId: 'TT-1', unitCode: 'BL00001', inspectedOn: '2021-04-20', unannounced: true, arrearsFound: '848452815' }, 'InspectionRecorded'],
      ['/api/employers/BL00001/status-changes', { status: 'suspended', effectiveOn: '2023-09-01', reason: 'Tạm ngừng kinh doanh' }, 'EmployerStatusChanged'],
    ];
    for (const [path, body, type] of cases) {
      const response = await server.request('POST', path, body);
      expect({ path, status: response.status, type: response.body.type }).toEqual({ path, status: 201, type });
    }
    const claim = await server.request('GET', '/api/streams/facility-95001/events');
    expect(claim.body.events[0].data.refused).toBe('50000000');
  });

  it('refuses an overlapping card (422 CARD_PERIOD_OVERLAP) and a claim approving more than requested (422)', async () => {
    const overlap = await server.request('POST', '/api/cards', {
      cardNo: 'DN4959512345679', personId: '9512345679', areaCode: '954', validFrom: '2021-06-01', validTo: '2022-05-31', issuedOn: '2021-05-20',
    });
    expect(overlap.status).toBe(422);
    expect(overlap.body.code).toBe('CARD_PERIOD_OVERLAP');
    const claim = await server.request('POST', '/api/claim-assessments', {
      assessmentRef: 'GD-2', facilityCode: '95001', areaCode: '954', period: '2021-07', visits: { outpatient: 1, inpatient: 0 }, requested: '100', approved: '101', assessedOn: '2021-08-15',
    });
    expect(claim.status).toBe(422);
    expect(claim.body.code).toBe('APPROVED_EXCEEDS_REQUESTED');
  });

  it('reverses a fact once, in its own stream; a reversed assessment frees its period', async () => {
    const june = await server.request('POST', '/api/employers/BL00001/assessments', { ...assessment, period: '2023-06', assessedOn: '2023-07-01' });
    expect(june.status).toBe(201);
    const reversal = { eventId: june.body.eventId, reason: 'Sai quỹ lương', reversedOn: '2023-07-02' };
    const reversed = await server.request('POST', '/api/reversals', reversal);
    expect(reversed.status).toBe(201);
    expect(reversed.body).toMatchObject({ type: 'EntryReversed', streamId: 'employer-BL00001', revision: june.body.revision + 1 });
    expect((await server.request('POST', '/api/reversals', reversal)).status).toBe(200);
    const otherReason = await server.request('POST', '/api/reversals', { ...reversal, reason: 'Khác' });
    expect(otherReason.status).toBe(409);
    const reassessed = await server.request('POST', '/api/employers/BL00001/assessments', { ...assessment, period: '2023-06', payroll: '2000000', assessedOn: '2023-07-03' });
    expect(reassessed.status).toBe(201);
    const missing = await server.request('POST', '/api/reversals', { eventId: '00000000-0000-4000-8000-000000000000', reason: 'x', reversedOn: '2023-07-02' });
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('EVENT_NOT_FOUND');
    const registration = await server.request('POST', '/api/reversals', { eventId: (await server.request('POST', '/api/employers', employer)).body.eventId, reason: 'x', reversedOn: '2023-07-02' });
    expect(registration.status).toBe(422);
    expect(registration.body.code).toBe('NOT_REVERSIBLE');
  });

  it('reconciles a payout statement: matched, mismatched, missing on either side', async () => {
    await server.request('POST', '/api/benefit-payments', { paymentRef: 'P-2', personId: '9500000002', benefit: 'pension', payoutMonth: '2021-06', amount: '3000000', channel: 'bank-account', areaCode: '954', paidOn: '2021-06-05' });
    await server.request('POST', '/api/benefit-payments', { paymentRef: 'P-3', personId: '9500000003', benefit: 'survivor', payoutMonth: '2021-06', amount: '1000000', channel: 'post-office-cash', areaCode: '954', paidOn: '2021-06-05' });
    const response = await server.request('POST', '/api/payout-reconciliations', {
      statementRef: 'VNPOST-954-2021-06', month: '2021-06', areaCode: '954', agent: 'Bưu điện Bạc Liêu',
      lines: [
        { paymentRef: 'P-1', personId: '9500000001', amount: '4500000' },
        { paymentRef: 'P-2', personId: '9500000002', amount: '3100000' },
        { paymentRef: 'P-9', personId: '9500000009', amount: '700000' },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      type: 'PayoutsReconciled', streamId: 'payout-954-2021-06', revision: 0,
      statementRef: 'VNPOST-954-2021-06', month: '2021-06', areaCode: '954',
      matched: { count: 1, amount: '4500000' },
      amountMismatches: { count: 1, amount: '3100000' },
      missingInLedger: { count: 1, amount: '700000' },
      missingInStatement: { count: 1, amount: '1000000' },
    });
  });

  it('takes a statement as text/csv with the header row and query parameters', async () => {
    const csv = '\uFEFFpaymentRef;personId;amount\nP-1;9500000001;4.500.000\nP-2;9500000002;3.000.000\nP-3;9500000003;1.000.000\n';
    const response = await fetch(`${server.url}/api/payout-reconciliations?statementRef=CSV-1&month=2021-06&areaCode=954&agent=B%C6%B0u%20%C4%91i%E1%BB%87n`, {
      method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${server.adminKey}` }, body: csv,
    });
    const body = (await response.json()) as any;
    expect(response.status).toBe(201);
    expect(body.matched).toEqual({ count: 3, amount: '8500000' });
    expect(body.missingInStatement).toEqual({ count: 0, amount: '0', items: [] });
  });
});
