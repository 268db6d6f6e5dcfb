import type Database from 'better-sqlite3';
import type { IsoMonth, Money, PayoutsReconciled } from '#domain';
import type { AreaScope } from './area-scope.js';

export interface AmountAndCount { amount: Money; payments: number }

export interface Payouts {
  month: IsoMonth;
  areaCode: string | null;
  total: { amount: Money; payments: number; recipients: number };
  byBenefit: Record<string, AmountAndCount>;
  byChannel: Record<string, AmountAndCount>;
  reversed: AmountAndCount;
  reconciliations: (PayoutsReconciled & { position: number; eventId: string })[];
}

export interface LedgerPayment { paymentRef: string; personId: string; amount: Money }

/** A month's benefit payouts of an area, by payout month (the payment list the agent works from). */
export class PayoutsQuery {
  constructor(private readonly db: Database.Database) {}

  payouts(month: IsoMonth, areaCode: string | undefined, scope: AreaScope): Payouts {
    const where = `FROM benefit_payments p WHERE ${scope.where('p')} AND p.payout_month = ?`;
    const params = [...scope.params, month];
    const kept = `${where} AND p.reversed_on IS NULL`;
    const total = this.db
      .prepare(`SELECT COALESCE(SUM(CAST(p.amount AS INTEGER)), 0) AS amount, COUNT(*) AS n, COUNT(DISTINCT p.person_id) AS recipients ${kept}`)
      .safeIntegers(true)
      .get(...params) as { amount: bigint; n: bigint; recipients: bigint };
    const reversed = this.db
      .prepare(`SELECT COALESCE(SUM(CAST(p.amount AS INTEGER)), 0) AS amount, COUNT(*) AS n ${where} AND p.reversed_on IS NOT NULL`)
      .safeIntegers(true)
      .get(...params) as { amount: bigint; n: bigint };
    const grouped = (column: string) => {
      const rows = this.db
        .prepare(`SELECT p.${column} AS k, SUM(CAST(p.amount AS INTEGER)) AS amount, COUNT(*) AS n ${kept} GROUP BY p.${column} ORDER BY p.${column}`)
        .safeIntegers(true)
        .all(...params) as { k: string; amount: bigint; n: bigint }[];
      return Object.fromEntries(rows.map((r) => [r.k, { amount: r.amount.toString(), payments: Number(r.n) }]));
    };
    const reconciliations = (
      this.db
        .prepare(`SELECT r.data, r.position, r.event_id AS eventId FROM reconciliations r WHERE ${scope.where('r')} AND r.month = ? ORDER BY r.position`)
        .all(...params) as { data: string; position: number; eventId: string }[]
    ).map((r) => ({ ...(JSON.parse(r.data) as PayoutsReconciled), position: r.position, eventId: r.eventId }));
    return {
      month,
      areaCode: areaCode ?? null,
      total: { amount: total.amount.toString(), payments: Number(total.n), recipients: Number(total.recipients) },
      byBenefit: grouped('benefit'),
      byChannel: grouped('channel'),
      reversed: { amount: reversed.amount.toString(), payments: Number(reversed.n) },
      reconciliations,
    };
  }

  /** The unreversed payments of a month and area, as a reconciliation compares them with a statement. */
  ledgerPayments(month: IsoMonth, scope: AreaScope): LedgerPayment[] {
    return this.db
      .prepare(
        `SELECT p.payment_ref AS paymentRef, p.person_id AS personId, p.amount FROM benefit_payments p
         WHERE ${scope.where('p')} AND p.payout_month = ? AND p.reversed_on IS NULL ORDER BY p.payment_ref`,
      )
      .all(...scope.params, month) as LedgerPayment[];
  }
}
