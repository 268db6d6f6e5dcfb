/**
 * A set of strings in a fixed number of bits, outside the V8 heap: "absent" is certain, "present" only
 * means "maybe". For the sets that would otherwise grow with the ledger (an import's claimed keys, the
 * streams that may hold events, the streams with a snapshot), where a wrong "maybe" costs only a look
 * in the store: memory stays the same at any size, and only the share of needless looks grows.
 */
export class BloomFilter {
  private readonly words: Uint32Array;
  private readonly mask: number;

  /** `bits`: a power of two. */
  constructor(bits: number) {
    if (!Number.isInteger(Math.log2(bits)) || bits < 32) throw new Error(`BloomFilter: ${bits} bits is not a power of two ≥ 32`);
    this.words = new Uint32Array(bits / 32);
    this.mask = bits - 1;
  }

  add(text: string): void {
    hash(text);
    for (let probe = 0, bit = first; probe < PROBES; probe++, bit = (bit + step) >>> 0) {
      const index = bit & this.mask;
      this.words[index >>> 5]! |= 1 << (index & 31);
    }
  }

  mayHold(text: string): boolean {
    hash(text);
    for (let probe = 0, bit = first; probe < PROBES; probe++, bit = (bit + step) >>> 0) {
      const index = bit & this.mask;
      if ((this.words[index >>> 5]! & (1 << (index & 31))) === 0) return false;
    }
    return true;
  }
}

const PROBES = 3;

/** The two hashes of the last text hashed: module variables, not an array per call (several per import line). */
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
