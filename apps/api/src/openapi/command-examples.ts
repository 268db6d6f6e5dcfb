/**
 * One realistic example body per command, shown at /docs and in docs/openapi.json (a tiny Bạc Liêu
 * 2021 ledger: the same figures the contract spec records). Path parameters are not in the body.
 */
export const COMMAND_EXAMPLES: Readonly<Record<string, object>> = {
  RegisterEmployer: { unitCode: 'BL00001', name: 'Công ty Thủy sản Bạc Liêu', areaCode: '954', taxCode: '1900123456', registeredOn: '2019-03-01' },
  ChangeEmployerStatus: { status: 'suspended', effectiveOn: '2021-08-01', reason: 'Tạm ngừng kinh doanh' },
  AssessContribution: {
    period: '2021-05',
    headcount: { socialInsurance: 10, healthInsurance: 10, unemploymentInsurance: 10 },
    payroll: '50000000',
    assessedOn: '2021-05-01',
  },
  CollectContribution: { receiptNo: 'BL-R-0001', payer: { kind: 'employer', unitCode: 'BL00001', period: '2021-05' }, amount: '16000000', collectedOn: '2021-06-10' },
  IssueBook: { personId: '9512345679', areaCode: '954', issuedOn: '2021-03-03' },
  IssueCard: { cardNo: 'DN4959512345679', personId: '9512345679', areaCode: '954', validFrom: '2021-01-01', validTo: '2021-12-31', issuedOn: '2020-12-20' },
  PayBenefit: {
    paymentRef: 'BL-P-2021-06-1', personId: '9500000001', benefit: 'pension', payoutMonth: '2021-06',
    amount: '4500000', channel: 'post-office-cash', areaCode: '954', paidOn: '2021-06-05',
  },
  AssessClaim: {
    assessmentRef: 'BL-GD-2021-06-95001', facilityCode: '95001', areaCode: '954', period: '2021-06',
    visits: { outpatient: 1200, inpatient: 80 }, requested: '900000000', approved: '850000000', assessedOn: '2021-07-15',
  },
  AssignPlan: {
    year: 2021, areaCode: '95',
    targets: { collection: '2000000000000', participants: { mandatorySocialInsurance: 40000, voluntarySocialInsurance: 15670, unemploymentInsurance: 35000, healthInsurance: 774200 } },
    labourForce: 500000, population: 917000, assignedOn: '2021-01-10',
  },
  RecordInspection: { inspectionId: 'BL-TT-01', unitCode: 'BL00001', inspectedOn: '2021-04-20', unannounced: true, arrearsFound: '848452815' },
  ReverseEntry: { eventId: '0f8e6c1d2a3b4c5d6e7f8091a2b3c4d5', reason: 'Chi trùng', reversedOn: '2021-06-07' },
  ReconcilePayouts: {
    statementRef: 'BL-VNPOST-954-2021-06', month: '2021-06', areaCode: '954', agent: 'Bưu điện Bạc Liêu',
    lines: [{ paymentRef: 'BL-P-2021-06-1', personId: '9500000001', amount: '4500000' }],
  },
  AnnounceInterestRate: { year: 2021, fund: 'health', monthlyPercent: '0.5133', documentRef: 'TB 123/TB-BHXH (BHXH Việt Nam)', announcedOn: '2021-01-14' },
  RemindEmployer: { reminderRef: 'BL-DD-01', sentOn: '2021-07-05', amountLate: '16000000' },
  RecordForceMajeure: { from: '2021-07-19', to: '2021-09-15', reason: 'Giãn cách xã hội (COVID-19)', documentRef: 'CT 16/CT-TTg' },
  ChangeEmployerProfile: { effectiveOn: '2021-01-01', wageRegion: 3, sector: 'enterprise' },
  GrantFundSuspension: { fund: 'pension', from: '2021-07-01', to: '2022-06-30', decisionRef: 'BL-QD-TN-01' },
  RelocateEmployer: { areaCode: '31942', effectiveOn: '2025-09-01', reason: 'Sắp xếp đơn vị hành chính 2025: trụ sở thuộc phường Bạc Liêu' },
  RelocatePerson: { areaCode: '31942', effectiveOn: '2025-09-01', reason: 'Sắp xếp đơn vị hành chính 2025' },
};
