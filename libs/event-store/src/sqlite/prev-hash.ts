import type { EventMetadata, NewEvent } from '../event-store.port.js';

/**
 * The event's metadata with the store's `prevHash`: whatever hashes a caller may have left in it are
 * replaced by the store's own. A plain copy loop, as this runs for every event of a bulk import.
 */
export function withPrevHash(given: NewEvent['metadata'], prevHash: string): EventMetadata {
  const metadata: Record<string, unknown> = {};
  for (const key in given) {
    if (key !== 'hash' && key !== 'prevHash' && Object.hasOwn(given, key)) metadata[key] = (given as unknown as Record<string, unknown>)[key];
  }
  metadata.prevHash = prevHash;
  return metadata as unknown as EventMetadata;
}
