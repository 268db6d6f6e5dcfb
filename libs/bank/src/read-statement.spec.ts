import { VIETCOMBANK } from './mappings/index.js';
import { NOVEMBER_LINES } from './parsers/expected-lines.fixture.js';
import { fixture } from './parsers/fixtures.fixture.js';
import { refusal } from './parsers/refusal.fixture.js';
import { readStatementFile } from './read-statement.js';

describe('reading a statement file of any format', () => {
  it('gives the same booked lines from camt.053 and CSV', async () => {
    const camt = await readStatementFile(fixture('vcb-2023-11.camt053.xml'), { format: 'camt053', account: '0071000123456' });
    const csv = await readStatementFile(fixture('vietcombank-2023-11.csv'), { format: 'csv', account: '0071000123456', mapping: VIETCOMBANK });
    expect(camt.flatMap((s) => s.lines)).toEqual(NOVEMBER_LINES);
    expect(csv.flatMap((s) => s.lines)).toEqual(NOVEMBER_LINES);
  });

  it('refuses a file for another account than the one named', async () => {
    expect(await refusal(() => readStatementFile(fixture('vcb-2023-11.camt053.xml'), { format: 'camt053', account: '0071000999999' }))).toEqual({
      line: undefined,
      element: 'Stmt[1]/Acct/Id',
      reason: 'account 0071000123456, not 0071000999999',
    });
    expect(await refusal(() => readStatementFile(fixture('vcb-2023-11.mt940'), { format: 'mt940', account: '0071000999999' }))).toEqual({
      line: undefined,
      element: 'statement 1 :25:',
      reason: 'account 0071000123456, not 0071000999999',
    });
  });

  it('refuses a CSV without a mapping', async () => {
    expect(await refusal(() => readStatementFile(fixture('vietcombank-2023-11.csv'), { format: 'csv', account: '0071000123456' }))).toEqual({
      line: undefined,
      element: 'mapping',
      reason: "a CSV or XLSX statement needs the bank's column mapping",
    });
  });
});
