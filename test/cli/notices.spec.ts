import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfText } from '../support/pdf-text.js';

const SOCAI = join(process.cwd(), 'bin', 'socai.js');
const headcount = { socialInsurance: 10, healthInsurance: 10, unemploymentInsurance: 10 };

/** The real `socai notices` on the built code: one PDF per employer of the area, read back. */
describe('socai notices (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-notices-'));
  const env = { ...process.env, SOCAI_DATA_DIR: join(dir, 'data') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one notice per employer registered in the area with a progress bar; bad arguments exit 1', async () => {
    const lines = [
      { command: 'RegisterEmployer', data: { unitCode: 'QT00001', name: 'Công ty Gỗ Hướng Hóa', areaCode: '465', registeredOn: '2016-12-01' } },
      { command: 'RegisterEmployer', data: { unitCode: 'QT00002', name: 'Hợp tác xã Cà phê Khe Sanh', areaCode: '465', registeredOn: '2016-12-01' } },
      { command: 'RegisterEmployer', data: { unitCode: 'BL00001', name: 'Công ty Muối Bạc Liêu', areaCode: '954', registeredOn: '2016-12-01' } },
      { command: 'AssessContribution', data: { unitCode: 'QT00001', period: '2017-03', headcount, payroll: '50000000', assessedOn: '2017-03-01' } },
      { command: 'AssessContribution', data: { unitCode: 'QT00002', period: '2017-03', headcount, payroll: '20000000', assessedOn: '2017-03-01' } },
      { command: 'CollectContribution', data: { receiptNo: 'R-2', payer: { kind: 'employer', unitCode: 'QT00002' }, amount: '2100000', collectedOn: '2017-03-20' } },
    ];
    const file = join(dir, 'ledger.ndjson');
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    expect(spawnSync('node', [SOCAI, 'import', file], { env, encoding: 'utf8' }).status).toBe(0);

    const out = join(dir, 'notices');
    const run = spawnSync('node', [SOCAI, 'notices', '--month', '2017-03', '--area', '45', '--out', out], { env, encoding: 'utf8' });
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 0, stdout: `wrote 2 notices for 2017-03, area 45, to ${out}\n` });
    expect(run.stderr).toContain('notices |');
    expect(run.stderr).toContain('2/2 employers');
    expect(readdirSync(out).sort()).toEqual(['QT00001-2017-03.pdf', 'QT00002-2017-03.pdf']);

    const first = await pdfText(readFileSync(join(out, 'QT00001-2017-03.pdf')));
    expect(first.pages).toBe(1);
    expect(first.text).toContain('Tên đơn vị: Công ty Gỗ Hướng Hóa');
    expect(first.text).toContain('Tổng số còn phải đóng cuối tháng: 16.250.000 đồng.');
    const second = await pdfText(readFileSync(join(out, 'QT00002-2017-03.pdf')));
    expect(second.text).toContain('Tên đơn vị: Hợp tác xã Cà phê Khe Sanh');
    // 6,500,000 assessed (32.5 % of 20,000,000); 2,100,000 paid settles health, BHTN, sickness and accident, pension stays owed.
    expect(second.text).toContain('Đã đóng: tiền đóng 0 600.000 200.000 900.000 400.000 2.100.000');
    expect(second.text).toContain('Tổng số còn phải đóng cuối tháng: 4.400.000 đồng.');

    const bad = spawnSync('node', [SOCAI, 'notices', '--month', '2017-13', '--area', '45', '--out', out], { env, encoding: 'utf8' });
    expect({ status: bad.status, stderr: bad.stderr }).toEqual({ status: 1, stderr: 'socai notices: --month must be a month YYYY-MM\nusage: socai notices --month YYYY-MM --area CODE --out DIR\n' });
    const unknown = spawnSync('node', [SOCAI, 'notices', '--month', '2017-03', '--area', '99', '--out', out], { env, encoding: 'utf8' });
    expect({ status: unknown.status, stderr: unknown.stderr }).toEqual({ status: 1, stderr: 'socai notices: no area 99\nusage: socai notices --month YYYY-MM --area CODE --out DIR\n' });
  });
});
