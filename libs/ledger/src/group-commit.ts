import type { AppendOutcome, AppendRequest, EventStore } from '#event-store';
import { GROUP_COMMIT_MAX_APPENDS } from '#runtime/tunables';

interface Waiting {
  request: AppendRequest;
  resolve: (outcome: AppendOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: appends that arrive while a commit is being written wait and go together in the
 * next one, so concurrent commands share one durable fsync instead of queueing for one each.
 * Each request stays atomic on its own (the store's `appendEach`), so one conflict refuses only
 * its command. A lone command is committed at the next turn of the event loop, without delay.
 *
 * At most one commit is in flight. Where the store writes on a thread of its own (the SQLite
 * store's writer thread), the event loop keeps taking requests meanwhile, and the next group
 * gathers while this one is written; only the commands a group carries wait for its fsync.
 */
export class GroupCommitter {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly store: EventStore,
    private readonly maxGroup = GROUP_COMMIT_MAX_APPENDS,
  ) {}

  submit(request: AppendRequest): Promise<AppendOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.commit());
      }
    });
  }

  private async commit(): Promise<void> {
    const group = this.waiting.splice(0, this.maxGroup);
    try {
      const outcomes = await this.store.appendEach(group.map(({ request }) => request));
      group.forEach(({ resolve }, index) => resolve(outcomes[index]!));
    } catch (error) {
      // The store could not write at all (disk full, locked): every command of the group fails.
      for (const { reject } of group) reject(error);
    } finally {
      this.scheduled = this.waiting.length > 0;
      if (this.scheduled) setImmediate(() => void this.commit());
    }
  }
}
