import { receiptNumberFor } from '../receipt.js';
import { matchCredit, type CreditText, type MatchResult } from './match-credit.js';
import { indexPayers } from './payer-directory.js';
import { periodsIn } from './period.js';

const DIRECTORY = indexPayers([
  { unitCode: 'TA0100A', taxCode: '0101234567', names: ['Công ty TNHH Mía đường Quảng Trị'], accounts: ['0451000234567'] },
  { unitCode: 'TB0200B', taxCode: '3200123456', names: ['Công ty CP Xây dựng Đại Việt'], accounts: ['0771000555666'] },
  { unitCode: 'TC0300C', names: ['Hộ kinh doanh Nguyễn Văn An'], accounts: ['1111222233334'] },
  { unitCode: 'TD0400D', taxCode: '0101234567-001', names: ['Chi nhánh Công ty TNHH Mía đường Quảng Trị tại Đông Hà'] },
  // Two employers whose bookkeeper pays both from one account.
  { unitCode: 'TE0500E', names: ['Công ty TNHH Sao Mai'], accounts: ['9999000011112'] },
  { unitCode: 'TF0600F', names: ['Công ty TNHH Sao Mai Xanh'], accounts: ['9999000011112'] },
]);

const code = (unitCode: string) => `unit code ${unitCode} in the transfer text`;
const tax = (taxCode: string) => `tax code ${taxCode} in the transfer text`;

const CASES: [string, CreditText, MatchResult][] = [
  ['the code as registered, a named period', { description: 'BHXH T10/2023 TA0100A' }, { kind: 'matched', unitCode: 'TA0100A', period: '2023-10', reason: code('TA0100A') }],
  ['lower case, split by a space', { description: 'ta 0100a nop bhxh' }, { kind: 'matched', unitCode: 'TA0100A', reason: code('TA0100A') }],
  ['with diacritics, split by a dash', { description: 'Nộp BHXH tháng 10/2023 mã ĐV TA-0100A' }, { kind: 'matched', unitCode: 'TA0100A', period: '2023-10', reason: code('TA0100A') }],
  ['glued to its prefix, a short year', { description: 'CHUYEN TIEN MDV:TB0200B T9/23' }, { kind: 'matched', unitCode: 'TB0200B', period: '2023-09', reason: code('TB0200B') }],
  ['glued without a separator', { description: 'DVTB0200B nop tien' }, { kind: 'matched', unitCode: 'TB0200B', reason: code('TB0200B') }],
  ['a tax code after MST', { description: 'MST 0101234567 nộp BHXH tháng 10/2023' }, { kind: 'matched', unitCode: 'TA0100A', period: '2023-10', reason: tax('0101234567') }],
  ['a tax code glued to MST, month and year in words', { description: 'MST:3200123456 THANG 11 NAM 2023' }, { kind: 'matched', unitCode: 'TB0200B', period: '2023-11', reason: tax('3200123456') }],
  ['a branch tax code', { description: '0101234567-001 nop BHXH' }, { kind: 'matched', unitCode: 'TD0400D', reason: tax('0101234567-001') }],
  ['a code in the counterparty name', { description: 'nop tien', counterpartyName: 'TA0100A CTY MIA DUONG' }, { kind: 'matched', unitCode: 'TA0100A', reason: code('TA0100A') }],
  ['a date is not a period', { description: 'TA0100A nop BHXH ngay 15/10/2023' }, { kind: 'matched', unitCode: 'TA0100A', reason: code('TA0100A') }],
  ['two periods named: none taken', { description: 'TA0100A nop T09/2023 va T10/2023' }, { kind: 'matched', unitCode: 'TA0100A', reason: `${code('TA0100A')}; several periods named (2023-09, 2023-10), none taken` }],
  ['no code, a known counterparty account', { description: 'nop tien bao hiem', counterpartyAccount: '0451000234567' }, { kind: 'matched', unitCode: 'TA0100A', reason: 'known counterparty account 0451000234567' }],
  ['the code and its own known account agree', { description: 'TA0100A', counterpartyAccount: '0451000234567' }, { kind: 'matched', unitCode: 'TA0100A', reason: code('TA0100A') }],
  [
    'two employers in one transfer',
    { description: 'BHXH T10/2023 TA0100A va TB0200B' },
    { kind: 'ambiguous', candidates: [{ unitCode: 'TA0100A', reason: code('TA0100A') }, { unitCode: 'TB0200B', reason: code('TB0200B') }] },
  ],
  [
    'a unit code and a tax code of two employers',
    { description: 'TA0100A MST 3200123456' },
    { kind: 'ambiguous', candidates: [{ unitCode: 'TA0100A', reason: code('TA0100A') }, { unitCode: 'TB0200B', reason: tax('3200123456') }] },
  ],
  [
    'the code and another payer\'s known account disagree',
    { description: 'TA0100A', counterpartyAccount: '0771000555666' },
    { kind: 'ambiguous', candidates: [{ unitCode: 'TA0100A', reason: code('TA0100A') }, { unitCode: 'TB0200B', reason: 'known counterparty account' }] },
  ],
  [
    'an account two payers pay from',
    { description: 'nop tien', counterpartyAccount: '9999000011112' },
    { kind: 'ambiguous', candidates: [{ unitCode: 'TE0500E', reason: 'known counterparty account' }, { unitCode: 'TF0600F', reason: 'known counterparty account' }] },
  ],
  ['a name alone is only a suggestion', { description: 'nop BHXH', counterpartyName: 'HO KINH DOANH NGUYEN VAN AN' }, { kind: 'ambiguous', candidates: [{ unitCode: 'TC0300C', reason: 'counterparty name only' }] }],
  ['a mistyped code (O for zero)', { description: 'TAO100A nop BHXH' }, { kind: 'unknown' }],
  [
    'a mistyped code and the payer\'s name agree',
    { description: 'TA01000A nop BHXH T10/2023', counterpartyName: 'CONG TY TNHH MIA DUONG QUANG TRI' },
    { kind: 'matched', unitCode: 'TA0100A', period: '2023-10', reason: 'unit code TA0100A mistyped as TA01000A; the counterparty name agrees' },
  ],
  ['a mistyped code and another payer\'s name', { description: 'TAO100A nop BHXH', counterpartyName: 'CONG TY CP XAY DUNG DAI VIET' }, { kind: 'ambiguous', candidates: [{ unitCode: 'TB0200B', reason: 'counterparty name only' }] }],
  [
    // Issue 24: the registered code and a second code no payer of the account holds (a sister company
    // registered in another province, say) go to the clerk, whatever the amount.
    'a registered code and a second, unregistered one',
    { description: 'BHXH T10/2023 TA0100A va TA0999Z', counterpartyAccount: '0451000234567' },
    { kind: 'ambiguous', candidates: [{ unitCode: 'TA0100A', reason: `${code('TA0100A')}; TA0999Z also named, not a payer of this account` }] },
  ],
  [
    'a registered code and an unregistered one broken by a space, glued to its prefix',
    { description: 'MDV TA0100A + MDVHN 0100A nop BHXH' },
    { kind: 'ambiguous', candidates: [{ unitCode: 'TA0100A', reason: `${code('TA0100A')}; HN0100A also named, not a payer of this account` }] },
  ],
  ['the code written twice, once mistyped', { description: 'TA0100A nop BHXH (TA0101A nham)' }, { kind: 'matched', unitCode: 'TA0100A', reason: code('TA0100A') }],
  ['a code and a date or period are not two codes', { description: 'TA0100A T10/2023 ngay 15/10/2023 so CT 123456' }, { kind: 'matched', unitCode: 'TA0100A', period: '2023-10', reason: code('TA0100A') }],
  ['a longer code that contains one', { description: 'TA0100AB nop BHXH' }, { kind: 'unknown' }],
  ['a code of another province', { description: 'HN0100A nop BHXH T10/2023' }, { kind: 'unknown' }],
  ['nothing to go on', { description: 'chuyen tien', counterpartyAccount: '5555' }, { kind: 'unknown' }],
];

describe('matching a credit to a payer', () => {
  it.each(CASES)('%s', (_name, credit, expected) => {
    expect(matchCredit(credit, DIRECTORY)).toEqual(expected);
  });

  it('takes a mistyped code when exactly one payer is both one keystroke from it and of the counterparty\'s name', () => {
    // Two employers of one name (a province repeats names), and a second code one keystroke from the typo.
    const namesake = indexPayers([
      { unitCode: 'DN46400004', names: ['Công ty TNHH Vận tải Hải Đăng'] },
      { unitCode: 'DN46200005', names: ['Công ty TNHH Vận tải Hải Đăng'] },
      { unitCode: 'DN46400014', names: ['Công ty TNHH Sao Mai'] },
    ]);
    const credit = { description: 'nop BHXH 03/2023 ma don vi DN464O0004', counterpartyName: 'CONG TY TNHH VAN TAI HAI DANG' };
    expect(matchCredit(credit, namesake)).toEqual({
      kind: 'matched', unitCode: 'DN46400004', period: '2023-03', reason: 'unit code DN46400004 mistyped as DN464O0004; the counterparty name agrees',
    });
    expect(matchCredit({ ...credit, counterpartyName: 'CONG TY TNHH SAO MAI XANH' }, namesake)).toEqual({ kind: 'unknown' });
  });

  it('knows an account learnt from several credits as one payer\'s, not as several', () => {
    // The ledger's directory lists an account once per matched credit it came from.
    const learnt = indexPayers([{ unitCode: 'TA0100A', names: ['A'], accounts: ['0451000234567', '0451000234567', '045 1000 234567'] }]);
    expect(matchCredit({ description: 'nop tien bao hiem', counterpartyAccount: '0451000234567' }, learnt)).toEqual({
      kind: 'matched', unitCode: 'TA0100A', reason: 'known counterparty account 0451000234567',
    });
  });
});

describe('periods named in a transfer text', () => {
  it.each([
    ['BHXH T10/2023', ['2023-10']],
    ['thang 1/2024', ['2024-01']],
    ['tháng 12 năm 2023', ['2023-12']],
    ['THANG 03-2024', ['2024-03']],
    ['nop 10/2023', ['2023-10']],
    ['T9 23', ['2023-09']],
    ['T9/2023 + T10/2023', ['2023-09', '2023-10']],
    ['ngay 15/10/2023', []],
    ['so nha 12 duong 30/4', []],
    ['TA0100A', []],
  ])('%s', (text, periods) => {
    expect(periodsIn(text)).toEqual(periods);
  });
});

describe('receipt number of a bank credit', () => {
  it('is the account and the bank reference, the same every time', () => {
    expect(receiptNumberFor('0071000123456', 'FT23305000001')).toBe('BANK-0071000123456-FT23305000001');
  });
  it('stands a digest in for a reference too long or with spaces', () => {
    const long = receiptNumberFor('0071000123456', 'A'.repeat(60));
    expect(long).toBe(receiptNumberFor('0071000123456', 'A'.repeat(60)));
    expect(long).toMatch(/^BANK-0071000123456-[0-9a-f]{24}$/);
    expect(receiptNumberFor('0071000123456', 'REF 1')).toMatch(/^BANK-0071000123456-[0-9a-f]{24}$/);
  });
});
