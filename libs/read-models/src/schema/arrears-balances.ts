/**
 * The arrears summary, kept by triggers as the projector writes facts (arrears-triggers.ts), so
 * that an area's overdue amount is an indexed query rather than every employer's history settled
 * in JavaScript per call (docs/benchmarks.md section 4).
 *
 * computeArrears' settlement, in closed form (it gives the same amounts per period whatever the
 * order of the payments; area-overdue.spec.ts pins it to computeArrears):
 *  - payments naming an assessed period X pay it first: `direct(X) = min(due(X), named(X))`;
 *  - everything else is the FIFO `pool = paid - sum(direct)`, which fills each period's
 *    `gap(X) = due(X) - direct(X)` oldest first.
 * A due date follows from the period (dueDateFor), so the periods due before any date are the
 * oldest ones, and an employer's overdue on `asOf` is `max(0, cumGap - pool)`, with `cumGap` the
 * gaps summed up to the last period due before `asOf`.
 *
 * Tables, for the unreversed facts (the facts as of any date on or after `facts_through`):
 *  - `arrears_periods`: each unreversed assessment with `direct`, `gap` and `cum_gap` (the gaps of
 *    its employer's periods up to and including it);
 *  - `arrears_named`: what unreversed payments naming a period add up to, assessed or not yet;
 *  - `arrears_balances`: per registered employer, `pool`, `total_gap`, `owes` (total_gap > pool,
 *    i.e. some period is unpaid) and `facts_through`, the latest business date among its
 *    assessments, employer payments and their reversals. An as-of date before it goes the exact way.
 *
 * Money is CAST AS BIGINT, which SQLite and PostgreSQL both read as a 64-bit integer, and goes back
 * into MONEY columns as whole đồng; min and max are CASEs, which both databases share.
 */
export const ARREARS_SUMMARY_TABLES = ['arrears_balances', 'arrears_periods', 'arrears_named'] as const;

export const money = (sql: string) => `CAST(${sql} AS BIGINT)`;
export const least = (a: string, b: string) => `CASE WHEN ${a} < ${b} THEN ${a} ELSE ${b} END`;
/**
 * The later of a date and one that may be NULL (a fact never reversed). One grouped pass per fact
 * table with both dates, rather than a union of every date (twice the rows to sort): half the time.
 */
const later = (date: string, maybeNull: string) => `CASE WHEN ${maybeNull} > ${date} THEN ${maybeNull} ELSE ${date} END`;

/**
 * The summary of every employer recomputed from the facts, set-based, for stores that hold facts
 * from before the summary (migration 2) and for the spec that checks the triggers' moves.
 */
export const ARREARS_SUMMARY_FROM_FACTS: readonly string[] = [
  `INSERT INTO arrears_named (unit_code, period, amount)
   SELECT c.unit_code, c.named_period, SUM(${money('c.amount')}) FROM collections c
   WHERE c.payer_kind = 'employer' AND c.reversed_on IS NULL AND c.named_period IS NOT NULL GROUP BY c.unit_code, c.named_period`,
  `INSERT INTO arrears_periods (event_id, unit_code, period, due, due_date, direct, gap, cum_gap)
   SELECT s.event_id, s.unit_code, s.period, s.due, s.due_date, s.direct, s.due - s.direct,
     SUM(s.due - s.direct) OVER (PARTITION BY s.unit_code ORDER BY s.period, s.position ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
   FROM (SELECT a.event_id, a.position, a.unit_code, a.period, ${money('a.due')} AS due, a.due_date,
           ${least(`COALESCE(${money('n.amount')}, 0)`, money('a.due'))} AS direct
         FROM assessments a LEFT JOIN arrears_named n ON n.unit_code = a.unit_code AND n.period = a.period
         WHERE a.reversed_on IS NULL) s`,
  `INSERT INTO arrears_balances (unit_code, area_code, province, pool, total_gap, owes, facts_through)
   SELECT t.unit_code, t.area_code, t.province, t.pool, t.total_gap, CASE WHEN t.total_gap > t.pool THEN 1 ELSE 0 END, t.facts_through
   FROM (SELECT e.unit_code, e.area_code, e.province, COALESCE(paid.amount, 0) - COALESCE(periods.direct, 0) AS pool,
           COALESCE(periods.gap, 0) AS total_gap, dates.facts_through
         FROM employers e
         LEFT JOIN (SELECT c.unit_code, SUM(${money('c.amount')}) AS amount FROM collections c
                    WHERE c.payer_kind = 'employer' AND c.reversed_on IS NULL GROUP BY c.unit_code) paid ON paid.unit_code = e.unit_code
         LEFT JOIN (SELECT p.unit_code, SUM(${money('p.direct')}) AS direct, SUM(${money('p.gap')}) AS gap FROM arrears_periods p
                    GROUP BY p.unit_code) periods ON periods.unit_code = e.unit_code
         LEFT JOIN (SELECT g.unit_code, MAX(${later('g.on_date', 'g.off_date')}) AS facts_through FROM (
                      SELECT a.unit_code, MAX(a.assessed_on) AS on_date, MAX(a.reversed_on) AS off_date FROM assessments a GROUP BY a.unit_code
                      UNION ALL SELECT c.unit_code, MAX(c.collected_on), MAX(c.reversed_on) FROM collections c
                      WHERE c.payer_kind = 'employer' GROUP BY c.unit_code) g
                    GROUP BY g.unit_code) dates ON dates.unit_code = e.unit_code) t`,
];
