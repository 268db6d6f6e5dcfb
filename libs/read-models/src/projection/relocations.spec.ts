import { EventLog, fundsOf, headcount } from '../testing/event-log.js';
import { describeEachStore, type ReadModelsHarness } from '../testing/read-models-harness.js';

/**
 * Issue 28's relocations in the read models, on real SQLite and PostgreSQL: an employer registered in
 * district 465 (the old Quảng Trị, merged into today's 44) is moved to Xã Khe Sanh (19429) from
 * 2025-09-01 and pays on 2025-09-10; the move is then reversed. The facts are placed as the ledger
 * records them (the payment names 19429, since it was recorded after the move).
 */
function relocationLog() {
  const log = new EventLog();
  log.record('EmployerRegistered', { unitCode: 'QT10001', name: 'Công ty Hướng Hóa', areaCode: '465', registeredOn: '2024-01-15' });
  const moved = log.record('EmployerRelocated', { unitCode: 'QT10001', areaCode: '19429', fromAreaCode: '44', effectiveOn: '2025-09-01', reason: 'Trụ sở thuộc xã Khe Sanh' });
  log.record('ContributionAssessed', {
    unitCode: 'QT10001', areaCode: '19429', period: '2025-09', headcount: headcount(7), payroll: '1', unemploymentPayroll: '1',
    assessedOn: '2025-09-05', dueDate: '2025-09-30', funds: fundsOf('13750000'), due: '13750000',
  });
  log.record('ContributionCollected', { receiptNo: 'QT-2025-09', payer: { kind: 'employer', unitCode: 'QT10001' }, amount: '13750000', collectedOn: '2025-09-10', areaCode: '19429' });
  return { log, moved };
}

const YEAR = ['2025-01-01', '2025-12-31'] as const;

async function collections(h: ReadModelsHarness, area: string) {
  return (await h.queries.areaTotals(area, ...YEAR))!.collections;
}

describeEachStore('relocations and their reversal in the read models', (stores) => {
  it('the commune counts the payment while the move stands; reversed, the commune counts 0 and the successor province all of it', async () => {
    const { log, moved } = relocationLog();
    const h = await stores.harness({ today: '2026-12-06' });
    await h.project(log);
    expect([await collections(h, '19429'), await collections(h, '44')]).toEqual([{ amount: '13750000', count: 1 }, { amount: '13750000', count: 1 }]);
    expect((await h.queries.areaTotals('19429', ...YEAR))!.participants.mandatorySocialInsurance).toBe(7);

    log.reverse(moved, '2025-11-01', 'Quyết định di dời bị hủy');
    await h.project(log);
    const commune = (await h.queries.areaTotals('19429', ...YEAR))!;
    expect([commune.collections, commune.assessments, commune.participants.mandatorySocialInsurance]).toEqual([{ amount: '0', count: 0 }, { due: '0' }, 0]);
    const province = (await h.queries.areaTotals('44', ...YEAR))!;
    expect([province.collections, province.assessments, province.participants.mandatorySocialInsurance]).toEqual([
      { amount: '13750000', count: 1 }, { due: '13750000' }, 7,
    ]);
    // The worklist of abolished homes has the employer again: back in 465, counted in 44 meanwhile.
    expect(await h.queries.employersByHome({ area: '44', homedIn: 'abolished' })).toEqual({
      items: [{ unitCode: 'QT10001', name: 'Công ty Hướng Hóa', areaCode: '465', homedIn: 'abolished', successorAreaCode: '44' }],
      nextCursor: null,
    });
    // The facts themselves are placed again, not only the summaries: a query that reads the facts agrees.
    expect(await h.store.db.query("SELECT area_code AS \"areaCode\", province FROM collections WHERE unit_code = 'QT10001'")).toEqual([{ areaCode: '44', province: '44' }]);
  });

  it('a move recorded after a payment it covers takes the payment with it, and a rebuild gives the live figures', async () => {
    const log = new EventLog();
    log.record('EmployerRegistered', { unitCode: 'QT10002', name: 'Công ty Khe Sanh', areaCode: '465', registeredOn: '2024-01-15' });
    log.record('ContributionCollected', { receiptNo: 'QT2-2025-03', payer: { kind: 'employer', unitCode: 'QT10002' }, amount: '12500000', collectedOn: '2025-03-10', areaCode: '465' });
    log.record('ContributionCollected', { receiptNo: 'QT2-2025-09', payer: { kind: 'employer', unitCode: 'QT10002' }, amount: '13750000', collectedOn: '2025-09-10', areaCode: '44' });
    // A payment a clerk booked to another area (Hà Nội, 01) is not the employer's home: it stays.
    log.record('ContributionCollected', { receiptNo: 'QT2-2025-09b', payer: { kind: 'employer', unitCode: 'QT10002' }, amount: '1000000', collectedOn: '2025-09-12', areaCode: '01' });
    const moved = log.record('EmployerRelocated', { unitCode: 'QT10002', areaCode: '19429', fromAreaCode: '44', effectiveOn: '2025-09-01', reason: 'Trụ sở thuộc xã Khe Sanh' });
    const live = await stores.harness({ today: '2026-12-06' });
    await live.project(log);
    expect([await collections(live, '19429'), await collections(live, '465'), await collections(live, '01')]).toEqual([
      { amount: '13750000', count: 1 }, { amount: '12500000', count: 1 }, { amount: '1000000', count: 1 },
    ]);
    log.reverse(moved, '2025-11-01');
    await live.project(log);
    expect([await collections(live, '19429'), await collections(live, '44')]).toEqual([{ amount: '0', count: 0 }, { amount: '26250000', count: 2 }]);

    const rebuilt = await stores.harness({ today: '2026-12-06' });
    await rebuilt.projector.rebuild(log, undefined, 2);
    for (const code of ['44', '45', '465', '19429', '01']) {
      expect([code, await rebuilt.queries.areaTotals(code, ...YEAR)]).toEqual([code, await live.queries.areaTotals(code, ...YEAR)]);
    }
    expect(await rebuilt.queries.employersByHome({ area: '44' })).toEqual(await live.queries.employersByHome({ area: '44' }));
  });

  it("a person's payments recorded after their move go back to the home they left when the move is reversed", async () => {
    const log = new EventLog();
    const payer = { kind: 'person' as const, personId: '4500000001', scheme: 'voluntary-social-insurance' as const, coverFrom: '2025-09', coverTo: '2025-12' };
    log.record('BookIssued', { personId: '4500000001', areaCode: '465', issuedOn: '2024-03-01', reissue: false });
    const moved = log.record('PersonRelocated', { personId: '4500000001', areaCode: '19429', fromAreaCode: '44', effectiveOn: '2025-09-01', reason: 'Sắp xếp đơn vị hành chính 2025' });
    log.record('ContributionCollected', { receiptNo: 'V-09', payer, amount: '1320000', collectedOn: '2025-09-10', areaCode: '19429' });
    const h = await stores.harness({ today: '2026-12-06' });
    await h.project(log);
    expect((await h.queries.areaTotals('19429', '2025-09-01', '2025-09-30'))!.participants.voluntarySocialInsurance).toBe(1);
    log.reverse(moved, '2025-11-01');
    await h.project(log);
    const [commune, province] = [(await h.queries.areaTotals('19429', '2025-09-01', '2025-09-30'))!, (await h.queries.areaTotals('44', '2025-09-01', '2025-09-30'))!];
    expect([commune.collections, commune.participants.voluntarySocialInsurance]).toEqual([{ amount: '0', count: 0 }, 0]);
    expect([province.collections, province.participants.voluntarySocialInsurance]).toEqual([{ amount: '1320000', count: 1 }, 1]);
    const rebuilt = await stores.harness({ today: '2026-12-06' });
    await rebuilt.projector.rebuild(log);
    expect(await rebuilt.queries.areaTotals('44', '2025-09-01', '2025-09-30')).toEqual(province);
    expect(await rebuilt.queries.areaTotals('19429', '2025-09-01', '2025-09-30')).toEqual(commune);
  });
});
