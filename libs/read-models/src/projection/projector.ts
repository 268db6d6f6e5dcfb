import { eventsIn, type LogSubscription, type RecordedEvent } from '#event-store';
import type { ProjectionLease, SqlRunner, SqlStatement } from '../database/read-model-db.js';
import type { BuiltPage, ReadModelAreas, EventSource, RebuildSource, RebuildSourceFor } from '../ports.js';
import type { ReadModelStore } from '../database/read-model-store.js';
import { EventWriter, PROJECTED_METADATA } from './event-writer.js';
import { oldAreasOf, syncOldAreas, type OldArea } from './old-areas.js';
import { PROJECTION_BATCH_EVENTS as DEFAULT_BATCH_SIZE, REBUILD_EVENTS_PER_COMMIT, REBUILD_PAGES_PER_COMMIT, SERVING_BATCH_EVENTS as SERVING_BATCH_SIZE } from '#runtime/tunables';

export interface CatchUpOptions {
  /** Events read per page, each page its own transaction unless `pagesPerCommit` says otherwise; 2,000 by default. */
  batchSize?: number;
  /**
   * Pages of `batchSize` events applied in one transaction; 1 by default. A rebuild commits several
   * pages at once: fewer, larger commits write each index page fewer times, and only one page of
   * events is in memory at a time.
   */
  pagesPerCommit?: number;
  /** Called after each committed batch with the position reached and the events applied so far. */
  onProgress?: (position: number, applied: number) => void;
  /**
   * Lets the event loop run between batches. A server catching up on a long log would otherwise
   * answer nothing until the end: SQLite's calls finish synchronously, so awaiting them never yields.
   */
  yieldBetweenBatches?: boolean;
}

export interface ProjectorOptions {
  /** How often an instance that does not hold the projector lease tries to take it; 2 s by default. */
  leaseRetryMs?: number;
  /** A faster reader of the log for `rebuild` (the runtime's, for its SQLite log); none by default. */
  rebuildSource?: RebuildSourceFor;
}

const DEFAULT_LEASE_RETRY_MS = 2_000;
/** How often `waitFor` looks at the shared checkpoint when another instance is projecting. */
const WAIT_POLL_MS = 25;

/** What one commit carried the read models to, and how many events it read. */
interface Committed { position: number; read: number }

/** A page of events, or of the statements that apply them (a rebuild's reader built them on its thread). */
type Page = RecordedEvent[] | BuiltPage;

/** Another writer moved the checkpoint while this batch was being applied: the batch is void. */
class CheckpointMoved extends Error {}

/** The read models went back behind what a subscription already handed over (a rebuild): start it again. */
class FollowingStale extends Error {}

/** A subscription this instance runs, and the checkpoint it has carried the read models to. */
interface Following {
  /** Set once the source has started it (the handler cannot run before). */
  subscription?: LogSubscription;
  through: number;
  stale: boolean;
}

/**
 * Follows the global log into the read models. Each batch of events and the checkpoint that
 * records it are committed in one transaction, so after a crash the read models hold every event
 * up to the checkpoint exactly once and the next catch-up resumes right after it. The checkpoint
 * update is also a fence: it only applies if the checkpoint is still where the batch started, so
 * two writers (an instance that lost its lease mid-batch, a CLI catch-up next to a server) can
 * never apply a batch twice or move the checkpoint backwards.
 *
 * `start` projects only while this instance holds the store's projector lease (always on SQLite; a
 * PostgreSQL advisory lock shared by every instance on the same schema). The others retry for the
 * lease every few seconds and read the shared checkpoint, so `position` and `waitFor` work on all.
 * A source that pushes (EventStoreDB: a catch-up subscription to `$all`) is followed from the
 * checkpoint, each pushed batch committed with the checkpoint; any other source is polled.
 */
export class Projector {
  private readonly writer: EventWriter;
  private readonly lease: ProjectionLease;
  private readonly leaseRetryMs: number;
  private readonly rebuildSource: RebuildSourceFor | undefined;
  private readonly commitListeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private ticking: Promise<void> | undefined;
  private following: Following | undefined;
  private stopped = true;
  /** Whether the store's rebuild request has been looked at (and carried out) by this instance. */
  private rebuildChecked = false;
  /** The old provinces' codes (projection/old-areas.ts), written to the store in this instance's first commit. */
  private readonly oldAreas: readonly OldArea[];
  private oldAreasSynced = false;

  constructor(
    private readonly store: ReadModelStore,
    areas: ReadModelAreas,
    /** Where polling errors go; the loop keeps going, since the store may come back. */
    private readonly onError: (error: unknown) => void = (error) => console.error('projector:', error),
    options: ProjectorOptions = {},
  ) {
    this.writer = new EventWriter(areas);
    this.oldAreas = oldAreasOf(areas);
    this.lease = store.projectionLease();
    this.leaseRetryMs = options.leaseRetryMs ?? DEFAULT_LEASE_RETRY_MS;
    this.rebuildSource = options.rebuildSource;
  }

  /** The position of the last event applied to the read models (0 before the first), from the shared checkpoint. */
  position(): Promise<number> {
    return this.store.checkpoint();
  }

  /** Whether this instance is the one projecting: started and holding the lease. */
  isProjecting(): boolean {
    return !this.stopped && this.lease.held;
  }

  /**
   * Applies every event after the checkpoint, batch by batch, and resolves with how many it applied.
   * Concurrent calls share one run, so two pollers of one instance never apply the same batch.
   * It does not ask for the lease: a one-off catch-up (the CLI) relies on the checkpoint fence.
   */
  catchUp(source: EventSource, options: CatchUpOptions = {}): Promise<number> {
    if (!this.running) {
      this.running = this.catchUpOrRebuild(source, options).finally(() => {
        this.running = undefined;
      });
    }
    return this.running;
  }

  /**
   * A catch-up, or the rebuild a migration asked for (a layout the rows written before cannot be
   * brought to: ReadModelStore.rebuildRequested), so a server or CLI that starts on such a store
   * computes it again from the log without an operator's `socai rebuild`. Looked at once per instance.
   */
  private async catchUpOrRebuild(source: EventSource, options: CatchUpOptions): Promise<number> {
    if (!this.rebuildChecked) {
      if (await this.store.rebuildRequested()) return this.replay(source, options);
      this.rebuildChecked = true;
    }
    return this.runCatchUp(source, options);
  }

  /**
   * Empties every read model and replays the whole log from position 1. The derived summaries'
   * triggers are off meanwhile (they cost more than the facts' own inserts) and the summaries are
   * computed once from the facts at the end; if this process dies before that, the store restores
   * them the next time it opens (see projection/summaries-suspension.ts). The log is read through the
   * `rebuildSource` reader when there is one (it reads ahead on another thread).
   */
  async rebuild(source: EventSource, onProgress?: CatchUpOptions['onProgress'], batchSize?: number): Promise<number> {
    if (this.running) await this.running.catch(() => undefined);
    this.running = this.replay(source, { batchSize, onProgress }).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async replay(source: EventSource, options: CatchUpOptions): Promise<number> {
    await this.store.reset({ suspendSummaries: true });
    this.rebuildChecked = true;
    const reader = this.rebuildSource?.(source, { metadataFields: PROJECTED_METADATA });
    return this.store.db.duringRebuild(async () => {
      let applied: number;
      try {
        applied = await this.runCatchUp(reader ?? source, { ...options, pagesPerCommit: rebuildPagesPerCommit(options.batchSize) });
      } catch (error) {
        // The summaries then match the facts committed so far, with the checkpoint. If the store
        // itself is what failed, its marker has the next open restore them; the first error is the news.
        await this.store.restoreSummaries().catch(() => undefined);
        throw error;
      } finally {
        await reader?.close();
      }
      await this.store.restoreSummaries();
      return applied;
    });
  }

  /**
   * Until `stop()`, while this instance holds the lease: follows a source that pushes, or polls one
   * that does not every `intervalMs`. Without the lease, tries for it every `leaseRetryMs`; a
   * follower looks at its lease as often.
   */
  start(source: EventSource, intervalMs = 200): void {
    if (!this.stopped) return;
    this.stopped = false;
    let wasLeading = false;
    const tick = async () => {
      let leading = false;
      let delay = this.leaseRetryMs;
      if (wasLeading && !this.lease.held) {
        // The lease was lost since the last look (its session ended): wait longer than the others
        // retry, so that an instance that has been waiting takes over, not the one whose session broke.
        delay = 2 * this.leaseRetryMs;
      } else {
        try {
          leading = await this.lease.acquire();
          if (leading && !this.stopped) {
            // A rebuild a migration asked for runs before a subscription starts from the checkpoint.
            if (source.follow && !this.rebuildChecked) {
              if (await this.store.rebuildRequested()) await this.catchUp(source, { batchSize: SERVING_BATCH_SIZE, yieldBetweenBatches: true });
              else this.rebuildChecked = true;
            }
            if (source.follow) await this.follow(source);
            else await this.catchUp(source, { batchSize: SERVING_BATCH_SIZE, yieldBetweenBatches: true });
          }
        } catch (error) {
          this.onError(error);
        }
        if (leading && !source.follow) delay = intervalMs;
      }
      if (!leading) await this.stopFollowing();
      wasLeading = leading;
      if (!this.stopped) this.timer = setTimeout(() => (this.ticking = tick()), delay);
    };
    this.ticking = tick();
  }

  /** Stops projecting, waits for a batch in flight to commit, and gives up the lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking?.catch(() => undefined);
    await this.stopFollowing();
    if (this.running) await this.running.catch(() => undefined);
    await this.lease.release();
  }

  /**
   * Resolves true once the read models have reached `position` (a client reading its own write),
   * false after `timeoutMs`. It does not read the log itself: a poller — here or in another
   * instance sharing the store — or a catch-up must be running.
   */
  async waitFor(position: number, timeoutMs = 5_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await this.position()) >= position) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await this.nextCommit(Math.min(left, WAIT_POLL_MS));
    }
  }

  /** Resolves after this instance's next commit, or after `ms`, whichever comes first. */
  private nextCommit(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timeout);
        this.commitListeners.delete(done);
        resolve();
      };
      const timeout = setTimeout(done, ms);
      this.commitListeners.add(done);
    });
  }

  /** Subscribes from the checkpoint, unless a subscription is already running and still valid. */
  private async follow(source: EventSource): Promise<void> {
    if (this.following?.stale) await this.stopFollowing();
    if (this.following || !source.follow) return;
    const through = await this.store.checkpoint();
    const following: Following = { through, stale: false };
    this.following = following;
    following.subscription = source.follow(through, (events) => this.applyPushed(following, events), {
      onDrop: (error) => {
        if (!(error instanceof FollowingStale)) this.onError(error);
      },
    });
  }

  private async stopFollowing(): Promise<void> {
    const following = this.following;
    this.following = undefined;
    await following?.subscription?.stop();
  }

  /**
   * Commits a pushed batch with the checkpoint. A feed resumes after a drop from the last batch it
   * delivered, and another writer may have moved the checkpoint meanwhile: what the read models
   * already hold is skipped, and the fence makes a race lose cleanly and try again.
   */
  private async applyPushed(following: Following, events: RecordedEvent[]): Promise<void> {
    if (!this.lease.held || this.stopped) throw new Error('projector lease lost: the subscription stops applying');
    for (let attempt = 1; ; attempt++) {
      const checkpoint = await this.store.checkpoint();
      if (checkpoint < following.through) {
        // The read models were emptied (a rebuild) behind this subscription's back: events it
        // handed over earlier are gone, so it must start again from the checkpoint.
        following.stale = true;
        throw new FollowingStale(`checkpoint ${checkpoint} is behind ${following.through}`);
      }
      const fresh = events.filter((event) => event.position > checkpoint);
      if (fresh.length === 0) return;
      try {
        following.through = (await this.commit(fresh, checkpoint + 1)).position;
      } catch (error) {
        if (error instanceof CheckpointMoved && attempt < 3) continue;
        throw error;
      }
      this.notifyCommitted();
      return;
    }
  }

  private notifyCommitted(): void {
    for (const listener of [...this.commitListeners]) listener();
  }

  private async runCatchUp(source: EventSource | RebuildSource, options: CatchUpOptions): Promise<number> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const nextPage = 'readPages' in source && source.readPages
      ? (fromPosition: number): Promise<Page> => source.readPages!({ fromPosition, limit: batchSize })
      : (fromPosition: number): Promise<Page> => source.readAll({ fromPosition, limit: batchSize });
    let applied = 0;
    for (;;) {
      const from = (await this.store.checkpoint()) + 1;
      const events = await nextPage(from);
      if (eventsIn(events) === 0) break;
      let committed: Committed;
      try {
        committed = await this.commit(events, from, nextPage, options.pagesPerCommit ?? 1);
      } catch (error) {
        // Someone else committed this stretch of the log first: carry on from where they got to.
        if (error instanceof CheckpointMoved) continue;
        throw error;
      }
      applied += committed.read;
      options.onProgress?.(committed.position, applied);
      this.notifyCommitted();
      if (options.yieldBetweenBatches) {
        await new Promise((resolve) => setImmediate(resolve));
        // A server that is stopping stops projecting at the next batch; the checkpoint says where.
        if (this.stopped) break;
      }
    }
    return applied;
  }

  /**
   * One transaction: the fenced checkpoint and the effects of `events`, then of up to `pages - 1`
   * further pages that `nextPage` reads (a rebuild: few large commits, a page in memory at a time).
   */
  private async commit(
    events: Page,
    from: number,
    nextPage?: (fromPosition: number) => Promise<Page>,
    pages = 1,
  ): Promise<Committed> {
    const committed = await this.store.db.transaction(async (tx) => {
      // First, so that on PostgreSQL the checkpoint row stays locked until this batch commits.
      const fenced = await tx.execute('UPDATE checkpoint SET position = ? WHERE id = 1 AND position = ?', [from - 1, from - 1]);
      if (fenced !== 1) throw new CheckpointMoved(`checkpoint is no longer ${from - 1}`);
      // Before any fact: the summaries' triggers read it (a read of a few hundred rows once per instance).
      if (!this.oldAreasSynced) await syncOldAreas(tx, this.oldAreas);
      let position = from - 1;
      let read = 0;
      for (let page = events, n = 1; eventsIn(page) > 0; page = await nextPage!(position + 1), n++) {
        position = Array.isArray(page) ? await this.apply(tx, page, position) : await this.applyBuilt(tx, page, position);
        read += eventsIn(page);
        if (n >= pages || !nextPage) break;
      }
      if (position !== from - 1) await tx.execute('UPDATE checkpoint SET position = ? WHERE id = 1', [position]);
      return { position, read };
    });
    this.oldAreasSynced = true;
    return committed;
  }

  /**
   * Runs the statements a rebuild's reader built for a page of events (BuiltPage); resolves with the
   * position of the last one. It read the log from the position asked for, so the page follows
   * `position`; one that does not would apply events twice, and is refused.
   */
  private async applyBuilt(tx: SqlRunner, page: BuiltPage, position: number): Promise<number> {
    if (page.first <= position) throw new Error(`a built page starts at ${page.first}, not after ${position}`);
    const statements: SqlStatement[] = new Array(page.ids.length);
    for (let i = 0; i < statements.length; i++) statements[i] = { sql: page.sqls[page.ids[i]!]!, params: page.params[i]! };
    await tx.executeAll(statements);
    return page.last;
  }

  /** Runs the statements of a page of events after `position`; resolves with the position of the last one. */
  private async apply(tx: SqlRunner, events: RecordedEvent[], position: number): Promise<number> {
    const statements: SqlStatement[] = [];
    for (const event of events) {
      // A source that returns an event twice or out of order must not apply it twice.
      if (event.position <= position) continue;
      this.writer.appendStatements(event, statements);
      position = event.position;
    }
    this.writer.appendMarks(statements);
    await tx.executeAll(statements);
    return position;
  }
}

/**
 * Pages a rebuild commits at a time: REBUILD_EVENTS_PER_COMMIT events of the default pages, or
 * REBUILD_PAGES_PER_COMMIT pages of a size the caller chose.
 */
function rebuildPagesPerCommit(batchSize: number | undefined): number {
  return batchSize === undefined ? Math.max(1, Math.round(REBUILD_EVENTS_PER_COMMIT / DEFAULT_BATCH_SIZE)) : REBUILD_PAGES_PER_COMMIT;
}
