import type { FollowOptions, LogPosition, LogSubscription, ReadAllOptions, RecordedEvent } from '#event-store';
import type { EventSource } from '../ports.js';
import type { EventLog } from './event-log.js';

/**
 * An event source that pushes, with the delivery rules of EventStoreDB's catch-up subscription as
 * `subscribeFromCheckpoint` implements them (libs/event-store/src/esdb/subscribe.ts): batches in log
 * order after `after`; when the handler throws, the feed backs off and resumes after the last batch
 * the handler accepted. No EventStoreDB server can run on the build machines, so the projector's
 * following is specified against this; test/esdb runs it against a real server when one is given.
 *
 * `overlap` re-sends the last event of each accepted batch with the next one, as a feed that
 * resubscribes from an older position after a drop would.
 */
export class PushingSource implements EventSource {
  /** The position each subscription started after. */
  readonly subscribedAfter: LogPosition[] = [];
  readonly drops: unknown[] = [];

  constructor(
    private readonly log: EventLog,
    private readonly options: { batchSize?: number; overlap?: boolean } = {},
  ) {}

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.log.readAll(options);
  }

  follow(after: LogPosition, handler: (events: RecordedEvent[]) => Promise<void>, options: FollowOptions = {}): LogSubscription {
    this.subscribedAfter.push(after);
    let current = after;
    let stopped = false;
    let failures = 0;
    const running = (async () => {
      while (!stopped) {
        const from = this.options.overlap && current > after ? current : current + 1;
        const events = await this.log.readAll({ fromPosition: from, limit: this.options.batchSize ?? 3 });
        if (events.length === 0 || (events.length === 1 && events[0]!.position <= current)) {
          await pause(5);
          continue;
        }
        try {
          await handler(events);
          current = events.at(-1)!.position;
          failures = 0;
        } catch (error) {
          failures += 1;
          this.drops.push(error);
          options.onDrop?.(error, failures, 5);
          await pause(5);
        }
      }
    })();
    return {
      async stop() {
        stopped = true;
        await running;
      },
    };
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
