import type { StoredFact } from '../decider.js';
import { trackFact } from '../reversal/stream-facts.js';
import type { FacilityState } from './facility.state.js';

/** Folds one fact into the facility's state, in place, and returns the same object. */
export function evolveFacility(state: FacilityState, fact: StoredFact): FacilityState {
  trackFact(state.facts, fact);
  return state;
}
