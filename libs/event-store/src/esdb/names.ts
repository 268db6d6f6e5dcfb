import { createHash } from 'node:crypto';

/**
 * Stream names and event ids of what the adapter writes besides the ledger's own events. Every
 * bookkeeping stream starts with `socai-`, a prefix no ledger stream uses (they are named after
 * employers, persons and areas), so reads of the global log can leave them out.
 */
export const KEY_STREAM_PREFIX = 'socai-key-';
export const EVENT_INDEX_STREAM_PREFIX = 'socai-event-';
/** Where the adapter writes a record to learn the server's clock (the claim lease is measured on it). */
export const CLOCK_STREAM = 'socai-clock';

/** Event types of the bookkeeping streams. */
export const KEY_CLAIMED = 'SocaiKeyClaimed';
export const KEY_CLAIM_WITHDRAWN = 'SocaiKeyClaimWithdrawn';
export const EVENT_LOCATED = 'SocaiEventLocated';
export const CLOCK_READ = 'SocaiClockRead';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The per-key stream that holds a command key's claims; hashed, as keys are long and may hold any text. */
export function keyStreamName(commandKey: string): string {
  return KEY_STREAM_PREFIX + createHash('sha256').update(commandKey).digest('hex');
}

/** The stream that records where an event lives, so `findEvent` can answer without a projection. */
export function eventIndexStreamName(eventId: string): string {
  return EVENT_INDEX_STREAM_PREFIX + eventId;
}

/** True for the adapter's own streams and for EventStoreDB's system streams and events (`$…`). */
export function isHiddenFromLedger(streamId: string, type: string): boolean {
  return (
    streamId.startsWith('$') ||
    type.startsWith('$') ||
    streamId.startsWith(KEY_STREAM_PREFIX) ||
    streamId.startsWith(EVENT_INDEX_STREAM_PREFIX) ||
    streamId === CLOCK_STREAM
  );
}

/**
 * A version-5-style UUID (SHA-256 of `name`, shaped like ledger/ids.ts's), for the server-side event
 * id of bookkeeping records and of ledger events whose id is not already a UUID: the same name always
 * gives the same id, which is what lets the server deduplicate a retried append.
 */
export function uuidFromName(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The id EventStoreDB stores for a ledger event: the ledger's own id when it is a UUID (it always is for
 * events the ledger writes), otherwise a UUID derived from it. The port's id is kept in the metadata,
 * which is what reads return, so both cases read back the same.
 */
export function esdbEventId(eventId: string): string {
  return UUID.test(eventId) ? eventId.toLowerCase() : uuidFromName(`socai-event-id\u0000${eventId}`);
}
