import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import type { AllStreamResolvedEvent } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port.js';
import { CLOCK_STREAM, eventIndexStreamName, keyStreamName } from './names.js';
import { backoffDelay, followFromCheckpoint, LEDGER_STREAM_REGEX, ledgerStreamFilter, type EventSource } from './subscribe.js';

describe('resubscription backoff', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, 100, 1_000))).toEqual([100, 200, 400, 800, 1_000]);
    expect(backoffDelay(1)).toBe(100);
    expect(backoffDelay(10)).toBe(30_000);
    expect(backoffDelay(10_000)).toBe(30_000);
    expect(() => backoffDelay(0)).toThrow(RangeError);
  });
});

describe('the server-side stream filter', () => {
  it('passes ledger streams and stops the server’s and the adapter’s own', () => {
    const filter = ledgerStreamFilter();
    expect(filter).toMatchObject({ filterOn: 'streamName', regex: LEDGER_STREAM_REGEX });
    const passes = (stream: string) => new RegExp(LEDGER_STREAM_REGEX).test(stream);
    expect(['employer-TA0001', 'person-0123456789', 'plan-954-2025', 'payout-954-2025-07', 'socaix', 'socai-clockwork'].map(passes)).toEqual([true, true, true, true, true, true]);
    expect(['$all', '$stats-127.0.0.1:2113', '$$employer-TA0001', keyStreamName('k'), eventIndexStreamName('e'), CLOCK_STREAM].map(passes)).toEqual([false, false, false, false, false, false]);
  });
});

/** An object-mode Node stream, as the client's subscription is; `fail` fails it as a gRPC drop does. */
class Source extends PassThrough implements EventSource {
  unsubscribed = false;
  constructor(readonly after: number) {
    super({ objectMode: true });
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    this.destroy();
  }
  send(streamId: string, revision: number, position: number): void {
    this.write(resolved(streamId, revision, position));
  }
  fail(): void {
    this.destroy(new Error('14 UNAVAILABLE: Connection dropped'));
  }
}

function resolved(streamId: string, revision: number, position: number): AllStreamResolvedEvent {
  const eventId = `e-${position}`;
  return {
    event: {
      streamId,
      id: eventId,
      revision: BigInt(revision),
      type: 'Noted',
      data: { amount: '1' },
      metadata: { eventId, hash: `h-${position}` },
      isJson: true,
      created: new Date(0),
      position: { commit: BigInt(position), prepare: BigInt(position) },
    },
    commitPosition: BigInt(position),
  } as unknown as AllStreamResolvedEvent;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

/** Resolves once `sources` holds `count` subscriptions. */
/** Opens a new Source for each subscription, kept in `sources` for the test to drive. */
function recordingInto(sources: Source[]): (after: number) => Source {
  return (after) => {
    const source = new Source(after);
    sources.push(source);
    return source;
  };
}

async function opened(sources: Source[], count: number): Promise<Source> {
  while (sources.length < count) await new Promise((resolve) => setImmediate(resolve));
  return sources[count - 1]!;
}

describe('followFromCheckpoint', () => {
  let unhandled: unknown[] = [];
  const record = (reason: unknown) => void unhandled.push(reason);
  beforeEach(() => {
    unhandled = [];
    process.on('unhandledRejection', record);
  });
  afterEach(() => void process.off('unhandledRejection', record));

  it('survives a drop while the handler is busy: the pending next() is handled, and it resubscribes from the checkpoint', async () => {
    const sources: Source[] = [];
    const handled: string[][] = [];
    const drops: [string, number][] = [];
    const release = deferred();
    const entered = deferred();
    const subscription = followFromCheckpoint(
      recordingInto(sources),
      0,
      async (batch: RecordedEvent[]) => {
        handled.push(batch.map((event) => event.eventId));
        if (handled.length === 1) {
          entered.resolve();
          await release.promise;
        }
      },
      // A full batch (batchSize 1) is flushed right after next() was asked for, with nobody awaiting it.
      { batchSize: 1, initialBackoffMs: 1, onDrop: (error, failures) => void drops.push([(error as Error).message, failures]) },
    );

    const first = await opened(sources, 1);
    first.send('employer-A', 0, 100);
    await entered.promise;
    // The handler holds the batch; meanwhile the connection drops under the pending next().
    first.fail();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release.resolve();

    const second = await opened(sources, 2);
    second.send('employer-A', 0, 100);
    second.send('employer-A', 1, 200);
    while (handled.length < 2) await new Promise((resolve) => setImmediate(resolve));
    await subscription.stop();

    expect(unhandled).toEqual([]);
    expect(drops).toEqual([['14 UNAVAILABLE: Connection dropped', 1]]);
    expect(sources.map((source) => source.after)).toEqual([0, 100]);
    expect(handled).toEqual([['e-100'], ['e-200']]);
    expect(subscription.checkpoint).toBe(200);
    expect(second.unsubscribed).toBe(true);
  });

  it('counts failures in a row only until the server delivers an event again', async () => {
    const sources: Source[] = [];
    const drops: number[] = [];
    const subscription = followFromCheckpoint(
      recordingInto(sources),
      0,
      async () => undefined,
      { maxWaitMs: 60_000, initialBackoffMs: 1, onDrop: (_error, failures) => void drops.push(failures) },
    );
    (await opened(sources, 1)).fail();
    (await opened(sources, 2)).fail();
    const third = await opened(sources, 3);
    // An event arrives (and waits in the batch), then the connection drops again.
    third.send('employer-A', 0, 100);
    await new Promise((resolve) => setTimeout(resolve, 20));
    third.fail();
    await opened(sources, 4);
    await subscription.stop();

    expect(drops).toEqual([1, 2, 1]);
    expect(unhandled).toEqual([]);
  });

  it('stop() interrupts a backoff sleep instead of waiting it out', async () => {
    const sources: Source[] = [];
    const drops: number[] = [];
    const subscription = followFromCheckpoint(
      recordingInto(sources),
      0,
      async () => undefined,
      { initialBackoffMs: 30_000, onDrop: (_error, _failures, delayMs) => void drops.push(delayMs) },
    );
    (await opened(sources, 1)).fail();
    while (drops.length === 0) await new Promise((resolve) => setImmediate(resolve));

    // Without the interruption this would wait 30 s, past the test's timeout.
    await subscription.stop();

    expect(drops).toEqual([30_000]);
    expect(sources).toHaveLength(1);
  });
});

describe('a drop under a pending next() in a process of its own (as `socai serve` runs it)', () => {
  // Jest keeps a rejection from node's own stream code from reaching the process, so the crash the
  // pending next() caused (exit code 1) is reproduced in a plain node process on the built module.
  it('keeps the process alive and resubscribes', () => {
    const module = pathToFileURL(`${process.cwd()}/dist/libs/event-store/src/esdb/subscribe.js`).href;
    const script = `
      import { PassThrough } from 'node:stream';
      import { followFromCheckpoint } from ${JSON.stringify(module)};
      const event = (position) => ({ event: { streamId: 'employer-A', id: 'e', revision: 0n, type: 'Noted', data: {}, isJson: true,
        metadata: { eventId: 'e-' + position, hash: 'h' }, created: new Date(0), position: { commit: BigInt(position), prepare: BigInt(position) } } });
      const sources = [];
      let release;
      const held = new Promise((resolve) => (release = resolve));
      const subscription = followFromCheckpoint((after) => {
        const source = new PassThrough({ objectMode: true });
        source.unsubscribe = async () => void source.destroy();
        sources.push(source);
        if (sources.length === 1) source.write(event(100));
        return source;
      }, 0, async () => {
        setTimeout(() => sources[0].destroy(new Error('14 UNAVAILABLE: Connection dropped')), 5);
        setTimeout(release, 30);
        await held;
      }, { batchSize: 1, initialBackoffMs: 1, onDrop: (error, failures) => console.log('drop', failures, error.message) });
      while (sources.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      await subscription.stop();
      console.log('checkpoint', subscription.checkpoint);
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe('drop 1 14 UNAVAILABLE: Connection dropped\ncheckpoint 100\n');
    expect(child.status).toBe(0);
  });
});
