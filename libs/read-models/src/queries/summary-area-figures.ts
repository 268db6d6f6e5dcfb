import { monthOf } from '#domain';
import type { Benefit, IsoDate, IsoMonth, Money } from '#domain';
import { AreaFigures, type BenefitFigures } from './area-figures.js';
import type { AreaScope } from './area-scope.js';

/**
 * AreaFigures answered from the area summaries (schema/area-summaries.ts) instead of the facts:
 * the same figures, exact for every date and range, in a few hundred summary rows per area.
 *  - flows (collections, assessments due, books, cards, benefits): `area_flows`, any range;
 *  - benefit recipients: `benefit_recipient_counts`, any range of months;
 *  - voluntary participants: `voluntary_cover_months`, any date;
 *  - mandatory and unemployment participants: `employer_headcounts` for the employers whose latest
 *    assessed period is not after the date's month (every one, on a current date); the others, and
 *    the few employers with a status change, the exact way;
 *  - health insurance participants: `card_cover_days`, any date;
 *  - claims, inspections and arrears (its own summary): as AreaFigures.
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
    // No status change ever (active on any date) and assessed last for the date's month or before: the latest headcounts.
    const plain = (await this.db.queryOne<{ si: number; ui: number }>(
      `SELECT COALESCE(SUM(h.si), 0) AS si, COALESCE(SUM(h.ui), 0) AS ui FROM employer_headcounts h
       WHERE ${scope.where('h')} AND h.area_code IS NOT NULL AND h.has_status = 0 AND h.period <= ?`,
      [...scope.params, month],
    ))!;
    // The rest the exact way: the period assessed last up to the month, and the status on the date.
    const rest = await this.db.query<{ unitCode: string; si: number; ui: number }>(
      `SELECT a.unit_code AS "unitCode", a.headcount_si AS si, a.headcount_ui AS ui FROM (
         SELECT h.unit_code FROM employer_headcounts h WHERE ${scope.where('h')} AND h.area_code IS NOT NULL AND h.has_status = 1
         UNION ALL SELECT h.unit_code FROM employer_headcounts h
           WHERE ${scope.where('h')} AND h.area_code IS NOT NULL AND h.has_status = 0 AND h.period > ?) u
       JOIN assessments a ON a.unit_code = u.unit_code WHERE a.reversed_on IS NULL AND a.period = (
         SELECT MAX(l.period) FROM assessments l WHERE l.unit_code = u.unit_code AND l.reversed_on IS NULL AND l.period <= ?)`,
      [...scope.params, ...scope.params, month, month],
    );
    const active = await this.activeHeadcounts(scope, asOf, rest);
    return { mandatory: Number(plain.si) + active.mandatory, unemployment: Number(plain.ui) + active.unemployment };
  }

  /** Only employers that ever changed status have any: found through the summary's flag rather than every employer of the area. */
  protected override statusesByUnit(scope: AreaScope) {
    return this.statusesJoined(
      `JOIN employer_headcounts h ON h.unit_code = s.unit_code WHERE ${scope.where('h')} AND h.area_code IS NOT NULL AND h.has_status = 1`,
      scope.params,
    );
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
