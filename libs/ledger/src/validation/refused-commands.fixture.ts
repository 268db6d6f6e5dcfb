import { latestAssessablePeriod } from './field-rules.js';

/** Commands with one mistake each (or a few), and the exact errors they must get. */
export const payment = {
  paymentRef: 'CT-1', personId: '4501234567', benefit: 'pension', payoutMonth: '2024-03', amount: '5460000',
  channel: 'bank-account', areaCode: '461', paidOn: '2024-03-05',
};
export const withAmount = (amount: unknown) => ({ ...payment, amount });
const collection = {
  receiptNo: 'PT-1', payer: { kind: 'employer', unitCode: 'TA0100A' }, amount: '265000000', collectedOn: '2024-04-10',
};
const personPayer = { kind: 'person', personId: '4501234567', scheme: 'voluntary-social-insurance', coverFrom: '2024-01', coverTo: '2024-06' };
const assessment = {
  unitCode: 'TA0100A', period: '2024-03', headcount: { socialInsurance: 3, healthInsurance: 3, unemploymentInsurance: 3 },
  payroll: '15000000', assessedOn: '2024-03-31',
};
const card = { cardNo: 'DN4950123456789', personId: '9501234567', areaCode: '95', validFrom: '2024-01-01', validTo: '2024-12-31', issuedOn: '2023-12-20' };
export const statement = {
  statementRef: 'BD-1', month: '2024-03', areaCode: '45', agent: 'Bưu điện',
  lines: [0, 1, 2, 3].map((i) => ({ paymentRef: `CT-${i}`, personId: '4501234567', amount: '100' })),
};

const WHOLE_DONG = 'must be a decimal string of whole đồng (digits only, no fraction, sign or exponent)';
const NOT_SAFE = 'must be a whole number of đồng given as a decimal string';
const CARD = 'must be a 15-character BHYT card code: 2 capital letters, a benefit level 1-5, a 2-digit province code and 10 digits';

export type Row = [string, string, unknown, { field: string; message: string }[]];

/** Each row states the exact errors: the field path and the sentence a user reads. */
export const REFUSALS: Row[] = [
  ['fraction as a string', 'PayBenefit', withAmount('12.5'), [{ field: 'amount', message: WHOLE_DONG }]],
  ['fraction as a number', 'PayBenefit', withAmount(12.5), [{ field: 'amount', message: NOT_SAFE }]],
  ['negative string', 'PayBenefit', withAmount('-5'), [{ field: 'amount', message: 'must not be negative' }]],
  ['negative number', 'PayBenefit', withAmount(-5), [{ field: 'amount', message: 'must not be negative' }]],
  ['exponent string', 'PayBenefit', withAmount('1e5'), [{ field: 'amount', message: WHOLE_DONG }]],
  ['exponent number over 2^53', 'PayBenefit', withAmount(1e21), [{ field: 'amount', message: NOT_SAFE }]],
  ['2^53, not a safe integer', 'PayBenefit', withAmount(2 ** 53), [{ field: 'amount', message: NOT_SAFE }]],
  ['over 10^15', 'PayBenefit', withAmount('1000000000000001'), [{ field: 'amount', message: 'must not exceed 10^15 đồng' }]],
  ['over 10^18', 'PayBenefit', withAmount('1000000000000000001'), [{ field: 'amount', message: 'must not exceed 10^15 đồng' }]],
  ['leading zero', 'PayBenefit', withAmount('0100'), [{ field: 'amount', message: WHOLE_DONG }]],
  ['amount missing', 'PayBenefit', withAmount(undefined), [{ field: 'amount', message: 'is required' }]],
  ['amount as a boolean', 'PayBenefit', withAmount(true), [{ field: 'amount', message: 'must be a decimal string of whole đồng' }]],
  ['unknown top-level field', 'PayBenefit', { ...payment, note: 'x' }, [{ field: 'note', message: 'is not allowed' }]],
  ['reserved key', 'PayBenefit', JSON.parse(JSON.stringify(payment).replace('{', '{"__proto__":{"x":1},')), [
    { field: '__proto__', message: 'is not allowed' },
  ]],
  ['wrong enum', 'PayBenefit', { ...payment, channel: 'cash' }, [
    { field: 'channel', message: 'must be one of: post-office-cash, bank-account, office' },
  ]],
  ['bad date', 'PayBenefit', { ...payment, paidOn: '2021-02-30' }, [{ field: 'paidOn', message: 'must be a calendar date YYYY-MM-DD' }]],
  ['bad month', 'PayBenefit', { ...payment, payoutMonth: '2021-13' }, [{ field: 'payoutMonth', message: 'must be a month YYYY-MM' }]],
  ['missing required field', 'PayBenefit', { ...payment, paymentRef: undefined }, [{ field: 'paymentRef', message: 'is required' }]],
  ['empty code', 'PayBenefit', { ...payment, paymentRef: '' }, [
    { field: 'paymentRef', message: 'must be a non-empty string of at most 64 characters' },
  ]],
  ['code too long', 'PayBenefit', { ...payment, paymentRef: 'x'.repeat(65) }, [
    { field: 'paymentRef', message: 'must be a non-empty string of at most 64 characters' },
  ]],
  ['personId of 11 digits', 'PayBenefit', { ...payment, personId: '45012345678' }, [
    { field: 'personId', message: 'must be a 10-digit BHXH number or a 12-digit CCCD number' },
  ]],
  ['area code of 4 digits', 'PayBenefit', { ...payment, areaCode: '4610' }, [
    { field: 'areaCode', message: 'must be a GSO area code of 2, 3 or 5 digits' },
  ]],
  ['several problems at once', 'PayBenefit', { ...payment, benefit: 'bonus', paidOn: '05/03/2024' }, [
    { field: 'benefit', message: 'must be one of: pension, sickness, maternity, work-accident, survivor, one-off, unemployment' },
    { field: 'paidOn', message: 'must be a calendar date YYYY-MM-DD' },
  ]],
  ['bad cardNo: level 6', 'IssueCard', { ...card, cardNo: 'DN6950123456789' }, [{ field: 'cardNo', message: CARD }]],
  ['bad cardNo: lower case', 'IssueCard', { ...card, cardNo: 'dn4950123456789' }, [{ field: 'cardNo', message: CARD }]],
  ['bad cardNo: 14 characters', 'IssueCard', { ...card, cardNo: 'DN495012345678' }, [{ field: 'cardNo', message: CARD }]],
  ['unknown nested field', 'AssessContribution', { ...assessment, headcount: { ...assessment.headcount, interns: 2 } }, [
    { field: 'headcount.interns', message: 'is not allowed' },
  ]],
  ['count as a string', 'AssessContribution', { ...assessment, headcount: { ...assessment.headcount, socialInsurance: '3' } }, [
    { field: 'headcount.socialInsurance', message: 'must be a non-negative whole number' },
  ]],
  ['count as a fraction', 'AssessContribution', { ...assessment, headcount: { ...assessment.headcount, healthInsurance: 2.5 } }, [
    { field: 'headcount.healthInsurance', message: 'must be a non-negative whole number' },
  ]],
  ['headcount as a list', 'AssessContribution', { ...assessment, headcount: [assessment.headcount] }, [
    { field: 'headcount', message: 'must be an object' },
  ]],
  ['headcount missing', 'AssessContribution', { ...assessment, headcount: undefined }, [{ field: 'headcount', message: 'is required' }]],
  ['nested route without unitCode', 'AssessContribution', { ...assessment, unitCode: undefined }, [
    { field: 'unitCode', message: 'is required' },
  ]],
  ['unit code with a dash', 'ChangeEmployerStatus', { unitCode: 'TA-01', status: 'active', effectiveOn: '2024-01-01', reason: 'x' }, [
    { field: 'unitCode', message: 'must be 3 to 20 letters or digits' },
  ]],
  ['payer kind unknown', 'CollectContribution', { ...collection, payer: { kind: 'company', unitCode: 'TA0100A' } }, [
    { field: 'payer.kind', message: 'must be one of: employer, person' },
  ]],
  // class-transformer reads the discriminator of each item of an array and threw on a null (a 500 once).
  ['payer an array holding null', 'CollectContribution', { ...collection, payer: [null] }, [
    { field: 'payer', message: 'must be an object' },
  ]],
  ['payer an array holding a payer', 'CollectContribution', { ...collection, payer: [collection.payer] }, [
    { field: 'payer', message: 'must be an object' },
  ]],
  ['payer kind missing', 'CollectContribution', { ...collection, payer: { unitCode: 'TA0100A' } }, [
    { field: 'payer.kind', message: 'is required' },
  ]],
  ['payer not an object', 'CollectContribution', { ...collection, payer: 'TA0100A' }, [{ field: 'payer', message: 'must be an object' }]],
  ['employer payer with person fields', 'CollectContribution', { ...collection, payer: { kind: 'employer', unitCode: 'TA0100A', personId: '4501234567' } }, [
    { field: 'payer.personId', message: 'is not allowed' },
  ]],
  ['employer payer with a bad unit code', 'CollectContribution', { ...collection, payer: { kind: 'employer', unitCode: 'T' } }, [
    { field: 'payer.unitCode', message: 'must be 3 to 20 letters or digits' },
  ]],
  ['person payer missing coverFrom', 'CollectContribution', { ...collection, payer: { ...personPayer, coverFrom: undefined } }, [
    { field: 'payer.coverFrom', message: 'is required' },
  ]],
  ['person payer with an employer field', 'CollectContribution', { ...collection, payer: { ...personPayer, unitCode: 'TA0100A' } }, [
    { field: 'payer.unitCode', message: 'is not allowed' },
  ]],
  ['bad statement line amount', 'ReconcilePayouts', { ...statement, lines: statement.lines.map((l, i) => (i === 3 ? { ...l, amount: '1.5' } : l)) }, [
    { field: 'lines.3.amount', message: WHOLE_DONG },
  ]],
  ['unknown field in a statement line', 'ReconcilePayouts', { ...statement, lines: statement.lines.map((l, i) => (i === 1 ? { ...l, fee: '1' } : l)) }, [
    { field: 'lines.1.fee', message: 'is not allowed' },
  ]],
  ['statement line not an object', 'ReconcilePayouts', { ...statement, lines: [...statement.lines, 'CT-9,4501234567,100'] }, [
    { field: 'lines', message: 'line 4 must be an object' },
  ]],
  ['empty statement', 'ReconcilePayouts', { ...statement, lines: [] }, [
    { field: 'lines', message: 'must hold from 1 to 200000 lines, not 0' },
  ]],
  ['year as a string', 'AssignPlan', {
    year: '2024', areaCode: '45', labourForce: 1, population: 1, assignedOn: '2024-01-10',
    targets: { collection: '1', participants: { mandatorySocialInsurance: 1, voluntarySocialInsurance: 1, unemploymentInsurance: 1, healthInsurance: -1 } },
  }, [
    { field: 'year', message: 'must be a whole year from 1990 to 2100' },
    { field: 'targets.participants.healthInsurance', message: 'must be a non-negative whole number' },
  ]],
  ['boolean as a string', 'RecordInspection', { inspectionId: 'TT-1', unitCode: 'TA0100A', inspectedOn: '2024-05-14', unannounced: 'true', arrearsFound: '0' }, [
    { field: 'unannounced', message: 'must be true or false' },
  ]],
  ['reason too long', 'ReverseEntry', { eventId: 'e-1', reason: 'x'.repeat(1001), reversedOn: '2024-04-02' }, [
    { field: 'reason', message: 'must be a non-empty string of at most 1000 characters' },
  ]],
  ['blank reason', 'ReverseEntry', { eventId: 'e-1', reason: ' \t ', reversedOn: '2024-04-02' }, [
    { field: 'reason', message: 'must not be blank' },
  ]],
  ['employer name with a NUL', 'RegisterEmployer', { unitCode: 'TA0100A', name: 'Công ty\u0000 A', areaCode: '461', registeredOn: '2024-01-02' }, [
    { field: 'name', message: 'must not contain a NUL character' },
  ]],
  ['employer name with a lone surrogate', 'RegisterEmployer', { unitCode: 'TA0100A', name: 'Công ty \ud83d', areaCode: '461', registeredOn: '2024-01-02' }, [
    { field: 'name', message: 'must not contain a lone surrogate (it is not valid Unicode text)' },
  ]],
  ['agent of a lone low surrogate', 'ReconcilePayouts', { ...statement, agent: '\udc00Bưu điện' }, [
    { field: 'agent', message: 'must not contain a lone surrogate (it is not valid Unicode text)' },
  ]],
  ['a period in 2099', 'AssessContribution', { ...assessment, period: '2099-01' }, [
    { field: 'period', message: `must not be later than ${latestAssessablePeriod()} (the current month + 12)` },
  ]],
  ['a claim for 2099', 'AssessClaim', {
    assessmentRef: 'GD-1', facilityCode: '45001', areaCode: '45', period: '2099-12', visits: { outpatient: 1, inpatient: 0 },
    requested: '100', approved: '100', assessedOn: '2024-04-01',
  }, [
    { field: 'period', message: `must not be later than ${latestAssessablePeriod()} (the current month + 12)` },
  ]],
  ['unknown command', 'DeleteEmployer', { unitCode: 'TA0100A' }, [
    {
      field: 'command',
      message: 'must be one of: RegisterEmployer, ChangeEmployerStatus, AssessContribution, CollectContribution, IssueBook, IssueCard, PayBenefit, AssessClaim, AssignPlan, RecordInspection, ReverseEntry, ReconcilePayouts, AnnounceInterestRate, RemindEmployer, RecordForceMajeure, ChangeEmployerProfile, GrantFundSuspension, RelocateEmployer, RelocatePerson',
    },
  ]],
  ['a name every object has is no command', 'constructor', {}, [expect.objectContaining({ field: 'command' })]],
  ['data not an object', 'PayBenefit', 'CT-1', [{ field: 'data', message: 'must be an object' }]],
  ['data a list', 'PayBenefit', [payment], [{ field: 'data', message: 'must be an object' }]],
  ['data missing', 'PayBenefit', undefined, [{ field: 'data', message: 'must be an object' }]],
];

