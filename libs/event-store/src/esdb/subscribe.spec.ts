import { backoffDelay } from './subscribe.js';

describe('resubscription backoff', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, 100, 1_000))).toEqual([100, 200, 400, 800, 1_000]);
    expect(backoffDelay(1)).toBe(100);
    expect(backoffDelay(10)).toBe(30_000);
    expect(backoffDelay(10_000)).toBe(30_000);
    expect(() => backoffDelay(0)).toThrow(RangeError);
  });
});
