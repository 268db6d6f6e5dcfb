import type { IsoDate } from '../calendar.js';
import type { AreaLookup } from '../decider.js';
import { refuse } from '../errors.js';
import type { PersonState } from './person.state.js';

/** The old personal BHXH number: 10 digits, the first two the province that issued it (domain.md). */
const BHXH_NUMBER = /^\d{10}$/;

/**
 * Where a person's payment is placed when the clerk names no area: the person's home on the day
 * (`personHomeOn`), else the province coded in a 10-digit BHXH number. A home or province abolished on
 * 2025-07-01 counts in its successor from then (issue 28); a code that has no area on the day (a
 * commune before 2025-07-01) leaves the clerk to name one (AREA_REQUIRED).
 */
export function personAreaFor(state: PersonState, personId: string, onDate: IsoDate, areas: AreaLookup): string {
  const lastKnown = personHomeOn(state, onDate);
  const home = lastKnown === undefined ? undefined : areas.succession.successorOn(lastKnown, onDate);
  if (home) return home;
  if (BHXH_NUMBER.test(personId)) {
    const province = areas.succession.successorOn(personId.slice(0, 2), onDate);
    if (province && areas.find(province, onDate)?.level === 'province') return province;
  }
  return refuse('AREA_REQUIRED', `no area known for person ${personId} on ${onDate}: give areaCode`);
}

/**
 * A person's recorded home: the area of their most recent fact still in force (a book, card, benefit
 * or payment), or of a relocation recorded later, once its `effectiveOn` has come. A payment recorded
 * after a relocation in force does not move the person back: it was placed by that home (or by a
 * clerk's one-off `areaCode`), while a later book, card or benefit does move them. Undefined when no
 * fact names an area. No successor is applied: that is the caller's, on the date it asks for.
 */
export function personHomeOn(state: PersonState, onDate: IsoDate): string | undefined {
  let area: string | undefined;
  let relocated = false;
  let revision = -1;
  for (const record of state.facts.values()) {
    revision++;
    if (record.reversed || record.type === 'EntryReversed' || !record.areaCode) continue;
    if (record.type === 'PersonRelocated') {
      if (!(state.relocations.find((r) => r.revision === revision)!.effectiveOn <= onDate)) continue;
      relocated = true;
    } else if (record.type === 'ContributionCollected') {
      if (relocated) continue;
    } else {
      relocated = false;
    }
    area = record.areaCode;
  }
  return area;
}
