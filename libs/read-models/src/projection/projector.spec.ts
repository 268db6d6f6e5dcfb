import type { RecordedEvent } from '#event-store';
import { contractScenario } from '../testing/contract-scenario.js';
import { everyAnswer } from '../testing/every-answer.js';
import { EventLog } from '../testing/event-log.js';
import { describeEachStore } from '../testing/read-models-harness.js';

describeEachStore('projector', (stores) => {
  it('catches up batch by batch, reports progress, and applies nothing twice', async () => {
    const { log } = contractScenario();
    const h = await stores.harness({ name: 'read-models' });
    const progress: number[] = [];
    expect(await h.projector.catchUp(log, { batchSize: 4, onProgress: (position) => progress.push(position) })).toBe(15);
    expect(progress).toEqual([4, 8, 12, 15]);
    expect(await h.projector.position()).toBe(15);
    expect(await h.projector.catchUp(log)).toBe(0);
    expect((await h.queries.areaTotals('95', '2021-01-01', '2021-06-30'))!.collections).toEqual({ amount: '19960000', count: 2 });
  });

  it('commits a batch and its checkpoint together: a failing batch leaves no trace, and the next catch-up resumes after the last good one', async () => {
    const { log } = contractScenario();
    const broken = new EventLog();
    broken.events.push(...log.events.slice(0, 4));
    // Event 5 (the voluntary receipt) arrives malformed: applying it throws inside the transaction.
    broken.events.push({ ...log.events[4], data: { receiptNo: 'BL-V-0001' } } as RecordedEvent);
    const first = await stores.harness({ name: 'read-models' });
    await expect(first.projector.catchUp(broken, { batchSize: 3 })).rejects.toThrow();
    expect(await first.projector.position()).toBe(3);
    // Event 4 (the employer receipt) was in the failed batch with event 5: it must not be there.
    expect((await first.queries.employerArrears('BL00001', '2021-07-31'))!.paid).toBe('0');
    await first.close();

    const reopened = await stores.harness({ name: 'read-models' });
    expect(await reopened.projector.position()).toBe(3);
    expect(await reopened.projector.catchUp(log, { batchSize: 3 })).toBe(12);
    const whole = await stores.harness();
    await whole.project(log);
    expect(await everyAnswer(reopened.queries)).toEqual(await everyAnswer(whole.queries));
  });

  it('a database error mid-batch rolls the whole batch back, checkpoint included', async () => {
    const { log } = contractScenario();
    const h = await stores.harness();
    await h.project(log, 4);
    await h.store.reset();
    expect(await h.projector.position()).toBe(0);
    await h.store.db.execute('DROP TABLE books');
    // better-sqlite3 builds its errors in the realm that loaded it first, so in a jest worker that ran
    // another file before this one they are not `instanceof Error` here: match the message instead.
    await expect(h.projector.catchUp(log, { batchSize: 4 })).rejects.toMatchObject({ message: expect.stringMatching(/books/) });
    // Events 1-4 committed; 5-8 hold the BookIssued (event 6) and failed as a whole, the voluntary receipt (5) with it.
    expect(await h.projector.position()).toBe(4);
    expect(await h.store.db.query<{ receipt: string }>('SELECT receipt_no AS receipt FROM collections')).toEqual([{ receipt: 'BL-R-0001' }]);
  });

  it('fences the checkpoint: a writer whose batch started from a stale checkpoint commits nothing and carries on from the new one', async () => {
    const { log } = contractScenario();
    const a = await stores.harness({ name: 'shared' });
    const b = await stores.harness({ name: 'shared' });
    // While b reads its first batch (from checkpoint 0), a projects the whole log into the same store.
    let reads = 0;
    const racing = {
      readAll: async (options: { fromPosition?: number; limit?: number }) => {
        reads += 1;
        if (reads === 1) await a.project(log, 5);
        return log.readAll(options);
      },
    };
    expect(await b.projector.catchUp(racing, { batchSize: 5 })).toBe(0);
    expect(reads).toBe(2);
    expect(await b.projector.position()).toBe(15);
    expect((await b.queries.payouts('2021-06', '954')).total).toEqual({ amount: '4500000', payments: 1, recipients: 1 });
    expect((await b.queries.areaTotals('95', '2021-01-01', '2021-06-30'))!.collections).toEqual({ amount: '19960000', count: 2 });
  });

  it('rebuild from scratch equals many small incremental catch-ups, for every query', async () => {
    const { log } = contractScenario();
    const incremental = await stores.harness({ name: 'incremental' });
    const whole = new EventLog();
    // The log grows while the projector follows it, two events at a time, one event per batch.
    for (const event of log.events) {
      whole.events.push(event);
      if (event.position % 2 === 0) await incremental.projector.catchUp(whole, { batchSize: 1 });
    }
    await incremental.projector.catchUp(whole, { batchSize: 1 });
    const rebuilt = await stores.harness({ name: 'rebuilt' });
    await rebuilt.projector.catchUp(log);
    // A rebuild empties what is there (here a first projection) and replays from position 1.
    expect(await rebuilt.projector.rebuild(log)).toBe(15);
    expect(await rebuilt.projector.position()).toBe(15);
    const answers = await everyAnswer(rebuilt.queries);
    expect(await everyAnswer(incremental.queries)).toEqual(answers);
    expect(answers.totals95!.collections.amount).toBe('19960000');
  });

  it('a serving projector catching up on a long log lets the event loop run between its batches', async () => {
    const log = new EventLog();
    for (let i = 0; i < 5_000; i++) {
      log.record('BookIssued', { personId: String(9_500_000_000 + i), areaCode: '954', issuedOn: '2021-03-03', reissue: false });
    }
    const h = await stores.harness();
    // A callback queued on the event loop while the first page is read must run before the second
    // page is read. SQLite answers synchronously, so only the projector's yield lets it in; no timer
    // races the catch-up, the order of reads is the proof.
    let reads = 0;
    let readsWhenLoopRan: number | undefined;
    const counting = {
      readAll: (options: { fromPosition?: number; limit?: number }) => {
        reads += 1;
        if (reads === 1) setImmediate(() => (readsWhenLoopRan = reads));
        return log.readAll(options);
      },
    };
    h.projector.start(counting, 10);
    expect(await h.projector.waitFor(5_000, 60_000)).toBe(true);
    await h.projector.stop();
    expect(readsWhenLoopRan).toBe(1);
    // 5,000 events in pages of 250 (the serving batch): 20 pages, so the catch-up had a second page to hold back.
    expect(reads).toBeGreaterThanOrEqual(20);
  });

  it('waitFor resolves true once a poller reaches the position, false on timeout', async () => {
    const log = new EventLog();
    const h = await stores.harness();
    expect(await h.projector.waitFor(1, 50)).toBe(false);
    h.projector.start(log, 10);
    const waiting = h.projector.waitFor(2, 30_000);
    contractScenario(log);
    expect(await waiting).toBe(true);
    expect(await h.projector.waitFor(15, 30_000)).toBe(true);
    await h.projector.stop();
    expect(await h.projector.position()).toBe(15);
  });
});
