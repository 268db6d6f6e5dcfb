import { BloomFilter } from '../bloom-filter.js';

/**
 * The command keys an import has claimed, as a Bloom filter of fixed size (8 MB, outside the V8 heap):
 * "absent" means the import has not claimed the key, so the store does not hold it; "present" only
 * means the store may hold it: ask it. A `Set` of 32-bit hashes grew with the file, and rehashed,
 * inside the import's heap limit. With 3 probes in 2^26 bits, few keys needlessly ask the store even
 * at millions of keys (docs/benchmarks.md, 'claimed keys').
 */
export class ClaimedKeys extends BloomFilter {
  constructor() {
    super(2 ** 26);
  }
}
