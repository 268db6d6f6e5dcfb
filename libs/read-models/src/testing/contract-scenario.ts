import { EventLog, fundsOf, headcount } from './event-log.js';

/**
 * The tiny Bạc Liêu 2021 ledger of /work/shared/tools/contract-check.py, as the events the ledger
 * records for its commands. Its expected figures are the contract check's.
 */
export function contractScenario(log = new EventLog()) {
  log.record('EmployerRegistered', { unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', registeredOn: '2019-03-01' });
  const may = log.record('ContributionAssessed', {
    unitCode: 'BL00001', areaCode: '954', period: '2021-05', headcount: headcount(10), payroll: '50000000', unemploymentPayroll: '50000000',
    assessedOn: '2021-05-01', dueDate: '2021-05-31', funds: fundsOf('16000000'), due: '16000000',
  });
  const june = log.record('ContributionAssessed', {
    unitCode: 'BL00001', areaCode: '954', period: '2021-06', headcount: headcount(10), payroll: '50000000', unemploymentPayroll: '50000000',
    assessedOn: '2021-06-01', dueDate: '2021-06-30', funds: fundsOf('16000000'), due: '16000000',
  });
  const receipt = log.record('ContributionCollected', {
    receiptNo: 'BL-R-0001', payer: { kind: 'employer', unitCode: 'BL00001' }, amount: '16000000', collectedOn: '2021-06-10', areaCode: '954',
  });
  log.record('ContributionCollected', {
    receiptNo: 'BL-V-0001', payer: { kind: 'person', personId: '9512345678', scheme: 'voluntary-social-insurance', coverFrom: '2021-01', coverTo: '2021-12' },
    amount: '3960000', collectedOn: '2021-02-01', areaCode: '956',
  });
  log.record('BookIssued', { personId: '9512345679', areaCode: '954', issuedOn: '2021-03-03', reissue: false });
  log.record('CardIssued', { cardNo: 'DN4959512345679', personId: '9512345679', areaCode: '954', validFrom: '2021-01-01', validTo: '2021-12-31', issuedOn: '2020-12-20' });
  log.record('BenefitPaid', {
    paymentRef: 'BL-P-2021-06-1', personId: '9500000001', benefit: 'pension', payoutMonth: '2021-06', amount: '4500000',
    channel: 'post-office-cash', areaCode: '954', paidOn: '2021-06-05',
  });
  log.record('ClaimAssessed', {
    assessmentRef: 'BL-GD-2021-06-95001', facilityCode: '95001', areaCode: '954', period: '2021-06', visits: { outpatient: 1200, inpatient: 80 },
    requested: '900000000', approved: '850000000', refused: '50000000', assessedOn: '2021-07-15',
  });
  log.record('PlanAssigned', {
    year: 2021, areaCode: '95', targets: { collection: '2000000000000', participants: {
      mandatorySocialInsurance: 40000, voluntarySocialInsurance: 15670, unemploymentInsurance: 35000, healthInsurance: 774200 } },
    labourForce: 500000, population: 917000, assignedOn: '2021-01-10',
  });
  log.record('InspectionRecorded', { inspectionId: 'BL-TT-01', unitCode: 'BL00001', areaCode: '954', inspectedOn: '2021-04-20', unannounced: true, arrearsFound: '848452815' });
  log.record('EmployerStatusChanged', { unitCode: 'BL00001', areaCode: '954', status: 'active', effectiveOn: '2021-06-30', reason: 'Xác nhận hoạt động' });
  const duplicate = log.record('BenefitPaid', {
    paymentRef: 'BL-P-DUP', personId: '9500000001', benefit: 'pension', payoutMonth: '2021-06', amount: '4500000',
    channel: 'post-office-cash', areaCode: '954', paidOn: '2021-06-06',
  });
  log.reverse(duplicate, '2021-06-07', 'Chi trùng');
  log.record('PayoutsReconciled', {
    statementRef: 'BL-VNPOST-954-2021-06', month: '2021-06', areaCode: '954', agent: 'Bưu điện Bạc Liêu', reconciledOn: '2021-07-02',
    matched: { count: 1, amount: '4500000' },
    amountMismatches: { count: 0, amount: '0', items: [] },
    missingInLedger: { count: 0, amount: '0', items: [] },
    missingInStatement: { count: 0, amount: '0', items: [] },
  });
  return { log, may, june, receipt, duplicate };
}
