import { formatCount, formatDate, formatExactMoney, formatMoney, formatPercent } from './vi-format.js';

describe('Vietnamese number formatting', () => {
  it.each([
    ['1380103000000', '1.380,103 tỷ đồng'],
    ['1380102500000', '1.380,103 tỷ đồng'],
    ['1380102499999', '1.380,102 tỷ đồng'],
    ['735169000000', '735.169 triệu đồng'],
    ['25597000000', '25.597 triệu đồng'],
    ['1000000000', '1.000 triệu đồng'],
    ['999999999', '1.000 triệu đồng'],
    ['999499999', '999,5 triệu đồng'],
    ['19960000', '19,96 triệu đồng'],
    ['4500000', '4,5 triệu đồng'],
    ['999999', '999.999 đồng'],
    ['0', '0 đồng'],
    ['-25597000000', '-25.597 triệu đồng'],
    ['123456789012345678', '123.456.789,012 tỷ đồng'],
  ])('formats %s đồng as %s', (amount, text) => {
    expect(formatMoney(amount)).toBe(text);
  });

  it('states sums found owing to the đồng', () => {
    expect(formatExactMoney('848452815')).toBe('848.452.815 đồng');
  });

  it('formats counts, percentages and dates', () => {
    expect([formatCount(708832), formatCount(1183620), formatCount(14), formatCount(-7375)]).toEqual(['708.832', '1.183.620', '14', '-7.375']);
    expect([formatPercent(16.44), formatPercent(95.6), formatPercent(3.61), formatPercent(100), formatPercent(1234.5)]).toEqual([
      '16,44%', '95,60%', '3,61%', '100,00%', '1.234,50%',
    ]);
    expect(formatDate('2021-06-30')).toBe('30/6/2021');
  });

  // Provincial releases print every percentage with two decimals (issue #22 item 8), rounded half-up in decimal.
  it.each([
    [14.295, '14,30%'],
    ['14.295', '14,30%'],
    [14.294, '14,29%'],
    [14.3, '14,30%'],
    [100, '100,00%'],
    [0, '0,00%'],
    [-0.005, '-0,01%'],
    [1.005, '1,01%'],
    [-3.5, '-3,50%'],
  ])('formats %s percent as %s', (value, text) => {
    expect(formatPercent(value)).toBe(text);
  });
});
