import type { IsoDate } from '../calendar.js';
import { FactMap, isLive, type FactTracking, type StreamFacts } from '../reversal/stream-facts.js';

export interface CardRecord { revision: number; cardNo: string; validFrom: IsoDate; validTo: IsoDate }
/** A PersonRelocated fact: its date, so that a payment dated before the move is not placed by it. */
export interface PersonRelocationRecord { revision: number; effectiveOn: IsoDate }

/** What a `person-{personId}` stream needs to remember to decide its next command. */
export interface PersonState extends FactTracking {
  kind: 'person';
  cards: CardRecord[];
  relocations: PersonRelocationRecord[];
}

export function initialPersonState(facts: StreamFacts = new FactMap()): PersonState {
  return { kind: 'person', facts, cards: [], relocations: [] };
}

/** The unreversed card whose validity shares at least one day with [validFrom, validTo], if any. */
export function overlappingCard(state: PersonState, validFrom: IsoDate, validTo: IsoDate): CardRecord | undefined {
  return state.cards.find((card) => card.validFrom <= validTo && validFrom <= card.validTo && isLive(state.facts, card.revision));
}
