import type { StoredFact } from '../decider.js';
import { streamFactsContract } from '../testing/stream-facts.contract.js';
import { FactMap, isLive, lastLiveArea, trackFact } from './stream-facts.js';

streamFactsContract('FactMap', () => new FactMap());

describe('the rules over a stream’s facts', () => {
  const fact = (eventId: string, type: string, data: object, position: number) => ({ eventId, type, data, revision: position - 1, position }) as StoredFact;

  it('a reversal marks the fact it cancels, and the last live area steps back to the fact before it', () => {
    const facts = new FactMap();
    trackFact(facts, fact('e1', 'BenefitPaid', { areaCode: '79' }, 1));
    trackFact(facts, fact('e2', 'BenefitPaid', { areaCode: '01' }, 2));
    expect(lastLiveArea(facts)).toBe('01');

    trackFact(facts, fact('e3', 'EntryReversed', { eventId: 'e2', areaCode: '01' }, 3));
    expect(isLive(facts, 1)).toBe(false);
    expect(isLive(facts, 2)).toBe(true);
    expect(facts.get(1)).toEqual({ type: 'BenefitPaid', position: 2, areaCode: '01', reversed: true });
    expect(lastLiveArea(facts)).toBe('79');
  });
});
