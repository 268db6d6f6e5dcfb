import { auth, startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 28 on the read side, through a real Nest app: today's Quảng Trị (44) is the old Quảng Bình
 * (44, district 450 Đồng Hới) and the old Quảng Trị (45, district 465 Hướng Hóa). Its answers over any
 * period hold its predecessors' days before 2025-07-01; an old code answers for its own days and names
 * 44 past its end; an employer relocated to Xã Khe Sanh (19429) on 2025-09-01 counts there from then.
 */
describe('areas across the 2025 reorganisation over HTTP', () => {
  let server: TestServer;
  let position = 0;
  const keys: Record<string, string> = {};

  const record = async (path: string, body: unknown) => {
    const response = await server.request('POST', path, body);
    expect([path, response.status]).toEqual([path, 201]);
    position = Math.max(position, response.body.position);
  };
  const pay = (unitCode: string, amount: string, collectedOn: string) =>
    record('/api/collections', { receiptNo: `${unitCode}-${collectedOn}`, payer: { kind: 'employer', unitCode }, amount, collectedOn });
  const get = (path: string, key?: string) =>
    server.request('GET', `${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, undefined, key ? auth(key) : {});

  beforeAll(async () => {
    server = await startTestServer();
    await record('/api/employers', { unitCode: 'QT10001', name: 'Công ty Hướng Hóa', areaCode: '465', registeredOn: '2024-01-15' });
    await record('/api/employers', { unitCode: 'QT10002', name: 'Công ty Khe Sanh', areaCode: '465', registeredOn: '2024-01-15' });
    await record('/api/employers', { unitCode: 'QB10001', name: 'Công ty Đồng Hới', areaCode: '450', registeredOn: '2024-02-01' });
    await pay('QT10001', '10000000', '2024-06-10');
    // The case: registered in 2024 in district 465, pays in March and in September 2025.
    await pay('QT10001', '12500000', '2025-03-10');
    await pay('QT10001', '13750000', '2025-09-10');
    await pay('QT10001', '15000000', '2026-03-10');
    await pay('QB10001', '8000000', '2025-02-10');
    await pay('QB10001', '9000000', '2026-02-10');
    await record('/api/employers', { unitCode: 'QT10003', name: 'Công ty Gio Linh', areaCode: '466', registeredOn: '2024-01-15' });
    await record('/api/employers/QT10003/assessments', {
      period: '2025-05', headcount: { socialInsurance: 2, healthInsurance: 2, unemploymentInsurance: 2 }, payroll: '20000000', assessedOn: '2025-05-05',
    });
    await record('/api/employers/QT10002/relocations', { areaCode: '19429', effectiveOn: '2025-09-01', reason: 'Trụ sở thuộc xã Khe Sanh' });
    await pay('QT10002', '5000000', '2025-08-10');
    await pay('QT10002', '6000000', '2025-09-15');
    await record('/api/plans', {
      year: 2025, areaCode: '44', targets: { collection: '100000000', participants: { mandatorySocialInsurance: 10, voluntarySocialInsurance: 1, unemploymentInsurance: 10, healthInsurance: 10 } },
      labourForce: 1000, population: 2000, assignedOn: '2025-07-15',
    });
    for (const area of ['44', '465']) {
      const created = await server.request('POST', '/api/keys', { name: `auditor-${area}`, role: 'auditor', areas: [area] });
      expect(created.status).toBe(201);
      keys[area] = created.body.key;
    }
  });
  afterAll(async () => {
    await server.close();
  });

  it("counts both of the 465 employer's 2025 payments, and its predecessors' first half, in the new 44's 2025 totals", async () => {
    const totals = await get('/api/areas/44/totals?from=2025-01-01&to=2025-12-31');
    expect(totals.status).toBe(200);
    // 12,500,000 + 13,750,000 (QT10001) + 8,000,000 (QB10001, old Quảng Bình) + 5,000,000 + 6,000,000 (QT10002).
    expect([totals.body.areaCode, totals.body.name, totals.body.collections, totals.body.supersededBy]).toEqual([
      '44', 'Tỉnh Quảng Trị', { amount: '45250000', count: 5 }, undefined,
    ]);
  });

  it('compares the new 44 year on year like with like: 2026 against old 44 and old 45 together in 2025', async () => {
    const report = await get('/api/reports/province/44?from=2026-01-01&to=2026-03-31');
    expect(report.status).toBe(200);
    expect([report.body.previousFrom, report.body.previousTo, report.body.previousYearHasData]).toEqual(['2025-01-01', '2025-03-31', true]);
    // 2026: 15,000,000 + 9,000,000; 2025: 12,500,000 (district 465) + 8,000,000 (district 450); +3,500,000 = 17.07 %.
    expect(report.body.collections.amount).toEqual({ value: '24000000', previousYear: '20500000', change: '3500000', changePercent: 17.07 });
    expect(report.body.collections.count).toEqual({ value: 2, previousYear: 2, change: 0, changePercent: 0 });
  });

  it('counts an employer relocated to Xã Khe Sanh on 2025-09-01 in that commune from then, and in 44 before', async () => {
    const commune = await get('/api/areas/19429/totals?from=2025-01-01&to=2025-12-31');
    expect([commune.status, commune.body.collections]).toEqual([200, { amount: '6000000', count: 1 }]);
    const august = await get('/api/areas/44/totals?from=2025-08-01&to=2025-08-31');
    expect(august.body.collections).toEqual({ amount: '5000000', count: 1 });
  });

  it('answers an old code for its own days and names its successor past its end', async () => {
    const year2024 = await get('/api/areas/45/totals?from=2024-01-01&to=2024-12-31');
    expect([year2024.status, year2024.body.collections, 'supersededBy' in year2024.body]).toEqual([200, { amount: '10000000', count: 1 }, false]);
    // 2025: only the first half is 45's; the September payment counts in 44.
    const year2025 = await get('/api/areas/45/totals?from=2025-01-01&to=2025-12-31');
    expect([year2025.body.from, year2025.body.to, year2025.body.collections, year2025.body.supersededBy]).toEqual([
      '2025-01-01', '2025-12-31', { amount: '12500000', count: 1 }, '44',
    ]);
    const district = await get('/api/areas/465/totals?from=2025-07-01&to=2025-12-31');
    expect([district.body.collections, district.body.supersededBy]).toEqual([{ amount: '0', count: 0 }, '44']);
    const payouts = await get('/api/payouts/2025-09?area=45');
    expect([payouts.status, payouts.body.total, payouts.body.supersededBy]).toEqual([200, { amount: '0', payments: 0, recipients: 0 }, '44']);
    const report = await get('/api/reports/province/45?from=2025-01-01&to=2025-12-31');
    expect([report.body.collections.amount.value, report.body.supersededBy]).toEqual(['12500000', '44']);
  });

  it("measures a plan assigned to the new 44 for 2025 against its predecessors' first-half collections", async () => {
    const progress = await get('/api/plans/2025/progress?area=44&asOf=2025-08-31');
    expect(progress.status).toBe(200);
    // 12,500,000 (465, March) + 8,000,000 (450, February) + 5,000,000 (August, in 44) of 100,000,000.
    expect(progress.body.collection).toEqual({ target: '100000000', actual: '25500000', percent: 25.5 });
  });

  it('lets a key scoped to 465 see its history and nothing in 2026; a key for 44 sees 45 and 465 history', async () => {
    const history = await get('/api/areas/465/totals?from=2024-01-01&to=2025-06-30', keys['465']);
    expect([history.status, history.body.collections, 'supersededBy' in history.body]).toEqual([200, { amount: '22500000', count: 2 }, false]);
    const year2026 = await get('/api/areas/465/totals?from=2026-01-01&to=2026-12-31', keys['465']);
    expect([year2026.status, year2026.body.collections, year2026.body.supersededBy]).toEqual([200, { amount: '0', count: 0 }, '44']);
    const successor = await get('/api/areas/44/totals?from=2026-01-01&to=2026-12-31', keys['465']);
    expect(successor.status).toBe(403);
    const old = await get('/api/areas/45/totals?from=2024-01-01&to=2024-12-31', keys['44']);
    expect([old.status, old.body.collections]).toEqual([200, { amount: '10000000', count: 1 }]);
  });

  it("lists a predecessor's employer in the current province's arrears, and nothing under the old code after its end", async () => {
    const current = await get('/api/arrears?area=44&asOf=2025-12-31');
    expect([current.status, current.body.items.map((item: { unitCode: string }) => item.unitCode)]).toEqual([200, ['QT10003']]);
    const history = await get('/api/arrears?area=45&asOf=2025-06-30');
    expect([history.body.items.map((item: { unitCode: string }) => item.unitCode), 'supersededBy' in history.body]).toEqual([['QT10003'], false]);
    const after = await get('/api/arrears?area=466&asOf=2026-01-31');
    expect([after.status, after.body.items, after.body.totals.employers, after.body.supersededBy]).toEqual([200, [], 0, '44']);
  });

  it('lists who in 44 is still homed in an abolished area (the clerks\' worklist), and who is not', async () => {
    const abolished = await get('/api/employers?area=44&homedIn=abolished');
    expect([abolished.status, abolished.body]).toEqual([200, {
      items: [
        { unitCode: 'QB10001', name: 'Công ty Đồng Hới', areaCode: '450', homedIn: 'abolished', successorAreaCode: '44' },
        { unitCode: 'QT10001', name: 'Công ty Hướng Hóa', areaCode: '465', homedIn: 'abolished', successorAreaCode: '44' },
        { unitCode: 'QT10003', name: 'Công ty Gio Linh', areaCode: '466', homedIn: 'abolished', successorAreaCode: '44' },
      ],
      nextCursor: null,
    }]);
    const current = await get('/api/employers?area=44&homedIn=current');
    expect(current.body).toEqual({ items: [{ unitCode: 'QT10002', name: 'Công ty Khe Sanh', areaCode: '19429', homedIn: 'current' }], nextCursor: null });
    const first = await get('/api/employers?area=44&limit=2');
    expect([first.body.items.map((item: { unitCode: string }) => item.unitCode), typeof first.body.nextCursor]).toEqual([['QB10001', 'QT10001'], 'string']);
    const second = await get(`/api/employers?area=44&limit=2&cursor=${first.body.nextCursor}`);
    expect([second.body.items.map((item: { unitCode: string }) => item.unitCode), second.body.nextCursor]).toEqual([['QT10002', 'QT10003'], null]);
    const bad = await get('/api/employers?area=44&homedIn=gone');
    expect([bad.status, bad.body.errors]).toEqual([400, [{ field: 'homedIn', message: 'must be one of abolished, current' }]]);
  });
});
