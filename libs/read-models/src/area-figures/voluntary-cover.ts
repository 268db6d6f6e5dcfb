import { asOld, NEW_SCOPE_KEYS, scopedRows, scopeKeyMatches, summaryOf, INSERTED, REHOMED, REVERSED_NOW, type SummaryTrigger } from '../projection/derived-summary.js';

/**
 * Voluntary social insurance participants: per scope key (projection/derived-summary.ts), person and covered month,
 * the earliest date an unreversed voluntary payment covering that month was collected. A person is
 * a participant on a date when the date's month is covered by a payment collected by then, i.e.
 * when that earliest date is on or before it, so the participants of any date are one indexed
 * count, exact for past dates too. A person's rows are recomputed from their payments (at most a
 * few dozen) whenever one is written or reversed. Months come from `calendar_months`.
 */
const VOLUNTARY = (row: string) =>
  `${row}.payer_kind = 'person' AND ${row}.scheme = 'voluntary-social-insurance' AND ${row}.reversed_on IS NULL`;

const RECOMPUTE = [
  `DELETE FROM voluntary_cover_months WHERE person_id = NEW.person_id AND scope_key IN ${NEW_SCOPE_KEYS}`,
  `INSERT INTO voluntary_cover_months (scope_key, person_id, month, first_collected_on)
   SELECT k.k, NEW.person_id, m.month, MIN(c.collected_on)
   FROM collections c JOIN ${NEW_SCOPE_KEYS} k ON ${scopeKeyMatches('k.k', 'c')}
     JOIN calendar_months m ON m.month BETWEEN c.cover_from AND c.cover_to
   WHERE c.person_id = NEW.person_id AND ${VOLUNTARY('c')}
   GROUP BY k.k, m.month`,
];

const WHEN = "NEW.payer_kind = 'person' AND NEW.scheme = 'voluntary-social-insurance'";

const TRIGGERS: readonly SummaryTrigger[] = [
  { name: 'voluntary_collected', table: 'collections', on: 'INSERT', when: `${WHEN} AND ${INSERTED}`, body: RECOMPUTE },
  { name: 'voluntary_collection_reversed', table: 'collections', on: 'UPDATE OF reversed_on', when: `${WHEN} AND ${REVERSED_NOW}`, body: RECOMPUTE },
  // A payment placed in another area (issue 28): the person's months under the old area's keys, then the new one's.
  { name: 'voluntary_collection_rehomed', table: 'collections', on: 'UPDATE OF area_code', when: `${WHEN} AND ${REHOMED}`, body: [...RECOMPUTE.map(asOld), ...RECOMPUTE] },
];

export const VOLUNTARY_COVER_SCHEMA = `
CREATE TABLE voluntary_cover_months (scope_key TEXT NOT NULL, person_id TEXT NOT NULL, month TEXT NOT NULL,
  first_collected_on TEXT NOT NULL, PRIMARY KEY (person_id, scope_key, month));
CREATE INDEX voluntary_cover_months_scope ON voluntary_cover_months (scope_key, month, first_collected_on);
CREATE INDEX collections_person ON collections (person_id)`;

const BACKFILL = [
  `INSERT INTO voluntary_cover_months (scope_key, person_id, month, first_collected_on)
   SELECT c.k, c.person_id, m.month, MIN(c.collected_on)
   FROM ${scopedRows('collections', VOLUNTARY('t'))} c JOIN calendar_months m ON m.month BETWEEN c.cover_from AND c.cover_to
   GROUP BY c.k, c.person_id, m.month`,
];

export const VOLUNTARY_COVER = summaryOf('voluntary_cover', ['voluntary_cover_months'], TRIGGERS, BACKFILL);
