import type { IsoDate } from '../calendar.js';
import type { AreaLookup } from '../decider.js';
import { refuse } from '../errors.js';
import type { AreaSuccession } from './area-succession.js';

/**
 * Refuses a code that is not in the area table in force on the fact's business date (contract:
 * before 2025-07-01 provinces and districts, from then provinces and communes). The message names the
 * successor of a code asked past its end (issue 28), through `requireAreaOn`: every command's area is
 * checked here, so a clerk typing an old district after 2025-07-01 learns what to type instead.
 */
export function requireArea(areas: AreaLookup, code: string, onDate: IsoDate): string {
  // A code is in force exactly when the table of its date holds it (areaValidOn agrees), so the
  // common case costs one look-up and only a refusal asks the succession for its words.
  if (areas.find(code, onDate)) return code;
  return requireAreaOn(areas.succession, code, onDate);
}

/**
 * As `requireArea`, with the message naming the successor of a code asked past its end (issue 28:
 * a command after 2025-07-01 naming an abolished code answers 422 UNKNOWN_AREA with the successor).
 */
export function requireAreaOn(succession: Pick<AreaSuccession, 'areaValidOn' | 'unknownAreaMessage'>, code: string, onDate: IsoDate): string {
  if (!succession.areaValidOn(code, onDate).valid) refuse('UNKNOWN_AREA', succession.unknownAreaMessage(code, onDate));
  return code;
}
