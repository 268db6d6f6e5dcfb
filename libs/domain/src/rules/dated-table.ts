import type { IsoDate } from '../calendar.js';

/**
 * One row of a rule that changes over time: the value in force from `from` until the next row's
 * `from`. Every row names its legal source; `verify` marks a value not confirmed from a primary
 * text (domain.md *(verify)*), which stays configurable here rather than buried in code.
 */
export interface DatedRow<T> {
  from: IsoDate;
  value: T;
  source: string;
  verify?: true;
}

export type DatedTable<T> = readonly DatedRow<T>[];

/**
 * The row in force on `date`: the latest row whose `from` is on or before it, so replays of old
 * months use the rules of their time. Undefined before the first row. ISO dates compare as strings.
 */
export function rowOn<T>(table: DatedTable<T>, date: IsoDate): DatedRow<T> | undefined {
  let found: DatedRow<T> | undefined;
  for (const row of table) {
    if (row.from <= date && (!found || row.from >= found.from)) found = row;
  }
  return found;
}

export function valueOn<T>(table: DatedTable<T>, date: IsoDate): T | undefined {
  return rowOn(table, date)?.value;
}
