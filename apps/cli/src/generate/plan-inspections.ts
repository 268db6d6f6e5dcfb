import type { IsoMonth } from '#domain';
import { dayIn } from './build-world.js';
import type { Planning } from './planning.js';
import type { Employer } from './world.js';

/** About three employers in a hundred are inspected a year, at least a few, spread over the months. */
function inspectionsInMonth(employers: number, month: IsoMonth): number {
  const perYear = Math.max(4, Math.round((employers * 3) / 100));
  const index = Number(month.slice(5)) - 1;
  return Math.floor(((index + 1) * perYear) / 12) - Math.floor((index * perYear) / 12);
}

/**
 * Inspectors go mostly where money is owed. What they find is what the employer owes on the day,
 * by the ledger's own assessments and collections as written so far.
 */
export function planInspections(planning: Planning, month: IsoMonth): void {
  const { random, agenda, references } = planning;
  const open = planning.world.employers.filter((employer) => employer.status === 'active' && !employer.closing && employer.firstPeriod <= month);
  if (open.length === 0) return;
  const owing = open.filter((employer) => employer.outstanding > 0n);
  const chosen = new Set<Employer>();
  const count = Math.min(open.length, inspectionsInMonth(planning.world.employers.length, month));
  for (let attempt = 0; chosen.size < count && attempt < count * 10; attempt++) {
    chosen.add(owing.length > 0 && random.chance(600) ? random.pick(owing) : random.pick(open));
  }
  for (const employer of chosen) {
    const inspectedOn = dayIn(random, month, 5, 25);
    const unannounced = random.chance(250);
    agenda.add(inspectedOn, () => {
      if (employer.status !== 'active') return undefined;
      // The month under way is not late yet (its due date is the month's end), so it is not found owing.
      const notYetDue = employer.lastPeriod === month ? employer.lastDue : 0n;
      const arrearsFound = employer.outstanding > notYetDue ? employer.outstanding - notYetDue : 0n;
      return {
        command: 'RecordInspection',
        data: { inspectionId: references.inspection(month.slice(0, 4)), unitCode: employer.unitCode, inspectedOn, unannounced, arrearsFound: arrearsFound.toString() },
      };
    });
  }
}
