import type { IsoDate } from '../calendar.js';
import type { AreaLookup } from '../decider.js';
import { refuse } from '../errors.js';
import type { AreaSuccession } from './area-succession.js';

/**
 * Refuses a code that is not in the area table in force on the fact's business date (contract:
 * before 2025-07-01 provinces and districts, from then provinces and communes).
 */
export function requireArea(areas: AreaLookup, code: string, onDate: IsoDate): string {
  if (!areas.find(code, onDate)) refuse('UNKNOWN_AREA', `area ${code} does not exist on ${onDate}`);
  return code;
}

/**
 * As `requireArea`, with the message naming the successor of a code asked past its end (issue 28:
 * a command after 2025-07-01 naming an abolished code answers 422 UNKNOWN_AREA with the successor).
 */
export function requireAreaOn(succession: Pick<AreaSuccession, 'areaValidOn' | 'unknownAreaMessage'>, code: string, onDate: IsoDate): string {
  if (!succession.areaValidOn(code, onDate).valid) refuse('UNKNOWN_AREA', succession.unknownAreaMessage(code, onDate));
  return code;
}
