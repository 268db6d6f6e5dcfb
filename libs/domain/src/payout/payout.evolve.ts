import type { StoredFact } from '../decider.js';
import { trackFact } from '../reversal/stream-facts.js';
import type { PayoutState } from './payout.state.js';

/** Folds one fact into the payout stream's state, in place, and returns the same object. */
export function evolvePayout(state: PayoutState, fact: StoredFact): PayoutState {
  trackFact(state.facts, fact);
  return state;
}
