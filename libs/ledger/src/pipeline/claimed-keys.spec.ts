import { ClaimedKeys } from './claimed-keys.js';

describe('ClaimedKeys', () => {
  it('holds every key added, and answers absent for almost every key not added', () => {
    const keys = new ClaimedKeys();
    const added = Array.from({ length: 200_000 }, (_, i) => `CollectContribution:QT${String(i).padStart(5, '0')}:R${i}`);
    for (const key of added) keys.add(key);
    expect(added.every((key) => keys.mayHold(key))).toBe(true);
    const others = Array.from({ length: 200_000 }, (_, i) => `AssessContribution:QT${String(i).padStart(5, '0')}:2024-01`);
    const falsePositives = others.filter((key) => keys.mayHold(key)).length;
    // 3 probes, at most 600,000 of 2^26 bits set: (600,000 / 2^26)^3 ≈ 1 in 1.4 million per key.
    expect(falsePositives).toBeLessThan(5);
  });

  it('answers absent for everything while empty', () => {
    const keys = new ClaimedKeys();
    expect(['', 'a', 'AssessContribution:QT00001:2024-01'].some((key) => keys.mayHold(key))).toBe(false);
  });
});
