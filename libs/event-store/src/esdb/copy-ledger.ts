import {
  KeyAlreadyClaimedError,
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type KeyClaim,
  type LogPosition,
  type NewEvent,
  type RecordedEvent,
} from '../event-store.port.js';
import { computeEventHash, GENESIS_HASH } from '../hash-chain.js';
import { iterateAll } from '../iterate-all.js';

/** A hash that does not verify, or a target that already holds something else: the copy stops. */
export class ChainMismatchError extends Error {
  constructor(
    readonly streamId: string,
    readonly revision: number,
    reason: string,
  ) {
    super(`${streamId}@${revision}: ${reason}`);
    this.name = 'ChainMismatchError';
  }
}

export interface CopyProgress {
  copied: number;
  alreadyPresent: number;
  /** Source position reached, out of `head`. */
  position: LogPosition;
  head: LogPosition;
}

export interface CopySummary {
  copied: number;
  alreadyPresent: number;
  streams: number;
}

export interface CopyOptions {
  batchSize?: number;
  onProgress?: (progress: CopyProgress) => void;
}

/**
 * Copies every event of `source` to `target` in source position order, keeping event ids, types, data,
 * metadata and the command keys they hold. The target computes its own hashes while appending; each must
 * equal the source's, and the source chain is verified on the way, so a copy either reproduces the
 * chain exactly or stops with ChainMismatchError.
 *
 * Each event is appended at its own revision (the previous one as expected revision), so a copy
 * interrupted half-way can simply be run again: events already in the target are recognised by id and
 * hash and skipped. A command key moves with the event that holds it in the source now (a key freed by
 * a reversal and claimed again moves with its current holder).
 */
export async function copyLedger(source: EventStore, target: EventStore, options: CopyOptions = {}): Promise<CopySummary> {
  const head = await source.headPosition();
  const lastHashes = new Map<string, string>();
  let copied = 0;
  let alreadyPresent = 0;
  for await (const page of iterateAll(source, { batchSize: options.batchSize ?? 1000 })) {
    for (const event of page) {
      verifyLink(event, lastHashes.get(event.streamId) ?? GENESIS_HASH, 'source');
      lastHashes.set(event.streamId, event.metadata.hash);
      const key = await source.findKey(event.metadata.commandKey);
      const claim: KeyClaim | undefined = key?.eventId === event.eventId ? { commandKey: key.commandKey, contentHash: key.contentHash } : undefined;
      if (await copyOne(event, claim, target)) copied += 1;
      else alreadyPresent += 1;
    }
    options.onProgress?.({ copied, alreadyPresent, position: page[page.length - 1]!.position, head });
  }
  return { copied, alreadyPresent, streams: lastHashes.size };
}

/** Appends one event; false when the target already held it (an earlier, interrupted copy). */
async function copyOne(event: RecordedEvent, claim: KeyClaim | undefined, target: EventStore): Promise<boolean> {
  try {
    const result = await target.append({
      streamId: event.streamId,
      expectedRevision: event.revision === 0 ? 'no_stream' : event.revision - 1,
      events: [toNewEvent(event)],
      claim,
    });
    const written = result.events[0]!;
    if (written.metadata.hash !== event.metadata.hash) {
      throw new ChainMismatchError(event.streamId, event.revision, `target hash ${written.metadata.hash} differs from source hash ${event.metadata.hash}`);
    }
    return true;
  } catch (error) {
    if (!(error instanceof WrongExpectedRevisionError || error instanceof KeyAlreadyClaimedError)) throw error;
    const [existing] = await target.readStream(event.streamId, { fromRevision: event.revision, limit: 1 });
    if (existing?.eventId === event.eventId && existing.metadata.hash === event.metadata.hash) return false;
    throw new ChainMismatchError(event.streamId, event.revision, `the target already holds ${existing ? `event ${existing.eventId}` : 'a conflicting claim'} there (${error.message})`);
  }
}

/**
 * Reads the whole target log and checks it against the source: the same events, each hash recomputing
 * and chaining, each equal to the source's. Answers how many events were compared.
 */
export async function verifyCopy(source: EventStore, target: EventStore, options: { batchSize?: number } = {}): Promise<number> {
  const lastHashes = new Map<string, string>();
  let compared = 0;
  for await (const page of iterateAll(target, { batchSize: options.batchSize ?? 1000 })) {
    for (const event of page) {
      verifyLink(event, lastHashes.get(event.streamId) ?? GENESIS_HASH, 'target');
      lastHashes.set(event.streamId, event.metadata.hash);
      const original = await source.findEvent(event.eventId);
      if (!original) throw new ChainMismatchError(event.streamId, event.revision, `event ${event.eventId} is in the target but not in the source`);
      if (original.metadata.hash !== event.metadata.hash || original.streamId !== event.streamId || original.revision !== event.revision) {
        throw new ChainMismatchError(event.streamId, event.revision, `event ${event.eventId} differs between source and target`);
      }
      compared += 1;
    }
  }
  let sourceCount = 0;
  for await (const page of iterateAll(source, { batchSize: options.batchSize ?? 1000 })) sourceCount += page.length;
  if (sourceCount !== compared) throw new ChainMismatchError('*', -1, `the source holds ${sourceCount} events, the target ${compared}`);
  return compared;
}

function verifyLink(event: RecordedEvent, expectedPrevHash: string, side: 'source' | 'target'): void {
  if (event.metadata.prevHash !== expectedPrevHash) {
    throw new ChainMismatchError(event.streamId, event.revision, `${side} prevHash ${event.metadata.prevHash} does not link to ${expectedPrevHash}`);
  }
  const recomputed = computeEventHash(event);
  if (recomputed !== event.metadata.hash) {
    throw new ChainMismatchError(event.streamId, event.revision, `${side} hash ${event.metadata.hash} does not recompute (${recomputed})`);
  }
}

function toNewEvent(event: RecordedEvent): NewEvent {
  const { hash: _hash, prevHash: _prevHash, ...metadata } = event.metadata as EventMetadata;
  return { eventId: event.eventId, type: event.type, data: event.data, metadata };
}
