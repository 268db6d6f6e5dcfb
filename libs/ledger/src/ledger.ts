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
    const first = await this.attempt(keyed, context, 'unchecked');
    if (first !== 'again') return first;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(keyed, context, 'key first');
      if (outcome !== 'again') return outcome;
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
   * Decides and appends; `again` when the command must be tried again, key first. `unchecked` does
   * not look the key up: when the decision throws (a refusal may be a repeat's, which the key answers)
   * or the append conflicts (the key is held, or another writer moved the stream), it answers `again`
   * instead. `key first` answers a known key from the key, and `again` only when another writer got
   * to the stream first. A store that cannot write at all fails the command either way.
   */
  private async attempt(keyed: KeyedCommand, context: CommandContext, mode: 'unchecked' | 'key first'): Promise<CommandOutcome | 'again'> {
    const unchecked = mode === 'unchecked';
    let releasing: string | undefined;
    if (!unchecked) {
      const known = await this.steps.checkKey(keyed, context.areas);
      if (known.outcome) return known.outcome;
      releasing = known.releasing;
    }
    const orAgain = async <T>(step: () => Promise<T>): Promise<T | 'again'> => {
      if (!unchecked) return step();
      try {
        return await step();
      } catch {
        return 'again';
      }
    };
    const streamId = await orAgain(() => this.steps.streamOf(keyed.command));
    if (streamId === 'again') return 'again';
    return this.lock.run(streamId, async () => {
      const decision = await orAgain(() => this.steps.decide(keyed, streamId, context, releasing));
      if (decision === 'again') return 'again';
      const appended = await this.commits.submit(this.steps.toAppend(decision, context));
      if (isAppendConflict(appended)) {
        // A held key says nothing against the cached state; a moved stream (or any conflict of a
        // command whose key was looked up: another writer got there first) does.
        if (!(unchecked && appended instanceof KeyAlreadyClaimedError)) this.states.forget(streamId);
        return 'again';
      }
      this.states.advance(streamId, decision.loaded, appended.events);
      return { status: 'created', result: resultOf(appended.events[appended.events.length - 1]!) } as CommandOutcome;
    });
  }
}
