import { dueDateFor } from './due-dates.js';

describe('dueDateFor', () => {
  it.each([
    ['2021-02', '2021-02-28'],
    ['2024-02', '2024-02-29'],
    ['2025-06', '2025-06-30'], // the last period under the old rule
    ['2025-07', '2025-08-31'], // Luật BHXH 2024: end of the following month
    ['2025-12', '2026-01-31'],
  ])('%s is due %s', (period, due) => {
    expect(dueDateFor(period)).toBe(due);
  });
});
