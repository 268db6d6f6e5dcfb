/** Commands as a client would send them, and the exact plain commands they normalise to. */
/**
 * Every command, given as a client would send it (some amounts as JSON integers, optional fields
 * present or not), normalises to exactly the contract's plain command.
 */
export const VALID_COMMANDS: { name: string; data: Record<string, unknown>; expected: Record<string, unknown> }[] = [
  {
    name: 'RegisterEmployer',
    data: { unitCode: 'TA0100A', name: 'Công ty TNHH Mía đường', areaCode: '465', taxCode: '3200123456', registeredOn: '2020-01-15' },
    expected: { unitCode: 'TA0100A', name: 'Công ty TNHH Mía đường', areaCode: '465', taxCode: '3200123456', registeredOn: '2020-01-15' },
  },
  {
    name: 'ChangeEmployerStatus',
    data: { unitCode: 'TA0100A', status: 'suspended', effectiveOn: '2024-06-01', reason: ' Tạm ngừng ' },
    expected: { unitCode: 'TA0100A', status: 'suspended', effectiveOn: '2024-06-01', reason: ' Tạm ngừng ' },
  },
  {
    name: 'AssessContribution',
    data: {
      unitCode: 'TA0100A',
      period: '2024-03',
      headcount: { socialInsurance: 120, healthInsurance: 121, unemploymentInsurance: 118 },
      payroll: 1250000000,
      unemploymentPayroll: '1200000000',
      assessedOn: '2024-03-31',
    },
    expected: {
      unitCode: 'TA0100A',
      period: '2024-03',
      headcount: { socialInsurance: 120, healthInsurance: 121, unemploymentInsurance: 118 },
      payroll: '1250000000',
      unemploymentPayroll: '1200000000',
      assessedOn: '2024-03-31',
    },
  },
  {
    name: 'CollectContribution',
    data: { receiptNo: 'PT-1', payer: { kind: 'employer', unitCode: 'TA0100A', period: '2024-03' }, amount: 265000000, collectedOn: '2024-04-10' },
    expected: { receiptNo: 'PT-1', payer: { kind: 'employer', unitCode: 'TA0100A', period: '2024-03' }, amount: '265000000', collectedOn: '2024-04-10' },
  },
  {
    name: 'CollectContribution',
    data: {
      receiptNo: 'PT-2',
      payer: { kind: 'person', personId: '450123456789', scheme: 'household-health-insurance', coverFrom: '2024-01', coverTo: '2024-12' },
      amount: '1263600',
      collectedOn: '2023-12-28',
      areaCode: '46101',
    },
    expected: {
      receiptNo: 'PT-2',
      payer: { kind: 'person', personId: '450123456789', scheme: 'household-health-insurance', coverFrom: '2024-01', coverTo: '2024-12' },
      amount: '1263600',
      collectedOn: '2023-12-28',
      areaCode: '46101',
    },
  },
  {
    name: 'IssueBook',
    data: { personId: '4501234567', areaCode: '465', issuedOn: '2024-02-20', reissue: false },
    expected: { personId: '4501234567', areaCode: '465', issuedOn: '2024-02-20', reissue: false },
  },
  {
    name: 'IssueCard',
    data: { cardNo: 'DN4950123456789', personId: '9501234567', areaCode: '95', validFrom: '2024-01-01', validTo: '2024-12-31', issuedOn: '2023-12-20' },
    expected: { cardNo: 'DN4950123456789', personId: '9501234567', areaCode: '95', validFrom: '2024-01-01', validTo: '2024-12-31', issuedOn: '2023-12-20' },
  },
  {
    name: 'PayBenefit',
    data: {
      paymentRef: 'CT-1', personId: '4501234567', benefit: 'pension', payoutMonth: '2024-03', amount: 5460000,
      channel: 'post-office-cash', areaCode: '461', paidOn: '2024-03-05',
    },
    expected: {
      paymentRef: 'CT-1', personId: '4501234567', benefit: 'pension', payoutMonth: '2024-03', amount: '5460000',
      channel: 'post-office-cash', areaCode: '461', paidOn: '2024-03-05',
    },
  },
  {
    name: 'AssessClaim',
    data: {
      assessmentRef: 'GD-1', facilityCode: '45001', areaCode: '45', period: '2024-03', visits: { outpatient: 4210, inpatient: 0 },
      requested: '2350000000', approved: 2310000000, assessedOn: '2024-04-20',
    },
    expected: {
      assessmentRef: 'GD-1', facilityCode: '45001', areaCode: '45', period: '2024-03', visits: { outpatient: 4210, inpatient: 0 },
      requested: '2350000000', approved: '2310000000', assessedOn: '2024-04-20',
    },
  },
  {
    name: 'AssignPlan',
    data: {
      year: 2024, areaCode: '45',
      targets: {
        collection: 1680000000000,
        participants: { mandatorySocialInsurance: 52000, voluntarySocialInsurance: 9800, unemploymentInsurance: 47000, healthInsurance: 610000 },
      },
      labourForce: 340000, population: 650000, assignedOn: '2024-01-10',
    },
    expected: {
      year: 2024, areaCode: '45',
      targets: {
        collection: '1680000000000',
        participants: { mandatorySocialInsurance: 52000, voluntarySocialInsurance: 9800, unemploymentInsurance: 47000, healthInsurance: 610000 },
      },
      labourForce: 340000, population: 650000, assignedOn: '2024-01-10',
    },
  },
  {
    name: 'RecordInspection',
    data: { inspectionId: 'TT-17', unitCode: 'TA0100A', inspectedOn: '2024-05-14', unannounced: true, arrearsFound: 0 },
    expected: { inspectionId: 'TT-17', unitCode: 'TA0100A', inspectedOn: '2024-05-14', unannounced: true, arrearsFound: '0' },
  },
  {
    name: 'ReverseEntry',
    data: { eventId: '3f1c2a9e-7b1d-5c0e-8a41-2b9d6e0f1a37', reason: 'Nhập trùng chứng từ', reversedOn: '2024-04-02' },
    expected: { eventId: '3f1c2a9e-7b1d-5c0e-8a41-2b9d6e0f1a37', reason: 'Nhập trùng chứng từ', reversedOn: '2024-04-02' },
  },
  {
    name: 'ReconcilePayouts',
    data: {
      statementRef: 'BD-1', month: '2024-03', areaCode: '45', agent: 'Bưu điện tỉnh Quảng Trị',
      lines: [
        { paymentRef: 'CT-1', personId: '4501234567', amount: '5460000' },
        { paymentRef: 'CT-2', personId: '450123456789', amount: 3200000 },
      ],
    },
    expected: {
      statementRef: 'BD-1', month: '2024-03', areaCode: '45', agent: 'Bưu điện tỉnh Quảng Trị',
      lines: [
        { paymentRef: 'CT-1', personId: '4501234567', amount: '5460000' },
        { paymentRef: 'CT-2', personId: '450123456789', amount: '3200000' },
      ],
    },
  },
];

