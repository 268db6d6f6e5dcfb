import { excludeSystemEvents, START, type AllStreamResolvedEvent, type AllStreamSubscription } from '@eventstore/db-client';
import type { LogPosition, RecordedEvent } from '../event-store.port.js';
import { ledgerEventOf, type EsdbEventStore } from './esdb-event-store.js';
import { toEsdbPosition } from './positions.js';

export interface CheckpointSubscriptionOptions {
  /** Largest batch handed to the handler. */
  batchSize?: number;
  /** A partial batch is handed over once no further event arrived for this long. */
  maxWaitMs?: number;
  /** First delay before resubscribing after a drop; doubles on each failure in a row. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Told about each drop (or handler failure) and the delay before the next attempt. */
  onDrop?: (error: unknown, failuresInARow: number, delayMs: number) => void;
}

export interface CheckpointSubscription {
  /** Position of the last event the handler accepted. */
  readonly checkpoint: LogPosition;
  /** Ends the subscription; resolves once the handler is no longer running. */
  stop(): Promise<void>;
}

/** Delay before resubscription attempt `failuresInARow` (1, 2, …): exponential, capped. */
export function backoffDelay(failuresInARow: number, initialMs = 100, maxMs = 30_000): number {
  if (!Number.isSafeInteger(failuresInARow) || failuresInARow < 1) throw new RangeError(`failuresInARow must be ≥ 1, got ${failuresInARow}`);
  return Math.min(maxMs, initialMs * 2 ** Math.min(failuresInARow - 1, 30));
}

const QUIET = Symbol('quiet');

/**
 * A catch-up subscription to `$all` for a read-model projector: it starts after `checkpoint` (0 = from
 * the beginning), skips system events on the server (`excludeSystemEvents`) and the adapter's
 * bookkeeping streams here, and hands the handler batches of ledger events in log order. The handler
 * stores its own checkpoint in the same transaction as its read-model updates; this helper only
 * remembers the last batch the handler accepted, and when the subscription drops (node failure, leader
 * change, network) or the handler throws, it resubscribes from there with exponential backoff, so no
 * event is skipped and none is handed twice to a handler that succeeded.
 *
 * Persistent subscriptions are not used: they may deliver out of order and retry single events,
 * while a projector needs the log's order.
 */
export function subscribeFromCheckpoint(
  store: EsdbEventStore,
  checkpoint: LogPosition,
  handler: (events: RecordedEvent[]) => Promise<void>,
  options: CheckpointSubscriptionOptions = {},
): CheckpointSubscription {
  const batchSize = options.batchSize ?? 500;
  const maxWaitMs = options.maxWaitMs ?? 50;
  let current = checkpoint;
  let stopped = false;
  let subscription: AllStreamSubscription | undefined;
  let failures = 0;

  const consume = async (): Promise<void> => {
    subscription = store.client.subscribeToAll({
      fromPosition: current > 0 ? toEsdbPosition(current) : START,
      filter: excludeSystemEvents(),
    });
    const iterator = subscription[Symbol.asyncIterator]();
    let buffer: RecordedEvent[] = [];
    const flush = async (): Promise<void> => {
      if (buffer.length === 0) return;
      const batch = buffer;
      buffer = [];
      await handler(batch);
      current = batch[batch.length - 1]!.position;
      failures = 0;
    };
    let next = iterator.next();
    for (;;) {
      const item = buffer.length === 0 ? await next : await raceQuiet(next, maxWaitMs);
      if (item === QUIET) {
        await flush();
        continue;
      }
      if (item.done) break;
      next = iterator.next();
      const event = ledgerEventOf(item.value as AllStreamResolvedEvent);
      if (event && event.position > current) buffer.push(event);
      if (buffer.length >= batchSize) await flush();
    }
    await flush();
    if (!stopped) throw new Error('the subscription to $all ended');
  };

  const running = (async () => {
    while (!stopped) {
      try {
        await consume();
      } catch (error) {
        if (stopped) return;
        failures += 1;
        const delayMs = backoffDelay(failures, options.initialBackoffMs, options.maxBackoffMs);
        options.onDrop?.(error, failures, delayMs);
        await subscription?.unsubscribe().catch(() => undefined);
        await sleep(delayMs);
      }
    }
  })();

  return {
    get checkpoint() {
      return current;
    },
    async stop() {
      stopped = true;
      await subscription?.unsubscribe().catch(() => undefined);
      await running;
    },
  };
}

async function raceQuiet<T>(promise: Promise<T>, ms: number): Promise<T | typeof QUIET> {
  let timer: NodeJS.Timeout | undefined;
  const quiet = new Promise<typeof QUIET>((resolve) => {
    timer = setTimeout(() => resolve(QUIET), ms);
  });
  try {
    return await Promise.race([promise, quiet]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
