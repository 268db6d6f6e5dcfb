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
 * its command. Every caller is answered after its own group's commit has returned.
 *
 * At most one commit is in flight. Where the store writes on a thread of its own (the SQLite
 * store's writer thread), the event loop keeps deciding commands meanwhile, and the next group
 * gathers while this one is written. Two rules keep both threads busy (docs/decisions.md, 'cold
 * commands: a pipelined group commit'):
 * - a commit that returns hands the next group to the store before its own callers resume, so they
 *   decide their next commands while it is written;
 * - the callers in circulation are split in two halves that alternate: when no commit is in flight,
 *   one starts as soon as half of the callers of the last two groups wait, or at the next turn of
 *   the event loop, whichever comes first. Without it, 32 callers whose commands read the store
 *   synchronously all decided, then all waited for one commit of 32, and each thread idled while
 *   the other worked.
 * A lone command (nothing else in circulation) is committed at once.
 */
export class GroupCommitter {
  private waiting: Waiting[] = [];
  /** A commit is being written. */
  private committing = false;
  /** A commit is due at the next turn of the event loop. */
  private scheduled = false;
  /** Waiting appends that start a commit at once while none is in flight; the first group gathers for a turn. */
  private startAt = Infinity;
  /** Commits written and the appends they carried, for the benchmarks (`Ledger.groupCommits`). */
  readonly counts = { groups: 0, appends: 0 };

  constructor(
    private readonly store: EventStore,
    private readonly maxGroup = GROUP_COMMIT_MAX_APPENDS,
  ) {}

  submit(request: AppendRequest): Promise<AppendOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      // While a commit is written, the appends wait for it to return (`write` starts the next group).
      if (this.committing) return;
      if (this.waiting.length >= this.startAt) this.start();
      else this.startAtNextTurn();
    });
  }

  private startAtNextTurn(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.committing) this.start();
    });
  }

  private start(): void {
    if (this.waiting.length === 0) return;
    const group = this.waiting.splice(0, this.maxGroup);
    this.committing = true;
    this.counts.groups++;
    this.counts.appends += group.length;
    void this.write(group);
  }

  private async write(group: Waiting[]): Promise<void> {
    let outcomes: AppendOutcome[] | undefined;
    let failure: unknown;
    try {
      outcomes = await this.store.appendEach(group.map(({ request }) => request));
    } catch (error) {
      // The store could not write at all (disk full, locked): every command of the group fails.
      failure = error;
    }
    this.committing = false;
    // Half of the callers now in circulation (those waiting and this group's, about to resume).
    this.startAt = Math.max(1, Math.ceil((this.waiting.length + group.length) / 2));
    if (this.waiting.length >= this.startAt) this.start();
    else if (this.waiting.length > 0) this.startAtNextTurn();
    if (outcomes) group.forEach(({ resolve }, index) => resolve(outcomes[index]!));
    else for (const { reject } of group) reject(failure);
  }
}
