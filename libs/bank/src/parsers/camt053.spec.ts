import { writeCamt053 } from '../generator/write-camt053.js';
import { StatementParseError } from '../statement.js';
import { parseCamt053 } from './camt053.js';
import { NOVEMBER_LINES } from './expected-lines.fixture.js';
import { fixture } from './fixtures.fixture.js';

function refusal(run: () => unknown): Pick<StatementParseError, 'line' | 'element' | 'reason'> {
  try {
    run();
  } catch (err) {
    if (err instanceof StatementParseError) return { line: err.line, element: err.element, reason: err.reason };
    throw err;
  }
  throw new Error('not refused');
}

const XML = fixture('vcb-2023-11.camt053.xml').toString('utf8');

describe('camt.053', () => {
  it('reads the booked entries of a 001.08 statement, leaving the pending one out', () => {
    const [statement, ...more] = parseCamt053(fixture('vcb-2023-11.camt053.xml'));
    expect(more).toEqual([]);
    expect(statement.header).toEqual({
      account: '0071000123456',
      statementId: 'VCB-0071000123456-20231102',
      opening: { amount: '500000000', date: '2023-10-31' },
      closing: { amount: '595824000', date: '2023-11-02' },
    });
    expect(statement.lines).toEqual(NOVEMBER_LINES);
  });

  it('reads a 001.02 message (party names without Pty, a plain Sts) the same', () => {
    const v02 = writeCamt053({ header: { account: '0071000123456', statementId: 'S1' }, lines: NOVEMBER_LINES }, { version: '02' });
    expect(v02).toContain('camt.053.001.02');
    expect(v02).toContain('<Dbtr><Nm>CONG TY TNHH MIA DUONG QUANG TRI</Nm></Dbtr>');
    expect(parseCamt053(v02)[0].lines).toEqual(NOVEMBER_LINES);
  });

  it('takes a byte-order mark and a debit balance', () => {
    const debit = XML.replace('<Amt Ccy="VND">500000000</Amt>\n        <CdtDbtInd>CRDT</CdtDbtInd>', '<Amt Ccy="VND">500000000</Amt>\n        <CdtDbtInd>DBIT</CdtDbtInd>');
    expect(parseCamt053(`\uFEFF${debit}`)[0].header.opening).toEqual({ amount: '-500000000', date: '2023-10-31' });
  });

  it('splits a batch entry into its transactions, each with its own amount and reference', () => {
    const tx = (ref: string, amount: string, name: string, text: string) =>
      `<TxDtls><Refs><TxId>${ref}</TxId></Refs><Amt Ccy="VND">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd>` +
      `<RltdPties><Dbtr><Pty><Nm>${name}</Nm></Pty></Dbtr></RltdPties><RmtInf><Ustrd>${text}</Ustrd></RmtInf></TxDtls>`;
    const batch =
      '<Ntry><Amt Ccy="VND">30000000</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2023-11-02</Dt></BookgDt>' +
      `<AcctSvcrRef>BULK231102</AcctSvcrRef><NtryDtls>${tx('TX1', '10000000', 'A', 'BHXH TA0100A')}${tx('TX2', '20000000', 'B', 'BHXH TB0200B')}</NtryDtls></Ntry>`;
    const xml = XML.replace('<Ntry>', `${batch}<Ntry>`);
    const base = { account: '0071000123456', bookingDate: '2023-11-02', valueDate: '2023-11-02', direction: 'credit' };
    expect(parseCamt053(xml)[0].lines.slice(0, 2)).toEqual([
      { ...base, bankRef: 'TX1', amount: '10000000', description: 'BHXH TA0100A', counterpartyName: 'A' },
      { ...base, bankRef: 'TX2', amount: '20000000', description: 'BHXH TB0200B', counterpartyName: 'B' },
    ]);
    expect(refusal(() => parseCamt053(xml.replace('<Amt Ccy="VND">20000000', '<Amt Ccy="VND">20000001')))).toEqual({
      line: undefined,
      element: 'Stmt[1]/Ntry[1]/Amt',
      reason: "the entry's 30000000 is not the sum 30000001 of its 2 transactions",
    });
  });

  it.each([
    ['XML that is not well formed, at its line', XML.replace('</AcctSvcrRef>', '</AcctSvcrReff>'), { line: 44, element: undefined, reason: "Expected closing tag 'AcctSvcrRef' (opened in line 44, col 9) instead of closing tag 'AcctSvcrReff'." }],
    ['a fractional amount', XML.replace('32635000</Amt>', '32635000.50</Amt>'), { line: undefined, element: 'Stmt[1]/Ntry[1]/Amt', reason: '32635000.50 is not a whole number of đồng (VND has no minor unit)' }],
    ['an amount in another currency', XML.replace('<Amt Ccy="VND">15200000', '<Amt Ccy="USD">15200000'), { line: undefined, element: 'Stmt[1]/Ntry[2]/Amt', reason: 'currency USD, the account is kept in VND' }],
    ['an entry without any bank reference', XML.replace('<AcctSvcrRef>FT23305000003</AcctSvcrRef>', ''), { line: undefined, element: 'Stmt[1]/Ntry[3]/AcctSvcrRef', reason: 'missing (nor NtryRef, TxId or Refs/Prtry/Ref): a line needs the bank reference as its key' }],
    ['a booking date that is not a date', XML.replaceAll('<BookgDt><Dt>2023-11-02</Dt>', '<BookgDt><Dt>02/11/2023</Dt>'), { line: undefined, element: 'Stmt[1]/Ntry[5]/BookgDt', reason: '"02/11/2023" is not a date' }],
    ['a bank reference twice (the second line would be lost on import)', XML.replaceAll('FT23305000002', 'FT23305000001'), { line: undefined, element: 'Stmt[1]/Ntry[2]/AcctSvcrRef', reason: 'bank reference FT23305000001 is already on Stmt[1]/Ntry[1]' }],
    ['a camt.052 report', XML.replace('xsd:camt.053.001.08', 'xsd:camt.052.001.08'), { line: undefined, element: 'Document', reason: 'not a camt.053.001.02 or later message (namespace camt.052.001.08)' }],
    ['a document without a statement', XML.replace(/<Stmt>[\s\S]*<\/Stmt>/, ''), { line: undefined, element: 'Document/BkToCstmrStmt', reason: 'no Stmt element' }],
  ])('refuses %s, naming where', (_name, xml, expected) => {
    expect(refusal(() => parseCamt053(xml))).toEqual(expected);
  });
});
