import { knownPosition, readStartCandidates, toEsdbPosition, toLogPosition } from './positions.js';

describe('log positions on EventStoreDB', () => {
  it('uses the commit position as the port position, exactly', () => {
    expect(toLogPosition({ commit: 18_446n, prepare: 18_446n })).toBe(18_446);
    expect(toLogPosition({ commit: 9_007_199_254_740_991n, prepare: 9_007_199_254_740_991n })).toBe(9_007_199_254_740_991);
  });

  it('refuses a commit position beyond 2^53 rather than rounding it', () => {
    expect(() => toLogPosition({ commit: 9_007_199_254_740_993n, prepare: 9_007_199_254_740_993n })).toThrow(RangeError);
  });

  it('maps a port position back to the {commit, prepare} pair the server reads from', () => {
    expect(toEsdbPosition(4_096)).toEqual({ commit: 4_096n, prepare: 4_096n });
    expect(() => toEsdbPosition(-1)).toThrow(RangeError);
    expect(() => toEsdbPosition(1.5)).toThrow(RangeError);
  });

  it('treats missing positions and 2^64 − 1 (stream reads from the index) as unknown', () => {
    expect(knownPosition(undefined)).toBeUndefined();
    expect(knownPosition({ commit: 0xffffffffffffffffn, prepare: 0xffffffffffffffffn })).toBeUndefined();
    expect(knownPosition({ commit: 512n, prepare: 512n })).toEqual({ commit: 512n, prepare: 512n });
  });

  it('starts $all reads at an event position, one before a "last + 1" position, or from the start', () => {
    const seen = new Set([700, 900]);
    const isEvent = (position: number): boolean => seen.has(position);
    expect(readStartCandidates(1, isEvent)).toEqual([0]);
    expect(readStartCandidates(0, isEvent)).toEqual([0]);
    expect(readStartCandidates(700, isEvent)).toEqual([700]);
    expect(readStartCandidates(901, isEvent)).toEqual([900]);
    expect(readStartCandidates(1_234, isEvent)).toEqual([1_234, 1_233, 0]);
  });
});
