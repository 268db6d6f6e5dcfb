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
const MARK = `UPDATE employers SET arrears_mark = ? WHERE unit_code = ? AND (arrears_mark IS NULL OR arrears_mark < ?)`;

export function markArrears(run: Run, unitCode: string, position: number): void {
  run(MARK, position, unitCode, position);
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
