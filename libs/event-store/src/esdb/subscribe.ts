import { START, streamNameFilter, type AllStreamResolvedEvent, type RegexFilter } from '@eventstore/db-client';
import type { LogPosition, RecordedEvent } from '../event-store.port.js';
import type { EventStoreDBClient } from '@eventstore/db-client';
import { FROM_LEADER, ledgerEventOf } from './ledger-events.js';
import { EVENT_INDEX_STREAM_PREFIX, KEY_STREAM_PREFIX, CLOCK_STREAM } from './names.js';
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

/** What the loop needs of a subscription: the client's AllStreamSubscription (a Node stream) has both. */
export interface EventSource extends AsyncIterable<AllStreamResolvedEvent> {
  unsubscribe(): Promise<void>;
}

/** Opens a subscription to `$all` after a position (0 = from the beginning). */
export type OpenSubscription = (after: LogPosition) => EventSource;

/** Delay before resubscription attempt `failuresInARow` (1, 2, …): exponential, capped. */
export function backoffDelay(failuresInARow: number, initialMs = 100, maxMs = 30_000): number {
  if (!Number.isSafeInteger(failuresInARow) || failuresInARow < 1) throw new RangeError(`failuresInARow must be ≥ 1, got ${failuresInARow}`);
  return Math.min(maxMs, initialMs * 2 ** Math.min(failuresInARow - 1, 30));
}

/**
 * The server-side filter: stream names that are neither the server's (`$…`) nor the adapter's
 * bookkeeping (`socai-key-…`, `socai-event-…`, `socai-clock`). Key claims and event-index records are
 * two to three times the ledger's own traffic; filtering them by event type (`excludeSystemEvents`)
 * would still send them all over the wire. The server evaluates this with .NET's Regex, which has the
 * same negative lookahead as JavaScript's.
 */
export const LEDGER_STREAM_REGEX = `^(?!\\$|${escape(KEY_STREAM_PREFIX)}|${escape(EVENT_INDEX_STREAM_PREFIX)}|${escape(CLOCK_STREAM)}$)`;

export function ledgerStreamFilter(): RegexFilter {
  return streamNameFilter({ regex: LEDGER_STREAM_REGEX });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}

const QUIET = Symbol('quiet');

/**
 * A catch-up subscription to `$all` for a read-model projector: it starts after `checkpoint` (0 = from
 * the beginning), receives only ledger streams (the server filters out its own and the adapter's
 * bookkeeping streams, see LEDGER_STREAM_REGEX), and hands the handler batches of ledger events in log
 * order. The handler stores its own checkpoint in the same transaction as its read-model updates; this
 * helper only remembers the last batch the handler accepted, and when the subscription drops (node
 * failure, leader change, network) or the handler throws, it resubscribes from there with exponential
 * backoff, so no event is skipped and none is handed twice to a handler that succeeded.
 *
 * Persistent subscriptions are not used: they may deliver out of order and retry single events,
 * while a projector needs the log's order.
 */
export function subscribeFromCheckpoint(
  store: { readonly client: EventStoreDBClient },
  checkpoint: LogPosition,
  handler: (events: RecordedEvent[]) => Promise<void>,
  options: CheckpointSubscriptionOptions = {},
): CheckpointSubscription {
  const open: OpenSubscription = (after) => {
    const subscription = store.client.subscribeToAll({
      // A follower may lag the leader the ledger writes to; the projector's read-your-writes waits on it.
      ...FROM_LEADER,
      fromPosition: after > 0 ? toEsdbPosition(after) : START,
      filter: ledgerStreamFilter(),
    });
    // The loop learns of an error through its pending next(); this listener only keeps an error the
    // client emits after the loop has let go of the stream from being thrown as an unhandled event.
    subscription.on('error', () => undefined);
    return subscription;
  };
  return followFromCheckpoint(open, checkpoint, handler, options);
}

/** The loop of subscribeFromCheckpoint on any source of `$all` events (a unit spec drives it with a Node stream). */
export function followFromCheckpoint(
  open: OpenSubscription,
  checkpoint: LogPosition,
  handler: (events: RecordedEvent[]) => Promise<void>,
  options: CheckpointSubscriptionOptions = {},
): CheckpointSubscription {
  const batchSize = options.batchSize ?? 500;
  const maxWaitMs = options.maxWaitMs ?? 50;
  let current = checkpoint;
  let stopped = false;
  let subscription: EventSource | undefined;
  let failures = 0;
  // A handler that keeps failing must back off ever longer, even though events keep arriving.
  let handlerFailing = false;
  let wakeUp: (() => void) | undefined;

  const consume = async (): Promise<void> => {
    subscription = open(current);
    const iterator = subscription[Symbol.asyncIterator]();
    let buffer: RecordedEvent[] = [];
    const flush = async (): Promise<void> => {
      if (buffer.length === 0) return;
      const batch = buffer;
      buffer = [];
      try {
        await handler(batch);
      } catch (error) {
        handlerFailing = true;
        throw error;
      }
      handlerFailing = false;
      current = batch[batch.length - 1]!.position;
      failures = 0;
    };
    // The client reports a dropped connection by failing the pending next(). While the handler runs,
    // nobody awaits it yet, so it is given a handler at once: otherwise Node treats the rejection as
    // unhandled and ends the process. The same promise is awaited (and its error thrown) afterwards.
    const ask = (): Promise<IteratorResult<AllStreamResolvedEvent>> => {
      const pending = iterator.next();
      pending.catch(() => undefined);
      return pending;
    };
    let next = ask();
    for (;;) {
      const item = buffer.length === 0 ? await next : await raceQuiet(next, maxWaitMs);
      if (item === QUIET) {
        await flush();
        continue;
      }
      if (item.done) break;
      next = ask();
      // The server answered: the connection works again, whatever failed before.
      if (!handlerFailing) failures = 0;
      const event = ledgerEventOf(item.value);
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
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          // stop() must not wait out a backoff of up to maxBackoffMs.
          wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wakeUp = undefined;
      }
    }
  })();

  return {
    get checkpoint() {
      return current;
    },
    async stop() {
      stopped = true;
      wakeUp?.();
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
