import ExcelJS from 'exceljs';
import { exportXlsx } from './bank-credits.xlsx.js';

describe('exportXlsx', () => {
  it('writes an amount as a number only while a double holds it exactly, and keeps every other as its text', async () => {
    const amounts = ['0', '-5', '9007199254740991', '9007199254740992', '9007199254740993', '-9007199254740993', '12.5', ''];
    const workbook = new ExcelJS.Workbook();
    const body = await exportXlsx({ sheet: 'amounts', columns: ['amount', 'on'], money: ['amount'], dates: ['on'], rows: amounts.map((amount) => [amount, '2024-02-29']) });
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('amounts')!;
    const cells = amounts.map((_, i) => sheet.getRow(i + 2).getCell(1).value);
    expect(cells).toEqual([0, -5, 9007199254740991, '9007199254740992', '9007199254740993', '-9007199254740993', '12.5', null]);
    expect([sheet.getRow(2).getCell(2).value, sheet.getRow(2).getCell(2).numFmt]).toEqual([new Date('2024-02-29T00:00:00Z'), 'dd/mm/yyyy']);
  });
});
