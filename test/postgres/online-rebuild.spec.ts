import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ReadAllOptions } from '#event-store';
import { SqliteEventStore } from '#event-store';
import { openReadModels, rebuildSchemaOnline, SchemaRebuildInProgress, type ReadModels } from '#read-models';
import { DISTRICTS, randomLedger } from '../../libs/read-models/src/testing/random-ledger.js';
import { referenceAreas } from '../../libs/read-models/src/testing/event-log.js';
import { startPostgres, type PostgresCluster } from '../support/postgres.js';

/**
 * The online rebuild of PostgreSQL read models: a new schema is built beside `public` while two
 * instances answer from `public` (one of them projecting the writes that go on), then takes its name.
 */
describe('online rebuild of PostgreSQL read models', () => {
  const areas = referenceAreas();
  const { log, units } = randomLedger(20261206, 160);
  // The first ten employers' events are all in the log before the rebuild; the writes during and
  // after it are the other employers', so these arrears are fixed and a half-built schema shows less.
  const firstOther = log.events.findIndex((e) => e.type === 'EmployerRegistered' && (e.data as { unitCode: string }).unitCode === units[10]);
  const fixedUnits = units.slice(0, 10);
  let cluster: PostgresCluster;
  let url: string;
  let dir: string;
  let events: SqliteEventStore;
  const opened: ReadModels[] = [];

  const instance = (schema = 'public') => {
    const models = openReadModels(dir, areas, { location: url, schema, today: () => '2021-12-31', leaseRetryMs: 50, onError: () => undefined });
    opened.push(models);
    return models;
  };
  let appended = 0;
  const appendUpTo = async (end: number) => {
    for (; appended < end; appended++) {
      const { eventId, type, data, streamId, metadata } = log.events[appended]!;
      await events.append({ streamId, expectedRevision: 'any', events: [{ eventId, type, data, metadata }] });
    }
  };
  const fixedFigures = async (models: ReadModels) => {
    const figures: Record<string, unknown> = {};
    for (const unit of fixedUnits) figures[unit] = await models.queries.employerArrears(unit, '2021-12-31');
    return JSON.stringify(figures);
  };
  const everyFigure = async (models: ReadModels) => {
    const figures: Record<string, unknown> = { position: await models.projector.position() };
    for (const unit of units) figures[unit] = await models.queries.employerArrears(unit, '2021-12-31');
    for (const area of ['95', ...DISTRICTS]) figures[area] = await models.queries.areaTotals(area, '2021-01-01', '2021-12-31');
    return figures;
  };
  /** SQL in the read models' database (cluster.sql runs in the maintenance one). */
  const sql = async (text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ name: string }>(text)).rows;
    } finally {
      await client.end();
    }
  };
  const schemas = async () => (await sql(`SELECT nspname AS name FROM pg_namespace WHERE nspname ~ '^(public|offline)' ORDER BY 1`)).map((r) => r.name);

  beforeAll(async () => {
    cluster = await startPostgres();
    url = await cluster.createDatabase('online_rebuild');
    dir = mkdtempSync(join(tmpdir(), 'socai-pg-online-rebuild-'));
    events = SqliteEventStore.open(join(dir, 'events.sqlite'));
  }, 60_000);
  afterAll(async () => {
    for (const models of opened) await models.close().catch(() => undefined);
    await events?.close();
    await cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers every query from a whole schema while writes go on, then serves figures equal to an offline rebuild', async () => {
    expect(firstOther).toBeGreaterThan(0);
    await appendUpTo(firstOther);
    const projecting = instance();
    const answering = instance();
    await Promise.all([projecting.ready(), answering.ready()]);
    projecting.projector.start(events, 10);
    expect(await projecting.projector.waitFor(firstOther, 30_000)).toBe(true);
    const before = await fixedFigures(answering);
    expect(before).toContain('"paid"');

    let done = false;
    const wrong: unknown[] = [];
    let answered = 0;
    const reader = (async () => {
      while (!done) {
        for (const models of [projecting, answering]) {
          try {
            const now = await fixedFigures(models);
            answered++;
            if (now !== before) wrong.push(now);
          } catch (error) {
            wrong.push(String(error));
          }
        }
      }
    })();
    // Writes go on through the rebuild (all but the last 40 events, kept for after the switch).
    const writer = (async () => {
      while (!done && appended < log.events.length - 40) {
        await appendUpTo(appended + 5);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    const result = await rebuildSchemaOnline({ url, areas, source: events, now: 1 });
    done = true;
    await Promise.all([reader, writer]);
    // Writes went on while it built and caught up.
    expect(appended).toBeGreaterThan(firstOther);
    expect(result).toEqual({ generation: 'public_next_1', previous: 'public_prev_1', position: expect.any(Number) });
    expect(result.position).toBeGreaterThanOrEqual(firstOther);
    expect(wrong).toEqual([]);
    expect(answered).toBeGreaterThan(0);
    expect(await schemas()).toEqual(['public']);

    // The instance holding the projector's lock goes on projecting, into the new schema.
    await appendUpTo(log.events.length);
    expect(await answering.projector.waitFor(log.events.length, 30_000)).toBe(true);
    expect(projecting.projector.isProjecting()).toBe(true);
    expect(await fixedFigures(answering)).toBe(before);

    const offline = instance('offline');
    await offline.projector.rebuild(events);
    const expected = await everyFigure(offline);
    expect(expected.position).toBe(log.events.length);
    expect(await everyFigure(projecting)).toEqual(expected);
    expect(await everyFigure(answering)).toEqual(expected);
  }, 120_000);

  it('a rebuild that fails midway leaves the serving schema as it was; one at a time; the next clears what a crash left', async () => {
    const serving = opened[1]!;
    const before = await everyFigure(serving);
    let reads = 0;
    const failing = {
      readAll: async (options: ReadAllOptions) => {
        if (++reads > 3) throw new Error('the log went away');
        return events.readAll({ ...options, limit: Math.min(options.limit ?? 100, 100) });
      },
    };
    await expect(rebuildSchemaOnline({ url, areas, source: failing, now: 2 })).rejects.toThrow('the log went away');
    expect(await schemas()).toEqual(['offline', 'public']);
    expect(await everyFigure(serving)).toEqual(before);

    // What a process killed before (or after) its switch leaves behind.
    await sql(`CREATE SCHEMA public_next_3`);
    await sql(`CREATE SCHEMA public_prev_4`);
    // Two at once: one builds, the other is refused at once (the first holds its lock for the whole build).
    const both = await Promise.allSettled([5, 6].map((now) => rebuildSchemaOnline({ url, areas, source: events, now })));
    const built = both.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<{ position: number }>).value.position);
    const refused = both.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(built).toEqual([log.events.length]);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(SchemaRebuildInProgress);
    expect(await schemas()).toEqual(['offline', 'public']);
    expect(await everyFigure(serving)).toEqual(before);
  }, 120_000);
});
