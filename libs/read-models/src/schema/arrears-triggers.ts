import { least, money } from './arrears-balances.js';
import type { Dialect } from '../database/read-model-db.js';
import { dropTriggersSql, REVERSED_NOW, triggerStatements, type SummaryTrigger } from '../projection/derived-summary.js';

/**
 * Triggers that move the arrears summary (arrears-balances.ts) by each fact as its row is written
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
