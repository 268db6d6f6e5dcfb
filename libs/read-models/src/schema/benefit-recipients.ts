import { MONTHLY_BENEFITS } from '#domain';
import { NEW_SCOPE_KEYS, scopedRows, scopeKeyMatches, summaryOf, INSERTED, REVERSED_NOW, type SummaryTrigger } from './summary.js';

const MONTHLY_SQL = MONTHLY_BENEFITS.map((b) => `'${b}'`).join(', ');

/**
 * Benefit recipients over any range of payout months, without reading the payments. Per scope
 * key (summary.ts), kind (`all` benefits, or only the `monthly` ones) and person, every payout
 * month with an unreversed payment is a row that also names the person's previous such month
 * (`prev_month`, '' for none). A person paid within months m1..m2 has exactly one such month in
 * the range whose previous one is before m1 (the first in the range), so the distinct recipients
 * of m1..m2 are the rows with m1 <= month <= m2 and prev_month < m1. `benefit_recipient_counts`
 * keeps those rows counted by (scope key, kind, month, prev_month): a few hundred rows per area.
 * A person's rows are recomputed from their payments whenever one is written or reversed, their
 * old rows leaving the counts and the new ones entering them.
 */
const PERSON_ROWS = `SELECT r.scope_key, r.kind, r.month, r.prev_month FROM benefit_recipient_months r
  WHERE r.person_id = NEW.person_id AND r.scope_key IN ${NEW_SCOPE_KEYS}`;

/** Each payment of `p` once per kind it counts for, as `kind`. */
const KINDS = `(SELECT 'all' AS kind UNION ALL SELECT 'monthly' AS kind) b`;
const KIND_MATCHES = (p: string) => `(b.kind = 'all' OR ${p}.benefit IN (${MONTHLY_SQL}))`;

const RECOMPUTE = [
  `UPDATE benefit_recipient_counts SET n = n - 1 WHERE (scope_key, kind, month, prev_month) IN (${PERSON_ROWS})`,
  `DELETE FROM benefit_recipient_months WHERE person_id = NEW.person_id AND scope_key IN ${NEW_SCOPE_KEYS}`,
  `INSERT INTO benefit_recipient_months (scope_key, kind, person_id, month, prev_month)
   SELECT x.k, x.kind, NEW.person_id, x.month, COALESCE(LAG(x.month) OVER (PARTITION BY x.k, x.kind ORDER BY x.month), '')
   FROM (SELECT DISTINCT k.k, b.kind, p.payout_month AS month
         FROM benefit_payments p JOIN ${NEW_SCOPE_KEYS} k ON ${scopeKeyMatches('k.k', 'p')} JOIN ${KINDS} ON ${KIND_MATCHES('p')}
         WHERE p.person_id = NEW.person_id AND p.reversed_on IS NULL) x`,
  `INSERT INTO benefit_recipient_counts (scope_key, kind, month, prev_month, n)
   SELECT s.scope_key, s.kind, s.month, s.prev_month, 1 FROM (${PERSON_ROWS}) s WHERE 1 = 1
   ON CONFLICT (scope_key, kind, month, prev_month) DO UPDATE SET n = benefit_recipient_counts.n + 1`,
];

const TRIGGERS: readonly SummaryTrigger[] = [
  { name: 'recipients_paid', table: 'benefit_payments', on: 'INSERT', when: INSERTED, body: RECOMPUTE },
  { name: 'recipients_payment_reversed', table: 'benefit_payments', on: 'UPDATE OF reversed_on', when: REVERSED_NOW, body: RECOMPUTE },
];

export const BENEFIT_RECIPIENTS_SCHEMA = `
CREATE TABLE benefit_recipient_months (scope_key TEXT NOT NULL, kind TEXT NOT NULL, person_id TEXT NOT NULL, month TEXT NOT NULL,
  prev_month TEXT NOT NULL, PRIMARY KEY (person_id, scope_key, kind, month));
CREATE TABLE benefit_recipient_counts (scope_key TEXT NOT NULL, kind TEXT NOT NULL, month TEXT NOT NULL, prev_month TEXT NOT NULL,
  n INTEGER NOT NULL, PRIMARY KEY (scope_key, kind, month, prev_month));
CREATE INDEX benefit_payments_person ON benefit_payments (person_id)`;

const BACKFILL = [
  `INSERT INTO benefit_recipient_months (scope_key, kind, person_id, month, prev_month)
   SELECT x.k, x.kind, x.person_id, x.month, COALESCE(LAG(x.month) OVER (PARTITION BY x.k, x.kind, x.person_id ORDER BY x.month), '')
   FROM (SELECT DISTINCT p.k, b.kind, p.person_id, p.payout_month AS month
         FROM ${scopedRows('benefit_payments', 't.reversed_on IS NULL')} p JOIN ${KINDS} ON ${KIND_MATCHES('p')}) x`,
  `INSERT INTO benefit_recipient_counts (scope_key, kind, month, prev_month, n)
   SELECT r.scope_key, r.kind, r.month, r.prev_month, COUNT(*) FROM benefit_recipient_months r
   GROUP BY r.scope_key, r.kind, r.month, r.prev_month`,
];

export const BENEFIT_RECIPIENTS = summaryOf(['benefit_recipient_months', 'benefit_recipient_counts'], TRIGGERS, BACKFILL);
