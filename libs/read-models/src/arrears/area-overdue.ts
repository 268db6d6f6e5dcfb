import { addMoney } from '#domain';
import type { IsoDate, Money } from '#domain';
import type { ReadModelDb } from '../database/read-model-db.js';
import { least, money } from '../projection/derived-summary.js';
import type { AreaScope } from '../area-scope.js';

export interface AreaOverdue { overdue: Money; employers: number }

/**
 * Overdue employer arrears of an area on `asOf`, and how many employers owe overdue amounts, with
 * payments settled period by period (overdueByPeriod), without settling every employer's history per
 * call. One employer's headline settles by fund in the verified order instead; the two differ only in
 * how an employer's unpaid total splits between overdue periods and periods not yet due, or when a
 * payment went to charged interest (docs/decisions.md, "The area's overdue stays period-based").
 * Owing employers whose facts all date from `asOf` or before (every one, for a current date) are one
 * indexed query over the arrears summary (arrears-summary.ts): a row each; those with later facts
 * (every one with history after a past `asOf`) are settled the same way by one grouped query over
 * their facts standing on `asOf` (below).
 */
export async function areaOverdue(
  db: ReadModelDb,
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
  const later = (await db.queryOne<{ overdue: Money; employers: number }>(overdueOfLaterSql(db, scope), overdueOfLaterParams(scope, asOf)))!;
  const overdue = addMoney(settled.overdue, later.overdue);
  const employers = Number(settled.employers) + Number(later.employers);
  return { overdue, employers };
}

/**
 * The owing employers of the scope with facts after `asOf` (the summary holds their facts as of now,
 * not as of `asOf`): the summary's closed form computed in SQL over their facts standing on `asOf`
 * (assessed or collected by then, not reversed by then), as overdueByPeriod settles them. Per
 * employer: a period's first standing assessment is paid directly by what payments naming it add up
 * to (as far as its due), the rest of what was paid is the pool, which fills the gaps oldest first;
 * what is overdue is the gaps due before `asOf` less the pool. One grouped pass over their facts
 * instead of every employer's facts read into JavaScript (docs/benchmarks.md, "Read-model queries at scale").
 */
function overdueOfLaterSql(db: ReadModelDb, scope: AreaScope): string {
  const standing = (alias: string, on: string) => `${alias}.${on} <= ? AND (${alias}.reversed_on IS NULL OR ${alias}.reversed_on > ?)`;
  return `WITH later AS (
      SELECT b.unit_code FROM arrears_balances b WHERE ${scope.where('b')} AND b.owes IN (0, 1) AND b.facts_through > ?),
    paid AS (
      SELECT c.unit_code, c.named_period, SUM(${money('c.amount')}) AS amount FROM later l JOIN collections c ON c.unit_code = l.unit_code
      WHERE c.payer_kind = 'employer' AND ${standing('c', 'collected_on')} GROUP BY c.unit_code, c.named_period),
    slots AS (
      SELECT s.unit_code, s.due, s.due_date, CASE WHEN s.nth = 1 THEN ${least('COALESCE(n.amount, 0)', 's.due')} ELSE 0 END AS direct
      FROM (SELECT a.unit_code, a.period, ${money('a.due')} AS due, a.due_date,
              ROW_NUMBER() OVER (PARTITION BY a.unit_code, a.period ORDER BY a.position) AS nth
            FROM later l JOIN assessments a ON a.unit_code = l.unit_code WHERE ${standing('a', 'assessed_on')}) s
      LEFT JOIN paid n ON n.unit_code = s.unit_code AND n.named_period = s.period),
    owed AS (
      SELECT COALESCE(g.gap_due, 0) - (COALESCE(t.amount, 0) - COALESCE(g.direct, 0)) AS overdue FROM later l
      LEFT JOIN (SELECT p.unit_code, SUM(p.amount) AS amount FROM paid p GROUP BY p.unit_code) t ON t.unit_code = l.unit_code
      LEFT JOIN (SELECT s.unit_code, SUM(s.direct) AS direct, SUM(CASE WHEN s.due_date < ? THEN s.due - s.direct ELSE 0 END) AS gap_due
                 FROM slots s GROUP BY s.unit_code) g ON g.unit_code = l.unit_code)
    SELECT ${db.dialect.sumMoney('o.overdue')} AS overdue, COUNT(*) AS employers FROM owed o WHERE o.overdue > 0`;
}

function overdueOfLaterParams(scope: AreaScope, asOf: IsoDate): string[] {
  return [...scope.params, asOf, asOf, asOf, asOf, asOf, asOf];
}
