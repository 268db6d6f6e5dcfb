import { MONTHLY_BENEFITS } from '#domain';
import { NEW_SCOPE_KEYS, scopedRows, summaryOf, INSERTED, REVERSED_NOW, type SummaryTrigger } from '../projection/derived-summary.js';

const MONTHLY_SQL = MONTHLY_BENEFITS.map((b) => `'${b}'`).join(', ');

/**
 * Benefit recipients over any range of payout months, without reading the payments. Per scope
 * key (projection/derived-summary.ts), kind (`all` benefits, or only the `monthly` ones) and person, every payout
 * month with unreversed payments (`payments` of them) is a row that also names the person's
 * previous such month (`prev_month`, '' for none). A person paid within months m1..m2 has exactly
 * one such month in the range whose previous one is before m1 (the first in the range), so the
 * distinct recipients of m1..m2 are the rows with m1 <= month <= m2 and prev_month < m1.
 * `benefit_recipient_counts` keeps those rows counted by (scope key, kind, month, prev_month): a
 * few hundred rows per area.
 *
 * A payment moves a handful of rows: a month new to the person enters between its neighbours (the
 * next month's previous one becomes it), a month whose last payment is reversed leaves (the next
 * month's previous one becomes its own). Each move takes the affected rows out of the counts and
 * puts them back as they are after it.
 */
const M = 'benefit_recipient_months';
const C = 'benefit_recipient_counts';
const MONTH = 'NEW.payout_month';

/** The (scope key `k`, `kind`) pairs the payment NEW counts for. */
const TARGETS = `(SELECT k.k, b.kind FROM ${NEW_SCOPE_KEYS} k JOIN (SELECT 'all' AS kind UNION ALL SELECT 'monthly' AS kind) b
  ON (b.kind = 'all' OR NEW.benefit IN (${MONTHLY_SQL})))`;

const samePerson = (row: string, t: string) => `${row}.person_id = NEW.person_id AND ${row}.scope_key = ${t}.k AND ${row}.kind = ${t}.kind`;
const hasMonth = (t: string) => `EXISTS (SELECT 1 FROM ${M} h WHERE ${samePerson('h', t)} AND h.month = ${MONTH})`;
const previousMonth = (t: string) => `COALESCE((SELECT MAX(h.month) FROM ${M} h WHERE ${samePerson('h', t)} AND h.month < ${MONTH}), '')`;

/** For a payout month new to the person: the next month's row, whose previous month becomes the new one. */
const NEXT_OF_NEW = `SELECT x.scope_key, x.kind, x.month, x.prev_month FROM ${M} x JOIN ${TARGETS} t ON x.scope_key = t.k AND x.kind = t.kind
  WHERE x.person_id = NEW.person_id AND NOT ${hasMonth('t')}
    AND x.month = (SELECT MIN(h.month) FROM ${M} h WHERE ${samePerson('h', 't')} AND h.month > ${MONTH})`;

const countIn = (select: string, prev: string) => `INSERT INTO ${C} (scope_key, kind, month, prev_month, n)
  SELECT s.scope_key, s.kind, s.month, ${prev}, 1 FROM (${select}) s WHERE 1 = 1
  ON CONFLICT (scope_key, kind, month, prev_month) DO UPDATE SET n = ${C}.n + 1`;
const countOut = (select: string) => `UPDATE ${C} SET n = n - 1 WHERE (scope_key, kind, month, prev_month) IN (
  SELECT s.scope_key, s.kind, s.month, s.prev_month FROM (${select}) s)`;

const PAID = [
  countOut(NEXT_OF_NEW),
  countIn(NEXT_OF_NEW, MONTH),
  `UPDATE ${M} SET prev_month = ${MONTH} WHERE person_id = NEW.person_id AND (scope_key, kind, month) IN (
     SELECT s.scope_key, s.kind, s.month FROM (${NEXT_OF_NEW}) s)`,
  `INSERT INTO ${C} (scope_key, kind, month, prev_month, n) SELECT t.k, t.kind, ${MONTH}, ${previousMonth('t')}, 1 FROM ${TARGETS} t
   WHERE NOT ${hasMonth('t')} ON CONFLICT (scope_key, kind, month, prev_month) DO UPDATE SET n = ${C}.n + 1`,
  `INSERT INTO ${M} (scope_key, kind, person_id, month, prev_month, payments)
   SELECT t.k, t.kind, NEW.person_id, ${MONTH}, ${previousMonth('t')}, 1 FROM ${TARGETS} t WHERE 1 = 1
   ON CONFLICT (person_id, scope_key, kind, month) DO UPDATE SET payments = ${M}.payments + 1`,
];

/** Rows of the person's month that lost their last payment (payments brought to 0 by the reversal). */
const GONE = `SELECT g.scope_key, g.kind, g.month, g.prev_month FROM ${M} g
  WHERE g.person_id = NEW.person_id AND g.month = ${MONTH} AND g.payments = 0`;
/** The next month of each gone one, whose previous month becomes the gone one's previous month (`new_prev`). */
const NEXT_OF_GONE = `SELECT x.scope_key, x.kind, x.month, x.prev_month, g.prev_month AS new_prev FROM ${M} x
  JOIN ${M} g ON g.person_id = x.person_id AND g.scope_key = x.scope_key AND g.kind = x.kind
  WHERE g.person_id = NEW.person_id AND g.month = ${MONTH} AND g.payments = 0
    AND x.month = (SELECT MIN(h.month) FROM ${M} h WHERE h.person_id = NEW.person_id AND h.scope_key = g.scope_key AND h.kind = g.kind
      AND h.month > ${MONTH})`;

const REVERSED = [
  `UPDATE ${M} SET payments = payments - 1 WHERE person_id = NEW.person_id AND month = ${MONTH}
   AND (scope_key, kind) IN (SELECT t.k, t.kind FROM ${TARGETS} t)`,
  countOut(GONE),
  countOut(NEXT_OF_GONE),
  countIn(NEXT_OF_GONE, 's.new_prev'),
  `UPDATE ${M} SET prev_month = (SELECT g.prev_month FROM ${M} g WHERE g.person_id = ${M}.person_id AND g.scope_key = ${M}.scope_key
     AND g.kind = ${M}.kind AND g.month = ${MONTH} AND g.payments = 0)
   WHERE person_id = NEW.person_id AND (scope_key, kind, month) IN (SELECT s.scope_key, s.kind, s.month FROM (${NEXT_OF_GONE}) s)`,
  `DELETE FROM ${M} WHERE person_id = NEW.person_id AND month = ${MONTH} AND payments = 0`,
];

const TRIGGERS: readonly SummaryTrigger[] = [
  { name: 'recipients_paid', table: 'benefit_payments', on: 'INSERT', when: INSERTED, body: PAID },
  { name: 'recipients_payment_reversed', table: 'benefit_payments', on: 'UPDATE OF reversed_on', when: REVERSED_NOW, body: REVERSED },
];

export const BENEFIT_RECIPIENTS_SCHEMA = `
CREATE TABLE ${M} (scope_key TEXT NOT NULL, kind TEXT NOT NULL, person_id TEXT NOT NULL, month TEXT NOT NULL,
  prev_month TEXT NOT NULL, payments INTEGER NOT NULL, PRIMARY KEY (person_id, scope_key, kind, month));
CREATE TABLE ${C} (scope_key TEXT NOT NULL, kind TEXT NOT NULL, month TEXT NOT NULL, prev_month TEXT NOT NULL,
  n INTEGER NOT NULL, PRIMARY KEY (scope_key, kind, month, prev_month))`;

/**
 * The months are grouped in the window's order, which is also the primary key's (person first): one
 * sort serves the grouping, the window and the inserts, which then append to the key's B-tree. Only
 * the columns read are carried through the sort.
 */
const BACKFILL = [
  `INSERT INTO ${M} (scope_key, kind, person_id, month, prev_month, payments)
   SELECT x.k, x.kind, x.person_id, x.month, COALESCE(LAG(x.month) OVER (PARTITION BY x.person_id, x.k, x.kind ORDER BY x.month), ''), x.payments
   FROM (SELECT p.k, b.kind, p.person_id, p.payout_month AS month, COUNT(*) AS payments
         FROM ${scopedRows('benefit_payments', 't.reversed_on IS NULL', 't.person_id, t.payout_month, t.benefit')} p
         JOIN (SELECT 'all' AS kind UNION ALL SELECT 'monthly' AS kind) b ON (b.kind = 'all' OR p.benefit IN (${MONTHLY_SQL}))
         GROUP BY p.person_id, p.k, b.kind, p.payout_month ORDER BY p.person_id, p.k, b.kind, p.payout_month) x`,
  `INSERT INTO ${C} (scope_key, kind, month, prev_month, n)
   SELECT r.scope_key, r.kind, r.month, r.prev_month, COUNT(*) FROM ${M} r GROUP BY r.scope_key, r.kind, r.month, r.prev_month`,
];

export const BENEFIT_RECIPIENTS = summaryOf('benefit_recipients', [M, C], TRIGGERS, BACKFILL);
