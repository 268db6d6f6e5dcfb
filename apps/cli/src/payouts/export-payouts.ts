import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { PayoutsReconciled } from '#domain';
import type { SocaiRuntime } from '#runtime';
import { spreadsheetSafe } from '../csv-cells.js';
import { paymentList } from './payment-list.js';
import { AMOUNT_COLUMNS, PAYOUT_COLUMNS, payoutRows, type PayoutRow } from './payout-rows.js';

export type PayoutExportFormat = 'csv' | 'xlsx';

export interface ExportPayoutsRequest {
  month: string;
  area: string;
  format: PayoutExportFormat;
  /** File to write; standard output when absent. */
  output?: string;
}

export interface ExportPayoutsSummary {
  rows: number;
  payments: number;
  reversed: number;
  reconciliation?: Pick<PayoutsReconciled, 'statementRef' | 'agent' | 'reconciledOn'>;
}

/**
 * `socai export payouts`: the ledger's payment list of a month and area (danh sách chi trả) with the
 * latest reconciliation's verdict on each line, as a file finance staff open in a spreadsheet.
 * CSV carries a BOM so that Excel reads the Vietnamese as UTF-8 and no cell that a spreadsheet would
 * take for a formula (csv-cells.ts); xlsx keeps every text as given and stores amounts as numbers
 * when a double holds them exactly (up to 2^53 đồng) and as text beyond, so no đồng is ever lost.
 */
export async function exportPayouts(runtime: SocaiRuntime, request: ExportPayoutsRequest): Promise<ExportPayoutsSummary> {
  const list = await paymentList(runtime.store, request.month, request.area, (code, ancestor) => runtime.areas.isWithin(code, ancestor));
  const rows = payoutRows(list);
  const sink: Writable = request.output ? createWriteStream(request.output) : process.stdout;
  if (request.format === 'csv') await writeCsv(rows, sink);
  else await writeXlsx(rows, list.reconciliation, sink);
  // Standard output stays open for whatever the process writes next; a file is flushed and closed.
  if (sink !== process.stdout) {
    if (!sink.writableEnded) sink.end();
    await finished(sink);
  }
  const { reconciliation } = list;
  return {
    rows: rows.length,
    payments: list.payments.length,
    reversed: list.payments.filter((payment) => payment.reversedOn).length,
    reconciliation: reconciliation && { statementRef: reconciliation.statementRef, agent: reconciliation.agent, reconciledOn: reconciliation.reconciledOn },
  };
}

async function writeCsv(rows: PayoutRow[], sink: Writable): Promise<void> {
  const csv = stringify({
    bom: true,
    header: true,
    record_delimiter: 'windows',
    cast: { string: spreadsheetSafe },
    // A lone CR or LF inside a cell ends the row for a spreadsheet unless the cell is quoted; the
    // writer by itself quotes only the record delimiter (CRLF).
    quoted_match: /[\r\n]/,
    columns: PAYOUT_COLUMNS.map(({ key, header }) => ({ key, header })),
  });
  Readable.from(rows).pipe(csv);
  for await (const chunk of csv) if (!sink.write(chunk)) await once(sink, 'drain');
}

/** Past 2^53 a double skips whole numbers, so a larger amount is written as text. */
const LARGEST_EXACT_NUMBER = 2n ** 53n;

/** An empty value is an empty cell; an amount a number when a double holds it exactly. */
function cellOf(key: string, value: string): string | number | null {
  if (value === '') return null;
  if (!AMOUNT_COLUMNS.has(key) || BigInt(value) > LARGEST_EXACT_NUMBER) return value;
  return Number(value);
}

async function writeXlsx(rows: PayoutRow[], reconciliation: PayoutsReconciled | undefined, sink: Writable): Promise<void> {
  // The workbook writer ends the stream it is given, which standard output must not be.
  const target = sink === process.stdout ? new PassThrough() : sink;
  if (target !== sink) target.pipe(sink, { end: false });
  // Loaded here, not at the top: exceljs is a large tree of modules that every other CLI command would
  // pay for (docs/benchmarks.md, 'exceljs loaded lazily').
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: target, useStyles: true, useSharedStrings: false });
  const list = workbook.addWorksheet('Danh sách chi trả', { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = PAYOUT_COLUMNS.map(({ key, header }) => ({
    key, header, width: Math.max(header.length + 2, 14), style: AMOUNT_COLUMNS.has(key) ? { numFmt: '#,##0' } : {},
  }));
  list.getRow(1).font = { bold: true };
  for (const row of rows) {
    list.addRow(Object.fromEntries(PAYOUT_COLUMNS.map(({ key }) => [key, cellOf(key, row[key])]))).commit();
  }
  list.commit();
  const summary = workbook.addWorksheet('Đối soát');
  summary.columns = [{ width: 30 }, { width: 28 }, { width: 24, style: { numFmt: '#,##0' } }];
  if (!reconciliation) {
    summary.addRow(['Chưa có lần đối soát nào cho tháng và địa bàn này']).commit();
  } else {
    const r = reconciliation;
    for (const [label, value] of [['Mã bảng kê', r.statementRef], ['Đơn vị chi trả', r.agent], ['Tháng chi trả', r.month], ['Địa bàn', r.areaCode], ['Ngày đối soát', r.reconciledOn]]) {
      summary.addRow([label, value]).commit();
    }
    summary.addRow([]).commit();
    summary.addRow(['Kết quả', 'Số dòng', 'Số tiền (đồng)']).commit();
    const buckets: [string, { count: number; amount: string }][] = [
      ['Khớp', r.matched], ['Lệch số tiền (theo bảng kê)', r.amountMismatches],
      ['Không có trong sổ cái (theo bảng kê)', r.missingInLedger], ['Không có trong bảng kê (theo sổ cái)', r.missingInStatement],
    ];
    for (const [label, bucket] of buckets) summary.addRow([label, bucket.count, cellOf('amount', bucket.amount)]).commit();
  }
  summary.commit();
  await workbook.commit();
}
