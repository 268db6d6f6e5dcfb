import { hash as sha256 } from 'node:crypto';

/**
 * The running digest over the global log: digest_0 is 64 zeros and
 * digest_n = hex(SHA-256(ASCII(digest_{n-1} + hash_n))), where hash_n is the hex `metadata.hash` of the
 * event at position n. Stream chains prove each stream intact; this digest also fixes the order of the
 * streams' events in the log, which is what a signed checkpoint then vouches for.
 */
export const GENESIS_DIGEST = '0'.repeat(64);

/** The digest after folding one more event hash (both lowercase hex). */
export function nextDigest(previousDigest: string, eventHash: string): string {
  return sha256('sha256', previousDigest + eventHash, 'hex');
}
