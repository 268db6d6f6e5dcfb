import { DomainError, type BankCreditReceived, type IsoDate, type Payer } from '#domain';
import type { CommandContext, CommandOutcome } from '../command-context.js';
import type { Ledger } from '../ledger.js';
import { bookCredit, creditStatus } from './bank-import.js';

export interface AssignCreditRequest {
  /** An employer (`unitCode`, `period?`), or a person with the scheme and cover months the credit pays. */
  payer: Payer;
  reason?: string;
}

/** A received credit by its event id, or EVENT_NOT_FOUND (a clerk's id that names no bank credit). */
export async function findCredit(ledger: Ledger, creditId: string): Promise<BankCreditReceived> {
  const event = await ledger.store.findEvent(creditId);
  if (!event || event.type !== 'BankCreditReceived') throw new DomainError('EVENT_NOT_FOUND', `no bank credit ${creditId}`);
  return event.data as BankCreditReceived;
}

/**
 * A clerk assigns a credit from the suspense queue to a payer: the collection is booked as a match's
 * would be (same receipt number, the credit as cause), then BankCreditAssigned with who (metadata) and why.
 * A credit already decided is refused before anything is booked.
 */
export async function assignBankCredit(ledger: Ledger, creditId: string, request: AssignCreditRequest, context: CommandContext, today: IsoDate): Promise<CommandOutcome> {
  const credit = await findCredit(ledger, creditId);
  const repeat = await repeated(ledger, 'AssignBankCredit', creditId);
  if (repeat) return repeat;
  await refuseDecided(ledger, credit, creditId);
  await bookCredit(ledger, {
    creditId, credit, payer: request.payer, reason: request.reason ?? 'assigned by hand', decidedOn: today, how: 'AssignBankCredit',
  }, context);
  const key = await ledger.store.findKey(`AssignBankCredit:${creditId}`);
  const event = key ? await ledger.store.findEvent(key.eventId) : undefined;
  if (!event) throw new Error(`assignment of ${creditId} not found after recording it`);
  return { status: 'created', result: { eventId: event.eventId, type: event.type, streamId: event.streamId, revision: event.revision, position: event.position } };
}

/** The credit goes back to the payer (BankCreditReturned): no collection is booked for it. */
export async function returnBankCredit(ledger: Ledger, creditId: string, request: { reason: string; returnedOn: IsoDate }, context: CommandContext): Promise<CommandOutcome> {
  const credit = await findCredit(ledger, creditId);
  return ledger.execute({ command: 'ReturnBankCredit', data: { account: credit.account, creditId, reason: request.reason, returnedOn: request.returnedOn } }, { ...context, causationId: creditId });
}

/** An assignment recorded before, and not reversed, answers as a repeat does (200). */
async function repeated(ledger: Ledger, command: string, creditId: string): Promise<CommandOutcome | undefined> {
  const key = await ledger.store.findKey(`${command}:${creditId}`);
  if (!key) return undefined;
  const loaded = await ledger.states.load(key.streamId);
  if (loaded.state.facts.get(key.revision)?.reversed !== false) return undefined;
  const event = await ledger.store.findEvent(key.eventId);
  return event ? { status: 'duplicate', result: { eventId: event.eventId, type: event.type, streamId: event.streamId, revision: event.revision, position: event.position } } : undefined;
}

async function refuseDecided(ledger: Ledger, credit: BankCreditReceived, creditId: string): Promise<void> {
  const status = await creditStatus(ledger, credit.account, creditId);
  if (status && status !== 'unmatched') throw new DomainError('CREDIT_ALREADY_DECIDED', `bank credit ${creditId} is ${status}: reverse that decision first`);
}
