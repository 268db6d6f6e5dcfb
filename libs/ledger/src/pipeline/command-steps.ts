import {
  businessDateOf, commandKeyOf, decideCommand, DomainError, interestRatesFrom, scopeCovers, streamIdFor, streams, todayUtc,
  type AreaLookup, type Command, type DomainEvent, type EntryReversed, type InterestRateAnnouncement, type InterestRateLookup, type IsoDate, type ScopedAreas, type StatementLine,
} from '#domain';
import { canonicalJson, type AppendRequest, type EventStore, type KeyRecord, type NewEvent, type RecordedEvent } from '#event-store';
import type { CommandContext, CommandOutcome, CommandResult } from '../command-context.js';
import { AreaNotAllowedError, IdempotencyConflictError } from '../errors.js';
import { contentHashOf, deterministicEventId, newCorrelationId } from '../ids.js';
import type { LoadedStream, StreamStates } from '../stream-states.js';

export const SCHEMA_VERSION = 1;
const DAY_MS = 86_400_000;

/** Where the ledger finds the unreversed payments a reconciliation compares against. */
export type LedgerPaymentsSource = (month: string, areaCode: string) => Promise<StatementLine[]>;

/** Area tables as the ledger needs them: existence on a date, the succession, and a key scope's reach. */
export type LedgerAreas = AreaLookup & ScopedAreas;

export interface LedgerDependencies {
  store: EventStore;
  areas: LedgerAreas;
  ledgerPayments: LedgerPaymentsSource;
  clock?: () => Date;
  /** Capacity of the decision-state cache, in folded events (StreamStates); its default otherwise. */
  stateCacheEvents?: number;
}

/** A command's natural key and the hash of its content, which together make it idempotent. */
export interface KeyedCommand {
  command: Command;
  commandKey: string;
  contentHash: string;
}

/** What the natural key's look-up found: a repeat to answer with, or a reversed fact whose key is free again. */
export interface KeyLookup {
  outcome?: CommandOutcome;
  releasing?: string;
}

/** A command ready to append: what the decision produced and the key it claims. */
export interface Decision extends KeyedCommand {
  streamId: string;
  loaded: LoadedStream;
  events: DomainEvent[];
  /** The reversed event that held this key before, when the command re-uses a freed key. */
  releasing?: string;
}

/**
 * The steps of the one command pipeline, shared by a single command (`Ledger.execute`) and a batch
 * (`CommandBatch`): look the key up, find the stream, decide on its state, check the caller's areas
 * on what was decided, and turn the decision into an append request. Internal to the ledger: callers
 * record commands through the Ledger, never step by step.
 */
export class CommandSteps {
  private readonly clock: () => Date;
  /** Today's date as last formatted, and the UTC day it holds for: formatting it per command showed in an import's profile. */
  private todayText = '';
  private todayStartMs = Number.NaN;
  private recordedAtText = '';
  private recordedAtMs = Number.NaN;

  constructor(
    private readonly deps: LedgerDependencies,
    readonly states: StreamStates,
  ) {
    this.clock = deps.clock ?? (() => new Date());
  }

  get store(): EventStore {
    return this.deps.store;
  }

  keyed(command: Command): KeyedCommand {
    return { command, commandKey: commandKeyOf(command), contentHash: contentHashOf(canonicalJson(command)) };
  }

  /**
   * Looks the natural key up: the same content answers with the original result, other content is
   * a conflict, and a key whose event was reversed is free again (a reversed assessment frees its
   * period), so the command proceeds and re-claims it.
   *
   * A key held by a fact outside the caller's `areas` answers as a forbidden write to that fact's
   * area does, before its content is compared: "duplicate" against "conflict … as event <id>" would
   * tell a clerk whether a guessed amount of another district's receipt was exact.
   */
  async checkKey({ commandKey, contentHash }: KeyedCommand, areas?: readonly string[]): Promise<KeyLookup> {
    const existing = await this.deps.store.findKey(commandKey);
    if (!existing) return {};
    const loaded = await this.states.load(existing.streamId);
    const fact = loaded.state.facts.get(existing.revision);
    if (fact?.reversed === true) return { releasing: existing.eventId };
    if (isScoped(areas)) {
      const areaCode = fact?.areaCode || (await this.areaOfEvent(existing.eventId));
      if (!this.covers(areas, areaCode)) throw new AreaNotAllowedError(areaCode);
    }
    if (existing.contentHash !== contentHash) throw new IdempotencyConflictError(existing);
    const event = await this.deps.store.findEvent(existing.eventId);
    return { outcome: { status: 'duplicate', result: { ...recordResult(existing), type: event?.type ?? '' } } };
  }

  /** Every event names its area; a fact the stream state does not index is read from the log. */
  private async areaOfEvent(eventId: string): Promise<string> {
    const event = await this.deps.store.findEvent(eventId);
    return (event?.data as { areaCode?: string } | undefined)?.areaCode ?? '';
  }

  /**
   * Whether a key limited to `areas` reaches `areaCode` on `date` (a fact without an area: only a key
   * for every area). Dated, a key for an abolished area reaches nothing after 2025-07-01 and a current
   * province its predecessors before; undated (a repeat, whose fact's date the state does not keep),
   * whether it reaches the code on any day.
   */
  private covers(areas: readonly string[], areaCode: string, date?: IsoDate): boolean {
    return areaCode !== '' && areas.some((scope) => scopeCovers(this.deps.areas, scope, areaCode, date));
  }

  /** The stream a command writes to; a reversal goes to the stream of the fact it reverses. */
  async streamOf(command: Command): Promise<string> {
    if (command.command !== 'ReverseEntry') return streamIdFor(command);
    const target = await this.deps.store.findEvent(command.data.eventId);
    if (!target) throw new DomainError('EVENT_NOT_FOUND', `no event ${command.data.eventId} in the ledger`);
    return target.streamId;
  }

  /**
   * Decides on the stream's state and checks the caller's areas on the events decided. Every event
   * names its area, so whatever route or import line the command came from, a key never writes
   * outside its areas.
   */
  async decide(keyed: KeyedCommand, streamId: string, context: CommandContext, releasing?: string): Promise<Decision> {
    const { command } = keyed;
    // A reversal records the reversed fact's global position, which a state folded from a bulk
    // import's uncommitted batch does not know yet: read that stream afresh.
    if (command.command === 'ReverseEntry') this.states.forget(streamId);
    const loaded = await this.states.load(streamId);
    const ledgerPayments = command.command === 'ReconcilePayouts'
      ? await this.deps.ledgerPayments(command.data.month, command.data.areaCode)
      : undefined;
    const interestRates = command.command === 'ChargeLateInterest' ? await this.interestRates() : undefined;
    const events = decideCommand(command, loaded.state, { areas: this.deps.areas, today: this.today(), ledgerPayments, interestRates });
    // Spelt out, not spread from `keyed`: the spread showed as most of what an import allocated per line here.
    const decision: Decision = { command, commandKey: keyed.commandKey, contentHash: keyed.contentHash, streamId, loaded, events, releasing };
    this.authorize(decision, context);
    return decision;
  }

  /** Every unreversed rate announced in `rules-interest`: a close charges with what the ledger holds. */
  private async interestRates(): Promise<InterestRateLookup> {
    const events = await this.deps.store.readStream(streams.rulesInterest());
    const reversed = new Set(events.filter((event) => event.type === 'EntryReversed').map((event) => (event.data as EntryReversed).eventId));
    const announcements = events
      .filter((event) => event.type === 'InterestRateAnnounced' && !reversed.has(event.eventId))
      .map((event) => event.data as InterestRateAnnouncement);
    return interestRatesFrom(announcements);
  }

  private authorize(decision: Decision, context: CommandContext): void {
    const scopes = context.areas;
    if (!isScoped(scopes)) return;
    for (const event of decision.events) {
      // A relocation names the area it leaves too: a key must reach both ends of the move.
      const { areaCode, fromAreaCode } = event.data as { areaCode?: string; fromAreaCode?: string };
      const date = businessDateOf(event);
      for (const code of [fromAreaCode, areaCode]) {
        if (code && !this.covers(scopes, code, date)) throw new AreaNotAllowedError(code);
      }
    }
  }

  /** The clock's instant as ISO text, formatted once per millisecond: formatting showed in an import's profile. */
  private recordedAt(): string {
    const now = this.clock();
    const ms = now.getTime();
    if (ms !== this.recordedAtMs) {
      // An invalid date (NaN) is never equal, so it is formatted, and refused, as before.
      this.recordedAtText = now.toISOString();
      this.recordedAtMs = ms;
    }
    return this.recordedAtText;
  }

  private today(): string {
    const now = this.clock().getTime();
    if (!(now >= this.todayStartMs && now < this.todayStartMs + DAY_MS)) {
      this.todayText = todayUtc(new Date(now));
      this.todayStartMs = Date.parse(`${this.todayText}T00:00:00Z`);
    }
    return this.todayText;
  }

  /**
   * The decision as an append request. `causationId` stands in for the context's (a batch names each
   * command's own without copying its context per command).
   */
  toAppend(decision: Decision, context: CommandContext, causationId?: string): AppendRequest {
    const recordedAt = this.recordedAt();
    const correlationId = context.correlationId ?? newCorrelationId();
    const causation = causationId ?? context.causationId ?? correlationId;
    const events: NewEvent[] = decision.events.map((event, index) => {
      const revision = decision.loaded.revision + 1 + index;
      const eventId = deterministicEventId(decision.streamId, decision.commandKey, revision);
      return { eventId, type: event.type, data: event.data, metadata: metadataOf(eventId, recordedAt, context, correlationId, causation, decision.commandKey) };
    });
    return {
      streamId: decision.streamId,
      expectedRevision: decision.loaded.revision < 0 ? 'no_stream' : decision.loaded.revision,
      events,
      claim: { commandKey: decision.commandKey, contentHash: decision.contentHash, releasing: decision.releasing },
    };
  }
}

/**
 * An event's metadata. `actorName` only where there is one, so that the metadata of CLI and import
 * events keeps its shape; two literals rather than a spread of a conditional object, which showed as
 * a large share of what an import allocated per event.
 */
function metadataOf(eventId: string, recordedAt: string, context: CommandContext, correlationId: string, causationId: string, commandKey: string): NewEvent['metadata'] {
  const { actor, actorName, role, source } = context;
  // Members in sorted order: the store's canonical JSON (the hash) then has nearly nothing to sort.
  if (actorName === undefined) {
    return { actor, causationId, commandKey, correlationId, eventId, recordedAt, role, schemaVersion: SCHEMA_VERSION, source };
  }
  return { actor, actorName, causationId, commandKey, correlationId, eventId, recordedAt, role, schemaVersion: SCHEMA_VERSION, source };
}

/** A caller limited to some areas; undefined (the CLI) and `*` reach every area. */
function isScoped(areas: readonly string[] | undefined): areas is readonly string[] {
  return areas !== undefined && !areas.includes('*');
}

export function resultOf(event: RecordedEvent): CommandResult {
  return { eventId: event.eventId, type: event.type, streamId: event.streamId, revision: event.revision, position: event.position };
}

function recordResult(record: KeyRecord): Omit<CommandResult, 'type'> {
  return { eventId: record.eventId, streamId: record.streamId, revision: record.revision, position: record.position };
}
