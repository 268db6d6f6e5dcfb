/**
 * An eventId as a 52-bit number (two FNV-1a hashes of its UTF-16 code units, 20 bits of one above the
 * 32 of the other), which a double holds exactly. A cached state keeps this key for each fact instead
 * of the id's string (8 bytes against ≈ 56): only a reversal names a fact by its id (`revisionOf`).
 *
 * Two facts of one stream share a key with odds ≈ n² / 2⁵³ for a stream of n facts: for the 10M
 * ledger's streams together (90,000 employers of ≈ 52 facts, 600,000 persons of ≈ 10), about 3 in 10⁸
 * that any pair does, and such a pair matters only if one of them is reversed (docs/decisions.md,
 * 'facts by revision').
 */
export function eventIdKey(eventId: string): number {
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let index = 0; index < eventId.length; index++) {
    const unit = eventId.charCodeAt(index);
    low = Math.imul(low ^ unit, 0x01000193);
    high = Math.imul(high ^ unit, 0x5bd1e995);
  }
  return (high >>> 12) * 2 ** 32 + (low >>> 0);
}
