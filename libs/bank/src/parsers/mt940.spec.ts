import { fixture } from './fixtures.fixture.js';
import { parseMt940 } from './mt940.js';
import { refusal } from './refusal.fixture.js';

const TEXT = fixture('vcb-2023-11.mt940').toString('utf8');

describe('MT940', () => {
  it('reads a statement in its SWIFT envelope, the :86: text joined, the entry date as booking date', () => {
    const [statement, ...more] = parseMt940(fixture('vcb-2023-11.mt940'));
    expect(more).toEqual([]);
    expect(statement.header).toEqual({
      account: '0071000123456',
      statementId: 'VCB231102001/306/1',
      opening: { amount: '500000000', date: '2023-10-31' },
      closing: { amount: '596074000', date: '2023-11-02' },
    });
    const base = { account: '0071000123456', bookingDate: '2023-11-01', valueDate: '2023-11-01', direction: 'credit' };
    expect(statement.lines).toEqual([
      { ...base, bankRef: 'FT23305000001', amount: '32635000', description: 'BHXH T10/2023 TA0100A CONG TY TNHH MIA DUONG QUANG TRI' },
      { ...base, bankRef: 'FT23305000002', amount: '15200000', description: 'MST 0101234567 nop BHXH thang 10/2023' },
      { ...base, bankRef: 'FT23305000003', amount: '11000', direction: 'debit', description: 'Phi quan ly tai khoan' },
      { ...base, bankRef: 'FT23306000004', amount: '48000000', bookingDate: '2023-11-02', valueDate: '2023-11-03', description: 'BHXH T10/2023 TA0100A va TB0200B' },
      // No bank reference: a key from the line's own content, the same in an overlapping statement.
      { ...base, bankRef: '231102C250000-5560439727d3', amount: '250000', bookingDate: '2023-11-02', valueDate: '2023-11-02', description: 'Nop tien mat tai quay' },
    ]);
  });

  it('reads a bank-header file without SWIFT blocks, several statements, and numbers identical unreferenced lines', () => {
    const text = [
      'VCBKVNVX', '940', 'VCBKVNVX',
      ':20:A1', ':25:0071000123456', ':28:1/1', ':60F:C231101VND0,',
      ':61:231101C100000,NTRFNONREF', ':86:nop tien', ':61:231101C100000,NTRFNONREF', ':86:nop tien',
      ':62F:C231101VND200000,', '-',
      ':20:A2', ':25:0071000123456', ':28:2/1', ':60F:C231101VND200000,', ':62F:C231102VND200000,',
    ].join('\r\n');
    const statements = parseMt940(text);
    expect(statements.map((s) => s.header.statementId)).toEqual(['A1/1/1', 'A2/2/1']);
    expect(statements[0].lines.map((l) => l.bankRef)).toEqual(['231101C100000-943724976e10', '231101C100000-943724976e10-2']);
    expect(statements[1].lines).toEqual([]);
  });

  it('keys an unreferenced line the same in two overlapping statements, so it is recorded once', () => {
    const statement = (from: string, opening: string, closing: string, lines: string[]) =>
      [':20:X', ':25:0071000123456', `:28C:${from}`, `:60F:C${from}VND${opening},`, ...lines, `:62F:C231105VND${closing},`].join('\n');
    const cash = [':61:231102C250000,NTRFNONREF', ':86:Nop tien mat tai quay TA0100A'];
    const fee = [':61:231104D11000,NCHGNONREF', ':86:Phi quan ly tai khoan'];
    const first = parseMt940(statement('231101', '0', '250000', cash))[0].lines;
    const overlapping = parseMt940(statement('231102', '0', '239000', [...cash, ...fee]))[0].lines;
    expect(overlapping.map((l) => l.bankRef)).toEqual([first[0].bankRef, '231104D11000-c719c9038b73']);
    expect(overlapping[0]).toEqual(first[0]);
  });

  it.each([
    ['a line that is not a statement line', TEXT.replace(':61:2311011101D11000,', ':61:2311011101X11000,'), 11, ':61: "2311011101X11000,NCHGNONREF//FT23305000003" is not a statement line'],
    ['a fractional amount', TEXT.replace('C15200000,00', 'C15200000,50'), 9, '15200000,50 is not a whole number of đồng (VND has no minor unit)'],
    ['balances that do not tie', TEXT.replace(':62F:C231102VND596074000,', ':62F:C231102VND596075000,'), 17, 'closing balance 596075000 ≠ opening 500000000 + lines 96074000'],
    ['a bank reference twice', TEXT.replace('//FT23305000002', '//FT23305000001'), 9, 'bank reference FT23305000001 is already on line 6'],
    ['another currency', TEXT.replace('C231031VND', 'C231031USD'), 5, 'currency USD, the account is kept in VND'],
    ['a date that does not exist', TEXT.replace(':61:2311011101C32635000', ':61:2311311101C32635000'), 6, '231131 is not a date'],
    ['a statement without a closing balance', TEXT.replace(/:62F:.*\n/, ''), 2, 'statement has no :62F: field'],
    ['text that is no MT940 at all', 'Ngày giao dịch;Số tiền\n01/11/2023;1.000', 1, 'no :20: field: not an MT940 statement'],
  ])('refuses %s, naming the line', async (_name, text, line, reason) => {
    expect(await refusal(() => parseMt940(text))).toEqual({ line, element: undefined, reason });
  });
});
