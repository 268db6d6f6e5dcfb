import type { IsoDate } from '../calendar.js';
import { FactMap, isLive, type FactTracking, type StreamFacts } from '../reversal/stream-facts.js';

export interface CardRecord { eventId: string; cardNo: string; validFrom: IsoDate; validTo: IsoDate }

/** What a `person-{personId}` stream needs to remember to decide its next command. */
export interface PersonState extends FactTracking {
  kind: 'person';
  cards: CardRecord[];
}

export function initialPersonState(facts: StreamFacts = new FactMap()): PersonState {
  return { kind: 'person', facts, cards: [] };
}

/** The unreversed card whose validity shares at least one day with [validFrom, validTo], if any. */
export function overlappingCard(state: PersonState, validFrom: IsoDate, validTo: IsoDate): CardRecord | undefined {
  return state.cards.find((card) => card.validFrom <= validTo && validFrom <= card.validTo && isLive(state.facts, card.eventId));
}
