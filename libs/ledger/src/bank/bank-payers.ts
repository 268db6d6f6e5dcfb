import { indexPayers, type Payer, type PayerIndex, type PersonCollection, type PersonPayer } from '#bank';
import type { BankCreditDecision, BankCreditReceived, BookIssued, CardIssued, ContributionCollected, EmployerRegistered, EntryReversed, PersonRelocated } from '#domain';
import type { EventStore, RecordedEvent } from '#event-store';
import type { LedgerAreas } from '../ledger.js';

const PAGE = 5_000;
const BHXH_NUMBER = /^[0-9]{10}$/;
const PERSON_FACTS = ['BookIssued', 'CardIssued', 'PersonRelocated'];
const TYPES = ['EmployerRegistered', 'BankCreditReceived', 'BankCreditMatched', 'BankCreditAssigned', 'EntryReversed', 'ContributionCollected', ...PERSON_FACTS];

/**
 * The log's payer facts folded once, for every area, up to `position`. The fold keeps what the
 * whole-log scan (bank-payers.scan.ts) would read, in log order, so an index built from it is the
 * scan's index exactly; a reversal may come after the fact it undoes, so collections and decisions
 * are kept, not only the latest.
 */
class PayerFold {
  position = 0;
  readonly registrations: EmployerRegistered[] = [];
  /** Counterparty accounts of the credits that named one: all a decision needs of its credit. */
  readonly creditAccounts = new Map<string, string>();
  readonly decisions: { eventId: string; creditId: string; unitCode?: string }[] = [];
  readonly reversed = new Set<string>();
  /** Each person's latest area, in the order the log first named them (the scan's Map order). */
  readonly personArea = new Map<string, string>();
  readonly collections = new Map<string, { eventId: string; collection: PersonCollection }[]>();

  apply(event: RecordedEvent): void {
    if (event.type === 'EmployerRegistered') this.registrations.push(event.data as EmployerRegistered);
    else if (event.type === 'BankCreditReceived') {
      const account = (event.data as BankCreditReceived).counterparty.account;
      if (account) this.creditAccounts.set(event.eventId, account);
    } else if (event.type === 'EntryReversed') this.reversed.add((event.data as EntryReversed).eventId);
    else if (event.type === 'ContributionCollected') {
      const { payer, amount, areaCode } = event.data as ContributionCollected;
      if (payer.kind !== 'person' || !BHXH_NUMBER.test(payer.personId)) return;
      this.personArea.set(payer.personId, areaCode);
      const collection = { eventId: event.eventId, collection: { scheme: payer.scheme, amount, coverFrom: payer.coverFrom, coverTo: payer.coverTo } };
      const known = this.collections.get(payer.personId);
      if (known) known.push(collection);
      else this.collections.set(payer.personId, [collection]);
    } else if (PERSON_FACTS.includes(event.type)) {
      const fact = event.data as BookIssued | CardIssued | PersonRelocated;
      if (BHXH_NUMBER.test(fact.personId)) this.personArea.set(fact.personId, fact.areaCode);
    } else if (event.type === 'BankCreditMatched' || event.type === 'BankCreditAssigned') {
      const { creditId, unitCode } = event.data as BankCreditDecision;
      this.decisions.push({ eventId: event.eventId, creditId, ...(unitCode ? { unitCode } : {}) });
    }
  }

  indexFor(inArea: (area: string) => boolean): PayerIndex {
    // An employer registered again keeps its first place and takes its latest registration in the area.
    const payers = new Map<string, Payer>();
    for (const employer of this.registrations) {
      if (inArea(employer.areaCode)) payers.set(employer.unitCode, { unitCode: employer.unitCode, taxCode: employer.taxCode, names: [employer.name], accounts: [] });
    }
    // A reversed decision was wrong: its counterparty account teaches nothing.
    for (const { eventId, creditId, unitCode } of this.decisions) {
      if (this.reversed.has(eventId) || !unitCode) continue;
      const account = this.creditAccounts.get(creditId);
      if (account) payers.get(unitCode)?.accounts?.push(account);
    }
    return indexPayers([...payers.values()], this.persons(inArea));
  }

  /** Each person of the area with the unreversed collection of each scheme whose cover ends latest (the later recorded on a tie). */
  private persons(inArea: (area: string) => boolean): PersonPayer[] {
    const persons: PersonPayer[] = [];
    for (const [personId, area] of this.personArea) {
      if (!inArea(area)) continue;
      const latest: PersonCollection[] = [];
      for (const { eventId, collection } of this.collections.get(personId) ?? []) {
        if (this.reversed.has(eventId)) continue;
        const at = latest.findIndex((c) => c.scheme === collection.scheme);
        if (at < 0) latest.push(collection);
        else if (collection.coverTo >= latest[at].coverTo) latest[at] = collection;
      }
      persons.push({ personId, latest });
    }
    return persons;
  }
}

/** One fold per store of this process: the log only grows, in commit order, so a fold is extended, never redone. */
const folds = new WeakMap<EventStore, { fold: PayerFold; catchingUp?: Promise<void> }>();

async function caughtUp(store: EventStore): Promise<PayerFold> {
  let entry = folds.get(store);
  if (!entry) folds.set(store, (entry = { fold: new PayerFold() }));
  const { fold } = entry;
  // Imports running side by side share one catch-up: two would apply the same tail twice.
  while (entry.catchingUp) await entry.catchingUp;
  const done = (async () => {
    for (;;) {
      const page = await store.readAll({ fromPosition: fold.position + 1, limit: PAGE, types: TYPES });
      for (const event of page) fold.apply(event);
      if (page.length > 0) fold.position = page[page.length - 1]!.position;
      if (page.length < PAGE) break;
    }
  })();
  entry.catchingUp = done;
  try {
    await done;
  } finally {
    entry.catchingUp = undefined;
  }
  return fold;
}

/**
 * The payers a credit on an account of `areaCode` may come from: the employers registered in that area
 * (a credit for another province stays in suspense), with the counterparty accounts earlier matched or
 * assigned credits came from, and the persons with a 10-digit BHXH number whose latest book, card,
 * relocation or own collection lies in that area, with their latest unreversed collection of each
 * scheme. Read from the log, not a read model that may lag behind the import: the process's fold of it
 * (first import: the whole log once; later ones: only the events recorded since), then cut to the area.
 */
export async function payerIndexFor(store: EventStore, areas: Pick<LedgerAreas, 'isWithin'>, areaCode: string): Promise<PayerIndex> {
  const fold = await caughtUp(store);
  return fold.indexFor((area) => areas.isWithin(area, areaCode));
}
