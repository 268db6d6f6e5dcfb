/** GSO administrative levels: provinces (2 digits), districts (3, until 2025-06-30), communes (5, from 2025-07-01). */
export type AreaLevel = 'province' | 'district' | 'commune';

export interface Area {
  code: string;
  name: string;
  level: AreaLevel;
  /** The province of a district or commune; absent for a province. */
  parentCode?: string;
}

/** Grants and filters use `*` for "every area". */
export const ALL_AREAS = '*';
