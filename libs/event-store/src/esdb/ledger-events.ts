import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { EventMetadata, LogPosition, RecordedEvent } from '../event-store.port.js';
import { isHiddenFromLedger } from './names.js';
import { toLogPosition } from './positions.js';

type ClientRecordedEvent = NonNullable<ResolvedEvent['event']>;

/**
 * Every read goes to the leader. The client picks a node by `nodePreference` only when it discovers the
 * cluster; after a leader change it may keep reading from a follower (writes sent there are forwarded,
 * so nothing makes it reconnect), and a follower may lag. Stream tips, hashes, key claims and the
 * positions of an append are decisions made on what was read, and the projector's read-your-writes
 * waits on `$all`: with `requires-leader` a follower answers NotLeader and the client reconnects to
 * the leader it names.
 */
export const FROM_LEADER = { requiresLeader: true } as const;

export function toLedgerEvent(event: ClientRecordedEvent, position: LogPosition): RecordedEvent {
  const metadata = event.metadata as unknown as EventMetadata;
  return {
    eventId: metadata.eventId,
    type: event.type,
    streamId: event.streamId,
    revision: Number(event.revision),
    position,
    data: event.data,
    metadata,
  };
}

/** Converts a server event seen by a subscription or a `$all` read; undefined for what the ledger never wrote. */
export function ledgerEventOf(resolved: AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || !event.isJson || isHiddenFromLedger(event.streamId, event.type)) return undefined;
  const metadata = event.metadata as Partial<EventMetadata> | undefined;
  if (typeof metadata?.eventId !== 'string' || typeof metadata.hash !== 'string') return undefined;
  return toLedgerEvent(event, toLogPosition(event.position));
}
