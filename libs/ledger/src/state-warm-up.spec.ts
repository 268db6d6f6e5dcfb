import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from '#domain';
import { SqliteEventStore } from '#event-store';
import { Ledger } from './ledger.js';
import { paymentsFromLog } from './payments-from-log.js';
import { loadAreaDirectory } from './reference-data.js';
import { chooseStreams, chooseStreamsByPages, warmStreamStates } from './state-warm-up.js';
import { StreamStates } from './stream-states.js';

const clerk = { actor: 'clerk-465', role: 'clerk', source: 'http' as const };
const register = (unit: string): Command => ({ command: 'RegisterEmployer', data: { unitCode: unit, name: `Công ty ${unit}`, areaCode: '465', registeredOn: '2022-01-05' } });
const collect = (unit: string, n: number): Command => ({
  command: 'CollectContribution',
  data: { receiptNo: `R-${unit}-${n}`, payer: { kind: 'employer', unitCode: unit }, amount: String(1_000_000 + n), collectedOn: '2023-06-20' },
});

describe('chooseStreams', () => {
  it('takes employers first, then payouts, plans, facilities and persons, skipping what does not fit the budget', () => {
    const sizes = [
      { streamId: 'person-1', events: 2 }, { streamId: 'employer-B', events: 5 }, { streamId: 'plan-2024-45', events: 1 },
      { streamId: 'employer-A', events: 3 }, { streamId: 'facility-F', events: 4 }, { streamId: 'person-0', events: 1 },
    ];
    // Each stream weighs its events plus 4: A 7, B 9, plan 5, facility 8 (would make 29), person-0 5 (26).
    expect(chooseStreams(sizes, 26)).toEqual(['employer-A', 'employer-B', 'plan-2024-45', 'person-0']);
    expect(chooseStreams(sizes, 1000)).toEqual(['employer-A', 'employer-B', 'plan-2024-45', 'facility-F', 'person-0', 'person-1']);
    expect(chooseStreams(sizes, 0)).toEqual([]);
  });
});

describe('chooseStreamsByPages on a real SQLite store', () => {
  let dir: string;
  let store: SqliteEventStore;
  const noted = (streamId: string, n: number) => {
    const eventId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const metadata = { eventId, recordedAt: '2025-07-01T08:00:00.000Z', actor: 'spec', role: 'clerk' as const, source: 'cli' as const, correlationId: 'c', causationId: 'c', commandKey: `k-${n}`, schemaVersion: 1 };
    return { streamId, expectedRevision: 'any' as const, events: [{ eventId, type: 'Noted', data: { n }, metadata }] };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'socai-warm-pages-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    // Kinds out of warm order, neighbours of a kind's range ('employerX-', 'plan', 'plan.'), and sizes 1 to 3.
    const streams = ['person-2', 'employer-B', 'clock-1', 'plan-2024-45', 'employer-A', 'facility-F', 'person-0', 'employerX-1',
      'payout-P1', 'employer-C', 'plan', 'plan.x', 'person-1', 'payout-P0', 'employer-A0'];
    let n = 0;
    for (const [i, streamId] of streams.entries()) for (let k = 0; k <= i % 3; k++) await store.append(noted(streamId, ++n));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('chooses what chooseStreams chooses from the whole listing, whatever the page size and budget', async () => {
    const whole = store.streamSizesSync();
    expect(whole).toHaveLength(15);
    for (const budget of [0, 5, 6, 17, 26, 40, 1000]) {
      for (const listingPageSize of [1, 2, 3, 2_000]) {
        expect(await chooseStreamsByPages(store, budget, { listingPageSize })).toEqual(chooseStreams(whole, budget));
      }
    }
    expect(await chooseStreamsByPages(store, 1000)).toEqual([
      'employer-A', 'employer-A0', 'employer-B', 'employer-C', 'payout-P0', 'payout-P1', 'plan-2024-45', 'facility-F', 'person-0', 'person-1', 'person-2',
    ]);
  });

  it('reads the listing a page at a time and stops once nothing more can fit', async () => {
    const pages: [string, string, number][] = [];
    const counting = { streamSizesBetweenSync: (after: string, before: string, limit: number) => {
      pages.push([after, before, limit]);
      return store.streamSizesBetweenSync(after, before, limit);
    } };
    // A budget of 5 holds employer-C alone (one event and 4 for the stream); the employers of 2 and 3
    // events before it do not fit. Once it is chosen nothing can fit, and no other page is read.
    expect(await chooseStreamsByPages(counting, 5, { listingPageSize: 2 })).toEqual(['employer-C']);
    expect(pages).toEqual([['employer-', 'employer.', 2], ['employer-A0', 'employer.', 2]]);
  });
});

describe('Ledger.warmStates on a real SQLite store', () => {
  let dir: string;
  let store: SqliteEventStore;
  const areas = loadAreaDirectory();
  const ledgerOn = (s: SqliteEventStore) => new Ledger({ store: s, areas, ledgerPayments: paymentsFromLog(s), clock: () => new Date('2023-06-21T03:00:00Z') });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'socai-warm-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const writer = ledgerOn(store);
    for (const unit of ['QT00001', 'QT00002', 'QT00003']) {
      await writer.execute(register(unit), clerk);
      for (let n = 0; n < 4; n++) await writer.execute(collect(unit, n), clerk);
    }
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('caches exactly the states a cold load gives, and commands then read no stream', async () => {
    const ledger = ledgerOn(store);
    expect(await ledger.warmStates({ sliceSize: 2 })).toBe(3);
    expect(ledger.states.held).toBe(27); // 3 employers of 5 events, each stream weighing 4 more
    const reads: string[] = [];
    const readStream = store.readStream.bind(store);
    store.readStream = async (streamId, options) => {
      reads.push(streamId);
      return readStream(streamId, options);
    };
    // A state's load reads the stream without metadata.
    const readStreamAfter = store.readStreamAfter.bind(store);
    store.readStreamAfter = async (streamId, revision) => {
      reads.push(streamId);
      return readStreamAfter(streamId, revision);
    };
    const cold = new StreamStates(store);
    for (const unit of ['QT00001', 'QT00002', 'QT00003']) {
      reads.length = 0;
      const warmed = await ledger.states.load(`employer-${unit}`);
      expect(reads).toEqual([]);
      expect(warmed).toEqual(await cold.load(`employer-${unit}`));
      expect(reads).toEqual([`employer-${unit}`]);
    }
    reads.length = 0;
    expect((await ledger.execute(collect('QT00002', 9), clerk)).status).toBe('created');
    expect(reads).toEqual([]);
  });

  it('loads no more than its share of the capacity', async () => {
    const states = new StreamStates(store, 40);
    // A share of 0.6 of 40: two employers weighing 9 each (5 events, 4 for the stream), not the third.
    expect(await warmStreamStates(states, store)).toBe(2);
    expect(states.held).toBe(18);
  });

  it('stops when asked', async () => {
    const ledger = ledgerOn(store);
    const abort = new AbortController();
    abort.abort();
    expect(await ledger.warmStates({ signal: abort.signal })).toBe(0);
    expect(ledger.states.held).toBe(0);
  });
});
