import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAND_LEDGER_EVENTS, HAND_LEDGER_NDJSON, REPORT_45_H1_2024, REPORT_45_H1_2024_TEXT } from '../support/hand-ledger.js';
import { SOCAI_BIN } from '../reliability/support/socai-process.js';

/**
 * `socai report province` on the built binary, over the hand-made ledger imported with `socai import`
 * (test/support/hand-ledger.ts works out every figure by hand). The read models are caught up by the
 * command itself: no server runs.
 */
/** Each step starts the CLI two or three times: a bound against a hang on a loaded machine, not a speed. */
const BOUND_MS = 120_000;

describe('socai report province (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-report-'));
  const env = { ...process.env, SOCAI_DATA_DIR: join(dir, 'data'), SOCAI_EVENT_STORE: 'sqlite', SOCAI_READ_MODELS: 'sqlite' };
  const run = (...args: string[]) => spawnSync(process.execPath, [SOCAI_BIN, ...args], { env, encoding: 'utf8' });
  const period = ['--from', '2024-01-01', '--to', '2024-06-30'];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => {
    const file = join(dir, 'hand-ledger.ndjson');
    writeFileSync(file, HAND_LEDGER_NDJSON);
    const imported = run('import', file);
    expect([imported.status, imported.stdout]).toEqual([0, expect.stringMatching(new RegExp(`^recorded ${HAND_LEDGER_EVENTS}, duplicates 0, refused 0`))]);
  }, BOUND_MS);

  it('prints the figures of Quảng Trị, H1 2024 against H1 2023, as JSON with --json', () => {
    const report = run('report', 'province', '45', ...period, '--json');
    expect([report.status, report.stderr]).toEqual([0, '']);
    expect(JSON.parse(report.stdout)).toEqual(REPORT_45_H1_2024);
  }, BOUND_MS);

  it('prints them as Vietnamese prose by default', () => {
    const report = run('report', 'province', '45', ...period);
    expect([report.status, report.stderr]).toEqual([0, '']);
    // The prose and the newline the command ends its output with.
    expect(report.stdout).toBe(`${REPORT_45_H1_2024_TEXT}\n`);
  }, BOUND_MS);

  it('exits 1 with a message for a province the reference data does not hold, and for a bad date', () => {
    const unknown = run('report', 'province', '99', ...period);
    expect([unknown.status, unknown.stdout, unknown.stderr]).toEqual([1, '', 'socai report: no province 99\n']);
    const badDate = run('report', 'province', '45', '--from', '2024-13-01', '--to', '2024-06-30');
    expect(badDate.status).toBe(1);
    expect(badDate.stdout).toBe('');
  }, BOUND_MS);
});
