import type { StoredFact } from '../decider.js';
import { trackFact } from '../reversal/stream-facts.js';
import type { PlanState } from './plan.state.js';

/** Folds one fact into the plan's state, in place, and returns the same object. */
export function evolvePlan(state: PlanState, fact: StoredFact): PlanState {
  trackFact(state.facts, fact);
  return state;
}
