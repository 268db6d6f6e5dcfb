import type { Dialect } from '../database/read-model-db.js';
import { PLACE } from '../projection/fact-tables.js';
import { dropTriggersSql, least, money, REVERSED_NOW, triggerStatements, type DerivedSummary, type SummaryTrigger } from '../projection/derived-summary.js';

/**
 * The arrears summary, kept by triggers as the projector writes facts (below), so
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

export const ARREARS_SUMMARY_SCHEMA = `
CREATE TABLE arrears_balances (unit_code TEXT PRIMARY KEY, ${PLACE}, pool MONEY NOT NULL, total_gap MONEY NOT NULL,
  owes INTEGER NOT NULL, facts_through TEXT);
CREATE INDEX arrears_balances_province ON arrears_balances (province, owes, facts_through);
CREATE INDEX arrears_balances_area ON arrears_balances (area_code, owes, facts_through);

CREATE TABLE arrears_periods (event_id TEXT PRIMARY KEY, unit_code TEXT NOT NULL, period TEXT NOT NULL, due MONEY NOT NULL,
  due_date TEXT NOT NULL, direct MONEY NOT NULL, gap MONEY NOT NULL, cum_gap MONEY NOT NULL);
CREATE INDEX arrears_periods_unit ON arrears_periods (unit_code, period);

CREATE TABLE arrears_named (unit_code TEXT NOT NULL, period TEXT NOT NULL, amount MONEY NOT NULL, PRIMARY KEY (unit_code, period))`;

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

/**
 * Triggers that move the arrears summary by each fact as its row is written
 * or marked reversed, touching a handful of rows. In the database rather than in the projector's
 * statements: the projector's inserts stay plain (PostgreSQL still sends a batch as multi-row
 * inserts, one round trip per table), and a row the projector writes twice is inserted, or
 * reversed, once (ON CONFLICT DO NOTHING, `WHERE reversed_on IS NULL`), so it moves the summary
 * once. The summary is the same whatever order the facts arrive in, so multi-row inserts that
 * gather a batch's rows by table keep it exact.
 *
 * Each body is plain SQL over NEW and OLD that SQLite (trigger) and PostgreSQL (PL/pgSQL trigger
 * function) both run as written.
 */

/**
 * Adds to an employer's pool and total gap, keeps `owes` in step and moves `facts_through` up to
 * `on`. An upsert: PostgreSQL's multi-row inserts may write a batch's facts before the batch's
 * employers; the row gets its area when the employer's does (no area, it counts in no area yet,
 * as the facts of an employer not registered did not).
 */
function moveBalance(poolDelta: string, gapDelta: string, on: string): string {
  const was = (column: string) => money(`arrears_balances.${column}`);
  const add = (column: string) => `${was(column)} + ${money(`excluded.${column}`)}`;
  return `INSERT INTO arrears_balances (unit_code, area_code, province, pool, total_gap, owes, facts_through)
    SELECT NEW.unit_code, '', NULL, m.pool_delta, m.gap_delta, CASE WHEN m.gap_delta > m.pool_delta THEN 1 ELSE 0 END, ${on}
    FROM (SELECT ${poolDelta} AS pool_delta, ${gapDelta} AS gap_delta) m WHERE 1 = 1
    ON CONFLICT (unit_code) DO UPDATE SET pool = ${add('pool')}, total_gap = ${add('total_gap')},
      owes = CASE WHEN ${add('total_gap')} > ${add('pool')} THEN 1 ELSE 0 END,
      facts_through = CASE WHEN arrears_balances.facts_through IS NULL OR arrears_balances.facts_through < excluded.facts_through
        THEN excluded.facts_through ELSE arrears_balances.facts_through END`;
}

/** A column of the summary row of assessment `eventId`, 0 without one. */
const ofPeriod = (column: string, eventId: string) =>
  `COALESCE((SELECT ${money(`r.${column}`)} FROM arrears_periods r WHERE r.event_id = ${eventId}), 0)`;

/**
 * A payment naming a period (`amount` > 0) or its reversal (`amount` < 0) moves what names that
 * period; if the period is assessed, its direct part changes by `delta` (as far as its due
 * allows), which leaves the pool and every later cumulative gap; the rest moves the pool.
 */
function namedPaymentMoved(amount: string, on: string): string[] {
  const namedNow = (p: string) =>
    `COALESCE((SELECT ${money('n.amount')} FROM arrears_named n WHERE n.unit_code = ${p}.unit_code AND n.period = ${p}.period), 0)`;
  const newDirect = (p: string) => least(namedNow(p), money(`${p}.due`));
  const delta = `COALESCE((SELECT ${newDirect('d')} - ${money('d.direct')} FROM arrears_periods d
    WHERE d.unit_code = NEW.unit_code AND d.period = NEW.named_period), 0)`;
  const self = newDirect('arrears_periods');
  return [
    `INSERT INTO arrears_named (unit_code, period, amount) SELECT NEW.unit_code, NEW.named_period, ${amount} WHERE 1 = 1
     ON CONFLICT (unit_code, period) DO UPDATE SET amount = ${money('arrears_named.amount')} + ${money('excluded.amount')}`,
    moveBalance(`${amount} - ${delta}`, `0 - ${delta}`, on),
    `UPDATE arrears_periods SET cum_gap = ${money('cum_gap')} - ${delta} WHERE unit_code = NEW.unit_code AND period > NEW.named_period`,
    `UPDATE arrears_periods SET cum_gap = ${money('cum_gap')} - (${self} - ${money('direct')}), gap = ${money('due')} - ${self}, direct = ${self}
     WHERE unit_code = NEW.unit_code AND period = NEW.named_period`,
  ];
}

const ASSESSED_AMOUNTS = `SELECT ${least('x.named', 'x.due')} AS direct, x.due, x.previous FROM (
  SELECT COALESCE((SELECT ${money('n.amount')} FROM arrears_named n WHERE n.unit_code = NEW.unit_code AND n.period = NEW.period), 0) AS named,
    ${money('NEW.due')} AS due,
    COALESCE((SELECT ${money('p.cum_gap')} FROM arrears_periods p WHERE p.unit_code = NEW.unit_code AND p.period < NEW.period
      ORDER BY p.period DESC LIMIT 1), 0) AS previous) x`;

const TRIGGERS: readonly SummaryTrigger[] = [
  {
    // Registration opens the employer's summary row, or places the one its facts opened (see moveBalance).
    name: 'arrears_employer_registered', table: 'employers', on: 'INSERT', when: '1 = 1',
    body: [`INSERT INTO arrears_balances (unit_code, area_code, province, pool, total_gap, owes, facts_through)
      VALUES (NEW.unit_code, NEW.area_code, NEW.province, 0, 0, 0, NULL)
      ON CONFLICT (unit_code) DO UPDATE SET area_code = excluded.area_code, province = excluded.province`],
  },
  {
    // A new period: what payments already name it pays it directly (leaving the pool); the rest is its gap.
    name: 'arrears_assessed', table: 'assessments', on: 'INSERT', when: 'NEW.reversed_on IS NULL',
    body: [
      `INSERT INTO arrears_periods (event_id, unit_code, period, due, due_date, direct, gap, cum_gap)
       SELECT NEW.event_id, NEW.unit_code, NEW.period, v.due, NEW.due_date, v.direct, v.due - v.direct, v.previous + v.due - v.direct
       FROM (${ASSESSED_AMOUNTS}) v`,
      // A period assessed after later ones: their cumulative gaps grow by its gap.
      `UPDATE arrears_periods SET cum_gap = ${money('cum_gap')} + ${ofPeriod('gap', 'NEW.event_id')}
       WHERE unit_code = NEW.unit_code AND period > NEW.period`,
      moveBalance(`0 - ${ofPeriod('direct', 'NEW.event_id')}`, ofPeriod('gap', 'NEW.event_id'), 'NEW.assessed_on'),
    ],
  },
  {
    // Its direct payments return to the pool, its gap leaves the later periods.
    name: 'arrears_assessment_reversed', table: 'assessments', on: 'UPDATE OF reversed_on', when: REVERSED_NOW,
    body: [
      moveBalance(ofPeriod('direct', 'NEW.event_id'), `0 - ${ofPeriod('gap', 'NEW.event_id')}`, 'NEW.reversed_on'),
      `UPDATE arrears_periods SET cum_gap = ${money('cum_gap')} - ${ofPeriod('gap', 'NEW.event_id')}
       WHERE unit_code = NEW.unit_code AND period > NEW.period`,
      'DELETE FROM arrears_periods WHERE event_id = NEW.event_id',
    ],
  },
  // Payments naming no period only move the pool: a trigger of their own skips the named bookkeeping.
  {
    name: 'arrears_collected', table: 'collections', on: 'INSERT',
    when: "NEW.payer_kind = 'employer' AND NEW.reversed_on IS NULL AND NEW.named_period IS NULL",
    body: [moveBalance(money('NEW.amount'), '0', 'NEW.collected_on')],
  },
  {
    name: 'arrears_collected_for_period', table: 'collections', on: 'INSERT',
    when: "NEW.payer_kind = 'employer' AND NEW.reversed_on IS NULL AND NEW.named_period IS NOT NULL",
    body: namedPaymentMoved(money('NEW.amount'), 'NEW.collected_on'),
  },
  {
    name: 'arrears_collection_reversed', table: 'collections', on: 'UPDATE OF reversed_on',
    when: `NEW.payer_kind = 'employer' AND NEW.named_period IS NULL AND ${REVERSED_NOW}`,
    body: [moveBalance(`0 - ${money('NEW.amount')}`, '0', 'NEW.reversed_on')],
  },
  {
    name: 'arrears_collection_for_period_reversed', table: 'collections', on: 'UPDATE OF reversed_on',
    when: `NEW.payer_kind = 'employer' AND NEW.named_period IS NOT NULL AND ${REVERSED_NOW}`,
    body: namedPaymentMoved(`0 - ${money('NEW.amount')}`, 'NEW.reversed_on'),
  },
];

/** The triggers as each database declares them, one statement per string (PostgreSQL: its function, then its trigger). */
export function arrearsTriggerStatements(dialect: Dialect): string[] {
  return triggerStatements(TRIGGERS, dialect);
}

/** The triggers as one script, for a migration. */
export function arrearsTriggersSql(dialect: Dialect): string {
  return arrearsTriggerStatements(dialect).map((statement) => `${statement};`).join('\n');
}

/**
 * Statements that remove the triggers, whether or not they are there: a rebuild suspends them,
 * and restoring them after a crash must work on a store where another process restored them first.
 */
export function dropArrearsTriggersSql(dialect: Dialect): string[] {
  return dropTriggersSql(TRIGGERS, dialect);
}

/**
 * ARREARS_SUMMARY_FROM_FACTS, except that `arrears_named` keeps a row for every period an employer
 * payment ever named, at 0 once its payments are all reversed, as the triggers leave it (they
 * subtract, never delete). The amounts read the same either way; this makes a rebuilt store equal
 * an incrementally projected one row for row.
 */
const ARREARS_AS_TRIGGERS_LEAVE_IT: readonly string[] = [
  `INSERT INTO arrears_named (unit_code, period, amount)
   SELECT c.unit_code, c.named_period, SUM(CASE WHEN c.reversed_on IS NULL THEN ${money('c.amount')} ELSE 0 END) FROM collections c
   WHERE c.payer_kind = 'employer' AND c.named_period IS NOT NULL GROUP BY c.unit_code, c.named_period`,
  ...ARREARS_SUMMARY_FROM_FACTS.slice(1),
];

/** The arrears summary as a rebuild suspends and restores it (projection/summaries-suspension.ts). */
export const ARREARS_SUMMARY: DerivedSummary = {
  name: 'arrears',
  tables: ARREARS_SUMMARY_TABLES,
  createTriggers: arrearsTriggerStatements,
  dropTriggers: dropArrearsTriggersSql,
  backfill: ARREARS_AS_TRIGGERS_LEAVE_IT,
};

/**
 * Migration 2: the tables, backfilled from the facts a store already holds so that it answers the
 * same figures without a rebuild, then the triggers. A change to either needs a migration of its own
 * that recomputes every employer again.
 */
export function arrearsSummaryMigration(dialect: Dialect): string {
  return `${ARREARS_SUMMARY_SCHEMA};\n\n${ARREARS_SUMMARY_FROM_FACTS.join(';\n')};\n\n${arrearsTriggersSql(dialect)}\n`;
}
