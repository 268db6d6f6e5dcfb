import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';

const SOCAI = join(process.cwd(), 'bin', 'socai.js');
const headcount = { socialInsurance: 10, healthInsurance: 10, unemploymentInsurance: 10 };

/**
 * The seed facts on the built code: `socai import` on a new ledger records the verified rates k of
 * reference-data/interest-rates.json first (positions 1–4), and `socai replay --known-at` charges with
 * the rates recorded by then, announced by `--as-of`. QT00009's period 2017-12 (16,000,000, due
 * 2017-12-31) is unpaid; its months late in 2018 need k 2018, which no seed holds.
 */
describe('seed facts on a new ledger, and the rates known at an instant (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-seed-'));
  const env = { ...process.env, SOCAI_DATA_DIR: join(dir, 'data') };
  const run = (...args: string[]) => spawnSync('node', [SOCAI, ...args], { env, encoding: 'utf8' });
  const importLines = (name: string, lines: object[]) => {
    const file = join(dir, name);
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    return run('import', file);
  };
  const arrears = (knownAt: string, asOf: string) => {
    const answer = run('replay', '--known-at', knownAt, 'arrears', 'QT00009', '--as-of', asOf);
    expect(answer.stderr).toBe('');
    return JSON.parse(answer.stdout).interestDetail;
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records the 4 verified rates before the import, once; a replay charges with the rates known then', async () => {
    const first = importLines('ledger.ndjson', [
      { command: 'RegisterEmployer', data: { unitCode: 'QT00009', name: 'Công ty Gỗ Cam Lộ', areaCode: '465', registeredOn: '2017-01-01' } },
      { command: 'AssessContribution', data: { unitCode: 'QT00009', period: '2017-12', headcount, payroll: '50000000', assessedOn: '2017-12-01' } },
    ]);
    expect([first.status, first.stdout.split(', ').slice(0, 3).join(', ')]).toEqual([0, 'recorded 2, duplicates 0, refused 0']);
    const beforeAnnouncement = new Date().toISOString();
    const second = importLines('rates-2018.ndjson', [
      { command: 'AnnounceInterestRate', data: { year: 2018, fund: 'social', monthlyPercent: '0.9', documentRef: 'TB 2018 (test)', announcedOn: '2018-03-05' } },
      { command: 'AnnounceInterestRate', data: { year: 2018, fund: 'health', monthlyPercent: '0.75', documentRef: 'TB 2018 (test)', announcedOn: '2018-03-05' } },
    ]);
    expect(second.status).toBe(0);

    // The seeds first, then the import; the second import found a ledger in use and seeded nothing.
    const store = SqliteEventStore.open(join(dir, 'data', 'events.sqlite'));
    const log = await store.readAll({ fromPosition: 1, limit: 100 });
    await store.close();
    expect(log.map((event) => `${event.position} ${event.type} ${event.type === 'InterestRateAnnounced' ? `${(event.data as { year: number }).year} ${(event.data as { fund: string }).fund}` : ''}`.trim())).toEqual([
      '1 InterestRateAnnounced 2016 social', '2 InterestRateAnnounced 2016 health', '3 InterestRateAnnounced 2017 social', '4 InterestRateAnnounced 2017 health',
      '5 EmployerRegistered', '6 ContributionAssessed', '7 InterestRateAnnounced 2018 social', '8 InterestRateAnnounced 2018 health',
    ]);
    expect(log[0].metadata).toMatchObject({ actor: 'socai-seed', role: 'admin' });

    // Known before the 2018 announcement: January and February 2018 (charged on 1 February and 1 March) need k 2018.
    const unknown = ['2018-01', '2018-02'].flatMap((month) => ['health', 'social'].map((fund) => ({ period: '2017-12', month, reason: `k for 2018 (${fund}) not announced` })));
    expect(arrears(beforeAnnouncement, '2018-03-10')).toEqual({ charged: '0', accrued: '0', paid: '0', outstanding: '0', notComputed: unknown });
    // Known now, as of a day after it was announced: both months at k 2018, each 13,750,000 × 0.9 % (BHXH
    // and BHTN: 123,750) + 2,250,000 × 0.75 % (BHYT: 16,875) = 140,625 (the funds' parts, 99,000 + 13,500
    // + 2,250 + 9,000 + 16,875): 281,250.
    const now = new Date().toISOString();
    expect(arrears(now, '2018-03-10')).toEqual({ charged: '0', accrued: '281250', paid: '0', outstanding: '281250', notComputed: [] });
    // As of a day before it was announced (2018-03-05), k 2018 was not known yet either.
    expect(arrears(now, '2018-03-01')).toEqual({ charged: '0', accrued: '0', paid: '0', outstanding: '0', notComputed: unknown });
  });
});
