import type { ReadModelAreas } from './ports.js';

/**
 * Which rows an area code selects: a province selects every row whose area lies in it (the
 * `province` column resolved at projection time), a district or commune its own rows. No code
 * (or `*`) selects the whole country.
 */
export interface AreaScope {
  /** SQL condition on a table aliased as `alias`, with one parameter or none. */
  where(alias?: string): string;
  params: string[];
  /** The scope key of the summaries that count persons (projection/derived-summary.ts): `*`, `p:<province>` or `a:<area>`. */
  key: string;
}

export function areaScope(areas: ReadModelAreas, areaCode: string | undefined): AreaScope {
  if (!areaCode || areaCode === '*') return { where: () => '1 = 1', params: [], key: '*' };
  const level = areas.findAny(areaCode)?.level ?? (areaCode.length === 2 ? 'province' : 'other');
  const column = level === 'province' ? 'province' : 'area_code';
  return { where: (alias) => `${alias ? `${alias}.` : ''}${column} = ?`, params: [areaCode], key: `${level === 'province' ? 'p' : 'a'}:${areaCode}` };
}
