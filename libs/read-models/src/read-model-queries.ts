import { todayUtc } from '#domain';
import type { IsoDate, IsoMonth } from '#domain';
import { areaTotals, type AreaTotals } from './area-figures/area-totals.js';
import { SummaryAreaFigures } from './area-figures/summary-area-figures.js';
import { areaScope, areaWindow, NOTHING, type AreaScope } from './area-scope.js';
import { arrearsWorklist, type ArrearsWorklist, type ArrearsWorklistRequest } from './arrears/arrears-worklist.js';
import { computeArrears, type EmployerArrears } from './arrears/arrears.calculation.js';
import { ArrearsRepository } from './arrears/arrears.repository.js';
import { WorklistMemo } from './arrears/worklist-memo.js';
import type { ReadModelDb } from './database/read-model-db.js';
import { startOfYear } from './dates.js';
import { PayoutsQuery, type LedgerPayment, type Payouts } from './payouts/payouts.query.js';
import { planProgress, type PlanProgress } from './plans/plan-progress.js';
import { planInForce } from './plans/plans.query.js';
import type { LateInterestRule, ReadModelAreas } from './ports.js';
import type { ProvinceReport } from './report/province-report.js';
import { provinceReport } from './report/province-report.query.js';
import { employersByHome, type EmployersByHome, type EmployersByHomeRequest } from './employers/employers-by-home.js';

export type { AreaTotals } from './area-figures/area-totals.js';
export { decodeCursor, type ArrearsWorklist, type ArrearsWorklistRequest } from './arrears/arrears-worklist.js';
export type { PlanProgress } from './plans/plan-progress.js';
export type { EmployersByHome, EmployersByHomeRequest } from './employers/employers-by-home.js';

/** An area answer for a code that ceased on 2025-07-01, asked past that day, names its successor (issue 28). */
export type Succeeded<T> = T & { supersededBy?: string };

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
  /** The worklist's employer headlines, kept between calls under what determines them (arrears/worklist-memo.ts). */
  private readonly worklistMemo = new WorklistMemo();

  constructor(
    private readonly db: ReadModelDb,
    options: ReadModelQueriesOptions,
  ) {
    this.areas = options.areas;
    this.lateInterest = options.lateInterest;
    this.today = options.today ?? (() => todayUtc());
    this.arrearsRepository = new ArrearsRepository(db);
    this.figures = new SummaryAreaFigures(db);
    this.payoutsQuery = new PayoutsQuery(db);
  }

  /**
   * `GET /api/areas/{areaCode}/totals`: flows over from..to (default: 1 January of `to`'s year), stocks on `to` (default today).
   * A code that ceased on 2025-07-01 answers for its own days up to then, and names its successor.
   */
  async areaTotals(areaCode: string, from?: IsoDate, to?: IsoDate): Promise<Succeeded<AreaTotals> | undefined> {
    const area = this.areas.findAny(areaCode);
    if (!area) return undefined;
    const end = to ?? this.today();
    const start = from ?? startOfYear(end);
    const { scope, window } = this.scopeOver(areaCode, start, end);
    const totals = await areaTotals(this.figures, { code: areaCode, name: area.name }, scope, start, window.to < start ? start : window.to);
    return succeeded({ ...totals, to: end }, window.supersededBy);
  }

  /** `GET /api/employers/{unitCode}/arrears`: the balance on `asOf` (default today) per period, with its trace. */
  async employerArrears(unitCode: string, asOf?: IsoDate): Promise<EmployerArrears | undefined> {
    const facts = await this.arrearsRepository.one(unitCode);
    if (!facts) return undefined;
    return computeArrears(facts, asOf ?? this.today(), this.lateInterest);
  }

  /**
   * `GET /api/arrears`: the inspectors' worklist on `asOf` (default today), see arrears/arrears-worklist.ts.
   * A code that ceased on 2025-07-01 asked for a day after its end lists nothing and names its successor.
   */
  async arrearsWorklist(request: ArrearsWorklistRequest = {}): Promise<Succeeded<ArrearsWorklist>> {
    const asOf = request.asOf ?? this.today();
    if (!request.area) {
      return arrearsWorklist(this.arrearsRepository, this.lateInterest, areaScope(this.areas, undefined), asOf, request, this.worklistMemo);
    }
    const { scope, window } = this.scopeOver(request.area, asOf, asOf);
    return succeeded(await arrearsWorklist(this.arrearsRepository, this.lateInterest, scope, asOf, request, this.worklistMemo), window.supersededBy);
  }

  /** `GET /api/employers?area&homedIn`: employers by their recorded home today, see employers/employers-by-home.ts. */
  employersByHome(request: EmployersByHomeRequest): Promise<EmployersByHome> {
    return employersByHome(this.db, this.areas, areaScope(this.areas, request.area), this.today(), request);
  }

  /** `GET /api/plans/{year}/progress`: the plan in force on `asOf` against actual figures; undefined without a plan. */
  async planProgress(year: number, areaCode: string, asOf?: IsoDate): Promise<PlanProgress | undefined> {
    const date = asOf ?? this.today();
    const plan = await planInForce(this.db, year, areaCode, date);
    if (!plan) return undefined;
    const { scope, window } = this.scopeOver(areaCode, `${year}-01-01`, date);
    const progress = await planProgress(this.figures, plan, year, areaCode, scope, window.to < window.from ? date : window.to);
    return succeeded({ ...progress, asOf: date }, window.supersededBy);
  }

  /** `GET /api/payouts/{month}`: a month's payouts in an area (all areas without one). */
  async payouts(month: IsoMonth, areaCode?: string): Promise<Succeeded<Payouts>> {
    if (!areaCode) return this.payoutsQuery.payouts(month, areaCode, areaScope(this.areas, areaCode));
    const { scope, window } = this.scopeOver(areaCode, `${month}-01`, `${month}-01`);
    return succeeded(await this.payoutsQuery.payouts(month, areaCode, scope), window.supersededBy);
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
    const start = from ?? startOfYear(end);
    const { scope, window } = this.scopeOver(code, start, end);
    const sources = { db: this.db, figures: this.figures, repository: this.arrearsRepository, lateInterest: this.lateInterest };
    const report = await provinceReport(sources, { code, name: area.name }, scope, start, window.to < start ? start : window.to);
    return succeeded({ ...report, to: end }, window.supersededBy);
  }

  /**
   * The rows an area answer over from..to selects: a code that ceased on 2025-07-01 reaches its own
   * days up to then and nothing after (issue 28), so the range is cut at its end, and a range wholly
   * after it selects nothing.
   */
  private scopeOver(areaCode: string, from: IsoDate, to: IsoDate): { scope: AreaScope; window: ReturnType<typeof areaWindow> } {
    const window = areaWindow(this.areas, areaCode, from, to);
    return { scope: window.empty ? NOTHING : areaScope(this.areas, areaCode), window };
  }
}

function succeeded<T extends object>(answer: T, supersededBy: string | undefined): Succeeded<T> {
  return supersededBy === undefined ? answer : { ...answer, supersededBy };
}
