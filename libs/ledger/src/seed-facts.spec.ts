import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interestRatesFrom, type InterestRateAnnouncement } from '#domain';
import { SqliteEventStore } from '#event-store';
import { Ledger } from './ledger.js';
import { paymentsFromLog } from './payments-from-log.js';
import { loadAreaDirectory } from './reference-data.js';
import { recordSeedFacts } from './seed-facts.js';

describe('recordSeedFacts on a real SQLite store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let ledger: Ledger;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'socai-seed-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    ledger = new Ledger({ store, areas: loadAreaDirectory(), ledgerPayments: paymentsFromLog(store), clock: () => new Date('2026-12-06T23:00:00Z') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records the four verified rates on a new ledger, in rules-interest, and nothing the second time', async () => {
    expect(await recordSeedFacts(ledger)).toBe(4);
    const events = await store.readStream('rules-interest');
    expect(events.map((event) => {
      const rate = event.data as InterestRateAnnouncement;
      return `${rate.year} ${rate.fund} ${rate.monthlyPercent} ${rate.announcedOn}`;
    })).toEqual(['2016 social 1.065 2016-03-08', '2016 health 1.083 2016-03-08', '2017 social 1.317 2017-02-14', '2017 health 0.967 2017-01-17']);
    expect(events[0].metadata).toMatchObject({ actor: 'socai-seed', role: 'admin', source: 'cli', correlationId: 'seed-interest-rates', commandKey: 'AnnounceInterestRate:2016:social:2016-03-08' });
    expect(await recordSeedFacts(ledger)).toBe(0);
    expect(await store.headPosition()).toBe(4);
    // As facts they answer k: 2016 BHYT is 1.083 %, and 2018 (unverified in the seed) is unknown.
    const rates = interestRatesFrom(events.map((event) => event.data as InterestRateAnnouncement));
    expect([rates(2016, 'health')?.monthlyPercent, rates(2018, 'health')]).toEqual(['1.083', undefined]);
  });

  it('records nothing on a ledger that already holds a fact', async () => {
    await ledger.execute({ command: 'RegisterEmployer', data: { unitCode: 'QT00001', name: 'Công ty', areaCode: '465', registeredOn: '2022-01-05' } }, { actor: 'a', role: 'admin', source: 'cli' });
    expect(await recordSeedFacts(ledger)).toBe(0);
    expect(await store.headPosition()).toBe(1);
  });
});
