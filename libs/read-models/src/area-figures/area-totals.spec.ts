import { contractScenario } from '../testing/contract-scenario.js';
import { EventLog, fundsOf, headcount } from '../testing/event-log.js';
import { describeEachStore } from '../testing/read-models-harness.js';

describeEachStore('area totals', (stores) => {
  it('contract check: province 95 over H1 2021 rolls up districts 954 and 956', async () => {
    const h = await stores.harness();
    await h.project(contractScenario().log);
    expect(await h.queries.areaTotals('95', '2021-01-01', '2021-06-30')).toEqual({
      areaCode: '95',
      name: 'Tỉnh Bạc Liêu',
      from: '2021-01-01',
      to: '2021-06-30',
      collections: { amount: '19960000', count: 2 },
      assessments: { due: '32000000' },
      participants: { mandatorySocialInsurance: 10, voluntarySocialInsurance: 1, unemploymentInsurance: 10, healthInsurance: 1 },
      books: { issued: 1 },
      // The card was issued on 2020-12-20, before `from`, though it is valid in 2021.
      cards: { issued: 0 },
      benefits: {
        amount: '4500000', payments: 1, recipients: 1, monthlyRecipients: 1,
        byBenefit: { pension: { amount: '4500000', payments: 1 } },
      },
      claims: { visits: 1280, outpatientVisits: 1200, inpatientVisits: 80, requested: '900000000', approved: '850000000', refused: '50000000' },
      inspections: { count: 1, unannounced: 1, arrearsFound: '848452815' },
      // June is due on 2021-06-30 itself, so on that day nothing is overdue yet.
      arrears: { overdue: '0', employers: 0 },
    });
  });

  it('a district sees only its own facts; on 2021-07-31 the June assessment is overdue', async () => {
    const h = await stores.harness();
    await h.project(contractScenario().log);
    const giaRai = (await h.queries.areaTotals('956', '2021-01-01', '2021-06-30'))!;
    expect([giaRai.collections, giaRai.participants.voluntarySocialInsurance, giaRai.participants.mandatorySocialInsurance]).toEqual([
      { amount: '3960000', count: 1 }, 1, 0,
    ]);
    const city = (await h.queries.areaTotals('954', '2021-01-01', '2021-07-31'))!;
    expect([city.collections.amount, city.arrears, city.claims.visits]).toEqual(['16000000', { overdue: '16000000', employers: 1 }, 1280]);
    expect(await h.queries.areaTotals('9999', '2021-01-01', '2021-06-30')).toBeUndefined();
  });

  it('participants on `to`: only active employers, latest assessed period, paid voluntary cover, valid cards; reversals count nowhere', async () => {
    const log = new EventLog();
    const assess = (unitCode: string, period: string, n: number) =>
      log.record('ContributionAssessed', {
        unitCode, areaCode: '957', period, headcount: { ...headcount(n), unemploymentInsurance: n - 1 }, payroll: '1', unemploymentPayroll: '1',
        assessedOn: `${period}-01`, dueDate: `${period}-28`, funds: fundsOf('1000000'), due: '1000000',
      });
    log.record('EmployerRegistered', { unitCode: 'PL00001', name: 'A', areaCode: '957', registeredOn: '2020-01-01' });
    log.record('EmployerRegistered', { unitCode: 'PL00002', name: 'B', areaCode: '957', registeredOn: '2020-01-01' });
    assess('PL00001', '2021-04', 20);
    assess('PL00001', '2021-05', 25);
    const july = assess('PL00001', '2021-07', 99);
    const june = assess('PL00001', '2021-06', 30);
    assess('PL00002', '2021-05', 7);
    log.record('EmployerStatusChanged', { unitCode: 'PL00002', areaCode: '957', status: 'suspended', effectiveOn: '2021-06-15', reason: 'Tạm ngừng' });
    log.reverse(june, '2021-06-20');
    const cover = (personId: string, coverFrom: string, coverTo: string, collectedOn: string) =>
      log.record('ContributionCollected', {
        receiptNo: `V-${personId}-${coverFrom}`, payer: { kind: 'person', personId, scheme: 'voluntary-social-insurance', coverFrom, coverTo },
        amount: '1000000', collectedOn, areaCode: '957',
      });
    cover('9500000011', '2021-01', '2021-06', '2021-01-05');
    cover('9500000011', '2021-06', '2021-06', '2021-01-06');
    cover('9500000012', '2021-01', '2021-05', '2021-01-05');
    log.reverse(cover('9500000013', '2021-06', '2021-12', '2021-06-01'), '2021-06-02');
    const card = (personId: string, validFrom: string, validTo: string) =>
      log.record('CardIssued', { cardNo: `HN4${personId}`, personId, areaCode: '957', validFrom, validTo, issuedOn: '2021-01-02' });
    card('9500000021', '2021-01-01', '2021-06-30');
    card('9500000022', '2020-07-01', '2021-06-29');
    card('9500000023', '2021-07-01', '2021-12-31');
    const h = await stores.harness();
    await h.project(log);
    const totals = (await h.queries.areaTotals('957', '2021-01-01', '2021-06-30'))!;
    // PL00001: June reversed, July after `to` → May (25; 24 for BHTN). PL00002 suspended on `to`.
    expect(totals.participants).toEqual({ mandatorySocialInsurance: 25, voluntarySocialInsurance: 1, unemploymentInsurance: 24, healthInsurance: 1 });
    // April and May of PL00001 and May of PL00002; June is reversed and July is after `to`.
    expect(totals.assessments.due).toBe('3000000');
    expect(totals.collections).toEqual({ amount: '3000000', count: 3 });
    expect(july.data.period).toBe('2021-07');
  });
});
