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
 *
 * A fact is named by its revision, its place in the stream (0 first), which a decision knows before the
 * store numbers the fact, and which a state's records keep instead of the fact's eventId: an eventId was
 * a third of what a cached employer state weighed (docs/decisions.md, 'facts by revision'). The eventId
 * a command names (a reversal's target) is found with `revisionOf`.
 */
export interface StreamFacts {
  /** How many facts are recorded: the next fact's revision. */
  readonly size: number;
  get(revision: number): FactRecord | undefined;
  /** True when the fact is known and has not been reversed. */
  isLive(revision: number): boolean;
  /**
   * Records the fact at `revision` with its eventId: the next one (`size`), or one already recorded,
   * which keeps its place and takes the new values. Facts are recorded in stream order, without gaps.
   */
  set(revision: number, eventId: string, record: FactRecord): void;
  /** The revision of the fact with this eventId, or -1 when the stream has none. */
  revisionOf(eventId: string): number;
  markReversed(revision: number): void;
  /** The records in stream order (the first is revision 0). */
  values(): IterableIterator<FactRecord>;
  /** A copy that later changes to this one do not touch. */
  clone(): StreamFacts;
}

/** The plain StreamFacts: each fact's eventId and record, in stream order. */
export class FactMap implements StreamFacts {
  private readonly facts: { eventId: string; record: FactRecord }[] = [];

  get size(): number {
    return this.facts.length;
  }

  get(revision: number): FactRecord | undefined {
    const record = this.facts[revision]?.record;
    return record && { ...record };
  }

  isLive(revision: number): boolean {
    const record = this.facts[revision]?.record;
    return record !== undefined && !record.reversed;
  }

  set(revision: number, eventId: string, record: FactRecord): void {
    if (!(Number.isInteger(revision) && revision >= 0 && revision <= this.facts.length)) {
      throw new RangeError(`fact ${revision} recorded after ${this.facts.length} facts: facts are recorded in stream order`);
    }
    this.facts[revision] = { eventId, record: { ...record } };
  }

  /** The latest fact with this eventId, as the packed index answers. */
  revisionOf(eventId: string): number {
    for (let revision = this.facts.length - 1; revision >= 0; revision--) {
      if (this.facts[revision]!.eventId === eventId) return revision;
    }
    return -1;
  }

  markReversed(revision: number): void {
    const record = this.facts[revision]?.record;
    if (record) record.reversed = true;
  }

  *values(): IterableIterator<FactRecord> {
    for (const { record } of this.facts) yield { ...record };
  }

  clone(): FactMap {
    const copy = new FactMap();
    for (const { eventId, record } of this.facts) copy.facts.push({ eventId, record: { ...record } });
    return copy;
  }
}

/** Every stream state carries its facts; the ledger reads `facts.get(revision).reversed` too. */
export interface FactTracking {
  facts: StreamFacts;
}

/**
 * Records a fact and, for a reversal, marks the fact it cancels. Mutates `facts`: states are folded
 * in place (see ledger-decider.ts).
 */
export function trackFact(facts: StreamFacts, fact: StoredFact): void {
  const data = fact.data as { areaCode?: string };
  facts.set(fact.revision, fact.eventId, { type: fact.type, position: fact.position, areaCode: data.areaCode ?? '', reversed: false });
  if (fact.type === 'EntryReversed') {
    const target = facts.revisionOf((fact as StoredFact<'EntryReversed'>).data.eventId);
    if (target >= 0) facts.markReversed(target);
  }
}

/** True when the fact at `revision` is known and has not been reversed. */
export function isLive(facts: StreamFacts, revision: number): boolean {
  return facts.isLive(revision);
}

/** The area of the most recent fact still in force, if any (a person's last known area). */
export function lastLiveArea(facts: StreamFacts): string | undefined {
  let area: string | undefined;
  for (const record of facts.values()) {
    if (!record.reversed && record.type !== 'EntryReversed' && record.areaCode) area = record.areaCode;
  }
  return area;
}
