import { NEW_SCOPE_KEYS, scopedRows, scopeKeyMatches, summaryOf, INSERTED, REVERSED_NOW, type SummaryTrigger } from './summary.js';

/**
 * Health insurance participants: per scope key (summary.ts) and person, the days their unreversed
 * cards cover, as disjoint runs `start_on..end_on`. A card counts on a day when it is valid then and
 * already issued, i.e. from the later of `valid_from` and `issued_on` to `valid_to`; overlapping
 * cards merge into one run, so a person is in at most one run on any day and the participants of a
 * date are the runs that contain it: one indexed count, exact for past dates too. A person's runs
 * are recomputed from their cards whenever one is issued or reversed.
 */
const START = (c: string) => `CASE WHEN ${c}.valid_from < ${c}.issued_on THEN ${c}.issued_on ELSE ${c}.valid_from END`;

/** Runs of the intervals `y(k, person_id, s, e)` per key and person: a new run starts where an interval begins after every earlier one ended. */
const RUNS = (intervals: string) => `SELECT g.k, g.person_id, MIN(g.s) AS start_on, MAX(g.e) AS end_on FROM (
    SELECT x.k, x.person_id, x.s, x.e,
      SUM(x.starts_run) OVER (PARTITION BY x.k, x.person_id ORDER BY x.s, x.e ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run
    FROM (SELECT y.k, y.person_id, y.s, y.e, CASE WHEN y.s <= MAX(y.e) OVER (PARTITION BY y.k, y.person_id ORDER BY y.s, y.e
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS starts_run
          FROM (${intervals}) y WHERE y.s <= y.e) x) g
  GROUP BY g.k, g.person_id, g.run`;

const RECOMPUTE = [
  `DELETE FROM card_cover_runs WHERE person_id = NEW.person_id AND scope_key IN ${NEW_SCOPE_KEYS}`,
  `INSERT INTO card_cover_runs (scope_key, person_id, start_on, end_on)
   ${RUNS(`SELECT k.k, c.person_id, ${START('c')} AS s, c.valid_to AS e FROM cards c JOIN ${NEW_SCOPE_KEYS} k ON ${scopeKeyMatches('k.k', 'c')}
     WHERE c.person_id = NEW.person_id AND c.reversed_on IS NULL`)}`,
];

const TRIGGERS: readonly SummaryTrigger[] = [
  { name: 'card_cover_issued', table: 'cards', on: 'INSERT', when: INSERTED, body: RECOMPUTE },
  { name: 'card_cover_reversed', table: 'cards', on: 'UPDATE OF reversed_on', when: REVERSED_NOW, body: RECOMPUTE },
];

export const CARD_COVER_SCHEMA = `
CREATE TABLE card_cover_runs (scope_key TEXT NOT NULL, person_id TEXT NOT NULL, start_on TEXT NOT NULL, end_on TEXT NOT NULL,
  PRIMARY KEY (person_id, scope_key, start_on));
CREATE INDEX card_cover_runs_scope ON card_cover_runs (scope_key, end_on, start_on);
CREATE INDEX cards_person ON cards (person_id)`;

const BACKFILL = [
  `INSERT INTO card_cover_runs (scope_key, person_id, start_on, end_on)
   ${RUNS(`SELECT c.k, c.person_id, ${START('c')} AS s, c.valid_to AS e FROM ${scopedRows('cards', 't.reversed_on IS NULL')} c`)}`,
];

export const CARD_COVER = summaryOf(['card_cover_runs'], TRIGGERS, BACKFILL);
