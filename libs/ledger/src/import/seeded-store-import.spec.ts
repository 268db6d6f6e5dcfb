import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type KeyRecord } from '#event-store';
import * as ledger from '../index.js';

/**
 * A new ledger holds its seed facts (the verified interest rates) before anything is imported, so
 * an import into it never starts on an empty store. Its few keys are read once from those events:
 * a new key is then not looked up in the store, and a seed's key still is, so that repeating a seed
 * is a duplicate and changing one is refused.
 */
const dir = mkdtempSync(join(tmpdir(), 'socai-seeded-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clock = () => new Date('2024-02-01T03:00:00Z');
const context = { actor: 'import-test', role: 'admin', source: 'import' as const, correlationId: 'corr-seeded' };

/** The store, counting the keys the import asks it for. */
function counting(store: SqliteEventStore, asked: string[]): SqliteEventStore {
  return Object.assign(Object.create(store) as SqliteEventStore, {
    findKey: (commandKey: string): Promise<KeyRecord | undefined> => {
      asked.push(commandKey);
      return store.findKey(commandKey);
    },
  });
}

describe('an import into a new ledger holding its seed facts', () => {
  it('looks up only the keys its seed facts hold, and answers them as before', async () => {
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const areas = ledger.loadAreaDirectory();
    const seeded = await ledger.recordSeedFacts(new ledger.Ledger({ store, areas, ledgerPayments: ledger.paymentsFromLog(store), clock }));
    expect(seeded).toBe(4);

    const [first] = ledger.seedInterestRates();
    const lines = [
      { command: 'RegisterEmployer', data: { unitCode: 'QT00001', name: 'Công ty QT00001', areaCode: '465', registeredOn: '2022-01-05' } },
      { command: 'AnnounceInterestRate', data: first },
      { command: 'AnnounceInterestRate', data: { ...first, monthlyPercent: '1.5' } },
      { command: 'RegisterEmployer', data: { unitCode: 'QT00002', name: 'Công ty QT00002', areaCode: '465', registeredOn: '2022-01-05' } },
    ].map((line) => JSON.stringify(line));
    const asked: string[] = [];
    const importing = counting(store, asked);
    const summary = await new ledger.NdjsonImport(new ledger.Ledger({ store: importing, areas, ledgerPayments: ledger.paymentsFromLog(importing), clock }), context)
      .run(lines);
    await store.close();

    expect(summary).toMatchObject({ recorded: 2, duplicates: 1, refused: 1, events: 2, lastPosition: 6 });
    expect(summary.refusals).toEqual([expect.objectContaining({ line: 3, code: 'IDEMPOTENCY_CONFLICT' })]);
    const seedKey = `AnnounceInterestRate:${first!.year}:${first!.fund}:${first!.announcedOn}`;
    expect(asked).toEqual([seedKey, seedKey]);
  });
});
