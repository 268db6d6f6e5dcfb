/**
 * A long stream's eventId → slot index (PackedFactIndex's, past the facts it scans): one number per
 * fact in a typed array kept sorted, each the id's hash in the high bits and its slot in the low 32.
 * A Map took ≈ 36 B a fact (three words an entry in a table that doubles); this takes 8 and a little
 * slack, and employers' states are the most of a large import's cache (docs/benchmarks.md, 'state
 * weight by kind'). A look-up finds the hash's run by binary search and confirms each candidate against
 * the id itself, so two ids of one hash cost a comparison more, never a wrong answer.
 */
export class HashedSlots {
  // Private fields: two indexes of the same ids are equal to a deep comparison (a spec's toEqual of two
  // states) whatever slack each array has; the facts they index are compared themselves.
  #keys: Float64Array;
  #count = 0;

  constructor(capacity = 64) {
    this.#keys = new Float64Array(capacity);
  }

  /** The index of `ids`, slot by slot. */
  static of(ids: readonly string[]): HashedSlots {
    const index = new HashedSlots(ids.length + (ids.length >> 1));
    const keys = index.#keys;
    ids.forEach((id, slot) => (keys[slot] = keyOf(hashOf(id), slot)));
    index.#count = ids.length;
    keys.subarray(0, ids.length).sort();
    return index;
  }

  add(id: string, slot: number): void {
    const key = keyOf(hashOf(id), slot);
    if (this.#count === this.#keys.length) {
      const grown = new Float64Array(this.#count + (this.#count >> 1) + 16);
      grown.set(this.#keys);
      this.#keys = grown;
    }
    const at = this.firstAtLeast(key);
    this.#keys.copyWithin(at + 1, at, this.#count);
    this.#keys[at] = key;
    this.#count++;
  }

  /** The slot of `id`, or -1; `cells` hold each slot's id at `stride × slot`, to confirm a candidate. */
  find(id: string, cells: readonly unknown[], stride: number): number {
    const hash = hashOf(id);
    const end = (hash + 1) * SLOTS;
    for (let at = this.firstAtLeast(hash * SLOTS); at < this.#count && this.#keys[at]! < end; at++) {
      const slot = this.#keys[at]! % SLOTS;
      if (cells[stride * slot] === id) return slot;
    }
    return -1;
  }

  copy(): HashedSlots {
    const copy = new HashedSlots(0);
    copy.#keys = this.#keys.slice();
    copy.#count = this.#count;
    return copy;
  }

  private firstAtLeast(key: number): number {
    let low = 0;
    let high = this.#count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#keys[middle]! < key) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** Slots take the low 32 bits of a key; the hash the 21 above them (a double holds 53 exactly). */
const SLOTS = 2 ** 32;
const HASH_BITS = 21;

const keyOf = (hash: number, slot: number): number => hash * SLOTS + slot;

/** FNV-1a over the id's UTF-16 code units, folded to HASH_BITS (exported for its spec). */
export function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  return (hash >>> 0) >>> (32 - HASH_BITS);
}
