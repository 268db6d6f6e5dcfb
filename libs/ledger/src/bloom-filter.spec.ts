import { BloomFilter } from './bloom-filter.js';

const personStream = (i: number) => `person-${String(9_500_000_000 + i)}`;

describe('BloomFilter', () => {
  it('holds every string added, and few that were not, at 10M events of streams in 2^24 bits', () => {
    const filter = new BloomFilter(2 ** 24);
    // About the streams of a 10M-event ledger (≈ 700,000); then as many that were never added.
    for (let i = 0; i < 700_000; i++) filter.add(personStream(i));
    let missed = 0;
    for (let i = 0; i < 700_000; i++) if (!filter.mayHold(personStream(i))) missed++;
    expect(missed).toBe(0);
    let falseMaybes = 0;
    for (let i = 700_000; i < 1_400_000; i++) if (filter.mayHold(personStream(i))) falseMaybes++;
    // The hashes are fixed, so the count is too: ≈ (1 − e^(−3·700,000/2^24))³ ≈ 0.16 % of 700,000 expected, 0.17 % found.
    expect(falseMaybes).toBe(1_214);
  });

  it('holds nothing while empty', () => {
    const filter = new BloomFilter(64);
    expect(['', 'employer-DN46100001'].some((text) => filter.mayHold(text))).toBe(false);
  });

  it('refuses a size that is not a power of two', () => {
    expect(() => new BloomFilter(1_000)).toThrow('BloomFilter: 1000 bits is not a power of two ≥ 32');
    expect(() => new BloomFilter(16)).toThrow('BloomFilter: 16 bits is not a power of two ≥ 32');
  });
});
