import { indexPayers, type Payer, type PayerIndex } from '#bank';
import type { BankCreditDecision, BankCreditReceived, EmployerRegistered, EntryReversed } from '#domain';
import type { EventStore } from '#event-store';
import type { LedgerAreas } from '../ledger.js';

const PAGE = 5_000;

/**
 * The payers a credit on an account of `areaCode` may come from: the employers registered in that area
 * (a credit for another province stays in suspense), with the counterparty accounts earlier matched or
 * assigned credits came from. Read from the log, not a read model that may lag behind the import.
 */
export async function payerIndexFor(store: EventStore, areas: Pick<LedgerAreas, 'isWithin'>, areaCode: string): Promise<PayerIndex> {
  const payers = new Map<string, Payer>();
  const credits = new Map<string, BankCreditReceived>();
  const decisions: { eventId: string; data: BankCreditDecision }[] = [];
  const reversed = new Set<string>();
  for (let position = 1; ; ) {
    const page = await store.readAll({ fromPosition: position, limit: PAGE, types: ['EmployerRegistered', 'BankCreditReceived', 'BankCreditMatched', 'BankCreditAssigned', 'EntryReversed'] });
    for (const event of page) {
      if (event.type === 'EmployerRegistered') {
        const employer = event.data as EmployerRegistered;
        if (areas.isWithin(employer.areaCode, areaCode)) payers.set(employer.unitCode, { unitCode: employer.unitCode, taxCode: employer.taxCode, names: [employer.name], accounts: [] });
      } else if (event.type === 'BankCreditReceived') credits.set(event.eventId, event.data as BankCreditReceived);
      else if (event.type === 'EntryReversed') reversed.add((event.data as EntryReversed).eventId);
      else decisions.push({ eventId: event.eventId, data: event.data as BankCreditDecision });
    }
    if (page.length < PAGE) break;
    position = page[page.length - 1]!.position + 1;
  }
  // A reversed decision was wrong: its counterparty account teaches nothing.
  for (const { eventId, data: decision } of decisions.filter((d) => !reversed.has(d.eventId))) {
    const account = credits.get(decision.creditId)?.counterparty.account;
    if (account) payers.get(decision.unitCode)?.accounts?.push(account);
  }
  return indexPayers([...payers.values()]);
}
