import type { EventType } from '#domain';

type Run = (sql: string, ...params: (string | number | null | undefined)[]) => void;

/**
 * The arrears mark (read-model version 9): `employers.arrears_mark` is the position of the last event
 * that changed a row an employer's arrears reads (arrears.repository.ts: the employer row, its
 * assessments with their funds, employer payments, statuses, reminders, force majeure and interest
 * charged, and their reversals; a relocation moves the employer). Positions only grow and the log is
 * append-only, so a mark names one state of those rows: the worklist's memo (arrears/worklist-memo.ts)
 * keeps an employer's computed headline under it. The ledger's rates k, which every employer's
 * interest reads, are keyed by the memo itself. The mark never moves back, so an event applied again
 * (a lost checkpoint) cannot bring back a mark the memo has seen for an older state.
 */
/** Employers marked by one statement: 5 parameters each, within every SQLite build's limit. */
const MARKS_A_STATEMENT = 100;

/**
 * The marks of a page of events, written after its facts in one statement per hundred employers: an
 * UPDATE between two inserts would end PostgreSQL's multi-row insert of them (multi-row-inserts.ts).
 * The projector runs them in the page's transaction, so facts and marks commit together.
 */
export class PendingMarks {
  private readonly marks = new Map<string, number>();

  add(unitCode: string, position: number): void {
    const known = this.marks.get(unitCode);
    if (known === undefined || known < position) this.marks.set(unitCode, position);
  }

  /** Appends the statements that write the marks added since the last call, and forgets them. */
  flush(run: Run): void {
    const marks = [...this.marks];
    this.marks.clear();
    for (let from = 0; from < marks.length; from += MARKS_A_STATEMENT) {
      const chunk = marks.slice(from, from + MARKS_A_STATEMENT);
      const mark = `CASE unit_code ${chunk.map(() => 'WHEN ? THEN CAST(? AS BIGINT)').join(' ')} END`;
      const pairs = chunk.flat();
      run(
        `UPDATE employers SET arrears_mark = ${mark}
         WHERE unit_code IN (${chunk.map(() => '?').join(', ')}) AND (arrears_mark IS NULL OR arrears_mark < ${mark})`,
        ...pairs, ...chunk.map(([unitCode]) => unitCode), ...pairs,
      );
    }
  }
}

/** The table of each reversible fact an employer's arrears reads, and how its row names the employer. */
const UNIT_OF_REVERSED: Partial<Record<EventType, string>> = {
  EmployerStatusChanged: 'SELECT unit_code FROM employer_statuses WHERE event_id = ?',
  ContributionAssessed: 'SELECT unit_code FROM assessments WHERE event_id = ?',
  ContributionCollected: 'SELECT unit_code FROM collections WHERE event_id = ?',
  EmployerReminded: 'SELECT unit_code FROM employer_reminders WHERE event_id = ?',
  ForceMajeureRecorded: 'SELECT unit_code FROM force_majeure WHERE event_id = ?',
  LateInterestCharged: 'SELECT unit_code FROM interest_charges WHERE event_id = ?',
  EmployerRelocated: "SELECT subject FROM homes WHERE event_id = ? AND subject_kind = 'employer'",
};

/** A reversal of one of those facts changes its employer's arrears (a person's payment names none). */
export function markArrearsOfReversed(run: Run, reversedType: EventType, reversedEventId: string, position: number): void {
  const unitOf = UNIT_OF_REVERSED[reversedType];
  if (!unitOf) return;
  run(
    `UPDATE employers SET arrears_mark = ? WHERE unit_code = (${unitOf}) AND (arrears_mark IS NULL OR arrears_mark < ?)`,
    position, reversedEventId, position,
  );
}
