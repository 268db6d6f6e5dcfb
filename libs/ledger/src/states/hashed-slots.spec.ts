import fc from 'fast-check';
import { HashedSlots, hashOf } from './hashed-slots.js';

/** Each id in a cell of its own, as PackedFactIndex keeps them (stride 1 here). */
function indexed(ids: string[], build: 'added' | 'of'): HashedSlots {
  if (build === 'of') return HashedSlots.of(ids);
  const slots = new HashedSlots(2);
  ids.forEach((id, slot) => slots.add(id, slot));
  return slots;
}

/** Two ids of one hash, found by trying: 21-bit hashes collide within a few thousand ids. */
function collidingPair(): [string, string] {
  const seen = new Map<number, string>();
  for (let index = 0; index < 100_000; index++) {
    const id = `collide-${index}`;
    const earlier = seen.get(hashOf(id));
    if (earlier !== undefined) return [earlier, id];
    seen.set(hashOf(id), id);
  }
  throw new Error('no collision among 100,000 ids');
}

describe('HashedSlots', () => {
  it.each(['added', 'of'] as const)('finds the slot of every id and -1 for any other (%s)', (build) => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 300 }), fc.string(), (ids, other) => {
        const slots = indexed(ids, build);
        ids.forEach((id, slot) => expect(slots.find(id, ids, 1)).toBe(slot));
        expect(slots.find(other, ids, 1)).toBe(ids.indexOf(other));
      }),
    );
  });

  it('tells apart two ids of one hash by the ids themselves', () => {
    const [first, second] = collidingPair();
    expect(hashOf(first)).toBe(hashOf(second));
    const cells = ['x', first, 'y', second];
    const slots = indexed(cells, 'added');
    expect([slots.find(first, cells, 1), slots.find(second, cells, 1)]).toEqual([1, 3]);
    expect(HashedSlots.of([first]).find(second, [first], 1)).toBe(-1);
  });

  it('reads ids at the stride it is given (three cells a fact in PackedFactIndex)', () => {
    const cells = ['a', 0, 0, 'b', 0, 0, 'c', 0, 0];
    const slots = indexed(['a', 'b', 'c'], 'added');
    expect(['a', 'b', 'c', 'd'].map((id) => slots.find(id, cells, 3))).toEqual([0, 1, 2, -1]);
  });

  it('copies into an index that later additions to the first do not touch', () => {
    const ids = Array.from({ length: 70 }, (_, index) => `event-${index}`);
    const slots = indexed(ids.slice(0, 69), 'of');
    const copy = slots.copy();
    slots.add(ids[69]!, 69);
    expect(slots.find('event-69', ids, 1)).toBe(69);
    expect(copy.find('event-69', ids, 1)).toBe(-1);
    expect(copy.find('event-68', ids, 1)).toBe(68);
  });
});
