import type { IsoDate } from '../calendar.js';
import type { FundDues } from '../fund-dues.js';
import { rowOn, type DatedTable } from './dated-table.js';

export type Fund = keyof FundDues;
export const FUNDS: readonly Fund[] = ['pension', 'sickness', 'accident', 'health', 'unemployment'];

/** Shares of the contribution salary, in percent, as decimal strings so no float touches a rate. */
export interface FundRate {
  employerPercent: string;
  employeePercent: string;
}

/**
 * Contribution rates per fund, keyed by effective date. Each table is configurable: add a row with
 * its source to change a rate from a date on; never edit a past row, or replays of old months change.
 */
export const CONTRIBUTION_RATES: Record<Fund, DatedTable<FundRate>> = {
  pension: [
    // Hưu trí–tử tuất 14 % + 8 %: Luật BHXH 2014 art. 85–86, NĐ 58/2020 art. 4; unchanged by Luật BHXH 2024.
    { from: '2016-01-01', value: { employerPercent: '14', employeePercent: '8' }, source: 'Luật BHXH 2014 art. 85–86; NĐ 58/2020/NĐ-CP' },
  ],
  sickness: [
    // Ốm đau–thai sản 3 %, employer only: Luật BHXH 2014 art. 86; NĐ 58/2020 art. 4.
    { from: '2016-01-01', value: { employerPercent: '3', employeePercent: '0' }, source: 'Luật BHXH 2014 art. 86; NĐ 58/2020/NĐ-CP' },
  ],
  accident: [
    // TNLĐ–BNN 1 % before NĐ 44/2017 lowered it; not confirmed from a primary text: configurable.
    { from: '2016-01-01', value: { employerPercent: '1', employeePercent: '0' }, source: 'Luật BHXH 2014 art. 86; NĐ 37/2016/NĐ-CP', verify: true },
    { from: '2017-06-01', value: { employerPercent: '0.5', employeePercent: '0' }, source: 'NĐ 44/2017/NĐ-CP; NĐ 58/2020/NĐ-CP art. 4' },
    // Relief during COVID-19: 0 % for twelve months (domain.md *(verify)*: configurable).
    { from: '2021-07-01', value: { employerPercent: '0', employeePercent: '0' }, source: 'NQ 68/NQ-CP (2021-07-01 to 2022-06-30)', verify: true },
    { from: '2022-07-01', value: { employerPercent: '0.5', employeePercent: '0' }, source: 'NĐ 58/2020/NĐ-CP art. 4 (end of NQ 68/NQ-CP relief)', verify: true },
  ],
  health: [
    // BHYT 4.5 % of salary, two thirds employer: Luật BHYT art. 13; NĐ 146/2018/NĐ-CP art. 7.
    { from: '2016-01-01', value: { employerPercent: '3', employeePercent: '1.5' }, source: 'Luật BHYT (2014 amendment) art. 13; NĐ 146/2018/NĐ-CP art. 7' },
  ],
  unemployment: [
    // BHTN 1 % + 1 %: Luật Việc làm 2013 art. 57.
    { from: '2016-01-01', value: { employerPercent: '1', employeePercent: '1' }, source: 'Luật Việc làm 2013 art. 57' },
    // Employer share waived for twelve months (domain.md *(verify)*: configurable).
    { from: '2021-10-01', value: { employerPercent: '0', employeePercent: '1' }, source: 'NQ 116/NQ-CP (2021-10-01 to 2022-09-30)', verify: true },
    { from: '2022-10-01', value: { employerPercent: '1', employeePercent: '1' }, source: 'Luật Việc làm 2013 art. 57 (end of NQ 116/NQ-CP relief)', verify: true },
  ],
};

export type FundRates = Record<Fund, FundRate>;

/**
 * The rates of every fund in force on a date, or undefined when some fund has no rate configured
 * that early. A contribution period uses the rates in force on the first day of its month.
 */
export function contributionRatesOn(date: IsoDate, table: Record<Fund, DatedTable<FundRate>> = CONTRIBUTION_RATES): FundRates | undefined {
  const rates = {} as FundRates;
  for (const fund of FUNDS) {
    const row = rowOn(table[fund], date);
    if (!row) return undefined;
    rates[fund] = row.value;
  }
  return rates;
}
