import type { KeyRecord, LogPosition } from '../event-store.port.js';

/**
 * Command-key claims on EventStoreDB. SQLite writes a claim and its events in one transaction; EventStoreDB
 * commits one stream per append, so a claim lives in a stream of its own (`socai-key-<sha256(key)>`) and
 * is written BEFORE the events, with an exact expected revision of that key stream: of two writers that
 * race for a key, exactly one claim lands. The two appends are not atomic, so a claim is only a promise
 * until the event it names exists at the stream and revision it names. Reading a claim therefore checks
 * that event ("probing"):
 *
 *  - live: the named event is there → the claim holds;
 *  - dead: another event took that stream revision (the append lost a race, or was withdrawn) → ignore
 *    the claim and look at the one below it, which it would have released;
 *  - pending: nothing is at that revision yet → the append is in flight, or its writer died. A retry of
 *    the same command carries the same deterministic event id and simply proceeds (the server
 *    deduplicates its events); anyone else is told to retry later, until the lease runs out, after
 *    which the claim counts as abandoned.
 *
 * When the event append fails, the writer also appends a withdrawal so the key frees at once.
 */
export interface ClaimRecord {
  kind: 'claimed';
  commandKey: string;
  contentHash: string;
  eventId: string;
  streamId: string;
  revision: number;
  /** When the server recorded the claim (ms since the epoch), for the lease. */
  claimedAt: number;
}

export interface WithdrawalRecord {
  kind: 'withdrawn';
  eventId: string;
}

export type KeyStreamRecord = ClaimRecord | WithdrawalRecord;

export type ProbeResult = { state: 'live'; position: LogPosition } | { state: 'dead' } | { state: 'pending' };

export type Holder =
  | { state: 'held'; record: KeyRecord }
  | { state: 'pending'; claim: ClaimRecord }
  | { state: 'free' };

/** A claim that has not shown its event after this long is abandoned (its writer died mid-append). */
export const DEFAULT_CLAIM_LEASE_MS = 60_000;

/**
 * The claims still standing, oldest first: a withdrawal removes the latest claim for its event. A
 * claim that releases an earlier one sits above it, so dropping a dead claim restores the one it
 * would have replaced.
 */
export function standingClaims(records: readonly KeyStreamRecord[]): ClaimRecord[] {
  const stack: ClaimRecord[] = [];
  for (const record of records) {
    if (record.kind === 'claimed') {
      stack.push(record);
      continue;
    }
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i]!.eventId === record.eventId) {
        stack.splice(i, 1);
        break;
      }
    }
  }
  return stack;
}

export interface ResolveOptions {
  /**
   * The server's clock now, in ms since the epoch. `claimedAt` is the server's `created` stamp, so the
   * lease is measured on that clock too: an API host whose clock runs a minute ahead would otherwise
   * see an in-flight claim as abandoned and let a racing command with the same key record a second
   * event. Asked only when a pending claim is to be judged (the adapter writes a record to learn it),
   * and at most once.
   */
  serverNow: () => Promise<number>;
  leaseMs?: number;
  /** The event id of the claimant asking: its own pending claim does not block it. */
  claimantEventId?: string;
}

/** Who holds the key, probing the standing claims from the latest down. */
export async function resolveHolder(
  records: readonly KeyStreamRecord[],
  probe: (claim: ClaimRecord) => Promise<ProbeResult>,
  options: ResolveOptions,
): Promise<Holder> {
  const leaseMs = options.leaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const claims = standingClaims(records);
  let now: number | undefined;
  for (let i = claims.length - 1; i >= 0; i--) {
    const claim = claims[i]!;
    const probed = await probe(claim);
    if (probed.state === 'live') return { state: 'held', record: toKeyRecord(claim, probed.position) };
    if (probed.state === 'dead') continue;
    if (claim.eventId === options.claimantEventId) continue;
    now ??= await options.serverNow();
    if (now - claim.claimedAt < leaseMs) return { state: 'pending', claim };
  }
  return { state: 'free' };
}

export function toKeyRecord(claim: ClaimRecord, position: LogPosition): KeyRecord {
  return {
    commandKey: claim.commandKey,
    contentHash: claim.contentHash,
    eventId: claim.eventId,
    streamId: claim.streamId,
    revision: claim.revision,
    position,
  };
}
