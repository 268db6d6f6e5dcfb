import type { IsoDate, Money } from '#domain';
import type { AreaScope } from '../area-scope.js';
import type { SummaryAreaFigures } from '../area-figures/summary-area-figures.js';
import { percentOf } from '../percent.js';
import type { PlanInForce } from './plans.query.js';

interface SchemeProgress { target: number; actual: number; percentOfPlan: number | null }
export interface PlanProgress {
  year: number;
  areaCode: string;
  asOf: IsoDate;
  plan: { eventId: string; assignedOn: IsoDate };
  collection: { target: Money; actual: Money; percent: number | null };
  participants: {
    mandatorySocialInsurance: SchemeProgress & { percentOfLabourForce: number | null };
    voluntarySocialInsurance: SchemeProgress & { percentOfLabourForce: number | null };
    unemploymentInsurance: SchemeProgress & { percentOfLabourForce: number | null };
    healthInsurance: SchemeProgress & { percentOfPopulation: number | null };
  };
  arrears: { overdue: Money; percentOfCollectionPlan: number | null };
}

/** The plan in force on `date` against the area's actual figures (`GET /api/plans/{year}/progress`). */
export async function planProgress(
  figures: SummaryAreaFigures,
  plan: PlanInForce,
  year: number,
  areaCode: string,
  scope: AreaScope,
  date: IsoDate,
): Promise<PlanProgress> {
  const actual = (await figures.collections(scope, `${year}-01-01`, date)).amount;
  const people = await figures.participants(scope, date);
  const overdue = (await figures.arrears(scope, date)).overdue;
  const t = plan.targets.participants;
  const scheme = (target: number, count: number) => ({ target, actual: count, percentOfPlan: percentOf(count, target) });
  return {
    year,
    areaCode,
    asOf: date,
    plan: { eventId: plan.eventId, assignedOn: plan.assignedOn },
    collection: { target: plan.targets.collection, actual, percent: percentOf(actual, plan.targets.collection) },
    participants: {
      mandatorySocialInsurance: {
        ...scheme(t.mandatorySocialInsurance, people.mandatorySocialInsurance),
        percentOfLabourForce: percentOf(people.mandatorySocialInsurance, plan.labourForce),
      },
      voluntarySocialInsurance: {
        ...scheme(t.voluntarySocialInsurance, people.voluntarySocialInsurance),
        percentOfLabourForce: percentOf(people.voluntarySocialInsurance, plan.labourForce),
      },
      unemploymentInsurance: {
        ...scheme(t.unemploymentInsurance, people.unemploymentInsurance),
        percentOfLabourForce: percentOf(people.unemploymentInsurance, plan.labourForce),
      },
      healthInsurance: {
        ...scheme(t.healthInsurance, people.healthInsurance),
        percentOfPopulation: percentOf(people.healthInsurance, plan.population),
      },
    },
    arrears: { overdue, percentOfCollectionPlan: percentOf(overdue, plan.targets.collection) },
  };
}
