import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storedRows } from '#event-store/testing';
import { commandKeyOf, type Command } from '#domain';
import { SqliteEventStore } from '#event-store';
import { Ledger } from '../ledger.js';
import { paymentsFromLog } from '../payments-from-log.js';
import { loadAreaDirectory } from '../reference-data.js';
import { NdjsonImport } from './ndjson-import.js';

/**
 * The import decides a whole batch ahead of its commit (event ids, metadata and revisions fixed at
 * decision time, stream states advanced provisionally and kept across batches) and appends it in one
 * transaction. None of that may change what is recorded: the stored rows — ids, data, metadata,
 * prevHash/hash chain, positions, keys — must be those of the same commands executed one by one.
 */
const headcount = { socialInsurance: 2, healthInsurance: 2, unemploymentInsurance: 1 };
const months = ['2023-05', '2023-06', '2023-07', '2023-08'];
const nextMonthFirst = (period: string): string => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
};

function commands(): Command[] {
  const out: Command[] = [];
  for (const unitCode of ['QT00001', 'QT00002']) {
    out.push({ command: 'RegisterEmployer', data: { unitCode, name: `Công ty ${unitCode}`, areaCode: '465', registeredOn: '2022-01-05' } } as Command);
  }
  for (const period of months) {
    for (const unitCode of ['QT00001', 'QT00002']) {
      out.push({ command: 'AssessContribution', data: { unitCode, period, headcount, payroll: '23456789', assessedOn: nextMonthFirst(period) } } as Command);
      out.push({
        command: 'CollectContribution',
        data: { receiptNo: `R-${unitCode}-${period}`, payer: { kind: 'employer', unitCode }, amount: '1000000', collectedOn: nextMonthFirst(period) },
      } as Command);
    }
  }
  out.push({ command: 'IssueBook', data: { personId: '4512345678', areaCode: '465', issuedOn: '2023-03-03' } } as Command);
  out.push({ command: 'IssueCard', data: { cardNo: 'HN3454512345678', personId: '4512345678', areaCode: '465', validFrom: '2023-01-01', validTo: '2023-12-31', issuedOn: '2022-12-20' } } as Command);
  return out;
}

describe('NdjsonImport records exactly what single commands record', () => {
  const dir = mkdtempSync(join(tmpdir(), 'socai-import-equivalence-'));
  const areas = loadAreaDirectory();
  const clock = () => new Date('2023-09-02T03:00:00Z');
  const context = { actor: 'import-test', role: 'admin', source: 'import' as const, correlationId: 'corr-1' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives identical events, hash chains, stream heads and keys, across batch boundaries', async () => {
    const all = commands();
    const importedFile = join(dir, 'imported.sqlite');
    const imported = SqliteEventStore.open(importedFile);
    // Batches of 3: an employer's lines fall in different batches, so its state crosses commits.
    const summary = await new NdjsonImport(new Ledger({ store: imported, areas, ledgerPayments: paymentsFromLog(imported), clock }), context, { batchSize: 3 })
      .run(all.map((command) => JSON.stringify(command)));
    await imported.close();
    expect(summary.refusals).toEqual([]);
    expect(summary).toMatchObject({ recorded: all.length, refused: 0, duplicates: 0, events: all.length });

    const singleFile = join(dir, 'single.sqlite');
    const single = SqliteEventStore.open(singleFile);
    const ledger = new Ledger({ store: single, areas, ledgerPayments: paymentsFromLog(single), clock });
    for (const command of all) {
      // The import names each line's command as its cause; a single command is given the same.
      await ledger.execute(command, { ...context, causationId: `corr-1:${commandKeyOf(command)}` });
    }
    await single.close();

    expect(storedRows(importedFile)).toEqual(storedRows(singleFile));
  });

  /** A real SQLite store that counts the calls the import makes of it; `sizes: false` hides the port's optional listing, as EventStoreDB lacks it. */
  function counted(store: SqliteEventStore, sizes: boolean) {
    const calls = { appendMany: [] as number[], appendEach: 0, append: 0, findKey: 0, readStream: 0 };
    const counting = Object.create(store) as SqliteEventStore;
    counting.appendMany = (requests) => (calls.appendMany.push(requests.length), store.appendMany(requests));
    counting.appendEach = (requests) => (calls.appendEach++, store.appendEach(requests));
    counting.append = (request) => (calls.append++, store.append(request));
    counting.findKey = (key) => (calls.findKey++, store.findKey(key));
    counting.readStream = (id, options) => (calls.readStream++, store.readStream(id, options));
    // A state's load reads the stream without metadata: a stream read all the same.
    counting.readStreamAfter = (id, revision) => (calls.readStream++, store.readStreamAfter(id, revision));
    if (!sizes) (counting as { streamSizesSync?: unknown }).streamSizesSync = undefined;
    return { counting, calls };
  }

  /** The rows the commands give when executed one by one. */
  async function singleCommandRows(): Promise<unknown> {
    const file = join(dir, 'reference.sqlite');
    const store = SqliteEventStore.open(file);
    const ledger = new Ledger({ store, areas, ledgerPayments: paymentsFromLog(store), clock });
    for (const command of commands()) await ledger.execute(command, { ...context, causationId: `corr-1:${commandKeyOf(command)}` });
    await store.close();
    return storedRows(file);
  }
  let reference: unknown;
  beforeAll(async () => {
    reference = await singleCommandRows();
  });

  it.each([
    // An empty store that lists its streams: no key and no stream is looked up, one commit per batch.
    ['offers streamSizesSync', true, { findKey: 0, readStream: 0 }],
    // Without the listing every key is looked up, and each of the 3 streams (two employers, one person) read once.
    ['does not offer streamSizesSync (as EventStoreDB)', false, { findKey: 20, readStream: 3 }],
  ])('commits a batch as one appendMany on a store that %s, and records the same rows', async (_name, sizes, lookups) => {
    const all = commands();
    const file = join(dir, `counted-${String(sizes)}.sqlite`);
    const store = SqliteEventStore.open(file);
    const { counting, calls } = counted(store, sizes);
    const summary = await new NdjsonImport(new Ledger({ store: counting, areas, ledgerPayments: paymentsFromLog(store), clock }), context, { batchSize: 3 })
      .run(all.map((command) => JSON.stringify(command)));
    await store.close();
    expect(summary).toMatchObject({ recorded: 20, refused: 0, duplicates: 0, events: 20 });
    // 20 lines in batches of 3: six full batches and one of 2, each its own transaction; no single appends.
    expect(calls).toEqual({ appendMany: [3, 3, 3, 3, 3, 3, 2], appendEach: 0, append: 0, ...lookups });
    expect(storedRows(file)).toEqual(reference);
  });
});

