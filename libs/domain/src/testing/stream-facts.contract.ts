import { lastLiveArea, type StreamFacts } from '../reversal/stream-facts.js';

const record = (index: number) => ({ type: 'BenefitPaid' as const, position: 100 + index, areaCode: `4${index % 7}`, reversed: false });
/** UUID-shaped, as the ledger's ids are (ids.ts), and other strings, as specs use. */
const idOf = (index: number) => (index % 2 === 0 ? `0f8e6a2c-1b3d-5e4f-8a9b-${String(index).padStart(12, '0')}` : `event-${index}`);

/**
 * What every StreamFacts must answer, whatever it keeps in memory: the domain's plain FactMap and the
 * ledger's PackedFactIndex both run it. The counts cross the packed index's threshold (exact-length
 * cells up to 8 facts).
 */
export function streamFactsContract(name: string, create: () => StreamFacts): void {
  describe(`${name} (StreamFacts)`, () => {
    it.each([1, 8, 9, 40])('answers the same for each of %i facts, short or long', (count) => {
      const facts = create();
      for (let index = 0; index < count; index++) facts.set(index, idOf(index), record(index));
      facts.markReversed(count - 1);

      expect(facts.size).toBe(count);
      expect(facts.get(count - 1)).toEqual({ ...record(count - 1), reversed: true });
      expect(facts.isLive(count - 1)).toBe(false);
      expect(facts.get(0)).toEqual(count === 1 ? { ...record(0), reversed: true } : record(0));
      for (const absent of [count, -1, 0.5, Number.NaN]) {
        expect(facts.get(absent)).toBeUndefined();
        expect(facts.isLive(absent)).toBe(false);
      }
      expect([...facts.values()].map((fact) => fact.position)).toEqual(Array.from({ length: count }, (_, index) => 100 + index));
      expect(lastLiveArea(facts)).toBe(count === 1 ? undefined : `4${(count - 2) % 7}`);
    });

    it('finds a fact by its eventId, and no fact by an id it does not hold', () => {
      const facts = create();
      for (let index = 0; index < 40; index++) facts.set(index, idOf(index), record(index));

      for (let index = 0; index < 40; index++) expect(facts.revisionOf(idOf(index))).toBe(index);
      expect(facts.revisionOf(idOf(40))).toBe(-1);
      expect(facts.revisionOf('0f8e6a2c-1b3d-5e4f-8a9b-000000000001')).toBe(-1);
      expect(facts.revisionOf('')).toBe(-1);
    });

    it('keeps the place of a fact recorded again, with its new values', () => {
      const facts = create();
      for (let index = 0; index < 40; index++) facts.set(index, idOf(index), record(index));
      facts.set(3, idOf(3), { ...record(3), position: 999 });
      facts.set(35, idOf(35), { ...record(35), position: 998 });

      expect(facts.size).toBe(40);
      expect(facts.get(3)?.position).toBe(999);
      expect(facts.get(35)?.position).toBe(998);
      expect([...facts.values()][3]?.position).toBe(999);
      expect(facts.revisionOf(idOf(35))).toBe(35);

      facts.set(36, 'replaced', record(36));
      expect(facts.revisionOf('replaced')).toBe(36);
      expect(facts.revisionOf(idOf(36))).toBe(-1);
    });

    it('refuses a fact out of stream order, and records nothing', () => {
      const facts = create();
      facts.set(0, idOf(0), record(0));

      expect(() => facts.set(2, idOf(2), record(2))).toThrow(RangeError);
      expect(() => facts.set(-1, idOf(9), record(9))).toThrow(RangeError);
      expect(facts.size).toBe(1);
      expect(facts.revisionOf(idOf(2))).toBe(-1);
    });

    it('clones into facts that later changes do not touch', () => {
      for (const count of [3, 40]) {
        const facts = create();
        for (let index = 0; index < count; index++) facts.set(index, idOf(index), record(index));
        const copy = facts.clone();
        facts.markReversed(1);
        facts.set(count, 'later', record(99));

        expect(copy.isLive(1)).toBe(true);
        expect(copy.get(count)).toBeUndefined();
        expect(copy.revisionOf('later')).toBe(-1);
        expect(copy.size).toBe(count);
        expect(facts.isLive(1)).toBe(false);
        expect(facts.revisionOf('later')).toBe(count);
      }
    });

    it('a record handed out is a copy: changing it changes nothing stored', () => {
      const facts = create();
      facts.set(0, idOf(0), record(0));
      facts.get(0)!.reversed = true;
      for (const seen of facts.values()) seen.position = -1;

      expect(facts.get(0)).toEqual(record(0));
    });
  });
}
