import type { IsoDate } from '../calendar.js';
import type { AreaLookup } from '../decider.js';
import { refuse } from '../errors.js';
import { lastLiveArea } from '../reversal/stream-facts.js';
import type { PersonState } from './person.state.js';

/** The old personal BHXH number: 10 digits, the first two the province that issued it (domain.md). */
const BHXH_NUMBER = /^\d{10}$/;

/**
 * Where a person's payment is placed when the clerk names no area: the area of the person's most
 * recent fact still in force, else the province coded in a 10-digit BHXH number. Either must exist
 * in the area table of the day collected (a district of 2021 is no area in 2026), else the clerk
 * must name one (AREA_REQUIRED).
 */
export function personAreaFor(state: PersonState, personId: string, onDate: IsoDate, areas: AreaLookup): string {
  const lastKnown = lastLiveArea(state.facts);
  if (lastKnown && areas.find(lastKnown, onDate)) return lastKnown;
  if (BHXH_NUMBER.test(personId)) {
    const province = personId.slice(0, 2);
    if (areas.find(province, onDate)?.level === 'province') return province;
  }
  return refuse('AREA_REQUIRED', `no area known for person ${personId} on ${onDate}: give areaCode`);
}
