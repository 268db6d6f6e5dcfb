import { FactIndex, type FactTracking } from '../reversal/fact-index.js';

/** A `facility-{facilityCode}` stream: claim assessments need nothing but the fact index (for reversals). */
export interface FacilityState extends FactTracking {
  kind: 'facility';
}

export function initialFacilityState(): FacilityState {
  return { kind: 'facility', facts: new FactIndex() };
}
