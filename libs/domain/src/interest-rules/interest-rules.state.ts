import { FactMap, type FactTracking, type StreamFacts } from '../reversal/stream-facts.js';

/**
 * The `rules-interest` stream: every announced rate k is kept as recorded; which one is in force on a
 * date is `interestRatesFrom`'s answer over them, so deciding needs only the fact index.
 */
export interface InterestRulesState extends FactTracking {
  kind: 'rules';
}

export function initialInterestRulesState(facts: StreamFacts = new FactMap()): InterestRulesState {
  return { kind: 'rules', facts };
}
