import { auth, startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 28 on the write side, through a real Nest app: an employer and a person of district 465 (the
 * old Quảng Trị, 45, merged into today's Quảng Trị, 44, on 2025-07-01) relocated to Xã Khe Sanh
 * (19429); old codes refused after their end with the successor named; keys checked on the fact's date.
 */
describe('relocations and the 2025 reorganisation over HTTP', () => {
  let server: TestServer;
  const keys: Record<string, string> = {};
  const moveToKheSanh = { areaCode: '19429', effectiveOn: '2025-09-01', reason: 'Sắp xếp đơn vị hành chính 2025: trụ sở thuộc xã Khe Sanh' };
  const assessment = (period: string) => ({
    period, headcount: { socialInsurance: 2, healthInsurance: 2, unemploymentInsurance: 2 }, payroll: '20000000', assessedOn: `${period}-05`,
  });
  const dataOf = async (streamId: string, revision: number) => (await server.request('GET', `/api/streams/${streamId}/events?fromRevision=${revision}&limit=1`)).body.events[0].data;

  beforeAll(async () => {
    server = await startTestServer();
    for (const unitCode of ['QT00001', 'QT00002']) {
      const registered = await server.request('POST', '/api/employers', { unitCode, name: `Công ty ${unitCode}`, areaCode: '465', registeredOn: '2024-01-15' });
      expect(registered.status).toBe(201);
    }
    expect((await server.request('POST', '/api/books', { personId: '4500000001', areaCode: '465', issuedOn: '2024-03-01' })).status).toBe(201);
    for (const area of ['44', '465', '01']) {
      const created = await server.request('POST', '/api/keys', { name: `clerk-${area}`, role: 'clerk', areas: [area] });
      expect(created.status).toBe(201);
      keys[area] = created.body.key;
    }
  });
  afterAll(async () => {
    await server.close();
  });

  it('relocates an employer of district 465 to Xã Khe Sanh: 201, a repeat 200, another area on that date 409', async () => {
    const first = await server.request('POST', '/api/employers/QT00001/relocations', moveToKheSanh, auth(keys['44']));
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ eventId: expect.any(String), type: 'EmployerRelocated', streamId: 'employer-QT00001', revision: 1, position: first.body.position });
    // Until this move the employer counted in the successor province, 44: that is the end it leaves.
    expect(await dataOf('employer-QT00001', 1)).toEqual({ unitCode: 'QT00001', areaCode: '19429', fromAreaCode: '44', effectiveOn: '2025-09-01', reason: moveToKheSanh.reason });
    const again = await server.request('POST', '/api/employers/QT00001/relocations', moveToKheSanh, auth(keys['44']));
    expect([again.status, again.body]).toEqual([200, first.body]);
    const other = await server.request('POST', '/api/employers/QT00001/relocations', { ...moveToKheSanh, areaCode: '18880' }, auth(keys['44']));
    expect([other.status, other.body.code]).toEqual([409, 'IDEMPOTENCY_CONFLICT']);
  });

  it('places the employer\'s later facts in the home of their date: 465, then 44, then 19429', async () => {
    for (const period of ['2025-06', '2025-08', '2025-10']) {
      expect((await server.request('POST', '/api/employers/QT00001/assessments', assessment(period), auth(keys['44']))).status).toBe(201);
    }
    const areas = await Promise.all([2, 3, 4].map(async (revision) => (await dataOf('employer-QT00001', revision)).areaCode));
    expect(areas).toEqual(['465', '44', '19429']);
  });

  it('refuses a malformed relocation (400), an abolished target (422) and an unknown employer (422)', async () => {
    const noReason = await server.request('POST', '/api/employers/QT00001/relocations', { areaCode: '19429', effectiveOn: '2025-10-01' });
    expect([noReason.status, noReason.body.code, noReason.body.errors]).toEqual([400, 'VALIDATION_FAILED', [{ field: 'reason', message: expect.any(String) }]]);
    const abolished = await server.request('POST', '/api/employers/QT00002/relocations', { ...moveToKheSanh, areaCode: '466' });
    expect([abolished.status, abolished.body.code, abolished.body.message]).toEqual([
      422, 'UNKNOWN_AREA', 'area 466 does not exist on 2025-09-01: Huyện Gio Linh ceased on 2025-07-01; its successor is 44 (Tỉnh Quảng Trị), or one of its communes',
    ]);
    const unknown = await server.request('POST', '/api/employers/QT09999/relocations', moveToKheSanh);
    expect([unknown.status, unknown.body.code]).toEqual([422, 'EMPLOYER_NOT_REGISTERED']);
    const before = await server.request('POST', '/api/employers/QT00002/relocations', { ...moveToKheSanh, areaCode: '466', effectiveOn: '2023-12-31' });
    expect([before.status, before.body.code]).toEqual([422, 'DATE_BEFORE_EVENT']);
  });

  it('answers a 2025-09 command naming district 465 with 422 UNKNOWN_AREA naming 44, and keeps 465 before 2025-07-01', async () => {
    const message = 'area 465 does not exist on 2025-09-10: Huyện Hướng Hóa ceased on 2025-07-01; its successor is 44 (Tỉnh Quảng Trị), or one of its communes';
    const payment = { receiptNo: 'QT-R-2025-09', payer: { kind: 'employer', unitCode: 'QT00002' }, amount: '13750000', collectedOn: '2025-09-10', areaCode: '465' };
    const refused = await server.request('POST', '/api/collections', payment);
    expect([refused.status, refused.body]).toEqual([422, { statusCode: 422, code: 'UNKNOWN_AREA', message }]);
    const book = await server.request('POST', '/api/books', { personId: '4500000002', areaCode: '465', issuedOn: '2025-09-10' });
    expect([book.status, book.body.message]).toEqual([422, message]);
    const march = await server.request('POST', '/api/collections', { ...payment, receiptNo: 'QT-R-2025-03', amount: '12500000', collectedOn: '2025-03-10' });
    expect(march.status).toBe(201);
  });

  it('checks a key on the fact\'s date: a key for 465 keeps its history but records nothing after 2025-06-30', async () => {
    const history = await server.request('POST', '/api/employers/QT00002/status-changes', { status: 'active', effectiveOn: '2025-06-01', reason: 'Xác nhận hoạt động' }, auth(keys['465']));
    expect(history.status).toBe(201);
    const late = await server.request('POST', '/api/employers/QT00002/status-changes', { status: 'suspended', effectiveOn: '2026-02-01', reason: 'Tạm ngừng' }, auth(keys['465']));
    expect([late.status, late.body]).toEqual([403, { statusCode: 403, code: 'FORBIDDEN', message: expect.stringContaining('44') }]);
    const payment2026 = await server.request('POST', '/api/collections', { receiptNo: 'QT-R-2026-03', payer: { kind: 'employer', unitCode: 'QT00002' }, amount: '1000000', collectedOn: '2026-03-10' }, auth(keys['465']));
    expect(payment2026.status).toBe(403);
    // The current province reaches its predecessors' history, and the successor's facts of 2026.
    const byProvince = await server.request('POST', '/api/employers/QT00002/status-changes', { status: 'suspended', effectiveOn: '2026-02-01', reason: 'Tạm ngừng' }, auth(keys['44']));
    expect(byProvince.status).toBe(201);
    expect((await dataOf('employer-QT00002', byProvince.body.revision)).areaCode).toBe('44');
    const elsewhere = await server.request('POST', '/api/employers/QT00002/relocations', moveToKheSanh, auth(keys['01']));
    expect(elsewhere.status).toBe(403);
    const byDistrict = await server.request('POST', '/api/employers/QT00002/relocations', moveToKheSanh, auth(keys['465']));
    expect(byDistrict.status).toBe(403);
    expect(await server.runtime.store.findKey('RelocateEmployer:QT00002:2025-09-01')).toBeUndefined();
  });

  it('relocates a person, whose payments without an area are placed in the new home from its date', async () => {
    const moved = await server.request('POST', '/api/persons/4500000001/relocations', moveToKheSanh, auth(keys['44']));
    expect([moved.status, moved.body.type, moved.body.streamId]).toEqual([201, 'PersonRelocated', 'person-4500000001']);
    expect(await dataOf('person-4500000001', 1)).toEqual({ personId: '4500000001', areaCode: '19429', fromAreaCode: '44', effectiveOn: '2025-09-01', reason: moveToKheSanh.reason });
    const payer = { kind: 'person', personId: '4500000001', scheme: 'voluntary-social-insurance', coverFrom: '2025-01', coverTo: '2025-12' };
    for (const [receiptNo, collectedOn] of [['QT-V-08', '2025-08-10'], ['QT-V-09', '2025-09-10']]) {
      expect((await server.request('POST', '/api/collections', { receiptNo, payer, amount: '330000', collectedOn }, auth(keys['44']))).status).toBe(201);
    }
    expect([(await dataOf('person-4500000001', 2)).areaCode, (await dataOf('person-4500000001', 3)).areaCode]).toEqual(['44', '19429']);
  });

  it('imports relocations in bulk through the same pipeline: recorded, refused by line, nothing new the second time', async () => {
    const lines = [
      { command: 'RelocateEmployer', data: { unitCode: 'QT00002', areaCode: '18880', effectiveOn: '2025-10-01', reason: 'Sắp xếp đơn vị hành chính 2025' } },
      { command: 'RelocatePerson', data: { personId: '4500000003', areaCode: '18880', effectiveOn: '2025-10-01', reason: 'Sắp xếp đơn vị hành chính 2025' } },
      { command: 'RelocateEmployer', data: { unitCode: 'QT00001', areaCode: '465', effectiveOn: '2025-11-01', reason: 'Mã cũ' } },
    ];
    const body = lines.map((line) => JSON.stringify(line)).join('\n') + '\n';
    const first = await server.request('POST', '/api/import', body, auth(keys['44']));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ recorded: 2, duplicates: 0, refused: 1, lines: 3, events: 2 });
    expect(first.body.refusals).toEqual([{ line: 3, code: 'UNKNOWN_AREA', message: expect.stringContaining('its successor is 44 (Tỉnh Quảng Trị)') }]);
    const again = await server.request('POST', '/api/import', body, auth(keys['44']));
    expect(again.body).toMatchObject({ recorded: 0, duplicates: 2, refused: 1, events: 0 });
    expect(await dataOf('employer-QT00002', byRevision(await server.request('GET', '/api/streams/employer-QT00002/events?limit=100')))).toEqual({
      unitCode: 'QT00002', areaCode: '18880', fromAreaCode: '44', effectiveOn: '2025-10-01', reason: 'Sắp xếp đơn vị hành chính 2025',
    });
  });
});

/** The revision of a stream's last event. */
function byRevision(answer: { body: { events: { revision: number }[] } }): number {
  return answer.body.events[answer.body.events.length - 1].revision;
}
