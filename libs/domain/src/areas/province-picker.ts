import type { AreaSuccession } from './area-succession.js';
import { OLD_AREAS_END_ON } from './reorganisation.js';

/** The label under which the dashboard groups the provinces as they stood before the reorganisation. */
export const BEFORE_REORGANISATION_GROUP = 'before 2025-07';

/** One entry of the dashboard's province picker. */
export interface ProvinceOption {
  code: string;
  name: string;
  group: 'current' | typeof BEFORE_REORGANISATION_GROUP;
  /** For an old province: its last day, so that picking it asks for its own history. */
  validTo?: string;
  /** For an old province: the current province that took it over. */
  successorCode?: string;
  /**
   * For an old province whose code a current province kept (44 Quảng Bình): an answer asked by that
   * code means the current province, whose days before 2025-07-01 include every province it took over.
   * The old province alone is the sum of its districts (`AreaSuccession.predecessorsOf`).
   */
  sharesCodeWithCurrent?: boolean;
}

/**
 * The province picker's list: the 34 current provinces first, then the 63 old ones under "before
 * 2025-07". A code that survived appears twice, once per group (44 is today's Quảng Trị and, before
 * 2025-07, Quảng Bình), because the two entries mean different territories.
 */
export function provincePicker(succession: AreaSuccession): ProvinceOption[] {
  const current: ProvinceOption[] = succession.currentProvinces().map(({ code, name }) => ({ code, name, group: 'current' }));
  const before: ProvinceOption[] = succession.oldProvinces().map(({ code, name, successorCode }) => ({
    code,
    name,
    group: BEFORE_REORGANISATION_GROUP,
    validTo: OLD_AREAS_END_ON,
    successorCode,
    sharesCodeWithCurrent: successorCode === code,
  }));
  return [...current, ...before];
}
