import { HashedSlots } from './hashed-slots.js';
import { BANK_EVENT_TYPES, EVENT_TYPES, type AnyEventType, type FactRecord, type StreamFacts } from '#domain';

/** Every type a fact may have, in a fixed order: its index is packed into a slot. */
const FACT_TYPES: readonly AnyEventType[] = [...EVENT_TYPES, ...BANK_EVENT_TYPES];

/**
 * The write side's StreamFacts (the domain's interface of what a decider knows of a stream's facts):
 * a stream's facts by eventId, in the order they were recorded. Every cached decision state holds
 * one entry per event of its stream, so an entry is kept small: three cells of one array per fact
 * (its eventId; its type, area and reversal packed into one small integer, see `pack`; its
 * position), found by scanning while the stream is short. Most streams are (a person's few facts): a
 * Map per stream weighed more than the facts of a large import's person streams (docs/benchmarks.md,
 * 'packed fact index'). A long stream (an employer's every month) gets a hashed index too, so a
 * look-up stays cheap. A record is built only when asked for.
 */
export class PackedFactIndex implements StreamFacts {
  /** [eventId, packed bits, position] per fact, in the order recorded. */
  private cells: (string | number)[] = [];
  /** eventId → slot, built once the stream outgrows a scan. */
  private slots?: HashedSlots;

  get size(): number {
    return this.cells.length / CELLS_PER_FACT;
  }

  get(eventId: string): FactRecord | undefined {
    const slot = this.slotOf(eventId);
    return slot < 0 ? undefined : this.recordAt(slot);
  }

  /** True when the fact is known and has not been reversed (no record built). */
  isLive(eventId: string): boolean {
    const slot = this.slotOf(eventId);
    return slot >= 0 && ((this.cells[CELLS_PER_FACT * slot + 1] as number) & REVERSED_BIT) === 0;
  }

  /** Records a fact; a fact already known (the same eventId) keeps its slot and takes the new values. */
  set(eventId: string, record: FactRecord): void {
    const slot = this.slotOf(eventId);
    if (slot >= 0) {
      this.cells[CELLS_PER_FACT * slot + 1] = pack(record);
      this.cells[CELLS_PER_FACT * slot + 2] = record.position;
      return;
    }
    if (this.cells.length < SHORT_STREAM_FACTS * CELLS_PER_FACT) {
      // Copied to an array of the exact length: pushing would reserve room for 16 more cells, the
      // most of a short stream's weight.
      this.cells = this.cells.concat(eventId, pack(record), record.position);
    } else {
      this.cells.push(eventId, pack(record), record.position);
    }
    this.slots?.add(eventId, this.size - 1);
    if (!this.slots && this.size > SCANNED_FACTS) this.slots = this.indexOfSlots();
  }

  markReversed(eventId: string): void {
    const slot = this.slotOf(eventId);
    if (slot >= 0) (this.cells[CELLS_PER_FACT * slot + 1] as number) |= REVERSED_BIT;
  }

  /** The records in the order they were recorded. */
  *values(): IterableIterator<FactRecord> {
    for (let slot = 0; slot < this.size; slot++) yield this.recordAt(slot);
  }

  /** The eventIds with their records, in the order recorded. */
  *entries(): IterableIterator<[string, FactRecord]> {
    for (let slot = 0; slot < this.size; slot++) yield [this.cells[CELLS_PER_FACT * slot] as string, this.recordAt(slot)];
  }

  /**
   * Sets the global position of a fact recorded without one: a bulk import folds its batch before the
   * commit that numbers it (CommandBatch), and learns the positions when the commit returns.
   */
  setPosition(eventId: string, position: number): void {
    const slot = this.slotOf(eventId);
    if (slot >= 0) this.cells[CELLS_PER_FACT * slot + 2] = position;
  }

  /** The fact's place in recording order, or -1 (a snapshot names a stream's facts by it). */
  indexOf(eventId: string): number {
    return this.slotOf(eventId);
  }

  /** The eventId of the fact at `slot` in recording order. */
  idAt(slot: number): string | undefined {
    return this.cells[CELLS_PER_FACT * slot] as string | undefined;
  }

  /**
   * The facts as a snapshot keeps them (snapshot-codec.ts): the packed bits name a type and an area by
   * their place in lists of this process, so the snapshot names them by their own lists instead.
   */
  toSnapshot(): PackedFactsSnapshot {
    const types: string[] = [];
    const areas: string[] = [];
    const typeAt = new Map<number, number>();
    const areaAt = new Map<number, number>();
    const facts: (string | number)[] = new Array(this.size * 4);
    for (let slot = 0, at = 0; slot < this.size; slot++) {
      const bits = this.cells[CELLS_PER_FACT * slot + 1] as number;
      const type = bits & TYPE_MASK;
      const area = bits >>> AREA_SHIFT;
      let typeIndex = typeAt.get(type);
      if (typeIndex === undefined) typeAt.set(type, (typeIndex = types.push(FACT_TYPES[type]!) - 1));
      let areaIndex = areaAt.get(area);
      if (areaIndex === undefined) areaAt.set(area, (areaIndex = areas.push(AREAS.codes[area]!) - 1));
      facts[at++] = this.cells[CELLS_PER_FACT * slot] as string;
      facts[at++] = (typeIndex << 1) | ((bits & REVERSED_BIT) === 0 ? 0 : 1);
      facts[at++] = areaIndex;
      facts[at++] = this.cells[CELLS_PER_FACT * slot + 2] as number;
    }
    return { types, areas, facts };
  }

  /** The index a snapshot kept; throws on a type this program does not know (the snapshot is then not used). */
  static fromSnapshot(snapshot: PackedFactsSnapshot): PackedFactIndex {
    const typeBits = snapshot.types.map((type) => {
      const index = TYPE_INDEX.get(type);
      if (index === undefined) throw new Error(`unknown event type ${type}`);
      return index;
    });
    const areaBits = snapshot.areas.map((code) => areaIndexOf(code) << AREA_SHIFT);
    const { facts } = snapshot;
    const cells: (string | number)[] = new Array((facts.length / 4) * CELLS_PER_FACT);
    for (let at = 0, cell = 0; at < facts.length; at += 4) {
      const typeAndReversed = facts[at + 1] as number;
      cells[cell++] = facts[at] as string;
      cells[cell++] = typeBits[typeAndReversed >>> 1]! | ((typeAndReversed & 1) === 0 ? 0 : REVERSED_BIT) | areaBits[facts[at + 2] as number]!;
      cells[cell++] = facts[at + 3] as number;
    }
    const index = new PackedFactIndex();
    index.cells = cells;
    if (index.size > SCANNED_FACTS) index.slots = index.indexOfSlots();
    return index;
  }

  /** A copy that later changes to this index do not touch. */
  clone(): PackedFactIndex {
    const copy = new PackedFactIndex();
    copy.cells = this.cells.slice();
    if (this.slots) copy.slots = this.slots.copy();
    return copy;
  }

  /** The fact's slot, or -1 when the stream has no such fact. */
  private slotOf(eventId: string): number {
    if (this.slots) return this.slots.find(eventId, this.cells, CELLS_PER_FACT);
    const cells = this.cells;
    for (let at = 0; at < cells.length; at += CELLS_PER_FACT) {
      if (cells[at] === eventId) return at / CELLS_PER_FACT;
    }
    return -1;
  }

  private indexOfSlots(): HashedSlots {
    const ids: string[] = new Array(this.size);
    for (let slot = 0; slot < this.size; slot++) ids[slot] = this.cells[CELLS_PER_FACT * slot] as string;
    return HashedSlots.of(ids);
  }

  private recordAt(slot: number): FactRecord {
    const bits = this.cells[CELLS_PER_FACT * slot + 1] as number;
    return {
      type: FACT_TYPES[bits & TYPE_MASK]!,
      position: this.cells[CELLS_PER_FACT * slot + 2] as number,
      areaCode: AREAS.codes[bits >>> AREA_SHIFT]!,
      reversed: (bits & REVERSED_BIT) !== 0,
    };
  }
}

/**
 * A fact index in a snapshot: per fact, four cells (its eventId; its type's place in `types`, shifted
 * left, with 1 for "reversed"; its area's place in `areas`; its position), in recording order.
 */
export interface PackedFactsSnapshot {
  types: string[];
  areas: string[];
  facts: (string | number)[];
}

const CELLS_PER_FACT = 3;
/** Up to this many facts the cells are kept at their exact length (see `set`). */
const SHORT_STREAM_FACTS = 8;
/** Up to this many facts a look-up scans the cells; past them it takes a hashed index (hashed-slots.ts). */
const SCANNED_FACTS = 32;

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

const TYPE_INDEX = new Map<string, number>(FACT_TYPES.map((type, index) => [type, index]));

function pack(record: FactRecord): number {
  const type = TYPE_INDEX.get(record.type);
  if (type === undefined) throw new Error(`unknown event type ${record.type}`);
  return type | (record.reversed ? REVERSED_BIT : 0) | (areaIndexOf(record.areaCode) << AREA_SHIFT);
}
