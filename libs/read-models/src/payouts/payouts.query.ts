import type { IsoMonth, Money, PayoutsReconciled } from '#domain';
import type { ReadModelDb } from '../database/read-model-db.js';
import type { AreaScope } from '../area-scope.js';

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
  constructor(private readonly db: ReadModelDb) {}

  async payouts(month: IsoMonth, areaCode: string | undefined, scope: AreaScope): Promise<Payouts> {
    const sum = this.db.dialect.sumMoney('p.amount');
    const where = `FROM benefit_payments p WHERE ${scope.where('p')} AND p.payout_month = ?`;
    const params = [...scope.params, month];
    const kept = `${where} AND p.reversed_on IS NULL`;
    const total = (await this.db.queryOne<{ amount: Money; n: number; recipients: number }>(
      `SELECT ${sum} AS amount, COUNT(*) AS n, COUNT(DISTINCT p.person_id) AS recipients ${kept}`,
      params,
    ))!;
    const reversed = (await this.db.queryOne<{ amount: Money; n: number }>(
      `SELECT ${sum} AS amount, COUNT(*) AS n ${where} AND p.reversed_on IS NOT NULL`,
      params,
    ))!;
    const grouped = async (column: string) => {
      const rows = await this.db.query<{ k: string; amount: Money; n: number }>(
        `SELECT p.${column} AS k, ${sum} AS amount, COUNT(*) AS n ${kept} GROUP BY p.${column} ORDER BY p.${column}`,
        params,
      );
      return Object.fromEntries(rows.map((r) => [r.k, { amount: r.amount, payments: Number(r.n) }]));
    };
    const reconciliations = (
      await this.db.query<{ data: string; position: number; eventId: string }>(
        `SELECT r.data, r.position, r.event_id AS "eventId" FROM reconciliations r WHERE ${scope.where('r')} AND r.month = ? ORDER BY r.position`,
        params,
      )
    ).map((r) => ({ ...(JSON.parse(r.data) as PayoutsReconciled), position: Number(r.position), eventId: r.eventId }));
    return {
      month,
      areaCode: areaCode ?? null,
      total: { amount: total.amount, payments: Number(total.n), recipients: Number(total.recipients) },
      byBenefit: await grouped('benefit'),
      byChannel: await grouped('channel'),
      reversed: { amount: reversed.amount, payments: Number(reversed.n) },
      reconciliations,
    };
  }

  /** The unreversed payments of a month and area, as a reconciliation compares them with a statement. */
  async ledgerPayments(month: IsoMonth, scope: AreaScope): Promise<LedgerPayment[]> {
    return this.db.query<LedgerPayment>(
      `SELECT p.payment_ref AS "paymentRef", p.person_id AS "personId", CAST(p.amount AS TEXT) AS amount FROM benefit_payments p
       WHERE ${scope.where('p')} AND p.payout_month = ? AND p.reversed_on IS NULL ORDER BY p.payment_ref`,
      [...scope.params, month],
    );
  }
}
