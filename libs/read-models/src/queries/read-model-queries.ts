import { addMoney, compareMoney, subMoney, todayUtc } from '#domain';
import type { IsoDate, IsoMonth, Money } from '#domain';
import type { ReadModelDb } from '../database/read-model-db.js';
import type { ReadModelAreas, LateInterestRule } from '../ports.js';
import type { Compared, ProvinceReport, SchemeFigure } from '../report/province-report.js';
import { type BenefitFigures, type ClaimFigures, type InspectionFigures, type Participants } from '../area-figures/area-figures.js';
import { areaInterest } from '../arrears/area-interest.js';
import { areaScope } from './area-scope.js';
import { SummaryAreaFigures } from '../area-figures/summary-area-figures.js';
import { ARREARS_BUCKETS, computeArrears, summaryOf, type ArrearsBucket, type ArrearsSummary, type EmployerArrears } from '../arrears/arrears.calculation.js';
import { ArrearsRepository } from '../arrears/arrears.repository.js';
import { sameDayPreviousYear } from './dates.js';
import { changePercent, percentOf } from './percent.js';
import { planInForce } from './plans.query.js';
import { PayoutsQuery, type LedgerPayment, type Payouts } from './payouts.query.js';

export interface AreaTotals {
  areaCode: string;
  name: string;
  from: IsoDate;
  to: IsoDate;
  collections: { amount: Money; count: number };
  assessments: { due: Money };
  participants: Participants;
  books: { issued: number };
  cards: { issued: number };
  benefits: Omit<BenefitFigures, 'monthlyAmount'>;
  claims: ClaimFigures;
  inspections: InspectionFigures;
  arrears: { overdue: Money; employers: number };
}

export interface ArrearsWorklistRequest {
  /** Province, district or commune code; none for the whole country. */
  area?: string;
  bucket?: ArrearsBucket;
  asOf?: IsoDate;
  /** 50 by default, at most 500. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface ArrearsWorklist {
  asOf: IsoDate;
  totals: { overdue: Money; interest: Money; employers: number; byBucket: Record<string, { overdue: Money; employers: number }> };
  items: ArrearsSummary[];
  nextCursor: string | null;
}

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

export interface ReadModelQueriesOptions {
  areas: ReadModelAreas;
  lateInterest: LateInterestRule;
  /** Today's business date, for `asOf`/`to` left out by the caller; UTC today by default. */
  today?: () => IsoDate;
}

/**
 * Answers the contract's queries (contract.md "Queries") from the read-model tables, on SQLite or
 * PostgreSQL alike (ReadModelDb). Plain class, no Nest; every answer is a promise. Money comes back as decimal strings of đồng, percentages
 * as numbers rounded half-up to 2 decimals. A method returns undefined for an unknown employer,
 * area or plan, which the HTTP layer answers with 404.
 */
export class ReadModelQueries {
  private readonly areas: ReadModelAreas;
  private readonly lateInterest: LateInterestRule;
  private readonly today: () => IsoDate;
  private readonly arrearsRepository: ArrearsRepository;
  private readonly figures: SummaryAreaFigures;
  private readonly payoutsQuery: PayoutsQuery;

  constructor(
    private readonly db: ReadModelDb,
    options: ReadModelQueriesOptions,
  ) {
    this.areas = options.areas;
    this.lateInterest = options.lateInterest;
    this.today = options.today ?? (() => todayUtc());
    this.arrearsRepository = new ArrearsRepository(db);
    this.figures = new SummaryAreaFigures(db, this.arrearsRepository, this.lateInterest);
    this.payoutsQuery = new PayoutsQuery(db);
  }

  /** `GET /api/areas/{areaCode}/totals`: flows over from..to (default: 1 January of `to`'s year), stocks on `to` (default today). */
  async areaTotals(areaCode: string, from?: IsoDate, to?: IsoDate): Promise<AreaTotals | undefined> {
    const area = this.areas.findAny(areaCode);
    if (!area) return undefined;
    const end = to ?? this.today();
    const start = from ?? `${end.slice(0, 4)}-01-01`;
    const scope = areaScope(this.areas, areaCode);
    const { monthlyAmount: _monthlyAmount, ...benefits } = await this.figures.benefits(scope, start, end);
    return {
      areaCode,
      name: area.name,
      from: start,
      to: end,
      collections: await this.figures.collections(scope, start, end),
      assessments: { due: await this.figures.assessmentsDue(scope, start, end) },
      participants: await this.figures.participants(scope, end),
      books: { issued: await this.figures.booksIssued(scope, start, end) },
      cards: { issued: await this.figures.cardsIssued(scope, start, end) },
      benefits,
      claims: await this.figures.claims(scope, start, end),
      inspections: await this.figures.inspections(scope, start, end),
      arrears: await this.figures.arrears(scope, end),
    };
  }

  /** `GET /api/employers/{unitCode}/arrears`: the balance on `asOf` (default today) per period, with its trace. */
  async employerArrears(unitCode: string, asOf?: IsoDate): Promise<EmployerArrears | undefined> {
    const facts = await this.arrearsRepository.one(unitCode);
    if (!facts) return undefined;
    return computeArrears(facts, asOf ?? this.today(), this.lateInterest);
  }

  /**
   * `GET /api/arrears`: employers that owe anything on `asOf`, largest overdue first (ties by unit
   * code), optionally of one bucket. Totals cover every matching employer, not just the page.
   */
  async arrearsWorklist(request: ArrearsWorklistRequest = {}): Promise<ArrearsWorklist> {
    const asOf = request.asOf ?? this.today();
    const limit = Math.min(Math.max(request.limit ?? 50, 1), 500);
    const offset = request.cursor ? (decodeCursor(request.cursor) ?? 0) : 0;
    const owing = (await this.arrearsRepository.inArea(areaScope(this.areas, request.area)))
      .map((facts) => summaryOf(computeArrears(facts, asOf, this.lateInterest, { detailed: false, withInterest: true })))
      .filter((a) => compareMoney(a.outstanding, '0') > 0 && (!request.bucket || a.bucket === request.bucket))
      .sort((a, b) => compareMoney(b.overdue, a.overdue) || (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0));
    const byBucket: ArrearsWorklist['totals']['byBucket'] = {};
    for (const bucket of ARREARS_BUCKETS) byBucket[bucket] = { overdue: '0', employers: 0 };
    for (const a of owing) {
      byBucket[a.bucket] = { overdue: addMoney(byBucket[a.bucket].overdue, a.overdue), employers: byBucket[a.bucket].employers + 1 };
    }
    const items = owing.slice(offset, offset + limit);
    return {
      asOf,
      totals: {
        overdue: addMoney(...owing.map((a) => a.overdue)),
        interest: addMoney(...owing.map((a) => a.interest)),
        employers: owing.length,
        byBucket,
      },
      items,
      nextCursor: offset + limit < owing.length ? encodeCursor(offset + limit) : null,
    };
  }

  /** `GET /api/plans/{year}/progress`: the plan in force on `asOf` against actual figures; undefined without a plan. */
  async planProgress(year: number, areaCode: string, asOf?: IsoDate): Promise<PlanProgress | undefined> {
    const date = asOf ?? this.today();
    const plan = await planInForce(this.db, year, areaCode, date);
    if (!plan) return undefined;
    const scope = areaScope(this.areas, areaCode);
    const actual = (await this.figures.collections(scope, `${year}-01-01`, date)).amount;
    const people = await this.figures.participants(scope, date);
    const overdue = (await this.figures.arrears(scope, date)).overdue;
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

  /** `GET /api/payouts/{month}`: a month's payouts in an area (all areas without one). */
  payouts(month: IsoMonth, areaCode?: string): Promise<Payouts> {
    return this.payoutsQuery.payouts(month, areaCode, areaScope(this.areas, areaCode));
  }

  /** The unreversed payments of a month and area, for reconciling an agent's statement. */
  ledgerPayments(month: IsoMonth, areaCode: string): Promise<LedgerPayment[]> {
    return this.payoutsQuery.ledgerPayments(month, areaScope(this.areas, areaCode));
  }

  /** `GET /api/reports/province/{code}`: the headline figures against the same period a year earlier. */
  async provinceReport(code: string, from?: IsoDate, to?: IsoDate): Promise<ProvinceReport | undefined> {
    const area = this.areas.findAny(code);
    if (!area) return undefined;
    const end = to ?? this.today();
    const start = from ?? `${end.slice(0, 4)}-01-01`;
    const previousFrom = sameDayPreviousYear(start);
    const previousTo = sameDayPreviousYear(end);
    const scope = areaScope(this.areas, code);
    const hasPrevious = await this.figures.hasActivity(scope, previousFrom, previousTo);
    const now = await this.periodFigures(scope, start, end);
    const before = hasPrevious ? await this.periodFigures(scope, previousFrom, previousTo) : undefined;
    const plan = await planInForce(this.db, Number(end.slice(0, 4)), code, end);
    // Interest is settled per employer from its facts (no summary holds it): the area's employers once, for both dates.
    const employers = await this.arrearsRepository.inArea(scope);
    const interestNow = areaInterest(employers, end, this.lateInterest);
    const interestBefore = before ? areaInterest(employers, previousTo, this.lateInterest) : undefined;

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
      areaCode: code,
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
      },
    };
  }

  private async periodFigures(scope: ReturnType<typeof areaScope>, from: IsoDate, to: IsoDate): Promise<PeriodFigures> {
    return {
      collections: await this.figures.collections(scope, from, to),
      participants: await this.figures.participants(scope, to),
      books: await this.figures.booksIssued(scope, from, to),
      cards: await this.figures.cardsIssued(scope, from, to),
      benefits: await this.figures.benefits(scope, from, to),
      claims: await this.figures.claims(scope, from, to),
      inspections: await this.figures.inspections(scope, from, to),
      arrears: await this.figures.arrears(scope, to),
    };
  }
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

/** Cursors are opaque to clients: base64url of the offset of the next page. */
function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

/**
 * The offset a cursor of ours stands for, or undefined for any text this build did not hand out
 * (a client's edit, a cursor cut short): the caller refuses that (400) rather than serve page 1.
 */
export function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) return undefined;
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset: unknown };
    if (!Number.isSafeInteger(offset) || (offset as number) < 0) return undefined;
    return encodeCursor(offset as number) === cursor ? (offset as number) : undefined;
  } catch {
    return undefined;
  }
}
