import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Command } from '#domain';
import { configFromEnv, SocaiRuntime } from '#runtime';
import { socai } from './support/socai-cli.js';

/**
 * `socai reconcile` and `socai export payouts` end to end, as separate processes on the built code,
 * over a data directory whose payments the spec records through the ledger beforehand.
 */
describe('socai reconcile / export payouts (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-payouts-cli-'));
  const dataDir = join(dir, 'data');
  const env = { ...process.env, SOCAI_DATA_DIR: dataDir };
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const flags = ['--month', '2023-10', '--area', '465', '--agent', 'Bưu điện Hướng Hóa'];
  const statement = file('statement.csv', '\uFEFFpaymentRef;personId;amount\r\nQ-1;4500000001;2.150.000\r\nQ-2;4500000002;1.850.000\r\nQ-3;4500000003;3.456.789\r\nQ-7;4500000007;640.000\r\n');

  async function withLedger<T>(work: (runtime: SocaiRuntime) => Promise<T>): Promise<T> {
    const runtime = SocaiRuntime.open({ ...configFromEnv({}), dataDir });
    try {
      return await work(runtime);
    } finally {
      await runtime.close();
    }
  }
  const pay = (paymentRef: string, personId: string, amount: string, extra: object = {}): Command => ({
    command: 'PayBenefit',
    data: { paymentRef, personId, benefit: 'pension', payoutMonth: '2023-10', amount, channel: 'post-office-cash', areaCode: '465', paidOn: '2023-10-05', ...extra } as never,
  });

  beforeAll(async () => {
    await withLedger(async (runtime) => {
      const context = { actor: 'spec', role: 'admin', source: 'cli' as const };
      const record = async (command: Command) => (await runtime.ledger.execute(command, context)).result.eventId;
      await record(pay('Q-1', '4500000001', '2150000'));
      await record(pay('Q-2', '4500000002', '1800000', { benefit: 'survivor' }));
      const q3 = await record(pay('Q-3', '4500000003', '3456789'));
      await record(pay('Q-4', '4500000004', '12000000', { benefit: 'one-off', channel: 'bank-account' }));
      // 2^53 + 1 đồng: absurd as a pension, but the amount a double cannot hold.
      await record(pay('Q-9', '4500000009', '9007199254740993', { channel: 'bank-account' }));
      await record({ command: 'ReverseEntry', data: { eventId: q3, reason: 'Trả nhầm người', reversedOn: '2023-10-20' } });
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reconciles a CSV statement: exit 0 and the four buckets with counts and amounts in đồng', () => {
    const run = socai(['reconcile', ...flags, '--statement', statement, '--statement-ref', 'VNPOST-465-2023-10'], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').slice(0, 5)).toStrictEqual([
      expect.stringMatching(/^statement VNPOST-465-2023-10 of Bưu điện Hướng Hóa, area 465, 2023-10: recorded \(position 7, event [0-9a-f-]{36}\)$/),
      'matched                      1 lines                 2.150.000 đ',
      'amount mismatches            1 lines                 1.850.000 đ',
      'missing in ledger            2 lines                 4.096.789 đ',
      'missing in statement         2 payments  9.007.199.266.740.993 đ',
    ]);
    expect(run.stdout).toContain('  Q-2 4500000002: statement 1.850.000 đ, ledger 1.800.000 đ\n');
    expect(run.stdout).toContain('  Q-9 4500000009: 9.007.199.254.740.993 đ\n');
  });

  it('records nothing new for the same statement again (exit 0) and refuses its ref for other lines (exit 1)', async () => {
    const again = socai(['reconcile', ...flags, '--statement', statement, '--statement-ref', 'VNPOST-465-2023-10'], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/: already recorded, nothing new written \(position 7,/);
    const other = socai(['reconcile', ...flags, '--statement', file('other.csv', 'paymentRef,personId,amount\nQ-1,4500000001,2150000\n'), '--statement-ref', 'VNPOST-465-2023-10'], env);
    expect(other.status).toBe(1);
    expect(other.stderr).toContain('IDEMPOTENCY_CONFLICT');
    expect(await withLedger((runtime) => runtime.store.headPosition())).toBe(7);
  });

  it('names the statement after its SHA-256 by default, so the same file is recorded once', () => {
    const first = socai(['reconcile', ...flags, '--statement', statement], env);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^statement 465-2023-10-sha256-[0-9a-f]{16} of .*: recorded \(position 8,/);
    expect(socai(['reconcile', ...flags, '--statement', statement], env).stdout).toMatch(/already recorded/);
  });

  it('takes the JSON statement of the HTTP route too', () => {
    const json = file('statement.json', JSON.stringify({ statementRef: 'JSON-1', lines: [{ paymentRef: 'Q-1', personId: '4500000001', amount: '2150000' }] }));
    const run = socai(['reconcile', ...flags, '--statement', json], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^statement JSON-1 of Bưu điện Hướng Hóa.*\nmatched +1 lines +2\.150\.000 đ\n/);
    const clash = socai(['reconcile', ...flags.slice(0, 2), '--area', '464', '--agent', 'x', '--statement', file('clash.json', JSON.stringify({ areaCode: '465', lines: [] }))], env);
    expect(clash.status).toBe(1);
    expect(clash.stderr).toContain('the file says areaCode "465", the command line "464"');
  });

  it.each([
    ['a malformed file', ['--statement', 'bad.csv'], 'line 3: personId is empty'],
    ['a month that is not one', ['--month', '2023-13'], '--month must be a month YYYY-MM'],
    ['no statement', ['--statement', ''], '--statement FILE is required'],
    ['a missing file', ['--statement', 'nope.csv'], 'no file'],
    ['an area not in force', ['--area', '999'], 'UNKNOWN_AREA'],
    ['an unknown flag', ['--colour', 'red'], "unknown option '--colour'"],
  ])('exits 1 for %s, recording nothing', async (_case, changed, message) => {
    file('bad.csv', 'paymentRef,personId,amount\nQ-1,4500000001,2150000\nQ-2,,1850000\n');
    const args = ['--month', '2023-10', '--area', '465', '--agent', 'VNPost', '--statement', statement, '--statement-ref', 'BAD-1'];
    for (let index = 0; index < changed.length; index += 2) {
      const at = args.indexOf(changed[index]);
      const value = changed[index + 1].endsWith('.csv') ? join(dir, changed[index + 1]) : changed[index + 1];
      if (at >= 0) args[at + 1] = value;
      else args.push(changed[index], value);
    }
    const run = socai(['reconcile', ...args], env);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(await withLedger((runtime) => runtime.store.headPosition())).toBe(9);
  });

  it('exits 2 when the store cannot be opened', () => {
    const run = socai(['reconcile', ...flags, '--statement', statement], { ...env, SOCAI_DATA_DIR: statement });
    expect(run.status).toBe(2);
  });

  it('exports the payment list with the latest reconciliation\'s verdicts as CSV with a BOM', async () => {
    // Recorded after the reconciliations, so none of them compared it.
    await withLedger((runtime) => runtime.ledger.execute(pay('Q-8', '4500000008', '2500000', { paidOn: '2023-10-25' }), { actor: 'spec', role: 'admin', source: 'cli' }));
    const output = join(dir, 'payouts.csv');
    const run = socai(['export', 'payouts', '--month', '2023-10', '--area', '465', '--format', 'csv', '--output', output], env);
    expect(run.stderr).toBe('6 payments (1 reversed), 6 rows, latest reconciliation JSON-1 (Bưu điện Hướng Hóa, ' + new Date().toISOString().slice(0, 10) + `) → ${output}\n`);
    expect(run.status).toBe(0);
    // The latest reconciliation is JSON-1, whose statement listed Q-1 only.
    expect(readFileSync(output, 'utf8')).toBe([
      '\uFEFFMã chi trả,Mã số BHXH,Chế độ,Số tiền (đồng),Hình thức chi,Ngày chi,Đã hủy,Kết quả đối soát,Số tiền theo bảng kê (đồng)',
      'Q-1,4500000001,Hưu trí,2150000,Tiền mặt qua bưu điện,2023-10-05,,Khớp,2150000',
      'Q-2,4500000002,Tử tuất,1800000,Tiền mặt qua bưu điện,2023-10-05,,Không có trong bảng kê,',
      'Q-3,4500000003,Hưu trí,3456789,Tiền mặt qua bưu điện,2023-10-05,Có (2023-10-20),Đã hủy trước đối soát,',
      'Q-4,4500000004,BHXH một lần,12000000,Tài khoản ngân hàng,2023-10-05,,Không có trong bảng kê,',
      'Q-8,4500000008,Hưu trí,2500000,Tiền mặt qua bưu điện,2023-10-25,,Ghi sau lần đối soát,',
      'Q-9,4500000009,Hưu trí,9007199254740993,Tài khoản ngân hàng,2023-10-05,,Không có trong bảng kê,',
      '',
    ].join('\r\n'));
  });

  it('exports xlsx: amounts as numbers up to 2^53 đồng, as text beyond, and the reconciliation on a second sheet', async () => {
    const mismatched = socai(['reconcile', ...flags, '--statement', statement, '--statement-ref', 'VNPOST-465-2023-10-C'], env);
    expect(mismatched.status).toBe(0);
    const output = join(dir, 'payouts.xlsx');
    const run = socai(['export', 'payouts', '--month', '2023-10', '--area', '465', '--format', 'xlsx', '--output', output], env);
    expect(run.status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(output);
    const list = workbook.getWorksheet('Danh sách chi trả')!;
    const values = (row: number) => Array.from({ length: 9 }, (_, column) => list.getRow(row).getCell(column + 1).value ?? '');
    expect(values(1)).toStrictEqual(['Mã chi trả', 'Mã số BHXH', 'Chế độ', 'Số tiền (đồng)', 'Hình thức chi', 'Ngày chi', 'Đã hủy', 'Kết quả đối soát', 'Số tiền theo bảng kê (đồng)']);
    expect(values(3)).toStrictEqual(['Q-2', '4500000002', 'Tử tuất', 1800000, 'Tiền mặt qua bưu điện', '2023-10-05', '', 'Lệch số tiền', 1850000]);
    expect(values(6)).toStrictEqual(['Q-8', '4500000008', 'Hưu trí', 2500000, 'Tiền mặt qua bưu điện', '2023-10-25', '', 'Không có trong bảng kê', '']);
    expect(values(7)[3]).toBe('9007199254740993');
    expect(values(8)).toStrictEqual(['Q-3', '4500000003', '', '', '', '', '', 'Không có trong sổ cái', 3456789]);
    expect(list.rowCount).toBe(9);
    const summary = workbook.getWorksheet('Đối soát')!;
    const cells = (row: number) => Array.from({ length: 3 }, (_, column) => summary.getRow(row).getCell(column + 1).value ?? '');
    expect(cells(1)).toStrictEqual(['Mã bảng kê', 'VNPOST-465-2023-10-C', '']);
    expect(cells(8)).toStrictEqual(['Khớp', 1, 2150000]);
    expect(cells(11)).toStrictEqual(['Không có trong bảng kê (theo sổ cái)', 3, '9007199269240993']);
  });
});
