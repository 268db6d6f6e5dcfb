import { contributionDue, householdHealthAmount, perMilleOf, raise, voluntaryAmount } from './rules.js';
import { Random } from './prng.js';

describe('generator money rules', () => {
  it.each([
    // 22 + 3 + 0.5 + 4.5 % of 10,000,000 on payroll and 2 % of 9,000,000 on the unemployment payroll.
    ['2023-01', 10_000_000n, 9_000_000n, 3_180_000n],
    // Before June 2017 the accident fund took 1 %.
    ['2017-05', 10_000_000n, 10_000_000n, 3_250_000n],
    // Relief: no accident contribution (NQ 68) and only the employee's 1 % unemployment share (NQ 116).
    ['2022-01', 10_000_000n, 10_000_000n, 3_050_000n],
    ['2021-08', 10_000_000n, 10_000_000n, 3_150_000n],
    // Each fund rounds half-up on its own: 0.5 % of 1,001 is 5.005 → 5.
    ['2024-05', 1_001n, 1_001n, 320n],
  ])('due for %s on %s / %s is %s đồng', (period, payroll, unemploymentPayroll, expected) => {
    expect(contributionDue(period, payroll, unemploymentPayroll, 1, 1)).toBe(expected);
  });

  it('caps the salary at 20 base salaries a head (BHXH, BHYT) and 20 region I minimum wages (BHTN)', () => {
    // 2 employees on 40,000,000 each in 2023-03: BHXH/BHYT base 2 × 29,800,000; BHTN base 80,000,000 (< 2 × 93,600,000).
    expect(contributionDue('2023-03', 80_000_000n, 80_000_000n, 2, 2)).toBe(17_880_000n + 1_600_000n);
  });

  it('household health insurance is 4.5 % of the base salary in force on the day paid', () => {
    expect(householdHealthAmount('2023-06-30', 12)).toBe(804_600n);
    expect(householdHealthAmount('2023-07-01', 3)).toBe(243_000n);
    expect(householdHealthAmount('2024-07-01', 1)).toBe(105_300n);
  });

  it('voluntary insurance is 22 % of the chosen income per month', () => {
    expect(voluntaryAmount(1_500_000n, 6)).toBe(1_980_000n);
  });

  it('rounds proportions down to the thousand and raises half-up', () => {
    expect(perMilleOf(3_180_999n, 500)).toBe(1_590_000n);
    expect(raise(4_000_001n, 1125n)).toBe(4_500_001n);
  });
});

describe('Random', () => {
  it('repeats itself for a seed and differs between seeds', () => {
    const draws = (seed: number) => { const random = new Random(seed); return Array.from({ length: 5 }, () => random.nextUint32()); };
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
  });

  it('keeps whole numbers within their bounds, both ends reachable', () => {
    const random = Random.for(1, 'bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(random.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    const large = Array.from({ length: 1000 }, () => random.int(0, 99_999_999));
    expect(large.every((value) => Number.isInteger(value) && value >= 0 && value <= 99_999_999)).toBe(true);
  });
});
