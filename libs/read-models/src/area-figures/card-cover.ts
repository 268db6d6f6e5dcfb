import { NEW_SCOPE_KEYS, scopedRows, scopeKeyMatches, summaryOf, INSERTED, REVERSED_NOW, type SummaryTrigger } from '../projection/derived-summary.js';

/**
 * Health insurance participants: per scope key (projection/derived-summary.ts) and person, the days their unreversed
 * cards cover, as disjoint runs `start_on..end_on`. A card counts on a day when it is valid then and
 * already issued, i.e. from the later of `valid_from` and `issued_on` to `valid_to`; overlapping
 * cards merge into one run, so a person is in at most one run on any day and the participants of a
 * date are the runs that contain it, exact for past dates too. `card_cover_days` counts the runs
 * that start and end on each day, so that number is the runs started by the date less those ended
 * before it: two sums over a scope's days rather than a count over its persons. A person's runs are
 * recomputed from their cards whenever one is issued or reversed, leaving the day counts before
 * and entering them again after.
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

const PERSON_RUNS = `FROM card_cover_runs r WHERE r.person_id = NEW.person_id AND r.scope_key IN ${NEW_SCOPE_KEYS}`;

/**
 * The person's runs leave the day counts: one UPDATE for starts and one for ends, each matching
 * its days by the primary key (a person's runs never share a start or an end day, so it is one each).
 */
const leaveDays = (column: string, counter: string) => `UPDATE card_cover_days SET ${counter} = ${counter} - 1
  WHERE (scope_key, day) IN (SELECT r.scope_key, r.${column} ${PERSON_RUNS})`;

/** The person's runs enter the day counts (a person's runs never share a start or an end day). */
const enterDays = (column: string, counter: string) => `INSERT INTO card_cover_days (scope_key, day, starts, ends)
  SELECT r.scope_key, r.${column}, ${counter === 'starts' ? '1, 0' : '0, 1'} ${PERSON_RUNS}
  ON CONFLICT (scope_key, day) DO UPDATE SET ${counter} = card_cover_days.${counter} + 1`;

const RECOMPUTE = [
  leaveDays('start_on', 'starts'),
  leaveDays('end_on', 'ends'),
  `DELETE FROM card_cover_runs WHERE person_id = NEW.person_id AND scope_key IN ${NEW_SCOPE_KEYS}`,
  `INSERT INTO card_cover_runs (scope_key, person_id, start_on, end_on)
   ${RUNS(`SELECT k.k, c.person_id, ${START('c')} AS s, c.valid_to AS e FROM cards c JOIN ${NEW_SCOPE_KEYS} k ON ${scopeKeyMatches('k.k', 'c')}
     WHERE c.person_id = NEW.person_id AND c.reversed_on IS NULL`)}`,
  enterDays('start_on', 'starts'),
  enterDays('end_on', 'ends'),
];

const TRIGGERS: readonly SummaryTrigger[] = [
  { name: 'card_cover_issued', table: 'cards', on: 'INSERT', when: INSERTED, body: RECOMPUTE },
  { name: 'card_cover_reversed', table: 'cards', on: 'UPDATE OF reversed_on', when: REVERSED_NOW, body: RECOMPUTE },
];

export const CARD_COVER_SCHEMA = `
CREATE TABLE card_cover_runs (scope_key TEXT NOT NULL, person_id TEXT NOT NULL, start_on TEXT NOT NULL, end_on TEXT NOT NULL,
  PRIMARY KEY (person_id, scope_key, start_on));
CREATE INDEX card_cover_runs_scope ON card_cover_runs (scope_key, end_on, start_on);
CREATE TABLE card_cover_days (scope_key TEXT NOT NULL, day TEXT NOT NULL, starts INTEGER NOT NULL, ends INTEGER NOT NULL,
  PRIMARY KEY (scope_key, day));
CREATE INDEX card_cover_days_covering ON card_cover_days (scope_key, day, starts, ends);
CREATE INDEX cards_person ON cards (person_id)`;

const BACKFILL = [
  `INSERT INTO card_cover_runs (scope_key, person_id, start_on, end_on)
   ${RUNS(`SELECT c.k, c.person_id, ${START('c')} AS s, c.valid_to AS e FROM ${scopedRows('cards', 't.reversed_on IS NULL')} c`)}`,
  `INSERT INTO card_cover_days (scope_key, day, starts, ends)
   SELECT x.scope_key, x.day, SUM(x.starts), SUM(x.ends) FROM (
     SELECT r.scope_key, r.start_on AS day, 1 AS starts, 0 AS ends FROM card_cover_runs r
     UNION ALL SELECT r.scope_key, r.end_on AS day, 0 AS starts, 1 AS ends FROM card_cover_runs r) x
   GROUP BY x.scope_key, x.day`,
];

export const CARD_COVER = summaryOf('card_cover', ['card_cover_runs', 'card_cover_days'], TRIGGERS, BACKFILL);
