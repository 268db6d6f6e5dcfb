/**
 * Calendar arithmetic on business dates (YYYY-MM-DD) and months (YYYY-MM), in UTC so that no
 * time zone can move a date. Business dates carry no time of day.
 */
export type IsoDate = string;
export type IsoMonth = string;

const MONTH = /^(\d{4})-(\d{2})$/;

/**
 * YYYY-MM-DD naming a real day of year 1900 or later. Read digit by digit: every import line has
 * several dates, and the regular expression and Date it was checked with were garbage per date.
 */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 0x2d || value.charCodeAt(7) !== 0x2d) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonthOf(year, month);
}

/** The number written by the ASCII digits value[from..to), or -1 if one of them is not a digit. */
function digits(value: string, from: number, to: number): number {
  let number = 0;
  for (let at = from; at < to; at++) {
    const digit = value.charCodeAt(at) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

function daysInMonthOf(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isIsoMonth(value: unknown): value is IsoMonth {
  if (typeof value !== 'string') return false;
  const m = MONTH.exec(value);
  return !!m && +m[2] >= 1 && +m[2] <= 12 && +m[1] >= 1900;
}

export function monthOf(date: IsoDate): IsoMonth {
  return date.slice(0, 7);
}

export function firstDayOf(month: IsoMonth): IsoDate {
  return `${month}-01`;
}

export function lastDayOf(month: IsoMonth): IsoDate {
  // Read digit by digit rather than split: the arrears query walks months by the thousand per call, and
  // each split was two arrays and four strings of garbage (docs/decisions.md, "Arrears p99").
  const y = yearOfMonth(month);
  const m = y < 0 ? -1 : digits(month, 5, 7);
  if (m < 1 || m > 12) return lastDayOfParsed(month);
  return `${month}-${daysInMonthOf(y, m)}`;
}

/** lastDayOf for a month not written YYYY-MM: as it always read one. */
function lastDayOfParsed(month: IsoMonth): IsoDate {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return `${month}-${days}`;
}

/** The year of a YYYY-MM month, or -1 when it is not written so. */
function yearOfMonth(month: IsoMonth): number {
  return month.length === 7 && month.charCodeAt(4) === 0x2d ? digits(month, 0, 4) : -1;
}

export function addMonths(month: IsoMonth, count: number): IsoMonth {
  const y = yearOfMonth(month);
  const m = y < 0 ? -1 : digits(month, 5, 7);
  if (m >= 1 && m <= 12 && Number.isInteger(count)) {
    const index = y * 12 + (m - 1) + count;
    const year = Math.floor(index / 12);
    const next = (index % 12) + 1;
    if (year >= 1000 && year <= 9999) return `${year}-${next < 10 ? '0' : ''}${next}`;
  }
  return addMonthsParsed(month, count);
}

/** addMonths for the cases the digit reading leaves: as it always read them. */
function addMonthsParsed(month: IsoMonth, count: number): IsoMonth {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, count: number): IsoDate {
  // A day within the same month is worked out from the digits: the arrears query moves a date by a
  // day for each stretch of its late history, and each Date and its ISO text were garbage.
  if (isIsoDate(date) && Number.isInteger(count)) {
    const day = digits(date, 8, 10) + count;
    if (day >= 1 && day <= daysInMonthOf(digits(date, 0, 4), digits(date, 5, 7))) return `${date.slice(0, 8)}${day < 10 ? '0' : ''}${day}`;
  }
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + count);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Months from `from` to `to`, both inclusive: 2021-01..2021-12 is 12. */
export function monthsInclusive(from: IsoMonth, to: IsoMonth): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export function todayUtc(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}
