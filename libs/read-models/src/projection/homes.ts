import type { IsoDate } from '#domain';
import type { SqlParam } from '../database/read-model-db.js';
import type { ReadModelAreas } from '../ports.js';

/**
 * Where each employer and person is homed, dated (issue 28): an employer's registration (from the
 * beginning of time) and every relocation of an employer or a person, with the area's end and its
 * successor when the area was abolished. The home of any fact on any day is then known from the
 * table alone: the latest unreversed row in force on the day, carried on by its successor past its
 * end, as `employerHomeOn` decides on the write side. A relocation's reversal marks its row like any
 * fact, and the facts it had placed are placed again by what is left (`rehomeStatements`).
 */
export const HOMES_TABLES = ['homes', 'rebuild_requests'] as const;

export const HOMES_SQL = `
CREATE TABLE homes (event_id TEXT PRIMARY KEY, position POS NOT NULL, recorded_at TEXT NOT NULL, subject_kind TEXT NOT NULL,
  subject TEXT NOT NULL, area_code TEXT NOT NULL, province TEXT, valid_to TEXT, successor TEXT, effective_on TEXT NOT NULL,
  from_area_code TEXT, from_province TEXT, from_valid_to TEXT, from_successor TEXT, reversed_on TEXT, reversed_position POS);
CREATE INDEX homes_subject ON homes (subject_kind, subject, effective_on);
-- A move places an employer's inspections again, found by employer (payments and assessments have theirs).
CREATE INDEX IF NOT EXISTS inspections_unit ON inspections (unit_code, inspected_on);
CREATE TABLE rebuild_requests (reason TEXT NOT NULL, requested_at TEXT NOT NULL)`;

/** A registration's row is in force from before any date a fact can carry. */
export const REGISTERED_FROM = '';

type Run = (sql: string, ...params: (SqlParam | undefined)[]) => void;

/** The area's end and successor, for an area abolished on 2025-07-01; nulls for one still in force. */
function endOf(areas: ReadModelAreas, areaCode: string): [string | null, string | null] {
  const validity = areas.succession.areaValidOn(areaCode, '9999-12-31');
  return validity.supersededBy && validity.validTo ? [validity.validTo, validity.supersededBy] : [null, null];
}

export interface HomeRow {
  eventId: string; position: number; recordedAt: string; kind: 'employer' | 'person'; subject: string;
  areaCode: string; province: string | null; effectiveOn: IsoDate; fromAreaCode?: string; fromProvince?: string | null;
}

export function insertHome(run: Run, areas: ReadModelAreas, row: HomeRow): void {
  const [validTo, successor] = endOf(areas, row.areaCode);
  const [fromValidTo, fromSuccessor] = row.fromAreaCode === undefined ? [null, null] : endOf(areas, row.fromAreaCode);
  run(
    `INSERT INTO homes (event_id, position, recorded_at, subject_kind, subject, area_code, province, valid_to, successor, effective_on,
       from_area_code, from_province, from_valid_to, from_successor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    row.eventId, row.position, row.recordedAt, row.kind, row.subject, row.areaCode, row.province, validTo, successor, row.effectiveOn,
    row.fromAreaCode ?? null, row.fromProvince ?? null, fromValidTo, fromSuccessor,
  );
}

/** The area a home row places a fact of `date` in: its own while in force, its successor's after. */
const PLACED = (h: string, date: string) => `CASE WHEN ${h}.valid_to IS NOT NULL AND ${h}.valid_to < ${date} THEN ${h}.successor ELSE ${h}.area_code END`;

/** The employer's home in force on `date` (a SQL expression naming the outer row). */
const EMPLOYER_HOME_ON = (unit: string, date: string) => `(SELECT ${PLACED('h', date)}, h.province FROM homes h
  WHERE h.subject_kind = 'employer' AND h.subject = ${unit} AND h.reversed_on IS NULL AND h.effective_on <= ${date}
  ORDER BY h.effective_on DESC, h.position DESC LIMIT 1)`;

/** The employer facts the write side places by the employer's home on their date (employer.decide.ts). */
const EMPLOYER_PLACED_FACTS: readonly { table: string; on: string; only?: string }[] = [
  { table: 'collections', on: 'collected_on', only: "collections.payer_kind = 'employer'" },
  { table: 'assessments', on: 'assessed_on' },
  { table: 'inspections', on: 'inspected_on' },
];

/** Where the employer stands as recorded: the latest unreversed relocation, else its registration. */
const EMPLOYER_RECORDED_HOME = (unit: string) => `(SELECT h.area_code, h.province FROM homes h
  WHERE h.subject_kind = 'employer' AND h.subject = ${unit} AND h.reversed_on IS NULL ORDER BY h.effective_on DESC, h.position DESC LIMIT 1)`;

/**
 * After the home row `anchor` was written or reversed: the employer's facts dated from its
 * `effective_on` on are placed again by the homes left in force (only those placed by a home of the
 * employer, so a payment a clerk booked to another area stays there), and the employer itself, its
 * headcounts and arrears balance stand in its recorded home. The area summaries follow the facts
 * through their `UPDATE OF area_code` triggers; a rebuild computes them from the facts.
 */
export function rehomeEmployer(run: Run, anchor: string): void {
  const unit = `(SELECT a.subject FROM homes a WHERE a.event_id = ? AND a.subject_kind = 'employer')`;
  const from = `(SELECT a.effective_on FROM homes a WHERE a.event_id = ?)`;
  for (const fact of EMPLOYER_PLACED_FACTS) {
    const t = fact.table;
    const homeCodes = `(SELECT x.area_code FROM homes x WHERE x.subject_kind = 'employer' AND x.subject = ${t}.unit_code
      UNION SELECT x.successor FROM homes x WHERE x.subject_kind = 'employer' AND x.subject = ${t}.unit_code AND x.successor IS NOT NULL)`;
    run(
      `UPDATE ${t} SET (area_code, province) = ${EMPLOYER_HOME_ON(`${t}.unit_code`, `${t}.${fact.on}`)}
       WHERE ${t}.unit_code = ${unit} AND ${t}.${fact.on} >= ${from}${fact.only ? ` AND ${fact.only}` : ''}
         AND ${t}.area_code IN ${homeCodes}`,
      anchor, anchor,
    );
  }
  for (const table of ['employers', 'employer_headcounts', 'arrears_balances']) {
    run(`UPDATE ${table} SET (area_code, province) = ${EMPLOYER_RECORDED_HOME(`${table}.unit_code`)} WHERE ${table}.unit_code = ${unit}`, anchor);
  }
}

/**
 * After a person's relocation `anchor` was reversed: the payments recorded after it, dated from its
 * `effective_on` on and placed in its area (or that area's successor), go back to the home the person
 * left (`from_area_code`, carried on by its successor past its end). A person's home on the write
 * side is their latest fact in record order (person-area.ts); the home they left is that home
 * unless another relocation or book came between, which the reversal cannot tell apart here.
 * Without a home left (no fact had named one) the payments stay where they are.
 */
export function rehomePerson(run: Run, anchor: string): void {
  const of = (column: string) => `(SELECT a.${column} FROM homes a WHERE a.event_id = ? AND a.subject_kind = 'person')`;
  run(
    `UPDATE collections SET (area_code, province) = (SELECT CASE WHEN a.from_valid_to IS NOT NULL AND a.from_valid_to < collections.collected_on
        THEN a.from_successor ELSE a.from_area_code END, a.from_province FROM homes a WHERE a.event_id = ?)
     WHERE collections.payer_kind = 'person' AND collections.person_id = ${of('subject')}
       AND collections.collected_on >= ${of('effective_on')} AND collections.position > ${of('position')}
       AND collections.area_code IN (${of('area_code')}, ${of('successor')}) AND ${of('from_area_code')} IS NOT NULL`,
    anchor, anchor, anchor, anchor, anchor, anchor, anchor,
  );
}
