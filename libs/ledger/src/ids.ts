import { hash, randomUUID } from 'node:crypto';

/**
 * Event ids are derived from the stream, the command's natural key and the revision the event
 * takes, so that a retried append of the same decision carries the same id. EventStoreDB
 * deduplicates appends by event id at an exact expected revision; SQLite rejects a duplicate id.
 */
export function deterministicEventId(streamId: string, commandKey: string, revision: number): string {
  // One-shot hashing: about twice as fast as createHash for inputs this small, and an import derives
  // an id for every event it records.
  const digest = hash('sha256', `${streamId}\u0000${commandKey}\u0000${revision}`, 'buffer');
  return uuidOf(digest);
}

const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const UUID_TEXT = Buffer.allocUnsafe(36);

/**
 * The first 16 bytes of a digest as a version-5-style UUID (name-based, SHA), so stores that want a
 * UUID accept it. Written into one buffer and read as one flat string: the id built by joining hex
 * slices was a tree of nine small strings, weighing more in every cached decision state that holds
 * it, and a large import's cache holds millions (docs/benchmarks.md, 'flat event ids').
 */
function uuidOf(digest: Buffer): string {
  let at = 0;
  for (let index = 0; index < 16; index++) {
    if (index === 4 || index === 6 || index === 8 || index === 10) UUID_TEXT[at++] = 0x2d; // '-'
    let byte = digest[index]!;
    if (index === 6) byte = (byte & 0x0f) | 0x50; // version 5
    else if (index === 8) byte = (byte & 0x3f) | 0x80; // RFC 4122 variant
    UUID_TEXT[at++] = HEX_DIGITS[byte >> 4]!;
    UUID_TEXT[at++] = HEX_DIGITS[byte & 0x0f]!;
  }
  return UUID_TEXT.toString('latin1', 0, 36);
}

export function newCorrelationId(): string {
  return randomUUID();
}

/** Content hash of a normalised command: the same command always hashes the same. */
export function contentHashOf(canonical: string): string {
  return hash('sha256', canonical, 'hex');
}
