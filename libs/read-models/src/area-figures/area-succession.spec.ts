import { EventLog, fundsOf, headcount } from '../testing/event-log.js';
import { describeEachStore } from '../testing/read-models-harness.js';

/**
 * Issue 28 in the read models: today's Quảng Trị (44) took over the old Quảng Bình (44, district 450)
 * and the old Quảng Trị (45, district 465) on 2025-07-01. Facts are placed as the ledger records
 * them: an employer's facts name its home on their date (465 before, 44 from 2025-07-01, the commune
 * 19429 once relocated there).
 */
function reorganisationLog(): EventLog {
  const log = new EventLog();
  const assess = (unitCode: string, areaCode: string, period: string, n: number) =>
    log.record('ContributionAssessed', {
      unitCode, areaCode, period, headcount: headcount(n), payroll: '1', unemploymentPayroll: '1',
      assessedOn: `${period}-05`, dueDate: `${period}-28`, funds: fundsOf('1000000'), due: '1000000',
    });
  const pay = (unitCode: string, areaCode: string, amount: string, collectedOn: string) =>
    log.record('ContributionCollected', { receiptNo: `${unitCode}-${collectedOn}`, payer: { kind: 'employer', unitCode }, amount, collectedOn, areaCode });
  log.record('EmployerRegistered', { unitCode: 'QT10001', name: 'Công ty Hướng Hóa', areaCode: '465', registeredOn: '2024-01-15' });
  log.record('EmployerRegistered', { unitCode: 'QB10001', name: 'Công ty Đồng Hới', areaCode: '450', registeredOn: '2024-02-01' });
  assess('QT10001', '465', '2025-03', 7);
  assess('QB10001', '450', '2025-03', 5);
  pay('QT10001', '465', '12500000', '2025-03-10');
  pay('QB10001', '450', '8000000', '2025-02-10');
  pay('QT10001', '44', '13750000', '2025-09-10');
  log.record('EmployerRelocated', { unitCode: 'QT10001', areaCode: '19429', fromAreaCode: '44', effectiveOn: '2025-10-01', reason: 'Trụ sở thuộc xã Khe Sanh' });
  pay('QT10001', '19429', '6000000', '2025-10-15');
  // One person with cards in both old provinces, and a voluntary contributor of the old 45.
  log.record('CardIssued', { cardNo: 'HN4450000001', personId: '4500000001', areaCode: '465', validFrom: '2025-01-01', validTo: '2025-12-31', issuedOn: '2024-12-20' });
  log.record('CardIssued', { cardNo: 'HN4440000001', personId: '4500000001', areaCode: '450', validFrom: '2025-01-01', validTo: '2025-12-31', issuedOn: '2024-12-21' });
  log.record('ContributionCollected', {
    receiptNo: 'V-4500000002', payer: { kind: 'person', personId: '4500000002', scheme: 'voluntary-social-insurance', coverFrom: '2025-01', coverTo: '2025-12' },
    amount: '2640000', collectedOn: '2025-01-05', areaCode: '465',
  });
  return log;
}

describeEachStore('areas across the 2025 reorganisation', (stores) => {
  it("a current province's answers hold its predecessors' history; a person in both old provinces counts once", async () => {
    const h = await stores.harness({ today: '2026-12-06' });
    await h.project(reorganisationLog());
    const totals = (await h.queries.areaTotals('44', '2025-01-01', '2025-12-31'))!;
    expect([totals.collections, totals.participants, totals.supersededBy]).toEqual([
      { amount: '42890000', count: 5 },
      { mandatorySocialInsurance: 12, voluntarySocialInsurance: 1, unemploymentInsurance: 12, healthInsurance: 1 },
      undefined,
    ]);
    const march = (await h.queries.areaTotals('44', '2025-01-01', '2025-03-31'))!;
    expect([march.collections, march.participants.healthInsurance]).toEqual([{ amount: '23140000', count: 3 }, 1]);
  });

  it('an abolished province answers for its districts up to 2025-06-30, persons counted under its own summary key, and names 44', async () => {
    const h = await stores.harness({ today: '2026-12-06' });
    await h.project(reorganisationLog());
    const old = (await h.queries.areaTotals('45', '2025-01-01', '2025-12-31'))!;
    expect([old.collections, old.participants, old.supersededBy]).toEqual([
      { amount: '15140000', count: 2 },
      // Stocks on its last day: the voluntary cover and the 465 card. An employer's headcount is read
      // through its latest recorded home (docs/decisions.md), and the 465 employer has moved to 19429 since.
      { mandatorySocialInsurance: 0, voluntarySocialInsurance: 1, unemploymentInsurance: 0, healthInsurance: 1 },
      '44',
    ]);
    // Its persons are counted from the summaries' `o:45` rows (issue 23), the same figures as from the facts.
    expect(await h.store.db.query("SELECT DISTINCT person_id FROM voluntary_cover_months WHERE scope_key = 'o:45'")).toEqual([{ person_id: '4500000002' }]);
    expect(await h.store.db.query("SELECT person_id, start_on, end_on FROM card_cover_runs WHERE scope_key = 'o:45'")).toEqual([
      { person_id: '4500000001', start_on: '2025-01-01', end_on: '2025-12-31' },
    ]);
    const district = (await h.queries.areaTotals('450', '2025-01-01', '2025-12-31'))!;
    expect([district.collections, district.participants, district.supersededBy]).toEqual([
      { amount: '8000000', count: 1 },
      { mandatorySocialInsurance: 5, voluntarySocialInsurance: 0, unemploymentInsurance: 5, healthInsurance: 1 },
      '44',
    ]);
    const after = (await h.queries.areaTotals('465', '2026-01-01', '2026-06-30'))!;
    expect([after.collections, after.participants.healthInsurance, after.supersededBy]).toEqual([{ amount: '0', count: 0 }, 0, '44']);
  });

  it('an employer relocated to a commune counts there from its move, and leaves the worklist of abolished homes', async () => {
    const h = await stores.harness({ today: '2026-12-06' });
    await h.project(reorganisationLog());
    const commune = (await h.queries.areaTotals('19429', '2025-01-01', '2025-12-31'))!;
    expect([commune.collections, commune.participants.mandatorySocialInsurance]).toEqual([{ amount: '6000000', count: 1 }, 7]);
    expect(await h.queries.employersByHome({ area: '44', homedIn: 'abolished' })).toEqual({
      items: [{ unitCode: 'QB10001', name: 'Công ty Đồng Hới', areaCode: '450', homedIn: 'abolished', successorAreaCode: '44' }],
      nextCursor: null,
    });
    expect((await h.queries.arrearsWorklist({ area: '19429', asOf: '2025-12-31' })).items.map((item) => [item.unitCode, item.areaCode])).toEqual([]);
  });

  it('a rebuild places every fact and employer as projecting event by event did', async () => {
    const log = reorganisationLog();
    const live = await stores.harness({ today: '2026-12-06' });
    await live.project(log, 3);
    const rebuilt = await stores.harness({ today: '2026-12-06' });
    await rebuilt.projector.rebuild(log, undefined, 4);
    for (const code of ['44', '45', '465', '450', '19429']) {
      expect([code, await rebuilt.queries.areaTotals(code, '2025-01-01', '2025-12-31')]).toEqual([code, await live.queries.areaTotals(code, '2025-01-01', '2025-12-31')]);
    }
    expect(await rebuilt.queries.employersByHome({ area: '44' })).toEqual(await live.queries.employersByHome({ area: '44' }));
  });
});
