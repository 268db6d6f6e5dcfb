import { contributionRatesOn } from './contribution-rates.js';
import { rowOn } from './dated-table.js';
import { socialInsuranceCapOn, unemploymentCapOn } from './salary-caps.js';

describe('dated rules', () => {
  it('picks the latest row whose effective date is on or before the date, whatever the table order', () => {
    const table = [
      { from: '2022-01-01', value: 'b', source: 's' },
      { from: '2020-01-01', value: 'a', source: 's' },
    ];
    expect(rowOn(table, '2019-12-31')).toBeUndefined();
    expect(rowOn(table, '2020-01-01')?.value).toBe('a');
    expect(rowOn(table, '2021-12-31')?.value).toBe('a');
    expect(rowOn(table, '2022-01-01')?.value).toBe('b');
  });

  it('has the relief rates only inside their periods', () => {
    expect(contributionRatesOn('2021-06-30')?.accident.employerPercent).toBe('0.5');
    expect(contributionRatesOn('2021-07-01')?.accident.employerPercent).toBe('0');
    expect(contributionRatesOn('2022-06-30')?.accident.employerPercent).toBe('0');
    expect(contributionRatesOn('2022-07-01')?.accident.employerPercent).toBe('0.5');
    expect(contributionRatesOn('2021-09-30')?.unemployment).toEqual({ employerPercent: '1', employeePercent: '1' });
    expect(contributionRatesOn('2021-10-01')?.unemployment).toEqual({ employerPercent: '0', employeePercent: '1' });
    expect(contributionRatesOn('2022-09-30')?.unemployment).toEqual({ employerPercent: '0', employeePercent: '1' });
    expect(contributionRatesOn('2022-10-01')?.unemployment).toEqual({ employerPercent: '1', employeePercent: '1' });
  });

  it.each([
    ['2023-06-30', '29800000', '93600000'],
    ['2023-07-01', '36000000', '93600000'],
    ['2024-07-01', '46800000', '99200000'],
    ['2025-07-01', '46800000', '99200000'],
  ])('caps on %s: BHXH/BHYT %s, BHTN %s per person', (date, social, unemployment) => {
    expect(socialInsuranceCapOn(date)).toBe(social);
    expect(unemploymentCapOn(date)).toBe(unemployment);
  });
});
