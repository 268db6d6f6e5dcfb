import { firstDayOf, type IsoDate } from '../calendar.js';
import type { DomainEvent } from '../events.js';
import { ALL_AREAS } from './area.js';
import type { AreaDirectory } from './area-directory.js';
import { reachesOn, type SucceededAreas } from './area-reach.js';
import { AREA_TABLES_SWITCH_ON, OLD_AREAS_END_ON } from './reorganisation.js';

/** What a key's scope is checked against: the dated tables, their succession, and plain containment. */
export type ScopedAreas = SucceededAreas & Pick<AreaDirectory, 'isWithin'>;

/**
 * The business date of a fact, the day its area is checked on (as the decision checked the area
 * itself). Undefined for a type that names none here: its area is then checked on any day.
 */
export function businessDateOf(event: DomainEvent): IsoDate | undefined {
  switch (event.type) {
    case 'PayoutsReconciled': return firstDayOf(event.data.month);
    case 'PlanAssigned': return event.data.assignedOn;
    default: {
      const data = event.data as unknown as Record<string, unknown>;
      for (const field of DATE_FIELDS) if (typeof data[field] === 'string') return data[field] as IsoDate;
      return undefined;
    }
  }
}

/** The fields that date a fact, in the order they are looked for (an assessment's `dueDate` is not its date). */
const DATE_FIELDS = ['effectiveOn', 'registeredOn', 'assessedOn', 'collectedOn', 'issuedOn', 'paidOn', 'inspectedOn', 'reversedOn'];

/**
 * Whether a key scoped to `scope` may write a fact in area `code` dated `date` (issue 28): a current
 * province reaches its predecessors' history, an abolished province or district keeps its own up to
 * 2025-06-30 and reaches nothing after (a key for 465 cannot record a fact of 2026). Without a date,
 * whether it reaches the code on any day: containment as before, or a predecessor of a current
 * province (the access guard, before a route knows a date).
 */
export function scopeCovers(areas: ScopedAreas, scope: string, code: string, date?: IsoDate): boolean {
  if (scope === ALL_AREAS) return true;
  if (date !== undefined) return reachesOn(areas, scope, code, date);
  return areas.isWithin(code, scope) || reachesOn(areas, scope, code, OLD_AREAS_END_ON) || reachesOn(areas, scope, code, AREA_TABLES_SWITCH_ON);
}
