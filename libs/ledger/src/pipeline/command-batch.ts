import { streamIdFor, type Command } from '#domain';
import { BatchConflictError, type AppendRequest, type AppendResult, type EventStore } from '#event-store';
import type { CommandContext, CommandOutcome } from '../command-context.js';
import { isRefusal } from '../errors.js';
import { offersStreamSizes } from '../state-warm-up.js';
import { ClaimedKeys } from './claimed-keys.js';
import type { CommandSteps, Decision, KeyLookup } from './command-steps.js';
import { IMPORT_BATCH_COMMANDS } from '#runtime/tunables';

/** What becomes of each command of a batch, told as soon as it is known; `T` tags a command (an import's line number). */
export interface BatchListener<T> {
  /** Recorded: its events and the position of the last. */
  recorded(tag: T, events: number, lastPosition: number): void;
  /** Recorded before (or earlier in the batch) with the same content: nothing new. */
  duplicate(tag: T): void;
  /** Refused by a rule, a key held with other content, or the caller's areas: nothing recorded. */
  refused(tag: T, code: string, message: string): void;
  /** A batch's commit was settled (or replayed): the moment to report progress. */
  settled?(): void;
}

export interface CommandBatchOptions {
  /** Commands per transaction: one durable commit carries the whole batch. */
  batchSize?: number;
}

interface Pending<T> {
  tag: T;
  command: Command;
  /** The command's events as they will be appended: ids, metadata and expected revision fixed at decision time. */
  request: AppendRequest;
}

/** A batch whose commit has been started and not yet awaited. */
interface Committing<T> {
  batch: Pending<T>[];
  results: Promise<AppendResult[]>;
}

/** A key the store cannot hold: nothing to answer with, nothing released. */
const NOTHING_KNOWN: KeyLookup = Object.freeze({});

/** What a provisionally folded event carries as metadata: folding reads none, so all share one. */
const NO_METADATA = Object.freeze({}) as never;

/** A store holding at most this many events has its command keys read at the start of a batch (its seed facts). */
const KEYS_READ_MAX_EVENTS = 10_000;

/**
 * The command pipeline for many commands at once (the bulk import): commands are decided in the
 * order given, against states that include the batch's earlier commands, and each batch is committed
 * in one transaction (`appendMany`). If another writer changed a stream meanwhile, the batch is
 * replayed command by command through the single-command path (`execute`), so nothing is lost or
 * doubled.
 *
 * One batch commits while the next is decided (a store with a writer thread writes it meanwhile):
 * the states the next batch is decided on already hold the committing one. Should that commit
 * conflict, the batch decided on top of it is replayed command by command as well.
 *
 * Made and finished by `Ledger.batch`, which hands it to the caller to add commands to.
 */
export class CommandBatch<T> {
  private pending: Pending<T>[] = [];
  /** Keys decided in the pending batch, so a command repeated inside one batch counts as a duplicate. */
  private pendingKeys = new Map<string, string>();
  /**
   * Set when the store held no events as the batch began: then every key in it was claimed by this
   * batch, so a key not among these is not looked up. Dropped on a conflict with another writer
   * (whose keys the store has), after which every key is looked up.
   */
  private claimedKeys?: ClaimedKeys;
  /** The reading of a small store's keys into `claimedKeys` (see trustTheStore), awaited by the first command. */
  private trusting?: Promise<void>;
  private committing: Committing<T> | undefined;
  /** The committing batch's keys: the store cannot answer for them before its commit. */
  private committingKeys = new Map<string, string>();
  private readonly batchSize: number;

  constructor(
    private readonly steps: CommandSteps,
    private readonly execute: (command: Command, context: CommandContext) => Promise<CommandOutcome>,
    private readonly context: CommandContext,
    private readonly listener: BatchListener<T>,
    options: CommandBatchOptions = {},
  ) {
    this.batchSize = options.batchSize ?? IMPORT_BATCH_COMMANDS;
    this.trustTheStore();
  }

  /**
   * Streams and keys the store does not hold are not looked up: the store's streams are listed once
   * (where the store offers `streamSizesSync`), and a store with no streams holds no keys. A store
   * that holds only a few events (a new ledger holds its seed facts, so `socai import` into a fresh
   * directory never saw an empty store) has its keys read from those events' metadata. Another
   * writer's stream or key, or a key these events did not name, shows up as a conflict of the batch,
   * which then replays command by command: trusting the store never changes an outcome.
   */
  private trustTheStore(): void {
    const store = this.steps.store;
    if (!offersStreamSizes(store)) return;
    const streams = store.streamSizesSync();
    this.steps.states.trustExistingStreams(streams.map((stream) => stream.streamId));
    const events = streams.reduce((sum, stream) => sum + stream.events, 0);
    if (events === 0) this.claimedKeys = new ClaimedKeys();
    // A failed read only means that every key is looked up, as before (the look-up reports the store's failure).
    else if (events <= KEYS_READ_MAX_EVENTS) this.trusting = this.claimKeysOf(store, events).catch(() => undefined);
  }

  /** Every command key the store's few events name; none trusted if one event names none. */
  private async claimKeysOf(store: EventStore, events: number): Promise<void> {
    const recorded = await store.readAll({ fromPosition: 1, limit: events + 1 });
    const keys = new ClaimedKeys();
    for (const event of recorded) {
      const commandKey = (event.metadata as { commandKey?: unknown }).commandKey;
      if (typeof commandKey !== 'string') return;
      keys.add(commandKey);
    }
    this.claimedKeys = keys;
  }

  /** Decides one command into the pending batch, and starts the batch's commit once it is full. */
  async add(tag: T, command: Command): Promise<void> {
    if (this.trusting) {
      await this.trusting;
      this.trusting = undefined;
    }
    // Reversals and reconciliations look at recorded events, so the batch before them is committed first.
    if (command.command === 'ReverseEntry' || command.command === 'ReconcilePayouts') await this.flushAndSettle();
    try {
      await this.decide(tag, command);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      this.listener.refused(tag, error.code, error.message);
    }
    if (this.pending.length >= this.batchSize) await this.flush();
  }

  /** Commits what is pending and waits for every commit (`Ledger.batch` calls it after the last command). */
  async finish(): Promise<void> {
    await this.flushAndSettle();
  }

  private async decide(tag: T, command: Command): Promise<void> {
    const keyed = this.steps.keyed(command);
    const { commandKey, contentHash } = keyed;
    const pendingHash = this.pendingKeys.get(commandKey) ?? this.committingKeys.get(commandKey);
    if (pendingHash !== undefined) {
      if (pendingHash !== contentHash) {
        return this.listener.refused(tag, 'IDEMPOTENCY_CONFLICT', `${commandKey} appears earlier in this batch with different content`);
      }
      return this.listener.duplicate(tag);
    }
    const known = this.claimedKeys === undefined || this.claimedKeys.mayHold(commandKey)
      ? await this.steps.checkKey(keyed, this.context.areas)
      : NOTHING_KNOWN;
    if (known.outcome) return this.listener.duplicate(tag);
    // Only a reversal's stream is looked up (in the store); any other command names its own, without an await.
    const streamId = command.command === 'ReverseEntry' ? await this.steps.streamOf(command) : streamIdFor(command);
    const decision = await this.steps.decide(keyed, streamId, this.context, known.releasing);
    const request = this.steps.toAppend(decision, this.context, `${this.context.correlationId}:${commandKey}`);
    // Later commands of the batch must see this one's effect: fold it in provisionally.
    this.pending.push({ tag, command, request });
    this.pendingKeys.set(commandKey, contentHash);
    this.claimedKeys?.add(commandKey);
    this.provisionallyAdvance(decision, request);
  }

  /**
   * Folds a decided command into its stream's cached state before it is committed, with the event ids
   * of its append request (derived once, there); only its global position is unknown until the
   * commit (reversals, the one decision that reads positions, reload their stream first).
   */
  private provisionallyAdvance(decision: Decision, request: AppendRequest): void {
    const events = request.events.map((event, index) => ({
      eventId: event.eventId,
      type: event.type,
      streamId: decision.streamId,
      revision: decision.loaded.revision + 1 + index,
      position: 0,
      data: event.data,
      metadata: NO_METADATA,
    }));
    this.steps.states.advance(decision.streamId, decision.loaded, events);
  }

  /** Starts the pending batch's commit, once the one before it has settled. */
  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    const keys = this.pendingKeys;
    this.pending = [];
    this.pendingKeys = new Map();
    if (await this.settle()) {
      // Decided on the states of a batch that did not commit as decided: each command again, afresh.
      await this.replayOneByOne(batch);
      this.listener.settled?.();
      return;
    }
    const results = this.steps.store.appendMany(batch.map((pending) => pending.request));
    // Awaited by the next settle; until then a rejection is not "unhandled".
    results.catch(() => undefined);
    this.committing = { batch, results };
    this.committingKeys = keys;
  }

  private async flushAndSettle(): Promise<void> {
    await this.flush();
    await this.settle();
  }

  /** Awaits the batch being committed and counts it; answers whether it conflicted (and was replayed). */
  private async settle(): Promise<boolean> {
    const committing = this.committing;
    if (!committing) return false;
    this.committing = undefined;
    let conflicted = false;
    try {
      const results = await committing.results;
      results.forEach((result, index) => this.listener.recorded(committing.batch[index]!.tag, result.events.length, result.position));
      this.steps.states.settled(results);
      // The cached states already hold the batch (with its real event ids), so they stay valid.
    } catch (error) {
      if (!(error instanceof BatchConflictError)) throw error;
      // Another writer is at work: its streams and keys are in the store, so every one is read again.
      conflicted = true;
      this.claimedKeys = undefined;
      this.steps.states.clear();
      await this.replayOneByOne(committing.batch);
    } finally {
      this.committingKeys = new Map();
    }
    this.listener.settled?.();
    return conflicted;
  }

  private async replayOneByOne(batch: Pending<T>[]): Promise<void> {
    for (const { tag, command } of batch) {
      try {
        const outcome = await this.execute(command, this.context);
        if (outcome.status === 'created') this.listener.recorded(tag, 1, outcome.result.position);
        else this.listener.duplicate(tag);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        this.listener.refused(tag, error.code, error.message);
      }
    }
  }
}
