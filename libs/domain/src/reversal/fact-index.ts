import type { StoredFact } from '../decider.js';
import type { EventType } from '../events.js';

/** What a stream's state remembers of each of its facts, enough to decide a reversal. */
export interface FactRecord {
  type: EventType;
  position: number;
  revision: number;
  areaCode: string;
  reversed: boolean;
}

/** A stream's facts by eventId, in the order they were recorded (a Map keeps insertion order). */
export type FactIndex = Map<string, FactRecord>;

/** Every stream state carries its fact index; the ledger reads `facts.get(id).reversed` too. */
export interface FactTracking {
  facts: FactIndex;
}

/**
 * Records a fact in the index and, for a reversal, marks the fact it cancels. Mutates the index:
 * states are folded in place (see ledger-decider.ts).
 */
export function trackFact(facts: FactIndex, fact: StoredFact): void {
  const data = fact.data as { areaCode?: string };
  facts.set(fact.eventId, { type: fact.type, position: fact.position, revision: fact.revision, areaCode: data.areaCode ?? '', reversed: false });
  if (fact.type === 'EntryReversed') {
    const target = facts.get((fact as StoredFact<'EntryReversed'>).data.eventId);
    if (target) target.reversed = true;
  }
}

/** True when the fact is known and has not been reversed. */
export function isLive(facts: FactIndex, eventId: string): boolean {
  const record = facts.get(eventId);
  return record !== undefined && !record.reversed;
}

/** The area of the most recent fact still in force, if any (a person's last known area). */
export function lastLiveArea(facts: FactIndex): string | undefined {
  let area: string | undefined;
  for (const record of facts.values()) {
    if (!record.reversed && record.type !== 'EntryReversed' && record.areaCode) area = record.areaCode;
  }
  return area;
}
