import { FactIndex, type FactTracking } from '../reversal/fact-index.js';

/**
 * The `rules-interest` stream: every announced rate k is kept as recorded; which one is in force on a
 * date is `interestRatesFrom`'s answer over them, so deciding needs only the fact index.
 */
export interface InterestRulesState extends FactTracking {
  kind: 'rules';
}

export function initialInterestRulesState(): InterestRulesState {
  return { kind: 'rules', facts: new FactIndex() };
}
