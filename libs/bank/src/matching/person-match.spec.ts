import { matchCredit, type CreditText, type MatchResult } from './match-credit.js';
import { indexPayers } from './payer-directory.js';

// A voluntary payer who paid 2023-07..09 at 330,000 a month; a household payer who paid 2023 at
// 94,500 a month; a person the ledger knows from a book only; one employer whose tax code is 10 digits too.
const DIRECTORY = indexPayers(
  [{ unitCode: 'TA0100A', taxCode: '0101234567', names: ['Công ty TNHH Mía đường Quảng Trị'], accounts: ['0451000234567'] }],
  [
    { personId: '9512345678', latest: [{ scheme: 'voluntary-social-insurance', amount: '990000', coverFrom: '2023-07', coverTo: '2023-09' }] },
    { personId: '4501234567', latest: [{ scheme: 'household-health-insurance', amount: '1134000', coverFrom: '2023-01', coverTo: '2023-12' }] },
    { personId: '4509999999', latest: [] },
  ],
);

const voluntary = (coverFrom: string, coverTo: string): MatchResult => ({
  kind: 'matched-person', personId: '9512345678', scheme: 'voluntary-social-insurance', coverFrom, coverTo,
  reason: `BHXH number 9512345678 in the transfer text; ${coverFrom}..${coverTo} at the monthly amount of the latest voluntary-social-insurance collection`,
});

const CASES: [string, CreditText, MatchResult][] = [
  ['the number alone', { description: '9512345678', amount: '990000' }, voluntary('2023-10', '2023-12')],
  ['after BHXH, in groups', { description: 'BHXH 95 1234 5678 dong tien', amount: '330000' }, voluntary('2023-10', '2023-10')],
  ['after "ma so BHXH:"', { description: 'ma so BHXH: 9512345678 nop BHXH tu nguyen', amount: '1980000' }, voluntary('2023-10', '2024-03')],
  ['with diacritics, dashes, glued to its word', { description: 'Mã số BHXH95-1234-5678 đóng BHXH tự nguyện', amount: '3960000' }, voluntary('2023-10', '2024-09')],
  ['in the counterparty name', { description: 'nop tien', counterpartyName: 'NGUYEN THI MAI 9512345678', amount: '660000' }, voluntary('2023-10', '2023-11')],
  [
    'a household payer renews a year',
    { description: 'BHYT ho gia dinh 4501234567', amount: '1134000' },
    {
      kind: 'matched-person', personId: '4501234567', scheme: 'household-health-insurance', coverFrom: '2024-01', coverTo: '2024-12',
      reason: 'BHXH number 4501234567 in the transfer text; 2024-01..2024-12 at the monthly amount of the latest household-health-insurance collection',
    },
  ],
  [
    'an amount that is not a whole number of months',
    { description: 'BHXH 9512345678', amount: '500000' },
    { kind: 'ambiguous', candidates: [{ personId: '9512345678', reason: 'BHXH number 9512345678 in the transfer text; amount 500000 is not a whole number of months at the latest collection\'s monthly amount (voluntary-social-insurance 330000 a month)' }] },
  ],
  [
    'a person who never paid their own contribution',
    { description: 'BHXH 4509999999', amount: '330000' },
    { kind: 'ambiguous', candidates: [{ personId: '4509999999', reason: 'BHXH number 4509999999 in the transfer text; no earlier voluntary or household collection to take the scheme and cover from' }] },
  ],
  [
    'two persons in one transfer',
    { description: 'BHXH 9512345678 va 4501234567', amount: '990000' },
    { kind: 'ambiguous', candidates: [{ personId: '9512345678', reason: 'BHXH number 9512345678 in the transfer text' }, { personId: '4501234567', reason: 'BHXH number 4501234567 in the transfer text' }] },
  ],
  [
    'a person and an employer',
    { description: 'TA0100A BHXH 9512345678', amount: '990000' },
    { kind: 'ambiguous', candidates: [{ unitCode: 'TA0100A', reason: 'unit code TA0100A in the transfer text' }, { personId: '9512345678', reason: 'BHXH number 9512345678 in the transfer text' }] },
  ],
  [
    'a person paying from an employer\'s known account',
    { description: 'BHXH 9512345678', counterpartyAccount: '0451000234567', amount: '990000' },
    { kind: 'ambiguous', candidates: [{ unitCode: 'TA0100A', reason: 'known counterparty account' }, { personId: '9512345678', reason: 'BHXH number 9512345678 in the transfer text' }] },
  ],
  ['an unknown number is nobody', { description: 'BHXH 9500000001', amount: '330000' }, { kind: 'unknown' }],
  ['eleven digits are not a BHXH number', { description: '95123456789', amount: '330000' }, { kind: 'unknown' }],
  ['a tax code is still the employer\'s', { description: 'MST 0101234567', amount: '330000' }, { kind: 'matched', unitCode: 'TA0100A', reason: 'tax code 0101234567 in the transfer text' }],
];

describe('matching a voluntary or household payer by BHXH number (issue 24)', () => {
  it.each(CASES)('%s', (_name, credit, expected) => {
    expect(matchCredit(credit, DIRECTORY)).toEqual(expected);
  });
});
