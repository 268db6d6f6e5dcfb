import { addMoney } from '#domain';
import type { IsoDate, Money } from '#domain';
import type { ReadModelDb } from '../database/read-model-db.js';
import { money } from '../projection/derived-summary.js';
import type { LateInterestRule } from '../ports.js';
import type { AreaScope } from '../area-scope.js';
import { overdueByPeriod } from './arrears.calculation.js';
import type { ArrearsRepository } from './arrears.repository.js';

export interface AreaOverdue { overdue: Money; employers: number }

/**
 * Overdue employer arrears of an area on `asOf`, and how many employers owe overdue amounts, with
 * payments settled period by period (overdueByPeriod), without settling every employer's history per
 * call. One employer's headline settles by fund in the verified order instead; the two differ only in
 * how an employer's unpaid total splits between overdue periods and periods not yet due, or when a
 * payment went to charged interest (docs/decisions.md, "The area's overdue stays period-based").
 * Owing employers whose facts all date from `asOf` or before (every one, for a current date) are one
 * indexed query over the arrears summary (arrears-summary.ts): a row each; the few with later facts
 * (every one with history after a past `asOf`) are settled in JavaScript the same way.
 */
export async function areaOverdue(
  db: ReadModelDb,
  repository: ArrearsRepository,
  lateInterest: LateInterestRule,
  scope: AreaScope,
  asOf: IsoDate,
): Promise<AreaOverdue> {
  // An owing employer's overdue is what its gaps up to the last period due before asOf leave after the pool.
  const overdueOfOne = `(SELECT ${money('p.cum_gap')} FROM arrears_periods p WHERE p.unit_code = b.unit_code AND p.due_date < ?
    ORDER BY p.period DESC LIMIT 1) - ${money('b.pool')}`;
  const settled = (await db.queryOne<{ overdue: Money; employers: number }>(
    `SELECT ${db.dialect.sumMoney('t.overdue')} AS overdue, COUNT(*) AS employers FROM (
       SELECT ${overdueOfOne} AS overdue FROM arrears_balances b WHERE ${scope.where('b')} AND b.owes = 1 AND b.facts_through <= ?) t
     WHERE t.overdue > 0`,
    [asOf, ...scope.params, asOf],
  ))!;
  let overdue = settled.overdue;
  let employers = Number(settled.employers);
  for (const facts of await repository.inAreaWithFactsAfter(scope, asOf)) {
    const owed = overdueByPeriod(facts, asOf);
    if (owed <= 0n) continue;
    overdue = addMoney(overdue, owed.toString());
    employers += 1;
  }
  return { overdue, employers };
}
