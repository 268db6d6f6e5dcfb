import { AREA_FLOWS, AREA_FLOWS_SCHEMA } from './area-flows.js';
import { BENEFIT_RECIPIENTS, BENEFIT_RECIPIENTS_SCHEMA } from './benefit-recipients.js';
import { CARD_COVER, CARD_COVER_SCHEMA } from './card-cover.js';
import { EMPLOYER_HEADCOUNTS, EMPLOYER_HEADCOUNTS_SCHEMA } from './employer-headcounts.js';
import type { Dialect } from '../database/read-model-db.js';
import type { AreaSummary } from '../projection/derived-summary.js';
import { VOLUNTARY_COVER, VOLUNTARY_COVER_SCHEMA } from './voluntary-cover.js';
import { OLD_AREAS_SQL } from '../projection/old-areas.js';

/**
 * The summaries behind an area's totals and plan progress (docs/benchmarks.md, analysis item 5):
 * flows by day or month, each employer's latest headcounts, voluntary cover, benefit recipients
 * and card cover. Each is an AreaSummary, to be suspended during a rebuild like the arrears summary.
 */
export const AREA_SUMMARIES: readonly AreaSummary[] = [AREA_FLOWS, EMPLOYER_HEADCOUNTS, VOLUNTARY_COVER, BENEFIT_RECIPIENTS, CARD_COVER];

export const AREA_SUMMARY_TABLES = AREA_SUMMARIES.flatMap((s) => s.tables);

/** Months 1970-01..2199-12, for spreading a cover range (coverFrom..coverTo) over its months; a static table, never emptied. */
function calendarMonths(): string {
  const months: string[] = [];
  for (let year = 1970; year <= 2199; year++) {
    for (let month = 1; month <= 12; month++) months.push(`('${year}-${String(month).padStart(2, '0')}')`);
  }
  return `CREATE TABLE calendar_months (month TEXT PRIMARY KEY);\nINSERT INTO calendar_months (month) VALUES ${months.join(', ')}`;
}

/**
 * Migration: the tables, backfilled from the facts a store already holds, then their triggers. The
 * backfills and triggers read `old_areas` (migration 8's), created here first for a new store.
 */
export function areaSummariesMigration(dialect: Dialect): string {
  return [
    OLD_AREAS_SQL, calendarMonths(), AREA_FLOWS_SCHEMA, EMPLOYER_HEADCOUNTS_SCHEMA, VOLUNTARY_COVER_SCHEMA, BENEFIT_RECIPIENTS_SCHEMA, CARD_COVER_SCHEMA,
    ...AREA_SUMMARIES.flatMap((s) => s.backfill),
  ].join(';\n') + ';\n' + AREA_SUMMARIES.flatMap((s) => s.createTriggers(dialect)).map((statement) => `${statement};`).join('\n');
}
