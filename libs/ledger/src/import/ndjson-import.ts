import { commandKeyOf, DomainError, type Command } from '#domain';
import { BatchConflictError, canonicalJson, type AppendRequest, type AppendResult } from '#event-store';
import type { CommandContext } from '../command-context.js';
import { AreaNotAllowedError, IdempotencyConflictError } from '../errors.js';
import { contentHashOf, newCorrelationId } from '../ids.js';
import type { Decision, Ledger } from '../ledger.js';
import { offersStreamSizes } from '../state-warm-up.js';
import { DEFAULT_JSON_SHAPE_LIMITS, jsonShapeError, quoteLooseNumbers, validateCommand, type JsonShapeLimits } from '../validation/index.js';
import { ClaimedKeys } from './claimed-keys.js';
import { MAX_REPORTED_REFUSALS, type ImportSummary, type RefusedLine } from './import-report.js';
import { OverlongLine } from './ndjson-lines.js';

export interface ImportOptions {
  /** Commands per transaction: one durable commit carries the whole batch. */
  batchSize?: number;
  onProgress?: (summary: ImportSummary) => void;
  /** Bounds on a line's keys and nesting, checked before validation (a line past them is refused). */
  jsonLimits?: JsonShapeLimits;
}

interface PendingLine {
  line: number;
  command: Command;
  /** The line's events as they will be appended: ids, metadata and expected revision fixed at decision time. */
  request: AppendRequest;
}

/** A batch whose commit has been started and not yet awaited. */
interface Committing {
  batch: PendingLine[];
  results: Promise<AppendResult[]>;
}

/**
 * Records an NDJSON file of commands (`{"command": ..., "data": {...}}` per line) in batches.
 * Lines are decided in file order against states that include the batch's earlier lines; the batch
 * is committed in one transaction. If another writer changed a stream meanwhile, the batch is
 * replayed line by line through the ordinary command path, so nothing is lost or doubled.
 *
 * One batch commits while the next is decided (a store with a writer thread writes it meanwhile):
 * the states the next batch is decided on already hold the committing one. Should that commit
 * conflict, the batch decided on top of it is replayed line by line as well.
 */
export class NdjsonImport {
  private readonly summary: ImportSummary = {
    recorded: 0, duplicates: 0, refused: 0, refusals: [], lines: 0, events: 0, seconds: 0, eventsPerSecond: 0, lastPosition: 0,
  };
  private pending: PendingLine[] = [];
  /** Keys decided in the pending batch, so a line repeated inside one batch counts as a duplicate. */
  private pendingKeys = new Map<string, string>();
  /**
   * Set when the store held no events as the import began: then every key in it was claimed by this
   * import, so a key not among these is not looked up. Dropped on a conflict with another writer
   * (whose keys the store has), after which every key is looked up.
   */
  private claimedKeys?: ClaimedKeys;
  private committing: Committing | undefined;
  /** The committing batch's keys: the store cannot answer for them before its commit. */
  private committingKeys = new Map<string, string>();
  private readonly started = process.hrtime.bigint();
  private readonly context: CommandContext;

  constructor(
    private readonly ledger: Ledger,
    context: Omit<CommandContext, 'source'> & { source?: CommandContext['source'] },
    private readonly options: ImportOptions = {},
  ) {
    this.context = { ...context, source: context.source ?? 'import', correlationId: context.correlationId ?? newCorrelationId() };
  }

  /** `lines` as `ndjsonLines` gives them: a line too long to read is refused by its number. */
  async run(lines: AsyncIterable<string | OverlongLine> | Iterable<string | OverlongLine>): Promise<ImportSummary> {
    this.trustTheStore();
    try {
      for await (const text of lines) {
        this.summary.lines++;
        if (text instanceof OverlongLine) {
          this.refuse({ line: this.summary.lines, code: 'LINE_TOO_LONG', message: text.describe() });
          continue;
        }
        if (text.trim() === '') continue;
        await this.take(this.summary.lines, text);
        if (this.pending.length >= (this.options.batchSize ?? 1_000)) await this.flush();
      }
      await this.flushAndSettle();
    } finally {
      this.ledger.states.distrustExistingStreams();
    }
    return this.finish();
  }

  /**
   * Streams and keys the store does not hold are not looked up: the store's streams are listed once
   * (SQLite keeps them in one table), and a store with no streams holds no keys. Another writer's
   * stream or key shows up as a conflict of the batch, which then replays through the ordinary path.
   */
  private trustTheStore(): void {
    const store = this.ledger.store;
    if (!offersStreamSizes(store)) return;
    const streams = store.streamSizesSync();
    this.ledger.states.trustExistingStreams(streams.map((stream) => stream.streamId));
    if (streams.length === 0) this.claimedKeys = new ClaimedKeys();
  }

  private async take(line: number, text: string): Promise<void> {
    // Before parsing and validation: the libraries are quadratic in an object's keys and recurse per level.
    const shape = jsonShapeError(text, this.options.jsonLimits ?? DEFAULT_JSON_SHAPE_LIMITS, 'line');
    if (shape) return this.refuse({ line, code: 'VALIDATION_FAILED', message: `${shape.field}: ${shape.message}`, errors: [shape] });
    let parsed: { command?: unknown; data?: unknown };
    try {
      parsed = JSON.parse(quoteLooseNumbers(text));
    } catch {
      return this.refuse({ line, code: 'INVALID_JSON', message: 'the line is not valid JSON' });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return this.refuse({ line, code: 'VALIDATION_FAILED', message: 'a line must be {"command": ..., "data": {...}}' });
    }
    // A field beside command and data is refused as one inside data is: it would be silently lost.
    const unknown = Object.keys(parsed).filter((field) => field !== 'command' && field !== 'data');
    if (unknown.length > 0) {
      const errors = unknown.slice(0, 10).map((field) => ({ field, message: 'is not allowed on an import line (only "command" and "data")' }));
      return this.refuse({ line, code: 'VALIDATION_FAILED', message: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors });
    }
    // Not String(): a command of [{"toString": null}] throws from it (a 500 that lost the request).
    const validated = validateCommand(typeof parsed.command === 'string' ? parsed.command : '', parsed.data);
    if (!validated.ok) {
      return this.refuse({ line, code: 'VALIDATION_FAILED', message: validated.errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors: validated.errors });
    }
    const command = validated.command;
    // Reversals and reconciliations look at recorded events, so the batch before them is committed first.
    if (command.command === 'ReverseEntry' || command.command === 'ReconcilePayouts') await this.flushAndSettle();
    try {
      await this.decideLine(line, command);
    } catch (error) {
      if (error instanceof DomainError) return this.refuse({ line, code: error.code, message: error.message });
      if (error instanceof IdempotencyConflictError || error instanceof AreaNotAllowedError) {
        return this.refuse({ line, code: error.code, message: error.message });
      }
      throw error;
    }
  }

  private async decideLine(line: number, command: Command): Promise<void> {
    const commandKey = commandKeyOf(command);
    const contentHash = contentHashOf(canonicalJson(command));
    const pendingHash = this.pendingKeys.get(commandKey) ?? this.committingKeys.get(commandKey);
    if (pendingHash !== undefined) {
      if (pendingHash !== contentHash) {
        return this.refuse({ line, code: 'IDEMPOTENCY_CONFLICT', message: `${commandKey} appears earlier in this batch with different content` });
      }
      this.summary.duplicates++;
      return;
    }
    const known = this.claimedKeys === undefined || this.claimedKeys.mayHold(commandKey)
      ? await this.ledger.checkKey(commandKey, contentHash, this.context.areas)
      : {};
    if (known.outcome) {
      this.summary.duplicates++;
      return;
    }
    const streamId = await this.ledger.streamOf(command);
    const decision = await this.ledger.decide(command, commandKey, contentHash, streamId, known.releasing);
    this.ledger.authorize(decision, this.context);
    const request = this.ledger.toAppend(decision, { ...this.context, causationId: `${this.context.correlationId}:${commandKey}` });
    // Later lines of the batch must see this line's effect: fold it in provisionally.
    this.pending.push({ line, command, request });
    this.pendingKeys.set(commandKey, contentHash);
    this.claimedKeys?.add(commandKey);
    this.provisionallyAdvance(decision, request);
  }

  /**
   * Folds a decided line into its stream's cached state before it is committed, with the event ids
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
      metadata: {} as never,
    }));
    this.ledger.states.advance(decision.streamId, decision.loaded, events);
  }

  /** Starts the pending batch's commit, once the one before it has settled. */
  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    const keys = this.pendingKeys;
    this.pending = [];
    this.pendingKeys = new Map();
    if (await this.settle()) {
      // Decided on the states of a batch that did not commit as decided: each line again, afresh.
      await this.replayOneByOne(batch);
      this.options.onProgress?.(this.snapshot());
      return;
    }
    const results = this.ledger.store.appendMany(batch.map((pending) => pending.request));
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
      this.summary.recorded += committing.batch.length;
      for (const result of results) {
        this.summary.events += result.events.length;
        this.summary.lastPosition = Math.max(this.summary.lastPosition, result.position);
      }
      // The cached states already hold the batch (with its real event ids), so they stay valid.
    } catch (error) {
      if (!(error instanceof BatchConflictError)) throw error;
      // Another writer is at work: its streams and keys are in the store, so every one is read again.
      conflicted = true;
      this.claimedKeys = undefined;
      this.ledger.states.clear();
      await this.replayOneByOne(committing.batch);
    } finally {
      this.committingKeys = new Map();
    }
    this.options.onProgress?.(this.snapshot());
    return conflicted;
  }

  private async replayOneByOne(batch: PendingLine[]): Promise<void> {
    for (const { line, command } of batch) {
      try {
        const outcome = await this.ledger.execute(command, this.context);
        if (outcome.status === 'created') {
          this.summary.recorded++;
          this.summary.events++;
          this.summary.lastPosition = Math.max(this.summary.lastPosition, outcome.result.position);
        } else {
          this.summary.duplicates++;
        }
      } catch (error) {
        if (error instanceof DomainError || error instanceof IdempotencyConflictError || error instanceof AreaNotAllowedError) {
          this.refuse({ line, code: error.code, message: error.message });
        } else {
          throw error;
        }
      }
    }
  }

  private refuse(refusal: RefusedLine): void {
    this.summary.refused++;
    if (this.summary.refusals.length < MAX_REPORTED_REFUSALS) this.summary.refusals.push(refusal);
  }

  private snapshot(): ImportSummary {
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    return { ...this.summary, seconds, eventsPerSecond: seconds > 0 ? Math.round(this.summary.events / seconds) : 0 };
  }

  private finish(): ImportSummary {
    return this.snapshot();
  }
}
