import {
  BatchConflictError,
  isAppendConflict,
  KeyAlreadyClaimedError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
  type AppendConflict,
  type AppendOutcome,
  type AppendRequest,
  type AppendResult,
  type EventMetadata,
  type ExpectedRevision,
  type KeyRecord,
  type RecordedEvent,
  type StateSnapshot,
  type StreamRevision,
} from '../event-store.port.js';
import { withPrevHash } from './prev-hash.js';

/**
 * What the writer thread (sqlite-writer.worker.ts) and the store's side of it (writer-thread.ts) say
 * to each other. Requests cross as they are (structured clone); answers cross in a compact form, as
 * the caller already holds the events it asked to append: the thread only tells what the store
 * added to them, and the caller's side rebuilds the same AppendResult the in-thread append gives.
 */
/**
 * A single append travels as an appendEach of one: the same transaction, its conflict answered, not
 * thrown. `snapshots` writes decision-state snapshots alone (no requests), answered with no outcomes.
 */
export type WriteKind = 'appendMany' | 'appendEach' | 'snapshots';

export interface WriteJob {
  id: number;
  kind: WriteKind;
  requests: readonly AppendRequest[];
  /** Snapshots written in the job's transaction, before its COMMIT (SqliteEventStore.saveSnapshots). */
  snapshots?: readonly StateSnapshot[];
}

/** What the store added to a request's events: the head it left, and each event's hash in order. */
export interface SealedAppend {
  revision: StreamRevision;
  position: number;
  /** The stream's last hash before the append: the first event's prevHash. */
  prevHash: string;
  hashes: string[];
}

export type Conflict =
  | { conflict: 'revision'; streamId: string; expected: ExpectedRevision; actual: StreamRevision | 'no_stream' }
  | { conflict: 'key'; existing: KeyRecord };

export type SealedOutcome = SealedAppend | Conflict;

/** An error that refused the whole job, in a form that survives the crossing. */
export type FailedWrite =
  | { failure: 'batch-conflict'; index: number; cause: Conflict }
  | { failure: 'conflict'; cause: Conflict }
  | { failure: 'unavailable'; message: string; code?: string }
  | { failure: 'other'; name: string; message: string; code?: string; stack?: string };

export type WriteAnswer = { id: number; outcomes: SealedOutcome[] } | { id: number; failed: FailedWrite };

// ---- on the writer thread ----

export function toSealedOutcome(outcome: AppendOutcome): SealedOutcome {
  if (isAppendConflict(outcome)) return toConflict(outcome);
  const { events } = outcome;
  return {
    revision: outcome.revision,
    position: outcome.position,
    prevHash: events.length > 0 ? events[0]!.metadata.prevHash : '',
    hashes: events.map((event) => event.metadata.hash),
  };
}

export function toFailedWrite(error: unknown): FailedWrite {
  if (error instanceof BatchConflictError) return { failure: 'batch-conflict', index: error.index, cause: toConflict(error.cause) };
  if (isAppendConflict(error)) return { failure: 'conflict', cause: toConflict(error) };
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof StoreUnavailableError) {
    const causeCode = (error.cause as { code?: unknown } | undefined)?.code;
    return { failure: 'unavailable', message: error.message, code: typeof causeCode === 'string' ? causeCode : undefined };
  }
  const { name, message, stack } = error instanceof Error ? error : { name: 'Error', message: String(error), stack: undefined };
  return { failure: 'other', name, message, code: typeof code === 'string' ? code : undefined, stack };
}

function toConflict(error: AppendConflict): Conflict {
  return error instanceof WrongExpectedRevisionError
    ? { conflict: 'revision', streamId: error.streamId, expected: error.expected, actual: error.actual }
    : { conflict: 'key', existing: error.existing };
}

// ---- on the caller's side ----

/** The AppendResult (or conflict) the in-thread append would have answered for `request`. */
export function fromSealedOutcome(request: AppendRequest, outcome: SealedOutcome): AppendOutcome {
  if ('conflict' in outcome) return fromConflict(outcome);
  const { streamId, events } = request;
  const count = events.length;
  const recorded: RecordedEvent[] = new Array(count);
  let prevHash = outcome.prevHash;
  for (let i = 0; i < count; i++) {
    const event = events[i]!;
    const metadata: EventMetadata = withPrevHash(event.metadata, prevHash);
    metadata.hash = outcome.hashes[i]!;
    prevHash = metadata.hash;
    // One request's events are inserted one after the other while its transaction holds the file's
    // write lock, so their revisions and positions are consecutive up to the last ones.
    const back = count - 1 - i;
    recorded[i] = { eventId: event.eventId, type: event.type, streamId, revision: outcome.revision - back, position: outcome.position - back, data: event.data, metadata };
  }
  return { streamId, revision: outcome.revision, position: outcome.position, events: recorded };
}

export function fromSealedResult(request: AppendRequest, outcome: SealedOutcome): AppendResult {
  const result = fromSealedOutcome(request, outcome);
  // append and appendMany throw their conflicts; only appendEach answers them.
  if (result instanceof Error) throw result;
  return result;
}

export function fromFailedWrite(failed: FailedWrite): Error {
  switch (failed.failure) {
    case 'batch-conflict':
      return new BatchConflictError(failed.index, fromConflict(failed.cause));
    case 'conflict':
      return fromConflict(failed.cause);
    case 'unavailable': {
      const error = new StoreUnavailableError(failed.message);
      if (failed.code !== undefined) (error as { cause?: unknown }).cause = { code: failed.code };
      return error;
    }
    default: {
      const error = failed.name === 'TypeError' ? new TypeError(failed.message) : new Error(failed.message);
      if (failed.name !== error.name) error.name = failed.name;
      if (failed.code !== undefined) (error as { code?: string }).code = failed.code;
      if (failed.stack !== undefined) error.stack = failed.stack;
      return error;
    }
  }
}

function fromConflict(conflict: Conflict): AppendConflict {
  return conflict.conflict === 'revision'
    ? new WrongExpectedRevisionError(conflict.streamId, conflict.expected, conflict.actual)
    : new KeyAlreadyClaimedError(conflict.existing);
}
