import { contractScenario } from '../testing/contract-scenario.js';
import { everyAnswer } from '../testing/every-answer.js';
import { EventLog } from '../testing/event-log.js';
import { PushingSource } from '../testing/pushing-source.js';
import { describeEachStore } from '../testing/read-models-harness.js';

/** A source that pushes (EventStoreDB's catch-up subscription) is followed instead of polled. */
describeEachStore('projector following a pushing source', (stores) => {
  const whole = async () => {
    const h = await stores.harness();
    await h.project(contractScenario().log);
    return everyAnswer(h.queries);
  };

  it('subscribes once from the checkpoint and commits each pushed batch with it', async () => {
    const { log } = contractScenario();
    const source = new PushingSource(log);
    const h = await stores.harness({ leaseRetryMs: 20 });
    // Events 1-4 are in the read models already: the subscription must start after 4.
    const partial = new EventLog();
    partial.events.push(...log.events.slice(0, 4));
    expect(await h.projector.catchUp(partial)).toBe(4);
    h.projector.start(source, 10_000);
    expect(await h.projector.waitFor(15, 30_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(source.subscribedAfter).toEqual([4]);
    expect(await everyAnswer(h.queries)).toEqual(await whole());
    expect((await h.queries.areaTotals('95', '2021-01-01', '2021-06-30'))!.collections).toEqual({ amount: '19960000', count: 2 });
  });

  it('applies an event handed over twice (a feed resumed from an older position) only once', async () => {
    const { log } = contractScenario();
    const source = new PushingSource(log, { batchSize: 4, overlap: true });
    const h = await stores.harness({ leaseRetryMs: 20 });
    h.projector.start(source, 10_000);
    expect(await h.projector.waitFor(15, 30_000)).toBe(true);
    expect(await everyAnswer(h.queries)).toEqual(await whole());
    expect((await h.queries.payouts('2021-06', '954')).total).toEqual({ amount: '4500000', payments: 1, recipients: 1 });
  });

  it('follows the log as it grows, and starts again from the checkpoint when the read models are emptied behind it', async () => {
    const full = contractScenario().log;
    const log = new EventLog();
    log.events.push(...full.events.slice(0, 10));
    const source = new PushingSource(log);
    const h = await stores.harness({ leaseRetryMs: 20 });
    h.projector.start(source, 10_000);
    expect(await h.projector.waitFor(10, 30_000)).toBe(true);

    // A rebuild elsewhere empties the read models (checkpoint 0) while this subscription is past 10.
    await h.store.reset();
    log.events.push(...full.events.slice(10));
    expect(await h.projector.waitFor(15, 30_000)).toBe(true);
    expect(source.subscribedAfter).toEqual([0, 0]);
    expect(await everyAnswer(h.queries)).toEqual(await whole());
  });

  it('stops its subscription when stopped, and applies nothing after', async () => {
    const full = contractScenario().log;
    const log = new EventLog();
    log.events.push(...full.events.slice(0, 5));
    const source = new PushingSource(log);
    const h = await stores.harness({ leaseRetryMs: 20 });
    h.projector.start(source, 10_000);
    expect(await h.projector.waitFor(5, 30_000)).toBe(true);
    await h.projector.stop();
    log.events.push(...full.events.slice(5));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await h.projector.position()).toBe(5);
  });
});
