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
    case 'ContributionAssessed':
      state.assessments.push({ eventId: fact.eventId, period: (fact as StoredFact<'ContributionAssessed'>).data.period });
      break;
    case 'EmployerRelocated': {
      const { areaCode, effectiveOn } = (fact as StoredFact<'EmployerRelocated'>).data;
      state.relocations.push({ eventId: fact.eventId, areaCode, effectiveOn });
      break;
    }
    default:
      // Collections, inspections and reversals need nothing beyond the fact index.
      break;
  }
  return state;
}
