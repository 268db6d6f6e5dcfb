import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SOCAI = join(process.cwd(), 'bin', 'socai.js');

/** The CLI's one-shot commands log as the server does (issue 25), on standard error, when SOCAI_LOG_LEVEL asks. */
describe('socai import and rebuild: structured log lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-cli-logs-'));
  const { SOCAI_LOG_LEVEL: _level, SOCAI_LOG_FORMAT: _format, ...inherited } = process.env;
  const env = { ...inherited, SOCAI_DATA_DIR: join(dir, 'data') };
  const file = join(dir, 'books.ndjson');
  writeFileSync(file, [
    { command: 'IssueBook', data: { personId: '9512345679', areaCode: '954', issuedOn: '2021-03-03' } },
    { command: 'IssueBook', data: { personId: '9512345680', areaCode: '954', issuedOn: '2021-03-03' } },
  ].map((line) => JSON.stringify(line)).join('\n') + '\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes nothing to standard error by default: a person reads the summary on standard output', () => {
    const run = spawnSync('node', [SOCAI, 'import', file], { env, encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([0, '']);
  });

  it('writes one JSON line for the import and one for the rebuild with SOCAI_LOG_LEVEL=info', () => {
    const logged = { ...env, SOCAI_LOG_LEVEL: 'info', SOCAI_LOG_FORMAT: 'json' };
    const imported = spawnSync('node', [SOCAI, 'import', file], { env: logged, encoding: 'utf8' });
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stderr)).toEqual({
      level: 'info', time: expect.any(String), pid: expect.any(Number), hostname: expect.any(String), name: 'socai', command: 'import', msg: 'import finished',
      file, recorded: 0, duplicates: 2, refused: 0, lines: 2, events: 0, durationMs: expect.any(Number), lastPosition: 0,
    });
    const rebuilt = spawnSync('node', [SOCAI, 'rebuild'], { env: logged, encoding: 'utf8' });
    expect(rebuilt.status).toBe(0);
    const lines = rebuilt.stderr.split('\n').filter((line) => line.startsWith('{'));
    // 6 events: the 4 seed rates k the first import recorded on the new ledger, and the 2 books.
    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ level: 'info', command: 'rebuild', msg: 'rebuild finished', events: 6 })]);
  });
});
