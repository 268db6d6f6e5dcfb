import { DomainError, type Command, type PayoutsReconciled } from '#domain';
import { AreaNotAllowedError, IdempotencyConflictError, validateCommand, type CommandOutcome } from '#ledger';
import type { SocaiRuntime } from '#runtime';
import { readStatementFile } from './statement-file.js';

export interface ReconcileRequest {
  month: string;
  area: string;
  agent: string;
  /** Path of the statement file (CSV, or the JSON of the HTTP route). */
  statement: string;
  statementRef?: string;
  actor?: string;
}

/** Recorded (or found recorded before), with the reconciliation the event holds. */
export interface Reconciled {
  outcome: CommandOutcome;
  reconciliation: PayoutsReconciled;
}

/** Something the user can fix: a malformed file, a flag the ledger refuses, a statementRef taken. */
export class ReconcileRefused extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('\n'));
  }
}

/**
 * The statementRef when none is given: the area, the month and the first 16 hex digits of the
 * file's SHA-256. Running the same file again is then a repeat (nothing new recorded), while a
 * corrected file is a new reconciliation rather than a conflict with the first.
 */
export function defaultStatementRef(area: string, month: string, sha256: string): string {
  return `${area}-${month}-sha256-${sha256.slice(0, 16)}`;
}

/** The command `socai reconcile` records, read from the file and the flags, validated like an HTTP body. */
export async function statementCommand(request: ReconcileRequest): Promise<Command> {
  const file = await readStatementFile(request.statement).catch((error: Error) => {
    throw new ReconcileRefused([`cannot read ${request.statement}: ${error.message}`]);
  });
  if (!file.ok) throw new ReconcileRefused(file.errors.map((error) => `${error.field}: ${error.message}`));
  const flags: Record<string, string> = {
    statementRef: request.statementRef ?? (file.fields.statementRef as string | undefined) ?? defaultStatementRef(request.area, request.month, file.sha256),
    month: request.month,
    areaCode: request.area,
    agent: request.agent,
  };
  const clashes = Object.entries(file.fields)
    .filter(([name, value]) => name in flags && value !== flags[name])
    .map(([name, value]) => `the file says ${name} ${JSON.stringify(value)}, the command line ${JSON.stringify(flags[name])}`);
  if (clashes.length > 0) throw new ReconcileRefused(clashes);
  const validated = validateCommand('ReconcilePayouts', { ...file.fields, ...flags, lines: file.lines });
  if (!validated.ok) throw new ReconcileRefused(validated.errors.map((error) => `${error.field}: ${error.message}`));
  return validated.command;
}

/**
 * Reconciles a statement through the ledger's command pipeline, as the HTTP route does: the same
 * validation, the same idempotency by statementRef, the event recorded with `source: cli`.
 */
export async function reconcileStatement(runtime: SocaiRuntime, command: Command, actor: string): Promise<Reconciled> {
  let outcome: CommandOutcome;
  try {
    outcome = await runtime.ledger.execute(command, { actor, role: 'finance', source: 'cli' });
  } catch (error) {
    if (error instanceof DomainError || error instanceof IdempotencyConflictError || error instanceof AreaNotAllowedError) {
      throw new ReconcileRefused([`${error.code}: ${error.message}`]);
    }
    throw error;
  }
  const event = await runtime.store.findEvent(outcome.result.eventId);
  return { outcome, reconciliation: event!.data as PayoutsReconciled };
}
