import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIXED_IMPORT_LINES } from '../support/mixed-import.js';

const SOCAI = join(process.cwd(), 'bin', 'socai.js');

/** The real `socai` command on the built code (`npm test` builds first). */
describe('socai import / generate (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-cli-'));
  const env = { ...process.env, SOCAI_DATA_DIR: join(dir, 'data') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a mixed file: exit 3, summary line, refused lines on stderr; a second run records nothing', () => {
    const file = join(dir, 'mixed.ndjson');
    writeFileSync(file, MIXED_IMPORT_LINES.join('\n') + '\n');
    const first = spawnSync('node', [SOCAI, 'import', file], { env, encoding: 'utf8' });
    expect(first.status).toBe(3);
    expect(first.stdout).toMatch(/^recorded 6, duplicates 1, refused 5, /m);
    expect(first.stderr).toContain('line 8: EMPLOYER_NOT_REGISTERED');
    const second = spawnSync('node', [SOCAI, 'import', file], { env, encoding: 'utf8' });
    expect(second.stdout).toMatch(/^recorded 0, duplicates 7, refused 5/m);
  });

  it('exits 1 for a missing file and for an unknown command', () => {
    expect(spawnSync('node', [SOCAI, 'import', join(dir, 'nope.ndjson')], { env }).status).toBe(1);
    const unknown = spawnSync('node', [SOCAI, 'fly'], { env, encoding: 'utf8' });
    expect(unknown.status).toBe(1);
    // Said once, by commander, not echoed again by socai's handler.
    expect(unknown.stderr.match(/unknown command 'fly'/g)).toHaveLength(1);
  });

  it('has a migrate command: a cluster nobody answers is a connection failure, exit 2, with what was tried', () => {
    const ledger = { ...env, SOCAI_DATA_DIR: join(dir, 'to-migrate') };
    const file = join(dir, 'to-migrate.ndjson');
    writeFileSync(file, MIXED_IMPORT_LINES.join('\n') + '\n');
    expect(spawnSync('node', [SOCAI, 'import', file], { env: ledger }).status).toBe(3);
    // Port 1 on the loopback refuses at once.
    const migrate = spawnSync('node', [SOCAI, 'migrate', '--from', 'sqlite', '--to', 'esdb://127.0.0.1:1?tls=false'], { env: ledger, encoding: 'utf8' });
    expect(migrate.status).toBe(2);
    expect(migrate.stderr).toContain('socai migrate: cannot connect to EventStoreDB at esdb://127.0.0.1:1?tls=false');
  });

  it('exits 0 for --help, at the top and for a command', () => {
    const top = spawnSync('node', [SOCAI, '--help'], { env, encoding: 'utf8' });
    expect([top.status, top.stdout.includes('import <file>'), top.stderr]).toEqual([0, true, '']);
    const command = spawnSync('node', [SOCAI, 'import', '--help'], { env, encoding: 'utf8' });
    expect([command.status, command.stdout.startsWith('Usage: socai import'), command.stderr]).toEqual([0, true, '']);
  });

  it('generates the demo scenario deterministically and imports it with nothing refused', () => {
    const once = execFileSync('node', [SOCAI, 'generate', '--scenario', 'demo', '--seed', '7'], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
    const twice = execFileSync('node', [SOCAI, 'generate', '--scenario', 'demo', '--seed', '7'], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(once).toBe(twice);
    const file = join(dir, 'demo.ndjson');
    writeFileSync(file, once);
    const lines = once.trim().split('\n').length;
    const imported = spawnSync('node', [SOCAI, 'import', file], { env: { ...env, SOCAI_DATA_DIR: join(dir, 'demo-data') }, encoding: 'utf8' });
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toMatch(new RegExp(`^recorded ${lines}, duplicates 0, refused 0`, 'm'));
  });
});
