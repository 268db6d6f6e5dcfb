import { addMoney, subMoney } from '#domain';
import type { IsoDate, Money } from '#domain';
import type { AreaScope } from '../area-scope.js';
import type { BenefitFigures, ClaimFigures, InspectionFigures, Participants } from '../area-figures/area-figures.js';
import type { SummaryAreaFigures } from '../area-figures/summary-area-figures.js';
import { areaInterest } from '../arrears/area-interest.js';
import type { ArrearsRepository } from '../arrears/arrears.repository.js';
import type { ReadModelDb } from '../database/read-model-db.js';
import { sameDayPreviousYear } from '../dates.js';
import { changePercent, percentOf } from '../percent.js';
import { planInForce } from '../plans/plans.query.js';
import type { LateInterestRule } from '../ports.js';
import type { Compared, ProvinceReport, SchemeFigure } from './province-report.js';

/** What the report reads: the area figures, the plans and the employers' facts for interest. */
export interface ProvinceReportSources {
  db: ReadModelDb;
  figures: SummaryAreaFigures;
  repository: ArrearsRepository;
  lateInterest: LateInterestRule;
}

/** The headline figures of `start`..`end` against the same period a year earlier (`GET /api/reports/province/{code}`). */
export async function provinceReport(
  { db, figures, repository, lateInterest }: ProvinceReportSources,
  area: { code: string; name: string },
  scope: AreaScope,
  start: IsoDate,
  end: IsoDate,
): Promise<ProvinceReport> {
  const previousFrom = sameDayPreviousYear(start);
  const previousTo = sameDayPreviousYear(end);
  const hasPrevious = await figures.hasActivity(scope, previousFrom, previousTo);
  const now = await periodFigures(figures, scope, start, end);
  const before = hasPrevious ? await periodFigures(figures, scope, previousFrom, previousTo) : undefined;
  const plan = await planInForce(db, Number(end.slice(0, 4)), area.code, end);
  // Interest is settled per employer from its facts (no summary holds it): the area's employers once, for both dates.
  const employers = await repository.inArea(scope);
  const interestNow = areaInterest(employers, end, lateInterest);
  const interestBefore = before ? areaInterest(employers, previousTo, lateInterest) : undefined;

  const money = (pick: (f: PeriodFigures) => Money): Compared<Money> => {
    const value = pick(now);
    if (!before) return { value, previousYear: null, change: null, changePercent: null };
    const previousYear = pick(before);
    return { value, previousYear, change: subMoney(value, previousYear), changePercent: changePercent(value, previousYear) };
  };
  const count = (pick: (f: PeriodFigures) => number): Compared<number> => {
    const value = pick(now);
    if (!before) return { value, previousYear: null, change: null, changePercent: null };
    const previousYear = pick(before);
    return { value, previousYear, change: value - previousYear, changePercent: changePercent(value, previousYear) };
  };
  const scheme = (pick: (p: Participants) => number, target: number | undefined): SchemeFigure => ({
    ...count((f) => pick(f.participants)),
    target: target ?? null,
    percentOfPlan: target === undefined ? null : percentOf(pick(now.participants), target),
  });
  const t = plan?.targets.participants;
  const labourShare = (n: number) => (plan ? percentOf(n, plan.labourForce) : null);
  const p = now.participants;

  return {
    areaCode: area.code,
    name: area.name,
    from: start,
    to: end,
    previousFrom,
    previousTo,
    previousYearHasData: hasPrevious,
    plan: plan ? { year: plan.year, assignedOn: plan.assignedOn } : null,
    collections: {
      amount: money((f) => f.collections.amount),
      count: count((f) => f.collections.count),
      target: plan?.targets.collection ?? null,
      percentOfPlan: plan ? percentOf(now.collections.amount, plan.targets.collection) : null,
    },
    participants: {
      total: scheme((x) => x.healthInsurance + x.voluntarySocialInsurance, t ? t.healthInsurance + t.voluntarySocialInsurance : undefined),
      mandatorySocialInsurance: {
        ...scheme((x) => x.mandatorySocialInsurance, t?.mandatorySocialInsurance),
        percentOfLabourForce: labourShare(p.mandatorySocialInsurance),
      },
      voluntarySocialInsurance: {
        ...scheme((x) => x.voluntarySocialInsurance, t?.voluntarySocialInsurance),
        percentOfLabourForce: labourShare(p.voluntarySocialInsurance),
      },
      unemploymentInsurance: {
        ...scheme((x) => x.unemploymentInsurance, t?.unemploymentInsurance),
        percentOfLabourForce: labourShare(p.unemploymentInsurance),
      },
      healthInsurance: {
        ...scheme((x) => x.healthInsurance, t?.healthInsurance),
        percentOfPopulation: plan ? percentOf(p.healthInsurance, plan.population) : null,
      },
    },
    books: { issued: count((f) => f.books) },
    cards: { issued: count((f) => f.cards) },
    monthlyBenefits: { recipients: count((f) => f.benefits.monthlyRecipients), amount: money((f) => f.benefits.monthlyAmount) },
    benefits: {
      amount: money((f) => f.benefits.amount),
      payments: count((f) => f.benefits.payments),
      recipients: count((f) => f.benefits.recipients),
    },
    claims: {
      visits: count((f) => f.claims.visits),
      requested: money((f) => f.claims.requested),
      approved: money((f) => f.claims.approved),
      refused: money((f) => f.claims.refused),
    },
    inspections: {
      count: count((f) => f.inspections.count),
      unannounced: count((f) => f.inspections.unannounced),
      arrearsFound: money((f) => f.inspections.arrearsFound),
    },
    arrears: {
      overdue: money((f) => f.arrears.overdue),
      employers: count((f) => f.arrears.employers),
      percentOfCollectionPlan: plan ? percentOf(now.arrears.overdue, plan.targets.collection) : null,
      interest: interestBefore
        ? {
            value: interestNow.interest,
            previousYear: interestBefore.interest,
            change: subMoney(interestNow.interest, interestBefore.interest),
            changePercent: changePercent(interestNow.interest, interestBefore.interest),
          }
        : { value: interestNow.interest, previousYear: null, change: null, changePercent: null },
      interestComputed: interestNow.interestComputed,
      interestPercentOfTotal: percentOf(interestNow.interest, addMoney(now.arrears.overdue, interestNow.interest)),
      evasion: interestNow.evasion,
    },
  };
}

async function periodFigures(figures: SummaryAreaFigures, scope: AreaScope, from: IsoDate, to: IsoDate): Promise<PeriodFigures> {
  return {
    collections: await figures.collections(scope, from, to),
    participants: await figures.participants(scope, to),
    books: await figures.booksIssued(scope, from, to),
    cards: await figures.cardsIssued(scope, from, to),
    benefits: await figures.benefits(scope, from, to),
    claims: await figures.claims(scope, from, to),
    inspections: await figures.inspections(scope, from, to),
    arrears: await figures.arrears(scope, to),
  };
}

interface PeriodFigures {
  collections: { amount: Money; count: number };
  participants: Participants;
  books: number;
  cards: number;
  benefits: BenefitFigures;
  claims: ClaimFigures;
  inspections: InspectionFigures;
  arrears: { overdue: Money; employers: number };
}

