import { asOld, INSERTED, money, REHOMED, REVERSED_NOW, summaryOf, type SummaryTrigger } from '../projection/derived-summary.js';

/**
 * Flows per area and day (or month): what the unreversed facts of each kind add up to, by the date
 * a query ranges over (`on_key`: collected_on, period, issued_on, payout_month) and, for benefits,
 * by benefit (`detail`). A sum over any range of dates is then a few hundred rows per area and
 * year, and exact for every range, since a reversal subtracts its fact whatever its date.
 * Money is summed as 64-bit integers (CAST AS BIGINT) in both databases.
 */
interface Flow { flow: string; table: string; on: string; detail: string; amount: string }

const FLOWS: readonly Flow[] = [
  { flow: 'collections', table: 'collections', on: 'collected_on', detail: "''", amount: 'amount' },
  { flow: 'assessments', table: 'assessments', on: 'period', detail: "''", amount: 'due' },
  { flow: 'books', table: 'books', on: 'issued_on', detail: "''", amount: '0' },
  { flow: 'cards', table: 'cards', on: 'issued_on', detail: "''", amount: '0' },
  { flow: 'benefits', table: 'benefit_payments', on: 'payout_month', detail: 'benefit', amount: 'amount' },
];

const column = (row: string, expr: string) => (/^\w+$/.test(expr) && expr !== '0' ? `${row}.${expr}` : expr);

function moveFlow(f: Flow, sign: '' | '0 - '): string {
  const amount = `${sign}${money(column('NEW', f.amount))}`;
  return `INSERT INTO area_flows (flow, area_code, province, on_key, detail, amount, n)
    SELECT '${f.flow}', NEW.area_code, NEW.province, NEW.${f.on}, ${column('NEW', f.detail)}, ${amount}, ${sign === '' ? 1 : -1} WHERE 1 = 1
    ON CONFLICT (flow, area_code, on_key, detail) DO UPDATE SET amount = ${money('area_flows.amount')} + ${money('excluded.amount')},
      n = area_flows.n + excluded.n`;
}

const TRIGGERS: readonly SummaryTrigger[] = FLOWS.flatMap((f) => [
  { name: `flows_${f.flow}_added`, table: f.table, on: 'INSERT' as const, when: INSERTED, body: [moveFlow(f, '')] },
  { name: `flows_${f.flow}_reversed`, table: f.table, on: 'UPDATE OF reversed_on' as const, when: REVERSED_NOW, body: [moveFlow(f, '0 - ')] },
  // Placed again (issue 28): out of the area it was in, into the new one.
  { name: `flows_${f.flow}_rehomed`, table: f.table, on: 'UPDATE OF area_code' as const, when: REHOMED, body: [asOld(moveFlow(f, '0 - ')), moveFlow(f, '')] },
]);

export const AREA_FLOWS_SCHEMA = `
CREATE TABLE area_flows (flow TEXT NOT NULL, area_code TEXT NOT NULL, province TEXT, on_key TEXT NOT NULL, detail TEXT NOT NULL,
  amount MONEY NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (flow, area_code, on_key, detail));
CREATE INDEX area_flows_province ON area_flows (flow, province, on_key);
CREATE INDEX area_flows_on ON area_flows (flow, on_key)`;

/**
 * Reversed facts count for nothing but still keep their row (at 0), as the triggers leave it: they
 * subtract, never delete. A rebuilt store then equals an incrementally projected one row for row.
 */
const BACKFILL = FLOWS.map((f) => `INSERT INTO area_flows (flow, area_code, province, on_key, detail, amount, n)
  SELECT '${f.flow}', t.area_code, MIN(t.province), t.${f.on}, ${column('t', f.detail)},
    SUM(CASE WHEN t.reversed_on IS NULL THEN ${money(column('t', f.amount))} ELSE 0 END), SUM(CASE WHEN t.reversed_on IS NULL THEN 1 ELSE 0 END)
  FROM ${f.table} t GROUP BY t.area_code, t.${f.on}${f.detail === "''" ? '' : `, t.${f.detail}`}`);

export const AREA_FLOWS = summaryOf('area_flows', ['area_flows'], TRIGGERS, BACKFILL);
