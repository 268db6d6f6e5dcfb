import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { BANK_MAPPINGS, BIDV, VIETCOMBANK } from '../mappings/index.js';
import { parseCamt053 } from './camt053.js';
import { parseStatementCsv } from './csv.js';
import { readMapping } from './mapping.js';
import { NOVEMBER_LINES } from './expected-lines.fixture.js';
import { fixture } from './fixtures.fixture.js';
import { refusal } from './refusal.fixture.js';
import { parseStatementXlsx } from './xlsx.js';

const ACCOUNT = '0071000123456';
const VCB_CSV = fixture('vietcombank-2023-11.csv').toString('utf8');

describe('bank portal exports (CSV, XLSX) with a column mapping', () => {
  it('reads a Vietcombank CSV: BOM, `;`, title rows, `1.234.000`, dd/mm/yyyy with a time, totals footer', () => {
    const statement = parseStatementCsv(fixture('vietcombank-2023-11.csv'), VIETCOMBANK, ACCOUNT);
    expect(statement.header).toEqual({ account: ACCOUNT, statementId: 'vietcombank-0071000123456-2023-11-01-2023-11-02' });
    expect(statement.lines).toEqual(NOVEMBER_LINES);
  });

  it('reads a BIDV CSV: `,`, one signed amount column `1,234,000.00`, an extra column', () => {
    expect(parseStatementCsv(fixture('bidv-2023-11.csv'), BIDV, ACCOUNT).lines).toEqual(NOVEMBER_LINES);
  });

  it('gives the same lines from camt.053 as from either bank CSV of the same credits', () => {
    const camt = parseCamt053(fixture('vcb-2023-11.camt053.xml'))[0].lines;
    expect(parseStatementCsv(fixture('vietcombank-2023-11.csv'), VIETCOMBANK, ACCOUNT).lines).toEqual(camt);
    expect(parseStatementCsv(fixture('bidv-2023-11.csv'), BIDV, ACCOUNT).lines).toEqual(camt);
  });

  it('reads an XLSX export, typed dates and numbers or text cells alike', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sao ke');
    sheet.addRow(['SAO KÊ TÀI KHOẢN 0071000123456']);
    sheet.addRow([]);
    sheet.addRow(['Ngày giao dịch', 'Ngày hiệu lực', 'Số tham chiếu', 'Mô tả', 'Tên đơn vị chuyển', 'Tài khoản đối ứng', 'Số tiền ghi có', 'Số tiền ghi nợ']);
    for (const l of NOVEMBER_LINES) {
      const credit = l.direction === 'credit';
      sheet.addRow([
        new Date(`${l.bookingDate}T00:00:00Z`),
        // One portal writes dates as text, another as dates: both are read.
        l.valueDate.split('-').reverse().join('/'),
        l.bankRef,
        l.description,
        l.counterpartyName ?? null,
        l.counterpartyAccount ?? null,
        credit ? Number(l.amount) : null,
        credit ? null : l.amount.replace(/\B(?=(\d{3})+(?!\d))/g, '.'),
      ]);
    }
    sheet.addRow(['Tổng cộng', null, null, null, null, null, 95835000, 11000]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await parseStatementXlsx(buffer, VIETCOMBANK, ACCOUNT)).lines).toEqual(NOVEMBER_LINES);
  });

  it('refuses a file that is not XLSX', async () => {
    expect(await refusal(() => parseStatementXlsx(Buffer.from('not a zip'), VIETCOMBANK, ACCOUNT))).toMatchObject({ element: 'workbook' });
  });

  it.each([
    ['a fractional amount', VCB_CSV.replace('15.200.000', '15.200.000,50'), 7, '15.200.000,50 is not a whole number of đồng (VND has no minor unit)'],
    ['a date that is not dd/mm/yyyy', VCB_CSV.replace('02/11/2023;03/11/2023', '2023-11-02;03/11/2023'), 9, 'date "2023-11-02" is not dd/mm/yyyy'],
    ['a day that does not exist', VCB_CSV.replace('02/11/2023;03/11/2023', '31/11/2023;03/11/2023'), 9, 'date "31/11/2023" is not dd/mm/yyyy'],
    ['both credit and debit filled', VCB_CSV.replace(';;;;11.000\r', ';;;5.000;11.000\r'), 8, 'both the credit and the debit column are filled'],
    ['neither credit nor debit filled', VCB_CSV.replace(';;;;11.000\r', ';;;;\r'), 8, 'neither the credit nor the debit column is filled'],
    ['an amount that is not a number', VCB_CSV.replace('48.000.000', '48 triệu'), 9, '"48 triệu" is not an amount'],
    ['a bank reference twice', VCB_CSV.replace('FT23306000004', 'FT23305000002'), 9, 'bank reference FT23305000002 is already on line 7'],
    ['a row without a reference', VCB_CSV.replace('FT23305000002', ''), 7, 'the reference column is empty'],
    ['another bank\'s export', fixture('bidv-2023-11.csv').toString('utf8'), 1, 'no header row with the vietcombank columns "Ngày giao dịch", "Ngày hiệu lực", "Số tiền ghi có", "Số tiền ghi nợ", "Số tham chiếu", "Mô tả", "Tên đơn vị chuyển", "Tài khoản đối ứng"'],
    ['an unclosed quote', VCB_CSV.replace('BHXH T10/2023 TA0100A;CONG', '"BHXH T10/2023 TA0100A;CONG'), 6, undefined],
  ])('refuses %s, naming the line', async (_name, csv, line, reason) => {
    const found = await refusal(() => parseStatementCsv(csv, VIETCOMBANK, ACCOUNT));
    expect(found.line).toBe(line);
    if (reason) expect(found.reason).toBe(reason);
  });

  it('refuses a mapping without amount columns before reading', async () => {
    const broken = { ...VIETCOMBANK, columns: { ...VIETCOMBANK.columns, credit: undefined } };
    expect(await refusal(() => parseStatementCsv(VCB_CSV, broken, ACCOUNT))).toEqual({
      line: undefined,
      element: 'mapping vietcombank',
      reason: 'give either an amount column or both credit and debit columns',
    });
  });

  it('ships the mappings as JSON files equal to the ones in code', () => {
    for (const [name, mapping] of Object.entries(BANK_MAPPINGS)) {
      const file = fileURLToPath(new URL(`../mappings/${name}.json`, import.meta.url));
      expect(readMapping(readFileSync(file, 'utf8'))).toEqual(mapping);
    }
  });

  it.each([
    ['{', /^not JSON/],
    ['{"bank":"x","columns":{"bookingDate":"a","bankRef":"b","description":"c","amount":"d"},"dateFormat":"d/m/y","decimal":",","thousands":"."}', /^dateFormat must be one of/],
    ['{"bank":"x","columns":{"bookingDate":"a","bankRef":"b","description":"c","amount":"d"},"dateFormat":"dd/mm/yyyy","decimal":",","thousands":","}', /^decimal and thousands separators must differ$/],
  ])('refuses the mapping file %s', (json, reason) => {
    expect(() => readMapping(json)).toThrow(expect.objectContaining({ code: 'BANK_MAPPING_INVALID', reason: expect.stringMatching(reason) }));
  });
});
