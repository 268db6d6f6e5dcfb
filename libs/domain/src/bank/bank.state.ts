import { FactMap, type FactTracking, type StreamFacts } from '../reversal/stream-facts.js';

export type BankCreditStatus = 'unmatched' | 'matched' | 'assigned' | 'returned';

/**
 * A collection account's stream `bank-{account}`: its credits and what was decided on each. A decision
 * (match, assignment) that is reversed puts its credit back in suspense, so `decisionOf` remembers
 * which credit each decision was about.
 */
export interface BankState extends FactTracking {
  kind: 'bank';
  credits: Map<string, { status: BankCreditStatus; areaCode: string }>;
  decisionOf: Map<string, string>;
}

export function initialBankState(facts: StreamFacts = new FactMap()): BankState {
  return { kind: 'bank', facts, credits: new Map(), decisionOf: new Map() };
}
