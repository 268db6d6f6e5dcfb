import type { StoredFact } from '../decider.js';
import { trackFact } from '../reversal/stream-facts.js';
import type { InterestRulesState } from './interest-rules.state.js';

/** Folds one fact into the stream's state, in place, and returns the same object. */
export function evolveInterestRules(state: InterestRulesState, fact: StoredFact): InterestRulesState {
  trackFact(state.facts, fact);
  return state;
}
