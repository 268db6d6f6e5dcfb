import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storedRows } from '#event-store/testing';
import { type Command } from '#domain';
import { SqliteEventStore, type AppendRequest, type AppendResult } from '#event-store';
import * as ledger from '../index.js';

/**
 * The import decides batch N+1 while batch N commits. What it records must not depend on that: the
 * same rows as a one-batch-at-a-time import would write; and when batch N conflicts with another
 * writer, both it and batch N+1, decided on top of it, go again line by line.
 *
 * From source the store commits on this thread, so the order of events is the same as on the writer
 * thread, only without the overlap. (Under jest a dist/ ledger would import the source's store and
 * errors, hence no dist/ variant here; `socai import` runs the threaded path in test/cli and test/http.)
 */
const dir = mkdtempSync(join(tmpdir(), 'socai-pipelined-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const freshFile = (): string => join(dir, `events-${++files}.sqlite`);

const clock = () => new Date('2023-09-02T03:00:00Z');
const context = { actor: 'import-test', role: 'admin', source: 'import' as const, correlationId: 'corr-1' };
const headcount = { socialInsurance: 2, healthInsurance: 2, unemploymentInsurance: 1 };

/** 2 registrations, then an assessment and a collection per employer and month: 2 + 4 × 4 = 18 lines. */
function commands(): Command[] {
  const out: Command[] = [];
  const units = ['QT00001', 'QT00002'];
  for (const unitCode of units) out.push({ command: 'RegisterEmployer', data: { unitCode, name: `Công ty ${unitCode}`, areaCode: '465', registeredOn: '2022-01-05' } } as Command);
  for (const [period, firstOfNext] of [['2023-05', '2023-06-01'], ['2023-06', '2023-07-01'], ['2023-07', '2023-08-01'], ['2023-08', '2023-09-01']] as const) {
    for (const unitCode of units) {
      out.push({ command: 'AssessContribution', data: { unitCode, period, headcount, payroll: '23456789', assessedOn: firstOfNext } } as Command);
      out.push({ command: 'CollectContribution', data: { receiptNo: `R-${unitCode}-${period}`, payer: { kind: 'employer', unitCode }, amount: '1000000', collectedOn: firstOfNext } } as Command);
    }
  }
  return out;
}
const lines = commands().map((command) => JSON.stringify(command));

/** The store, with a hook run before each appendMany the import makes (the batches' commits). */
function hooked(store: SqliteEventStore, beforeBatch: (call: number, requests: AppendRequest[]) => void): SqliteEventStore {
  let calls = 0;
  return Object.assign(Object.create(store) as SqliteEventStore, {
    appendMany: (requests: AppendRequest[]): Promise<AppendResult[]> => {
      beforeBatch(++calls, requests);
      return store.appendMany(requests);
    },
  });
}

describe('a pipelined import', () => {
  it('records the rows a one-batch-at-a-time import records', async () => {
    const run = async (batchSize: number) => {
      const file = freshFile();
      const store = SqliteEventStore.open(file);
      const summary = await new ledger.NdjsonImport(new ledger.Ledger({ store, areas: ledger.loadAreaDirectory(), ledgerPayments: ledger.paymentsFromLog(store), clock }), context, { batchSize }).run(lines);
      await store.close();
      return { file, summary };
    };
    // Batches of 4 cross every employer's lines over commits; one batch of everything has nothing in flight.
    const [pipelined, whole] = [await run(4), await run(1_000)];
    expect(pipelined.summary).toMatchObject({ recorded: 18, duplicates: 0, refused: 0, events: 18, lastPosition: 18 });
    expect(storedRows(pipelined.file)).toEqual(storedRows(whole.file));
  });

  it('replays a conflicting batch and the batch decided on top of it line by line, losing and doubling nothing', async () => {
    const file = freshFile();
    const store = SqliteEventStore.open(file);
    const areas = ledger.loadAreaDirectory();
    // Another writer, on a connection of its own, records the batch's first line (the same
    // registration, the same event) just before the batch commits.
    const other = SqliteEventStore.open(file, { writerThread: false });
    const batches: string[][] = [];
    let firstEventId = '';
    const importing = hooked(store, (call, requests) => {
      if (call === 1) firstEventId = other.appendSync(requests[0]!).events[0]!.eventId;
      batches.push(requests.map((request) => request.streamId));
    });
    const summary = await new ledger.NdjsonImport(new ledger.Ledger({ store: importing, areas, ledgerPayments: ledger.paymentsFromLog(importing), clock }), context, { batchSize: 4 })
      .run(lines);
    await store.close();

    // Batch 1 conflicted, batch 2 went line by line with it: the appendMany calls are batches 1, 3, 4 and 5.
    expect(batches.length).toBe(4);
    expect(summary).toMatchObject({ recorded: 17, duplicates: 1, refused: 0, events: 17, lastPosition: 18 });
    const events = other.readAllSync();
    other.closeSync();
    expect(events.length).toBe(18);
    expect(new Set(events.map((event) => event.metadata.commandKey)).size).toBe(18);
    expect(events[0]!.eventId).toBe(firstEventId);
  });
});
