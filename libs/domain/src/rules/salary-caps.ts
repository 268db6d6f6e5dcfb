import type { IsoDate } from '../calendar.js';
import { Dec, type Money } from '../money.js';
import { valueOn, type DatedTable } from './dated-table.js';

/**
 * Mức lương cơ sở (base salary), replaced from 2025-07-01 by the mức tham chiếu (reference level)
 * at the same value (Luật BHXH 2024). Rows before 2019-07-01 are not in domain.md: configurable.
 */
export const BASE_SALARY: DatedTable<Money> = [
  { from: '2013-07-01', value: '1150000', source: 'NĐ 66/2013/NĐ-CP', verify: true },
  { from: '2016-05-01', value: '1210000', source: 'NĐ 47/2016/NĐ-CP', verify: true },
  { from: '2017-07-01', value: '1300000', source: 'NĐ 47/2017/NĐ-CP', verify: true },
  { from: '2018-07-01', value: '1390000', source: 'NĐ 72/2018/NĐ-CP', verify: true },
  { from: '2019-07-01', value: '1490000', source: 'NĐ 38/2019/NĐ-CP (in force until 2023-06-30)' },
  { from: '2023-07-01', value: '1800000', source: 'NĐ 24/2023/NĐ-CP' },
  { from: '2024-07-01', value: '2340000', source: 'NĐ 73/2024/NĐ-CP' },
  { from: '2025-07-01', value: '2340000', source: 'Luật BHXH 2024: mức tham chiếu at the base salary\'s value' },
];

/**
 * Region I minimum monthly wage (vùng I), the highest region, so a cap of 20 × it never cuts a
 * legitimate payroll of any region. Rows marked verify are configurable.
 */
export const REGION_ONE_MINIMUM_WAGE: DatedTable<Money> = [
  { from: '2016-01-01', value: '3500000', source: 'NĐ 122/2015/NĐ-CP', verify: true },
  { from: '2017-01-01', value: '3750000', source: 'NĐ 153/2016/NĐ-CP', verify: true },
  { from: '2018-01-01', value: '3980000', source: 'NĐ 141/2017/NĐ-CP', verify: true },
  { from: '2019-01-01', value: '4180000', source: 'NĐ 157/2018/NĐ-CP', verify: true },
  { from: '2020-01-01', value: '4420000', source: 'NĐ 90/2019/NĐ-CP', verify: true },
  { from: '2022-07-01', value: '4680000', source: 'NĐ 38/2022/NĐ-CP' },
  { from: '2024-07-01', value: '4960000', source: 'NĐ 74/2024/NĐ-CP', verify: true },
  { from: '2026-01-01', value: '5310000', source: 'NĐ 293/2025/NĐ-CP', verify: true },
];

/** The cap is 20 times the reference salary per person (Luật BHXH 2014 art. 89; Luật Việc làm 2013 art. 58). */
export const CAP_MULTIPLIER = 20;

/** Per-person monthly cap of the BHXH and BHYT contribution salary; undefined when not configured. */
export function socialInsuranceCapOn(date: IsoDate): Money | undefined {
  const base = valueOn(BASE_SALARY, date);
  return base === undefined ? undefined : new Dec(base).times(CAP_MULTIPLIER).toFixed(0);
}

/** Per-person monthly cap of the BHTN contribution salary; undefined when not configured. */
export function unemploymentCapOn(date: IsoDate): Money | undefined {
  const wage = valueOn(REGION_ONE_MINIMUM_WAGE, date);
  return wage === undefined ? undefined : new Dec(wage).times(CAP_MULTIPLIER).toFixed(0);
}
