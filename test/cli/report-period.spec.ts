import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { socai } from '../payouts/support/socai-cli.js';

/** Issue 20, item 8: a report period that ends before it starts is a usage error (exit 1), as it is a 400 over HTTP. */
describe('socai report and replay with --from after --to', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'socai-period-'));
  const env = { ...process.env, SOCAI_DATA_DIR: dataDir };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits 1 with the reason, for report and for replay … report', () => {
    const report = socai(['report', 'province', '95', '--from', '2021-12-31', '--to', '2021-01-01'], env);
    expect([report.status, report.stderr.trim()]).toEqual([1, 'socai report: --from 2021-12-31 is after --to 2021-01-01']);
    const replay = socai(['replay', '--known-at', '2026-01-01T00:00:00Z', 'report', 'province', '95', '--from', '2021-12-31', '--to', '2021-01-01'], env);
    expect([replay.status, replay.stderr.trim()]).toEqual([1, 'socai replay: --from 2021-12-31 is after --to 2021-01-01']);
  });

  it('still reports a period of one day', () => {
    const report = socai(['report', 'province', '95', '--from', '2021-06-10', '--to', '2021-06-10', '--json'], env);
    expect(report.status).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ from: '2021-06-10', to: '2021-06-10' });
  });
});
