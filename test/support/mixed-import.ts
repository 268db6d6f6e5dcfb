/**
 * An import file mixing good lines, an exact duplicate, a same-key conflict and malformed or
 * refused lines. Expected: 6 recorded, 1 duplicate, 5 refused (lines 4, 6, 7, 8, 9).
 */
export const MIXED_IMPORT_LINES = [
  { command: 'RegisterEmployer', data: { unitCode: 'QT00001', name: 'Công ty Gỗ Hướng Hóa', areaCode: '465', registeredOn: '2022-01-05' } },
  { command: 'AssessContribution', data: { unitCode: 'QT00001', period: '2023-05', headcount: { socialInsurance: 1, healthInsurance: 1, unemploymentInsurance: 1 }, payroll: '1234567', assessedOn: '2023-06-01' } },
  { command: 'CollectContribution', data: { receiptNo: 'QT-R-1', payer: { kind: 'employer', unitCode: 'QT00001' }, amount: '395062', collectedOn: '2023-06-20' } },
  '{"command":"CollectContribution","data":{"receiptNo":"QT-R-2"',
  { command: 'CollectContribution', data: { receiptNo: 'QT-R-1', payer: { kind: 'employer', unitCode: 'QT00001' }, amount: '395062', collectedOn: '2023-06-20' } },
  { command: 'CollectContribution', data: { receiptNo: 'QT-R-1', payer: { kind: 'employer', unitCode: 'QT00001' }, amount: '1', collectedOn: '2023-06-20' } },
  { command: 'CollectContribution', data: { receiptNo: 'QT-R-3', payer: { kind: 'employer', unitCode: 'QT00001' }, amount: '12.5', collectedOn: '2023-06-20' } },
  { command: 'AssessContribution', data: { unitCode: 'QT99999', period: '2023-05', headcount: { socialInsurance: 1, healthInsurance: 1, unemploymentInsurance: 1 }, payroll: '1000', assessedOn: '2023-06-01' } },
  { command: 'FlyToTheMoon', data: {} },
  { command: 'IssueBook', data: { personId: '4512345678', areaCode: '465', issuedOn: '2023-03-03' } },
  { command: 'IssueCard', data: { cardNo: 'HN3454512345678', personId: '4512345678', areaCode: '465', validFrom: '2023-01-01', validTo: '2023-12-31', issuedOn: '2022-12-20' } },
  { command: 'PayBenefit', data: { paymentRef: 'QT-P-1', personId: '4500000001', benefit: 'pension', payoutMonth: '2023-06', amount: 4500000, channel: 'post-office-cash', areaCode: '465', paidOn: '2023-06-05' } },
].map((line) => (typeof line === 'string' ? line : JSON.stringify(line)));

export const MIXED_IMPORT_EXPECTED = {
  recorded: 6,
  duplicates: 1,
  refused: 5,
  refusedLines: [
    { line: 4, code: 'INVALID_JSON' },
    { line: 6, code: 'IDEMPOTENCY_CONFLICT' },
    { line: 7, code: 'VALIDATION_FAILED' },
    { line: 8, code: 'EMPLOYER_NOT_REGISTERED' },
    { line: 9, code: 'VALIDATION_FAILED' },
  ],
};
