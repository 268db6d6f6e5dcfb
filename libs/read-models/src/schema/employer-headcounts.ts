import { INSERTED, REVERSED_NOW, summaryOf, type SummaryTrigger } from './summary.js';

/**
 * Each registered employer's latest unreversed assessed period and its headcounts (social and
 * unemployment insurance), recomputed from the employer's assessments whenever one is written or
 * reversed, with the employer's area (an area query selects employers by their own area) and
 * whether any status change was ever recorded for it. The participants of an area on a date are
 * then one indexed sum over the employers without status changes whose latest period is not after
 * the date's month (every such employer, on a current date); the others go the exact way
 * (SummaryAreaFigures.employedParticipants). Rows of employers not registered (yet) have no area.
 */
const latestOf = (unit: string) => `SELECT a.unit_code, (SELECT e.area_code FROM employers e WHERE e.unit_code = a.unit_code),
    (SELECT e.province FROM employers e WHERE e.unit_code = a.unit_code),
    CASE WHEN EXISTS (SELECT 1 FROM employer_statuses s WHERE s.unit_code = a.unit_code) THEN 1 ELSE 0 END,
    a.period, SUM(a.headcount_si), SUM(a.headcount_ui)
  FROM assessments a WHERE ${unit === 'every' ? '' : `a.unit_code = ${unit} AND `}a.reversed_on IS NULL
    AND a.period = (SELECT MAX(l.period) FROM assessments l WHERE l.unit_code = a.unit_code AND l.reversed_on IS NULL)
  GROUP BY a.unit_code, a.period`;

const COLUMNS = 'unit_code, area_code, province, has_status, period, si, ui';

const RECOMPUTE = [
  'DELETE FROM employer_headcounts WHERE unit_code = NEW.unit_code',
  `INSERT INTO employer_headcounts (${COLUMNS}) ${latestOf('NEW.unit_code')}`,
];

const TRIGGERS: readonly SummaryTrigger[] = [
  { name: 'headcounts_assessed', table: 'assessments', on: 'INSERT', when: INSERTED, body: RECOMPUTE },
  { name: 'headcounts_assessment_reversed', table: 'assessments', on: 'UPDATE OF reversed_on', when: REVERSED_NOW, body: RECOMPUTE },
  // PostgreSQL's multi-row inserts may write a batch's assessments before its employers and statuses.
  {
    name: 'headcounts_employer_registered', table: 'employers', on: 'INSERT', when: '1 = 1',
    body: ['UPDATE employer_headcounts SET area_code = NEW.area_code, province = NEW.province WHERE unit_code = NEW.unit_code'],
  },
  {
    name: 'headcounts_status_changed', table: 'employer_statuses', on: 'INSERT', when: '1 = 1',
    body: ['UPDATE employer_headcounts SET has_status = 1 WHERE unit_code = NEW.unit_code'],
  },
];

export const EMPLOYER_HEADCOUNTS_SCHEMA = `
CREATE TABLE employer_headcounts (unit_code TEXT PRIMARY KEY, area_code TEXT, province TEXT, has_status INTEGER NOT NULL,
  period TEXT NOT NULL, si INTEGER NOT NULL, ui INTEGER NOT NULL);
CREATE INDEX employer_headcounts_province ON employer_headcounts (province, has_status, period, si, ui);
CREATE INDEX employer_headcounts_area ON employer_headcounts (area_code, has_status, period, si, ui)`;

const BACKFILL = [`INSERT INTO employer_headcounts (${COLUMNS}) ${latestOf('every')}`];

export const EMPLOYER_HEADCOUNTS = summaryOf(['employer_headcounts'], TRIGGERS, BACKFILL);
