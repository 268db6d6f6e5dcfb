import { addMonths, lastDayOf, type IsoDate, type IsoMonth } from '../calendar.js';

/** The first contribution period under Luật BHXH 2024, which moved the deadline a month later. */
export const DEFERRED_DEADLINE_FROM: IsoMonth = '2025-07';

/**
 * The last day to pay a month's contributions without being late. Before 2025-07 the deadline was
 * the end of the period month (Luật BHXH 2014; QĐ 595/QĐ-BHXH); from period 2025-07 it is the last
 * day of the following month (Luật BHXH 2024, Law 41/2024/QH15, in force from 2025-07-01).
 */
export function dueDateFor(period: IsoMonth): IsoDate {
  return period < DEFERRED_DEADLINE_FROM ? lastDayOf(period) : lastDayOf(addMonths(period, 1));
}
