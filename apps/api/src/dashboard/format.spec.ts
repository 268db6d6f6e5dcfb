import { compareMoney, formatCount, formatDate, formatDong, formatMoneyShort, formatMonth, formatPercent, groupDigits, millionsForChart, percentChange } from './public/format.js';

// The browser module that formats every figure on the dashboard, run here in Node.
describe('dashboard number formatting (vi-VN from decimal strings)', () => {
  it.each([
    ['0', '0'],
    ['848452815', '848.452.815'],
    ['1380103000000', '1.380.103.000.000'],
    ['999999999999999999', '999.999.999.999.999.999'],
    ['-25597000000', '-25.597.000.000'],
  ])('groups %s as %s', (amount, expected) => {
    expect(groupDigits(amount)).toBe(expected);
  });

  it('groups with commas in English and keeps all 18 digits', () => {
    expect(groupDigits('999999999999999999', 'en')).toBe('999,999,999,999,999,999');
    expect(formatDong('848452815')).toBe('848.452.815 đ');
    expect(formatDong('848452815', 'en')).toBe('848,452,815 VND');
  });

  it.each([
    ['1380103000000', '1.380,103 tỷ đồng'],
    ['1380102500000', '1.380,103 tỷ đồng'], // half-up at the million
    ['1380102499999', '1.380,102 tỷ đồng'],
    ['1000000000000', '1.000,000 tỷ đồng'],
    ['735169000000', '735.169 triệu đồng'],
    ['1000000000', '1.000 triệu đồng'],
    ['999999999', '1.000 triệu đồng'],
    ['999499999', '999,5 triệu đồng'],
    ['848452815', '848,453 triệu đồng'],
    ['229094400', '229,094 triệu đồng'],
    ['19960000', '19,96 triệu đồng'],
    ['96000000', '96 triệu đồng'],
    ['1000000', '1 triệu đồng'],
    ['999999', '999.999 đồng'],
    ['-1117800', '-1,118 triệu đồng'],
    ['-25597400000', '-25.597 triệu đồng'],
    ['999999999999499999', '999.999.999,999 tỷ đồng'],
    ['999999999999999999', '1.000.000.000,000 tỷ đồng'],
  ])('writes %s as a press release would: %s', (amount, expected) => {
    expect(formatMoneyShort(amount)).toBe(expected);
  });

  it('writes the same amounts in English units', () => {
    expect(formatMoneyShort('1380103000000', 'en')).toBe('1,380.103 billion VND');
    expect(formatMoneyShort('735169000000', 'en')).toBe('735,169 million VND');
  });

  it('writes counts, percentages, dates and months', () => {
    expect(formatCount(708832)).toBe('708.832');
    expect(formatCount(null)).toBe('—');
    expect(formatPercent(16.44)).toBe('16,44%');
    expect(formatPercent(95.6)).toBe('95,6%');
    expect(formatPercent(1234.5)).toBe('1.234,5%');
    expect(formatPercent(16.44, 'en')).toBe('16.44%');
    expect(formatPercent(null)).toBe('—');
    expect(formatDate('2021-06-30')).toBe('30/06/2021');
    expect(formatMonth('2024-03')).toBe('03/2024');
  });

  it('orders money strings without floats and scales chart heights to millions', () => {
    expect(compareMoney('999999999999999999', '999999999999999998')).toBe(1);
    expect(compareMoney('9', '10')).toBe(-1);
    expect(millionsForChart('735169000000')).toBe(735169);
    expect(millionsForChart('1500')).toBe(0.001);
  });

  it('gives a year-on-year change with one decimal, half away from zero, and none from nothing', () => {
    expect(percentChange('110', '100')).toBe('+10,0%');
    expect(percentChange('1001', '1000')).toBe('+0,1%');
    expect(percentChange('10005', '10000')).toBe('+0,1%');
    expect(percentChange('99950', '100000')).toBe('-0,1%');
    expect(percentChange('99951', '100000', 'en')).toBe('0.0%');
    expect(percentChange('50', '100', 'en')).toBe('-50.0%');
    expect(percentChange('250000', '100')).toBe('+249.900,0%');
    expect(percentChange('5', '0')).toBeUndefined();
  });
});
