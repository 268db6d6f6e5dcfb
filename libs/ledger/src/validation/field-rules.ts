import { addMonths, isIsoDate, isIsoMonth, monthOf, todayUtc, type IsoMonth } from '#domain';

/**
 * The shape rules of command fields, as plain predicates with the message a user reads when a
 * value breaks them. Existence (is the area in force, is the employer registered) is the domain's
 * business and answers 422; these rules only say whether the input is well formed (400).
 */
export interface FieldRule {
  readonly name: string;
  readonly test: (value: unknown) => boolean;
  /** What is wrong with a value that fails the test (a function when it depends on the value). */
  readonly problem: string | ((value: unknown) => string);
}

export const MAX_NAME_LENGTH = 300;
export const MAX_REASON_LENGTH = 1000;
export const MAX_CODE_LENGTH = 64;
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

/** Mã đơn vị: historically 7 characters (TA0100A), treated as an opaque code (domain.md, Identifiers). */
export const UNIT_CODE = /^[A-Za-z0-9]{3,20}$/;
/** Mã số BHXH (10 digits) or, from 2025-08-01, the 12-digit CCCD that replaces it (domain.md, Identifiers). */
export const PERSON_ID = /^(?:\d{10}|\d{12})$/;
/** BHYT card code: group code, benefit level 1–5, province, 10-digit BHXH number (QĐ 1666/QĐ-BHXH). */
export const CARD_NO = /^[A-Z]{2}[1-5]\d{2}\d{10}$/;
/** GSO area codes: province 2 digits, district 3, commune 5. */
export const AREA_CODE = /^(?:\d{2}|\d{3}|\d{5})$/;

/** A UTF-16 half of a pair without its other half: no character at all, and invalid UTF-8 once stored or printed. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BLANK = /^\s*$/;

/** Why a text (a name, a reason, a reference) cannot be recorded; undefined when it can. */
export function textProblem(value: unknown, maxLength: number): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    return `must be a non-empty string of at most ${maxLength} characters`;
  }
  // A name of spaces names nothing; NUL cuts it short in C tools and PostgreSQL refuses it in text.
  if (BLANK.test(value)) return 'must not be blank';
  if (value.includes('\u0000')) return 'must not contain a NUL character';
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone surrogate (it is not valid Unicode text)';
  return undefined;
}

export function textRule(maxLength: number): FieldRule {
  return {
    name: `isText${maxLength}`,
    test: (value) => textProblem(value, maxLength) === undefined,
    problem: (value) => textProblem(value, maxLength) ?? 'is not a text',
  };
}

function patternRule(name: string, pattern: RegExp, problem: string): FieldRule {
  return { name, test: (value) => typeof value === 'string' && pattern.test(value), problem };
}

export const UNIT_CODE_RULE = patternRule('isUnitCode', UNIT_CODE, 'must be 3 to 20 letters or digits');
export const PERSON_ID_RULE = patternRule(
  'isPersonId',
  PERSON_ID,
  'must be a 10-digit BHXH number or a 12-digit CCCD number',
);
export const CARD_NO_RULE = patternRule(
  'isCardNo',
  CARD_NO,
  'must be a 15-character BHYT card code: 2 capital letters, a benefit level 1-5, a 2-digit province code and 10 digits',
);
export const AREA_CODE_RULE = patternRule('isAreaCode', AREA_CODE, 'must be a GSO area code of 2, 3 or 5 digits');

export const DATE_RULE: FieldRule = { name: 'isIsoDate', test: isIsoDate, problem: 'must be a calendar date YYYY-MM-DD' };
export const MONTH_RULE: FieldRule = { name: 'isIsoMonth', test: isIsoMonth, problem: 'must be a month YYYY-MM' };

/**
 * How far ahead a period may be assessed: an employer may declare a year ahead, never more; a
 * period in 2099 is a typing mistake that would sit in the arrears worklist for decades.
 */
export const MAX_PERIOD_AHEAD_MONTHS = 12;

/** The latest period that may be assessed now: the current month (UTC) + MAX_PERIOD_AHEAD_MONTHS. */
export function latestAssessablePeriod(now: Date = new Date()): IsoMonth {
  return addMonths(monthOf(todayUtc(now)), MAX_PERIOD_AHEAD_MONTHS);
}

export const ASSESSMENT_PERIOD_RULE: FieldRule = {
  name: 'isAssessablePeriod',
  test: (value) => isIsoMonth(value) && value <= latestAssessablePeriod(),
  problem: (value) =>
    isIsoMonth(value) ? `must not be later than ${latestAssessablePeriod()} (the current month + ${MAX_PERIOD_AHEAD_MONTHS})` : MONTH_RULE.problem as string,
};

export const YEAR_RULE: FieldRule = {
  name: 'isYear',
  test: (value) => typeof value === 'number' && Number.isInteger(value) && value >= MIN_YEAR && value <= MAX_YEAR,
  problem: `must be a whole year from ${MIN_YEAR} to ${MAX_YEAR}`,
};

/** Counts (people, visits) are JSON numbers; a string or a fraction is a mistake, not a count. */
export const COUNT_RULE: FieldRule = {
  name: 'isCount',
  test: (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0,
  problem: 'must be a non-negative whole number',
};

export const BOOLEAN_RULE: FieldRule = {
  name: 'isBoolean',
  test: (value) => typeof value === 'boolean',
  problem: 'must be true or false',
};

export const OBJECT_RULE: FieldRule = {
  name: 'isObject',
  test: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  problem: 'must be an object',
};

export function oneOfRule(values: readonly string[]): FieldRule {
  const allowed = new Set<unknown>(values);
  return { name: 'isOneOf', test: (value) => allowed.has(value), problem: `must be one of: ${values.join(', ')}` };
}

export const MAX_STATEMENT_LINES = 200_000;

/** A payout agent's statement: 1 to 200,000 lines, each an object (checked field by field after). */
export const STATEMENT_LINES_RULE: FieldRule = {
  name: 'isStatementLines',
  test: (value) =>
    Array.isArray(value) &&
    value.length >= 1 &&
    value.length <= MAX_STATEMENT_LINES &&
    value.every((line) => OBJECT_RULE.test(line)),
  problem: (value) => {
    if (!Array.isArray(value)) return 'must be a list of statement lines';
    if (value.length < 1 || value.length > MAX_STATEMENT_LINES) {
      return `must hold from 1 to ${MAX_STATEMENT_LINES} lines, not ${value.length}`;
    }
    return `line ${value.findIndex((line) => !OBJECT_RULE.test(line))} must be an object`;
  },
};

/** A regional minimum-wage region, vùng I–IV, as the number 1 to 4 (issue 22). */
export const WAGE_REGION_RULE: FieldRule = {
  name: 'isWageRegion',
  test: (value) => value === 1 || value === 2 || value === 3 || value === 4,
  problem: 'must be the wage region 1, 2, 3 or 4 (vùng I–IV)',
};

/** A monthly rate in percent as the agency prints it: a decimal string above 0 and below 100, at most 6 decimals. */
export const PERCENT_RULE: FieldRule = {
  name: 'isPercent',
  test: (value) => typeof value === 'string' && /^(0|[1-9]\d?)(\.\d{1,6})?$/.test(value) && /[1-9]/.test(value),
  problem: 'must be a percentage above 0 and below 100 as a decimal string with at most 6 decimals, e.g. "1.317"',
};
