import { formatPercent } from './report/vi-format.js';
import { changePercent, percentOf } from './percent.js';

// The report's percentages are computed in decimal and rounded half-up to 2 decimals; the prose then
// prints exactly those 2 decimals with a decimal comma (issue #22 item 8).
describe('report percentages', () => {
  it.each([
    // part, whole, percent, prose
    ['14295', '100000', 14.3, '14,30%'],
    ['14294', '100000', 14.29, '14,29%'],
    ['16445', '100000', 16.45, '16,45%'],
    ['1000000000', '1000000000', 100, '100,00%'],
    ['0', '1000000000', 0, '0,00%'],
    ['1', '3', 33.33, '33,33%'],
    ['2', '3', 66.67, '66,67%'],
  ])('%s of %s is %s percent, printed %s', (part, whole, percent, prose) => {
    expect(percentOf(part, whole)).toBe(percent);
    expect(formatPercent(percentOf(part, whole)!)).toBe(prose);
  });

  it('has no percentage of nothing, and computes changes from the previous figure', () => {
    expect(percentOf('5', '0')).toBeNull();
    expect([changePercent('128', '105'), changePercent('1', '1'), changePercent('50', '100')]).toEqual([21.9, 0, -50]);
    expect([formatPercent(21.9), formatPercent(0), formatPercent(Math.abs(-50))]).toEqual(['21,90%', '0,00%', '50,00%']);
  });
});
