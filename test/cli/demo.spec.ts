import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from '../reliability/support/http.js';
import { freePort, socaiEnv, spawnSocai, waitUntil, type SocaiChild } from '../reliability/support/socai-process.js';

/**
 * `socai demo` on the built binary: it generates the reorganisation scenario (seed 1), imports it and serves it.
 * The command has no option for a smaller scenario, so the spec checks the counts it prints against
 * the scenario's fixed size (apps/cli/src/generate/generate.spec.ts: 8,857 lines, one event each, of
 * which 90 employers registered, 59 plans assigned and 53 employers relocated to a commune), what the server then holds, and that a second
 * run over the same data imports nothing new. The log holds 4 events more than the scenario: the seed
 * facts (the verified rates k of 2016 and 2017) recorded on the new ledger before the import.
 */
/** A bound against a hang on a loaded machine, above waitUntil's own; not a speed. */
const BOUND_MS = 300_000;

describe('socai demo (CLI)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'socai-demo-'));
  let demo: SocaiChild | undefined;
  afterAll(async () => {
    await demo?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs `socai demo` until it serves, and returns its summary line and the server's address. */
  async function startDemo(): Promise<{ summary: string; url: string }> {
    const port = await freePort();
    demo = spawnSocai(['demo'], socaiEnv(dataDir, { SOCAI_HOST: '127.0.0.1', SOCAI_PORT: String(port) }));
    const url = `http://127.0.0.1:${port}`;
    const child = demo;
    await waitUntil('socai demo to import and serve', async () => {
      if (child.hasExited) throw new Error(`socai demo exited:\n${child.tail()}`);
      try {
        return (await fetch(`${url}/health`)).ok ? true : undefined;
      } catch {
        return undefined;
      }
    });
    return { summary: child.stdout().split('\n').find((line) => line.startsWith('demo scenario:')) ?? child.tail(), url };
  }

  it('imports the 8,857 commands of the demo scenario and serves them', async () => {
    const { summary, url } = await startDemo();
    // The counts only: the line also gives the import's rate, which is the machine's, not the ledger's.
    expect(summary.split(', ').slice(0, 3).join(', ')).toBe('demo scenario: recorded 8857, duplicates 0, refused 0');
    expect(/\((\d+) events in /.exec(summary)?.[1]).toBe('8857');
    const health = await waitUntil('the read models to catch up', async () => {
      const answer = await call(url, 'GET', '/health');
      return answer.body.readModels.position === 8861 ? answer.body : undefined;
    });
    expect(health).toEqual({ status: 'ok', eventStore: { position: 8861 }, readModels: { position: 8861 } });
    const rates = await call(url, 'GET', '/api/events?type=InterestRateAnnounced&limit=10');
    expect(rates.body.events.map((event: { position: number }) => event.position)).toEqual([1, 2, 3, 4]);
    const registered = await call(url, 'GET', '/api/events?type=EmployerRegistered&limit=1000');
    expect(registered.body.events).toHaveLength(90);
    const plans = await call(url, 'GET', '/api/events?type=PlanAssigned&limit=1000');
    expect(plans.body.events).toHaveLength(59);
    const relocated = await call(url, 'GET', '/api/events?type=EmployerRelocated&limit=1000');
    expect(relocated.body.events).toHaveLength(53);
    await demo!.stop();
    demo = undefined;
  }, BOUND_MS);

  it('imports nothing new when run again over the same data', async () => {
    const { summary, url } = await startDemo();
    expect(summary.split(', ').slice(0, 3).join(', ')).toBe('demo scenario: recorded 0, duplicates 8857, refused 0');
    expect((await call(url, 'GET', '/health')).body.eventStore).toEqual({ position: 8861 });
    await demo!.stop();
    demo = undefined;
  }, BOUND_MS);
});
