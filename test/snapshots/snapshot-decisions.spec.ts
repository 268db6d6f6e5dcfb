import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from '#domain';
import { SqliteEventStore, type RecordedEvent } from '#event-store';
import { closeMonth, Ledger, loadAreaDirectory, NdjsonImport, paymentsFromLog, recordSeedFacts, type CommandContext } from '#ledger';
import { generateCommands } from '../../apps/cli/src/generate/index.js';

/**
 * A ledger whose decision states keep leaving a tiny cache (so they are snapshotted and read back from
 * their snapshots, before and after a restart) decides exactly what a ledger with a cache that holds
 * everything decides: the same log, the same duplicates and refusals, the same late interest, the same
 * reversal. Real SQLite files, the real import (docs/decisions.md, 'decision-state snapshots').
 */
const areas = loadAreaDirectory();
const lines = [...generateCommands({ scenario: 'demo', seed: 1 })];
const admin: CommandContext = { actor: 'spec', role: 'admin', source: 'cli', correlationId: 'spec' } as CommandContext;
const TINY_CACHE = 200;
const BIG_CACHE = 10_000_000;

interface Run {
  dir: string;
  snapshotsRead: number;
}

function open(run: Run, cacheEvents: number): { store: SqliteEventStore; ledger: Ledger } {
  const store = SqliteEventStore.open(join(run.dir, 'events.sqlite'));
  const readSnapshot = store.readSnapshot.bind(store);
  store.readSnapshot = async (streamId) => {
    const snapshot = await readSnapshot(streamId);
    if (snapshot) run.snapshotsRead++;
    return snapshot;
  };
  const ledger = new Ledger({ store, areas, ledgerPayments: paymentsFromLog(store), stateCacheEvents: cacheEvents, clock: () => new Date('2025-01-05T03:00:00Z') });
  return { store, ledger };
}

const importAll = (ledger: Ledger) => new NdjsonImport(ledger, { actor: 'spec', role: 'admin' }, { batchSize: 50 }).run(lines);

/** What each step decided, and then the whole log: the two runs must match on every line. */
async function decisions(cacheEvents: number): Promise<{ run: Run; outcomes: unknown[]; log: unknown[]; snapshotRows: number }> {
  const run: Run = { dir: mkdtempSync(join(tmpdir(), 'socai-snapshot-decisions-')), snapshotsRead: 0 };
  const outcomes: unknown[] = [];
  const outcome = async (work: () => Promise<unknown>) => {
    try {
      const result = (await work()) as { status?: string; result?: { type?: string; revision?: number } };
      outcomes.push(result.status ? { status: result.status, type: result.result?.type, revision: result.result?.revision } : result);
    } catch (error) {
      outcomes.push({ refused: (error as { code?: string }).code ?? String(error) });
    }
  };
  try {
    let { store, ledger } = open(run, cacheEvents);
    await recordSeedFacts(ledger);
    const first = await importAll(ledger);
    outcomes.push({ recorded: first.recorded, duplicates: first.duplicates, refused: first.refused, events: first.events });
    await store.close();

    // A restart: the states are read back from the log (and, with the tiny cache, from snapshots).
    ({ store, ledger } = open(run, cacheEvents));
    const again = await importAll(ledger);
    outcomes.push({ recorded: again.recorded, duplicates: again.duplicates, refused: again.refused });
    const collection = JSON.parse(lines.find((line) => line.includes('"CollectContribution"') && line.includes('"kind":"employer"'))!) as Command & { command: 'CollectContribution' };
    await outcome(() => ledger.execute({ ...collection, data: { ...collection.data, amount: '1' } }, admin));
    // The last assessment of the busiest employer: reversed, then assessed again (its period is free).
    const assessments = (await store.readAll({ types: ['ContributionAssessed'] }));
    const last = assessments.at(-1)!;
    const assessedLine = lines.filter((line) => line.includes('"AssessContribution"')).at(-1)!;
    await outcome(() => ledger.execute({ command: 'ReverseEntry', data: { eventId: last.eventId, reason: 'spec', reversedOn: '2025-01-03' } } as Command, admin));
    await outcome(() => ledger.execute(JSON.parse(assessedLine) as Command, admin));
    await outcome(() => ledger.execute(JSON.parse(assessedLine) as Command, admin));
    await outcome(async () => {
      const report = await closeMonth(ledger, areas, { month: '2024-12', areaCode: '45', closedOn: '2025-01-02' }, admin);
      return { ...report, lastPosition: undefined };
    });
    const log = (await store.readAll()).map((event: RecordedEvent) => [event.position, event.eventId, event.streamId, event.revision, event.type, event.data]);
    const snapshotRows = (await Promise.all(
      [...new Set(log.map((entry) => entry[2] as string))].map((streamId) => store.readSnapshot(streamId)),
    )).filter(Boolean).length;
    await store.close();
    return { run, outcomes, log, snapshotRows };
  } finally {
    rmSync(run.dir, { recursive: true, force: true });
  }
}

describe('decision-state snapshots: a tiny cache decides as a cache that holds everything', () => {
  it('records the same log and answers the same after a restart (duplicates, a changed repeat, a reversal, late interest)', async () => {
    const big = await decisions(BIG_CACHE);
    const tiny = await decisions(TINY_CACHE);
    expect(tiny.outcomes).toEqual(big.outcomes);
    expect(tiny.log).toEqual(big.log);
    // The big cache never evicts: no snapshot is written or read.
    expect([big.run.snapshotsRead, big.snapshotRows]).toEqual([0, 0]);
    // The tiny one keeps reading its states back from snapshots.
    expect(tiny.run.snapshotsRead).toBeGreaterThan(1_000);
    expect(tiny.snapshotRows).toBeGreaterThan(50);
    expect(big.outcomes.slice(1)).toEqual([
      { recorded: 0, duplicates: lines.length, refused: 0 },
      { refused: 'IDEMPOTENCY_CONFLICT' },
      { status: 'created', type: 'EntryReversed', revision: expect.any(Number) },
      { status: 'created', type: 'ContributionAssessed', revision: expect.any(Number) },
      { status: 'duplicate', type: 'ContributionAssessed', revision: expect.any(Number) },
      expect.objectContaining({ month: '2024-12', areaCode: '45', refused: [] }),
    ]);
  }, 300_000);
});
