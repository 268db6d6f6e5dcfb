import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { openReadModels, type ReadModels } from '#read-models';
import { contractScenario } from '../../libs/read-models/src/testing/contract-scenario.js';
import { EventLog, referenceAreas } from '../../libs/read-models/src/testing/event-log.js';
import { everyAnswer } from '../../libs/read-models/src/testing/every-answer.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';

/**
 * Several API instances on one PostgreSQL: every one answers queries, exactly one projects (it
 * holds the advisory lock), and when that one's session ends another takes over.
 */
describe('two instances sharing PostgreSQL read models', () => {
  const areas = referenceAreas();
  let cluster: PostgresCluster;
  let url: string;
  let dir: string;
  let events: SqliteEventStore;
  const opened: ReadModels[] = [];

  const instance = (schema = 'public') => {
    const models = openReadModels(dir, areas, { location: url, schema, today: () => '2021-06-30', leaseRetryMs: 50, onError: () => undefined });
    opened.push(models);
    return models;
  };
  const append = async (log: EventLog, from: number) => {
    for (const { eventId, type, data, streamId, metadata } of log.events.slice(from)) {
      await events.append({ streamId, expectedRevision: 'any', events: [{ eventId, type, data, metadata }] });
    }
  };
  /** The backend holding the projector's advisory lock, as an operator would find it. */
  const lockHolders = async () =>
    (await cluster.sql<{ pid: number }>(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid <> 0`)).map((r) => r.pid);
  const until = async (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    cluster = await startPostgres();
    url = await cluster.createDatabase('shared_read_models');
    dir = mkdtempSync(join(tmpdir(), 'socai-two-instances-'));
    events = SqliteEventStore.open(join(dir, 'events.sqlite'));
  }, 60_000);
  afterAll(async () => {
    for (const models of opened) await models.close().catch(() => undefined);
    await events?.close();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('one projects while both answer; ending its session hands the projection to the other; the result equals a single build', async () => {
    const { log } = contractScenario();
    const firstHalf = 8;
    const partial = new EventLog();
    partial.events.push(...log.events.slice(0, firstHalf));
    await append(partial, 0);

    const a = instance();
    const b = instance();
    await Promise.all([a.ready(), b.ready()]);
    a.projector.start(events, 10);
    await until(() => a.projector.isProjecting(), 'a holds the lease');
    b.projector.start(events, 10);
    // b keeps trying for the lease (every 50 ms here) and never gets it while a's session lives.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([a.projector.isProjecting(), b.projector.isProjecting()]).toEqual([true, false]);
    expect(await lockHolders()).toHaveLength(1);

    // Both read the shared checkpoint, so both can wait for a write and answer it.
    expect(await b.projector.waitFor(firstHalf, 30_000)).toBe(true);
    expect(await a.projector.position()).toBe(firstHalf);
    expect((await b.queries.employerArrears('BL00001', '2021-07-31'))!.paid).toBe('16000000');

    // The holder's session ends (a crash, a lost network, an operator's pg_terminate_backend).
    const [holder] = await lockHolders();
    await cluster.terminate(holder!);
    await until(() => b.projector.isProjecting(), 'b takes the lease over');
    expect(a.projector.isProjecting()).toBe(false);
    expect(await lockHolders()).not.toContain(holder);

    // The rest of the log arrives after the takeover: b projects it, a answers it too.
    await append(log, firstHalf);
    const head = await events.headPosition();
    expect(await a.projector.waitFor(head, 30_000)).toBe(true);
    expect(await b.projector.waitFor(head, 30_000)).toBe(true);
    expect(b.projector.isProjecting()).toBe(true);
    expect(a.projector.isProjecting()).toBe(false);

    const single = instance('single');
    await single.projector.catchUp(events);
    const expected = await everyAnswer(single.queries);
    expect(await everyAnswer(a.queries)).toEqual(expected);
    expect(await everyAnswer(b.queries)).toEqual(expected);
    expect(expected.totals95!.collections).toEqual({ amount: '19960000', count: 2 });
  });

  it('a stopped instance gives the lease up at once, without waiting for its session to time out', async () => {
    const c = instance('handover');
    const d = instance('handover');
    c.projector.start(events, 10);
    await until(() => c.projector.isProjecting(), 'c holds the lease');
    d.projector.start(events, 10);
    await c.projector.stop();
    await until(() => d.projector.isProjecting(), 'd takes the lease');
    expect(await d.projector.waitFor(await events.headPosition(), 30_000)).toBe(true);
  });
});
