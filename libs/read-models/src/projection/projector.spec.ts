import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '#event-store';
import type { ReadModelQueries } from '../queries/read-model-queries.js';
import { contractScenario } from '../testing/contract-scenario.js';
import { EventLog } from '../testing/event-log.js';
import { readModelsHarness } from '../testing/read-models-harness.js';

/** Everything the queries can say about the contract scenario, to compare two read-model stores. */
function everyAnswer(q: ReadModelQueries) {
  return {
    totals95: q.areaTotals('95', '2021-01-01', '2021-06-30'),
    totals954: q.areaTotals('954', '2021-01-01', '2021-07-31'),
    totals956: q.areaTotals('956', '2020-01-01', '2021-12-31'),
    arrears: q.employerArrears('BL00001', '2021-07-31'),
    arrearsEarly: q.employerArrears('BL00001', '2021-06-05'),
    worklist: q.arrearsWorklist({ area: '95', asOf: '2021-08-31' }),
    plan: q.planProgress(2021, '95', '2021-06-30'),
    payouts: q.payouts('2021-06', '954'),
    ledgerPayments: q.ledgerPayments('2021-06', '95'),
    report: q.provinceReport('95', '2021-01-01', '2021-06-30'),
  };
}

describe('projector', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'socai-read-models-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('catches up batch by batch, reports progress, and applies nothing twice', async () => {
    const { log } = contractScenario();
    const h = readModelsHarness('2021-06-30', join(dir, 'read-models.sqlite'));
    const progress: number[] = [];
    expect(await h.projector.catchUp(log, { batchSize: 4, onProgress: (position) => progress.push(position) })).toBe(15);
    expect(progress).toEqual([4, 8, 12, 15]);
    expect(h.projector.position()).toBe(15);
    expect(await h.projector.catchUp(log)).toBe(0);
    expect(h.queries.areaTotals('95', '2021-01-01', '2021-06-30')!.collections).toEqual({ amount: '19960000', count: 2 });
    h.store.close();
  });

  it('commits a batch and its checkpoint together: a failing batch leaves no trace, and the next catch-up resumes after the last good one', async () => {
    const { log } = contractScenario();
    const file = join(dir, 'read-models.sqlite');
    const broken = new EventLog();
    broken.events.push(...log.events.slice(0, 4));
    // Event 5 (the voluntary receipt) arrives malformed: applying it throws inside the transaction.
    broken.events.push({ ...log.events[4], data: { receiptNo: 'BL-V-0001' } } as RecordedEvent);
    const first = readModelsHarness('2021-06-30', file);
    await expect(first.projector.catchUp(broken, { batchSize: 3 })).rejects.toThrow();
    expect(first.projector.position()).toBe(3);
    // Event 4 (the employer receipt) was in the failed batch with event 5: it must not be there.
    expect(first.queries.employerArrears('BL00001', '2021-07-31')!.paid).toBe('0');
    first.store.close();

    const reopened = readModelsHarness('2021-06-30', file);
    expect(reopened.projector.position()).toBe(3);
    expect(await reopened.projector.catchUp(log, { batchSize: 3 })).toBe(12);
    expect(everyAnswer(reopened.queries)).toEqual(everyAnswer(await fullyProjected(log)));
    reopened.store.close();
  });

  it('rebuild from scratch equals many small incremental catch-ups, for every query', async () => {
    const { log } = contractScenario();
    const incremental = readModelsHarness('2021-06-30', join(dir, 'incremental.sqlite'));
    const whole = new EventLog();
    // The log grows while the projector follows it, two events at a time, one event per batch.
    for (const event of log.events) {
      whole.events.push(event);
      if (event.position % 2 === 0) await incremental.projector.catchUp(whole, { batchSize: 1 });
    }
    await incremental.projector.catchUp(whole, { batchSize: 1 });
    const rebuilt = readModelsHarness('2021-06-30', join(dir, 'rebuilt.sqlite'));
    await rebuilt.projector.catchUp(log);
    // A rebuild drops what is there (here a first projection) and replays from position 1.
    expect(await rebuilt.projector.rebuild(log)).toBe(15);
    expect(rebuilt.projector.position()).toBe(15);
    const answers = everyAnswer(rebuilt.queries);
    expect(everyAnswer(incremental.queries)).toEqual(answers);
    expect(answers.totals95!.collections.amount).toBe('19960000');
    incremental.store.close();
    rebuilt.store.close();
  });

  it('waitFor resolves true once a poller reaches the position, false on timeout', async () => {
    const log = new EventLog();
    const h = readModelsHarness();
    expect(await h.projector.waitFor(1, 50)).toBe(false);
    h.projector.start(log, 10);
    const waiting = h.projector.waitFor(2, 2_000);
    contractScenario(log);
    expect(await waiting).toBe(true);
    expect(await h.projector.waitFor(15, 2_000)).toBe(true);
    await h.projector.stop();
    expect(h.projector.position()).toBe(15);
    h.store.close();
  });
});

async function fullyProjected(log: EventLog): Promise<ReadModelQueries> {
  const h = readModelsHarness();
  await h.projector.catchUp(log);
  return h.queries;
}
