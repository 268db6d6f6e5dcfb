import { EventLog, fundsOf, headcount } from '../testing/event-log.js';
import { describeEachStore } from '../testing/read-models-harness.js';
import { renderProvinceReportText } from './province-report.text.js';

/**
 * Bạc Liêu (95), first half of 2021 against the first half of 2020 (domain.md "A public worked
 * example"): the events a province's ledger would hold for the report's flows.
 */
function bacLieu() {
  const log = new EventLog();
  const months = ['01', '02', '03', '04', '05', '06'];
  const districts = ['954', '956', '957', '958', '959', '960', '961'];

  // Benefits: 10,159 decisions paid for 735,169 million in H1 2021; 709,572 million in H1 2020.
  for (let i = 0; i < 10_158; i++) {
    log.record('BenefitPaid', {
      paymentRef: `P21-${i}`, personId: `95${String(i % 3_000).padStart(8, '0')}`, benefit: 'pension', payoutMonth: `2021-${months[i % 6]}`,
      amount: '72000000', channel: 'post-office-cash', areaCode: districts[i % 7], paidOn: `2021-${months[i % 6]}-05`,
    });
  }
  log.record('BenefitPaid', {
    paymentRef: 'P21-LAST', personId: '9599999999', benefit: 'one-off', payoutMonth: '2021-06', amount: '3793000000',
    channel: 'bank-account', areaCode: '954', paidOn: '2021-06-10',
  });
  for (let i = 0; i < 99; i++) {
    log.record('BenefitPaid', {
      paymentRef: `P20-${i}`, personId: `95${String(i).padStart(8, '0')}`, benefit: 'pension', payoutMonth: '2020-03', amount: '7000000000',
      channel: 'office', areaCode: '954', paidOn: '2020-03-05',
    });
  }
  log.record('BenefitPaid', {
    paymentRef: 'P20-LAST', personId: '9599999998', benefit: 'sickness', payoutMonth: '2020-06', amount: '16572000000',
    channel: 'office', areaCode: '956', paidOn: '2020-06-05',
  });
  // One 2021 payment recorded by mistake and reversed: it counts nowhere.
  log.reverse(
    log.record('BenefitPaid', {
      paymentRef: 'P21-DUP', personId: '9500000001', benefit: 'pension', payoutMonth: '2021-06', amount: '72000000',
      channel: 'post-office-cash', areaCode: '954', paidOn: '2021-06-06',
    }),
    '2021-06-07',
  );

  // 6,196 books in H1 2021, 6,000 in H1 2020.
  for (let i = 0; i < 6_196; i++) log.record('BookIssued', { personId: `95B${i}`, areaCode: districts[i % 7], issuedOn: `2021-${months[i % 6]}-15`, reissue: false });
  for (let i = 0; i < 6_000; i++) log.record('BookIssued', { personId: `95C${i}`, areaCode: '954', issuedOn: '2020-04-15', reissue: false });

  // 1,183,620 visits with 365,970 million requested.
  log.record('ClaimAssessed', {
    assessmentRef: 'GD-1', facilityCode: '95001', areaCode: '954', period: '2021-03', visits: { outpatient: 700_000, inpatient: 40_000 },
    requested: '200000000000', approved: '195000000000', refused: '5000000000', assessedOn: '2021-04-20',
  });
  log.record('ClaimAssessed', {
    assessmentRef: 'GD-2', facilityCode: '95002', areaCode: '959', period: '2021-06', visits: { outpatient: 400_000, inpatient: 43_620 },
    requested: '165970000000', approved: '160000000000', refused: '5970000000', assessedOn: '2021-07-20',
  });

  // 14 inspections, 3 unannounced, finding 848,452,815 đồng.
  for (let i = 0; i < 14; i++) {
    log.record('InspectionRecorded', {
      inspectionId: `TT-${i}`, unitCode: `BL${String(i).padStart(5, '0')}`, areaCode: districts[i % 7], inspectedOn: '2021-05-10',
      unannounced: i < 3, arrearsFound: i === 13 ? '68452815' : '60000000',
    });
  }

  // Collections: 1,380,103 million in H1 2021 against 1,200,000 million in H1 2020, plan 2,000,000 million.
  log.record('EmployerRegistered', { unitCode: 'BL09999', name: 'Tổng công ty', areaCode: '954', registeredOn: '2010-01-01' });
  const collect = (receiptNo: string, amount: string, collectedOn: string) =>
    log.record('ContributionCollected', { receiptNo, payer: { kind: 'employer', unitCode: 'BL09999' }, amount, collectedOn, areaCode: '954' });
  collect('R21-1', '1000000000000', '2021-02-01');
  collect('R21-2', '380103000000', '2021-05-01');
  collect('R20-1', '1200000000000', '2020-05-01');
  log.record('ContributionAssessed', {
    unitCode: 'BL09999', areaCode: '954', period: '2021-06', headcount: headcount(40), payroll: '1', unemploymentPayroll: '1',
    assessedOn: '2021-06-01', dueDate: '2021-06-30', funds: fundsOf('3000000000000'), due: '3000000000000',
  });
  log.record('PlanAssigned', {
    year: 2021, areaCode: '95', targets: { collection: '2000000000000', participants: {
      mandatorySocialInsurance: 40000, voluntarySocialInsurance: 15670, unemploymentInsurance: 35000, healthInsurance: 774200 } },
    labourForce: 500000, population: 917224, assignedOn: '2021-01-10',
  });
  return log;
}

describeEachStore('province report', (stores) => {
  it('states the Bạc Liêu H1 2021 figures from the events, beside H1 2020', async () => {
    const h = await stores.harness({ today: '2021-06-30' });
    await h.project(bacLieu());
    const report = (await h.queries.provinceReport('95', '2021-01-01', '2021-06-30'))!;
    expect([report.name, report.previousFrom, report.previousTo, report.previousYearHasData]).toEqual(['Tỉnh Bạc Liêu', '2020-01-01', '2020-06-30', true]);
    expect(report.benefits.amount).toEqual({ value: '735169000000', previousYear: '709572000000', change: '25597000000', changePercent: 3.61 });
    expect(report.benefits.payments.value).toBe(10_159);
    expect(report.books.issued).toEqual({ value: 6196, previousYear: 6000, change: 196, changePercent: 3.27 });
    expect([report.claims.visits.value, report.claims.requested.value]).toEqual([1_183_620, '365970000000']);
    expect([report.inspections.count.value, report.inspections.unannounced.value, report.inspections.arrearsFound.value]).toEqual([14, 3, '848452815']);
    expect(report.collections).toMatchObject({ amount: { value: '1380103000000', change: '180103000000', changePercent: 15.01 }, percentOfPlan: 69.01 });
    // June 2021 holds payments 5, 11, 17, … to persons i mod 3,000: the 500 pensioners ≡ 5 (mod 6); the one-off is not monthly.
    expect(report.monthlyBenefits.recipients.value).toBe(500);

    const text = renderProvinceReportText(report);
    expect(text).toContain('Tổng số thu BHXH, BHYT, BHTN đạt 1.380,103 tỷ đồng, đạt 69,01% kế hoạch, tăng 180.103 triệu đồng (15,01%) so với cùng kỳ năm 2020.');
    expect(text).toContain('Cấp 6.196 sổ BHXH, tăng 196 sổ (3,27%) so với cùng kỳ năm 2020');
    expect(text).toContain('Chi trả các chế độ BHXH, BHTN 735.169 triệu đồng, tăng 25.597 triệu đồng (3,61%) so với cùng kỳ năm 2020, với 10.159 hồ sơ hưởng.');
    expect(text).toContain('Giám định 1.183.620 lượt khám chữa bệnh BHYT, với số tiền đề nghị thanh toán 365.970 triệu đồng');
    expect(text).toContain('Thanh tra, kiểm tra 14 đơn vị (3 đơn vị kiểm tra đột xuất), phát hiện số tiền chậm đóng 848.452.815 đồng.');
  });

  it('renders the participants of the worked example: 708.832 people (+7.375), 95,60% of plan; BHYT coverage 76,22%', async () => {
    const h = await stores.harness({ today: '2021-06-30' });
    await h.project(bacLieu());
    const report = (await h.queries.provinceReport('95', '2021-01-01', '2021-06-30'))!;
    const scheme = (value: number, previousYear: number | null, target: number, percentOfPlan: number) => ({
      value, previousYear, change: previousYear === null ? null : value - previousYear, changePercent: null, target, percentOfPlan,
    });
    const text = renderProvinceReportText({
      ...report,
      participants: {
        total: scheme(708_832, 701_457, 741_456, 95.6),
        mandatorySocialInsurance: { ...scheme(38_000, null, 40_000, 95), percentOfLabourForce: 7.6 },
        voluntarySocialInsurance: { ...scheme(9_731, null, 15_670, 62.1), percentOfLabourForce: 1.95 },
        unemploymentInsurance: { ...scheme(33_000, null, 35_000, 94.29), percentOfLabourForce: 6.6 },
        healthInsurance: { ...scheme(699_101, null, 774_200, 90.3), percentOfPopulation: 76.22 },
      },
    });
    expect(text).toContain('Tổng số người tham gia BHXH, BHYT là 708.832 người, tăng 7.375 người so với cùng kỳ năm 2020, đạt 95,60% kế hoạch.');
    expect(text).toContain('BHXH tự nguyện 9.731 người, đạt 62,10% kế hoạch');
    expect(text).toContain('BHYT 699.101 người, đạt 90,30% kế hoạch, tỷ lệ bao phủ 76,22% dân số.');
  });

  it('leaves out comparisons when the previous year has no data', async () => {
    const log = new EventLog();
    log.record('BookIssued', { personId: '95X', areaCode: '954', issuedOn: '2021-02-01', reissue: false });
    const h = await stores.harness({ today: '2021-06-30' });
    await h.project(log);
    const report = (await h.queries.provinceReport('95', '2021-01-01', '2021-06-30'))!;
    expect([report.previousYearHasData, report.books.issued]).toEqual([false, { value: 1, previousYear: null, change: null, changePercent: null }]);
    const text = renderProvinceReportText(report);
    expect(text).toContain('Cấp 1 sổ BHXH; cấp 0 thẻ BHYT.');
    expect(text).not.toContain('cùng kỳ');
  });
});
