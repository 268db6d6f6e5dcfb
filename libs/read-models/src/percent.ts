import { Dec } from '#domain';

/**
 * `part` as a percentage of `whole`, rounded half-up to 2 decimals (contract.md "Queries"); null
 * when there is no whole to compare with. Computed in decimal so 16.445 rounds to 16.45, not 16.44.
 */
export function percentOf(part: string | number, whole: string | number): number | null {
  const base = new Dec(whole);
  if (base.isZero()) return null;
  return new Dec(part).times(100).div(base).toDecimalPlaces(2, Dec.ROUND_HALF_UP).toNumber();
}

/** The change from `previous` to `current` in percent of `previous`; null when there was nothing before. */
export function changePercent(current: string | number, previous: string | number): number | null {
  return percentOf(new Dec(current).minus(previous).toFixed(), previous);
}
