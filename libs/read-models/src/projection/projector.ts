import type { RecordedEvent } from '#event-store';
import type { ReadModelAreas, EventSource } from '../ports.js';
import type { ReadModelStore } from '../sqlite/read-model-store.js';
import { EventWriter } from './event-writer.js';

export interface CatchUpOptions {
  /** Events read and committed per transaction; 2,000 by default. */
  batchSize?: number;
  /** Called after each committed batch with the position reached and the events applied so far. */
  onProgress?: (position: number, applied: number) => void;
}

const DEFAULT_BATCH_SIZE = 2_000;

/**
 * Follows the global log into the read models. Each batch of events and the checkpoint that
 * records it are committed in one SQLite transaction, so after a crash the read models hold every
 * event up to the checkpoint exactly once and the next catch-up resumes right after it.
 */
export class Projector {
  private readonly writer: EventWriter;
  private readonly waiters = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private stopped = true;

  constructor(
    private readonly store: ReadModelStore,
    areas: ReadModelAreas,
    /** Where polling errors go; the loop keeps going, since the store may come back. */
    private readonly onError: (error: unknown) => void = (error) => console.error('projector:', error),
  ) {
    this.writer = new EventWriter(store.db, areas);
  }

  /** The position of the last event applied to the read models (0 before the first). */
  position(): number {
    return this.store.checkpoint();
  }

  /**
   * Applies every event after the checkpoint, batch by batch, and resolves with how many it applied.
   * Concurrent calls share one run, so two pollers never apply the same batch.
   */
  catchUp(source: EventSource, options: CatchUpOptions = {}): Promise<number> {
    if (!this.running) {
      this.running = this.runCatchUp(source, options).finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /** Drops every read model and replays the whole log from position 1. */
  async rebuild(source: EventSource, onProgress?: CatchUpOptions['onProgress'], batchSize?: number): Promise<number> {
    if (this.running) await this.running.catch(() => undefined);
    this.store.reset();
    return this.catchUp(source, { batchSize, onProgress });
  }

  /** Polls the source every `intervalMs` until `stop()`. */
  start(source: EventSource, intervalMs = 200): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      try {
        await this.catchUp(source);
      } catch (error) {
        this.onError(error);
      }
      if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
    };
    void tick();
  }

  /** Stops polling and waits for a batch in flight to commit. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) await this.running.catch(() => undefined);
  }

  /**
   * Resolves true once the read models have reached `position` (a client reading its own write),
   * false after `timeoutMs`. It does not read the log itself: a poller or a catch-up must be running.
   */
  waitFor(position: number, timeoutMs = 5_000): Promise<boolean> {
    if (this.position() >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const check = () => {
        if (this.position() < position) return;
        done(true);
      };
      const done = (reached: boolean) => {
        clearTimeout(timeout);
        this.waiters.delete(check);
        resolve(reached);
      };
      const timeout = setTimeout(() => {
        // The store may have been closed while this request waited (the server shutting down).
        let reached = false;
        try {
          reached = this.position() >= position;
        } catch {
          reached = false;
        }
        done(reached);
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private async runCatchUp(source: EventSource, options: CatchUpOptions): Promise<number> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    let applied = 0;
    for (;;) {
      const from = this.store.checkpoint() + 1;
      const events = await source.readAll({ fromPosition: from, limit: batchSize });
      if (events.length === 0) break;
      const position = this.commit(events, from);
      applied += events.length;
      options.onProgress?.(position, applied);
      for (const waiter of [...this.waiters]) waiter();
    }
    return applied;
  }

  /** One transaction: the batch's effects and the new checkpoint together. */
  private commit(events: RecordedEvent[], from: number): number {
    return this.store.transaction(() => {
      let position = from - 1;
      for (const event of events) {
        // A source that returns an event twice or out of order must not apply it twice.
        if (event.position <= position) continue;
        this.writer.apply(event);
        position = event.position;
      }
      this.store.setCheckpoint(position);
      return position;
    });
  }
}
