/**
 * A small seeded pseudo-random generator (splitmix32) so that a seed always gives the same file,
 * on every machine: only 32-bit integer arithmetic, never Math.random, never a float that could
 * round differently elsewhere.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A generator of its own for one purpose, so that adding draws elsewhere does not shift it. */
  static for(seed: number, purpose: string): Random {
    return new Random(hashString(purpose) ^ Math.imul(seed >>> 0, 0x9e3779b1));
  }

  /** The next 32-bit unsigned integer (splitmix32). */
  nextUint32(): number {
    this.state = (this.state + 0x9e3779b9) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    const span = max - min + 1;
    if (span <= 1) return min;
    // For small spans the product stays below 2^53, so it is exact; dividing by 2^32 is exact too.
    if (span <= 0x100000) return min + Math.floor((this.nextUint32() * span) / 0x100000000);
    // Two draws give 53 bits, far more than any span we ask for, so the bias is negligible.
    const high = this.nextUint32() >>> 11;
    const low = this.nextUint32();
    return min + Number(((BigInt(high) << 32n) | BigInt(low)) % BigInt(span));
  }

  /** True with probability `perMille` / 1000. */
  chance(perMille: number): boolean {
    return this.nextUint32() % 1000 < perMille;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }

  /** One of `items`, each with its whole-number weight. */
  weighted<T>(items: readonly { value: T; weight: number }[]): T {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let ticket = this.int(0, total - 1);
    for (const item of items) {
      if (ticket < item.weight) return item.value;
      ticket -= item.weight;
    }
    return items[items.length - 1].value;
  }
}

/** FNV-1a over the UTF-16 code units of a string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}
