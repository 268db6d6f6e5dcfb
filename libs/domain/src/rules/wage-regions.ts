import type { IsoDate } from '../calendar.js';
import { Dec, type Money } from '../money.js';
import { rowOn, type DatedTable } from './dated-table.js';
import { CAP_MULTIPLIER } from './salary-caps.js';

/** Vùng I–IV of the minimum-wage decrees: an employer's region follows where it operates (the decree's annex). */
export type WageRegion = 1 | 2 | 3 | 4;
export const WAGE_REGIONS: readonly WageRegion[] = [1, 2, 3, 4];

export type RegionalWages = Readonly<Record<WageRegion, Money>>;

/**
 * Monthly regional minimum wages (mức lương tối thiểu vùng), region I to IV, from each decree's date.
 * Rows marked verify (2016–2018) were not confirmed from a published text: configurable. The others were
 * confirmed from summaries of the decree (docs/rules.md).
 */
export const REGIONAL_MINIMUM_WAGES: DatedTable<RegionalWages> = [
  { from: '2016-01-01', value: { 1: '3500000', 2: '3100000', 3: '2700000', 4: '2400000' }, source: 'NĐ 122/2015/NĐ-CP art. 3', verify: true },
  { from: '2017-01-01', value: { 1: '3750000', 2: '3320000', 3: '2900000', 4: '2580000' }, source: 'NĐ 153/2016/NĐ-CP art. 3', verify: true },
  { from: '2018-01-01', value: { 1: '3980000', 2: '3530000', 3: '3090000', 4: '2760000' }, source: 'NĐ 141/2017/NĐ-CP art. 3', verify: true },
  { from: '2019-01-01', value: { 1: '4180000', 2: '3710000', 3: '3250000', 4: '2920000' }, source: 'NĐ 157/2018/NĐ-CP art. 3 (figures confirmed from the 2020 decree\'s published increases)' },
  { from: '2020-01-01', value: { 1: '4420000', 2: '3920000', 3: '3430000', 4: '3070000' }, source: 'NĐ 90/2019/NĐ-CP of 2019-11-15 art. 3 (in force 2020-01-01, replacing NĐ 157/2018)' },
  { from: '2022-07-01', value: { 1: '4680000', 2: '4160000', 3: '3640000', 4: '3250000' }, source: 'NĐ 38/2022/NĐ-CP of 2022-06-12 art. 3 (in force 2022-07-01, replacing NĐ 90/2019)' },
  { from: '2024-07-01', value: { 1: '4960000', 2: '4410000', 3: '3860000', 4: '3450000' }, source: 'NĐ 74/2024/NĐ-CP art. 3 (in force 2024-07-01, replacing NĐ 38/2022)' },
  { from: '2026-01-01', value: { 1: '5310000', 2: '4730000', 3: '4140000', 4: '3700000' }, source: 'NĐ 293/2025/NĐ-CP of 2025-11-10 art. 3 (in force 2026-01-01, replacing NĐ 74/2024)' },
];

/** The region's minimum wage on a date, with its decree; undefined before the first row. */
export function regionalMinimumWageOn(region: WageRegion, date: IsoDate): { wage: Money; source: string } | undefined {
  const row = rowOn(REGIONAL_MINIMUM_WAGES, date);
  return row ? { wage: row.value[region], source: row.source } : undefined;
}

/**
 * Per-person monthly cap of the BHTN contribution salary: 20 × the minimum wage of the employer's own
 * region (Luật Việc làm 2013 art. 58 cl. 2), not of region I for everyone.
 */
export function unemploymentCapFor(region: WageRegion, date: IsoDate): Money | undefined {
  const wage = regionalMinimumWageOn(region, date)?.wage;
  return wage === undefined ? undefined : new Dec(wage).times(CAP_MULTIPLIER).toFixed(0);
}
