import { addMonths, type IsoMonth } from '#domain';
import { areaOn, REORGANISED_ON } from './areas.js';
import { dayIn } from './build-world.js';
import type { Planning } from './planning.js';
import { Random } from './prng.js';

/** The months in which clerks give the employers of abolished districts their new commune. */
const RELOCATION_MONTHS = 6;
const REASON = 'Sắp xếp đơn vị hành chính (NQ 202/2025/QH15): chuyển về xã, phường mới';

/**
 * From 2025-07-01 an employer registered in a district counts in the successor province at once;
 * its commune is a clerk's dated decision (RelocateEmployer). Over the first half year after the
 * reorganisation, about one employer in five a month is relocated to the commune that carries its
 * district on, so that some are still on the "homed in an abolished area" worklist at the end.
 * Draws come from their own seeded stream, so runs that end before 2025-07 are unchanged.
 */
export function planRelocations(planning: Planning, month: IsoMonth): void {
  const first = REORGANISED_ON.slice(0, 7);
  if (month < first) return;
  const { scenario, world, agenda } = planning;
  const random = (planning.relocations ??= Random.for(scenario.seed, 'relocations'));
  const last = addMonths(first, RELOCATION_MONTHS - 1);
  if (month > last) return;
  for (const employer of world.employers) {
    if (employer.relocated || employer.closing || employer.status !== 'active' || employer.registeredOn >= REORGANISED_ON) continue;
    if (!random.chance(200)) continue;
    employer.relocated = true;
    const effectiveOn = dayIn(random, month, 2, 28);
    agenda.add(effectiveOn, () => {
      if (employer.status !== 'active') return undefined;
      return { command: 'RelocateEmployer', data: { unitCode: employer.unitCode, areaCode: areaOn(employer.areaCode, effectiveOn), effectiveOn, reason: REASON } };
    });
  }
}
