import { FactMap, type FactTracking, type StreamFacts } from '../reversal/stream-facts.js';

/** A `payout-{areaCode}-{month}` stream holds reconciliations, which report and are never reversed. */
export interface PayoutState extends FactTracking {
  kind: 'payout';
}

export function initialPayoutState(facts: StreamFacts = new FactMap()): PayoutState {
  return { kind: 'payout', facts };
}
