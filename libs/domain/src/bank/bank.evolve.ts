import type { StoredFact } from '../decider.js';
import { trackFact } from '../reversal/stream-facts.js';
import type { BankState } from './bank.state.js';

/** Folds one fact into the stream's state, in place, and returns the same object. */
export function evolveBank(state: BankState, fact: StoredFact): BankState {
  trackFact(state.facts, fact);
  switch (fact.type) {
    case 'BankCreditReceived':
      state.credits.set(fact.eventId, { status: 'unmatched', areaCode: (fact as StoredFact<'BankCreditReceived'>).data.areaCode });
      break;
    case 'BankCreditMatched':
    case 'BankCreditAssigned':
    case 'BankCreditReturned': {
      const creditId = (fact as StoredFact<'BankCreditMatched'>).data.creditId;
      const credit = state.credits.get(creditId);
      if (credit) credit.status = fact.type === 'BankCreditMatched' ? 'matched' : fact.type === 'BankCreditAssigned' ? 'assigned' : 'returned';
      state.decisionOf.set(fact.eventId, creditId);
      break;
    }
    case 'EntryReversed': {
      // A reversed decision puts its credit back in suspense; the decision stays in the log.
      const creditId = state.decisionOf.get((fact as StoredFact<'EntryReversed'>).data.eventId);
      const credit = creditId === undefined ? undefined : state.credits.get(creditId);
      if (credit) credit.status = 'unmatched';
      break;
    }
  }
  return state;
}
