import { lastDayOf } from '#domain';
import type { IsoDate } from '#domain';

/** The same day a year earlier; 29 February becomes 28 February. */
export function sameDayPreviousYear(date: IsoDate): IsoDate {
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, '0');
  const month = `${year}-${date.slice(5, 7)}`;
  const day = date.slice(8, 10);
  const last = lastDayOf(month);
  return day > last.slice(8, 10) ? last : `${month}-${day}`;
}

/** 1 January of the year of `date`: where a range left open at its start begins (totals, report, the HTTP `from`). */
export function startOfYear(date: IsoDate): IsoDate {
  return `${date.slice(0, 4)}-01-01`;
}
