import { indexPayers, type Payer, type PayerIndex, type PersonCollection, type PersonPayer } from '#bank';
import type { BankCreditDecision, BankCreditReceived, BookIssued, CardIssued, ContributionCollected, EmployerRegistered, EntryReversed, PersonRelocated } from '#domain';
import type { EventStore } from '#event-store';
import type { LedgerAreas } from '../ledger.js';

const PAGE = 5_000;
const BHXH_NUMBER = /^[0-9]{10}$/;
const PERSON_FACTS = ['BookIssued', 'CardIssued', 'PersonRelocated'];

/**
 * The payers a credit on an account of `areaCode` may come from: the employers registered in that area
 * (a credit for another province stays in suspense), with the counterparty accounts earlier matched or
 * assigned credits came from, and the persons with a 10-digit BHXH number whose latest book, card,
 * relocation or own collection lies in that area, with their latest unreversed collection of each
 * scheme. Read from the whole log in one pass: the oracle the incremental index (bank-payers.ts) is specified against.
 */
export async function payerIndexFromLog(store: EventStore, areas: Pick<LedgerAreas, 'isWithin'>, areaCode: string): Promise<PayerIndex> {
  const payers = new Map<string, Payer>();
  const credits = new Map<string, BankCreditReceived>();
  const decisions: { eventId: string; data: BankCreditDecision }[] = [];
  const reversed = new Set<string>();
  const personArea = new Map<string, string>();
  const collections: { eventId: string; personId: string; collection: PersonCollection }[] = [];
  for (let position = 1; ; ) {
    const page = await store.readAll({
      fromPosition: position, limit: PAGE,
      types: ['EmployerRegistered', 'BankCreditReceived', 'BankCreditMatched', 'BankCreditAssigned', 'EntryReversed', 'ContributionCollected', ...PERSON_FACTS],
    });
    for (const event of page) {
      if (event.type === 'EmployerRegistered') {
        const employer = event.data as EmployerRegistered;
        if (areas.isWithin(employer.areaCode, areaCode)) payers.set(employer.unitCode, { unitCode: employer.unitCode, taxCode: employer.taxCode, names: [employer.name], accounts: [] });
      } else if (event.type === 'BankCreditReceived') credits.set(event.eventId, event.data as BankCreditReceived);
      else if (event.type === 'EntryReversed') reversed.add((event.data as EntryReversed).eventId);
      else if (event.type === 'ContributionCollected') {
        const { payer, amount, areaCode: collectedIn } = event.data as ContributionCollected;
        if (payer.kind !== 'person' || !BHXH_NUMBER.test(payer.personId)) continue;
        personArea.set(payer.personId, collectedIn);
        collections.push({ eventId: event.eventId, personId: payer.personId, collection: { scheme: payer.scheme, amount, coverFrom: payer.coverFrom, coverTo: payer.coverTo } });
      } else if (PERSON_FACTS.includes(event.type)) {
        const fact = event.data as BookIssued | CardIssued | PersonRelocated;
        if (BHXH_NUMBER.test(fact.personId)) personArea.set(fact.personId, fact.areaCode);
      } else decisions.push({ eventId: event.eventId, data: event.data as BankCreditDecision });
    }
    if (page.length < PAGE) break;
    position = page[page.length - 1]!.position + 1;
  }
  // A reversed decision was wrong: its counterparty account teaches nothing.
  for (const { eventId, data: decision } of decisions.filter((d) => !reversed.has(d.eventId))) {
    const account = credits.get(decision.creditId)?.counterparty.account;
    if (account && decision.unitCode) payers.get(decision.unitCode)?.accounts?.push(account);
  }
  return indexPayers([...payers.values()], personsOf(personArea, collections, reversed, (area) => areas.isWithin(area, areaCode)));
}

/** Each person of the area with the unreversed collection of each scheme whose cover ends latest (the later recorded on a tie). */
function personsOf(
  personArea: Map<string, string>, collections: { eventId: string; personId: string; collection: PersonCollection }[], reversed: Set<string>, inArea: (area: string) => boolean,
): PersonPayer[] {
  const persons = new Map<string, PersonPayer>();
  for (const [personId, area] of personArea) if (inArea(area)) persons.set(personId, { personId, latest: [] });
  for (const { eventId, personId, collection } of collections) {
    const person = persons.get(personId);
    if (!person || reversed.has(eventId)) continue;
    const at = person.latest.findIndex((c) => c.scheme === collection.scheme);
    if (at < 0) person.latest.push(collection);
    else if (collection.coverTo >= person.latest[at].coverTo) person.latest[at] = collection;
  }
  return [...persons.values()];
}
