import type { StoredFact } from '../decider.js';
import { EVENT_TYPES, type EventType } from '../events.js';

/** What a stream's state remembers of each of its facts, enough to decide a reversal. */
export interface FactRecord {
  type: EventType;
  position: number;
  areaCode: string;
  reversed: boolean;
}

/**
 * A stream's facts by eventId, in the order they were recorded. Every cached decision state holds
 * one entry per event of its stream, so an entry is kept small: the eventId maps to a slot, and the
 * slot's type, area and reversal are packed into one small integer (areas and types are few, so each
 * is stored once, as an index) next to its position. About 110 bytes a fact, where a record object
 * per fact took about 250; a record is built only when asked for.
 */
export class FactIndex {
  /** eventId → slot, in the order recorded (a Map keeps insertion order, so slot i is the i-th key). */
  private readonly slots = new Map<string, number>();
  /** Two numbers per slot, in one array (one allocation per stream): its packed bits, see `pack`, and its position. */
  private readonly cells: number[] = [];

  get size(): number {
    return this.slots.size;
  }

  get(eventId: string): FactRecord | undefined {
    const slot = this.slots.get(eventId);
    return slot === undefined ? undefined : this.recordAt(slot);
  }

  /** True when the fact is known and has not been reversed (no record built). */
  isLive(eventId: string): boolean {
    const slot = this.slots.get(eventId);
    return slot !== undefined && (this.cells[2 * slot]! & REVERSED_BIT) === 0;
  }

  /** Records a fact; a fact already known (the same eventId) keeps its slot and takes the new values. */
  set(eventId: string, record: FactRecord): void {
    let slot = this.slots.get(eventId);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(eventId, slot);
    }
    this.cells[2 * slot] = pack(record);
    this.cells[2 * slot + 1] = record.position;
  }

  markReversed(eventId: string): void {
    const slot = this.slots.get(eventId);
    if (slot !== undefined) this.cells[2 * slot]! |= REVERSED_BIT;
  }

  /** The records in the order they were recorded. */
  *values(): IterableIterator<FactRecord> {
    for (let slot = 0; slot < this.slots.size; slot++) yield this.recordAt(slot);
  }

  /** A copy that later changes to this index do not touch. */
  clone(): FactIndex {
    const copy = new FactIndex();
    for (const [eventId, slot] of this.slots) copy.slots.set(eventId, slot);
    copy.cells.push(...this.cells);
    return copy;
  }

  private recordAt(slot: number): FactRecord {
    const bits = this.cells[2 * slot]!;
    return {
      type: EVENT_TYPES[bits & TYPE_MASK]!,
      position: this.cells[2 * slot + 1]!,
      areaCode: AREAS.codes[bits >>> AREA_SHIFT]!,
      reversed: (bits & REVERSED_BIT) !== 0,
    };
  }
}

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
  facts.set(fact.eventId, { type: fact.type, position: fact.position, areaCode: data.areaCode ?? '', reversed: false });
  if (fact.type === 'EntryReversed') facts.markReversed((fact as StoredFact<'EntryReversed'>).data.eventId);
}

/** True when the fact is known and has not been reversed. */
export function isLive(facts: FactIndex, eventId: string): boolean {
  return facts.isLive(eventId);
}

/** The area of the most recent fact still in force, if any (a person's last known area). */
export function lastLiveArea(facts: FactIndex): string | undefined {
  let area: string | undefined;
  for (const record of facts.values()) {
    if (!record.reversed && record.type !== 'EntryReversed' && record.areaCode) area = record.areaCode;
  }
  return area;
}

// Bits of a packed slot: 5 for the event type's index, 1 for "reversed", the rest (25, so that the
// whole stays a small integer) for the area's index in AREAS.
const TYPE_MASK = 0b11111;
const REVERSED_BIT = 1 << 5;
const AREA_SHIFT = 6;
const MAX_AREAS = 1 << 25;

/**
 * Area codes seen by any fact index, each kept once. Area codes are a few thousand at most (the
 * communes of the area tables), so the list stays small; it only ever grows, and a fact index stores
 * an area's place in it.
 */
const AREAS = { codes: [] as string[], indexOf: new Map<string, number>() };

function areaIndexOf(code: string): number {
  let index = AREAS.indexOf.get(code);
  if (index === undefined) {
    index = AREAS.codes.length;
    if (index >= MAX_AREAS) throw new RangeError(`more than ${MAX_AREAS} distinct area codes in fact indexes`);
    AREAS.codes.push(code);
    AREAS.indexOf.set(code, index);
  }
  return index;
}

const TYPE_INDEX = new Map<string, number>(EVENT_TYPES.map((type, index) => [type, index]));

function pack(record: FactRecord): number {
  const type = TYPE_INDEX.get(record.type);
  if (type === undefined) throw new Error(`unknown event type ${record.type}`);
  return type | (record.reversed ? REVERSED_BIT : 0) | (areaIndexOf(record.areaCode) << AREA_SHIFT);
}
