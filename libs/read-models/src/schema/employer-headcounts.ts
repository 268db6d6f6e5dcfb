import { INSERTED, REVERSED_NOW, summaryOf, type SummaryTrigger } from './summary.js';

/**
 * Each employer's latest unreversed assessed period and its headcounts (social and unemployment
 * insurance), recomputed from the employer's assessments whenever one is written or reversed: the
 * participants of an area on a date whose month is that period or later are a sum over these rows.
 * An employer assessed for a period after the date goes the exact way (AreaFigures.participants).
 */
const LATEST_OF = (unit: string) => `SELECT a.unit_code, a.period, SUM(a.headcount_si), SUM(a.headcount_ui)
  FROM assessments a WHERE a.unit_code = ${unit} AND a.reversed_on IS NULL
    AND a.period = (SELECT MAX(l.period) FROM assessments l WHERE l.unit_code = ${unit} AND l.reversed_on IS NULL)
  GROUP BY a.unit_code, a.period`;

const RECOMPUTE = [
  'DELETE FROM employer_headcounts WHERE unit_code = NEW.unit_code',
  `INSERT INTO employer_headcounts (unit_code, period, si, ui) ${LATEST_OF('NEW.unit_code')}`,
];

const TRIGGERS: readonly SummaryTrigger[] = [
  { name: 'headcounts_assessed', table: 'assessments', on: 'INSERT', when: INSERTED, body: RECOMPUTE },
  { name: 'headcounts_assessment_reversed', table: 'assessments', on: 'UPDATE OF reversed_on', when: REVERSED_NOW, body: RECOMPUTE },
];

export const EMPLOYER_HEADCOUNTS_SCHEMA = `
CREATE TABLE employer_headcounts (unit_code TEXT PRIMARY KEY, period TEXT NOT NULL, si INTEGER NOT NULL, ui INTEGER NOT NULL)`;

const BACKFILL = [
  `INSERT INTO employer_headcounts (unit_code, period, si, ui)
   SELECT a.unit_code, a.period, SUM(a.headcount_si), SUM(a.headcount_ui) FROM assessments a
   WHERE a.reversed_on IS NULL AND a.period = (SELECT MAX(l.period) FROM assessments l WHERE l.unit_code = a.unit_code AND l.reversed_on IS NULL)
   GROUP BY a.unit_code, a.period`,
];

export const EMPLOYER_HEADCOUNTS = summaryOf(['employer_headcounts'], TRIGGERS, BACKFILL);
