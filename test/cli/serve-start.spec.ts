import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HAND_LEDGER_EVENTS, HAND_LEDGER_NDJSON } from '../support/hand-ledger.js';
import { call } from '../reliability/support/http.js';
import { SEED_EVENTS, SOCAI_BIN, socaiEnv, startServer, waitUntil } from '../reliability/support/socai-process.js';

/**
 * How `socai serve` starts (issue 23): alone on the command line it runs the API's entry without the
 * command-line framework, with the same answers to a bad start and to `--help`; it projects a short lag
 * itself, listens, and loads the likeliest stream states after, with readiness as before (the read models' lag).
 */
describe('socai serve start (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-serve-start-'));
  const dataDir = join(dir, 'data');
  const run = (args: string[], extra: Record<string, string> = {}) =>
    spawnSync(process.execPath, [SOCAI_BIN, ...args], { env: socaiEnv(dataDir, extra), encoding: 'utf8' });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a store it cannot open as the command line did: one line on standard error, exit 2', () => {
    const refused = run(['serve'], { SOCAI_EVENT_STORE: 'bogus' });
    expect([refused.status, refused.stdout, refused.stderr]).toEqual([2, '', 'socai: SOCAI_EVENT_STORE=bogus: expected sqlite, esdb://… or kurrentdb://…\n']);
  }, 60_000);

  it('still answers `serve --help` through commander', () => {
    const help = run(['serve', '--help']);
    expect([help.status, help.stderr]).toEqual([0, '']);
    expect(help.stdout.split('\n')[0]).toBe('Usage: socai serve [options]');
    expect(help.stdout).toContain('Run the HTTP API, the projections and the dashboard');
  }, 60_000);

  it('projects a short lag, listens, then warms the states of the ledger it finds', async () => {
    const ledger = join(dir, 'hand-ledger.ndjson');
    writeFileSync(ledger, HAND_LEDGER_NDJSON);
    expect(run(['import', ledger]).stdout).toMatch(new RegExp(`^recorded ${HAND_LEDGER_EVENTS}, duplicates 0, refused 0`));
    const warmable = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    // Every stream of the kinds the warm-up loads (employers, payouts, plans, facilities, persons): the hand ledger's all fit its budget.
    const { streams } = warmable.prepare("SELECT count(*) AS streams FROM streams WHERE substr(stream_id, 1, instr(stream_id, '-') - 1) IN ('employer', 'payout', 'plan', 'facility', 'person')").get() as { streams: number };
    warmable.close();
    expect(streams).toBe(13);
    const server = await startServer(dataDir, { SOCAI_LOG_FORMAT: 'json', SOCAI_LOG_LEVEL: 'info' });
    try {
      // The import's last events (a short lag) are projected before the server listens: its first answers show them.
      const LOG = SEED_EVENTS + HAND_LEDGER_EVENTS;
      expect((await call(server.url, 'GET', '/health')).body).toEqual({ status: 'ok', eventStore: { position: LOG }, readModels: { position: LOG } });
      const lines = await waitUntil('the warm-up line', () => {
        const logged = server.stdout().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as { msg: string; streams?: number });
        return logged.some((entry) => entry.streams !== undefined) ? logged : undefined;
      });
      const order = lines.map((entry) => entry.msg).filter((msg) => /^(listening on|loaded \d+ stream states)/.test(msg)).map((msg) => msg.split(' ')[0]);
      expect(order).toEqual(['listening', 'loaded']);
      expect(lines.find((entry) => entry.streams !== undefined)!.streams).toBe(streams);
      const caughtUp = await call(server.url, 'GET', '/health/ready');
      expect(caughtUp.body.info).toEqual({
        readModels: { status: 'up', position: LOG, eventStorePosition: LOG, lag: 0, maxLag: 1000 },
        eventStore: { status: 'up', writable: true },
      });
    } finally {
      await server.stop();
    }
  }, 180_000);
});
