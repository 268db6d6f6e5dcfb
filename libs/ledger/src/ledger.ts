import type { Command } from '#domain';
import { isAppendConflict, KeyAlreadyClaimedError, type EventStore } from '#event-store';
import type { CommandContext, CommandOutcome } from './command-context.js';
import { ConcurrencyExhaustedError } from './errors.js';
import { GroupCommitter } from './group-commit.js';
import { KeyedLock } from './keyed-lock.js';
import { CommandBatch, type BatchListener, type CommandBatchOptions } from './pipeline/command-batch.js';
import { CommandSteps, resultOf, type Decision, type KeyedCommand, type LedgerDependencies } from './pipeline/command-steps.js';
import { StreamStates } from './stream-states.js';
import { offersStreamSizes, warmStreamStates, type WarmUpOptions } from './state-warm-up.js';

export { SCHEMA_VERSION, type LedgerAreas, type LedgerDependencies, type LedgerPaymentsSource } from './pipeline/command-steps.js';
export type { BatchListener, CommandBatch, CommandBatchOptions } from './pipeline/command-batch.js';

const MAX_ATTEMPTS = 8;

/**
 * The write side's one command pipeline: load → decide → append with the expected revision. Every
 * caller records through it: a single command (HTTP routes, the CLI, a payout reconciliation) with
 * `execute`, many at once (the bulk import) with `batch`. Both run the same steps (pipeline/command-steps.ts);
 * they differ only in how they append: a single command joins a group commit and retries on conflict,
 * a batch commits in one transaction and falls back to `execute` command by command on conflict.
 */
export class Ledger {
  readonly states: StreamStates;
  private readonly steps: CommandSteps;
  private readonly lock = new KeyedLock();
  private readonly commits: GroupCommitter;

  constructor(private readonly deps: LedgerDependencies) {
    this.states = new StreamStates(deps.store, deps.stateCacheEvents);
    this.steps = new CommandSteps(deps, this.states);
    this.commits = new GroupCommitter(deps.store);
  }

  get store(): EventStore {
    return this.deps.store;
  }

  /** The group commits of single commands so far, and the appends they carried (a benchmark's figure). */
  get groupCommits(): { groups: number; appends: number } {
    return { ...this.commits.counts };
  }

  /**
   * Loads the likeliest streams' states into the cache (see state-warm-up.ts), so that a fresh
   * server's first command per stream does not read it. A store that does not offer the port's
   * `streamSizesSync` (EventStoreDB) warms nothing. Answers the number of streams loaded.
   */
  async warmStates(options?: WarmUpOptions): Promise<number> {
    return offersStreamSizes(this.deps.store) ? warmStreamStates(this.states, this.deps.store, options) : 0;
  }

  /**
   * Records one command: `created` with its event, or `duplicate` with the event recorded before.
   *
   * The first attempt does not look the command's key up: a new command's key is absent, and the key
   * claim its append makes is the check that counts (it conflicts if the key is held, in the same
   * transaction as the events). Looking it up first cost a read of a random page of `command_keys`
   * on the request thread per command (docs/decisions.md, 'cold commands: the key claim is the
   * check'). Whatever that attempt cannot settle by itself (the claim conflicts, the decision is
   * refused, the stream moved) is decided again the way it always was, key first, so a repeat, a
   * conflicting reuse, a freed key or a key of another area answers exactly as before.
   */
  async execute(command: Command, context: CommandContext): Promise<CommandOutcome> {
    const keyed = this.steps.keyed(command);
    const unchecked = await this.attemptUnchecked(keyed, context);
    if (unchecked !== 'check') return unchecked;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(keyed, context);
      if (outcome !== 'retry') return outcome;
      if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyExhaustedError(keyed.commandKey, attempt);
    }
  }

  /**
   * Records many commands, a batch per transaction: `fill` adds them to the batch it is handed, in
   * order, and each command's fate reaches `listener`. Resolves once every batch is committed.
   */
  async batch<T>(
    context: CommandContext,
    listener: BatchListener<T>,
    options: CommandBatchOptions,
    fill: (batch: CommandBatch<T>) => Promise<void>,
  ): Promise<void> {
    const batch = new CommandBatch<T>(this.steps, (command, each) => this.execute(command, each), context, listener, options);
    try {
      await fill(batch);
      await batch.finish();
    } finally {
      // The batch trusted the store's listing of streams; later commands look every stream up again.
      this.states.distrustExistingStreams();
    }
  }

  /**
   * Decides and appends without looking the key up first; `check` when the command must go the usual
   * way (`attempt`): the decision threw (a refusal may be a repeat's, which the key answers), or the
   * append conflicted (the key is held, or another writer moved the stream). A store that cannot
   * write at all fails the command here as it would there.
   */
  private async attemptUnchecked(keyed: KeyedCommand, context: CommandContext): Promise<CommandOutcome | 'check'> {
    let streamId: string;
    try {
      streamId = await this.steps.streamOf(keyed.command);
    } catch {
      return 'check';
    }
    return this.lock.run(streamId, async () => {
      let decision: Decision;
      try {
        decision = await this.steps.decide(keyed, streamId, context);
      } catch {
        return 'check';
      }
      const appended = await this.commits.submit(this.steps.toAppend(decision, context));
      if (isAppendConflict(appended)) {
        // A held key says nothing against the cached state; a moved stream does.
        if (!(appended instanceof KeyAlreadyClaimedError)) this.states.forget(streamId);
        return 'check';
      }
      this.states.advance(streamId, decision.loaded, appended.events);
      return { status: 'created', result: resultOf(appended.events[appended.events.length - 1]!) } as CommandOutcome;
    });
  }

  private async attempt(keyed: KeyedCommand, context: CommandContext): Promise<CommandOutcome | 'retry'> {
    const known = await this.steps.checkKey(keyed, context.areas);
    if (known.outcome) return known.outcome;
    const streamId = await this.steps.streamOf(keyed.command);
    return this.lock.run(streamId, async () => {
      const decision = await this.steps.decide(keyed, streamId, context, known.releasing);
      const appended = await this.commits.submit(this.steps.toAppend(decision, context));
      if (isAppendConflict(appended)) {
        // Another writer got there first (another process, or the same key): decide again.
        this.states.forget(streamId);
        return 'retry';
      }
      this.states.advance(streamId, decision.loaded, appended.events);
      return { status: 'created', result: resultOf(appended.events[appended.events.length - 1]!) } as CommandOutcome;
    });
  }
}
