import type { IsoDate } from '../calendar.js';
import type { AreaLookup } from '../decider.js';
import { refuse } from '../errors.js';

/**
 * Refuses a code that is not in the area table in force on the fact's business date (contract:
 * before 2025-07-01 provinces and districts, from then provinces and communes).
 */
export function requireArea(areas: AreaLookup, code: string, onDate: IsoDate): string {
  if (!areas.find(code, onDate)) refuse('UNKNOWN_AREA', `area ${code} does not exist on ${onDate}`);
  return code;
}
