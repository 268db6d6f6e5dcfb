import { Decimal } from 'decimal.js';

/**
 * Money in socai is a decimal string of whole đồng ("1380103000000"). The đồng has no minor unit,
 * so an amount is never fractional; decimal.js does every sum so no JS float touches an amount.
 */
export type Money = string;

/** A Decimal constructor of our own so no other library's settings leak into ledger arithmetic. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = InstanceType<typeof Dec>;

/**
 * The largest amount the ledger accepts: 10^15 đồng (a million billion), twice what the whole
 * country collects in a year. The contract refuses anything over 10^18; the lower bound keeps every
 * sum the read models take in 64-bit integers (docs/decisions.md, "The amount bound").
 */
export const MAX_AMOUNT = new Dec('1e15');
/** The bound as users read it in a refusal. */
export const MAX_AMOUNT_TEXT = '10^15';

const WHOLE_DONG = /^(0|[1-9][0-9]*)$/;

/** Why an input is not an amount; undefined when it is one. */
export function moneyProblem(input: unknown): string | undefined {
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input)) return 'must be a whole number of đồng given as a decimal string';
    if (input < 0) return 'must not be negative';
    if (input > MAX_AMOUNT.toNumber()) return `must not exceed ${MAX_AMOUNT_TEXT} đồng`;
    return undefined;
  }
  if (typeof input !== 'string') return 'must be a decimal string of whole đồng';
  if (input.startsWith('-')) return 'must not be negative';
  if (!WHOLE_DONG.test(input)) return 'must be a decimal string of whole đồng (digits only, no fraction, sign or exponent)';
  if (exceedsMaxAmount(input)) return `must not exceed ${MAX_AMOUNT_TEXT} đồng`;
  return undefined;
}

const MAX_AMOUNT_DIGITS = MAX_AMOUNT.toFixed(0);

/**
 * For a string of digits without leading zeros, more digits is a larger number and equally long
 * ones compare as text: no Decimal is built for every amount of an import.
 */
function exceedsMaxAmount(digits: string): boolean {
  if (digits.length !== MAX_AMOUNT_DIGITS.length) return digits.length > MAX_AMOUNT_DIGITS.length;
  return digits > MAX_AMOUNT_DIGITS;
}

/** Normalises an accepted amount (a safe-integer JSON number or a digit string) to its string form. */
export function toMoney(input: unknown): Money {
  const problem = moneyProblem(input);
  if (problem) throw new RangeError(`not an amount: ${problem}`);
  return typeof input === 'number' ? String(input) : (input as string);
}

export const ZERO: Money = '0';

export function addMoney(...amounts: Money[]): Money {
  return amounts.reduce((sum, amount) => sum.plus(amount), new Dec(0)).toFixed(0);
}

export function subMoney(a: Money, b: Money): Money {
  return new Dec(a).minus(b).toFixed(0);
}

export function minMoney(a: Money, b: Money): Money {
  return new Dec(a).lte(b) ? a : b;
}

export function compareMoney(a: Money, b: Money): number {
  return new Dec(a).comparedTo(b);
}

/** Rounds a Decimal half-up to the đồng, as every computed amount must be. */
export function roundToDong(value: Dec): Money {
  return value.toDecimalPlaces(0, Dec.ROUND_HALF_UP).toFixed(0);
}
