import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SOCAI = join(process.cwd(), 'bin', 'socai.js');
const headcount = { socialInsurance: 10, healthInsurance: 10, unemploymentInsurance: 10 };

/** The real `socai close-month` on the built code, over a ledger recorded by `socai import`. */
describe('socai close-month (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-close-'));
  const env = { ...process.env, SOCAI_DATA_DIR: join(dir, 'data') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('charges each late employer of the area once; a second close records nothing; bad arguments exit 1', () => {
    // No AnnounceInterestRate: `socai import` records the seed facts (k 2016 and 2017) on the new ledger.
    const lines = [
      { command: 'RegisterEmployer', data: { unitCode: 'QT00001', name: 'Công ty Gỗ Hướng Hóa', areaCode: '465', registeredOn: '2016-12-01' } },
      { command: 'RegisterEmployer', data: { unitCode: 'QT00002', name: 'Công ty Cà phê Khe Sanh', areaCode: '465', registeredOn: '2016-12-01' } },
      { command: 'AssessContribution', data: { unitCode: 'QT00001', period: '2017-01', headcount, payroll: '50000000', assessedOn: '2017-01-01' } },
      { command: 'CollectContribution', data: { receiptNo: 'R-1', payer: { kind: 'employer', unitCode: 'QT00001' }, amount: '16250000', collectedOn: '2017-04-30' } },
    ];
    const file = join(dir, 'ledger.ndjson');
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    expect(spawnSync('node', [SOCAI, 'import', file], { env, encoding: 'utf8' }).status).toBe(0);
    const first = spawnSync('node', [SOCAI, 'close-month', '2017-04', '--area', '45', '--closed-on', '2017-05-02'], { env, encoding: 'utf8' });
    expect({ status: first.status, stdout: first.stdout }).toEqual({
      status: 0, stdout: 'closed 2017-04 for area 45: 2 employers, 1 charged, 0 charged before, 1 with nothing late, 0 refused\n',
    });
    const second = spawnSync('node', [SOCAI, 'close-month', '2017-04', '--area', '45', '--closed-on', '2017-05-02'], { env, encoding: 'utf8' });
    expect(second.stdout).toBe('closed 2017-04 for area 45: 2 employers, 0 charged, 1 charged before, 1 with nothing late, 0 refused\n');
    const other = spawnSync('node', [SOCAI, 'close-month', '2017-04', '--area', '45', '--closed-on', '2017-05-03'], { env, encoding: 'utf8' });
    expect({ status: other.status, stderr: other.stderr }).toEqual({ status: 3, stderr: expect.stringContaining('QT00001: IDEMPOTENCY_CONFLICT') });
    const bad = spawnSync('node', [SOCAI, 'close-month', '2017-04'], { env, encoding: 'utf8' });
    expect({ status: bad.status, stderr: bad.stderr }).toEqual({ status: 1, stderr: 'socai close-month: areaCode is required\nusage: socai close-month YYYY-MM --area CODE [--closed-on YYYY-MM-DD]\n' });
  });
});
