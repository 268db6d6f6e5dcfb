import { INSERTED, REVERSED_NOW, summaryOf, type SummaryTrigger } from '../projection/derived-summary.js';

/**
 * Each registered employer's latest unreversed assessed period and its headcounts (social and
 * unemployment insurance), with the employer's area (an area query selects employers by their own
 * area) and its status once every status fact has happened: `status_now`, the latest unreversed
 * status change ('active' without one, as statusOn says), which is its status on every date from
 * `settled_through` on (the latest date among its status changes and their reversals; '' without
 * any). Recomputed whenever an assessment or a status change of the employer is written or
 * reversed. The participants of an area on a date are then one indexed sum over the employers
 * active from a settled date on or before it whose latest period is not after the date's month
 * (every one, on a current date); the others go the exact way (SummaryAreaFigures.employedParticipants).
 * Rows of employers not registered (yet) have no area.
 */
const STATUS_NOW = (unit: string) => `COALESCE((SELECT s.status FROM employer_statuses s WHERE s.unit_code = ${unit} AND s.reversed_on IS NULL
    ORDER BY s.effective_on DESC, s.position DESC LIMIT 1), 'active')`;
const SETTLED_THROUGH = (unit: string) => `COALESCE((SELECT MAX(z.d) FROM (
    SELECT s.effective_on AS d FROM employer_statuses s WHERE s.unit_code = ${unit}
    UNION ALL SELECT s.reversed_on AS d FROM employer_statuses s WHERE s.unit_code = ${unit}) z), '')`;

const latestOf = (unit: string) => `SELECT a.unit_code, (SELECT e.area_code FROM employers e WHERE e.unit_code = a.unit_code),
    (SELECT e.province FROM employers e WHERE e.unit_code = a.unit_code), ${STATUS_NOW('a.unit_code')}, ${SETTLED_THROUGH('a.unit_code')},
    a.period, SUM(a.headcount_si), SUM(a.headcount_ui)
  FROM assessments a WHERE ${unit === 'every' ? '' : `a.unit_code = ${unit} AND `}a.reversed_on IS NULL
    AND a.period = (SELECT MAX(l.period) FROM assessments l WHERE l.unit_code = a.unit_code AND l.reversed_on IS NULL)
  GROUP BY a.unit_code, a.period`;

const COLUMNS = 'unit_code, area_code, province, status_now, settled_through, period, si, ui';

const RECOMPUTE = [
  'DELETE FROM employer_headcounts WHERE unit_code = NEW.unit_code',
  `INSERT INTO employer_headcounts (${COLUMNS}) ${latestOf('NEW.unit_code')}`,
];

const STATUS_MOVED = [
  `UPDATE employer_headcounts SET status_now = ${STATUS_NOW('NEW.unit_code')}, settled_through = ${SETTLED_THROUGH('NEW.unit_code')}
   WHERE unit_code = NEW.unit_code`,
];

const TRIGGERS: readonly SummaryTrigger[] = [
  { name: 'headcounts_assessed', table: 'assessments', on: 'INSERT', when: INSERTED, body: RECOMPUTE },
  { name: 'headcounts_assessment_reversed', table: 'assessments', on: 'UPDATE OF reversed_on', when: REVERSED_NOW, body: RECOMPUTE },
  // PostgreSQL's multi-row inserts may write a batch's assessments before its employers and status changes.
  {
    name: 'headcounts_employer_registered', table: 'employers', on: 'INSERT', when: '1 = 1',
    body: ['UPDATE employer_headcounts SET area_code = NEW.area_code, province = NEW.province WHERE unit_code = NEW.unit_code'],
  },
  { name: 'headcounts_status_changed', table: 'employer_statuses', on: 'INSERT', when: '1 = 1', body: STATUS_MOVED },
  { name: 'headcounts_status_reversed', table: 'employer_statuses', on: 'UPDATE OF reversed_on', when: REVERSED_NOW, body: STATUS_MOVED },
];

export const EMPLOYER_HEADCOUNTS_SCHEMA = `
CREATE TABLE employer_headcounts (unit_code TEXT PRIMARY KEY, area_code TEXT, province TEXT, status_now TEXT NOT NULL,
  settled_through TEXT NOT NULL, period TEXT NOT NULL, si INTEGER NOT NULL, ui INTEGER NOT NULL);
CREATE INDEX employer_headcounts_province ON employer_headcounts (province, status_now, period, settled_through, si, ui, area_code, unit_code);
CREATE INDEX employer_headcounts_area ON employer_headcounts (area_code, status_now, period, settled_through, si, ui, unit_code);
-- The few employers that go the exact way: assessed for a later month, or with status changes after the date.
CREATE INDEX employer_headcounts_province_period ON employer_headcounts (province, period);
CREATE INDEX employer_headcounts_province_settled ON employer_headcounts (province, settled_through);
CREATE INDEX employer_headcounts_area_period ON employer_headcounts (area_code, period);
CREATE INDEX employer_headcounts_area_settled ON employer_headcounts (area_code, settled_through)`;

const BACKFILL = [`INSERT INTO employer_headcounts (${COLUMNS}) ${latestOf('every')}`];

export const EMPLOYER_HEADCOUNTS = summaryOf('employer_headcounts', ['employer_headcounts'], TRIGGERS, BACKFILL);
