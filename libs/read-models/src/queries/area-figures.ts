import type Database from 'better-sqlite3';
import { addMoney, compareMoney, MONTHLY_BENEFITS, monthOf } from '#domain';
import type { Benefit, IsoDate, IsoMonth, Money } from '#domain';
import type { LateInterestRule } from '../ports.js';
import type { AreaScope } from './area-scope.js';
import { computeArrears, statusOn } from './arrears.calculation.js';
import type { ArrearsRepository } from './arrears.repository.js';

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
 * Sums of money run in SQLite over 64-bit integers and come back as BigInt, so they stay exact.
 */
export class AreaFigures {
  constructor(
    private readonly db: Database.Database,
    private readonly arrearsRepository: ArrearsRepository,
    private readonly lateInterest: LateInterestRule,
  ) {}

  collections(scope: AreaScope, from: IsoDate, to: IsoDate): { amount: Money; count: number } {
    return this.sumAndCount(
      `FROM collections c WHERE ${scope.where('c')} AND c.collected_on BETWEEN ? AND ? AND c.reversed_on IS NULL`,
      'c.amount', [...scope.params, from, to],
    );
  }

  assessmentsDue(scope: AreaScope, from: IsoDate, to: IsoDate): Money {
    return this.sumAndCount(
      `FROM assessments a WHERE ${scope.where('a')} AND a.period BETWEEN ? AND ? AND a.reversed_on IS NULL`,
      'a.due', [...scope.params, monthOf(from), monthOf(to)],
    ).amount;
  }

  /** Participants on `asOf`, counted as contract.md "Queries" says. */
  participants(scope: AreaScope, asOf: IsoDate): Participants {
    const month = monthOf(asOf);
    const latest = this.db
      .prepare(
        `SELECT a.unit_code AS unitCode, a.headcount_si AS si, a.headcount_ui AS ui
         FROM assessments a JOIN employers e ON e.unit_code = a.unit_code
         WHERE ${scope.where('e')} AND a.reversed_on IS NULL AND a.period = (
           SELECT MAX(l.period) FROM assessments l WHERE l.unit_code = a.unit_code AND l.reversed_on IS NULL AND l.period <= ?)`,
      )
      .all(...scope.params, month) as { unitCode: string; si: number; ui: number }[];
    const statuses = this.statusesByUnit(scope);
    let mandatory = 0;
    let unemployment = 0;
    for (const row of latest) {
      if (statusOn(statuses.get(row.unitCode) ?? [], asOf) !== 'active') continue;
      mandatory += row.si;
      unemployment += row.ui;
    }
    const voluntary = this.count(
      `SELECT COUNT(DISTINCT c.person_id) AS n FROM collections c WHERE ${scope.where('c')} AND c.payer_kind = 'person'
         AND c.scheme = 'voluntary-social-insurance' AND c.reversed_on IS NULL AND c.cover_from <= ? AND c.cover_to >= ?
         AND c.collected_on <= ?`,
      [...scope.params, month, month, asOf],
    );
    const health = this.count(
      `SELECT COUNT(DISTINCT k.person_id) AS n FROM cards k WHERE ${scope.where('k')} AND k.reversed_on IS NULL
         AND k.valid_from <= ? AND k.valid_to >= ? AND k.issued_on <= ?`,
      [...scope.params, asOf, asOf, asOf],
    );
    return { mandatorySocialInsurance: mandatory, voluntarySocialInsurance: voluntary, unemploymentInsurance: unemployment, healthInsurance: health };
  }

  booksIssued(scope: AreaScope, from: IsoDate, to: IsoDate): number {
    return this.count(
      `SELECT COUNT(*) AS n FROM books b WHERE ${scope.where('b')} AND b.issued_on BETWEEN ? AND ? AND b.reversed_on IS NULL`,
      [...scope.params, from, to],
    );
  }

  cardsIssued(scope: AreaScope, from: IsoDate, to: IsoDate): number {
    return this.count(
      `SELECT COUNT(*) AS n FROM cards k WHERE ${scope.where('k')} AND k.issued_on BETWEEN ? AND ? AND k.reversed_on IS NULL`,
      [...scope.params, from, to],
    );
  }

  /** Benefits by payout month over from..to; monthly recipients are those of the range's last payout month. */
  benefits(scope: AreaScope, from: IsoDate, to: IsoDate): BenefitFigures {
    const where = `FROM benefit_payments p WHERE ${scope.where('p')} AND p.payout_month BETWEEN ? AND ? AND p.reversed_on IS NULL`;
    const params = [...scope.params, monthOf(from), monthOf(to)];
    const total = this.sumAndCount(where, 'p.amount', params);
    const byBenefit: BenefitFigures['byBenefit'] = {};
    const rows = this.db
      .prepare(`SELECT p.benefit AS benefit, SUM(CAST(p.amount AS INTEGER)) AS amount, COUNT(*) AS n ${where} GROUP BY p.benefit ORDER BY p.benefit`)
      .safeIntegers(true)
      .all(...params) as { benefit: Benefit; amount: bigint; n: bigint }[];
    for (const row of rows) byBenefit[row.benefit] = { amount: row.amount.toString(), payments: Number(row.n) };
    const monthlyAmount = addMoney(...MONTHLY_BENEFITS.map((b) => byBenefit[b]?.amount ?? '0'));
    return {
      amount: total.amount,
      payments: total.count,
      recipients: this.count(`SELECT COUNT(DISTINCT p.person_id) AS n ${where}`, params),
      monthlyRecipients: this.count(
        `SELECT COUNT(DISTINCT p.person_id) AS n FROM benefit_payments p WHERE ${scope.where('p')} AND p.payout_month = ?
           AND p.reversed_on IS NULL AND p.benefit IN (${MONTHLY_SQL})`,
        [...scope.params, monthOf(to)],
      ),
      monthlyAmount,
      byBenefit,
    };
  }

  claims(scope: AreaScope, from: IsoDate, to: IsoDate): ClaimFigures {
    const row = this.db
      .prepare(
        `SELECT COALESCE(SUM(q.outpatient), 0) AS outpatient, COALESCE(SUM(q.inpatient), 0) AS inpatient,
           COALESCE(SUM(CAST(q.requested AS INTEGER)), 0) AS requested, COALESCE(SUM(CAST(q.approved AS INTEGER)), 0) AS approved,
           COALESCE(SUM(CAST(q.refused AS INTEGER)), 0) AS refused
         FROM claims q WHERE ${scope.where('q')} AND q.period BETWEEN ? AND ? AND q.reversed_on IS NULL`,
      )
      .safeIntegers(true)
      .get(...scope.params, monthOf(from), monthOf(to)) as Record<string, bigint>;
    return {
      visits: Number(row.outpatient + row.inpatient),
      outpatientVisits: Number(row.outpatient),
      inpatientVisits: Number(row.inpatient),
      requested: row.requested.toString(),
      approved: row.approved.toString(),
      refused: row.refused.toString(),
    };
  }

  inspections(scope: AreaScope, from: IsoDate, to: IsoDate): InspectionFigures {
    const where = `FROM inspections i WHERE ${scope.where('i')} AND i.inspected_on BETWEEN ? AND ? AND i.reversed_on IS NULL`;
    const params = [...scope.params, from, to];
    const total = this.sumAndCount(where, 'i.arrears_found', params);
    return { count: total.count, unannounced: this.count(`SELECT COUNT(*) AS n ${where} AND i.unannounced = 1`, params), arrearsFound: total.amount };
  }

  /** Overdue employer arrears on `asOf` summed over the area, and how many employers owe overdue amounts. */
  arrears(scope: AreaScope, asOf: IsoDate): { overdue: Money; employers: number } {
    let overdue: Money = '0';
    let employers = 0;
    for (const facts of this.arrearsRepository.inArea(scope)) {
      const result = computeArrears(facts, asOf, this.lateInterest, { detailed: false, withInterest: false });
      if (compareMoney(result.overdue, '0') <= 0) continue;
      overdue = addMoney(overdue, result.overdue);
      employers += 1;
    }
    return { overdue, employers };
  }

  /** Whether anything at all happened in the area between the dates (for "same period last year"). */
  hasActivity(scope: AreaScope, from: IsoDate, to: IsoDate): boolean {
    const m = [monthOf(from), monthOf(to)];
    const checks: [string, string, string[]][] = [
      ['collections', 'collected_on', [from, to]], ['assessments', 'period', m], ['books', 'issued_on', [from, to]],
      ['cards', 'issued_on', [from, to]], ['benefit_payments', 'payout_month', m], ['claims', 'period', m],
      ['inspections', 'inspected_on', [from, to]],
    ];
    return checks.some(
      ([table, column, range]) =>
        this.db
          .prepare(`SELECT 1 FROM ${table} t WHERE ${scope.where('t')} AND t.${column} BETWEEN ? AND ? AND t.reversed_on IS NULL LIMIT 1`)
          .get(...scope.params, ...range) !== undefined,
    );
  }

  private statusesByUnit(scope: AreaScope) {
    const rows = this.db
      .prepare(
        `SELECT s.unit_code AS unitCode, s.event_id AS eventId, s.position, s.recorded_at AS recordedAt, s.reversed_on AS reversedOn,
           s.status, s.effective_on AS effectiveOn, s.reason
         FROM employer_statuses s JOIN employers e ON e.unit_code = s.unit_code WHERE ${scope.where('e')}`,
      )
      .all(...scope.params) as (Parameters<typeof statusOn>[0][number] & { unitCode: string })[];
    const byUnit = new Map<string, typeof rows>();
    for (const row of rows) byUnit.set(row.unitCode, [...(byUnit.get(row.unitCode) ?? []), row]);
    return byUnit;
  }

  private sumAndCount(fromWhere: string, amountColumn: string, params: unknown[]): { amount: Money; count: number } {
    const row = this.db
      .prepare(`SELECT COALESCE(SUM(CAST(${amountColumn} AS INTEGER)), 0) AS amount, COUNT(*) AS n ${fromWhere}`)
      .safeIntegers(true)
      .get(...params) as { amount: bigint; n: bigint };
    return { amount: row.amount.toString(), count: Number(row.n) };
  }

  private count(sql: string, params: unknown[]): number {
    const row = this.db.prepare(sql).get(...params) as { n: number };
    return Number(row.n);
  }
}
