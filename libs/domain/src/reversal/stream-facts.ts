import type { StoredFact } from '../decider.js';
import type { AnyEventType } from '../events.js';

/** What a stream's state remembers of each of its facts, enough to decide a reversal. */
export interface FactRecord {
  type: AnyEventType;
  position: number;
  areaCode: string;
  reversed: boolean;
}

/**
 * What a decider knows of its stream's facts: has a fact been recorded, is it still in force, in what
 * order were they recorded. The rules over it are below (trackFact, isLive, lastLiveArea); how it is
 * kept in memory is the caller's choice, given when a state is created (`initialStateFor`): the
 * ledger's cached states pack it (libs/ledger/src/states/packed-fact-index.ts), specs take FactMap.
 * States are folded in place, so it is mutable; `clone` copies it for a speculative fold.
 */
export interface StreamFacts {
  readonly size: number;
  get(eventId: string): FactRecord | undefined;
  /** True when the fact is known and has not been reversed. */
  isLive(eventId: string): boolean;
  /** Records a fact; a fact already known (the same eventId) keeps its place and takes the new values. */
  set(eventId: string, record: FactRecord): void;
  markReversed(eventId: string): void;
  /** The records in the order they were recorded. */
  values(): IterableIterator<FactRecord>;
  /** The eventIds with their records, in the order recorded (a person's relocations are found by id). */
  entries(): IterableIterator<[string, FactRecord]>;
  /** A copy that later changes to this one do not touch. */
  clone(): StreamFacts;
}

/** The plain StreamFacts: a Map, which keeps the order of first recording. */
export class FactMap implements StreamFacts {
  private readonly records = new Map<string, FactRecord>();

  get size(): number {
    return this.records.size;
  }

  get(eventId: string): FactRecord | undefined {
    const record = this.records.get(eventId);
    return record && { ...record };
  }

  isLive(eventId: string): boolean {
    const record = this.records.get(eventId);
    return record !== undefined && !record.reversed;
  }

  set(eventId: string, record: FactRecord): void {
    this.records.set(eventId, { ...record });
  }

  markReversed(eventId: string): void {
    const record = this.records.get(eventId);
    if (record) record.reversed = true;
  }

  *values(): IterableIterator<FactRecord> {
    for (const record of this.records.values()) yield { ...record };
  }

  *entries(): IterableIterator<[string, FactRecord]> {
    for (const [eventId, record] of this.records) yield [eventId, { ...record }];
  }

  clone(): FactMap {
    const copy = new FactMap();
    for (const [eventId, record] of this.records) copy.records.set(eventId, { ...record });
    return copy;
  }
}

/** Every stream state carries its facts; the ledger reads `facts.get(id).reversed` too. */
export interface FactTracking {
  facts: StreamFacts;
}

/**
 * Records a fact and, for a reversal, marks the fact it cancels. Mutates `facts`: states are folded
 * in place (see ledger-decider.ts).
 */
export function trackFact(facts: StreamFacts, fact: StoredFact): void {
  const data = fact.data as { areaCode?: string };
  facts.set(fact.eventId, { type: fact.type, position: fact.position, areaCode: data.areaCode ?? '', reversed: false });
  if (fact.type === 'EntryReversed') facts.markReversed((fact as StoredFact<'EntryReversed'>).data.eventId);
}

/** True when the fact is known and has not been reversed. */
export function isLive(facts: StreamFacts, eventId: string): boolean {
  return facts.isLive(eventId);
}

/** The area of the most recent fact still in force, if any (a person's last known area). */
export function lastLiveArea(facts: StreamFacts): string | undefined {
  let area: string | undefined;
  for (const record of facts.values()) {
    if (!record.reversed && record.type !== 'EntryReversed' && record.areaCode) area = record.areaCode;
  }
  return area;
}
