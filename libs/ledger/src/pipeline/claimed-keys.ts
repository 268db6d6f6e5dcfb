/**
 * The command keys an import has claimed, as a Bloom filter of fixed size (8 MB, outside the V8 heap):
 * "absent" means the import has not claimed the key, so the store does not hold it; "present" only
 * means the store may hold it: ask it. A `Set` of 32-bit hashes grew with the file, and rehashed,
 * inside the import's heap limit. With 3 probes in 2^26 bits, few keys needlessly ask the store even
 * at millions of keys (docs/benchmarks.md, 'claimed keys').
 */
export class ClaimedKeys {
  private static readonly BITS = 2 ** 26;
  private readonly bits = new Uint32Array(ClaimedKeys.BITS / 32);

  add(commandKey: string): void {
    hash(commandKey);
    for (let probe = 0, bit = first; probe < PROBES; probe++, bit = (bit + step) >>> 0) {
      const index = bit & (ClaimedKeys.BITS - 1);
      this.bits[index >>> 5]! |= 1 << (index & 31);
    }
  }

  mayHold(commandKey: string): boolean {
    hash(commandKey);
    for (let probe = 0, bit = first; probe < PROBES; probe++, bit = (bit + step) >>> 0) {
      const index = bit & (ClaimedKeys.BITS - 1);
      if ((this.bits[index >>> 5]! & (1 << (index & 31))) === 0) return false;
    }
    return true;
  }
}

const PROBES = 3;

/** The two hashes of the last key hashed: module variables, not an array per call (twice per import line). */
let first = 0;
let step = 0;

/** Two independent 32-bit hashes (FNV-1a, and a multiplicative one) of `text`, for double hashing, into first and step. */
function hash(text: string): void {
  let fnv = 0x811c9dc5 | 0;
  let mul = 0x9e3779b9 | 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    fnv = Math.imul(fnv ^ code, 0x01000193);
    mul = Math.imul(mul ^ code, 0x85ebca6b) ^ (mul >>> 13);
  }
  first = fnv >>> 0;
  // An odd step visits distinct bits on every probe.
  step = (mul | 1) >>> 0;
}
