import { todayUtc } from '#domain';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { auth, startTestServer, type TestServer } from '../support/test-server.js';

/**
 * Issue 24, item 3: the bank-credit list and the month's reconciliation as XLSX, read back with
 * exceljs and compared cell by cell with the CSV of the same request; and the read-only list of the
 * office's collection accounts the dashboard picks from.
 */
const ACCOUNT = '0071000123456';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = readFileSync(new URL('../../libs/bank/src/fixtures/vietcombank-2023-11.csv', import.meta.url)).toString('utf8')
  // A credit whose text a spreadsheet would run as a formula: the CSV quotes it, the XLSX keeps it as text.
  .replace('Tổng cộng;', '03/11/2023;03/11/2023;FT23307000012;=1+2 chuyen tien;NGUYEN VAN B;0991000333444;1.250.000;\r\nTổng cộng;');

let server: TestServer;
const reach = async () => `minPosition=${await server.runtime.store.headPosition()}`;

/** A sheet's cells as the CSV writes them: numbers in full, dates as YYYY-MM-DD, empty cells empty. */
function asCsvText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

async function download(path: string) {
  const response = await fetch(`${server.url}${path}`, { headers: auth(server.adminKey) });
  return { status: response.status, type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), body: Buffer.from(await response.arrayBuffer()) };
}

/** The first sheet's cells row by row, with each cell's number format. */
async function readXlsx(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: { value: ExcelJS.CellValue; numFmt: string | undefined }[][] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: sheet.columnCount }, (_, c) => ({ value: row.getCell(c + 1).value, numFmt: row.getCell(c + 1).numFmt })));
  }
  return { name: sheet.name, rows };
}

/** Compares the XLSX with the CSV of the same list cell by cell; the CSV's quote before a formula-like text is the one difference. */
async function compareWithCsv(path: string) {
  const separator = path.includes('?') ? '&' : '?';
  const both = async () => [await download(`${path}${separator}format=csv`), await download(`${path}${separator}format=xlsx`)] as const;
  // A credit's age counts days to today: two downloads astride midnight UTC would differ by a day, so such a pair is fetched again.
  const day = todayUtc();
  let [csv, xlsx] = await both();
  if (todayUtc() !== day) [csv, xlsx] = await both();
  expect([csv.status, xlsx.status, xlsx.type]).toEqual([200, 200, XLSX_TYPE]);
  // The CSV's total rows stop after their last cell; the sheet's rows run to the header's width.
  const csvRows = parse(csv.body.toString('utf8'), { relax_column_count: true }) as string[][];
  const width = csvRows[0]!.length;
  const sheet = await readXlsx(xlsx.body);
  expect(sheet.rows.map((row) => row.map((cell) => asCsvText(cell.value)))).toEqual(
    csvRows.map((row) => Array.from({ length: width }, (_, i) => (row[i] ?? '').replace(/^'(?=[=+\-@])/, ''))),
  );
  return { csvRows, sheet, disposition: xlsx.disposition };
}

/** The cells of one column below the header, with their kind and number format. */
const column = (sheet: Awaited<ReturnType<typeof readXlsx>>, name: string) => {
  const index = sheet.rows[0]!.findIndex((cell) => cell.value === name);
  return sheet.rows.slice(1).map((row) => row[index]!);
};
const kinds = (cells: { value: ExcelJS.CellValue; numFmt: string | undefined }[]) =>
  [...new Set(cells.map((cell) => `${cell.value instanceof Date ? 'date' : cell.value === null ? 'empty' : typeof cell.value} ${cell.numFmt ?? ''}`.trim()))].sort();

beforeAll(async () => {
  server = await startTestServer();
  const posts: [string, object][] = [
    ['/api/employers', { unitCode: 'TA0100A', name: 'Công ty TNHH Mía đường Quảng Trị', areaCode: '465', registeredOn: '2020-01-01' }],
    // Registered so that the transfer naming both TA0100A and TB0200B is ambiguous and waits in suspense.
    ['/api/employers', { unitCode: 'TB0200B', name: 'Công ty TNHH Thanh Bình', areaCode: '465', registeredOn: '2020-01-01' }],
    ['/api/employers', { unitCode: 'TC0300C', name: 'Công ty Cổ phần Thủy sản Sao Mai', areaCode: '465', taxCode: '0101234567', registeredOn: '2020-01-01' }],
    ['/api/collections', { receiptNo: 'QT-CASH-1', payer: { kind: 'employer', unitCode: 'TA0100A' }, amount: '3000000', collectedOn: '2023-11-15' }],
  ];
  for (const [path, body] of posts) expect((await server.request('POST', path, body)).status).toBe(201);
  const loaded = await fetch(`${server.url}/api/bank-statements?account=${ACCOUNT}`, { method: 'POST', body: CSV, headers: { 'content-type': 'text/csv', ...auth(server.adminKey) } });
  expect(await loaded.json()).toMatchObject({ lines: 5, newCredits: 4, matched: 2, suspense: 2 });
}, 60_000);
afterAll(async () => server?.close());

describe('bank exports as XLSX (issue 24, item 3)', () => {
  it('the credit list: the CSV cell by cell, amounts as whole-đồng numbers #,##0, value dates as dates', async () => {
    const { csvRows, sheet, disposition } = await compareWithCsv(`/api/bank-credits?account=${ACCOUNT}&${await reach()}`);
    expect([sheet.name, disposition, csvRows.length]).toEqual(['bank-credits', 'attachment; filename="bank-credits.xlsx"', 5]);
    expect(column(sheet, 'amount').map((cell) => cell.value)).toEqual([32635000, 15200000, 48000000, 1250000]);
    expect(column(sheet, 'valueDate').map((cell) => asCsvText(cell.value))).toEqual(['2023-11-01', '2023-11-01', '2023-11-03', '2023-11-03']);
    expect([kinds(column(sheet, 'amount')), kinds(column(sheet, 'valueDate')), kinds(column(sheet, 'ageDays')), kinds(column(sheet, 'account'))])
      .toEqual([['number #,##0'], ['date dd/mm/yyyy'], ['number'], ['string']]);
    // The formula-like text: quoted in the CSV, a plain text cell (never a formula) in the XLSX.
    expect([csvRows[4]![12], column(sheet, 'description')[3]!.value]).toEqual(["'=1+2 chuyen tien", '=1+2 chuyen tien']);
  });

  it('the month-end reconciliation: the CSV cell by cell, totals and lists alike', async () => {
    const { csvRows, sheet, disposition } = await compareWithCsv(`/api/bank-reconciliations/${ACCOUNT}/2023-11?${await reach()}`);
    expect([sheet.name, disposition]).toEqual(['bank-reconciliation', `attachment; filename="bank-reconciliation-${ACCOUNT}-2023-11.xlsx"`]);
    expect(sheet.rows.slice(1, 7).map((row) => row.map((cell) => cell.value))).toEqual([
      ['total', 'credits', null, null, 97085000, 4, null, null],
      ['total', 'matched', null, null, 47835000, 2, null, null],
      ['total', 'assigned', null, null, 0, 0, null, null],
      ['total', 'unmatched', null, null, 49250000, 2, null, null],
      ['total', 'returned', null, null, 0, 0, null, null],
      ['total', 'ledgerOnly', null, null, 3000000, 1, null, null],
    ]);
    expect(csvRows.length).toBe(12);
    expect([kinds(column(sheet, 'amount')), kinds(column(sheet, 'date'))]).toEqual([['number #,##0'], ['date dd/mm/yyyy', 'empty dd/mm/yyyy']]);
    expect(sheet.rows[11]!.map((cell) => asCsvText(cell.value))).toEqual(['ledgerOnly', expect.any(String), 'QT-CASH-1', '2023-11-15', '3000000', 'TA0100A', '', '']);
  });

  it('refuses a format it does not write, naming the field', async () => {
    const answers = [
      await server.request('GET', `/api/bank-credits?format=pdf`),
      await server.request('GET', `/api/bank-reconciliations/${ACCOUNT}/2023-11?format=ods`),
    ];
    expect(answers.map((a) => [a.status, a.body.errors])).toEqual([
      [400, [{ field: 'format', message: 'must be one of: json, csv, xlsx' }]],
      [400, [{ field: 'format', message: 'must be one of: json, csv, xlsx' }]],
    ]);
  });
});

describe('GET /api/bank-accounts', () => {
  it("lists the office's collection accounts of an area to the keys that may read their credits", async () => {
    const key = async (role: string, area: string) => (await server.request('POST', '/api/keys', { name: `${role}-${area}`, role, areas: [area] })).body.key as string;
    const finance45 = await key('finance', '45');
    const get = async (query: string, as = server.adminKey) => {
      const answer = await server.request('GET', `/api/bank-accounts${query}`, undefined, auth(as));
      return [answer.status, answer.body.items ?? answer.body.errors ?? answer.body.code];
    };
    const account = { account: ACCOUNT, areaCode: '45', bank: 'vietcombank' };
    expect([
      await get(''),
      await get('?area=45', finance45),
      // Today's Quảng Trị (44) took the old province 45 over: its keys read 45's account.
      await get('?area=44'),
      await get('?area=465'),
      await get('?area=95'),
      await get('?area=4x'),
      await get('', finance45),
      await get('?area=45', await key('inspector', '45')),
      await get('?area=45', await key('auditor', '95')),
    ]).toEqual([
      [200, [account]],
      [200, [account]],
      [200, [account]],
      [200, []],
      [200, []],
      [400, [{ field: 'area', message: 'must be a GSO area code of 2, 3 or 5 digits' }]],
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
      [403, 'FORBIDDEN'],
    ]);
    // What 44 lists it can read: the old province's queue is today's province's.
    const queue = async (area: string) => (await server.request('GET', `/api/bank-credits?status=unmatched&area=${area}&${await reach()}`)).body.items.map((c: any) => c.amount);
    expect([await queue('45'), await queue('44')]).toEqual([['48000000', '1250000'], ['48000000', '1250000']]);
  });
});
