import type { StoredFact } from '../decider.js';
import { trackFact } from '../reversal/stream-facts.js';
import type { PersonState } from './person.state.js';

/** Folds one fact into the person's state, in place, and returns the same object. */
export function evolvePerson(state: PersonState, fact: StoredFact): PersonState {
  trackFact(state.facts, fact);
  if (fact.type === 'CardIssued') {
    const { cardNo, validFrom, validTo } = (fact as StoredFact<'CardIssued'>).data;
    state.cards.push({ revision: fact.revision, cardNo, validFrom, validTo });
  } else if (fact.type === 'PersonRelocated') {
    state.relocations.push({ revision: fact.revision, effectiveOn: (fact as StoredFact<'PersonRelocated'>).data.effectiveOn });
  }
  return state;
}
