import { hash, randomUUID } from 'node:crypto';

/**
 * Event ids are derived from the stream, the command's natural key and the revision the event
 * takes, so that a retried append of the same decision carries the same id. EventStoreDB
 * deduplicates appends by event id at an exact expected revision; SQLite rejects a duplicate id.
 */
export function deterministicEventId(streamId: string, commandKey: string, revision: number): string {
  // One-shot hashing: about twice as fast as createHash for inputs this small, and an import derives
  // an id for every event it records.
  const hex = hash('sha256', `${streamId}\u0000${commandKey}\u0000${revision}`, 'hex');
  // Shaped as a version-5-style UUID (name-based, SHA) so stores that want a UUID accept it.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function newCorrelationId(): string {
  return randomUUID();
}

/** Content hash of a normalised command: the same command always hashes the same. */
export function contentHashOf(canonical: string): string {
  return hash('sha256', canonical, 'hex');
}
