import { AREA_TABLES_SWITCH_ON, OLD_AREAS_END_ON, type IsoDate } from '#domain';
import type { ReadModelAreas } from './ports.js';

/**
 * Which rows an area code selects. The `province` column holds the current province that carries a
 * fact on (resolved at projection time, `currentProvinceOf`), so a current province selects its own
 * rows and, for the days before 2025-07-01, those of the old provinces it took over with one indexed
 * comparison, as before the reorganisation. An abolished province selects its own code and its old
 * districts; a district or commune its own rows. No code (or `*`) selects the whole country.
 */
export interface AreaScope {
  /** SQL condition on a table aliased as `alias`, with the parameters in `params`. */
  where(alias?: string): string;
  params: string[];
  /**
   * The scope key of the summaries that count persons (projection/derived-summary.ts): `*`,
   * `p:<province>`, `a:<area>`, or `o:<old province>` for a province abolished on 2025-07-01 (its
   * own code and its districts, projection/old-areas.ts).
   */
  key: string;
}

/** Selects no row: an abolished code asked only about days after its end reaches nothing (issue 28). */
export const NOTHING: AreaScope = { where: () => '1 = 0', params: [], key: '-' };

export function areaScope(areas: ReadModelAreas, areaCode: string | undefined): AreaScope {
  if (!areaCode || areaCode === '*') return { where: () => '1 = 1', params: [], key: '*' };
  const known = areas.findAny(areaCode);
  const level = known?.level ?? (areaCode.length === 2 ? 'province' : 'other');
  if (known && level === 'province' && !isCurrent(areas, areaCode)) {
    const codes = [areaCode, ...areas.childrenOf(areaCode, OLD_AREAS_END_ON).map((area) => area.code)];
    const marks = codes.map(() => '?').join(', ');
    return { where: (alias) => `${alias ? `${alias}.` : ''}area_code IN (${marks})`, params: codes, key: `o:${areaCode}` };
  }
  const column = level === 'province' ? 'province' : 'area_code';
  return { where: (alias) => `${alias ? `${alias}.` : ''}${column} = ?`, params: [areaCode], key: `${level === 'province' ? 'p' : 'a'}:${areaCode}` };
}

/**
 * The current province whose figures a fact in area `code` belongs to: the province of the code, and
 * from the 2025 succession the province that took it over (45 and its district 465 → 44). Null for a
 * code no table knows, which then counts in no province (as before).
 */
export function currentProvinceOf(areas: ReadModelAreas, code: string): string | null {
  const province = areas.provinceOf(code);
  if (province === undefined) return null;
  return areas.succession.successorOn(province, AREA_TABLES_SWITCH_ON) ?? province;
}

/**
 * How an area answer over from..to reads for a code with an end (an abolished province or district):
 * its days are cut at its end, and `supersededBy` names its successor when the range runs past it.
 */
export function areaWindow(areas: ReadModelAreas, areaCode: string, from: IsoDate, to: IsoDate): { from: IsoDate; to: IsoDate; empty: boolean; supersededBy?: string } {
  const validity = areas.succession.areaValidOn(areaCode, to);
  if (!validity.supersededBy || !validity.validTo) return { from, to, empty: false };
  const end = validity.validTo < to ? validity.validTo : to;
  return { from, to: end, empty: from > end, supersededBy: validity.supersededBy };
}

function isCurrent(areas: ReadModelAreas, code: string): boolean {
  return areas.succession.areaValidOn(code, AREA_TABLES_SWITCH_ON).valid;
}
