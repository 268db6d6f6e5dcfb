import { isIsoDate, isIsoMonth, todayUtc } from '#domain';
import { decodeCursor, startOfYear } from '#read-models';
import { ValidationFailed, type FieldError } from '../common/http-errors.js';

/**
 * Query-string readers that refuse bad values with the contract's 400 instead of guessing.
 * Each collects its problem into `errors`; `check()` throws them all at once.
 */
export class QueryParams {
  private readonly errors: FieldError[] = [];

  constructor(private readonly query: Record<string, unknown>) {}

  date(name: string, fallback?: string): string {
    const value = this.query[name];
    if (value === undefined || value === '') return fallback ?? todayUtc();
    if (!isIsoDate(value)) this.errors.push({ field: name, message: 'must be a date YYYY-MM-DD' });
    return String(value);
  }

  month(name: string, value: unknown = this.query[name]): string {
    if (!isIsoMonth(value)) this.errors.push({ field: name, message: 'must be a month YYYY-MM' });
    return String(value);
  }

  /** An ISO 8601 instant, for "as the ledger knew it at" questions. */
  instant(name: string): string | undefined {
    const value = this.query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value)) {
      this.errors.push({ field: name, message: 'must be an ISO 8601 instant' });
      return undefined;
    }
    return new Date(value).toISOString();
  }

  integer(name: string, options: { min: number; max: number; fallback?: number }, value: unknown = this.query[name]): number {
    if (value === undefined || value === '') return options.fallback ?? options.min;
    const text = String(value);
    const number = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(number) || number < options.min || number > options.max) {
      this.errors.push({ field: name, message: `must be a whole number from ${options.min} to ${options.max}` });
      return options.fallback ?? options.min;
    }
    return number;
  }

  areaCode(name: string, value: unknown = this.query[name], required = true): string | undefined {
    if ((value === undefined || value === '') && !required) return undefined;
    if (typeof value !== 'string' || !/^(\d{2}|\d{3}|\d{5})$/.test(value)) {
      this.errors.push({ field: name, message: 'must be a GSO area code of 2, 3 or 5 digits' });
    }
    return value as string;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.query[name];
    if (value === undefined || value === '') return undefined;
    if (!allowed.includes(value as T)) this.errors.push({ field: name, message: `must be one of ${allowed.join(', ')}` });
    return value as T;
  }

  /** A page cursor as a previous answer gave it; anything else is refused, never read as page 1. */
  cursor(name: string): string | undefined {
    const value = this.query[name];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string' || decodeCursor(value) === undefined) {
      this.errors.push({ field: name, message: 'must be a cursor exactly as a previous answer gave it (nextCursor)' });
      return undefined;
    }
    return value;
  }

  /** `from`..`to` as read by `date()`: a range that ends before it starts is refused, not answered with zeros. */
  dateRange(fromName: string, toName: string): { from: string; to: string } {
    const to = this.date(toName);
    const from = this.date(fromName, startOfYear(to));
    if (isIsoDate(from) && isIsoDate(to) && from > to) {
      this.errors.push({ field: fromName, message: `must not be after ${toName} (${from} is after ${to})` });
    }
    return { from, to };
  }

  string(name: string): string | undefined {
    const value = this.query[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  }

  check(): void {
    if (this.errors.length > 0) throw new ValidationFailed(this.errors);
  }
}
