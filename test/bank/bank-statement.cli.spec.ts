import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '#event-store';

const SOCAI = join(process.cwd(), 'bin', 'socai.js');
const fixture = (name: string) => fileURLToPath(new URL(`../../libs/bank/src/fixtures/${name}`, import.meta.url));

/**
 * The real `socai bank-statement import` on the built code (SQLite): camt.053 then the bank's CSV of
 * the same credits record the same facts once; a file refused whole writes nothing.
 */
describe('socai bank-statement import (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-bank-'));
  const env = { ...process.env, SOCAI_DATA_DIR: join(dir, 'data') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync('node', [SOCAI, ...args], { env, encoding: 'utf8' });

  it('loads camt.053, then the same credits as CSV (nothing new), refuses a broken file whole', async () => {
    const lines = [
      { command: 'RegisterEmployer', data: { unitCode: 'TA0100A', name: 'Công ty TNHH Mía đường Quảng Trị', areaCode: '465', registeredOn: '2020-01-01' } },
      { command: 'RegisterEmployer', data: { unitCode: 'TB0200B', name: 'Công ty TNHH Thanh Bình', areaCode: '465', registeredOn: '2020-01-01' } },
      { command: 'RegisterEmployer', data: { unitCode: 'TC0300C', name: 'Công ty Cổ phần Thủy sản Sao Mai', areaCode: '465', taxCode: '0101234567', registeredOn: '2020-01-01' } },
    ];
    const ledger = join(dir, 'ledger.ndjson');
    writeFileSync(ledger, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    expect(run('import', ledger).status).toBe(0);

    const camt = run('bank-statement', 'import', fixture('vcb-2023-11.camt053.xml'), '--account', '0071000123456');
    expect({ status: camt.status, stdout: camt.stdout }).toEqual({
      status: 0, stdout: 'vcb-2023-11.camt053.xml on 0071000123456: 4 lines, 1 debits, 3 new credits, 0 duplicates, 2 matched, 1 in suspense\n',
    });
    const csv = run('bank-statement', 'import', fixture('vietcombank-2023-11.csv'), '--account', '0071000123456', '--bank', 'vietcombank');
    expect({ status: csv.status, stdout: csv.stdout }).toEqual({
      status: 0, stdout: 'vietcombank-2023-11.csv on 0071000123456: 4 lines, 1 debits, 0 new credits, 3 duplicates, 0 matched, 0 in suspense\n',
    });
    const broken = join(dir, 'broken.csv');
    writeFileSync(broken, 'Ngày giao dịch;Ngày hiệu lực;Số tham chiếu;Mô tả;Tên đơn vị chuyển;Tài khoản đối ứng;Số tiền ghi có;Số tiền ghi nợ\n'
      + '01/12/2023;01/12/2023;FT9;BHXH TA0100A;X;1;1.000.000;\n31/02/2023;31/02/2023;FT10;BHXH TA0100A;X;1;2.000.000;\n');
    const refused = run('bank-statement', 'import', broken, '--account', '0071000123456');
    expect({ status: refused.status, stderr: refused.stderr.split('\n')[0] }).toEqual({ status: 1, stderr: expect.stringMatching(/^socai bank-statement import: csv statement refused at line 3: /) });
    expect(run('bank-statement', 'import', broken, '--account', '42').stderr).toContain('account: 42 is not one of the office\'s collection accounts');

    const store = SqliteEventStore.open(join(dir, 'data', 'events.sqlite'));
    try {
      const facts = (await store.readStream('bank-0071000123456')).map((e) => [e.type, (e.data as { bankRef?: string }).bankRef ?? (e.data as { unitCode?: string }).unitCode ?? '']);
      expect(facts).toEqual([
        ['BankStatementReceived', ''],
        ['BankCreditReceived', 'FT23305000001'],
        ['BankCreditReceived', 'FT23305000002'],
        ['BankCreditReceived', 'FT23306000004'],
        ['BankCreditMatched', 'TA0100A'],
        ['BankCreditMatched', 'TC0300C'],
      ]);
    } finally {
      await store.close();
    }
  });
});
