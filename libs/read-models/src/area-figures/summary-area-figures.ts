import { monthOf } from '#domain';
import type { Benefit, IsoDate, IsoMonth, Money } from '#domain';
import { AreaFigures, type BenefitFigures } from './area-figures.js';
import type { AreaScope } from '../area-scope.js';
import { statusOn } from '../arrears/arrears.calculation.js';

/**
 * AreaFigures answered from the area summaries (area-summaries.ts) instead of the facts:
 * the same figures, exact for every date and range, in a few hundred summary rows per area.
 *  - flows (collections, assessments due, books, cards, benefits): `area_flows`, any range;
 *  - benefit recipients: `benefit_recipient_counts`, any range of months;
 *  - voluntary participants: `voluntary_cover_months`, any date;
 *  - mandatory and unemployment participants: `employer_headcounts` for the employers whose latest
 *    assessed period is not after the date's month and whose status changes all date from the date
 *    or before (every one, on a current date); the others the exact way;
 *  - health insurance participants: `card_cover_days`, any date;
 *  - claims, inspections and arrears (its own summary): as AreaFigures.
 * Persons cannot be added up over an abolished province's districts: its persons have a key of their
 * own (`o:<province>`, projection/old-areas.ts), so its history is answered from the summaries too.
 */
export class SummaryAreaFigures extends AreaFigures {
  override async collections(scope: AreaScope, from: IsoDate, to: IsoDate): Promise<{ amount: Money; count: number }> {
    return this.flow('collections', scope, from, to);
  }

  override async assessmentsDue(scope: AreaScope, from: IsoDate, to: IsoDate): Promise<Money> {
    return (await this.flow('assessments', scope, monthOf(from), monthOf(to))).amount;
  }

  override async booksIssued(scope: AreaScope, from: IsoDate, to: IsoDate): Promise<number> {
    return (await this.flow('books', scope, from, to)).count;
  }

  override async cardsIssued(scope: AreaScope, from: IsoDate, to: IsoDate): Promise<number> {
    return (await this.flow('cards', scope, from, to)).count;
  }

  protected override async benefitSums(scope: AreaScope, from: IsoMonth, to: IsoMonth) {
    const total = await this.flow('benefits', scope, from, to);
    const byBenefit: BenefitFigures['byBenefit'] = {};
    const rows = await this.db.query<{ benefit: Benefit; amount: Money; n: number }>(
      `SELECT f.detail AS benefit, ${this.db.dialect.sumMoney('f.amount')} AS amount, COALESCE(SUM(f.n), 0) AS n FROM area_flows f
       WHERE f.flow = 'benefits' AND ${scope.where('f')} AND f.on_key BETWEEN ? AND ? GROUP BY f.detail ORDER BY f.detail`,
      [...scope.params, from, to],
    );
    // A benefit whose payments were all reversed keeps its rows at 0 payments; the facts have none.
    for (const row of rows) if (Number(row.n) > 0) byBenefit[row.benefit] = { amount: row.amount, payments: Number(row.n) };
    return { total, byBenefit };
  }

  protected override recipients(scope: AreaScope, from: IsoMonth, to: IsoMonth): Promise<number> {
    // Each person paid in from..to has one month there whose previous payout month is before `from` ('' for none).
    return this.count(
      `SELECT COALESCE(SUM(r.n), 0) AS n FROM benefit_recipient_counts r
       WHERE r.scope_key = ? AND r.kind = 'all' AND r.month BETWEEN ? AND ? AND r.prev_month < ?`,
      [scope.key, from, to, from],
    );
  }

  protected override monthlyRecipients(scope: AreaScope, month: IsoMonth): Promise<number> {
    return this.count(
      `SELECT COALESCE(SUM(r.n), 0) AS n FROM benefit_recipient_counts r WHERE r.scope_key = ? AND r.kind = 'monthly' AND r.month = ?`,
      [scope.key, month],
    );
  }

  protected override voluntaryParticipants(scope: AreaScope, asOf: IsoDate): Promise<number> {
    return this.count(
      `SELECT COUNT(*) AS n FROM voluntary_cover_months v WHERE v.scope_key = ? AND v.month = ? AND v.first_collected_on <= ?`,
      [scope.key, monthOf(asOf), asOf],
    );
  }

  protected override healthParticipants(scope: AreaScope, asOf: IsoDate): Promise<number> {
    // The runs that contain asOf: those started by then, less those that ended before it.
    return this.count(
      `SELECT (SELECT COALESCE(SUM(d.starts), 0) FROM card_cover_days d WHERE d.scope_key = ? AND d.day <= ?)
         - (SELECT COALESCE(SUM(d.ends), 0) FROM card_cover_days d WHERE d.scope_key = ? AND d.day < ?) AS n`,
      [scope.key, asOf, scope.key, asOf],
    );
  }

  protected override async employedParticipants(scope: AreaScope, asOf: IsoDate): Promise<{ mandatory: number; unemployment: number }> {
    const month = monthOf(asOf);
    const inScope = `${scope.where('h')} AND h.area_code IS NOT NULL`;
    // Active from a date on or before asOf for good, and assessed last for asOf's month or before: the latest headcounts.
    const plain = (await this.db.queryOne<{ si: number; ui: number }>(
      `SELECT COALESCE(SUM(h.si), 0) AS si, COALESCE(SUM(h.ui), 0) AS ui FROM employer_headcounts h
       WHERE ${inScope} AND h.status_now = 'active' AND h.period <= ? AND h.settled_through <= ?`,
      [...scope.params, month, asOf],
    ))!;
    // The rest the exact way: assessed for a later month, or with status changes after asOf.
    const rest = await this.db.query<{ unitCode: string; si: number; ui: number; statusNow: string; settledThrough: string }>(
      `SELECT a.unit_code AS "unitCode", a.headcount_si AS si, a.headcount_ui AS ui, u.status_now AS "statusNow",
         u.settled_through AS "settledThrough" FROM (
         SELECT h.unit_code, h.status_now, h.settled_through FROM employer_headcounts h WHERE ${inScope} AND h.period > ?
         UNION ALL SELECT h.unit_code, h.status_now, h.settled_through FROM employer_headcounts h
           WHERE ${inScope} AND h.period <= ? AND h.settled_through > ?) u
       JOIN assessments a ON a.unit_code = u.unit_code WHERE a.reversed_on IS NULL AND a.period = (
         SELECT MAX(l.period) FROM assessments l WHERE l.unit_code = u.unit_code AND l.reversed_on IS NULL AND l.period <= ?)`,
      [...scope.params, month, ...scope.params, month, asOf, month],
    );
    const unsettled = await this.statusesJoined(
      `JOIN employer_headcounts h ON h.unit_code = s.unit_code WHERE ${inScope} AND h.settled_through > ?`, [...scope.params, asOf],
    );
    let mandatory = Number(plain.si);
    let unemployment = Number(plain.ui);
    for (const row of rest) {
      const status = row.settledThrough <= asOf ? row.statusNow : statusOn(unsettled.get(row.unitCode) ?? [], asOf);
      if (status !== 'active') continue;
      mandatory += Number(row.si);
      unemployment += Number(row.ui);
    }
    return { mandatory, unemployment };
  }

  private async flow(flow: string, scope: AreaScope, from: string, to: string): Promise<{ amount: Money; count: number }> {
    const row = (await this.db.queryOne<{ amount: Money; n: number }>(
      `SELECT ${this.db.dialect.sumMoney('f.amount')} AS amount, COALESCE(SUM(f.n), 0) AS n FROM area_flows f
       WHERE f.flow = ? AND ${scope.where('f')} AND f.on_key BETWEEN ? AND ?`,
      [flow, ...scope.params, from, to],
    ))!;
    return { amount: row.amount, count: Number(row.n) };
  }
}
