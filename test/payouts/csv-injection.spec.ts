import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Command } from '#domain';
import { configFromEnv, SocaiRuntime } from '#runtime';
import { newEvent } from '../audit/audit-fixtures.js';
import { socai } from './support/socai-cli.js';

/**
 * Issue 20, item 7: no CSV that socai writes carries a formula. Cells beginning with `=`, `+`, `-`,
 * `@`, tab or carriage return (OWASP) are written with a leading `'`, plain decimal numbers are left
 * alone, and the XLSX and NDJSON forms keep the original text. Run through the built `socai`.
 */
const CALC = "=cmd|' /C calc'!A0";
/** Payment references a hostile clerk or payout agent could send, each with its CSV cell. */
const HOSTILE_REFS: [string, string][] = [
  [CALC, `'${CALC}`],
  ["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"],
  ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
  ['@SUM(1+1)*cmd', "'@SUM(1+1)*cmd"],
  ['\t=1+1', "'\t=1+1"],
  ['\r=1+1', `"'\r=1+1"`],
  ['＝1+1', "'＝1+1"],
  ['-1000', '-1000'],
  ['CT-1', 'CT-1'],
];

const personOf = (index: number) => `45000000${String(index).padStart(2, '0')}`;

describe('CSV exports without formulas (socai export)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-csv-injection-'));
  const dataDir = join(dir, 'data');
  const env = { ...process.env, SOCAI_DATA_DIR: dataDir };
  const pay = (paymentRef: string, index: number): Command => ({
    command: 'PayBenefit',
    data: {
      paymentRef, personId: personOf(index), benefit: 'pension', payoutMonth: '2023-10', amount: String(1_000_000 + index),
      channel: 'post-office-cash', areaCode: '465', paidOn: '2023-10-05',
    } as never,
  });

  beforeAll(async () => {
    const runtime = SocaiRuntime.open({ ...configFromEnv({}), dataDir });
    try {
      const context = { actor: 'spec', role: 'admin', source: 'cli' as const };
      for (const [index, [ref]] of HOSTILE_REFS.entries()) await runtime.ledger.execute(pay(ref, index), context);
      // No command names a stream or a type so; a store copied from elsewhere might, and the CSV must not care.
      await runtime.store.appendMany([{ streamId: '@stream', expectedRevision: 'no_stream', events: [newEvent('-event', '=Noted', { note: CALC })] }]);
    } finally {
      await runtime.close();
    }
    // A statement line the ledger lacks: its reference comes from the payout agent's file.
    const statement = join(dir, 'statement.json');
    writeFileSync(statement, JSON.stringify({ statementRef: 'ST-1', lines: [{ paymentRef: '=HYPERLINK("http://evil.example","x")', personId: '4500000099', amount: '5' }] }));
    const reconciled = socai(['reconcile', '--month', '2023-10', '--area', '465', '--agent', '@agent', '--statement', statement], env);
    expect(reconciled.stderr).toBe('');
    expect(reconciled.status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('payouts as CSV: every hostile cell starts with a quote, numbers and plain text as they were', () => {
    const output = join(dir, 'payouts.csv');
    const run = socai(['export', 'payouts', '--month', '2023-10', '--area', '465', '--format', 'csv', '--output', output], env);
    expect(run.status).toBe(0);
    const rows = readFileSync(output, 'utf8').split('\r\n');
    // Rows come in payment-reference order; each payment is found by its person.
    HOSTILE_REFS.forEach(([, cell], index) => {
      const personId = personOf(index);
      expect(rows.find((row) => row.includes(`,${personId},`))).toBe(`${cell},${personId},Hưu trí,${1_000_000 + index},Tiền mặt qua bưu điện,2023-10-05,,Không có trong bảng kê,`);
    });
    expect(rows[HOSTILE_REFS.length + 1]).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")",4500000099,,,,,,Không có trong sổ cái,5`);
    expect(rows.length).toBe(HOSTILE_REFS.length + 3);
  });

  it('payouts as XLSX: the original text, as text, not a formula', async () => {
    const output = join(dir, 'payouts.xlsx');
    expect(socai(['export', 'payouts', '--month', '2023-10', '--area', '465', '--format', 'xlsx', '--output', output], env).status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const sheet = workbook.getWorksheet('Danh sách chi trả')!;
    const byPerson = new Map<unknown, ExcelJS.Cell>();
    sheet.eachRow((row) => byPerson.set(row.getCell(2).value, row.getCell(1)));
    HOSTILE_REFS.forEach(([ref], index) => {
      const cell = byPerson.get(personOf(index))!;
      // XML, which XLSX is made of, reads a CR in text as LF: the one change the format makes itself.
      expect([cell.type, cell.value]).toEqual([ExcelJS.ValueType.String, ref.replace('\r', '\n')]);
    });
    expect(sheet.getRow(HOSTILE_REFS.length + 2).getCell(1).value).toBe('=HYPERLINK("http://evil.example","x")');
    expect(workbook.getWorksheet('Đối soát')!.getRow(2).getCell(2).value).toBe('@agent');
  });

  it('events as CSV: quoted cells where a spreadsheet would see a formula; NDJSON keeps the stored text', () => {
    const csv = socai(['export', 'events', '--format', 'csv'], env);
    expect(csv.status).toBe(0);
    const lines = csv.stdout.split('\n');
    expect(lines.find((line) => line.includes('Noted'))).toMatch(/^event,10,'@stream,0,'-event,'=Noted,2025-03-01T08:00:00.000Z,"\{""note"":""=cmd\|' \/C calc'!A0""\}","\{/);
    const ndjson = socai(['export', 'events', '--format', 'ndjson'], env);
    expect(ndjson.stdout).toContain('{"kind":"event","position":10,"streamId":"@stream","revision":0,"eventId":"-event","type":"=Noted","data":{"note":"=cmd|\' /C calc\'!A0"}');
  });
});
