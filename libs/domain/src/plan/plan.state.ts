import { FactMap, type FactTracking, type StreamFacts } from '../reversal/stream-facts.js';

/**
 * A `plan-{areaCode}-{year}` stream. Every assignment is kept; the one with the latest assignedOn
 * is the plan in force, which the read side works out, so deciding needs only the fact index.
 */
export interface PlanState extends FactTracking {
  kind: 'plan';
}

export function initialPlanState(facts: StreamFacts = new FactMap()): PlanState {
  return { kind: 'plan', facts };
}
