import { lastLiveArea, type StreamFacts } from '../reversal/stream-facts.js';

const record = (index: number) => ({ type: 'BenefitPaid' as const, position: 100 + index, areaCode: `4${index % 7}`, reversed: false });

/**
 * What every StreamFacts must answer, whatever it keeps in memory: the domain's plain FactMap and the
 * ledger's PackedFactIndex both run it. The counts cross the packed index's thresholds (exact-length
 * cells up to 8 facts, scanned look-ups up to 32, a Map past them).
 */
export function streamFactsContract(name: string, create: () => StreamFacts): void {
  describe(`${name} (StreamFacts)`, () => {
    it.each([1, 8, 9, 32, 33, 40])('answers the same for each of %i facts, short or long', (count) => {
      const facts = create();
      for (let index = 0; index < count; index++) facts.set(`event-${index}`, record(index));
      facts.markReversed(`event-${count - 1}`);

      expect(facts.size).toBe(count);
      expect(facts.get(`event-${count - 1}`)).toEqual({ ...record(count - 1), reversed: true });
      expect(facts.isLive(`event-${count - 1}`)).toBe(false);
      expect(facts.get('event-0')).toEqual(count === 1 ? { ...record(0), reversed: true } : record(0));
      expect(facts.get('absent')).toBeUndefined();
      expect(facts.isLive('absent')).toBe(false);
      expect([...facts.values()].map((fact) => fact.position)).toEqual(Array.from({ length: count }, (_, index) => 100 + index));
      expect(lastLiveArea(facts)).toBe(count === 1 ? undefined : `4${(count - 2) % 7}`);
    });

    it('keeps the place of a fact recorded again, with its new values', () => {
      const facts = create();
      for (let index = 0; index < 40; index++) facts.set(`event-${index}`, record(index));
      facts.set('event-3', { ...record(3), position: 999 });
      facts.set('event-35', { ...record(35), position: 998 });

      expect(facts.size).toBe(40);
      expect(facts.get('event-3')?.position).toBe(999);
      expect(facts.get('event-35')?.position).toBe(998);
      expect([...facts.values()][3]?.position).toBe(999);
    });

    it('clones into facts that later changes do not touch', () => {
      for (const count of [3, 40]) {
        const facts = create();
        for (let index = 0; index < count; index++) facts.set(`event-${index}`, record(index));
        const copy = facts.clone();
        facts.markReversed('event-1');
        facts.set('later', record(99));

        expect(copy.isLive('event-1')).toBe(true);
        expect(copy.get('later')).toBeUndefined();
        expect(copy.size).toBe(count);
        expect(facts.isLive('event-1')).toBe(false);
      }
    });

    it('a record handed out is a copy: changing it changes nothing stored', () => {
      const facts = create();
      facts.set('event-0', record(0));
      facts.get('event-0')!.reversed = true;
      for (const seen of facts.values()) seen.position = -1;

      expect(facts.get('event-0')).toEqual(record(0));
    });
  });
}
