import type { IsoDate } from '../calendar.js';
import { ALL_AREAS } from './area.js';
import type { AreaDirectory } from './area-directory.js';
import { AREA_TABLES_SWITCH_ON, OLD_AREAS_END_ON } from './reorganisation.js';

/** The dated tables with their succession, as `AreaDirectory` holds them. */
export type SucceededAreas = Pick<AreaDirectory, 'find' | 'childrenOf' | 'succession'>;

/** The area codes whose facts an area scope covers over a stretch of days, both ends included. */
export interface AreaReach {
  from: IsoDate;
  to: IsoDate;
  codes: string[];
}

/**
 * The codes a scope (a key's area, or the area an answer is asked for) reaches from `from` to `to`,
 * split at 2025-07-01. A current province reaches itself and its communes from then, and before it the
 * old provinces it took over with their districts (its own code included). An abolished province or a
 * district keeps its own history up to 2025-06-30 and reaches nothing after. A commune reaches itself
 * from 2025-07-01. `*` reaches everything. Stretches that reach nothing are left out.
 */
export function reachOver(areas: SucceededAreas, scope: string, from: IsoDate, to: IsoDate): AreaReach[] {
  if (from > to) return [];
  if (scope === ALL_AREAS) return [{ from, to, codes: [ALL_AREAS] }];
  const stretches: AreaReach[] = [];
  if (from <= OLD_AREAS_END_ON) stretches.push({ from, to: to < OLD_AREAS_END_ON ? to : OLD_AREAS_END_ON, codes: codesBefore(areas, scope) });
  if (to >= AREA_TABLES_SWITCH_ON) stretches.push({ from: from > AREA_TABLES_SWITCH_ON ? from : AREA_TABLES_SWITCH_ON, to, codes: codesFrom(areas, scope) });
  return stretches.filter((stretch) => stretch.codes.length > 0);
}

/**
 * True when a fact in area `code` dated `date` lies in the scope: the same answer as `reachOver` for
 * that one day, without listing every commune (it runs once per fact). A fact's old code dated after
 * 2025-07-01 is read as its successor first, so a payment of an employer still homed in a district
 * counts for the successor province and not for a key scoped to that district.
 */
export function reachesOn(areas: SucceededAreas, scope: string, code: string, date: IsoDate): boolean {
  if (scope === ALL_AREAS) return true;
  const current = areas.succession.successorOn(code, date);
  const area = current === undefined ? undefined : areas.find(current, date);
  if (!area) return false;
  const province = area.level === 'province' ? area.code : area.parentCode;
  if (date >= AREA_TABLES_SWITCH_ON || !isCurrentProvince(areas, scope)) return area.code === scope || province === scope;
  // Before the switch a current province covers every old province it took over, the one of its own code included.
  return province !== undefined && areas.succession.successorOn(province, AREA_TABLES_SWITCH_ON) === scope;
}

function isCurrentProvince(areas: SucceededAreas, code: string): boolean {
  return areas.find(code, AREA_TABLES_SWITCH_ON)?.level === 'province';
}

function codesBefore(areas: SucceededAreas, scope: string): string[] {
  const { provinces, districts } = areas.succession.predecessorsOf(scope);
  if (provinces.length > 0) return [...provinces, ...districts].map((area) => area.code);
  const old = areas.find(scope, OLD_AREAS_END_ON);
  if (!old) return [];
  return [old.code, ...areas.childrenOf(old.code, OLD_AREAS_END_ON).map((area) => area.code)];
}

function codesFrom(areas: SucceededAreas, scope: string): string[] {
  const current = areas.find(scope, AREA_TABLES_SWITCH_ON);
  if (!current) return [];
  return [current.code, ...areas.childrenOf(current.code, AREA_TABLES_SWITCH_ON).map((area) => area.code)];
}
