import { FactIndex, type FactTracking } from '../reversal/fact-index.js';

/** A `payout-{areaCode}-{month}` stream holds reconciliations, which report and are never reversed. */
export interface PayoutState extends FactTracking {
  kind: 'payout';
}

export function initialPayoutState(): PayoutState {
  return { kind: 'payout', facts: new FactIndex() };
}
