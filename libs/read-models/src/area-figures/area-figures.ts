import { addMoney, MONTHLY_BENEFITS, monthOf } from '#domain';
import type { Benefit, IsoDate, IsoMonth, Money } from '#domain';
import type { ReadModelDb, SqlParam } from '../database/read-model-db.js';
import type { AreaScope } from '../area-scope.js';
import { areaOverdue, type AreaOverdue } from '../arrears/area-overdue.js';
import { statusOn } from '../arrears/arrears.calculation.js';

export interface Participants {
  mandatorySocialInsurance: number;
  voluntarySocialInsurance: number;
  unemploymentInsurance: number;
  healthInsurance: number;
}

export interface BenefitFigures {
  amount: Money;
  payments: number;
  recipients: number;
  monthlyRecipients: number;
  /** What the monthly benefits (pension, work accident, survivors, unemployment) paid over the range. */
  monthlyAmount: Money;
  byBenefit: Partial<Record<Benefit, { amount: Money; payments: number }>>;
}

export interface ClaimFigures { visits: number; outpatientVisits: number; inpatientVisits: number; requested: Money; approved: Money; refused: Money }
export interface InspectionFigures { count: number; unannounced: number; arrearsFound: Money }

const MONTHLY_SQL = MONTHLY_BENEFITS.map((b) => `'${b}'`).join(', ');

/**
 * The figures of an area that the totals, plan progress and province report share. Flows take a
 * business-date range; stocks (participants, arrears) a date. Reversed facts count nowhere.
 * Sums of money run in the database (`dialect.sumMoney`: 64-bit integers in SQLite, NUMERIC in
 * PostgreSQL) and come back as decimal strings, so they stay exact.
 *
 * This class computes every figure from the facts themselves: the reference that
 * SummaryAreaFigures (the one queries use, over the area summaries) must equal.
 */
export class AreaFigures {
  constructor(protected readonly db: ReadModelDb) {}

  collections(scope: AreaScope, from: IsoDate, to: IsoDate): Promise<{ amount: Money; count: number }> {
    return this.sumAndCount(
      `FROM collections c WHERE ${scope.where('c')} AND c.collected_on BETWEEN ? AND ? AND c.reversed_on IS NULL`,
      'c.amount', [...scope.params, from, to],
    );
  }

  async assessmentsDue(scope: AreaScope, from: IsoDate, to: IsoDate): Promise<Money> {
    return (await this.sumAndCount(
      `FROM assessments a WHERE ${scope.where('a')} AND a.period BETWEEN ? AND ? AND a.reversed_on IS NULL`,
      'a.due', [...scope.params, monthOf(from), monthOf(to)],
    )).amount;
  }

  /** Participants on `asOf`, counted as contract.md "Queries" says. */
  async participants(scope: AreaScope, asOf: IsoDate): Promise<Participants> {
    const employed = await this.employedParticipants(scope, asOf);
    return {
      mandatorySocialInsurance: employed.mandatory,
      voluntarySocialInsurance: await this.voluntaryParticipants(scope, asOf),
      unemploymentInsurance: employed.unemployment,
      healthInsurance: await this.healthParticipants(scope, asOf),
    };
  }

  /** The headcounts of the latest period assessed up to `asOf`'s month, of each employer active on `asOf`. */
  protected async employedParticipants(scope: AreaScope, asOf: IsoDate): Promise<{ mandatory: number; unemployment: number }> {
    const latest = await this.db.query<{ unitCode: string; si: number; ui: number }>(
      `SELECT a.unit_code AS "unitCode", a.headcount_si AS si, a.headcount_ui AS ui
       FROM assessments a JOIN employers e ON e.unit_code = a.unit_code
       WHERE ${scope.where('e')} AND a.reversed_on IS NULL AND a.period = (
         SELECT MAX(l.period) FROM assessments l WHERE l.unit_code = a.unit_code AND l.reversed_on IS NULL AND l.period <= ?)`,
      [...scope.params, monthOf(asOf)],
    );
    return this.activeHeadcounts(scope, asOf, latest);
  }

  /** Sums the rows of the employers whose status on `asOf` is active. */
  protected async activeHeadcounts(scope: AreaScope, asOf: IsoDate, rows: { unitCode: string; si: number; ui: number }[]) {
    const statuses = await this.statusesByUnit(scope);
    let mandatory = 0;
    let unemployment = 0;
    for (const row of rows) {
      if (statusOn(statuses.get(row.unitCode) ?? [], asOf) !== 'active') continue;
      mandatory += Number(row.si);
      unemployment += Number(row.ui);
    }
    return { mandatory, unemployment };
  }

  protected voluntaryParticipants(scope: AreaScope, asOf: IsoDate): Promise<number> {
    const month = monthOf(asOf);
    return this.count(
      `SELECT COUNT(DISTINCT c.person_id) AS n FROM collections c WHERE ${scope.where('c')} AND c.payer_kind = 'person'
         AND c.scheme = 'voluntary-social-insurance' AND c.reversed_on IS NULL AND c.cover_from <= ? AND c.cover_to >= ?
         AND c.collected_on <= ?`,
      [...scope.params, month, month, asOf],
    );
  }

  protected healthParticipants(scope: AreaScope, asOf: IsoDate): Promise<number> {
    return this.count(
      `SELECT COUNT(DISTINCT k.person_id) AS n FROM cards k WHERE ${scope.where('k')} AND k.reversed_on IS NULL
         AND k.valid_from <= ? AND k.valid_to >= ? AND k.issued_on <= ?`,
      [...scope.params, asOf, asOf, asOf],
    );
  }

  booksIssued(scope: AreaScope, from: IsoDate, to: IsoDate): Promise<number> {
    return this.count(
      `SELECT COUNT(*) AS n FROM books b WHERE ${scope.where('b')} AND b.issued_on BETWEEN ? AND ? AND b.reversed_on IS NULL`,
      [...scope.params, from, to],
    );
  }

  cardsIssued(scope: AreaScope, from: IsoDate, to: IsoDate): Promise<number> {
    return this.count(
      `SELECT COUNT(*) AS n FROM cards k WHERE ${scope.where('k')} AND k.issued_on BETWEEN ? AND ? AND k.reversed_on IS NULL`,
      [...scope.params, from, to],
    );
  }

  /** Benefits by payout month over from..to; monthly recipients are those of the range's last payout month. */
  async benefits(scope: AreaScope, from: IsoDate, to: IsoDate): Promise<BenefitFigures> {
    const { total, byBenefit } = await this.benefitSums(scope, monthOf(from), monthOf(to));
    const monthlyAmount = addMoney(...MONTHLY_BENEFITS.map((b) => byBenefit[b]?.amount ?? '0'));
    return {
      amount: total.amount,
      payments: total.count,
      recipients: await this.recipients(scope, monthOf(from), monthOf(to)),
      monthlyRecipients: await this.monthlyRecipients(scope, monthOf(to)),
      monthlyAmount,
      byBenefit,
    };
  }

  /** What the unreversed payments of payout months from..to add up to, in all and by benefit. */
  protected async benefitSums(scope: AreaScope, from: IsoMonth, to: IsoMonth) {
    const where = `FROM benefit_payments p WHERE ${scope.where('p')} AND p.payout_month BETWEEN ? AND ? AND p.reversed_on IS NULL`;
    const params = [...scope.params, from, to];
    const total = await this.sumAndCount(where, 'p.amount', params);
    const byBenefit: BenefitFigures['byBenefit'] = {};
    const rows = await this.db.query<{ benefit: Benefit; amount: Money; n: number }>(
      `SELECT p.benefit AS benefit, ${this.db.dialect.sumMoney('p.amount')} AS amount, COUNT(*) AS n ${where} GROUP BY p.benefit ORDER BY p.benefit`,
      params,
    );
    for (const row of rows) byBenefit[row.benefit] = { amount: row.amount, payments: Number(row.n) };
    return { total, byBenefit };
  }

  /** Persons paid anything in payout months from..to. */
  protected recipients(scope: AreaScope, from: IsoMonth, to: IsoMonth): Promise<number> {
    return this.count(
      `SELECT COUNT(DISTINCT p.person_id) AS n FROM benefit_payments p WHERE ${scope.where('p')} AND p.payout_month BETWEEN ? AND ?
         AND p.reversed_on IS NULL`,
      [...scope.params, from, to],
    );
  }

  /** Persons paid a monthly benefit in payout month `month`. */
  protected monthlyRecipients(scope: AreaScope, month: IsoMonth): Promise<number> {
    return this.count(
      `SELECT COUNT(DISTINCT p.person_id) AS n FROM benefit_payments p WHERE ${scope.where('p')} AND p.payout_month = ?
         AND p.reversed_on IS NULL AND p.benefit IN (${MONTHLY_SQL})`,
      [...scope.params, month],
    );
  }

  async claims(scope: AreaScope, from: IsoDate, to: IsoDate): Promise<ClaimFigures> {
    const sum = this.db.dialect.sumMoney;
    const row = (await this.db.queryOne<Record<'outpatient' | 'inpatient', number> & Record<'requested' | 'approved' | 'refused', Money>>(
      `SELECT COALESCE(SUM(q.outpatient), 0) AS outpatient, COALESCE(SUM(q.inpatient), 0) AS inpatient,
         ${sum('q.requested')} AS requested, ${sum('q.approved')} AS approved, ${sum('q.refused')} AS refused
       FROM claims q WHERE ${scope.where('q')} AND q.period BETWEEN ? AND ? AND q.reversed_on IS NULL`,
      [...scope.params, monthOf(from), monthOf(to)],
    ))!;
    return {
      visits: Number(row.outpatient) + Number(row.inpatient),
      outpatientVisits: Number(row.outpatient),
      inpatientVisits: Number(row.inpatient),
      requested: row.requested,
      approved: row.approved,
      refused: row.refused,
    };
  }

  async inspections(scope: AreaScope, from: IsoDate, to: IsoDate): Promise<InspectionFigures> {
    const where = `FROM inspections i WHERE ${scope.where('i')} AND i.inspected_on BETWEEN ? AND ? AND i.reversed_on IS NULL`;
    const params = [...scope.params, from, to];
    const total = await this.sumAndCount(where, 'i.arrears_found', params);
    return { count: total.count, unannounced: await this.count(`SELECT COUNT(*) AS n ${where} AND i.unannounced = 1`, params), arrearsFound: total.amount };
  }

  /** Overdue employer arrears on `asOf` summed over the area, and how many employers owe overdue amounts. */
  arrears(scope: AreaScope, asOf: IsoDate): Promise<AreaOverdue> {
    return areaOverdue(this.db, scope, asOf);
  }

  /** Whether anything at all happened in the area between the dates (for "same period last year"). */
  async hasActivity(scope: AreaScope, from: IsoDate, to: IsoDate): Promise<boolean> {
    const m = [monthOf(from), monthOf(to)];
    const checks: [string, string, string[]][] = [
      ['collections', 'collected_on', [from, to]], ['assessments', 'period', m], ['books', 'issued_on', [from, to]],
      ['cards', 'issued_on', [from, to]], ['benefit_payments', 'payout_month', m], ['claims', 'period', m],
      ['inspections', 'inspected_on', [from, to]],
    ];
    for (const [table, column, range] of checks) {
      const found = await this.db.queryOne(
        `SELECT 1 AS found FROM ${table} t WHERE ${scope.where('t')} AND t.${column} BETWEEN ? AND ? AND t.reversed_on IS NULL LIMIT 1`,
        [...scope.params, ...range],
      );
      if (found !== undefined) return true;
    }
    return false;
  }

  /** The status changes of the area's employers, by employer. */
  protected statusesByUnit(scope: AreaScope) {
    return this.statusesJoined(`JOIN employers e ON e.unit_code = s.unit_code WHERE ${scope.where('e')}`, scope.params);
  }

  /** The status changes of the employers that `join` (on `s.unit_code`) selects, by employer. */
  protected async statusesJoined(join: string, params: SqlParam[]) {
    const rows = await this.db.query<Parameters<typeof statusOn>[0][number] & { unitCode: string }>(
      `SELECT s.unit_code AS "unitCode", s.event_id AS "eventId", s.position, s.recorded_at AS "recordedAt", s.reversed_on AS "reversedOn",
         s.status, s.effective_on AS "effectiveOn", s.reason
       FROM employer_statuses s ${join}`,
      params,
    );
    const byUnit = new Map<string, typeof rows>();
    for (const row of rows) byUnit.set(row.unitCode, [...(byUnit.get(row.unitCode) ?? []), row]);
    return byUnit;
  }

  protected async sumAndCount(fromWhere: string, amountColumn: string, params: SqlParam[]): Promise<{ amount: Money; count: number }> {
    const row = (await this.db.queryOne<{ amount: Money; n: number }>(
      `SELECT ${this.db.dialect.sumMoney(amountColumn)} AS amount, COUNT(*) AS n ${fromWhere}`,
      params,
    ))!;
    return { amount: row.amount, count: Number(row.n) };
  }

  protected async count(sql: string, params: SqlParam[]): Promise<number> {
    const row = await this.db.queryOne<{ n: number }>(sql, params);
    return Number(row!.n);
  }
}
