import type { StoredFact } from '../decider.js';
import { trackFact } from '../reversal/stream-facts.js';
import type { EmployerState } from './employer.state.js';

/** Folds one fact into the employer's state, in place, and returns the same object. */
export function evolveEmployer(state: EmployerState, fact: StoredFact): EmployerState {
  trackFact(state.facts, fact);
  switch (fact.type) {
    case 'EmployerRegistered': {
      const { unitCode, name, areaCode, registeredOn } = (fact as StoredFact<'EmployerRegistered'>).data;
      state.profile = { unitCode, name, areaCode, registeredOn };
      break;
    }
    case 'EmployerStatusChanged': {
      const { status, effectiveOn } = (fact as StoredFact<'EmployerStatusChanged'>).data;
      state.statusChanges.push({ eventId: fact.eventId, status, effectiveOn });
      break;
    }
    case 'ContributionAssessed': {
      const { period, dueDate, funds } = (fact as StoredFact<'ContributionAssessed'>).data;
      state.assessments.push({ eventId: fact.eventId, period, dueDate, funds });
      break;
    }
    case 'ContributionCollected': {
      const { payer, collectedOn, amount } = (fact as StoredFact<'ContributionCollected'>).data;
      if (payer.kind === 'employer') state.collections.push({ eventId: fact.eventId, collectedOn, amount, ...(payer.period ? { period: payer.period } : {}) });
      break;
    }
    case 'LateInterestCharged': {
      const { month, to } = (fact as StoredFact<'LateInterestCharged'>).data;
      state.charges.push({ eventId: fact.eventId, month, to });
      break;
    }
    case 'EmployerRelocated': {
      const { areaCode, effectiveOn } = (fact as StoredFact<'EmployerRelocated'>).data;
      state.relocations.push({ eventId: fact.eventId, areaCode, effectiveOn });
      break;
    }
    default:
      // Inspections, reversals and issue 22's other facts need nothing beyond the fact index.
      break;
  }
  return state;
}
