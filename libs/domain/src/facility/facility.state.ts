import { FactMap, type FactTracking, type StreamFacts } from '../reversal/stream-facts.js';

/** A `facility-{facilityCode}` stream: claim assessments need nothing but the fact index (for reversals). */
export interface FacilityState extends FactTracking {
  kind: 'facility';
}

export function initialFacilityState(facts: StreamFacts = new FactMap()): FacilityState {
  return { kind: 'facility', facts };
}
