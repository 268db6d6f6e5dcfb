import { BANK_EVENT_TYPES, EVENT_TYPES, type AnyEventType, type FactRecord, type StreamFacts } from '#domain';
import { eventIdKey } from './event-id-key.js';

/** Every type a fact may have, in a fixed order: its index is packed into a cell. */
const FACT_TYPES: readonly AnyEventType[] = [...EVENT_TYPES, ...BANK_EVENT_TYPES];

/**
 * The write side's StreamFacts (the domain's interface of what a decider knows of a stream's facts):
 * a stream's facts by revision, in one array of numbers, three cells a fact: its type, area and
 * reversal packed into one small integer (see `pack`), its position, and its eventId's key
 * (event-id-key.ts). Every cached decision state holds one entry per event of its stream, so an entry
 * is kept small: all numbers, the array holds them unboxed (8 bytes a cell), and a fact is found by its
 * revision without a search. A Map per stream weighed more than the facts of a large import's person
 * streams, and the eventId strings this index held until format 3 were a third of an employer's state
 * (docs/benchmarks.md, 'packed fact index', 'facts by revision'). A record is built only when asked for.
 */
export class PackedFactIndex implements StreamFacts {
  /** [packed bits, position, eventId key] per fact, in stream order. */
  private cells: number[] = [];

  get size(): number {
    return this.cells.length / CELLS_PER_FACT;
  }

  get(revision: number): FactRecord | undefined {
    return this.has(revision) ? this.recordAt(revision) : undefined;
  }

  /** True when the fact is known and has not been reversed (no record built). */
  isLive(revision: number): boolean {
    return this.has(revision) && (this.cells[CELLS_PER_FACT * revision]! & REVERSED_BIT) === 0;
  }

  /** Records the fact at `revision`: the next one, or one already known, which takes the new values. */
  set(revision: number, eventId: string, record: FactRecord): void {
    if (this.has(revision)) {
      this.cells[CELLS_PER_FACT * revision] = pack(record);
      this.cells[CELLS_PER_FACT * revision + 1] = record.position;
      this.cells[CELLS_PER_FACT * revision + 2] = eventIdKey(eventId);
      return;
    }
    if (revision !== this.size) throw new RangeError(`fact ${revision} recorded after ${this.size} facts: facts are recorded in stream order`);
    if (this.cells.length < SHORT_STREAM_FACTS * CELLS_PER_FACT) {
      // Copied to an array of the exact length: pushing would reserve room for 16 more cells, the
      // most of a short stream's weight.
      this.cells = this.cells.concat(pack(record), record.position, eventIdKey(eventId));
    } else {
      this.cells.push(pack(record), record.position, eventIdKey(eventId));
    }
  }

  /** The latest fact whose eventId has the key of `eventId` (a reversal names the fact it cancels). */
  revisionOf(eventId: string): number {
    const key = eventIdKey(eventId);
    for (let revision = this.size - 1; revision >= 0; revision--) {
      if (this.cells[CELLS_PER_FACT * revision + 2] === key) return revision;
    }
    return -1;
  }

  markReversed(revision: number): void {
    if (this.has(revision)) this.cells[CELLS_PER_FACT * revision] = this.cells[CELLS_PER_FACT * revision]! | REVERSED_BIT;
  }

  /** The records in stream order. */
  *values(): IterableIterator<FactRecord> {
    for (let revision = 0; revision < this.size; revision++) yield this.recordAt(revision);
  }

  /**
   * Sets the global position of a fact recorded without one: a bulk import folds its batch before the
   * commit that numbers it (CommandBatch), and learns the positions when the commit returns.
   */
  setPosition(revision: number, position: number): void {
    if (this.has(revision)) this.cells[CELLS_PER_FACT * revision + 1] = position;
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
    const facts: number[] = new Array(this.size * SNAPSHOT_CELLS_PER_FACT);
    for (let revision = 0, at = 0; revision < this.size; revision++) {
      const bits = this.cells[CELLS_PER_FACT * revision]!;
      const type = bits & TYPE_MASK;
      const area = bits >>> AREA_SHIFT;
      let typeIndex = typeAt.get(type);
      if (typeIndex === undefined) typeAt.set(type, (typeIndex = types.push(FACT_TYPES[type]!) - 1));
      let areaIndex = areaAt.get(area);
      if (areaIndex === undefined) areaAt.set(area, (areaIndex = areas.push(AREAS.codes[area]!) - 1));
      facts[at++] = (typeIndex << 1) | ((bits & REVERSED_BIT) === 0 ? 0 : 1);
      facts[at++] = areaIndex;
      facts[at++] = this.cells[CELLS_PER_FACT * revision + 1]!;
      facts[at++] = this.cells[CELLS_PER_FACT * revision + 2]!;
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
    if (facts.length % SNAPSHOT_CELLS_PER_FACT !== 0) throw new Error(`a snapshot's facts hold ${facts.length} cells`);
    const cells: number[] = new Array((facts.length / SNAPSHOT_CELLS_PER_FACT) * CELLS_PER_FACT);
    for (let at = 0, cell = 0; at < facts.length; at += SNAPSHOT_CELLS_PER_FACT) {
      const typeAndReversed = facts[at]!;
      const type = typeBits[typeAndReversed >>> 1];
      const area = areaBits[facts[at + 1]!];
      if (type === undefined || area === undefined) throw new Error(`a snapshot's fact names type ${typeAndReversed >>> 1} or area ${facts[at + 1]} it does not list`);
      cells[cell++] = type | ((typeAndReversed & 1) === 0 ? 0 : REVERSED_BIT) | area;
      cells[cell++] = facts[at + 2]!;
      cells[cell++] = facts[at + 3]!;
    }
    const index = new PackedFactIndex();
    index.cells = cells;
    return index;
  }

  /** A copy that later changes to this index do not touch. */
  clone(): PackedFactIndex {
    const copy = new PackedFactIndex();
    copy.cells = this.cells.slice();
    return copy;
  }

  private has(revision: number): boolean {
    return Number.isInteger(revision) && revision >= 0 && revision < this.size;
  }

  private recordAt(revision: number): FactRecord {
    const bits = this.cells[CELLS_PER_FACT * revision]!;
    return {
      type: FACT_TYPES[bits & TYPE_MASK]!,
      position: this.cells[CELLS_PER_FACT * revision + 1]!,
      areaCode: AREAS.codes[bits >>> AREA_SHIFT]!,
      reversed: (bits & REVERSED_BIT) !== 0,
    };
  }
}

/**
 * A fact index in a snapshot: per fact, in stream order, four numbers: its type's place in `types`,
 * shifted left, with 1 for "reversed"; its area's place in `areas`; its position; its eventId's key.
 */
export interface PackedFactsSnapshot {
  types: string[];
  areas: string[];
  facts: number[];
}

const CELLS_PER_FACT = 3;
const SNAPSHOT_CELLS_PER_FACT = 4;
/** Up to this many facts the cells are kept at their exact length (see `set`). */
const SHORT_STREAM_FACTS = 8;

// Bits of a packed cell: 5 for the event type's index, 1 for "reversed", the rest (25, so that the
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
