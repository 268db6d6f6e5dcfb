import { Transform } from 'class-transformer';
import { ValidateBy, type ValidationOptions } from 'class-validator';
import { moneyProblem } from '#domain';
import type { FieldRule } from './field-rules.js';

/** The money rule as a plain predicate, for the fast path; `IsMoney` applies the same test. */
export const MONEY_RULE: FieldRule = {
  name: 'isMoney',
  test: (value) => moneyProblem(value) === undefined,
  problem: (value) => moneyProblem(value) ?? 'is not an amount',
};

/**
 * An amount of money: a decimal string of whole đồng, or a JSON integer that is a safe integer
 * (contract: "fractions, negatives, exponents and values over 10^18 are refused"; socai refuses over
 * 10^15, MAX_AMOUNT). The domain's
 * `moneyProblem` is the single source of that rule, so the HTTP layer and the import agree with it.
 */
export function IsMoney(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMoney',
      validator: {
        validate: (value: unknown) => moneyProblem(value) === undefined,
        defaultMessage: (args) => (args?.value == null ? 'is required' : (moneyProblem(args.value) ?? 'is not an amount')),
      },
    },
    options,
  );
}

/**
 * Turns an accepted JSON number into its decimal string (1000 → "1000") before validation, so that
 * no number ever reaches the ledger as an amount. Anything else is left for `IsMoney` to refuse.
 */
export function NormaliseMoney(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'number' && moneyProblem(value) === undefined ? String(value) : value));
}
